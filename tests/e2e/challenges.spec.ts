/**
 * The screens after the password on the embedded server (MOCK_USER_MFA, MOCK_USER_STATUS,
 * MOCK_SIGN_IN_CHOICE, MOCK_PASSKEY_OFFER): the journey answers TOTP, picks password, declines the
 * passkey, and stops with a named exit-3 reason on the rest, never changing the account.
 */
import { test, expect } from '../../fixtures/index.js';
import { getAuthorizationCodes } from '../../lib/api.js';
import { startLocalTarget, type LocalTarget, type LocalTargetOptions } from '../../fixtures/local-target.js';
import type { FailureReason } from '../../lib/errors.js';
import type { ConfigWithBaseUrl } from '../../lib/journey/flow.js';
import { UUID, expectFailure, sharedClock } from './helpers.js';

const started: LocalTarget[] = [];

test.afterEach(async () => {
  await Promise.all(started.splice(0).map((target) => target.server.close()));
});

/**
 * A private server whose user has `totpSecret`. The harness never uses one time step of a secret
 * twice per process, so each test has a secret of its own: tests sharing one in the same window
 * would wait for the next.
 */
async function serverFor(base: ConfigWithBaseUrl, options: LocalTargetOptions, totpSecret?: string): Promise<LocalTarget> {
  const { totpSecret: _ignored, ...user } = base.user;
  const target = await startLocalTarget({ ...base, user: totpSecret === undefined ? user : { ...user, totpSecret } }, options);
  started.push(target);
  return target;
}

/** The harness's configuration for `target` with this TEST_TOTP_SECRET (or none). */
function withTotpSecret(target: ConfigWithBaseUrl, totpSecret: string | undefined): ConfigWithBaseUrl {
  const user = { username: target.user.username, password: target.user.password };
  return { ...target, user: totpSecret === undefined ? user : { ...user, totpSecret } };
}

/** Distinct base32 secrets, one per test. */
const secret = (() => {
  let next = 0;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return (): string => {
    next += 1;
    const tag = `${alphabet[(process.pid + next) % 32]}${alphabet[next % 32]}${alphabet[Math.floor(next / 32) % 32]}`;
    return `${tag}KRSXG5CSMF4VIZLBNVZUY33DMFWE2R`.slice(0, 32);
  };
})();

