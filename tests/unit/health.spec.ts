import { test, expect } from '../../fixtures/index.js';
import { alertFor, alertText } from '../../lib/health/alert.js';
import { exitCodeFor, findBreaches, timingStatus } from '../../lib/health/classify.js';
import { renderMetrics } from '../../lib/health/metrics.js';
import { markdownSummary, summaryLine, toHealthJson } from '../../lib/health/report.js';
import { isSafeText } from '../../lib/redaction/output-text.js';
import { backoffMs, isRetryable } from '../../lib/health/retry.js';
import { failuresInARow } from '../../lib/health/state.js';
import { HEALTH_FAILURE_REASONS } from '../../lib/health/types.js';
import { healthResult } from './health-result.js';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';
import { DESIGN_EXIT_CODES } from './design-contract.js';

const thresholds = { degradedMs: 5_000, phaseDegradedMs: { loginScreen: undefined, signIn: 1_000, tokenExchange: undefined } };

const result = healthResult;

test.describe('health classification', () => {
  test('a login within every threshold is healthy', () => {
    const breaches = findBreaches({ loginScreenMs: 300, signInMs: 1_000, tokenExchangeMs: 100, totalMs: 5_000 }, thresholds);
    expect(breaches).toEqual([]);
    expect(timingStatus(breaches)).toBe('healthy');
  });

  test('the total or a phase above its threshold is degraded, naming what was slow', () => {
    expect(findBreaches({ loginScreenMs: 300, signInMs: 700, tokenExchangeMs: 100, totalMs: 5_001 }, thresholds)).toEqual([{ phase: 'total', ms: 5_001, thresholdMs: 5_000 }]);
    const slowSignIn = findBreaches({ loginScreenMs: 300, signInMs: 1_001, tokenExchangeMs: 100, totalMs: 1_500 }, thresholds);
    expect(slowSignIn).toEqual([{ phase: 'sign_in', ms: 1_001, thresholdMs: 1_000 }]);
    expect(timingStatus(slowSignIn)).toBe('degraded');
  });

  test('a phase without its own threshold, or that did not run, never degrades', () => {
    expect(findBreaches({ loginScreenMs: 4_000, signInMs: undefined, tokenExchangeMs: undefined, totalMs: 4_000 }, thresholds)).toEqual([]);
  });

  test('exit codes follow DESIGN.md', () => {
    expect(exitCodeFor({ status: 'healthy', reason: undefined })).toBe(0);
    expect(exitCodeFor({ status: 'degraded', reason: undefined })).toBe(1);
    const codes = Object.fromEntries(HEALTH_FAILURE_REASONS.map((reason) => [reason, exitCodeFor({ status: 'failed', reason })]));
    expect(codes).toEqual(Object.fromEntries(HEALTH_FAILURE_REASONS.map((reason) => [reason, DESIGN_EXIT_CODES[reason]])));
    // Every reason but the harness's own (usage/config problems, internal bugs) is a health failure reason.
    expect([...HEALTH_FAILURE_REASONS].sort()).toEqual(Object.keys(DESIGN_EXIT_CODES).filter((reason) => !['usage', 'config', 'internal'].includes(reason)).sort());
  });
});

test.describe('health retry policy', () => {
  test('only timeouts and network failures are retried', () => {
    expect(HEALTH_FAILURE_REASONS.filter(isRetryable)).toEqual(['timeout', 'network']);
  });

  test('back-off doubles after each failed attempt', () => {
    expect([1, 2, 3].map((attempt) => backoffMs(attempt, 500))).toEqual([500, 1_000, 2_000]);
  });
});

