// The screens after the password, over HTTP: TOTP (with Cognito's reuse rule),
// codes by SMS or e-mail, MFA setup, forced password change, the sign-in method
// choice and the passkey offer, in the classic and the managed styles.
import { Secret, TOTP } from 'otpauth';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { DEFAULT_TOTP_SECRET, startMockServer, type MockServer } from '../../mock-server/index.js';
import {
  authorizeQuery,
  codeFrom,
  csrfFrom,
  expect,
  locationOf,
  managedScreen,
  openLogin,
  PASSWORD,
  pathOf,
  postLogin,
  mockServers,
  test,
  USERNAME,
  UUID_V4,
} from './helpers.js';

const serve = mockServers();

function totp(secret = DEFAULT_TOTP_SECRET): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
}

/** A code of the current 30 s step, or of the one before (still inside Cognito's window). */
function codeAt(stepOffset: number, secret = DEFAULT_TOTP_SECRET): string {
  return totp(secret).generate({ timestamp: Date.now() + stepOffset * 30_000 });
}

/** A code of an adjacent step (still accepted) that differs from `used`. */
function neighbourCode(used: string): string {
  const before = codeAt(-1);
  return before !== used ? before : codeAt(1);
}

/** Posts a challenge screen's form the way its page would (CSRF from the screen itself). */
async function answer(
  api: APIRequestContext,
  server: MockServer,
  location: string,
  fields: Record<string, string>,
  json = false,
): Promise<APIResponse> {
  const screen = await api.get(`${server.url}${location}`);
  expect(screen.status()).toBe(200);
  const csrf = csrfFrom(await screen.text());
  return api.post(`${server.url}${location}`, {
    form: { ...fields, _csrf: csrf },
    headers: json ? { Accept: 'application/json' } : {},
  });
}

async function jsonRedirect(response: APIResponse): Promise<string> {
  const body = (await response.json()) as { redirect?: string; error?: string };
  expect(body.error, 'no error').toBeUndefined();
  return body.redirect ?? '';
}

