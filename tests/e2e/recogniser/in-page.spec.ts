/**
 * The recogniser's round trips on pages that fight back: a strict Content-Security-Policy, a login
 * form inside an iframe, a refusal that only Cloudscape's structure shows, a navigation under a wait.
 */
import { test, expect } from '../../../fixtures/index.js';
import { byHandle, fingerprintOf, lookAt, readBack, waitForChange } from '../../../pages/recognise.js';
import { loadCases } from './table.js';
import { startTableServer, type TableServer } from './server.js';

let server: TableServer;

test.beforeAll(async () => {
  server = await startTableServer(loadCases());
});

test.afterAll(async () => {
  await server.close();
});

test.describe('the recogniser in the page', { tag: '@local-only' }, () => {
  test("waitForChange works under Content-Security-Policy: script-src 'self' (no string is evaluated in the page)", async ({ page }) => {
    const evalErrors: string[] = [];
    page.on('console', (message) => {
      if (/unsafe-eval|EvalError/i.test(message.text())) evalErrors.push(message.text());
    });
    await page.goto(`${server.url}/strict-csp-login.html`);
    const look = await lookAt(page);
    expect(look.roles.username).toBeDefined();
    await byHandle(page, look.roles.username ?? '').fill('someone');
    const before = await fingerprintOf(page);
    await byHandle(page, look.roles.submit ?? '').click();
    // The page's own script shows the refusal 150 ms later: the wait must poll, under the policy.
    expect(await waitForChange(page, before, 10_000)).toBe('changed');
    expect((await lookAt(page)).error).toMatchObject({ kind: 'incorrect', source: 'alert' });
    expect(evalErrors).toEqual([]);
  });

  test('waitForChange gives up when its time is up, and a navigation under it is a change', async ({ page }) => {
    await page.goto(`${server.url}/placeholder-only.html`);
    const before = await fingerprintOf(page);
    const started = Date.now();
    expect(await waitForChange(page, before, 400)).toBe('unchanged');
    expect(Date.now() - started).toBeLessThan(5_000);
    const waiting = waitForChange(page, before, 10_000);
    await page.evaluate(() => window.location.assign('/links-only-screen.html'));
    expect(await waiting).toBe('changed');
  });

  test('a refusal shown only the Cloudscape way (an off-screen live region, an invalid field) changes the fingerprint', async ({ page }) => {
    await page.goto(`${server.url}/managed-one-step-cloudscape.html`);
    const quiet = await fingerprintOf(page);
    // Cloudscape announces Form errorText in its off-screen aria-live region; no role=alert anywhere.
    await page.locator('[aria-live=assertive]').evaluate((region) => {
      region.textContent = 'Incorrect username or password.';
    });
    const announced = await fingerprintOf(page);
    expect(announced).not.toBe(quiet);
    const look = await lookAt(page);
    expect(look.error).toMatchObject({ kind: 'incorrect', source: 'live' });
    await page.locator('input[type=password]').evaluate((field) => field.setAttribute('aria-invalid', 'true'));
    expect(await fingerprintOf(page)).not.toBe(announced);
  });

  test('handles inside a same-origin iframe turn into locators through the frame', async ({ page }) => {
    await page.goto(`${server.url}/iframe-login.html`);
    const look = await lookAt(page);
    const { username, password } = look.roles;
    expect(username).toBeDefined();
    expect(password).toBeDefined();
    await byHandle(page, username ?? '').fill('alex@example.com');
    expect((await readBack(page, [username ?? '', password ?? ''])).lengths).toEqual([16, 0]);
    await expect(page.frameLocator('iframe').locator('#u')).toHaveValue('alex@example.com');
  });

  test('an error box that fills in later: pending first, then the error, and the fingerprint moves', async ({ page }) => {
    await page.goto(`${server.url}/empty-alert-box.html`);
    const pending = await lookAt(page);
    expect(pending.errorPending).toBe(true);
    expect(pending.error).toBeUndefined();
    await page.locator('[role=alert]').evaluate((box) => {
      box.textContent = 'Wrong password.';
    });
    const filled = await lookAt(page);
    expect(filled.errorPending).toBe(false);
    expect(filled.error).toMatchObject({ kind: 'incorrect', source: 'alert' });
    expect(filled.fingerprint).not.toBe(pending.fingerprint);
  });
});
