/** The login service's browser session: reused within a context, absent in a fresh one, ended by logout. */
import { test, expect } from '../../fixtures/index.js';
import { authorizeRequestFor } from '../../lib/journey/flow.js';
import { expectFailure } from './helpers.js';

test.describe('session', () => {
  test('a second authorize in the same browser context skips the form', async ({ signInForCode, config }) => {
    const first = await signInForCode();
    expect(first.signedInWithForm).toBe(true);

    const second = await signInForCode({ request: authorizeRequestFor(config) });

    expect(second.signedInWithForm).toBe(false);
    expect(second.loginShape).toBeUndefined();
    expect(config.codePattern.test(second.code), `code matches CODE_PATTERN`).toBe(true);
    expect(second.code).not.toBe(first.code);
    // A caller that needs the form says so, and is told why it did not get it.
    await expectFailure(signInForCode({ request: authorizeRequestFor(config), requireLoginForm: true }), 'unexpected_page', /already had a session/);
  });

  test('a fresh browser context shows the form again', async ({ signInForCode, browser, config }) => {
    await signInForCode();
    const fresh = await browser.newContext();
    try {
      const result = await signInForCode({ page: await fresh.newPage(), requireLoginForm: true });
      expect(result.signedInWithForm).toBe(true);
      expect(config.codePattern.test(result.code), `code matches CODE_PATTERN`).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  test('logout ends the session, so the next authorize shows the form', async ({ signInForCode, signOut, loginPage, config, page }) => {
    await signInForCode();

    await signOut();

    // A login screen again, recognised as one: its path is the service's business.
    expect(await loginPage.isCurrent()).toBe(true);
    expect(new URL(page.url()).origin).toBe(new URL(config.target.baseUrl).origin);
    const result = await signInForCode({ request: authorizeRequestFor(config), requireLoginForm: true });
    expect(result.signedInWithForm).toBe(true);
  });
});