test.describe('TOTP, classic', () => {
  test('the password leads to /mfa; a wrong code is refused, the right one signs in', async ({ api }) => {
    const server = await serve({ userMfa: 'totp' });
    const login = await postLogin(api, server, { username: USERNAME, password: PASSWORD });
    expect(login.status()).toBe(302);
    const mfa = locationOf(login);
    expect(pathOf(mfa)).toBe('/mfa');
    expect(login.headers()['set-cookie'] ?? '').not.toContain('cognito=');

    const screen = await (await api.get(`${server.url}${mfa}`)).text();
    expect(screen).toContain('autocomplete="one-time-code"');
    expect(screen).toContain('name="totpCode"');
    expect(screen).toContain('Enter the code from your authenticator app');

    const wrong = await answer(api, server, mfa, { totpCode: codeAt(0) === '000000' ? '111111' : '000000' });
    expect(wrong.status()).toBe(200);
    expect(await wrong.text()).toContain('<p id="errorMessage" class="errorMessage-customizable">Invalid code received for user</p>');

    const right = await answer(api, server, mfa, { totpCode: codeAt(0) });
    expect(right.status()).toBe(302);
    const callback = new URL(locationOf(right));
    expect(codeFrom(callback)).toMatch(UUID_V4);
    expect(callback.searchParams.get('state')).toBe('state-123');
    expect(server.stats()).toEqual({
      passwordChanges: 0,
      deviceEnrolments: 0,
      oneTimeCodesSubmitted: 2,
      oneTimeCodesAccepted: 1,
      oneTimeCodesRepeated: 0,
      oneTimeCodesRefusedAsReused: 0,
      oneTimeCodesRejected: 1,
    });
  });

  test('a code already used in its window is refused with Cognito\'s sentence; another window\'s code works', async ({ api, playwright }) => {
    const server = await serve({ userMfa: 'totp' });
    const code = codeAt(0);
    const first = await postLogin(api, server, { username: USERNAME, password: PASSWORD });
    expect((await answer(api, server, locationOf(first), { totpCode: code })).status()).toBe(302);

    // A second browser, same user, same window, same code: what two quick get-code runs would do.
    const other = await playwright.request.newContext({ maxRedirects: 0 });
    try {
      const second = await postLogin(other, server, { username: USERNAME, password: PASSWORD });
      const mfa = locationOf(second);
      const reused = await answer(other, server, mfa, { totpCode: code });
      expect(reused.status()).toBe(200);
      expect(await reused.text()).toContain('Your software token has already been used once.');
      expect(server.stats()).toMatchObject({ oneTimeCodesRefusedAsReused: 1, oneTimeCodesRepeated: 1, oneTimeCodesAccepted: 1 });

      // The previous step's code is still inside the window and was never used
      // (the next step's, should the two happen to share digits).
      const earlier = neighbourCode(code);
      const accepted = await answer(other, server, mfa, { totpCode: earlier });
      expect(accepted.status()).toBe(302);
      expect(codeFrom(new URL(locationOf(accepted)))).toMatch(UUID_V4);
      expect(server.stats()).toMatchObject({ oneTimeCodesAccepted: 2, oneTimeCodesRepeated: 1 });
    } finally {
      await other.dispose();
    }
  });

  test('the configured user\'s own secret is used, not the default', async ({ api }) => {
    const secret = new Secret({ size: 20 }).base32;
    const server = await serve({ users: [{ username: USERNAME, password: PASSWORD, totpSecret: secret, mfa: 'totp' }] });
    const mfa = locationOf(await postLogin(api, server, { username: USERNAME, password: PASSWORD }));
    const withDefault = await answer(api, server, mfa, { totpCode: codeAt(0) });
    expect(await withDefault.text()).toContain('Invalid code received for user');
    const withOwn = await answer(api, server, mfa, { totpCode: codeAt(0, secret) });
    expect(withOwn.status()).toBe(302);
  });

  test('an otpauth:// URI works as the secret too', async ({ api }) => {
    const uri = `otpauth://totp/RayTeams:${encodeURIComponent(USERNAME)}?secret=${DEFAULT_TOTP_SECRET}&issuer=RayTeams`;
    const server = await serve({ users: [{ username: USERNAME, password: PASSWORD, totpSecret: uri, mfa: 'totp' }] });
    const mfa = locationOf(await postLogin(api, server, { username: USERNAME, password: PASSWORD }));
    expect((await answer(api, server, mfa, { totpCode: codeAt(0) })).status()).toBe(302);
  });
});

test.describe('TOTP, managed login', () => {
  for (const [lang, heading, mismatch] of [
    ['en', 'Multi-factor authentication', 'Invalid code received for user'],
    ['ko', '다중 인증', '잘못된 코드가 입력되었습니다.'],
    ['ja', '多要素認証', '無効なコードが入力されました。'],
  ] as const) {
    test(`${lang}: a JSON sign-in is sent to /mfa, which speaks ${lang}`, async ({ api }) => {
      const server = await serve({ userMfa: 'totp', loginUi: 'managed' });
      const query = authorizeQuery({ lang });
      await openLogin(api, server, query);
      const login = await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { query, json: true });
      const mfa = await jsonRedirect(login);
      expect(pathOf(mfa)).toBe('/mfa');

      const html = await (await api.get(`${server.url}${mfa}`)).text();
      expect(html).toContain(`<html lang="${lang}">`);
      const screen = managedScreen(html);
      expect(screen.heading).toBe(heading);
      expect(screen.steps[0]?.fields).toEqual([
        expect.objectContaining({ name: 'code', autocomplete: 'one-time-code', type: 'text' }),
      ]);

      const wrong = await answer(api, server, mfa, { code: '12345' }, true);
      expect(wrong.status()).toBe(400);
      expect(await wrong.json()).toEqual({ error: mismatch });
      const right = await answer(api, server, mfa, { code: codeAt(0) }, true);
      expect(codeFrom(new URL(await jsonRedirect(right)))).toMatch(UUID_V4);
    });
  }

  test('the reuse refusal is localised', async ({ api }) => {
    const server = await serve({ userMfa: 'totp', loginUi: 'managed-two-step', loginLang: 'ko' });
    const code = codeAt(0);
    const first = await jsonRedirect(await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { json: true }));
    await jsonRedirect(await answer(api, server, first, { code }, true));
    const second = await jsonRedirect(await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { json: true }));
    const reused = await answer(api, server, second, { code }, true);
    expect(await reused.json()).toEqual({ error: '이 소프트웨어 토큰은 이미 사용되었습니다.' });
  });
});

