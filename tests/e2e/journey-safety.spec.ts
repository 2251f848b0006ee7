/**
 * The journey's safety rules and its handling of screens that differ on purpose
 * (tests/e2e/foreign-screens/unusual.ts): each case names its expected outcome and counts the
 * password submissions the service received. A wrong password is submitted exactly once, whatever
 * the screen does; a screen the harness does not understand never gets the password.
 */
import { test, expect } from '../../fixtures/index.js';
import type { ConfigWithBaseUrl } from '../../lib/journey/flow.js';
import { UUID, expectFailure, wrongPassword } from './helpers.js';
import type { ForeignServiceOptions, ForeignStep } from './foreign-screens/server.js';
import * as screens from './foreign-screens/screens.js';
import { passwordSubmissions, startForeignTarget, type ForeignTarget } from './foreign-screens/target.js';
import * as unusual from './foreign-screens/unusual.js';

const TOTP_SECRET = 'GFYGQ2LMNRXXIZLTGFYGQ2LMNRXXIZLT';
const targets: ForeignTarget[] = [];

test.afterEach(async () => {
  await Promise.all(targets.splice(0).map((target) => target.service.close()));
});

async function foreign(base: ConfigWithBaseUrl, steps: ForeignStep[], user: Partial<ConfigWithBaseUrl['user']> = {}, options: ForeignServiceOptions = {}): Promise<ForeignTarget> {
  const target = await startForeignTarget(base, steps, user, options);
  targets.push(target);
  return target;
}

/** Runs a journey that must fail, and returns how long it took. */
async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work;
  return { result, ms: Date.now() - started };
}

test.describe('safety rules', { tag: '@local-only' }, () => {
  test('1. a password screen that comes first (no username field, no username step) is unexpected_page naming what was seen; the password is never sent', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.passwordAloneStep(config.user)]);

    const { ms } = await timed(expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'unexpected_page', /^a password field with no username field, and no username was entered on this journey.*: title "Password", password field, buttons "Continue"/));

    expect(target.service.posts).toHaveLength(0);
    expect(ms).toBeLessThan(10_000);
  });

  test('2. a password the service answered without changing the screen or showing an error is not submitted again: unexpected_page, not a timeout', async ({ config, signInForCode }) => {
    const password = wrongPassword();
    const target = await foreign(config, [unusual.singlePageLogin(config.user, { refusal: 'nothing' })], { password });

    const { ms } = await timed(expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'unexpected_page', /^the login service answered the username and password screen, but it neither changed nor showed an error; not submitting it again: title "Sign in"/));

    expect(passwordSubmissions(target.service, password)).toBe(1);
    expect(ms).toBeLessThan(10_000);
  });

  test('3a. an error box drawn empty whose text arrives 400 ms later, under a strict CSP: credentials_rejected, the password sent once', async ({ config, signInForCode }) => {
    const password = wrongPassword();
    const target = await foreign(config, [unusual.strictCspPortal(config.user, { errorTextAfterMs: 400 })], { password }, { scripts: { '/portal.js': unusual.PORTAL_SCRIPT } });

    const { result: failure, ms } = await timed(expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'credentials_rejected', /^credentials rejected: the screen says "Incorrect username or password\."$/));

    expect(failure.exitCode).toBe(3);
    expect(passwordSubmissions(target.service, password)).toBe(1);
    expect(ms).toBeLessThan(10_000);
  });

  test('3b. an error box that stays empty after the password: unexpected_page naming the empty box, never a second password', async ({ config, signInForCode }) => {
    const password = wrongPassword();
    const target = await foreign(config, [unusual.strictCspPortal(config.user, { errorTextAfterMs: undefined })], { password }, { scripts: { '/portal.js': unusual.PORTAL_SCRIPT } });

    await expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'unexpected_page', /^the screen shows an empty error box \d+ ms after the password was submitted; not submitting it again: title "Portal sign-on"/);

    expect(passwordSubmissions(target.service, password)).toBe(1);
  });

  test('3c. a refusal page that draws nothing for 4 s is waited on, never reloaded (a reload would POST the password again)', async ({ config, signInForCode }) => {
    const password = wrongPassword();
    const target = await foreign(config, [unusual.lateDrawnRefusal(config.user, 4_000)], { password });

    await expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'credentials_rejected', /^credentials rejected: the screen says "Incorrect username or password\."$/);

    expect(passwordSubmissions(target.service, password)).toBe(1);
  });

  test('4. "Loading..." in an alert before the form is drawn is no error: the journey waits, then signs in', async ({ config, signInForCode }) => {
    const target = await foreign(config, [unusual.loadingAlertFirst(config.user, 700)]);

    const result = await signInForCode({ config: target.config, timeoutMs: 20_000 });

    expect(result.code).toMatch(UUID);
    expect(passwordSubmissions(target.service, config.user.password)).toBe(1);
  });

  test('5. a screen nobody recognises after sign-in is unexpected_page naming what was seen, not a timeout', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.conventionalForm(config.user), screens.searchScreen]);

    const { ms } = await timed(expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'unexpected_page', /^no known screen on .*: title "Find a store", search field, buttons "Search"/));

    expect(passwordSubmissions(target.service, config.user.password)).toBe(1);
    expect(ms).toBeLessThan(10_000);
  });
});

