/**
 * The health state file going wrong: a corrupt file is moved aside with a warning naming it (the
 * alert state and the last success it held are gone, and someone should know); a directory where the
 * file should be is a set-up mistake (exit 2), but the result is still printed and the metrics still
 * written first.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { runScript } from './run-cli.js';

test.use({ trace: 'off', screenshot: 'off' });
test.describe.configure({ timeout: 120_000 });

test.describe('health state file trouble', { tag: '@local-only' }, () => {
  test('a corrupt state file is moved aside with a warning that names it', async ({}, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), `health-state-${testInfo.workerIndex}-`));
    const state = join(dir, 'state.json');
    writeFileSync(state, '{"status":"fai');
    const run = await runScript('health-check', ['--timeout', '60000'], { HEALTH_STATE_FILE: state, HEALTH_DEGRADED_MS: '600000' });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain(`the health state file ${state} could not be read`);
    const aside = readdirSync(dir).find((name) => name.startsWith('state.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside ?? ''), 'utf8')).toBe('{"status":"fai');
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ status: 'healthy' });
  });

  test('a directory as state path: the result is printed and the metrics written, then exit 2', async ({}, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), `health-state-${testInfo.workerIndex}-`));
    const state = join(dir, 'state-dir');
    mkdirSync(state);
    const metrics = join(dir, 'login.prom');
    const run = await runScript('health-check', ['--timeout', '60000', '--metrics-file', metrics, '--json'], { HEALTH_STATE_FILE: state, HEALTH_DEGRADED_MS: '600000' });
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toContain(`could not write the health state file ${state}`);
    expect(run.stderr).toMatch(/login health: healthy/);
    expect(JSON.parse(run.stdout.trim())).toMatchObject({ status: 'healthy' });
    expect(existsSync(metrics)).toBe(true);
    expect(readFileSync(metrics, 'utf8')).toContain('login_health_up{target="embedded local server"} 1');
  });
});