test.describe('codes the harness cannot read', () => {
  for (const [mfa, classicWords, managedHeading] of [
    ['sms', 'by SMS to +*******0123', 'Check your text messages'],
    ['email', 'by email to t***@e***', 'Check your email'],
  ] as const) {
    test(`${mfa}: the screen says where the code went and no code is right`, async ({ api }) => {
      const classic = await serve({ userMfa: mfa });
      const location = locationOf(await postLogin(api, classic, { username: USERNAME, password: PASSWORD }));
      expect(pathOf(location)).toBe('/mfa');
      expect(await (await api.get(`${classic.url}${location}`)).text()).toContain(classicWords);
      const refused = await answer(api, classic, location, { code: '123456' });
      expect(await refused.text()).toContain('Invalid code received for user');
      expect(classic.stats()).toMatchObject({ oneTimeCodesSubmitted: 1, oneTimeCodesAccepted: 0 });

      const managed = await serve({ userMfa: mfa, loginUi: 'managed' });
      const next = await jsonRedirect(await postLogin(api, managed, { username: USERNAME, password: PASSWORD }, { json: true }));
      expect(managedScreen(await (await api.get(`${managed.url}${next}`)).text()).heading).toBe(managedHeading);
    });
  }
});

test.describe('MFA setup', () => {
  test('shows a key; enrolling is counted (the harness must never do it)', async ({ api }) => {
    const server = await serve({ userMfa: 'setup' });
    const location = locationOf(await postLogin(api, server, { username: USERNAME, password: PASSWORD }));
    expect(pathOf(location)).toBe('/mfa/setup');
    const html = await (await api.get(`${server.url}${location}`)).text();
    const secret = /<code id="secretKey">([A-Z2-7]+)<\/code>/.exec(html)?.[1] ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(server.stats().deviceEnrolments).toBe(0);
    const enrolled = await answer(api, server, location, { totpCode: codeAt(0, secret) });
    expect(enrolled.status()).toBe(302);
    expect(server.stats().deviceEnrolments).toBe(1);
  });

  test('managed, ja: the setup key is on the screen', async ({ api }) => {
    const server = await serve({ userMfa: 'setup', loginUi: 'managed', loginLang: 'ja' });
    const location = await jsonRedirect(await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { json: true }));
    const screen = managedScreen(await (await api.get(`${server.url}${location}`)).text());
    expect(screen.heading).toBe('多要素認証の設定');
    expect(screen.detail?.label).toBe('セットアップキー');
    expect(screen.detail?.value).toMatch(/^[A-Z2-7]{32}$/);
  });
});