test.describe('controls', { tag: '@local-only' }, () => {
  test('a screen with no submit control where Enter does nothing fails at once with that reason; nothing is sent', async ({ config, signInForCode }) => {
    const target = await foreign(config, [unusual.noSubmitControl(config.user)]);

    const { ms } = await timed(expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'unexpected_page', /^no submit control and Enter did nothing: title "Sign in"/));

    expect(target.service.posts).toHaveLength(0);
    expect(ms).toBeLessThan(10_000);
  });

  test('a link styled as the primary button is the sign-in control', async ({ config, signInForCode }) => {
    const target = await foreign(config, [unusual.linkAsSignIn(config.user)]);

    const result = await signInForCode({ config: target.config, timeoutMs: 20_000 });

    expect(result.code).toMatch(UUID);
    expect(passwordSubmissions(target.service, config.user.password)).toBe(1);
  });
});

test.describe('single-page logins, strict CSP, refusals by structure', { tag: '@local-only' }, () => {
  test('a client-rendered login with no <form>: fetch POST, then window.location.assign to the callback', async ({ config, signInForCode }) => {
    const target = await foreign(config, [unusual.singlePageLogin(config.user)]);

    const result = await signInForCode({ config: target.config, timeoutMs: 20_000 });

    expect(result.code).toMatch(UUID);
    expect(passwordSubmissions(target.service, config.user.password)).toBe(1);
  });

  test('a wrong password on the single-page login: credentials_rejected, sent once', async ({ config, signInForCode }) => {
    const password = wrongPassword();
    const target = await foreign(config, [unusual.singlePageLogin(config.user)], { password });

    await expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'credentials_rejected', /^credentials rejected: the screen says "Incorrect username or password\."$/);

    expect(passwordSubmissions(target.service, password)).toBe(1);
  });

  test('the portal under script-src \'self\' signs in', async ({ config, signInForCode }) => {
    const target = await foreign(config, [unusual.strictCspPortal(config.user, { errorTextAfterMs: 400 })], {}, { scripts: { '/portal.js': unusual.PORTAL_SCRIPT } });

    expect((await signInForCode({ config: target.config, timeoutMs: 20_000 })).code).toMatch(UUID);
  });

  for (const keepPassword of [true, false]) {
    test(`a refusal shown only by structure (aria-invalid, described-by; password ${keepPassword ? 'kept' : 'cleared'}) ends at once with credentials_rejected, sent once`, async ({ config, signInForCode }) => {
      const password = wrongPassword();
      const target = await foreign(config, [unusual.refusalByStructure(config.user, { keepPassword })], { password });

      await expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'credentials_rejected', /Incorrect username or password\./);

      expect(passwordSubmissions(target.service, password)).toBe(1);
      // From the password reaching the service to the verdict: the refusal is seen, not sat out.
      expect(Date.now() - (target.service.posts[0]?.at ?? 0)).toBeLessThan(3_000);
    });
  }
});

