/**
 * Healthy or degraded: a successful login is degraded when the total or any phase with its own
 * threshold took longer than allowed. Degraded is not failed: users can still sign in.
 */
import type { HealthSettings } from '../config/config.js';
import { FAILURE_EXIT_CODES } from '../errors.js';
import type { HealthPhases, HealthResult, PhaseName, ThresholdBreach } from './types.js';

export function findBreaches(phases: HealthPhases, settings: Pick<HealthSettings, 'degradedMs' | 'phaseDegradedMs'>): ThresholdBreach[] {
  const checks: Array<[PhaseName, number | undefined, number | undefined]> = [
    ['login_screen', phases.loginScreenMs, settings.phaseDegradedMs.loginScreen],
    ['sign_in', phases.signInMs, settings.phaseDegradedMs.signIn],
    ['token_exchange', phases.tokenExchangeMs, settings.phaseDegradedMs.tokenExchange],
    ['total', phases.totalMs, settings.degradedMs],
  ];
  const breaches: ThresholdBreach[] = [];
  for (const [phase, ms, thresholdMs] of checks) {
    if (ms !== undefined && thresholdMs !== undefined && ms > thresholdMs) breaches.push({ phase, ms, thresholdMs });
  }
  return breaches;
}

export function timingStatus(breaches: readonly ThresholdBreach[]): 'healthy' | 'degraded' {
  return breaches.length === 0 ? 'healthy' : 'degraded';
}

/** DESIGN.md: 0 healthy, 1 degraded, otherwise the failure reason's code (3 credentials, 4 server, 5 timeout/network, 6 contract). */
export function exitCodeFor(result: Pick<HealthResult, 'status' | 'reason'>): number {
  if (result.status === 'healthy') return 0;
  if (result.status === 'degraded') return 1;
  return FAILURE_EXIT_CODES[result.reason ?? 'unexpected_page'];
}
