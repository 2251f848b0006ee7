/**
 * health-check --timeout is the whole budget of a target's check, as a pipeline sees it: a spawned
 * command whose sign-in hangs (MOCK_FAULTS=slow-login) ends within the budget plus the 2 s the
 * contract allows, with its retries and its evidence inside it, and says why evidence is missing
 * when there was no time left for it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { test, expect } from '../../fixtures/index.js';
import { loadConfig } from '../../lib/config/config.js';
import type { Browser } from '@playwright/test';
import { runAttempt } from '../../lib/health/check.js';
import { runHealthCheck } from '../../lib/health/run.js';
import { EMPTY_ENV_FILE, runScript } from './run-cli.js';

// Each run starts its own browser and server; the runner's tracing would only slow them.
test.use({ trace: 'off', screenshot: 'off' });

const BUDGET_MS = 5_000;
/** What the contract allows past the budget: process exit, closing the browser. */
const MARGIN_MS = 2_000;
/** Starting Node and loading the command, before the command's own clock starts. */
const NODE_START_MS = 1_500;

interface HealthLine {
  status: string;
  reason: string | null;
  target: string;
  duration_ms: number;
  attempts: number;
  artifacts: string[];
  evidence_notes?: string[];
}

const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as HealthLine);

test.describe('health-check --timeout is the whole budget', { tag: '@local-only' }, () => {
  let dir: string;

  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'health-budget-'));
  });

  test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const retries of ['0', undefined]) {
    test(`a hung sign-in ends within --timeout + 2 s, evidence included (HEALTH_RETRIES ${retries ?? 'default'})`, async () => {
      const run = await runScript('health-check', ['--timeout', String(BUDGET_MS), '--json', '--artifacts-dir', join(dir, 'artifacts')], {
        MOCK_FAULTS: 'slow-login=60000',
        HEALTH_STATE_FILE: join(dir, 'state.json'),
        ...(retries !== undefined ? { HEALTH_RETRIES: retries } : {}),
      });

      expect(run.exitCode, run.stderr).toBe(5);
      const [result] = jsonLines(run.stdout);
      // The check's own clock counts from the command's start; the spawn adds Node's start-up before
      // that (half a second idle, more when the other worker is busy), allowed for on top.
      expect(result?.duration_ms, 'the check, from the command\'s start').toBeLessThanOrEqual(BUDGET_MS + MARGIN_MS);
      expect(run.durationMs, 'wall time of the whole command, Node\'s start-up included').toBeLessThanOrEqual(BUDGET_MS + MARGIN_MS + NODE_START_MS);
      expect(result?.reason).toBe('timeout');
      // Evidence got what was left of the budget, or the result says why it has none.
      const screenshots = result?.artifacts.filter((path) => path.endsWith('-screenshot.png')) ?? [];
      const notes = (result?.evidence_notes ?? []).join('\n');
      expect([screenshots.length > 0, /screenshot (skipped|withheld|and trace)/.test(notes)], `a screenshot, or a note why there is none: ${notes}`).toContain(true);
      for (const path of screenshots) expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
    });
  }

  test('with a targets file each target keeps its own budget: three hung targets, one at a time', async () => {
    const file = join(dir, 'targets.yml');
    const names = ['hung-a', 'hung-b', 'hung-c'];
    writeFileSync(file, toYaml({ targets: names.map((name) => ({ name, mock: { faults: 'slow-login=60000' } })) }));
    const perTarget = 4_000;

    const run = await runScript('health-check', ['--targets', file, '--concurrency', '1', '--timeout', String(perTarget), '--json', '--artifacts-dir', join(dir, 'artifacts')], {
      HEALTH_STATE_FILE: join(dir, 'state.json'),
    });

    expect(run.exitCode, run.stderr).toBe(5);
    const results = jsonLines(run.stdout);
    expect(results.map((result) => [result.target, result.reason])).toEqual(names.map((name) => [name, 'timeout']));
    // Each target's check (evidence included) ends by its budget: none takes another's time.
    // (Half a second of slack: the deadline is kept by timers, which slip on a busy 2-core machine.)
    for (const result of results) expect(result.duration_ms, result.target).toBeLessThanOrEqual(perTarget + 500);
    expect(run.durationMs, 'wall time: one budget per wave').toBeLessThanOrEqual(names.length * perTarget + MARGIN_MS + NODE_START_MS);
  });

  test('a budget spent before the browser is up is a timeout result (exit 5, published), not a configuration error', async () => {
    const config = loadConfig({ env: { HEALTH_STATE_FILE: join(dir, 'state.json'), HEALTH_RETRIES: '0' }, envFile: EMPTY_ENV_FILE });

    // The command started a second ago with a one-second budget: nothing is left for the browser.
    const report = await runHealthCheck(config, { timeoutMs: 1_000, runStartedAt: Date.now() - 1_000, artifactsDir: join(dir, 'artifacts') });

    expect(report.result.reason, report.result.message).toBe('timeout');
    expect(report.exitCode).toBe(5);
    expect(report.result.attempts).toBe(0);
    expect(report.result.message).toMatch(/^Chromium did not start within what was left of the budget/);
    expect(report.result.evidenceNotes).toEqual([expect.stringMatching(/^screenshot and trace skipped: no attempt was made: Chromium did not start/)]);
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'))).toMatchObject({ status: 'failed' });
  });

  test('an attempt whose browser context does not open within the budget is a timeout whose evidence notes say why there is no screenshot', async () => {
    const config = { ...loadConfig({ env: {}, envFile: EMPTY_ENV_FILE }), target: { kind: 'remote' as const, baseUrl: 'http://127.0.0.1:9' } };
    // A browser too busy to open a context: the one thing that matters here is that it never answers.
    const busy = { newContext: () => new Promise<never>(() => undefined) } as unknown as Browser;

    const outcome = await runAttempt(busy, config, { attempt: 1, deadline: Date.now() + 300, artifactsDir: join(dir, 'artifacts'), redact: undefined, step: (_title, body) => body() });

    expect(outcome).toMatchObject({ ok: false, reason: 'timeout', artifacts: [], evidenceNotes: ["attempt 1: screenshot and trace skipped: opening a browser context did not finish within the check's budget"] });
  });
});
