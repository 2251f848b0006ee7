/**
 * The journey on login screens it was not written against (tests/e2e/foreign-screens/): other
 * languages, names and structure, forms that re-render or never draw, and the challenges after the
 * password. No LOGIN_*_SELECTOR override is set in any of them.
 */
import { test, expect } from '../../fixtures/index.js';
import type { ConfigWithBaseUrl } from '../../lib/journey/flow.js';
import { UUID, expectFailure, sharedClock, wrongPassword } from './helpers.js';
import type { ForeignService, ForeignStep } from './foreign-screens/server.js';
import { startForeignTarget, type ForeignTarget } from './foreign-screens/target.js';
import * as screens from './foreign-screens/screens.js';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/**
 * Each test signs in with a secret of its own: the harness never uses one time step twice per process,
 * so two tests of one worker sharing a secret in the same 30-second window would wait for the next.
 */
const SECRETS = { en: 'NBSWY3DPNBSWY3DPNBSWY3DPNBSWY3DP', ko: 'ORSXG5DTORSXG5DTORSXG5DTORSXG5DT', uri: 'MZXW6YTBOIMZXW6YTBOIMZXW6YTBOI22', wrong: 'ONSWG4TFORZXI43UONSWG4TFORZXI43U' } as const;

const services: ForeignService[] = [];

test.afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
});

async function foreign(base: ConfigWithBaseUrl, steps: ForeignStep[], user: Partial<ConfigWithBaseUrl['user']> = {}): Promise<ForeignTarget> {
  const target = await startForeignTarget(base, steps, user);
  services.push(target.service);
  return target;
}

test.describe('login screens the harness was not written against', { tag: '@local-only' }, () => {
  test('a Korean one-step form, by its words and structure', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.koreanCredentials(config.user)]);

    const result = await signInForCode({ config: target.config });

    expect(result.code).toMatch(UUID);
    expect(result.loginShape).toBe('managed');
    expect(target.service.posts.map((post) => [...post.form.keys()])).toEqual([['f_1', 'f_2']]);
  });

  test('a wrong password on a Korean screen is credentials_rejected, exit 3, at once', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.koreanCredentials(config.user)], { password: wrongPassword() });
    const started = Date.now();

    const failure = await expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'credentials_rejected', /^credentials rejected: the screen says "사용자 이름 또는 암호가 잘못되었습니다\."$/);

    expect(failure.exitCode).toBe(3);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(target.service.posts).toHaveLength(1);
  });

  test('a Japanese two-step form: 次へ, then サインイン', async ({ config, signInForCode }) => {
    const target = await foreign(config, screens.japaneseTwoStep(config.user));

    const result = await signInForCode({ config: target.config });

    expect(result.code).toMatch(UUID);
    expect(result.loginShape).toBe('managed-two-step');
    expect(target.service.posts.map((post) => post.step)).toEqual([0, 1]);
  });

  test('a wrong password on a Japanese two-step form is credentials_rejected', async ({ config, signInForCode }) => {
    const target = await foreign(config, screens.japaneseTwoStep(config.user), { password: wrongPassword() });

    await expectFailure(signInForCode({ config: target.config }), 'credentials_rejected', /ユーザー名またはパスワードが正しくありません/);
  });

  test('a conventional form: user_id, no labels, "Log on", a search form before it and a hidden copy', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.conventionalForm(config.user)]);

    const result = await signInForCode({ config: target.config });

    expect(result.code).toMatch(UUID);
    // The form's own default button was pressed: not the search, not "Register".
    expect(target.service.posts).toHaveLength(1);
  });

  test('a form that is inert and re-rendered empty after load is filled and submitted again', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.lateHydration(config.user, 800)]);

    const result = await signInForCode({ config: target.config });

    expect(result.code).toMatch(UUID);
    expect(target.service.posts).toHaveLength(1);
  });

  test('a first load that draws no form is reloaded', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.blankFirstRender(screens.conventionalForm(config.user))]);

    const result = await signInForCode({ config: target.config, timeoutMs: 10_000 });

    expect(result.code).toMatch(UUID);
  });

  test('an unknown screen fails unexpected_page well before the timeout and says what it saw', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.searchScreen]);
    const started = Date.now();

    const failure = await expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), 'unexpected_page', /^no known screen on http:\/\/127\.0\.0\.1:\d+\/login: title "Find a store", search field, buttons "Search"; looked for: .*one-time code.*username and password/);

    expect(failure.exitCode).toBe(6);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('an empty page fails unexpected_page, not timeout', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.emptyPage]);

    const failure = await expectFailure(signInForCode({ config: target.config, timeoutMs: 15_000 }), 'unexpected_page', /^the login service sent an empty page at http:\/\/127\.0\.0\.1:\d+\/login/);
    expect(failure.exitCode).toBe(6);
  });

  test('a page that never becomes usable ends at the deadline with timeout', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.neverUsable]);
    const started = Date.now();

    await expectFailure(signInForCode({ config: target.config, timeoutMs: 3_000 }), 'timeout', /^no callback within 3000 ms; last page: http:\/\/127\.0\.0\.1:\d+\/login$/);

    expect(Date.now() - started).toBeLessThan(3_000 + 1_500);
  });
});