test.describe('forced password change', () => {
  test('classic: Cognito\'s Change Password screen; a new password is counted, never applied', async ({ api }) => {
    const server = await serve({ userStatus: 'FORCE_CHANGE_PASSWORD' });
    const location = locationOf(await postLogin(api, server, { username: USERNAME, password: PASSWORD }));
    expect(pathOf(location)).toBe('/forceChangePassword');
    const html = await (await api.get(`${server.url}${location}`)).text();
    expect(html).toContain('Please enter a new password.');
    expect(html.match(/autocomplete="new-password"/g)).toHaveLength(2);
    const differ = await answer(api, server, location, { new_password: 'A-new-one-1', confirm_password: 'other' });
    expect(await differ.text()).toContain('Passwords do not match.');
    expect(server.stats().passwordChanges).toBe(0);
    const changed = await answer(api, server, location, { new_password: 'A-new-one-1', confirm_password: 'A-new-one-1' });
    expect(changed.status()).toBe(302);
    expect(server.stats().passwordChanges).toBe(1);
    // Still the old password: the mock never changes the account.
    expect((await postLogin(api, server, { username: USERNAME, password: PASSWORD })).status()).toBe(302);
  });

  test('managed, ko: new-password fields in Korean', async ({ api }) => {
    const server = await serve({ userStatus: 'FORCE_CHANGE_PASSWORD', loginUi: 'managed', loginLang: 'ko' });
    const location = await jsonRedirect(await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { json: true }));
    const screen = managedScreen(await (await api.get(`${server.url}${location}`)).text());
    expect(screen.heading).toBe('새 비밀번호 설정');
    expect(screen.steps[0]?.fields.map((f) => [f.label, f.autocomplete])).toEqual([
      ['새 비밀번호', 'new-password'],
      ['새 비밀번호 확인', 'new-password'],
    ]);
  });

  test('screens come in Cognito\'s order: new password, then MFA, then the passkey offer', async ({ api }) => {
    const server = await serve({ userStatus: 'FORCE_CHANGE_PASSWORD', userMfa: 'totp', passkeyOffer: true });
    let location = locationOf(await postLogin(api, server, { username: USERNAME, password: PASSWORD }));
    expect(pathOf(location)).toBe('/forceChangePassword');
    // Jumping ahead sends the browser back to the current screen.
    const ahead = await api.get(`${server.url}/passkeys/add?${authorizeQuery()}`);
    expect(pathOf(locationOf(ahead))).toBe('/forceChangePassword');
    location = locationOf(await answer(api, server, location, { new_password: 'N3w-pass!', confirm_password: 'N3w-pass!' }));
    expect(pathOf(location)).toBe('/mfa');
    location = locationOf(await answer(api, server, location, { totpCode: codeAt(0) }));
    expect(pathOf(location)).toBe('/passkeys/add');
    const done = await answer(api, server, location, { action: 'skip' });
    expect(codeFrom(new URL(locationOf(done)))).toMatch(UUID_V4);
  });
});

test.describe('passkey offer', () => {
  for (const [lang, notNow] of [
    ['en', 'Not now'],
    ['ko', '나중에'],
    ['ja', '後で'],
  ] as const) {
    test(`managed, ${lang}: "${notNow}" goes on to the callback without enrolling`, async ({ api }) => {
      const server = await serve({ passkeyOffer: true, loginUi: 'managed', loginLang: lang });
      const location = await jsonRedirect(await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { json: true }));
      expect(pathOf(location)).toBe('/passkeys/add');
      const screen = managedScreen(await (await api.get(`${server.url}${location}`)).text());
      expect(screen.steps[0]?.buttons).toEqual([
        expect.objectContaining({ action: 'add' }),
        { text: notNow, action: 'skip', secondary: true },
      ]);
      const done = await answer(api, server, location, { action: 'skip' }, true);
      expect(codeFrom(new URL(await jsonRedirect(done)))).toMatch(UUID_V4);
      expect(server.stats().deviceEnrolments).toBe(0);
    });
  }

  test('classic: Skip, and adding one is counted', async ({ api }) => {
    const server = await serve({ passkeyOffer: true });
    const location = locationOf(await postLogin(api, server, { username: USERNAME, password: PASSWORD }));
    const html = await (await api.get(`${server.url}${location}`)).text();
    expect(html).toContain('<button name="action" value="skip" type="submit" class="btn btn-secondary">Skip</button>');
    expect((await answer(api, server, location, { action: 'add' })).status()).toBe(302);
    expect(server.stats().deviceEnrolments).toBe(1);
  });
});

