import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { TestInfo } from '@playwright/test';
import { test, expect } from '../../fixtures/index.js';
import { loadConfig, type HarnessConfig } from '../../lib/config/config.js';
import type { Logger } from '../../lib/platform/log.js';
import { runHealthCheck, type HealthCheckOptions } from '../../lib/health/run.js';
import { scanArtifacts } from '../../lib/redaction/redact.js';
import type { HealthFailureReason } from '../../lib/health/types.js';
import { startMockServer } from '../../mock-server/index.js';
import { parsePrometheusText, sampleValue } from '../unit/prometheus-text.js';
import { EMPTY_ENV_FILE, runNpmScript, runScript } from './run-cli.js';

const LOCAL_PASSWORD = 'Local-Pa55word!';

// The runner would trace and screenshot every context of the shared browser itself: the check
// starts its own traces, and the runner's screenshot on close waits out a hung navigation.
test.use({ trace: 'off', screenshot: 'off' });
/** The check's whole budget (attempts, retries, evidence): roomy, since these tests fail fast or not at all. */
const ATTEMPT_TIMEOUT_MS = 20_000;

/**
 * Outside test-results/: Playwright empties that folder when any run starts, and other specs run
 * at the same time on this machine.
 */
function scratchDir(testInfo: TestInfo): string {
  return mkdtempSync(join(tmpdir(), `health-${testInfo.workerIndex}-`));
}

/** The harness configuration from exactly these variables (no .env, no inherited environment). */
function configFor(testInfo: TestInfo, env: Record<string, string> = {}): HarnessConfig {
  return loadConfig({ env: { HEALTH_STATE_FILE: join(scratchDir(testInfo), 'health-state.json'), ...env }, envFile: EMPTY_ENV_FILE });
}

