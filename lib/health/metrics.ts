/**
 * The result in Prometheus text exposition format, for node_exporter's textfile collector. Every
 * status and reason is written as 0 or 1 so that no series goes stale between runs.
 */
import { writeFileAtomic } from '../atomic-file.js';
import { HEALTH_FAILURE_REASONS, type HealthResult, type HealthStatus, type PhaseName } from './types.js';

const STATUSES: readonly HealthStatus[] = ['healthy', 'degraded', 'failed'];

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(pairs: Record<string, string>): string {
  return `{${Object.entries(pairs)
    .map(([name, value]) => `${name}="${escapeLabel(value)}"`)
    .join(',')}}`;
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(3));

export function renderMetrics(result: HealthResult, lastSuccessAt: Date | undefined): string {
  const target = { target: result.target };
  const lines: string[] = [];
  const metric = (name: string, help: string, samples: Array<[Record<string, string>, number]>) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const [extra, value] of samples) lines.push(`${name}${labels({ ...target, ...extra })} ${value}`);
  };

  metric('login_health_up', 'Whether the test user could sign in (healthy or degraded).', [[{}, result.status === 'failed' ? 0 : 1]]);
  metric(
    'login_health_status',
    'Status of the last login health check, one series per status.',
    STATUSES.map((status) => [{ status }, result.status === status ? 1 : 0]),
  );
  metric(
    'login_health_failure_reason',
    'Why the last login health check failed, one series per reason.',
    HEALTH_FAILURE_REASONS.map((reason) => [{ reason }, result.reason === reason ? 1 : 0]),
  );
  const phases: Array<[PhaseName, number | undefined]> = [
    ['login_screen', result.phases.loginScreenMs],
    ['sign_in', result.phases.signInMs],
    ['mfa', result.phases.mfaMs],
    ['token_exchange', result.phases.tokenExchangeMs],
    ['total', result.phases.totalMs],
  ];
  metric(
    'login_health_phase_duration_seconds',
    'Duration of each phase of the last attempt (phases that did not run are left out).',
    phases.filter((entry): entry is [PhaseName, number] => entry[1] !== undefined).map(([phase, ms]) => [{ phase }, seconds(ms)]),
  );
  metric('login_health_attempts', 'Attempts the last check made (retries follow only timeouts and network failures).', [[{}, result.attempts]]);
  metric('login_health_last_run_timestamp_seconds', 'When the last check started, in Unix seconds.', [[{}, Math.floor(result.startedAt.getTime() / 1000)]]);
  if (lastSuccessAt !== undefined) {
    metric('login_health_last_success_timestamp_seconds', 'When a check last signed in successfully, in Unix seconds.', [[{}, Math.floor(lastSuccessAt.getTime() / 1000)]]);
  }
  return `${lines.join('\n')}\n`;
}

export async function writeMetricsFile(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text, 0o644);
}
