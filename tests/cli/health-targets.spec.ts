/**
 * health-check --targets: several targets in one run (each a local embedded server with its own
 * faults), sharding, the targets file's validation, and metrics on a configuration error.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import type { TestInfo } from '@playwright/test';
import { test, expect } from '../../fixtures/index.js';
import { parsePrometheusText, sampleValue } from '../unit/prometheus-text.js';
import { runScript } from './run-cli.js';

// Each run starts its own browser and servers; the runner's tracing would only slow them.
test.use({ trace: 'off', screenshot: 'off' });

function scratchDir(testInfo: TestInfo): string {
  return mkdtempSync(join(tmpdir(), `health-targets-${testInfo.workerIndex}-`));
}

function targetsFile(dir: string, targets: unknown[], name = 'targets.yml'): string {
  const file = join(dir, name);
  writeFileSync(file, name.endsWith('.json') ? JSON.stringify({ targets }) : toYaml({ targets }));
  return file;
}

const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { target: string; status: string; reason: string | null; endpoint?: string });

/** A chat webhook stand-in that counts what it is sent. */
async function countingWebhook(): Promise<{ url: string; texts: string[]; close(): Promise<void> }> {
  const texts: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      texts.push(String((JSON.parse(body) as { text?: unknown }).text));
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/hooks/secret-path`, texts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test.describe('health-check --targets', () => {
  test('three local targets: three results, exit 4 (the worst), three target labels, one alert for the failing one only', async ({}, testInfo) => {
    // Two whole runs of three logins each, on a 2-core machine shared with other suites.
    test.slow();
    const dir = scratchDir(testInfo);
    const webhook = await countingWebhook();
    try {
      const file = targetsFile(dir, [
        // Generous: this one must stay healthy on a busy 2-core machine.
        { name: 'local-healthy', degradedMs: 60_000 },
        { name: 'local-failing', mock: { faults: 'login-500' } },
        // Any real login takes more than 1 ms: degraded, not failed.
        { name: 'local-degraded', degradedMs: 1 },
      ]);
      const metricsFile = join(dir, 'login_health.prom');
      const summaryFile = join(dir, 'summary.md');
      const stateFile = join(dir, 'state', 'health.json');
      const run = await runScript('health-check', ['--targets', file, '--json', '--quiet', '--metrics-file', metricsFile, '--summary-file', summaryFile, '--artifacts-dir', join(dir, 'artifacts')], {
        HEALTH_STATE_FILE: stateFile,
        HEALTH_WEBHOOK_URL: webhook.url,
      });
      expect(run.exitCode, run.stderr).toBe(4);
      const results = jsonLines(run.stdout);
      expect(results.map((r) => [r.target, r.status, r.reason])).toEqual([
        ['local-healthy', 'healthy', null],
        ['local-failing', 'failed', 'server_error'],
        ['local-degraded', 'degraded', null],
      ]);
      expect(results.every((r) => r.endpoint === 'embedded local server')).toBe(true);

      const families = parsePrometheusText(readFileSync(metricsFile, 'utf8'));
      expect(families.get('login_health_up')?.samples.map((s) => [s.labels.target, s.value])).toEqual([
        ['local-healthy', 1],
        ['local-failing', 0],
        ['local-degraded', 1],
      ]);
      expect(sampleValue(families, 'login_health_failure_reason', { target: 'local-failing', reason: 'server_error' })).toBe(1);
      expect(sampleValue(families, 'login_health_status', { target: 'local-degraded', status: 'degraded' })).toBe(1);
      expect(new Set(families.get('login_health_duration_seconds')?.samples.map((s) => s.labels.target))).toEqual(new Set(['local-healthy', 'local-failing', 'local-degraded']));

      // One alert, for the failing target, naming it; each target keeps its own state.
      expect(webhook.texts).toHaveLength(1);
      expect(webhook.texts[0]).toContain('RayTeams login is failing at local-failing: server_error');
      for (const name of ['local-healthy', 'local-failing', 'local-degraded']) expect(existsSync(join(dir, 'state', `health.${name}.json`)), name).toBe(true);
      expect(JSON.parse(readFileSync(join(dir, 'state', 'health.local-failing.json'), 'utf8'))).toMatchObject({ status: 'failed' });

      const summary = readFileSync(summaryFile, 'utf8');
      expect(summary).toContain('| local-failing | ❌ failed (`server_error`) |');
      expect(run.stderr.match(/^login health: /gm)).toHaveLength(3);
      expect(run.stdout + run.stderr).not.toContain('Local-Pa55word!');

      // The same run again: still failing, so no second alert (per-target state).
      const again = await runScript('health-check', ['--targets', file, '--quiet', '--artifacts-dir', join(dir, 'artifacts')], { HEALTH_STATE_FILE: stateFile, HEALTH_WEBHOOK_URL: webhook.url });
      expect(again.exitCode, again.stderr).toBe(4);
      expect(webhook.texts).toHaveLength(1);
    } finally {
      await webhook.close();
    }
  });

  test('--shard 1/2 and 2/2 together check every target exactly once', async ({}, testInfo) => {
    test.slow(); // two runs with a browser each, at the same time
    const dir = scratchDir(testInfo);
    const names = ['a', 'b', 'c', 'd', 'e'];
    // login-500 fails fast: this test is about which targets run, not about logins.
    const file = targetsFile(dir, names.map((name) => ({ name, mock: { faults: 'login-500' } })));
    // --timeout is each target's whole budget, the command's start included: two commands starting
    // their browsers at once on a busy runner get a roomy one (this test is not about budgets).
    const shard = (spec: string) => runScript('health-check', ['--targets', file, '--shard', spec, '--timeout', '60000', '--json', '--quiet', '--artifacts-dir', join(dir, 'artifacts')], { HEALTH_STATE_FILE: join(dir, 'state.json') });
    const [first, second] = await Promise.all([shard('1/2'), shard('2/2')]);
    expect(first?.exitCode, first?.stderr).toBe(4);
    expect(second?.exitCode, second?.stderr).toBe(4);
    const one = jsonLines(first?.stdout ?? '').map((r) => r.target);
    const two = jsonLines(second?.stdout ?? '').map((r) => r.target);
    expect(one).toEqual(['a', 'c', 'e']);
    expect(two).toEqual(['b', 'd']);
    expect([...one, ...two].sort()).toEqual(names);

    const bad = await runScript('health-check', ['--targets', file, '--shard', '3/2']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--shard must be K/N');
  });

  const badFiles: Array<{ what: string; targets: unknown[]; env?: Record<string, string>; says: string[] }> = [
    { what: 'an unknown region', targets: [{ name: 'ok' }, { name: 'kr', region: 'ap-northeast-9', stage: 'development' }], says: ['targets[1] "kr": region: unknown region'] },
    { what: 'a password in the file', targets: [{ name: 'kr', password: 'Hunter2-hunter2' }], says: ['targets[0] "kr": password: secrets and accounts never go in the targets file', 'env.password'] },
    { what: 'a value where a variable name belongs', targets: [{ name: 'kr', env: { password: 'hunter2!' } }], says: ['targets[0] "kr": env.password: looks like a value, not the NAME of an environment variable'] },
    { what: 'a variable that is not set', targets: [{ name: 'kr', region: 'ap-northeast-2', stage: 'development', clientId: 'c', redirectUri: 'https://app.example.com/cb', env: { username: 'KR_USER', password: 'KR_PASSWORD' } }], env: { KR_USER: 'u@example.com' }, says: ['targets[0] "kr": env.password: the variable KR_PASSWORD is not set'] },
    { what: 'a remote target without its client', targets: [{ name: 'eu', region: 'eu-west-1', stage: 'development', env: { username: 'EU_USER', password: 'EU_PASSWORD' } }], env: { EU_USER: 'u@example.com', EU_PASSWORD: 'p' }, says: ['targets[0] "eu": clientId: missing', 'targets[0] "eu": redirectUri: missing'] },
    { what: 'a duplicate name', targets: [{ name: 'kr' }, { name: 'kr' }], says: ['targets[1] "kr": name: used again (first at targets[0])'] },
    { what: 'mock settings on a remote target', targets: [{ name: 'kr', baseUrl: 'https://oauth-ap-northeast-2-development.rayteams.com', mock: { faults: 'login-500' } }], says: ['targets[0] "kr": mock: only a local target'] },
    { what: 'an unknown MOCK fault', targets: [{ name: 'x', mock: { faults: 'login-5000' } }], says: ['targets[0] "x": mock.faults: Unknown MOCK_FAULTS entry'] },
  ];
  for (const { what, targets, env, says } of badFiles) {
    test(`a targets file with ${what} exits 2 naming the entry and the field, and writes config metrics`, async ({}, testInfo) => {
      const dir = scratchDir(testInfo);
      const metricsFile = join(dir, 'login_health.prom');
      const file = targetsFile(dir, targets, 'targets.json');
      const run = await runScript('health-check', ['--targets', file, '--metrics-file', metricsFile], { HEALTH_STATE_FILE: join(dir, 'state.json'), ...env });
      expect(run.exitCode, run.stderr).toBe(2);
      for (const text of says) expect(run.stderr).toContain(text);
      expect(run.stderr).toContain('[config]');
      expect(run.stdout).toBe('');
      // Values never reach the output, even the ones that were wrongly put into the file.
      expect(run.stderr).not.toMatch(/Hunter2|hunter2!/);
      const families = parsePrometheusText(readFileSync(metricsFile, 'utf8'));
      const up = families.get('login_health_up')?.samples ?? [];
      expect(up.length).toBeGreaterThan(0);
      for (const sample of up) {
        expect(sample.value).toBe(0);
        expect(sampleValue(families, 'login_health_failure_reason', { target: sample.labels.target ?? '', reason: 'config' })).toBe(1);
      }
    });
  }

  test('a targets file that is not YAML at all exits 2, with one config series for the file', async ({}, testInfo) => {
    const dir = scratchDir(testInfo);
    const file = join(dir, 'broken.yml');
    writeFileSync(file, 'targets: [\n  - name: "unclosed\n');
    const metricsFile = join(dir, 'login_health.prom');
    const run = await runScript('health-check', ['--targets', file, '--metrics-file', metricsFile]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('not valid YAML');
    const families = parsePrometheusText(readFileSync(metricsFile, 'utf8'));
    expect(sampleValue(families, 'login_health_up', { target: `targets-file:${file}` })).toBe(0);
  });

  test('a configuration error without a targets file still writes metrics: up 0, reason config, the last success kept', async ({}, testInfo) => {
    const dir = scratchDir(testInfo);
    const metricsFile = join(dir, 'login_health.prom');
    const stateFile = join(dir, 'state.json');
    writeFileSync(stateFile, JSON.stringify({ status: 'healthy', since: '2025-01-01T00:00:00.000Z', last_success_at: '2025-01-02T03:04:05.000Z' }));
    const run = await runScript('health-check', ['--metrics-file', metricsFile], { HEALTH_RETRIES: '9', HEALTH_STATE_FILE: stateFile, OAUTH_BASE_URL: 'https://oauth-eu-west-1-development.rayteams.com' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('HEALTH_RETRIES: must be at most 5');
    const families = parsePrometheusText(readFileSync(metricsFile, 'utf8'));
    const target = { target: 'https://oauth-eu-west-1-development.rayteams.com' };
    expect(sampleValue(families, 'login_health_up', target)).toBe(0);
    expect(sampleValue(families, 'login_health_failure_reason', { ...target, reason: 'config' })).toBe(1);
    expect(sampleValue(families, 'login_health_status', { ...target, status: 'failed' })).toBe(1);
    expect(sampleValue(families, 'login_health_last_success_timestamp_seconds', target)).toBe(Date.parse('2025-01-02T03:04:05.000Z') / 1000);
    expect(families.has('login_health_duration_seconds')).toBe(false);
  });
});