/** In-process check in a fresh context of the worker's browser: the breadth of cases stays fast. */
function check(config: HarnessConfig, testInfo: TestInfo, options: HealthCheckOptions & { browser: NonNullable<HealthCheckOptions['browser']> }) {
  return runHealthCheck(config, { timeoutMs: ATTEMPT_TIMEOUT_MS, retryBackoffMs: 50, artifactsDir: join(scratchDir(testInfo), 'artifacts'), ...options });
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`), error: (m) => lines.push(`error: ${m}`) };
}

async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

const remoteEnv = (baseUrl: string, password: string) => ({
  OAUTH_BASE_URL: baseUrl,
  OAUTH_CLIENT_ID: 'local-test-client',
  OAUTH_REDIRECT_URI: 'http://localhost/callback',
  TEST_USERNAME: 'tester@example.com',
  TEST_PASSWORD: password,
});

test.describe('login health check (in process)', () => {
  test('a working login is healthy: every phase timed, tokens exchanged, metrics and state written', async ({ browser }, testInfo) => {
    const config = configFor(testInfo);
    const metricsFile = join(scratchDir(testInfo), 'metrics', 'login_health.prom');
    const { result, exitCode, alert } = await check(config, testInfo, { browser, metricsFile });
    expect(result.status, result.message).toBe('healthy');
    expect(exitCode).toBe(0);
    expect(result.reason).toBeUndefined();
    expect(result.attempts).toBe(1);
    expect(result.target).toBe('embedded local server');
    expect(result.phases.loginScreenMs).toBeGreaterThan(0);
    expect(result.phases.signInMs).toBeGreaterThan(0);
    expect(result.phases.tokenExchangeMs).toBeGreaterThan(0);
    expect(result.phases.totalMs).toBeGreaterThanOrEqual((result.phases.loginScreenMs ?? 0) + (result.phases.signInMs ?? 0) + (result.phases.tokenExchangeMs ?? 0));
    expect(result.artifacts).toEqual([]);
    expect(alert).toBeUndefined();

    const families = parsePrometheusText(readFileSync(metricsFile, 'utf8'));
    expect(sampleValue(families, 'login_health_up')).toBe(1);
    expect(sampleValue(families, 'login_health_status', { status: 'healthy' })).toBe(1);
    expect(sampleValue(families, 'login_health_duration_seconds')).toBe(result.phases.totalMs / 1000);
    expect(families.get('login_health_phase_duration_seconds')?.samples.map((sample) => sample.labels.phase)).toEqual(['login_screen', 'sign_in', 'token_exchange']);
    expect(sampleValue(families, 'login_health_last_success_timestamp_seconds')).toBe(Math.floor(result.startedAt.getTime() / 1000));
    expect(JSON.parse(readFileSync(config.health.stateFile, 'utf8'))).toEqual({ status: 'healthy', since: result.startedAt.toISOString(), last_success_at: result.startedAt.toISOString(), failures_in_a_row: 0 });
  });

  test('without a client secret the token exchange is skipped', async ({ browser }, testInfo) => {
    const server = await startMockServer({ port: 0 });
    try {
      const { result, exitCode } = await check(configFor(testInfo, remoteEnv(server.url, LOCAL_PASSWORD)), testInfo, { browser });
      expect(result.status, result.message).toBe('healthy');
      expect(exitCode).toBe(0);
      expect(result.target).toBe(server.url);
      expect(result.phases.signInMs).toBeGreaterThan(0);
      expect(result.phases.tokenExchangeMs).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  // screenTimed / signInTimed: which phases finished before the failure, so are still reported.
  const faults: Array<{ fault: string; reason: HealthFailureReason; exitCode: number; screenTimed: boolean; signInTimed: boolean }> = [
    { fault: 'login-500', reason: 'server_error', exitCode: 4, screenTimed: true, signInTimed: false },
    { fault: 'access-denied', reason: 'authorization_error', exitCode: 4, screenTimed: true, signInTimed: true },
    { fault: 'token-500', reason: 'token_error', exitCode: 4, screenTimed: true, signInTimed: true },
    { fault: 'malformed-code', reason: 'bad_code', exitCode: 6, screenTimed: true, signInTimed: true },
    { fault: 'missing-code', reason: 'bad_code', exitCode: 6, screenTimed: true, signInTimed: true },
    { fault: 'state-mismatch', reason: 'state_mismatch', exitCode: 6, screenTimed: true, signInTimed: true },
    // selector-drift is no failure any more: the journey finds the renamed field by structure (issue 10).
  ];
  for (const { fault, reason, exitCode, screenTimed, signInTimed } of faults) {
    test(`MOCK_FAULTS=${fault} fails with ${reason}, exit ${exitCode}, once, with a screenshot`, async ({ browser }, testInfo) => {
      // Retries allowed, so "attempts = 1" proves the reason is not retried.
      const config = configFor(testInfo, { MOCK_FAULTS: fault, HEALTH_RETRIES: '2' });
      const { result, exitCode: code } = await check(config, testInfo, { browser });
      expect(result.status).toBe('failed');
      expect(result.reason, result.message).toBe(reason);
      expect(code).toBe(exitCode);
      expect(result.attempts).toBe(1);
      expect(result.phases.totalMs).toBeLessThan(ATTEMPT_TIMEOUT_MS + 1_000);
      expect(result.phases.loginScreenMs !== undefined).toBe(screenTimed);
      expect(result.phases.signInMs !== undefined).toBe(signInTimed);
      expect(result.message).not.toContain(LOCAL_PASSWORD);
      const screenshot = result.artifacts.find((path) => path.endsWith('attempt-1-screenshot.png'));
      expect(screenshot, `artifacts: ${result.artifacts.join(', ')}; evidence notes: ${(result.evidenceNotes ?? []).join('; ')}`).toBeDefined();
      expect(readFileSync(screenshot ?? '').subarray(1, 4).toString()).toBe('PNG');
    });
  }

  test('a slow sign-in (MOCK_FAULTS=slow-login) above its thresholds is degraded, exit 1, naming what was slow', async ({ browser }, testInfo) => {
    const config = configFor(testInfo, { MOCK_FAULTS: 'slow-login=1000', HEALTH_DEGRADED_MS: '900', HEALTH_SIGN_IN_DEGRADED_MS: '800', HEALTH_LOGIN_SCREEN_DEGRADED_MS: '5000' });
    const { result, exitCode } = await check(config, testInfo, { browser });
    expect(result.status, result.message).toBe('degraded');
    expect(exitCode).toBe(1);
    expect(result.reason).toBeUndefined();
    expect(result.phases.signInMs).toBeGreaterThanOrEqual(1_000);
    expect(result.exceeded.map((breach) => [breach.phase, breach.thresholdMs])).toEqual([
      ['sign_in', 800],
      ['total', 900],
    ]);
    expect(result.message).toContain('sign_in');
  });

  test('a login slower than the attempt budget fails with timeout, exit 5, within the budget', async ({ browser }, testInfo) => {
    const config = configFor(testInfo, { MOCK_FAULTS: 'slow-login=6000', HEALTH_RETRIES: '0' });
    const { result, exitCode } = await check(config, testInfo, { browser, timeoutMs: 1_500 });
    expect(result.reason, result.message).toBe('timeout');
    expect(exitCode).toBe(5);
    expect(result.attempts).toBe(1);
    expect(result.phases.totalMs).toBeLessThan(1_500 + 1_000);
    // The budget is the whole check's, evidence and clean-up included.
    expect(result.durationMs).toBeLessThan(1_500 + 1_500);
  });

  test('retries share the budget: no retry starts when too little of it would be left after the back-off', async ({ browser }, testInfo) => {
    const logger = recordingLogger();
    const config = configFor(testInfo, { ...remoteEnv(`http://127.0.0.1:${await closedPort()}`, LOCAL_PASSWORD), HEALTH_RETRIES: '2' });
    const { result, exitCode } = await check(config, testInfo, { browser, logger, timeoutMs: 3_000, retryBackoffMs: 2_000 });
    expect(result.reason, result.message).toBe('network');
    expect(exitCode).toBe(5);
    expect(result.attempts).toBe(1);
    expect(logger.lines.filter((line) => line.startsWith('warning:'))).toEqual([expect.stringMatching(/; no retry: less than 2000 ms of the budget would be left after the 2000 ms back-off$/)]);
    expect(result.durationMs).toBeLessThan(3_000 + 1_500);
  });

  test('wrong credentials fail with credentials_rejected, exit 3, and are tried exactly once', async ({ browser }, testInfo) => {
    const requests: string[] = [];
    const server = await startMockServer({ port: 0, log: (line) => requests.push(line) });
    try {
      const config = configFor(testInfo, { ...remoteEnv(server.url, 'Wrong-Pa55word!'), HEALTH_RETRIES: '2' });
      const { result, exitCode } = await check(config, testInfo, { browser });
      expect(result.reason, result.message).toBe('credentials_rejected');
      expect(exitCode).toBe(3);
      expect(result.attempts).toBe(1);
      expect(requests.filter((line) => line.startsWith('POST /login'))).toHaveLength(1);
      expect(result.message).toContain('Incorrect username or password.');
      expect(result.message).not.toContain('Wrong-Pa55word!');
    } finally {
      await server.close();
    }
  });

  test('a locked account fails with account_locked, exit 3', async ({ browser }, testInfo) => {
    const server = await startMockServer({ port: 0, lockoutThreshold: 1, lockoutBaseMs: 60_000 });
    try {
      const { result, exitCode } = await check(configFor(testInfo, remoteEnv(server.url, 'Wrong-Pa55word!')), testInfo, { browser });
      expect(result.reason, result.message).toBe('account_locked');
      expect(exitCode).toBe(3);
      expect(result.attempts).toBe(1);
    } finally {
      await server.close();
    }
  });

  test('an unreachable server fails with network, exit 5, after HEALTH_RETRIES retries with back-off', async ({ browser }, testInfo) => {
    const logger = recordingLogger();
    const config = configFor(testInfo, { ...remoteEnv(`http://127.0.0.1:${await closedPort()}`, LOCAL_PASSWORD), HEALTH_RETRIES: '2' });
    const { result, exitCode } = await check(config, testInfo, { browser, logger, retryBackoffMs: 100 });
    expect(result.reason, result.message).toBe('network');
    expect(exitCode).toBe(5);
    expect(result.attempts).toBe(3);
    expect(logger.lines.filter((line) => line.startsWith('warning:')).map((line) => /retrying in (\d+) ms/.exec(line)?.[1])).toEqual(['100', '200']);
    expect(result.artifacts.filter((path) => path.endsWith('-screenshot.png'))).toHaveLength(3);
    expect(result.phases.totalMs).toBeLessThan(ATTEMPT_TIMEOUT_MS);
  });
});

