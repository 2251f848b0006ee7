/**
 * The capture decides on the parsed URL, so no spelling of the redirect URI gets past it: a login
 * service (or an attacker in the middle) that redirects to a look-alike of the callback must not
 * deliver the code to the application behind it. A counting app stands behind the redirect URI; a
 * small redirector plays the login service's 302.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '../../fixtures/index.js';
import { startCallbackApp, type CallbackApp } from '../../fixtures/callback-app.js';
import { captureCallback } from '../../lib/journey/callback-capture.js';
import { obtainAuthorizationCode } from '../../lib/journey/flow.js';
import { createAuthorizeRequest } from '../../lib/oauth/authorize.js';
import { HarnessError } from '../../lib/errors.js';

const CODE = 'baaca0d5-0044-424e-9311-16d3d754784f';

/** Answers /go?to=<url> with a 302 to that URL, as the login service does after the password. */
async function startRedirector(): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    const to = new URL(request.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
    response.writeHead(302, { location: to }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test.describe('callback capture on the parsed URL', { tag: '@local-only' }, () => {
  let app: CallbackApp;
  let redirector: { origin: string; server: Server };
  let port: string;

  test.beforeEach(async () => {
    app = await startCallbackApp({ host: 'localhost' });
    port = new URL(app.redirectUri).port;
    redirector = await startRedirector();
  });

  test.afterEach(async () => {
    await app.close();
    redirector.server.closeAllConnections();
    await new Promise((resolve) => redirector.server.close(resolve));
  });

  const spellings: Array<[string, (port: string) => string]> = [
    ['userinfo', (p) => `http://user:pw@localhost:${p}/callback`],
    ['percent-encoded host', (p) => `http://%6cocalhost:${p}/callback`],
    ['upper-case host', (p) => `http://LOCALHOST:${p}/callback`],
    ['dot segment', (p) => `http://localhost:${p}/./callback`],
    ['parent segment', (p) => `http://localhost:${p}/x/../callback`],
    ['upper-case scheme', (p) => `HTTP://localhost:${p}/callback`],
  ];
  for (const [name, spell] of spellings) {
    test(`a 302 to the redirect URI spelled with ${name} is captured, never delivered`, async ({ page }) => {
      const capture = await captureCallback(page, app.redirectUri);
      const target = `${spell(port)}?code=${CODE}&state=s`;
      await page.goto(`${redirector.origin}/go?to=${encodeURIComponent(target)}`);
      // Bounded, so a bypass fails in seconds rather than at the test timeout.
      const notCaptured = new Promise<URL>((resolve) => setTimeout(() => resolve(new URL('about:not-captured')), 5_000));
      const url = await Promise.race([capture.callback, notCaptured]);
      expect(url.searchParams.get('code')).toBe(CODE);
      expect(app.hits()).toBe(0);
      await capture.dispose();
    });
  }

  test('a look-alike path that only differs in case or escapes is refused, not delivered', async ({ page }) => {
    await captureCallback(page, app.redirectUri);
    for (const path of ['/Callback', '/%63allback', '/CALLBACK/']) {
      await page.goto(`${redirector.origin}/go?to=${encodeURIComponent(`http://localhost:${port}${path}?code=${CODE}`)}`).catch(() => undefined);
    }
    expect(app.hits()).toBe(0);
  });

  test('the default port spelled out (:80) is the same redirect URI', async ({ page }) => {
    // Nothing needs to listen on port 80: the harness answers the request inside the browser, and
    // the page shows its "captured" notice instead of a connection error.
    const capture = await captureCallback(page, 'http://localhost/callback');
    await page.goto(`${redirector.origin}/go?to=${encodeURIComponent(`http://localhost:80/callback?code=${CODE}`)}`);
    expect((await capture.callback).searchParams.get('code')).toBe(CODE);
    await expect(page.getByText('The login harness captured this callback')).toBeVisible();
  });

  test('a different path on the same host still reaches the app', async ({ page }) => {
    await captureCallback(page, app.redirectUri);
    await page.goto(`http://localhost:${port}/elsewhere`);
    expect(app.hits()).toBe(1);
  });

  const wrongPlaces: Array<[string, (port: string) => string]> = [
    ['127.0.0.1 for localhost', (p) => `http://127.0.0.1:${p}/callback`],
    ['a trailing dot', (p) => `http://localhost.:${p}/callback`],
    ['a sub-domain of localhost', (p) => `http://app.localhost:${p}/callback`],
    ['another 127.x address', (p) => `http://127.0.0.2:${p}/callback`],
    ['[::1]', (p) => `http://[::1]:${p}/callback`],
    ['another port', (p) => `http://localhost:${Number(p) + 1}/callback`],
    ['another path', (p) => `http://localhost:${p}/other-callback`],
  ];
  for (const [name, spell] of wrongPlaces) {
    test(`a 302 to the callback app at ${name} is redirect_mismatch at once, never delivered`, async ({ page }) => {
      const capture = await captureCallback(page, app.redirectUri);
      const target = `${spell(port)}?code=${CODE}&state=s`;
      await page.goto(`${redirector.origin}/go?to=${encodeURIComponent(target)}`).catch(() => undefined);
      // Settles at once on a mismatch; a capture that never settles fails by the test's own timeout.
      const outcome = await capture.callback.then(() => 'captured', (error: unknown) => error);
      expect(outcome).toBeInstanceOf(HarnessError);
      expect((outcome as HarnessError).reason).toBe('redirect_mismatch');
      expect((outcome as HarnessError).message).not.toContain(CODE);
      expect(app.hits()).toBe(0);
    });
  }

  test('a popup that opens the registered redirect URI with a code does not deliver it, nor do pages opened later', async ({ page, context }) => {
    await captureCallback(page, app.redirectUri);
    await page.setContent(`<button onclick="window.open('${app.redirectUri}?code=${CODE}&state=s', '_blank')">Open</button>`);
    const popup = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Open' }).click();
    await (await popup).waitForLoadState('domcontentloaded');
    const later = await context.newPage();
    await later.goto(`${app.redirectUri}?code=${CODE}`);
    await expect(later.getByText('The login harness captured this callback')).toBeVisible();
    expect(app.hits()).toBe(0);
  });

  test('a login service that sends the code to 127.0.0.1 instead of localhost: redirect_mismatch at once, one code minted, none delivered', async ({ page, config }) => {
    let authorizations = 0;
    const service = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      if (url.pathname !== '/oauth2/authorize') return void response.writeHead(404).end();
      authorizations += 1;
      const wrong = new URL(url.searchParams.get('redirect_uri') ?? '');
      wrong.hostname = '127.0.0.1';
      wrong.searchParams.set('code', CODE);
      wrong.searchParams.set('state', url.searchParams.get('state') ?? '');
      response.writeHead(302, { location: wrong.toString() }).end();
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', () => resolve()));
    try {
      const baseUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
      const request = createAuthorizeRequest({ endpoint: `${baseUrl}/oauth2/authorize`, clientId: 'c', redirectUri: app.redirectUri, scopes: [], usePkce: true });
      const started = Date.now();
      const failure = await obtainAuthorizationCode(page, { ...config, target: { kind: 'embedded', baseUrl } }, { request, timeoutMs: 20_000 }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(HarnessError);
      expect((failure as HarnessError).reason).toBe('redirect_mismatch');
      expect((failure as HarnessError).exitCode).toBe(6);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(app.hits()).toBe(0);
      expect(authorizations).toBe(1);
    } finally {
      service.closeAllConnections();
      await new Promise((resolve) => service.close(resolve));
    }
  });
});
