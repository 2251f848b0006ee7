/** The health check over a TOTP login: healthy with the MFA step as its own phase; the new reasons classified. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { startLocalTarget, type LocalTarget } from '../../fixtures/local-target.js';
import type { ConfigWithBaseUrl } from '../../lib/journey/flow.js';
import { toHealthJson } from '../../lib/health/report.js';
import { runHealthCheck } from '../../lib/health/run.js';

const started: LocalTarget[] = [];
const dirs: string[] = [];

test.afterEach(async () => {
  await Promise.all(started.splice(0).map((target) => target.server.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function totpTarget(base: ConfigWithBaseUrl, totpSecret: string): Promise<{ config: ConfigWithBaseUrl; dir: string }> {
  const target = await startLocalTarget({ ...base, user: { username: base.user.username, password: base.user.password, totpSecret } }, { loginUi: 'managed', loginLang: 'ko', userMfa: 'totp' });
  started.push(target);
  const dir = mkdtempSync(join(tmpdir(), 'health-mfa-'));
  dirs.push(dir);
  return { config: { ...target.config, health: { ...target.config.health, stateFile: join(dir, 'state.json'), retries: 0, webhookUrl: undefined } }, dir };
}

test.describe('health check with MFA', { tag: '@local-only' }, () => {
  test('a TOTP login is healthy and reports mfa_ms and phase="mfa"', async ({ config, browser }) => {
    const { config: target, dir } = await totpTarget(config, 'GM3TMNZYHEYDCMRTGQ3TMNZYHEYDCMRT');
    const metricsFile = join(dir, 'login.prom');

    const report = await runHealthCheck(target, { browser, artifactsDir: null, metricsFile, timeoutMs: 20_000 });

    expect(report.result.status).not.toBe('failed');
    expect(toHealthJson(report.result).phases.mfa_ms).toBeGreaterThan(0);
    expect(readFileSync(metricsFile, 'utf8')).toMatch(/^login_health_phase_duration_seconds\{target="[^"]*",phase="mfa"\} [0-9.]+$/m);
  });

  test('a code asked for without TEST_TOTP_SECRET fails mfa_required with exit 3, in the metrics too', async ({ config, browser }) => {
    const { config: withSecret, dir } = await totpTarget(config, 'GM3TMNZYHEYDCMRTGQ3TMNZYHEYDCMRU');
    const target: ConfigWithBaseUrl = { ...withSecret, user: { username: withSecret.user.username, password: withSecret.user.password } };
    const metricsFile = join(dir, 'login.prom');

    const report = await runHealthCheck(target, { browser, artifactsDir: null, metricsFile, timeoutMs: 20_000 });

    expect({ status: report.result.status, reason: report.result.reason, exitCode: report.exitCode }).toEqual({ status: 'failed', reason: 'mfa_required', exitCode: 3 });
    expect(readFileSync(metricsFile, 'utf8')).toMatch(/^login_health_failure_reason\{target="[^"]*",reason="mfa_required"\} 1$/m);
  });
});