test.describe('challenges after the password on the embedded server', { tag: '@local-only' }, () => {
  const totpCases = [
    { loginUi: 'classic', loginLang: 'en' },
    { loginUi: 'managed', loginLang: 'en' },
    { loginUi: 'managed', loginLang: 'ko' },
    { loginUi: 'managed-two-step', loginLang: 'ja' },
  ] as const;
  for (const { loginUi, loginLang } of totpCases) {
    test(`TOTP on ${loginUi} (${loginLang}): signs in with the code, times the MFA step, changes nothing`, async ({ config, signInForCode }) => {
      const totpSecret = secret();
      const { config: target, server } = await serverFor(config, { loginUi, loginLang, userMfa: 'totp' }, totpSecret);

      const result = await signInForCode({ config: target });

      expect(result.code).toMatch(UUID);
      expect(result.phases.mfaMs).toBeGreaterThan(0);
      expect(server.stats()).toMatchObject({ oneTimeCodesAccepted: 1, oneTimeCodesRepeated: 0, passwordChanges: 0, deviceEnrolments: 0 });
    });
  }

  test('two codes in one 30-second window both succeed and the server never sees a code twice', async ({ config, signInForCode, browser }) => {
    const clock = sharedClock();
    const { config: target, server } = await serverFor(config, { loginUi: 'classic', userMfa: 'totp', clock: clock.server }, secret());

    const codes = [(await signInForCode({ config: target, totpClock: clock.totp })).code];
    const fresh = await browser.newContext();
    try {
      codes.push((await signInForCode({ config: target, page: await fresh.newPage(), timeoutMs: 45_000, totpClock: clock.totp })).code);
    } finally {
      await fresh.close();
    }

    expect(new Set(codes).size).toBe(2);
    expect(server.stats()).toMatchObject({ oneTimeCodesAccepted: 2, oneTimeCodesRepeated: 0, oneTimeCodesRefusedAsReused: 0 });
    // The second code waited for the next window, on the clock the server keeps too.
    expect(clock.movedMs()).toBeGreaterThan(0);
  });

  const failures: Array<{ name: string; options: LocalTargetOptions; withSecret: 'right' | 'wrong' | 'none'; reason: FailureReason; message: RegExp }> = [
    { name: 'TOTP and no TEST_TOTP_SECRET', options: { loginUi: 'managed', loginLang: 'ko', userMfa: 'totp' }, withSecret: 'none', reason: 'mfa_required', message: /set TEST_TOTP_SECRET/ },
    { name: 'TOTP with the wrong secret', options: { loginUi: 'classic', userMfa: 'totp' }, withSecret: 'wrong', reason: 'mfa_rejected', message: /^two one-time codes in a row were refused/ },
    { name: 'a code by SMS', options: { loginUi: 'managed', loginLang: 'en', userMfa: 'sms' }, withSecret: 'right', reason: 'mfa_unsupported', message: /sent by SMS/ },
    { name: 'a code by e-mail', options: { loginUi: 'classic', userMfa: 'email' }, withSecret: 'right', reason: 'mfa_unsupported', message: /sent by e-mail/ },
    { name: 'MFA setup', options: { loginUi: 'managed', loginLang: 'ja', userMfa: 'setup' }, withSecret: 'right', reason: 'mfa_setup_required', message: /never enrols a device/ },
    { name: 'a temporary password', options: { loginUi: 'classic', userStatus: 'FORCE_CHANGE_PASSWORD' }, withSecret: 'none', reason: 'password_change_required', message: /admin-set-user-password .*--permanent/ },
    { name: 'a temporary password (managed, ko)', options: { loginUi: 'managed', loginLang: 'ko', userStatus: 'FORCE_CHANGE_PASSWORD' }, withSecret: 'none', reason: 'password_change_required', message: /--permanent/ },
  ];
  for (const { name, options, withSecret, reason, message } of failures) {
    test(`${name}: ${reason}, exit 3, well before the timeout, account unchanged`, async ({ config, signInForCode }) => {
      const serverSecret = secret();
      const { config: target, server } = await serverFor(config, options, serverSecret);
      const harnessConfig = withTotpSecret(target, { none: undefined, right: serverSecret, wrong: secret() }[withSecret]);
      const begun = Date.now();

      const failure = await expectFailure(signInForCode({ config: harnessConfig, timeoutMs: 20_000 }), reason, message);

      expect(failure.exitCode).toBe(3);
      expect(Date.now() - begun).toBeLessThan(10_000);
      expect(server.stats()).toMatchObject({ passwordChanges: 0, deviceEnrolments: 0, oneTimeCodesRepeated: 0 });
    });
  }

  for (const loginLang of ['en', 'ko'] as const) {
    test(`sign-in method choice (${loginLang}): password is picked`, async ({ config, signInForCode }) => {
      const { config: target } = await serverFor(config, { loginUi: 'managed', loginLang, signInChoice: true });

      expect((await signInForCode({ config: target })).code).toMatch(UUID);
    });
  }

  for (const loginUi of ['classic', 'managed'] as const) {
    test(`a passkey offer on ${loginUi} is declined and nothing is enrolled`, async ({ config, signInForCode }) => {
      const { config: target, server } = await serverFor(config, { loginUi, loginLang: 'ja', passkeyOffer: true });

      expect((await signInForCode({ config: target })).code).toMatch(UUID);
      expect(server.stats().deviceEnrolments).toBe(0);
    });
  }

  test('choice, TOTP and a passkey offer in one journey (managed, ko)', async ({ config, signInForCode }) => {
    const totpSecret = secret();
    const { config: target, server } = await serverFor(config, { loginUi: 'managed', loginLang: 'ko', signInChoice: true, userMfa: 'totp', passkeyOffer: true }, totpSecret);

    expect((await signInForCode({ config: target })).code).toMatch(UUID);
    expect(server.stats()).toMatchObject({ oneTimeCodesAccepted: 1, deviceEnrolments: 0, passwordChanges: 0 });
  });
});

test('get-code --count 3 --fresh-login with TOTP: 3 distinct codes, no code entered twice', { tag: '@local-only' }, async ({ config }) => {
  // Three form logins in one process: the second and third wait for the next 30-second windows (on a shared clock).
  const clock = sharedClock();
  const { config: target, server } = await serverFor(config, { loginUi: 'classic', userMfa: 'totp', clock: clock.server }, 'GQ2TMNZYHEZDGNBVGQ2TMNZYHEZDGNBV');

  const batch = await getAuthorizationCodes({ config: target, count: 3, freshLogin: true, timeoutMs: 45_000, totpClock: clock.totp });

  expect(new Set(batch.codes.map((result) => result.code)).size).toBe(3);
  expect(server.stats()).toMatchObject({ oneTimeCodesAccepted: 3, oneTimeCodesRepeated: 0, oneTimeCodesRefusedAsReused: 0 });
  expect(clock.movedMs()).toBeGreaterThanOrEqual(30_000);
});
