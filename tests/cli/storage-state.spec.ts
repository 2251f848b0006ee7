/**
 * saveSignedInState, the storage-state helper for an application's own test suite: a setup step
 * signs in through the harness and lets the callback reach a small application once; the app
 * redeems the code and sets its session cookie; later tests start from the saved storageState and
 * are signed in. Without the explicit option nothing is delivered.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { loadConfig } from '../../lib/config/config.js';
import { isHarnessError } from '../../lib/errors.js';
import { saveSignedInState, type SaveSignedInStateOptions } from '../../lib/journey/storage-state.js';
import { startMockServer, type MockServer } from '../../mock-server/index.js';
import { EMPTY_ENV_FILE } from './run-cli.js';

const CLIENT = { clientId: 'app-under-test', clientSecret: 'app-secret-123456' };
const USER = { username: 'app-tester@example.com', password: 'App-Pa55word!' };

/** The application: its callback redeems the code at the login service and starts a session. */
async function startApp(loginService: () => string): Promise<{ url: string; callbacks: number; refuse: boolean; server: Server }> {
  const sessions = new Set<string>();
  const app = { url: '', callbacks: 0, refuse: false, server: createServer() };
  app.server.on('request', (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', app.url);
      if (url.pathname === '/callback') {
        app.callbacks += 1;
        const token = await fetch(`${loginService()}/oauth2/token`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT.clientId, code: url.searchParams.get('code') ?? '', redirect_uri: `${app.url}/callback` }),
        });
        if (!token.ok || app.refuse) {
          res.writeHead(401).end('sign-in refused');
          return;
        }
        const session = randomUUID();
        sessions.add(session);
        res.writeHead(302, { location: '/home', 'set-cookie': `app_session=${session}; HttpOnly; Path=/; SameSite=Lax` }).end();
      } else if (url.pathname === '/home') {
        const session = /app_session=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
        if (session && sessions.has(session)) res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Welcome back</h1>');
        else res.writeHead(401, { 'content-type': 'text/html' }).end('<h1>Please sign in</h1>');
      } else {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const address = app.server.address();
  app.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return app;
}

test.describe.serial('storage state for an application test suite', () => {
  let loginService: MockServer;
  let app: Awaited<ReturnType<typeof startApp>>;
  let dir = '';
  let options: SaveSignedInStateOptions;

  test.beforeAll(async () => {
    app = await startApp(() => loginService.url);
    loginService = await startMockServer({ port: 0, clients: [{ ...CLIENT, redirectUris: [`${app.url}/callback`] }], users: [USER] });
    dir = mkdtempSync(join(tmpdir(), 'harness-auth-'));
    const config = loadConfig({
      env: { OAUTH_BASE_URL: loginService.url, OAUTH_CLIENT_ID: CLIENT.clientId, OAUTH_CLIENT_SECRET: CLIENT.clientSecret, OAUTH_REDIRECT_URI: `${app.url}/callback`, TEST_USERNAME: USER.username, TEST_PASSWORD: USER.password },
      envFile: EMPTY_ENV_FILE,
    });
    options = { path: join(dir, '.auth', 'user.json'), deliverCallback: true, config, timeoutMs: 20_000 };
  });

  test.afterAll(async () => {
    app.refuse = false;
    await loginService.close();
    app.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('setup: signs in, the callback reaches the app once, the session cookie is saved (mode 0600)', async ({ browser }) => {
    const context = await browser.newContext();
    try {
      const saved = await saveSignedInState(context, options);
      expect(app.callbacks).toBe(1);
      expect(saved).toEqual({ path: options.path, landedAt: `${app.url}/home`, cookies: expect.arrayContaining(['app_session']) });
      const state = JSON.parse(readFileSync(options.path, 'utf8')) as { cookies: Array<{ name: string; domain: string }> };
      expect(state.cookies.find((cookie) => cookie.name === 'app_session')?.domain).toBe('127.0.0.1');
      expect(readFileSync(options.path, 'utf8')).not.toContain(USER.password);
      // Windows has no POSIX modes: the file is private by living in the user's profile (README).
      expect(statSync(options.path).mode & 0o777).toBe(process.platform === 'win32' ? statSync(options.path).mode & 0o777 : 0o600);
    } finally {
      await context.close();
    }
  });

  test('an app test starting from the saved storageState is signed in; without it, it is not', async ({ browser }) => {
    const signedIn = await browser.newContext({ storageState: options.path });
    const anonymous = await browser.newContext();
    try {
      const page = await signedIn.newPage();
      await page.goto(`${app.url}/home`);
      await expect(page.getByRole('heading')).toHaveText('Welcome back');
      const stranger = await anonymous.newPage();
      await stranger.goto(`${app.url}/home`);
      await expect(stranger.getByRole('heading')).toHaveText('Please sign in');
    } finally {
      await signedIn.close();
      await anonymous.close();
    }
  });

  test('without deliverCallback: true nothing signs in and nothing reaches the app; an app refusing the sign-in fails the setup', async ({ browser }) => {
    const context = await browser.newContext();
    const before = app.callbacks;
    try {
      const refused = await saveSignedInState(context, { ...options, deliverCallback: false as unknown as true }).catch((error: unknown) => error);
      expect(isHarnessError(refused) && refused.reason).toBe('usage');
      expect(app.callbacks).toBe(before);
      // The app does not accept the sign-in: its callback answers 401, and the setup fails saying so.
      app.refuse = true;
      const notAccepted = await saveSignedInState(context, options).catch((error: unknown) => error);
      expect(isHarnessError(notAccepted) && notAccepted.message).toMatch(/answered its callback with HTTP 401/);
    } finally {
      await context.close();
    }
  });
});
