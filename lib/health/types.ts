/**
 * The vocabulary of the login health check: what one run reports, in the names DESIGN.md and the
 * issue use (healthy / degraded / failed with a reason).
 */
import type { FailureReason } from '../errors.js';

export type HealthStatus = 'healthy' | 'degraded' | 'failed';

/** The reasons a login can fail for; configuration and usage errors are the harness's, not the service's. */
export const HEALTH_FAILURE_REASONS = [
  'credentials_rejected',
  'account_locked',
  'mfa_required',
  'mfa_rejected',
  'mfa_setup_required',
  'mfa_unsupported',
  'password_change_required',
  'server_error',
  'authorization_error',
  'unexpected_page',
  'bad_code',
  'state_mismatch',
  'redirect_mismatch',
  'token_error',
  'api_error',
  'timeout',
  'network',
] as const satisfies readonly FailureReason[];

export type HealthFailureReason = (typeof HEALTH_FAILURE_REASONS)[number];

export function isHealthFailureReason(reason: string): reason is HealthFailureReason {
  return (HEALTH_FAILURE_REASONS as readonly string[]).includes(reason);
}

export type PhaseName = 'login_screen' | 'sign_in' | 'mfa' | 'token_exchange' | 'api' | 'total';

/** Durations in ms; undefined when the phase did not run (failed before it, or no client secret). */
export interface HealthPhases {
  loginScreenMs: number | undefined;
  signInMs: number | undefined;
  /** the one-time-code step (part of sign-in); undefined when no code was asked for */
  mfaMs?: number | undefined;
  tokenExchangeMs: number | undefined;
  /** GET /v1.0/me on the platform API with the fresh access token; undefined when the probe is off or did not run */
  apiMs?: number | undefined;
  /** authorize URL opened → last phase done (browser start excluded: it says nothing about the service) */
  totalMs: number;
}

export interface ThresholdBreach {
  phase: PhaseName;
  ms: number;
  thresholdMs: number;
}

export interface HealthResult {
  status: HealthStatus;
  reason: HealthFailureReason | undefined;
  /** one line for people: why it failed or what was slow; never holds a secret */
  message: string | undefined;
  /** the `target` label: the target's name from a targets file, else the stage's URL or "embedded local server" */
  target: string;
  /** with a targets file: where the target signs in (safe to print), when it differs from `target` */
  endpoint?: string | undefined;
  /** the API probe: skipped when not enabled (HEALTH_API_CHECK / the target's apiCheck) */
  apiCheck?: 'passed' | 'failed' | 'skipped' | undefined;
  startedAt: Date;
  /** the whole run, retries and back-off included */
  durationMs: number;
  /** of the last attempt */
  phases: HealthPhases;
  exceeded: ThresholdBreach[];
  attempts: number;
  /** screenshot and trace of failed attempts */
  artifacts: string[];
  /** why evidence of a failed attempt is missing (no time left in the budget, a page that shows the password) */
  evidenceNotes?: string[];
}
