/**
 * The three login screens Cognito can serve, each on a private in-process server, so a shape other
 * than the stage's is covered on every run.
 */
import { test, expect } from '../../fixtures/index.js';
import { authorizeRequestFor, type AuthorizationResult } from '../../lib/journey/flow.js';
import { LANGS, type Lang } from '../../mock-server/i18n.js';
import { isManaged } from '../../mock-server/sign-in.js';
import { LOGIN_UIS, type LoginUi } from '../../mock-server/types.js';
import type { LoginPage, LoginShape } from '../../pages/LoginPage.js';
import { AWKWARD_STATE, UUID, expectFailure, shownCallback, wrongPassword } from './helpers.js';

/**
 * How the journey reports each of the mock's screens: classic by its hidden _csrf field, every other
 * one-step form as `managed`, every two-step one as `managed-two-step` (recognition is by structure,
 * so a conventional form and managed login look alike to it, as they should).
 */
const REPORTED_SHAPE: Record<LoginUi, LoginShape> = {
  classic: 'classic',
  managed: 'managed',
  'managed-two-step': 'managed-two-step',
  'managed-two-page': 'managed-two-step',
  conventional: 'managed',
  'managed-cloudscape': 'managed-two-step',
  'managed-cloudscape-one-step': 'managed',
};

for (const shape of LOGIN_UIS) {
  test.describe(`${shape} login screen`, { tag: '@local-only' }, () => {
    test('signs in and returns a UUID code, the exact state and redirect URI, and never calls the app', async ({ localTarget, callbackApp, signInForCode, loginPage, page }) => {
      const { config } = await localTarget({ loginUi: shape, redirectUri: callbackApp.redirectUri });
      const request = authorizeRequestFor(config, { state: AWKWARD_STATE });

      const result = await signInForCode({ config, request });

      expect(result.loginShape).toBe(REPORTED_SHAPE[shape]);
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
      expect(await loginPage.shape()).toBe(REPORTED_SHAPE[shape]);

      await loginPage.submit();

      expect(await emptyFormRefusal(loginPage)).toMatch(/\S/);
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

/**
 * How the screen refused an empty form: the browser's own check of `required` fields, or a message
 * (whose words differ per screen and language). Either counts; neither is a sign-in.
 */
async function emptyFormRefusal(loginPage: LoginPage): Promise<string | undefined> {
  // A server-rendered form answers with a new page, so ask again until one of the two shows.
  let refusal: string | undefined;
  await expect
    .poll(async () => {
      refusal = (await loginPage.errorText().catch(() => undefined)) ?? (await requiredFieldLeftEmpty(loginPage));
      return refusal ?? '';
    })
    .toMatch(/\S/);
  return refusal;
}

async function requiredFieldLeftEmpty(loginPage: LoginPage): Promise<string | undefined> {
  try {
    const username = await loginPage.field('username');
    if (username === undefined) return undefined;
    const invalid = await username.evaluate((input) => !(input as HTMLInputElement).checkValidity(), undefined, { timeout: 500 });
    return invalid ? 'required field left empty' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The languages a shape is signed in with here: English is the first test of each shape's describe
 * above. Only managed login speaks the others: the classic and conventional screens are English
 * whatever is asked, so one other language shows that asking for it changes nothing there.
 */
function otherLanguages(shape: LoginUi): readonly Lang[] {
  const others = LANGS.filter((lang) => lang !== 'en');
  return isManaged(shape) ? others : others.slice(0, 1);
}

/** What one sign-in came to, in a line a failure message can list: the shape it was read as and the code's form, or the error. */
async function outcome(lang: Lang, signIn: () => Promise<AuthorizationResult>): Promise<string> {
  try {
    const result = await signIn();
    return `${lang}: ${result.loginShape}, ${UUID.test(result.code) ? 'a UUID code' : 'a code that is not a UUID'}`;
  } catch (error) {
    return `${lang}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

for (const shape of LOGIN_UIS) {
  const languages = otherLanguages(shape);

  test(`${shape} in ${languages.join(', ')}: signs in with no selector overrides`, { tag: '@local-only' }, async ({ localTarget, signInForCode, page }) => {
    // One sign-in per language, in one browser context (a context per sign-in cost more than the
    // sign-in): its cookies are cleared between them, which is all a fresh context would change
    // for the server (session, language choice, CSRF token).
    test.setTimeout(languages.length * 15_000);
    const outcomes: string[] = [];
    for (const lang of languages) {
      const { config } = await localTarget({ loginUi: shape, loginLang: lang });
      outcomes.push(await test.step(lang, () => outcome(lang, () => signInForCode({ config }))));
      await page.context().clearCookies();
    }
    expect(outcomes).toEqual(languages.map((lang) => `${lang}: ${REPORTED_SHAPE[shape]}, a UUID code`));
  });

  for (const fault of ['late-hydration=700', 'blank-first-render']) {
    test(`${shape} with ${fault}: signs in`, { tag: '@local-only' }, async ({ localTarget, signInForCode }) => {
      const { config, server } = await localTarget({ loginUi: shape, faults: fault });

      expect((await signInForCode({ config, timeoutMs: 20_000 })).code).toMatch(UUID);
      expect(server.stats().passwordChanges).toBe(0);
    });
  }
}

test('a wrong password on a Korean managed login screen exits 3 with credentials_rejected', { tag: '@local-only' }, async ({ localTarget, signInForCode }) => {
  const { config } = await localTarget({ loginUi: 'managed', loginLang: 'ko' });
  const started = Date.now();

  const failure = await expectFailure(signInForCode({ config: { ...config, user: { ...config.user, password: wrongPassword() } }, timeoutMs: 20_000 }), 'credentials_rejected', /^credentials rejected: the screen says "[^"]*[가-힣][^"]*"$/);

  expect(failure.exitCode).toBe(3);
  expect(Date.now() - started).toBeLessThan(10_000);
});

test('managed login in two steps still reads as two-step once it asks for the password', { tag: '@local-only' }, async ({ localTarget, openLoginScreen, config }) => {
  const target = await localTarget({ loginUi: 'managed-two-step' });
  const loginPage = await openLoginScreen({ config: target.config });
  expect(await loginPage.field('password')).toBeUndefined();

  await loginPage.enterUsername(config.user.username);
  await loginPage.submit();

  await expect.poll(async () => (await loginPage.field('password')) !== undefined, { timeout: 10_000 }).toBe(true);
  expect(await loginPage.field('username')).toBeUndefined();
  expect(await loginPage.shape()).toBe('managed-two-step');
  expect(await loginPage.isCurrent()).toBe(true);
});
