// Login screens over HTTP: managed login's languages, the conventional form,
// blank-first-render, the unknown-client error value.
import { startMockServer } from '../../mock-server/index.js';
import {
  authorizeQuery,
  codeFrom,
  expect,
  locationOf,
  managedScreen,
  openLogin,
  PASSWORD,
  postLogin,
  setCookies,
  mockServers,
  test,
  USERNAME,
  UUID_V4,
} from './helpers.js';

const serve = mockServers();

test.describe('managed login languages', () => {
  const words = {
    en: { username: 'Username', password: 'Password', next: 'Next', signIn: 'Sign in', forgot: 'Forgot password?', incorrect: 'Incorrect username or password.' },
    ko: { username: '사용자 이름', password: '비밀번호', next: '다음', signIn: '로그인', forgot: '비밀번호를 잊으셨나요?', incorrect: '사용자 이름 또는 비밀번호가 잘못되었습니다.' },
    ja: { username: 'ユーザー名', password: 'パスワード', next: '次へ', signIn: 'サインイン', forgot: 'パスワードをお忘れですか?', incorrect: 'ユーザー名またはパスワードが正しくありません。' },
  } as const;

  for (const [lang, w] of Object.entries(words)) {
    test(`lang=${lang}: labels, buttons, link and errors in ${lang}, <html lang>`, async ({ api }) => {
      const server = await serve({ loginUi: 'managed-two-step' });
      const query = authorizeQuery({ lang });
      const { html } = await openLogin(api, server, query);
      expect(html).toContain(`<html lang="${lang}">`);
      const screen = managedScreen(html);
      expect(screen.lang).toBe(lang);
      expect(screen.steps.map((s) => s.fields.map((f) => f.label))).toEqual([[w.username], [w.password]]);
      expect(screen.steps.map((s) => s.buttons.map((b) => b.text))).toEqual([[w.next], [w.signIn]]);
      expect(screen.links.map((l) => l.text)).toEqual([w.forgot]);
      const wrong = await postLogin(api, server, { username: USERNAME, password: 'nope' }, { query, json: true });
      expect(await wrong.json()).toEqual({ error: w.incorrect });
    });
  }

  test('the choice sticks in a cookie; an unsupported lang falls back to English', async ({ api }) => {
    const server = await serve({ loginUi: 'managed' });
    const first = await openLogin(api, server, authorizeQuery({ lang: 'ko' }));
    expect(setCookies(first.response).some((c) => c.startsWith('cognito-lang=ko;'))).toBe(true);
    // No lang on the next request: the cookie speaks.
    expect(managedScreen((await openLogin(api, server)).html).lang).toBe('ko');
    const finnish = await openLogin(api, server, authorizeQuery({ lang: 'fi' }));
    expect(managedScreen(finnish.html).lang).toBe('en');
    expect(managedScreen((await openLogin(api, server, authorizeQuery({ lang: 'xx-YY' }))).html).lang).toBe('en');
  });

  test('loginLang (MOCK_LOGIN_LANG) is the default; the request\'s lang wins over it', async ({ api }) => {
    const server = await serve({ loginUi: 'managed', loginLang: 'ja' });
    expect(managedScreen((await openLogin(api, server)).html).lang).toBe('ja');
    expect(managedScreen((await openLogin(api, server, authorizeQuery({ lang: 'en' }))).html).lang).toBe('en');
  });

  test('lockout message is localised too', async ({ api }) => {
    const server = await serve({ loginUi: 'managed', loginLang: 'ko', lockoutThreshold: 1, lockoutBaseMs: 60_000 });
    const response = await postLogin(api, server, { username: USERNAME, password: 'nope' }, { json: true });
    expect(await response.json()).toEqual({ error: '암호 시도 횟수를 초과했습니다.' });
  });

  test('the classic UI stays English whatever lang says', async ({ api }) => {
    const server = await serve({ loginUi: 'classic', loginLang: 'ko' });
    const { html } = await openLogin(api, server, authorizeQuery({ lang: 'ko' }));
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('value="Sign in" aria-label="submit"');
  });
});

test.describe('conventional login form', () => {
  test('other names, no labels, a "Log on" button, its own CSRF field', async ({ api }) => {
    const server = await serve({ loginUi: 'conventional' });
    const { html, response } = await openLogin(api, server);
    expect(html).toContain('<input type="text" name="user_id" placeholder="User ID" size="30">');
    expect(html).toContain('<input type="password" name="pw" placeholder="Password" size="30">');
    expect(html).toContain('<button class="logon-button">Log on</button>');
    expect(html).not.toContain('<label');
    expect(html).not.toContain('autocomplete=');
    expect(html).not.toMatch(/name="(username|password)"/);
    const token = /value="([^"]+)" name="authenticity_token"/.exec(html)?.[1];
    expect(setCookies(response).some((c) => c.startsWith(`XSRF-TOKEN=${token};`))).toBe(true);
  });

  test('signs in with user_id / pw and refuses a wrong pw on the same form', async ({ api }) => {
    const server = await serve({ loginUi: 'conventional' });
    // The form's own field name for the token, as a browser would post it.
    const { csrf } = await openLogin(api, server);
    const ok = await postLogin(api, server, { user_id: USERNAME, pw: PASSWORD, authenticity_token: csrf }, { csrf: null });
    expect(ok.status()).toBe(302);
    expect(codeFrom(new URL(locationOf(ok)))).toMatch(UUID_V4);
    const wrong = await postLogin(api, server, { user_id: USERNAME, pw: 'nope' });
    expect(wrong.status()).toBe(200);
    expect(await wrong.text()).toContain('<div class="flash flash-error">Incorrect username or password.</div>');
  });
});

