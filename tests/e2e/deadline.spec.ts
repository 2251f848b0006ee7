/**
 * `--timeout` bounds the whole get-code run, browser start included, whatever the login page does:
 * a page that never becomes usable ends in timeout (exit 5) close to the budget; an empty one is a
 * broken contract (exit 6), not a timeout.
 */
import { test, expect } from '../../fixtures/index.js';
import { runScript } from '../cli/run-cli.js';
import { startForeignService, type ForeignService } from './foreign-screens/server.js';
import * as screens from './foreign-screens/screens.js';

const services: ForeignService[] = [];

test.afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
});

async function remoteEnv(steps: Parameters<typeof startForeignService>[0]): Promise<Record<string, string>> {
  const service = await startForeignService(steps);
  services.push(service);
  return {
    OAUTH_BASE_URL: service.url,
    OAUTH_CLIENT_ID: 'deadline-client',
    OAUTH_REDIRECT_URI: 'http://localhost/callback',
    TEST_USERNAME: 'deadline@example.com',
    TEST_PASSWORD: 'Deadline-Pa55word!',
  };
}

test.describe('get-code --timeout', { tag: '@local-only' }, () => {
  test('a login page that never becomes usable: exit 5 within 7 s of a 5000 ms budget', async () => {
    const run = await runScript('get-code', ['--timeout', '5000'], await remoteEnv([screens.neverUsable]), 20_000);

    expect({ exitCode: run.exitCode, stdout: run.stdout }).toEqual({ exitCode: 5, stdout: '' });
    expect(run.stderr).toMatch(/no callback within \d+ ms/);
    expect(run.durationMs).toBeLessThan(7_000);
  });

  test('an empty login page: exit 6 (unexpected_page), before the budget is spent', async () => {
    const run = await runScript('get-code', ['--timeout', '15000'], await remoteEnv([screens.emptyPage]), 30_000);

    expect(run.exitCode).toBe(6);
    expect(run.stderr).toMatch(/empty page/);
    expect(run.durationMs).toBeLessThan(15_000);
  });
});