test.describe('interstitials and words', { tag: '@local-only' }, () => {
  test('"Welcome back / Continue" after sign-in is pressed once', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.conventionalForm(config.user), unusual.welcomeBack]);

    const result = await signInForCode({ config: target.config, timeoutMs: 20_000 });

    expect(result.code).toMatch(UUID);
    expect(target.service.posts.map((post) => post.step)).toEqual([0, 1]);
  });

  test('a second interstitial in a row fails clearly after pressing the first once', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.conventionalForm(config.user), unusual.welcomeBack, unusual.welcomeBack]);

    await expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'unexpected_page', /^a second screen with nothing but a "continue" action after pressing one already: title "Welcome back"/);

    expect(target.service.posts.map((post) => post.step)).toEqual([0, 1]);
  });

  test('an interstitial before signing in is no step of the journey', async ({ config, signInForCode }) => {
    const target = await foreign(config, [unusual.welcomeBack, screens.conventionalForm(config.user)]);

    await expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'unexpected_page', /^a screen with nothing but a "continue" action before signing in/);

    expect(target.service.posts).toHaveLength(0);
  });

  test('an e-mail one-time code in German is mfa_unsupported: no authenticator code is typed', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.conventionalForm(config.user), unusual.germanEmailCode], { totpSecret: TOTP_SECRET });

    await expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'mfa_unsupported', /sent by e-mail/);

    expect(target.service.posts.map((post) => post.step)).toEqual([0]);
  });
});

test.describe('hydration and the error page', { tag: '@local-only' }, () => {
  test('typed values lost to a late hydration ("Enter your email address." with nothing sent) are typed again, not credentials_rejected', async ({ config, signInForCode }) => {
    const target = await foreign(config, [unusual.lostToHydration(config.user)]);

    const result = await signInForCode({ config: target.config, timeoutMs: 20_000 });

    expect(result.code).toMatch(UUID);
    expect(passwordSubmissions(target.service, config.user.password)).toBe(1);
  });

  test('a one-step form looked at half drawn (the password field shows only once the username is typed) is looked at again and signed in, never submitted without its password', async ({ config, signInForCode }) => {
    const target = await foreign(config, [unusual.restDrawnWhileTyping(config.user)]);

    const result = await signInForCode({ config: target.config, timeoutMs: 20_000 });

    expect(result.code).toMatch(UUID);
    // Reported as the one-step screen it is, not as the username step the half-drawn look resembled.
    expect(result.loginShape).toBe('managed');
    expect(target.service.posts.map((post) => post.form.get('password'))).toEqual([config.user.password]);
  });

  test('a server-rendered POST form without an action is typed into only once its script has taken it over (700 ms later): signed in, nothing posted natively', async ({ config, signInForCode }) => {
    const target = await foreign(config, [unusual.takenOverLater(config.user, 700)]);

    const result = await signInForCode({ config: target.config, timeoutMs: 20_000 });

    expect(result.code).toMatch(UUID);
    expect(target.service.posts.map((post) => post.form.get('via'))).toEqual(['script']);
  });

  test('a plain form that posts to the page itself (no action, no script) is submitted natively and signs in', async ({ config, signInForCode }) => {
    const target = await foreign(config, [unusual.postsToItself(config.user)]);

    const result = await signInForCode({ config: target.config, timeoutMs: 20_000 });

    expect(result.code).toMatch(UUID);
    expect(passwordSubmissions(target.service, config.user.password)).toBe(1);
  });

  test('a native submit that lands on the service\'s error page is authorization_error, never credentials_rejected', async ({ config, signInForCode }) => {
    const target = await foreign(config, [unusual.nativeSubmitToErrorPage(config.user)]);

    const failure = await expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'authorization_error', /^login service showed its error page after sign-in: error=invalid_request$/);

    expect(failure.exitCode).toBe(4);
    expect(passwordSubmissions(target.service, config.user.password)).toBe(1);
  });
});

test('the forgot-password link is found on the password step when the first step does not show it; no password is sent', { tag: '@local-only' }, async ({ config, openLoginScreen }) => {
  const target = await foreign(config, unusual.forgotLinkOnPasswordStep(config.user));
  const loginPage = await openLoginScreen({ config: target.config });

  const link = await loginPage.forgotPasswordLink({ username: config.user.username });

  await expect(link).toHaveText('Forgot password?');
  await expect(link).toHaveAttribute('href', '/forgotPassword');
  expect(target.service.posts.map((post) => post.step)).toEqual([0]);
});