test.describe('screen faults over HTTP', () => {
  test('blank-first-render: the first load draws no form, the next one does', async ({ api }) => {
    const server = await serve({ faults: 'blank-first-render' });
    const first = await api.get(`${server.url}/login?${authorizeQuery()}`);
    expect(first.status()).toBe(200);
    const blank = await first.text();
    expect(blank).not.toContain('<form');
    expect(blank).not.toContain('<input');
    const second = await openLogin(api, server);
    expect(second.html).toContain('<form name="cognitoSignInForm"');
  });

  test('late-hydration: the page carries the hydration delay (classic script, managed config)', async ({ api }) => {
    const classic = await serve({ faults: 'late-hydration=1234' });
    expect((await openLogin(api, classic)).html).toContain('}, 1234);');
    const managed = await serve({ faults: 'late-hydration=1234', loginUi: 'managed' });
    expect(managedScreen((await openLogin(api, managed)).html).hydrationMs).toBe(1234);
  });
});

test.describe('managed-two-page', () => {
  test('the username posts to /login, the password is its own page at /login/password', async ({ api }) => {
    const server = await serve({ loginUi: 'managed-two-page' });
    const screen = managedScreen((await openLogin(api, server)).html);
    expect(screen.steps.map((s) => s.fields.map((f) => f.name))).toEqual([['username']]);
    const step = await postLogin(api, server, { username: USERNAME }, { json: true });
    const { redirect } = (await step.json()) as { redirect: string };
    expect(redirect).toBe(`/login/password?${authorizeQuery()}`);
    const password = managedScreen(await (await api.get(`${server.url}${redirect}`)).text());
    expect(password.action).toBe(redirect);
    expect(password.steps.map((s) => s.fields.map((f) => f.autocomplete))).toEqual([['current-password']]);
    // A plain form POST works too, answered with redirects.
    const done = await api.post(`${server.url}${redirect}`, { form: { password: PASSWORD, _csrf: password.csrfToken } });
    expect(done.status()).toBe(302);
    expect(codeFrom(new URL(locationOf(done)))).toMatch(UUID_V4);
  });

  test('an unknown user gets the password page too (no account enumeration), then the usual error', async ({ api }) => {
    const server = await serve({ loginUi: 'managed-two-page', loginLang: 'ja' });
    const step = await postLogin(api, server, { username: 'nobody@example.com' }, { json: true });
    const { redirect } = (await step.json()) as { redirect: string };
    const password = managedScreen(await (await api.get(`${server.url}${redirect}`)).text());
    const wrong = await api.post(`${server.url}${redirect}`, {
      form: { password: PASSWORD, _csrf: password.csrfToken },
      headers: { Accept: 'application/json' },
    });
    expect(await wrong.json()).toEqual({ error: 'ユーザー名またはパスワードが正しくありません。' });
  });
});

test.describe('error page', () => {
  test('managed login has its own, localised error page; classic keeps Cognito\'s', async ({ api }) => {
    const managed = await serve({ loginUi: 'managed', loginLang: 'ko' });
    const response = await api.get(`${managed.url}/oauth2/authorize?${authorizeQuery({ client_id: 'nobody' })}`);
    const page = await api.get(`${managed.url}${locationOf(response)}`);
    expect(page.status()).toBe(400);
    const html = await page.text();
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('<h2>문제가 발생했습니다</h2>');
    expect(html).toContain('<span data-testid="error-code">redirect_mismatch</span>');
    expect(html).not.toContain('An error was encountered');

    const classic = await serve({});
    const classicPage = await api.get(`${classic.url}/error?error=redirect_mismatch`);
    expect(await classicPage.text()).toContain('An error was encountered with the requested page.');
  });
});

test.describe('unknown client error value', () => {
  test('configurable: the error page says what the server is told to say', async ({ api }) => {
    const server = await serve({ unknownClientError: 'invalid_request' });
    const response = await api.get(`${server.url}/oauth2/authorize?${authorizeQuery({ client_id: 'nobody' })}`);
    const location = new URL(locationOf(response), server.url);
    expect(location.pathname).toBe('/error');
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  test('random: several values over several requests, all OAuth error codes', async ({ api }) => {
    const server = await serve({ unknownClientError: 'random' });
    const seen = new Set<string>();
    for (let i = 0; i < 40; i += 1) {
      const response = await api.get(`${server.url}/oauth2/authorize?${authorizeQuery({ redirect_uri: 'https://evil.example/cb' })}`);
      seen.add(new URL(locationOf(response), server.url).searchParams.get('error') ?? '');
    }
    expect(seen.size).toBeGreaterThan(1);
    for (const value of seen) expect(value).toMatch(/^[a-z_]+$/);
  });

  test('a value that is not an error code is refused at start', async () => {
    await expect(startMockServer({ unknownClientError: 'Bad Value' })).rejects.toThrow(/must look like an OAuth error code/);
  });
});
