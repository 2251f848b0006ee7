/**
 * The three login screens Cognito can serve, each on a private in-process server, so a shape other
 * than the stage's is covered on every run.
 */
import { test, expect } from '../../fixtures/index.js';
import { authorizeRequestFor } from '../../lib/flow.js';
import { LOGIN_UIS, type LoginUi } from '../../mock-server/types.js';
import type { LoginPage } from '../../pages/LoginPage.js';
import { AWKWARD_STATE, UUID, shownCallback } from './helpers.js';

for (const shape of LOGIN_UIS) {
  test.describe(`${shape} login screen`, { tag: '@local-only' }, () => {
    test('signs in and returns a UUID code, the exact state and redirect URI, and never calls the app', async ({ localTarget, callbackApp, signInForCode, loginPage, page }) => {
      const { config } = await localTarget({ loginUi: shape, redirectUri: callbackApp.redirectUri });
      const request = authorizeRequestFor(config, { state: AWKWARD_STATE });

      const result = await signInForCode({ config, request });

      expect(result.loginShape).toBe(shape);
      expect(result.signedInWithForm).toBe(true);
      expect(result.code).toMatch(UUID);
      expect(result.state).toBe(AWKWARD_STATE);
      expect(result.redirectUri).toBe(callbackApp.redirectUri);
      const callback = await shownCallback(page, callbackApp.redirectUri);
      expect(callback.searchParams.get('state')).toBe(AWKWARD_STATE);
      expect(callback.searchParams.get('code')).toBe(result.code);
      expect(callback.searchParams.has('error')).toBe(false);
      expect(await loginPage.isCurrent()).toBe(false);
      // The code stayed in the browser: the app behind the redirect URI was never asked ...
      expect(callbackApp.hits()).toBe(0);
      // ... although it is listening and counts what reaches it.
      expect((await fetch(callbackApp.redirectUri)).status).toBe(200);
      expect(callbackApp.hits()).toBe(1);
    });

    test('stays on the login screen when submitted empty', async ({ localTarget, openLoginScreen, callback, page }) => {
      const { config } = await localTarget({ loginUi: shape });
      const loginPage = await openLoginScreen({ config });
      expect(await loginPage.shape()).toBe(shape);

      await loginPage.submit();

      await expectEmptyFormRefused(shape, loginPage);
      expect(await loginPage.isCurrent()).toBe(true);
      expect(new URL(page.url()).pathname).toBe('/login');
      await expect(callback.wait(300)).rejects.toThrow(/no callback within 300 ms; last page http:\/\/127\.0\.0\.1:\d+\/login/);
    });

    test('signs in by structure when the username field has an unknown name, and through LOGIN_*_SELECTOR overrides', async ({ localTarget, signInForCode }) => {
      // selector-drift renames the username field (login_identifier, "Identifier"): structure still finds it.
      const drifted = await localTarget({ loginUi: shape, faults: 'selector-drift' });
      expect((await signInForCode({ config: drifted.config })).code).toMatch(UUID);

      const { config } = await localTarget({ loginUi: shape, faults: 'selector-drift', selectors: { username: 'input[name="login_identifier"]' } });
      const result = await signInForCode({ config });
      expect(result.code).toMatch(UUID);
    });
  });
}

/** What each screen does with an empty form: the browser's own check, or the screen's message. */
async function expectEmptyFormRefused(shape: LoginUi, loginPage: LoginPage): Promise<void> {
  switch (shape) {
    case 'classic':
      // The classic form marks its fields `required`: the browser refuses to submit at all.
      expect(await loginPage.usernameField.evaluate((input) => (input as HTMLInputElement).validity.valueMissing)).toBe(true);
      expect(await loginPage.errorText()).toBeUndefined();
      return;
    case 'managed':
      expect(await loginPage.waitForError(5_000)).toBe('Incorrect username or password.');
      return;
    case 'managed-two-step':
      expect(await loginPage.waitForError(5_000)).toBe('Enter your email address.');
      return;
  }
}

test('managed login in two steps still reads as two-step once it asks for the password', { tag: '@local-only' }, async ({ localTarget, openLoginScreen, config }) => {
  const target = await localTarget({ loginUi: 'managed-two-step' });
  const loginPage = await openLoginScreen({ config: target.config });
  await expect(loginPage.passwordField).toHaveCount(0);

  await loginPage.usernameField.fill(config.user.username);
  await loginPage.nextButton.click();

  await expect(loginPage.passwordField).toBeVisible();
  await expect(loginPage.usernameField).toHaveCount(0);
  expect(await loginPage.shape()).toBe('managed-two-step');
  expect(await loginPage.isCurrent()).toBe(true);
});