test.describe('challenges after the password', { tag: '@local-only' }, () => {
  for (const lang of ['en', 'ko'] as const) {
    test(`TOTP (${lang}): the code from TEST_TOTP_SECRET is entered and the MFA step is timed`, async ({ config, signInForCode }) => {
      const verifier = new screens.TotpVerifier(SECRETS[lang]);
      const target = await foreign(config, [screens.conventionalForm(config.user), screens.oneTimeCodeStep(verifier, lang)], { totpSecret: SECRETS[lang] });

      const result = await signInForCode({ config: target.config });

      expect(result.code).toMatch(UUID);
      expect(verifier.codesSeen).toHaveLength(1);
      expect(result.phases.mfaMs).toBeGreaterThanOrEqual(0);
    });
  }

  test('an otpauth:// URI works like the base32 secret', async ({ config, signInForCode }) => {
    const verifier = new screens.TotpVerifier(SECRETS.uri);
    const target = await foreign(config, [screens.conventionalForm(config.user), screens.oneTimeCodeStep(verifier, 'en')], {
      totpSecret: `otpauth://totp/RayTeams:tester?secret=${SECRETS.uri}&issuer=RayTeams`,
    });

    expect((await signInForCode({ config: target.config })).code).toMatch(UUID);
  });

  test('two codes in one 30-second window both succeed, and the service never sees a code twice', async ({ config, signInForCode, browser }) => {
    const clock = sharedClock();
    const verifier = new screens.TotpVerifier(TOTP_SECRET, clock.server);
    const secret = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
    const own = new screens.TotpVerifier(secret, clock.server);
    const target = await foreign(config, [screens.conventionalForm(config.user), screens.oneTimeCodeStep(own, 'en')], { totpSecret: secret });

    const first = await signInForCode({ config: target.config, totpClock: clock.totp });
    const fresh = await browser.newContext();
    try {
      const second = await signInForCode({ config: target.config, page: await fresh.newPage(), timeoutMs: 45_000, totpClock: clock.totp });
      expect(second.code).not.toBe(first.code);
    } finally {
      await fresh.close();
    }

    expect(own.codesSeen).toHaveLength(2);
    expect(new Set(own.codesSeen).size).toBe(2);
    expect(verifier.codesSeen).toHaveLength(0);
    // The second code waited for the next window, on the clock the service keeps too.
    expect(clock.movedMs()).toBeGreaterThan(0);
  });

  test('a code already used by someone else in this window: the next window\'s code is entered', async ({ config, signInForCode }) => {
    const clock = sharedClock();
    const secret = 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK';
    const verifier = new screens.TotpVerifier(secret, clock.server);
    // Another run signed in with this window's code a moment ago.
    verifier.usedSteps.add(verifier.step());
    verifier.usedSteps.add(verifier.step() + 1);
    const target = await foreign(config, [screens.conventionalForm(config.user), screens.oneTimeCodeStep(verifier, 'en')], { totpSecret: secret });

    const result = await signInForCode({ config: target.config, timeoutMs: 75_000, totpClock: clock.totp });

    expect(result.code).toMatch(UUID);
    expect(clock.movedMs()).toBeGreaterThan(0);
    expect(new Set(verifier.codesSeen).size).toBe(verifier.codesSeen.length);
  });

  const failures: Array<{ name: string; steps: (user: { username: string; password: string }) => ForeignStep[]; totp?: boolean; reason: string; message: RegExp }> = [
    { name: 'a code is asked for and no secret is set', steps: (user) => [screens.conventionalForm(user), screens.oneTimeCodeStep(new screens.TotpVerifier(TOTP_SECRET), 'en')], reason: 'mfa_required', message: /set TEST_TOTP_SECRET/ },
    {
      name: 'a wrong secret: two codes refused',
      steps: (user) => [screens.conventionalForm(user), screens.oneTimeCodeStep(new screens.TotpVerifier('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), 'ko')],
      totp: true,
      reason: 'mfa_rejected',
      message: /^two one-time codes in a row were refused/,
    },
    { name: 'the code goes by SMS', steps: (user) => [screens.conventionalForm(user), screens.smsCodeStep], totp: true, reason: 'mfa_unsupported', message: /sent by SMS/ },
    { name: 'MFA must be set up', steps: (user) => [screens.conventionalForm(user), screens.mfaSetupStep], totp: true, reason: 'mfa_setup_required', message: /never enrols/ },
    { name: 'a new password is required', steps: (user) => [screens.conventionalForm(user), screens.newPasswordStep], reason: 'password_change_required', message: /admin-set-user-password .*--permanent/ },
  ];
  for (const { name, steps, totp, reason, message } of failures) {
    test(`${name}: ${reason}, exit 3, well before the timeout, and nothing is changed`, async ({ config, signInForCode }) => {
      // The service checks another secret than the harness's in the mfa_rejected case.
      const target = await foreign(config, steps(config.user), totp ? { totpSecret: SECRETS.wrong } : {});
      const started = Date.now();

      const failure = await expectFailure(signInForCode({ config: target.config, timeoutMs: 20_000 }), reason as never, message);

      expect(failure.exitCode).toBe(3);
      expect(Date.now() - started).toBeLessThan(8_000);
      // Nothing was submitted on the challenge screen except one-time codes (no new password, no enrolment).
      expect(target.service.posts.filter((post) => post.step === 1 && !post.form.has('totpCode') && !post.form.has('v'))).toHaveLength(0);
    });
  }

  test('a sign-in method choice: password is picked, in Korean', async ({ config, signInForCode }) => {
    const target = await foreign(config, [
      { ...screens.koreanCredentials(config.user) },
      screens.methodChoiceStep('ko'),
      screens.passwordAloneStep(config.user),
    ]);

    // The first screen here already signs in; the choice and the password follow.
    const result = await signInForCode({ config: target.config });
    expect(result.code).toMatch(UUID);
    expect(target.service.posts.map((post) => post.step)).toEqual([0, 1, 2]);
  });

  test('the username, a sign-in method choice in English, the password, then a passkey offer that is declined', async ({ config, signInForCode }) => {
    // Choice-based sign-in asks for the username first: a password step is never the first to get the password.
    const target = await foreign(config, [screens.japaneseTwoStep(config.user)[0] as ForeignStep, screens.methodChoiceStep('en'), screens.passwordAloneStep(config.user), screens.passkeyOfferStep('en')]);

    const result = await signInForCode({ config: target.config });

    expect(result.code).toMatch(UUID);
    expect(target.service.posts.map((post) => post.form.get('choice') ?? post.form.get('method') ?? (post.form.has('p') ? 'password' : 'username'))).toEqual(['username', 'password', 'password', 'skip']);
  });

  test('a passkey offer in Japanese is declined with 後で', async ({ config, signInForCode }) => {
    const target = await foreign(config, [screens.koreanCredentials(config.user), screens.passkeyOfferStep('ja')]);

    expect((await signInForCode({ config: target.config })).code).toMatch(UUID);
    expect(target.service.posts.at(-1)?.form.get('choice')).toBe('skip');
  });
});

test('a redirect to a host that does not resolve is not called "cannot reach the login service"', { tag: '@local-only' }, async ({ config, signInForCode }) => {
  const unresolvable: ForeignStep = {
    ...screens.conventionalForm(config.user),
    // After the password the service sends the browser to a host no DNS knows (not the redirect URI).
    next: () => 99,
  };
  const target = await foreign(config, [unresolvable]);

  const failure = await expectFailure(signInForCode({ config: target.config, timeoutMs: 15_000 }), 'network', /^the browser could not open http:\/\/no-such-host\.invalid \(not the login service\): net::ERR_NAME_NOT_RESOLVED$/);
  expect(failure.message).not.toMatch(/cannot reach the login service/);
});