test.describe('sign-in method choice (managed)', () => {
  test('username, then the choice (password last), then the password', async ({ api }) => {
    const server = await serve({ loginUi: 'managed', signInChoice: true, loginLang: 'ko' });
    const { html } = await openLogin(api, server);
    expect(managedScreen(html).steps).toEqual([
      expect.objectContaining({ fields: [expect.objectContaining({ name: 'username' })], buttons: [{ text: '다음' }] }),
    ]);
    const choice = await jsonRedirect(await postLogin(api, server, { username: USERNAME }, { json: true }));
    expect(pathOf(choice)).toBe('/login/options');
    const screen = managedScreen(await (await api.get(`${server.url}${choice}`)).text());
    expect(screen.heading).toBe('로그인 방법 선택');
    expect(screen.steps[0]?.buttons.map((b) => b.action)).toEqual(['WEB_AUTHN', 'EMAIL_OTP', 'SMS_OTP', 'PASSWORD']);
    expect(screen.steps[0]?.buttons.at(-1)?.text).toBe('비밀번호');

    const passkey = await answer(api, server, choice, { action: 'WEB_AUTHN' }, true);
    expect(await passkey.json()).toEqual({ error: '이 기기에서는 패스키를 사용할 수 없습니다.' });
    const password = await jsonRedirect(await answer(api, server, choice, { action: 'PASSWORD' }, true));
    expect(pathOf(password)).toBe('/login/password');
    const passwordScreen = managedScreen(await (await api.get(`${server.url}${password}`)).text());
    expect(passwordScreen.intro).toBe(`다음 계정으로 로그인: ${USERNAME}`);
    const wrong = await answer(api, server, password, { password: 'nope' }, true);
    expect(await wrong.json()).toEqual({ error: '사용자 이름 또는 비밀번호가 잘못되었습니다.' });
    const done = await answer(api, server, password, { password: PASSWORD }, true);
    expect(codeFrom(new URL(await jsonRedirect(done)))).toMatch(UUID_V4);
  });

  test('choosing an e-mail code leads to a code screen instead of the password', async ({ api }) => {
    const server = await serve({ loginUi: 'managed-two-step', signInChoice: true });
    const choice = await jsonRedirect(await postLogin(api, server, { username: USERNAME }, { json: true }));
    const next = await jsonRedirect(await answer(api, server, choice, { action: 'EMAIL_OTP' }, true));
    expect(pathOf(next)).toBe('/mfa');
    expect(managedScreen(await (await api.get(`${server.url}${next}`)).text()).heading).toBe('Check your email');
  });
});

test.describe('flow guards and counters', () => {
  test('a challenge screen without a sign-in in progress goes back to /login', async ({ api }) => {
    const server = await serve({ userMfa: 'totp' });
    const response = await api.get(`${server.url}/mfa?${authorizeQuery()}`);
    expect(response.status()).toBe(302);
    expect(pathOf(locationOf(response))).toBe('/login');
  });

  test('GET /__mock/stats serves the counters, resetStats clears them', async ({ api }) => {
    const server = await serve({ userMfa: 'totp' });
    const mfa = locationOf(await postLogin(api, server, { username: USERNAME, password: PASSWORD }));
    await answer(api, server, mfa, { totpCode: 'abc' });
    const served = await (await api.get(`${server.url}/__mock/stats`)).json();
    expect(served).toEqual(server.stats());
    expect(served).toMatchObject({ oneTimeCodesSubmitted: 1, oneTimeCodesRejected: 1 });
    server.resetStats();
    expect(server.stats().oneTimeCodesSubmitted).toBe(0);
  });

  test('unknown settings are refused at start', async () => {
    await expect(startMockServer({ userMfa: 'fax' as never })).rejects.toThrow('Unknown userMfa "fax": expected one of totp, sms, email, setup');
    await expect(startMockServer({ userStatus: 'LOCKED' as never })).rejects.toThrow(/Unknown userStatus "LOCKED"/);
    await expect(startMockServer({ users: [{ username: 'u', password: 'p', totpSecret: 'not base32!' }] })).rejects.toThrow(
      /totpSecret is not base32/,
    );
  });
});
