/**
 * What a login service sends cannot write our output: an error_description with newlines, GitHub
 * workflow commands (`::error::`, `::add-mask::`, `::stop-commands::`) and ANSI/OSC escapes reaches
 * stderr, the --summary-file table, the webhook text and the --json line only made safe; so does a
 * target name with a newline echoed in a configuration error.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { startWebhook } from './gateway.js';
import { runScript } from './run-cli.js';

test.use({ trace: 'off', screenshot: 'off' });
test.describe.configure({ timeout: 120_000 });

const EVIL = 'denied\n::error::forged by the service\r\n::add-mask::x\n::stop-commands::tok\u001b[31m RED \u001b[0m\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007 \u0007\u009b2J';

/** A line our output must never contain: a workflow command, an escape, a bell, a C1 control. */
function expectClean(where: string, text: string): void {
  for (const line of text.split(/\r?\n|\r/)) expect(line, `${where}: a workflow command line`).not.toMatch(/^\s*::/);
  // eslint-disable-next-line no-control-regex -- what must not be there
  expect(text, `${where}: an escape or control`).not.toMatch(/[\u001b\u0007\u0080-\u009f]/);
  expect(text, `${where}: a carriage return`).not.toContain('\r');
}

async function startRefusingService(): Promise<{ url: string; server: Server }> {
  let authorize = new URLSearchParams();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/oauth2/authorize') {
      authorize = url.searchParams;
      response.writeHead(302, { location: '/login' }).end();
    } else if (request.method === 'GET') {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>Sign in</title><form method="post" action="/login"><label>Username <input name="username" autocomplete="username"></label><label>Password <input type="password" name="password" autocomplete="current-password"></label><button type="submit">Sign in</button></form>');
    } else {
      // The service refuses after the password, with a description it chose.
      const callback = new URL(authorize.get('redirect_uri') ?? 'http://localhost/callback');
      callback.searchParams.set('error', 'access_denied');
      callback.searchParams.set('error_description', EVIL);
      callback.searchParams.set('state', authorize.get('state') ?? '');
      request.resume();
      response.writeHead(302, { location: callback.toString() }).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test.describe('text a login service controls, in our output', { tag: '@local-only' }, () => {
  test('an error_description with newlines, workflow commands and escapes: stderr, summary, webhook and JSON stay clean', async ({}, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), `service-text-${testInfo.workerIndex}-`));
    const service = await startRefusingService();
    const webhook = await startWebhook();
    try {
      const summary = join(dir, 'summary.md');
      const env = { OAUTH_BASE_URL: service.url, OAUTH_CLIENT_ID: 'c', OAUTH_REDIRECT_URI: 'http://localhost/callback', TEST_USERNAME: 'u@example.com', TEST_PASSWORD: 'Some-Pa55word!' };
      const health = await runScript('health-check', ['--timeout', '60000', '--json', '--summary-file', summary, '--artifacts-dir', join(dir, 'artifacts')], { ...env, HEALTH_STATE_FILE: join(dir, 'state.json'), HEALTH_WEBHOOK_URL: webhook.url });
      expect(health.exitCode, health.stderr).toBe(4);
      const json = JSON.parse(health.stdout.trim()) as { reason: string; message: string };
      expect(json.reason).toBe('authorization_error');
      expect(json.message).toContain('forged by the service');
      expectClean('stderr', health.stderr);
      expectClean('JSON message', json.message);
      expectClean('summary', readFileSync(summary, 'utf8'));
      expect(webhook.bodies).toHaveLength(1);
      expectClean('webhook text', (JSON.parse(webhook.bodies[0] ?? '{}') as { text: string }).text);

      const getCode = await runScript('get-code', ['--timeout', '60000'], env);
      expect(getCode.exitCode, getCode.stderr).toBe(4);
      expectClean('get-code stderr', getCode.stderr);
    } finally {
      await webhook.close();
      service.server.closeAllConnections();
      await new Promise((resolve) => service.server.close(resolve));
    }
  });

  test('a target name with a newline and a workflow command is echoed safely in the configuration error', async ({}, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), `service-text-${testInfo.workerIndex}-`));
    const file = join(dir, 'targets.json');
    writeFileSync(file, JSON.stringify({ targets: [{ name: 'kr\n::error::forged\u001b[2J' }] }));
    const run = await runScript('health-check', ['--targets', file, '--json'], { HEALTH_STATE_FILE: join(dir, 'state.json') });
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toContain('targets[0]');
    expectClean('stderr', run.stderr);
    expectClean('JSON', run.stdout);
  });
});
