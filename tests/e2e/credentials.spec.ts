/**
 * Refused sign-ins. Against a real stage every negative attempt uses a username no stage has, so no
 * run can count failures against (and lock) the real test account; the embedded server's test user
 * is fair game, and lockout runs on a private server only.
 */
import { test, expect } from '../../fixtures/index.js';
import type { ConfigWithBaseUrl } from '../../lib/flow.js';
import type { LoginPage } from '../../pages/LoginPage.js';
import { expectFailure, unknownUsername, wrongPassword } from './helpers.js';

const INCORRECT = /^Incorrect username or password\.$/;

function withCredentials(config: ConfigWithBaseUrl, username: string, password: string): ConfigWithBaseUrl {
  return { ...config, user: { username, password } };
}

/** The embedded server's test user may take a wrong password; a real stage's never does. */
function userForWrongPassword(config: ConfigWithBaseUrl): string {
  return config.target.kind === 'remote' ? unknownUsername() : config.user.username;
}

/**
 * How the screen refused an empty form: the browser's own check of `required` fields (classic), or
 * a message (managed login). Stages differ, so either counts; neither is a failure.
 */
async function emptyFormRefusal(loginPage: LoginPage): Promise<string | undefined> {
  if (await loginPage.usernameField.evaluate((input) => !(input as HTMLInputElement).checkValidity())) return 'required field left empty';
  return loginPage.waitForError(5_000).catch(() => undefined);
}

test.describe('credentials', () => {
  test('a wrong password shows the error, stays on the login screen and yields no callback', async ({ config, signInForCode, loginPage, callback, page }) => {
    await expectFailure(signInForCode({ config: withCredentials(config, userForWrongPassword(config), wrongPassword()) }), 'credentials_rejected', /^credentials rejected: the screen says "Incorrect username or password\."$/);

    expect(await loginPage.errorText()).toMatch(INCORRECT);
    expect(await loginPage.isCurrent()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(callback.wait(300)).rejects.toThrow(/no callback within 300 ms; last page \S+\/login; the screen says "Incorrect username or password\."/);
  });

  test('an unknown user gets the same error as a wrong password', async ({ config, signInForCode, loginPage, page }) => {
    await expectFailure(signInForCode({ config: withCredentials(config, unknownUsername(), wrongPassword()) }), 'credentials_rejected', /Incorrect username or password\./);

    expect(await loginPage.errorText()).toMatch(INCORRECT);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  test('an empty form is not submitted as a sign-in', async ({ openLoginScreen, callback, page }) => {
    const loginPage = await openLoginScreen();

    await loginPage.submit();

    expect(await emptyFormRefusal(loginPage)).toMatch(/\S/);
    expect(await loginPage.isCurrent()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(callback.wait(300)).rejects.toThrow(/no callback within 300 ms/);
  });

  test('five wrong passwords lock the account, even against the right password', { tag: '@local-only' }, async ({ localTarget, signInForCode }) => {
    const { config } = await localTarget({ lockoutThreshold: 5, lockoutBaseMs: 60_000 });
    const wrong = withCredentials(config, config.user.username, wrongPassword());

    // Attempts 1-4 are plain refusals: a locked account would already say "Password attempts exceeded".
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await expectFailure(signInForCode({ config: wrong }), 'credentials_rejected', /Incorrect username or password\./);
    }
    await expectFailure(signInForCode({ config: wrong }), 'account_locked', /^account locked: the screen says "Password attempts exceeded"$/);
    await expectFailure(signInForCode({ config }), 'account_locked', /Password attempts exceeded/);
  });
});
