/**
 * The result for people (one line on stderr, a Markdown table for the GitHub job summary) and for
 * machines (the --json object). All of it is built from names, numbers and safe messages only.
 */
import { safeText } from '../redaction/output-text.js';
import { safeLabel } from '../redaction/safe-url.js';
import type { HealthResult, PhaseName } from './types.js';

/** The target and the message as they may be printed: results also come from a watchdog or a caller's label. */
const target = (result: HealthResult) => safeText(safeLabel(result.target), 200);
const message = (result: HealthResult) => (result.message === undefined ? undefined : safeText(result.message, 2_000));
/** Evidence notes may quote an error (a browser's, a file system's): printed like the message. */
const evidenceNotes = (result: HealthResult) => (result.evidenceNotes ?? []).map((note) => safeText(note, 500));

const PHASE_LABELS: Record<PhaseName, string> = { login_screen: 'login screen', sign_in: 'sign-in', mfa: 'MFA', token_exchange: 'token exchange', api: 'user API', total: 'total' };

const ms = (value: number | undefined) => (value === undefined ? '–' : `${value} ms`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function phaseList(result: HealthResult): string {
  const { phases } = result;
  const parts = [
    phases.loginScreenMs !== undefined ? `login screen ${phases.loginScreenMs} ms` : undefined,
    phases.signInMs !== undefined ? `sign-in ${phases.signInMs} ms` : undefined,
    phases.tokenExchangeMs !== undefined ? `token exchange ${phases.tokenExchangeMs} ms` : undefined,
    phases.apiMs !== undefined ? `user API ${phases.apiMs} ms` : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

export function summaryLine(result: HealthResult): string {
  const where = `at ${target(result)}, ${plural(result.attempts, 'attempt')}`;
  if (result.status === 'failed') {
    return `login health: FAILED [${result.reason ?? 'unknown'}] after ${result.durationMs} ms ${where}: ${message(result) ?? ''}`.trimEnd();
  }
  const slow = result.exceeded.map((b) => `${PHASE_LABELS[b.phase]} ${b.ms} ms > ${b.thresholdMs} ms`).join(', ');
  const status = result.status === 'degraded' ? `DEGRADED (${slow})` : 'healthy';
  return `login health: ${status} in ${result.phases.totalMs} ms${phaseList(result)} ${where}`;
}

export function markdownSummary(result: HealthResult): string {
  const icon = result.status === 'healthy' ? '✅' : result.status === 'degraded' ? '🟡' : '❌';
  const rows = [
    ['status', `${icon} ${result.status}${result.reason ? ` (\`${result.reason}\`)` : ''}`],
    ['target', target(result).replace(/\|/g, '\\|')],
    ['started at', result.startedAt.toISOString()],
    ['login screen', ms(result.phases.loginScreenMs)],
    ['sign-in', ms(result.phases.signInMs)],
    ['token exchange', ms(result.phases.tokenExchangeMs)],
    ['user API (GET /me)', result.apiCheck === 'skipped' || result.apiCheck === undefined ? 'skipped' : ms(result.phases.apiMs)],
    ['total (last attempt)', ms(result.phases.totalMs)],
    ['attempts', String(result.attempts)],
  ];
  const text = message(result);
  if (text) rows.push(['message', text.replace(/\|/g, '\\|')]);
  for (const note of evidenceNotes(result)) rows.push(['evidence', note.replace(/\|/g, '\\|')]);
  for (const breach of result.exceeded) rows.push([`slow: ${PHASE_LABELS[breach.phase]}`, `${breach.ms} ms > ${breach.thresholdMs} ms`]);
  return ['## Login health check', '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), ''].join('\n');
}

export interface HealthJson {
  status: HealthResult['status'];
  reason: string | null;
  message: string | null;
  target: string;
  /** with a targets file: where the named target signs in */
  endpoint?: string;
  started_at: string;
  duration_ms: number;
  phases: { login_screen_ms: number | null; sign_in_ms: number | null; mfa_ms?: number; token_exchange_ms: number | null; api_ms: number | null; total_ms: number };
  api_check: 'passed' | 'failed' | 'skipped';
  thresholds_exceeded: Array<{ phase: PhaseName; ms: number; threshold_ms: number }>;
  attempts: number;
  artifacts: string[];
  /** why evidence is missing; only when some is */
  evidence_notes?: string[];
}

export function toHealthJson(result: HealthResult): HealthJson {
  return {
    status: result.status,
    reason: result.reason ?? null,
    message: message(result) ?? null,
    target: target(result),
    ...(result.endpoint !== undefined ? { endpoint: safeText(safeLabel(result.endpoint), 200) } : {}),
    started_at: result.startedAt.toISOString(),
    duration_ms: result.durationMs,
    phases: {
      login_screen_ms: result.phases.loginScreenMs ?? null,
      sign_in_ms: result.phases.signInMs ?? null,
      ...(result.phases.mfaMs !== undefined ? { mfa_ms: result.phases.mfaMs } : {}),
      token_exchange_ms: result.phases.tokenExchangeMs ?? null,
      api_ms: result.phases.apiMs ?? null,
      total_ms: result.phases.totalMs,
    },
    api_check: result.apiCheck ?? 'skipped',
    thresholds_exceeded: result.exceeded.map((b) => ({ phase: b.phase, ms: b.ms, threshold_ms: b.thresholdMs })),
    attempts: result.attempts,
    artifacts: result.artifacts,
    ...(evidenceNotes(result).length > 0 ? { evidence_notes: evidenceNotes(result) } : {}),
  };
}

/** Several targets in one job summary: one row each, the worst first. */
export function markdownTable(results: readonly HealthResult[]): string {
  const icon = (status: HealthResult['status']) => (status === 'healthy' ? '✅' : status === 'degraded' ? '🟡' : '❌');
  const order = { failed: 0, degraded: 1, healthy: 2 } as const;
  const rows = [...results]
    .sort((a, b) => order[a.status] - order[b.status] || a.target.localeCompare(b.target))
    .map((r) => `| ${target(r).replace(/\|/g, '\\|')} | ${icon(r.status)} ${r.status}${r.reason ? ` (\`${r.reason}\`)` : ''} | ${ms(r.phases.totalMs)} | ${r.attempts} | ${(message(r) ?? '').replace(/\|/g, '\\|')} |`);
  return ['## Login health check', '', '| target | status | total | attempts | message |', '|---|---|---|---|---|', ...rows, ''].join('\n');
}
