/**
 * --pushgateway against a REAL Prometheus Pushgateway (Debian's prometheus-pushgateway: `npm run
 * setup` installs it as root; CI runners, which are not root, get it from a `sudo apt-get install`
 * step), started here on a free port with its own empty persistence file (Debian's default is a
 * shared file under /var/lib, which would hand this gateway the groups of earlier runs) and read back
 * through its API: what the check pushed is what Prometheus would scrape.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { test, expect } from '../../fixtures/index.js';
import { findExecutable } from '../unit/monitoring-tools.js';
import { freePort } from './gateway.js';
import { runScript } from './run-cli.js';

test.use({ trace: 'off', screenshot: 'off' });
// One gateway for the file; its tests read each other's groups, so they run in order.
test.describe.configure({ mode: 'serial' });

interface PushedGroup {
  labels: Record<string, string>;
  [metric: string]: unknown;
}
interface PushedFamily {
  metrics: Array<{ labels: Record<string, string>; value: string }>;
}


// @linux-only: npm run setup installs the Pushgateway with apt (Debian/Ubuntu); elsewhere it is not there.
test.describe('health-check --pushgateway (real Pushgateway)', { tag: '@linux-only' }, () => {
  let gateway: ChildProcess | undefined;
  let gatewayUrl = '';
  let gatewayLog = '';

  test.beforeAll(async () => {
    const binary = findExecutable(['prometheus-pushgateway', 'pushgateway'], 'prometheus-pushgateway');
    const port = await freePort();
    gatewayUrl = `http://127.0.0.1:${port}`;
    const persistence = join(mkdtempSync(join(tmpdir(), 'pushgateway-')), 'pushgateway.data');
    gateway = spawn(binary, [`--web.listen-address=127.0.0.1:${port}`, `--persistence.file=${persistence}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    gateway.stderr?.on('data', (chunk: Buffer) => (gatewayLog += chunk.toString()));
    // Polled: the gateway says nothing on stdout when ready; /-/ready is its readiness endpoint.
    await expect
      .poll(async () => fetch(`${gatewayUrl}/-/ready`).then((r) => r.status, () => 0), { timeout: 10_000, message: `Pushgateway did not start: ${gatewayLog}` })
      .toBe(200);
  });

  test.afterAll(async () => {
    if (gateway?.pid !== undefined && gateway.exitCode === null) {
      const exited = new Promise<void>((resolve) => gateway?.once('exit', () => resolve()));
      gateway.kill('SIGTERM');
      await exited;
    }
  });

  async function groups(): Promise<PushedGroup[]> {
    const response = await fetch(`${gatewayUrl}/api/v1/metrics`);
    const body = (await response.json()) as { status: string; data: PushedGroup[] };
    expect(body.status).toBe('success');
    return body.data.filter((group) => group.labels.job === 'login_health');
  }
  const value = (group: PushedGroup | undefined, metric: string, labels: Record<string, string> = {}) =>
    (group?.[metric] as PushedFamily | undefined)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels[k] === v))?.value;

  test('the gateway starts empty: its persistence file is this run\'s own', async () => {
    expect(await groups()).toEqual([]);
  });

  test('pushes each target as its own group under job login_health, read back from the gateway', async ({}, testInfo) => {
    test.slow(); // a whole run with two logins
    const dir = mkdtempSync(join(tmpdir(), `health-push-${testInfo.workerIndex}-`));
    const file = join(dir, 'targets.yml');
    writeFileSync(file, toYaml({ targets: [{ name: 'push-healthy', degradedMs: 60_000 }, { name: 'push-failing', mock: { faults: 'login-500' } }] }));
    const run = await runScript('health-check', ['--targets', file, '--pushgateway', gatewayUrl, '--quiet', '--artifacts-dir', join(dir, 'artifacts')], { HEALTH_STATE_FILE: join(dir, 'state.json') });
    expect(run.exitCode, run.stderr).toBe(4);
    expect(run.stderr).not.toContain('could not push');

    const pushed = await groups();
    const healthy = pushed.find((group) => group.labels.target === 'push-healthy');
    const failing = pushed.find((group) => group.labels.target === 'push-failing');
    expect(value(healthy, 'login_health_up')).toBe('1');
    expect(value(failing, 'login_health_up')).toBe('0');
    expect(value(failing, 'login_health_failure_reason', { reason: 'server_error' })).toBe('1');
    expect(Number(value(healthy, 'login_health_duration_seconds'))).toBeGreaterThan(0);
    expect(value(healthy, 'login_health_phase_duration_seconds', { phase: 'total' })).toBeUndefined();
    // The gateway stamps each push: the "checks stopped arriving" rule can also use it.
    expect(Number(value(healthy, 'push_time_seconds'))).toBeGreaterThan(Date.now() / 1000 - 120);
    // Each group holds only its own target's series.
    expect((failing?.['login_health_up'] as PushedFamily).metrics.map((m) => m.labels.target)).toEqual(['push-failing']);
  });

  test('a target label with spaces (single-target runs: a URL or "embedded local server") survives the grouping key', async ({}, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), `health-push-${testInfo.workerIndex}-`));
    const run = await runScript('health-check', ['--pushgateway', `${gatewayUrl}/`, '--quiet'], { HEALTH_STATE_FILE: join(dir, 'state.json') });
    expect(run.exitCode, run.stderr).toBe(0);
    const group = (await groups()).find((g) => g.labels.target === 'embedded local server');
    expect(value(group, 'login_health_up')).toBe('1');
  });

  test('a configuration error is pushed too (up 0, reason config), replacing the last good push', async ({}, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), `health-push-${testInfo.workerIndex}-`));
    const run = await runScript('health-check', ['--pushgateway', gatewayUrl, '--quiet'], { HEALTH_STATE_FILE: join(dir, 'state.json'), HEALTH_RETRIES: 'many' });
    expect(run.exitCode).toBe(2);
    const group = (await groups()).find((g) => g.labels.target === 'embedded local server');
    expect(value(group, 'login_health_up')).toBe('0');
    expect(value(group, 'login_health_failure_reason', { reason: 'config' })).toBe('1');
  });

  test('groups of targets gone from the targets file are deleted; groups it does not push are left alone', async ({}, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), `health-push-${testInfo.workerIndex}-`));
    // Left by earlier runs: a target since removed from the file, one another job pushed, one with a grouping label of its own.
    // A metric of its own: the gateway refuses (400) a login_health_up whose HELP differs from the
    // one earlier tests pushed, and deletion goes by the grouping labels, not by what a group holds.
    const seed = async (path: string) => {
      const response = await fetch(`${gatewayUrl}/metrics/${path}`, { method: 'PUT', body: 'seeded_by_test 1\n' });
      expect(response.status, path).toBe(200);
    };
    await seed('job/login_health/target/push-removed');
    await seed('job/other_job/target/push-removed');
    await seed('job/login_health/target/push-removed/instance/elsewhere');
    const file = join(dir, 'targets.yml');
    writeFileSync(file, toYaml({ targets: [{ name: 'push-kept', degradedMs: 60_000 }] }));
    const run = await runScript('health-check', ['--targets', file, '--pushgateway', gatewayUrl, '--artifacts-dir', join(dir, 'artifacts')], { HEALTH_STATE_FILE: join(dir, 'state.json') });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('Pushgateway: deleted the groups of ');
    expect(run.stderr).toContain('push-removed');

    const pushed = await groups();
    expect(pushed.map((group) => group.labels.target)).toContain('push-kept');
    expect(pushed.filter((group) => group.labels.target === 'push-removed').map((group) => group.labels)).toEqual([{ job: 'login_health', target: 'push-removed', instance: 'elsewhere' }]);
    const all = (await (await fetch(`${gatewayUrl}/api/v1/metrics`)).json()) as { data: PushedGroup[] };
    expect(all.data.map((group) => group.labels).filter((labels) => labels.job === 'other_job')).toEqual([{ job: 'other_job', target: 'push-removed' }]);
  });

  test('an unreachable gateway is a warning: the exit code stays the login result', async ({}, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), `health-push-${testInfo.workerIndex}-`));
    const closed = `http://127.0.0.1:${await freePort()}`;
    const run = await runScript('health-check', ['--pushgateway', closed, '--quiet'], { HEALTH_STATE_FILE: join(dir, 'state.json') });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain('could not push the metrics of embedded local server: Pushgateway at 127.0.0.1');
  });
});
