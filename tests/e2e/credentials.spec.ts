/**
 * Refused sign-ins. Against a real stage every negative attempt uses a username no stage has, so no
 * run can count failures against (and lock) the real test account; the embedded server's test user
 * is fair game, and lockout runs on a private server only.
 *
 * Stage-safe tests check what a user sees: the refusal, shown on a login screen (recognised as one,
 * whatever its path or language), and no callback. The exact sentences and the path are the
 * embedded server's and are pinned by the @local-only tests, in each of its languages.
 */
import { test, expect } from '../../fixtures/index.js';
import type { ConfigWithBaseUrl } from '../../lib/journey/flow.js';
import type { Lang } from '../../mock-server/types.js';
import type { LoginPage } from '../../pages/LoginPage.js';
import { lookAt } from '../../pages/recognise.js';
import { expectFailure, unknownUsername, wrongPassword } from './helpers.js';

/** How the flow names a refusal, with the screen's own (non-empty) words in quotes. */
const REFUSED = /^(credentials rejected|sign-in failed): the screen says "\S.*"$/;

function withCredentials(config: ConfigWithBaseUrl, username: string, password: string): ConfigWithBaseUrl {
  return { ...config, user: { username, password } };
}

/** The embedded server's test user may take a wrong password; a real stage's never does. */
function userForWrongPassword(config: ConfigWithBaseUrl): string {
  return config.target.kind === 'remote' ? unknownUsername() : config.user.username;
}

/**
 * How the screen refused an empty form: the browser's own check of `required` fields (classic), or
 * a message (managed login). Stages differ, so either counts; neither is a failure. Read again until
 * one shows: a server-side refusal replaces the document under a look, and its handles go with it.
 */
async function emptyFormRefusal(loginPage: LoginPage): Promise<string> {
  const error = await loginPage.errorText();
  if (error) return error;
  const username = await loginPage.field('username').catch(() => undefined);
  const invalid = await username?.evaluate((input) => !(input as HTMLInputElement).checkValidity(), undefined, { timeout: 500 }).catch(() => false);
  return invalid ? 'required field left empty' : '';
}

test.describe('credentials', () => {
  test('a wrong password shows the error, stays on the login screen and yields no callback', async ({ config, signInForCode, loginPage, callback, page }) => {
    await expectFailure(signInForCode({ config: withCredentials(config, userForWrongPassword(config), wrongPassword()) }), 'credentials_rejected', REFUSED);

    expect(await loginPage.errorText()).toMatch(/\S/);
    expect(await loginPage.isCurrent()).toBe(true);
    expect(new URL(page.url()).origin).toBe(new URL(config.target.baseUrl).origin);
    await expect(callback.wait(300)).rejects.toThrow(/^no callback within 300 ms; last page \S+; the screen says "\S.*"$/);
  });

  test('an unknown user is refused on the login screen', async ({ config, signInForCode, loginPage, callback, page }) => {
    await expectFailure(signInForCode({ config: withCredentials(config, unknownUsername(), wrongPassword()) }), 'credentials_rejected', REFUSED);

    expect(await loginPage.errorText()).toMatch(/\S/);
    expect(await loginPage.isCurrent()).toBe(true);
    expect(new URL(page.url()).origin).toBe(new URL(config.target.baseUrl).origin);
    await expect(callback.wait(300)).rejects.toThrow(/no callback within 300 ms/);
  });

  test('an empty form is not submitted as a sign-in', async ({ openLoginScreen, callback, config, page }) => {
    const loginPage = await openLoginScreen();

    await loginPage.submit();

    await expect.poll(() => emptyFormRefusal(loginPage), { timeout: 5_000 }).toMatch(/\S/);
    expect(await loginPage.isCurrent()).toBe(true);
    expect(new URL(page.url()).origin).toBe(new URL(config.target.baseUrl).origin);
    await expect(callback.wait(300)).rejects.toThrow(/no callback within 300 ms/);
  });
});

/** The embedded server's sentences, per language of its managed login (the classic UI is English only). */
const INCORRECT: Record<Extract<Lang, 'en' | 'ko' | 'ja'>, string> = {
  en: 'Incorrect username or password.',
  ko: '사용자 이름 또는 비밀번호가 잘못되었습니다.',
  ja: 'ユーザー名またはパスワードが正しくありません。',
};

test.describe('credentials: the embedded server\'s exact answers', { tag: '@local-only' }, () => {
  test('a wrong password says "Incorrect username or password." on /login', async ({ config, signInForCode, loginPage, callback, page }) => {
    await expectFailure(signInForCode({ config: withCredentials(config, config.user.username, wrongPassword()) }), 'credentials_rejected', /^credentials rejected: the screen says "Incorrect username or password\."$/);

    expect(await loginPage.errorText()).toBe(INCORRECT.en);
    expect((await lookAt(page)).error?.kind).toBe('incorrect');
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(callback.wait(300)).rejects.toThrow(/no callback within 300 ms; last page \S+\/login; the screen says "Incorrect username or password\."/);
  });

  test('an unknown user gets the same sentence as a wrong password', async ({ config, signInForCode, loginPage, page }) => {
    await expectFailure(signInForCode({ config: withCredentials(config, unknownUsername(), wrongPassword()) }), 'credentials_rejected', /^credentials rejected: the screen says "Incorrect username or password\."$/);

    expect(await loginPage.errorText()).toBe(INCORRECT.en);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  for (const lang of Object.keys(INCORRECT) as Array<keyof typeof INCORRECT>) {
    for (const loginUi of ['managed', 'managed-two-page'] as const) {
      test(`${loginUi} login in ${lang}: an unknown user is told "${INCORRECT[lang]}"`, async ({ localTarget, signInForCode, loginPage }) => {
        const { config } = await localTarget({ loginUi, loginLang: lang });

        await expectFailure(signInForCode({ config: withCredentials(config, unknownUsername(), wrongPassword()) }), 'credentials_rejected', new RegExp(`^credentials rejected: the screen says "${INCORRECT[lang].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"$`));

        expect(await loginPage.errorText()).toBe(INCORRECT[lang]);
        // The language table knows the sentence: the flow names it a credentials refusal, not just a failure.
        expect((await lookAt(loginPage.page)).error?.kind).toBe('incorrect');
        expect(await loginPage.isCurrent()).toBe(true);
      });
    }
  }

  test('five wrong passwords lock the account, even against the right password', async ({ localTarget, signInForCode }) => {
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
