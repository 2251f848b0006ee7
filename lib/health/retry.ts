/**
 * When another attempt is worth it. Only a timeout or a network failure can pass by itself; a
 * rejected password retried is one step closer to locking the test account (5 failures in Cognito).
 */
import { TRANSIENT_REASONS } from '../errors.js';
import type { HealthFailureReason } from './types.js';

export const DEFAULT_RETRY_BACKOFF_MS = 2_000;

export function isRetryable(reason: HealthFailureReason): boolean {
  return TRANSIENT_REASONS.has(reason);
}

/** Exponential back-off: the wait after failed attempt n (1-based) is base × 2^(n−1). */
export function backoffMs(failedAttempt: number, baseMs: number): number {
  return baseMs * 2 ** (failedAttempt - 1);
}