test.describe('health alerts', () => {
  test('fire on failure and on recovery only', () => {
    const state = (status: 'healthy' | 'degraded' | 'failed') => ({ status, since: '2025-01-01T00:00:00.000Z', last_success_at: null });
    expect(alertFor(undefined, { status: 'healthy' })).toBeUndefined();
    expect(alertFor(undefined, { status: 'failed' })).toBe('failure');
    expect(alertFor(state('healthy'), { status: 'failed' })).toBe('failure');
    expect(alertFor(state('degraded'), { status: 'failed' })).toBe('failure');
    expect(alertFor(state('failed'), { status: 'failed' })).toBeUndefined();
    expect(alertFor(state('failed'), { status: 'healthy' })).toBe('recovery');
    expect(alertFor(state('failed'), { status: 'degraded' })).toBe('recovery');
    expect(alertFor(state('healthy'), { status: 'healthy' })).toBeUndefined();
    expect(alertFor(state('healthy'), { status: 'degraded' })).toBeUndefined();
  });

  test('messages name the target, the reason and how long it was failing', () => {
    const failed = result({ status: 'failed', reason: 'server_error', message: 'login service answered HTTP 500 on POST /login', attempts: 2 });
    expect(alertText('failure', failed, undefined)).toBe(
      ':red_circle: RayTeams login is failing at https://oauth-ap-northeast-2-development.rayteams.com: server_error after 2 attempts. login service answered HTTP 500 on POST /login',
    );
    expect(alertText('recovery', result(), { status: 'failed', since: '2025-01-02T02:00:00.000Z', last_success_at: null })).toBe(
      ':large_green_circle: RayTeams login recovered at https://oauth-ap-northeast-2-development.rayteams.com: healthy in 1200 ms (failing since 2025-01-02T02:00:00.000Z).',
    );
  });
});

test.describe('failed runs in a row', () => {
  test('counts from the state file, resets on a run that signed in, and reads state files without the count', () => {
    const state = (status: 'healthy' | 'failed', count: number) => ({ status, since: '2025-01-01T00:00:00.000Z', last_success_at: null, failures_in_a_row: count });
    // A file written before the count existed: status, since and last success only.
    const older = (status: 'healthy' | 'failed') => ({ status, since: '2025-01-01T00:00:00.000Z', last_success_at: null });
    expect(failuresInARow(undefined, true)).toBe(1);
    expect(failuresInARow(state('healthy', 0), true)).toBe(1);
    expect(failuresInARow(state('failed', 1), true)).toBe(2);
    expect(failuresInARow(state('failed', 4), false)).toBe(0);
    // It says whether the run before failed, no more.
    expect(failuresInARow(older('failed'), true)).toBe(2);
    expect(failuresInARow(older('healthy'), true)).toBe(1);
  });
});

test.describe('health metrics', () => {
  test('a healthy result is valid Prometheus text with every documented metric', () => {
    const families = parsePrometheusText(renderMetrics(result(), new Date('2025-01-02T03:04:05.678Z'), 0));
    expect([...families.keys()]).toEqual([
      'login_health_up',
      'login_health_status',
      'login_health_failure_reason',
      'login_health_duration_seconds',
      'login_health_phase_duration_seconds',
      'login_health_attempts',
      'login_health_last_run_timestamp_seconds',
      'login_health_last_success_timestamp_seconds',
      'login_health_consecutive_failures',
    ]);
    for (const family of families.values()) expect(family.type).toBe('gauge');
    expect(sampleValue(families, 'login_health_up')).toBe(1);
    expect(sampleValue(families, 'login_health_status', { status: 'healthy' })).toBe(1);
    expect(sampleValue(families, 'login_health_status', { status: 'failed' })).toBe(0);
    expect(sampleValue(families, 'login_health_phase_duration_seconds', { phase: 'sign_in' })).toBe(0.7);
    expect(sampleValue(families, 'login_health_duration_seconds')).toBe(1.2);
    // The total is not a phase: a sum over phase would count it twice.
    expect(families.get('login_health_phase_duration_seconds')?.samples.map((s) => s.labels.phase)).toEqual(['login_screen', 'sign_in', 'token_exchange']);
    expect(sampleValue(families, 'login_health_last_success_timestamp_seconds')).toBe(1_735_787_045);
    expect(families.get('login_health_up')?.samples[0]?.labels).toEqual({ target: 'https://oauth-ap-northeast-2-development.rayteams.com' });
  });

  test('a failure sets up to 0, one reason to 1, leaves out phases that did not run and keeps the last success', () => {
    const failed = result({ status: 'failed', reason: 'network', phases: { loginScreenMs: undefined, signInMs: undefined, tokenExchangeMs: undefined, totalMs: 40 }, attempts: 3 });
    const families = parsePrometheusText(renderMetrics(failed, undefined, 3));
    expect(sampleValue(families, 'login_health_up')).toBe(0);
    expect(sampleValue(families, 'login_health_status', { status: 'failed' })).toBe(1);
    expect(families.get('login_health_failure_reason')?.samples.filter((s) => s.value === 1).map((s) => s.labels.reason)).toEqual(['network']);
    expect(families.has('login_health_phase_duration_seconds')).toBe(false);
    expect(sampleValue(families, 'login_health_duration_seconds')).toBe(0.04);
    expect(sampleValue(families, 'login_health_attempts')).toBe(3);
    expect(families.has('login_health_last_success_timestamp_seconds')).toBe(false);
    expect(sampleValue(families, 'login_health_consecutive_failures')).toBe(3);
  });

  test('label values are escaped', () => {
    const families = parsePrometheusText(renderMetrics(result({ target: 'odd "name"\\ with\nnewline' }), undefined, 0));
    expect(families.get('login_health_up')?.samples[0]?.labels.target).toBe('odd "name"\\ with\nnewline');
  });

  test('the parser rejects what the textfile collector would reject', () => {
    expect(() => parsePrometheusText('login_health_up 1\n')).toThrow('before its TYPE');
    expect(() => parsePrometheusText('# TYPE x gauge\nx{a="b} 1\n')).toThrow('not a valid sample line');
    expect(() => parsePrometheusText('# TYPE x gauge\nx one\n')).toThrow('not a valid sample line');
    expect(() => parsePrometheusText('# TYPE x gauge\nx 1')).toThrow('newline');
  });
});