test.describe('login health webhook', () => {
  let receiver: Server;
  let receiverUrl: string;
  let status = 200;
  const posts: Array<{ method: string; contentType: string | undefined; body: { text?: unknown } }> = [];

  test.beforeAll(async () => {
    receiver = createHttpServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        posts.push({ method: request.method ?? '', contentType: request.headers['content-type'], body: JSON.parse(body) as { text?: unknown } });
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'no');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/services/T000/B000/secret-path`;
  });

  test.afterAll(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  test('posts on failure and on recovery only, and retries an alert the webhook refused; counts failed runs in a row for the alert rules', async ({ browser }, testInfo) => {
    const stateFile = join(scratchDir(testInfo), 'health-state.json'); // one state across the runs
    const run = (faults: string) => check(configFor(testInfo, { HEALTH_STATE_FILE: stateFile, HEALTH_WEBHOOK_URL: receiverUrl, MOCK_FAULTS: faults }), testInfo, { browser, artifactsDir: null });
    const texts = () => posts.map((post) => String(post.body.text));

    const first = await run('');
    expect(first.result.status).toBe('healthy');
    expect(first.consecutiveFailures).toBe(0);
    expect(posts).toHaveLength(0); // no state yet → healthy is no news

    status = 500; // the webhook refuses: the failure is not recorded as announced…
    const refused = await run('login-500');
    expect(refused.alert).toEqual({ kind: 'failure', sent: false, error: expect.stringContaining('HTTP 500') });
    // Counted whether or not the webhook took the alert: LoginHealthFailing waits for two.
    expect(refused.consecutiveFailures).toBe(1);
    status = 200;
    const failed = await run('login-500'); // …so the next failing run announces it
    expect(failed.result.status).toBe('failed');
    expect(failed.alert).toEqual({ kind: 'failure', sent: true, error: undefined });
    expect(failed.consecutiveFailures).toBe(2);
    expect(posts).toHaveLength(2);
    expect(posts[1]).toEqual({ method: 'POST', contentType: 'application/json', body: { text: expect.stringContaining(':red_circle: RayTeams login is failing at embedded local server: server_error after 1 attempt.') } });

    const third = await run('login-500');
    expect(third.alert).toBeUndefined(); // failed → failed: quiet
    expect(third.consecutiveFailures).toBe(3);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ status: 'failed', failures_in_a_row: 3 });
    expect(posts).toHaveLength(2);

    const recovered = await run('');
    expect(recovered.alert).toEqual({ kind: 'recovery', sent: true, error: undefined });
    expect(recovered.consecutiveFailures).toBe(0);
    expect(texts()[2]).toMatch(/^:large_green_circle: RayTeams login recovered at embedded local server: healthy in \d+ ms \(failing since \d{4}-\d\d-\d\dT[\d:.]+Z\)\.$/);

    expect(posts).toHaveLength(3);
    for (const text of texts()) expect(text).not.toContain(LOCAL_PASSWORD);
  });
});

test.describe('npm run health-check', () => {
  test('--json prints the result on stdout, the summary on stderr, and writes metrics and a job summary', { tag: '@smoke' }, async ({}, testInfo) => {
    const dir = scratchDir(testInfo);
    const metricsFile = join(dir, 'login_health.prom');
    const summaryFile = join(dir, 'summary.md');
    const run = await runNpmScript('health-check', ['--json', '--quiet', '--metrics-file', metricsFile, '--summary-file', summaryFile], { HEALTH_STATE_FILE: join(dir, 'state.json') });
    expect(run.exitCode, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0] ?? '{}');
    // Issue 13 added api_check and phases.api_ms; nothing was removed or renamed.
    expect(Object.keys(json)).toEqual(['status', 'reason', 'message', 'target', 'started_at', 'duration_ms', 'phases', 'api_check', 'thresholds_exceeded', 'attempts', 'artifacts']);
    expect(json).toMatchObject({ status: 'healthy', reason: null, target: 'embedded local server', attempts: 1, artifacts: [] });
    expect(Object.keys(json.phases)).toEqual(['login_screen_ms', 'sign_in_ms', 'token_exchange_ms', 'api_ms', 'total_ms']);
    expect(json).toMatchObject({ api_check: 'skipped', phases: { api_ms: null } });
    expect(run.stderr).toMatch(/^login health: healthy in \d+ ms \(login screen \d+ ms, sign-in \d+ ms, token exchange \d+ ms\) at embedded local server, 1 attempt\n$/);
    expect(sampleValue(parsePrometheusText(readFileSync(metricsFile, 'utf8')), 'login_health_up')).toBe(1);
    expect(readFileSync(summaryFile, 'utf8')).toContain('| status | ✅ healthy |');
  });

  test('a failure exits with its reason code and leaves a screenshot and a redacted trace, without printing the password', async ({}, testInfo) => {
    const dir = scratchDir(testInfo);
    const run = await runScript('health-check', ['--json', '--artifacts-dir', join(dir, 'artifacts')], { MOCK_FAULTS: 'login-500', HEALTH_STATE_FILE: join(dir, 'state.json') });
    expect(run.exitCode, run.stderr).toBe(4);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ status: 'failed', reason: 'server_error', message: 'login service answered HTTP 500 on POST /login', attempts: 1 });
    expect(json.artifacts.map((path: string) => path.split('/').pop()), JSON.stringify(json.evidence_notes)).toEqual(['attempt-1-screenshot.png', 'attempt-1-trace.zip']);
    for (const path of json.artifacts) expect(existsSync(path)).toBe(true);
    // The trace holds what the login did (the username typed, for one: the scan does read it), never the password.
    expect(await scanArtifacts(json.artifacts, [LOCAL_PASSWORD])).toEqual([]);
    expect((await scanArtifacts(json.artifacts, ['tester@example.com'])).length).toBeGreaterThan(0);
    expect(run.stderr).toContain('login health: FAILED [server_error] after');
    expect(run.stderr).toContain('Sign in');
    expect(run.stdout + run.stderr).not.toContain(LOCAL_PASSWORD);
  });

  test('exit 2 for a bad flag, naming it', async () => {
    const badFlag = await runScript('health-check', ['--timeout', 'soon']);
    expect(badFlag.exitCode).toBe(2);
    expect(badFlag.stderr).toContain('--timeout must be a whole number');
    expect(badFlag.stdout).toBe('');
  });
});
