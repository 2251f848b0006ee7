/**
 * The result in Prometheus text exposition format, for node_exporter's textfile collector and the
 * Pushgateway. Every status and reason is written as 0 or 1 so that no series goes stale between
 * runs; every sample has a `target` label (one run may check many targets). A configuration error
 * is written too (up 0, reason "config"), so a collector never keeps serving an old `up 1`.
 */
import { writeFileAtomic } from '../platform/atomic-file.js';
import { safeLabel } from '../redaction/safe-url.js';
import { HEALTH_FAILURE_REASONS, type HealthResult, type HealthStatus, type PhaseName } from './types.js';

const STATUSES: readonly HealthStatus[] = ['healthy', 'degraded', 'failed'];

/** What `login_health_failure_reason` can say: the login's reasons and the harness's own configuration. */
export const METRIC_REASONS = [...HEALTH_FAILURE_REASONS, 'config'] as const;
export type MetricReason = (typeof METRIC_REASONS)[number];

/** Every metric the check writes; the dashboard and the alert rules may name only these (tested). */
export const METRIC_NAMES = [
  'login_health_up',
  'login_health_status',
  'login_health_failure_reason',
  'login_health_duration_seconds',
  'login_health_phase_duration_seconds',
  'login_health_attempts',
  'login_health_last_run_timestamp_seconds',
  'login_health_last_success_timestamp_seconds',
  'login_health_consecutive_failures',
] as const;

/** One target's sample set: a login result, or a configuration error that stopped the run before any login. */
export type MetricsEntry =
  | { kind: 'result'; result: HealthResult; lastSuccessAt: Date | undefined; consecutiveFailures: number }
  | { kind: 'config'; target: string; at: Date; lastSuccessAt: Date | undefined; consecutiveFailures: number };

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(pairs: Record<string, string>): string {
  return `{${Object.entries(pairs)
    .map(([name, value]) => `${name}="${escapeLabel(name === 'target' ? safeLabel(value) : value)}"`)
    .join(',')}}`;
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(3));
const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

interface Facts {
  target: string;
  up: 0 | 1;
  status: HealthStatus;
  reason: MetricReason | undefined;
  durationMs: number | undefined;
  phases: Array<[Exclude<PhaseName, 'total'>, number]>;
  attempts: number;
  lastRunAt: Date;
  lastSuccessAt: Date | undefined;
  consecutiveFailures: number;
}

function factsOf(entry: MetricsEntry): Facts {
  if (entry.kind === 'config') {
    return { target: entry.target, up: 0, status: 'failed', reason: 'config', durationMs: undefined, phases: [], attempts: 0, lastRunAt: entry.at, lastSuccessAt: entry.lastSuccessAt, consecutiveFailures: entry.consecutiveFailures };
  }
  const { result } = entry;
  const phases: Array<[Exclude<PhaseName, 'total'>, number | undefined]> = [
    ['login_screen', result.phases.loginScreenMs],
    ['sign_in', result.phases.signInMs],
    ['mfa', result.phases.mfaMs],
    ['token_exchange', result.phases.tokenExchangeMs],
    ['api', result.phases.apiMs],
  ];
  return {
    target: result.target,
    up: result.status === 'failed' ? 0 : 1,
    status: result.status,
    reason: result.reason,
    durationMs: result.phases.totalMs,
    phases: phases.filter((entry): entry is [Exclude<PhaseName, 'total'>, number] => entry[1] !== undefined),
    attempts: result.attempts,
    lastRunAt: result.startedAt,
    lastSuccessAt: entry.lastSuccessAt,
    consecutiveFailures: entry.consecutiveFailures,
  };
}

/** All targets in one exposition: each metric family once (HELP, TYPE), then a sample per target. */
export function renderMetricsFor(entries: readonly MetricsEntry[]): string {
  const all = entries.map(factsOf);
  const lines: string[] = [];
  const metric = (name: (typeof METRIC_NAMES)[number], help: string, samples: (facts: Facts) => Array<[Record<string, string>, number]>) => {
    const rows = all.flatMap((facts) => samples(facts).map(([extra, value]) => `${name}${labels({ target: facts.target, ...extra })} ${value}`));
    if (rows.length === 0) return;
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...rows);
  };

  metric('login_health_up', 'Whether the test user could sign in (healthy or degraded).', (f) => [[{}, f.up]]);
  metric('login_health_status', 'Status of the last login health check, one series per status.', (f) => STATUSES.map((status) => [{ status }, f.status === status ? 1 : 0]));
  metric('login_health_failure_reason', 'Why the last login health check failed, one series per reason ("config": the check itself is misconfigured).', (f) =>
    METRIC_REASONS.map((reason) => [{ reason }, f.reason === reason ? 1 : 0]),
  );
  metric('login_health_duration_seconds', 'Duration of the last attempt, authorize URL opened to last phase done.', (f) => (f.durationMs === undefined ? [] : [[{}, seconds(f.durationMs)]]));
  metric('login_health_phase_duration_seconds', 'Duration of each phase of the last attempt (phases that did not run are left out; the total is login_health_duration_seconds).', (f) =>
    f.phases.map(([phase, ms]) => [{ phase }, seconds(ms)]),
  );
  metric('login_health_attempts', 'Attempts the last check made (retries follow only timeouts and network failures).', (f) => [[{}, f.attempts]]);
  metric('login_health_last_run_timestamp_seconds', 'When the last check started, in Unix seconds.', (f) => [[{}, unixSeconds(f.lastRunAt)]]);
  metric('login_health_last_success_timestamp_seconds', 'When a check last signed in successfully, in Unix seconds.', (f) => (f.lastSuccessAt === undefined ? [] : [[{}, unixSeconds(f.lastSuccessAt)]]));
  metric('login_health_consecutive_failures', 'Failed checks in a row, the last one included (0 after a check that signed in).', (f) => [[{}, f.consecutiveFailures]]);
  return `${lines.join('\n')}\n`;
}

/** One target's result (the single-target run). */
export function renderMetrics(result: HealthResult, lastSuccessAt: Date | undefined, consecutiveFailures: number): string {
  return renderMetricsFor([{ kind: 'result', result, lastSuccessAt, consecutiveFailures }]);
}

export async function writeMetricsFile(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text, 0o644);
}