test.describe('health report', () => {
  test('the summary line says status, timings, target and attempts', () => {
    expect(summaryLine(result())).toBe(
      'login health: healthy in 1200 ms (login screen 300 ms, sign-in 700 ms, token exchange 120 ms) at https://oauth-ap-northeast-2-development.rayteams.com, 1 attempt',
    );
    expect(summaryLine(result({ status: 'degraded', exceeded: [{ phase: 'sign_in', ms: 700, thresholdMs: 500 }] }))).toContain('DEGRADED (sign-in 700 ms > 500 ms) in 1200 ms');
    expect(summaryLine(result({ status: 'failed', reason: 'timeout', message: 'no callback within 30000 ms', attempts: 2 }))).toBe(
      'login health: FAILED [timeout] after 1500 ms at https://oauth-ap-northeast-2-development.rayteams.com, 2 attempts: no callback within 30000 ms',
    );
  });

  test('evidence notes are printed like the message: no escape sequence, workflow command or line break of what they quote, no table cell broken', () => {
    const note = 'attempt 1: screenshot and trace skipped: \u001b[31mred\u001b[0m | a\n::error::forged';
    const failed = result({ status: 'failed', reason: 'timeout', message: 'no callback', evidenceNotes: [note] });

    const [printed] = toHealthJson(failed).evidence_notes ?? [];
    expect(printed).toBeDefined();
    expect(isSafeText(printed ?? '')).toBe(true);
    expect(printed).toContain('screenshot and trace skipped');
    expect(markdownSummary(failed)).not.toContain('\u001b');
    expect(markdownSummary(failed)).not.toContain('\n::error::');
    expect(markdownSummary(failed)).toContain('red \\| a');
  });

  test('the JSON has the documented fields, null for what did not happen', () => {
    const json = toHealthJson(result({ phases: { loginScreenMs: 300, signInMs: 700, tokenExchangeMs: undefined, totalMs: 1_000 } }));
    expect(json).toEqual({
      status: 'healthy',
      reason: null,
      message: null,
      target: 'https://oauth-ap-northeast-2-development.rayteams.com',
      started_at: '2025-01-02T03:04:05.678Z',
      duration_ms: 1_500,
      phases: { login_screen_ms: 300, sign_in_ms: 700, token_exchange_ms: null, api_ms: null, total_ms: 1_000 },
      api_check: 'skipped',
      thresholds_exceeded: [],
      attempts: 1,
      artifacts: [],
    });
  });
});
