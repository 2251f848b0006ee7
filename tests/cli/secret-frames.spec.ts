/**
 * The password stays out of every frame's reach in the commands too: get-code and the health check
 * sign in on a login page that embeds a hostile cross-origin iframe (tests/e2e/spy-frame.ts), which
 * reports everything it can get to its own server. The server must hold no password.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { startForeignService, type ForeignService } from '../e2e/foreign-screens/server.js';
import { credentialsWithSpy, startSpy, type Spy } from '../e2e/spy-frame.js';
import { expectNoSecrets, UUID } from './get-code-run.js';
import { runScript } from './run-cli.js';

const USER = { username: 'spied@example.com', password: 'Spied-Pa55word-7731!' };

test.use({ trace: 'off', screenshot: 'off' });
// Two whole command runs with a browser each; the shared machine can be slow.
test.describe.configure({ timeout: 150_000 });

test.describe('a cross-origin frame on the login page gets no password', { tag: '@local-only' }, () => {
  let spy: Spy;
  let service: ForeignService;
  let env: Record<string, string>;

  test.beforeEach(async () => {
    spy = await startSpy();
    service = await startForeignService([credentialsWithSpy(USER, spy)]);
    env = { OAUTH_BASE_URL: service.url, OAUTH_CLIENT_ID: 'spied-client', OAUTH_REDIRECT_URI: 'http://localhost/callback', TEST_USERNAME: USER.username, TEST_PASSWORD: USER.password };
  });

  test.afterEach(async () => {
    await service.close();
    await spy.close();
  });

  const expectNothingLeaked = () => {
    const reports = spy.reports();
    expect(reports, 'the spy never ran').toContain('heartbeat');
    expect(reports.filter((report) => report.includes(USER.password))).toEqual([]);
    expect(reports.filter((report) => report.startsWith('main key'))).toEqual([]);
  };

  test('get-code', async () => {
    const run = await runScript('get-code', ['--timeout', '60000'], env);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout.trim()).toMatch(UUID);
    expectNoSecrets(run, [USER.password]);
    expectNothingLeaked();
  });

  test('health-check', async ({}, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), `secret-frames-${testInfo.workerIndex}-`));
    const run = await runScript('health-check', ['--timeout', '60000', '--json'], { ...env, HEALTH_STATE_FILE: join(dir, 'state.json'), HEALTH_DEGRADED_MS: '600000' });
    expect(run.exitCode, run.stderr).toBe(0);
    expectNoSecrets(run, [USER.password]);
    expectNothingLeaked();
  });
});
