import { startMockServer, type MockServer } from '../../mock-server/index.js';
import { authorizeQuery, csrfFrom, expect, locationOf, managedScreen, signIn, test, USERNAME } from './helpers.js';

let server: MockServer;

test.beforeAll(async () => {
  server = await startMockServer({ port: 0 });
});

test.afterAll(async () => {
  await server.close();
});

const query = authorizeQuery({ state: 'reset me' });

test('the forgot-password screen asks for the username', async ({ api }) => {
  const response = await api.get(`${server.url}/forgotPassword?${query}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain('<title>Forgot your password?</title>');
  expect(html).toContain('<h1>Forgot your password?</h1>');
  expect(html).toContain('Enter your Username below and we will send a message to reset your password');
  expect(html).toMatch(/<label for="username">Username<\/label>\s*<input id="username" name="username" type="text"/);
  expect(html).toMatch(/<button name="reset_my_password" type="submit"[^>]*>Reset my password<\/button>/);
  expect(html).toContain(`action="/forgotPassword?${query.replace(/&/g, '&amp;')}"`);
});

test('the login screen links to it with the same query', async ({ api }) => {
  const html = await (await api.get(`${server.url}/login?${query}`)).text();
  expect(html).toContain(`href="/forgotPassword?${query.replace(/&/g, '&amp;')}">Forgot your password?</a>`);
});

test('the whole reset journey ends on the login screen with the original query', async ({ api }) => {
  const csrf = csrfFrom(await (await api.get(`${server.url}/forgotPassword?${query}`)).text());
  const requested = await api.post(`${server.url}/forgotPassword?${query}`, { form: { username: USERNAME, _csrf: csrf } });
  expect(requested.status()).toBe(302);
  const confirmPath = locationOf(requested);
  expect(confirmPath).toBe(`/confirmForgotPassword?${query}&username=${encodeURIComponent(USERNAME)}`);

  const confirm = await api.get(`${server.url}${confirmPath}`);
  expect(confirm.status()).toBe(200);
  const html = await confirm.text();
  expect(html).toContain('t***@e***');
  expect(html).not.toContain(`by email to ${USERNAME}`);
  expect(html).toMatch(/<label for="forgot_password_code">Code<\/label>/);
  expect(html).toMatch(/<label for="new_password">New Password<\/label>\s*<input id="new_password" name="password" type="password"/);
  expect(html).toMatch(/<button[^>]*>Change Password<\/button>/);

  const badCode = await api.post(`${server.url}${confirmPath}`, { form: { code: '12345', password: 'New-Pa55word!', _csrf: csrfFrom(html) } });
  expect(badCode.status()).toBe(200);
  expect(await badCode.text()).toContain('Invalid verification code provided, please try again.');

  const done = await api.post(`${server.url}${confirmPath}`, { form: { code: '123456', password: 'New-Pa55word!', _csrf: csrfFrom(html) } });
  expect(done.status()).toBe(302);
  expect(locationOf(done)).toBe(`/login?${query}`);

  // Nothing really changed: the configured password still signs in.
  expect((await signIn(api, server, query)).searchParams.get('state')).toBe('reset me');
});

test('the reset screens send a POST without CSRF token to the error page', async ({ api }) => {
  const response = await api.post(`${server.url}/forgotPassword?${query}`, { form: { username: USERNAME } });
  expect(response.status()).toBe(302);
  expect(locationOf(response)).toBe('/error?error=invalid_request&client_id=local-test-client');
  const confirm = await api.post(`${server.url}/confirmForgotPassword?${query}&username=x`, { form: { code: '123456', password: 'p' } });
  expect(locationOf(confirm)).toBe('/error?error=invalid_request&client_id=local-test-client');
});

test.describe('managed login\'s own reset screens', () => {
  const words = {
    en: { link: 'Forgot password?', title: 'Reset your password', send: 'Send code', confirm: 'Enter the code', reset: 'Reset password', invalid: 'Invalid verification code provided, please try again.' },
    ko: { link: '비밀번호를 잊으셨나요?', title: '비밀번호 재설정', send: '코드 보내기', confirm: '코드 입력', reset: '비밀번호 재설정', invalid: '잘못된 확인 코드입니다. 다시 시도하세요.' },
    ja: { link: 'パスワードをお忘れですか?', title: 'パスワードのリセット', send: 'コードを送信', confirm: 'コードを入力', reset: 'パスワードをリセット', invalid: '無効な確認コードです。もう一度お試しください。' },
  } as const;

  for (const [lang, w] of Object.entries(words)) {
    test(`${lang}: other words than classic, same client and redirect URI throughout`, async ({ api }) => {
      const managed = await startMockServer({ port: 0, loginUi: 'managed', loginLang: lang as 'en' | 'ko' | 'ja' });
      try {
        const login = managedScreen(await (await api.get(`${managed.url}/login?${query}`)).text());
        expect(login.links).toEqual([{ href: `/forgotPassword?${query}`, text: w.link }]);

        const html = await (await api.get(`${managed.url}/forgotPassword?${query}`)).text();
        expect(html).not.toContain('Reset my password');
        expect(html).not.toContain('Forgot your password?');
        const ask = managedScreen(html);
        expect(ask.heading).toBe(w.title);
        expect(ask.steps[0]?.buttons).toEqual([{ text: w.send }]);
        expect(ask.action).toBe(`/forgotPassword?${query}`);

        const requested = await api.post(`${managed.url}/forgotPassword?${query}`, {
          form: { username: USERNAME, _csrf: ask.csrfToken },
          headers: { Accept: 'application/json' },
        });
        const { redirect } = (await requested.json()) as { redirect: string };
        expect(redirect).toBe(`/confirmForgotPassword?${query}&username=${encodeURIComponent(USERNAME)}`);

        const confirm = managedScreen(await (await api.get(`${managed.url}${redirect}`)).text());
        expect(confirm.heading).toBe(w.confirm);
        expect(confirm.intro).toContain('t***@e***');
        expect(confirm.steps[0]?.buttons).toEqual([{ text: w.reset }]);
        expect(confirm.steps[0]?.fields.map((f) => f.autocomplete)).toEqual(['one-time-code', 'new-password', 'new-password']);
        const bad = await api.post(`${managed.url}${redirect}`, {
          form: { code: '1', password: 'x', confirmPassword: 'x', _csrf: confirm.csrfToken },
          headers: { Accept: 'application/json' },
        });
        expect(await bad.json()).toEqual({ error: w.invalid });
      } finally {
        await managed.close();
      }
    });
  }
});

test('the reset screens validate client and redirect_uri', async ({ api }) => {
  const bad = authorizeQuery({ client_id: 'nobody' });
  for (const path of ['/forgotPassword', '/confirmForgotPassword']) {
    const response = await api.get(`${server.url}${path}?${bad}&username=x`);
    expect(locationOf(response), path).toBe('/error?error=redirect_mismatch&client_id=nobody');
  }
});

test('an empty username stays on the forgot-password screen', async ({ api }) => {
  const csrf = csrfFrom(await (await api.get(`${server.url}/forgotPassword?${query}`)).text());
  const response = await api.post(`${server.url}/forgotPassword?${query}`, { form: { username: '', _csrf: csrf } });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('Username cannot be empty');
});
