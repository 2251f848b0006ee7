import type { APIResponse } from '@playwright/test';
import { startMockServer, type MockServer } from '../../mock-server/index.js';
import { ASF_REFUSED } from '../../mock-server/routes/login.js';
import {
  ASF_DATA,
  authorizeQuery,
  CALLBACK,
  CALLBACK_ALT,
  codeFrom,
  expect,
  INCORRECT,
  LOCKED,
  locationOf,
  openLogin,
  PASSWORD,
  postLogin,
  setCookies,
  signIn,
  test,
  USERNAME,
  UUID_V4,
} from './helpers.js';

let server: MockServer;

test.beforeAll(async () => {
  server = await startMockServer({ port: 0, loginUi: 'classic' });
});

test.afterAll(async () => {
  await server.close();
});

function count(html: string, pattern: RegExp): number {
  return html.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

function errorMessage(html: string): string | undefined {
  return /<p id="loginErrorMessage"[^>]*>([^<]*)<\/p>/.exec(html)?.[1];
}

test.describe('classic login screen', () => {
  test('renders the form twice, mobile copy first and hidden by CSS', async ({ api }) => {
    const query = authorizeQuery();
    const { html, csrf, response } = await openLogin(api, server, query);
    expect(response.headers()['content-type']).toContain('text/html');

    expect(count(html, /<form name="cognitoSignInForm" method="post" action="\/login\?[^"]+"/)).toBe(2);
    expect(count(html, /<input id="signInFormUsername" name="username" type="text"[^>]*placeholder="Username"[^>]*required>/)).toBe(2);
    expect(count(html, /<input id="signInFormPassword" name="password" type="password"[^>]*placeholder="Password"[^>]*required>/)).toBe(2);
    expect(count(html, /<input name="signInSubmitButton" type="submit"[^>]*value="Sign in" aria-label="submit">/)).toBe(2);
    expect(count(html, /<input type="hidden" name="cognitoAsfData" id="cognitoAsfData">/)).toBe(2);
    expect(count(html, /<label class="label-customizable" for="signInFormUsername">Username<\/label>/)).toBe(2);
    expect(count(html, /<label class="label-customizable">Password<\/label>/)).toBe(2);
    expect(count(html, new RegExp(`name="_csrf" value="${csrf}"`))).toBe(2);

    const forgot = `<a class="redirect-customizable" href="/forgotPassword?${query.replace(/&/g, '&amp;')}">Forgot your password?</a>`;
    expect(count(html, new RegExp(forgot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))).toBe(2);
    expect(html).toContain(`action="/login?${query.replace(/&/g, '&amp;')}"`);

    const mobileAt = html.indexOf('modal-content-mobile');
    const desktopAt = html.indexOf('modal-content-desktop visible-md visible-lg"');
    expect(mobileAt).toBeGreaterThan(-1);
    expect(mobileAt).toBeLessThan(html.indexOf('modal-content-desktop'));
    expect(desktopAt).toBeGreaterThan(mobileAt);
    expect(html).toContain('@media (min-width:768px){.modal-content-mobile{display:none}');
    expect(html).not.toContain('loginErrorMessage');
  });

  test('sets the XSRF-TOKEN cookie the hidden _csrf field must echo', async ({ api }) => {
    const { response, csrf } = await openLogin(api, server);
    const cookie = setCookies(response).find((c) => c.startsWith('XSRF-TOKEN='));
    expect(cookie).toBe(`XSRF-TOKEN=${csrf}; Path=/; SameSite=Lax; HttpOnly`);
  });

  test('escapes the forwarded query in the markup', async ({ api }) => {
    const { html } = await openLogin(api, server, authorizeQuery({ state: '"><script>alert(1)</script>' }));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/action="[^"]*"><script/);
  });
});

test.describe('wrong credentials keep the user on /login', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['wrong password', { username: USERNAME, password: 'nope' }],
    ['unknown user', { username: 'nobody@example.com', password: PASSWORD }],
    ['empty password', { username: USERNAME, password: '' }],
    ['empty username', { username: '', password: PASSWORD }],
  ];
  for (const [name, fields] of cases) {
    test(name, async ({ api }) => {
      const response = await postLogin(api, server, fields);
      expect(response.status()).toBe(200);
      expect(response.headers()['location']).toBeUndefined();
      const html = await response.text();
      expect(count(html, /<p id="loginErrorMessage" class="errorMessage-customizable">Incorrect username or password\.<\/p>/)).toBe(2);
      expect(errorMessage(html)).toBe(INCORRECT);
      expect(count(html, /id="signInFormUsername"/)).toBe(2);
      expect(setCookies(response).some((c) => c.startsWith('cognito='))).toBe(false);
    });
  }
});

/** Cognito answers a missing or stale token with its /error page, not a bare 403. */
function errorPageError(response: APIResponse): string | null {
  expect(response.status()).toBe(302);
  expect(setCookies(response).some((c) => c.startsWith('cognito='))).toBe(false);
  const location = new URL(locationOf(response), 'http://mock');
  expect(location.pathname).toBe('/error');
  return location.searchParams.get('error');
}

test.describe('CSRF protection', () => {
  test('a POST without _csrf is sent to the error page', async ({ api }) => {
    const response = await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { csrf: null });
    expect(errorPageError(response)).toBe('invalid_request');
    const page = await api.get(`${server.url}${locationOf(response)}`);
    expect(page.status()).toBe(400);
    expect(await page.text()).toContain('An error was encountered with the requested page.');
  });

  test('a POST with a wrong _csrf is sent to the error page', async ({ api }) => {
    await openLogin(api, server);
    const response = await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { csrf: 'x'.repeat(32) });
    expect(errorPageError(response)).toBe('invalid_request');
  });

  test('a POST whose token was never set as a cookie (stale page) is sent to the error page', async ({ api, playwright }) => {
    const { csrf } = await openLogin(api, server);
    const stranger = await playwright.request.newContext({ maxRedirects: 0 });
    const response = await stranger.post(`${server.url}/login?${authorizeQuery()}`, {
      form: { username: USERNAME, password: PASSWORD, _csrf: csrf, cognitoAsfData: ASF_DATA },
    });
    expect(errorPageError(response)).toBe('invalid_request');
    await stranger.dispose();
  });
});

test.describe('advanced security data', () => {
  test('a sign-in without cognitoAsfData is refused on the login screen', async ({ api }) => {
    const response = await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { asf: null });
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(errorMessage(html)).toBe(ASF_REFUSED);
    expect(setCookies(response).some((c) => c.startsWith('cognito='))).toBe(false);
  });

  test('an empty cognitoAsfData is refused too', async ({ api }) => {
    const response = await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { asf: '' });
    expect(errorMessage(await response.text())).toBe(ASF_REFUSED);
  });
});

test.describe('successful sign-in', () => {
  test('redirects to the exact redirect_uri with a UUID v4 code and the state', async ({ api }) => {
    const response = await postLogin(api, server, { username: USERNAME, password: PASSWORD });
    expect(response.status()).toBe(302);
    const location = locationOf(response);
    expect(location).toMatch(/^http:\/\/localhost\/callback\?code=[0-9a-f-]{36}&state=state-123$/);
    const callback = new URL(location);
    expect(codeFrom(callback)).toMatch(UUID_V4);
    expect(callback.searchParams.get('state')).toBe('state-123');
  });

  test('sets an HttpOnly session cookie lasting an hour', async ({ api }) => {
    const response = await postLogin(api, server, { username: USERNAME, password: PASSWORD });
    const session = setCookies(response).find((c) => c.startsWith('cognito='));
    expect(session).toMatch(/^cognito=[A-Za-z0-9_-]{32}; Path=\/; SameSite=Lax; Max-Age=3600; HttpOnly$/);
  });

  test('returns a state needing escaping byte-for-byte', async ({ api }) => {
    const state = 'a b&c=d/é+%';
    const callback = await signIn(api, server, authorizeQuery({ state }));
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.search).toContain('&state=a%20b%26c%3Dd%2F%C3%A9%2B%25');
    // A client decoding with decodeURIComponent instead of URLSearchParams gets it too.
    const raw = callback.search.split('&state=')[1] ?? '';
    expect(decodeURIComponent(raw)).toBe(state);
  });

  test('a query encoded with %20 instead of + is read the same way', async ({ api }) => {
    const query = `client_id=local-test-client&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}&state=${encodeURIComponent('x y+z')}`;
    const callback = await signIn(api, server, query);
    expect(callback.searchParams.get('state')).toBe('x y+z');
  });

  test('without state the callback carries none', async ({ api }) => {
    const callback = await signIn(api, server, authorizeQuery({ state: undefined }));
    expect([...callback.searchParams.keys()]).toEqual(['code']);
  });

  test('uses whichever registered redirect_uri was requested', async ({ api }) => {
    const callback = await signIn(api, server, authorizeQuery({ redirect_uri: CALLBACK_ALT }));
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK_ALT);
  });

  test('every sign-in issues a different code', async ({ api }) => {
    const first = codeFrom(await signIn(api, server));
    const second = codeFrom(await signIn(api, server));
    expect(first).not.toBe(second);
  });
});

test.describe('session', () => {
  test('a signed-in browser skips the login screen on authorize', async ({ api }) => {
    const first = codeFrom(await signIn(api, server));
    const query = authorizeQuery({ state: 'second round' });
    const response = await api.get(`${server.url}/oauth2/authorize?${query}`);
    expect(response.status()).toBe(302);
    const callback = new URL(locationOf(response));
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
    expect(codeFrom(callback)).toMatch(UUID_V4);
    expect(codeFrom(callback)).not.toBe(first);
    expect(callback.searchParams.get('state')).toBe('second round');
  });

  test('the session still obeys redirect_uri rules', async ({ api }) => {
    await signIn(api, server);
    const response = await api.get(`${server.url}/oauth2/authorize?${authorizeQuery({ redirect_uri: 'https://evil.example/' })}`);
    expect(locationOf(response)).toBe('/error?error=redirect_mismatch&client_id=local-test-client');
  });

  test('expires after sessionTtlSeconds', async ({ api }) => {
    const shortLived = await startMockServer({ port: 0, sessionTtlSeconds: 60 });
    try {
      await signIn(api, shortLived);
      const fresh = await api.get(`${shortLived.url}/oauth2/authorize?${authorizeQuery()}`);
      expect(locationOf(fresh)).toMatch(/^http:\/\/localhost\/callback\?code=/);
      shortLived.advanceClock(60_001);
      const response = await api.get(`${shortLived.url}/oauth2/authorize?${authorizeQuery()}`);
      expect(locationOf(response)).toBe(`/login?${authorizeQuery()}`);
    } finally {
      await shortLived.close();
    }
  });
});

test.describe('logout', () => {
  test('with logout_uri clears the session and returns to the app', async ({ api }) => {
    await signIn(api, server);
    const response = await api.get(`${server.url}/logout?client_id=local-test-client&logout_uri=${encodeURIComponent('http://localhost/logout')}`);
    expect(response.status()).toBe(302);
    expect(locationOf(response)).toBe('http://localhost/logout');
    expect(setCookies(response).find((c) => c.startsWith('cognito='))).toContain('Max-Age=0');

    const again = await api.get(`${server.url}/oauth2/authorize?${authorizeQuery()}`);
    expect(locationOf(again)).toBe(`/login?${authorizeQuery()}`);
  });

  test('with an unregistered logout_uri shows an error and keeps the session', async ({ api }) => {
    await signIn(api, server);
    const response = await api.get(`${server.url}/logout?client_id=local-test-client&logout_uri=${encodeURIComponent('https://evil.example/')}`);
    expect(locationOf(response)).toBe('/error?error=invalid_request&client_id=local-test-client');
    const again = await api.get(`${server.url}/oauth2/authorize?${authorizeQuery()}`);
    expect(locationOf(again)).toMatch(/^http:\/\/localhost\/callback\?code=/);
  });

  test('with redirect_uri clears the session and shows the login screen', async ({ api }) => {
    await signIn(api, server);
    const query = authorizeQuery({ state: 'switch user' });
    const response = await api.get(`${server.url}/logout?${query}`);
    expect(locationOf(response)).toBe(`/login?${query}`);
    const again = await api.get(`${server.url}/oauth2/authorize?${query}`);
    expect(locationOf(again)).toBe(`/login?${query}`);
  });

  test('without a destination is an invalid request', async ({ api }) => {
    const response = await api.get(`${server.url}/logout?client_id=local-test-client`);
    expect(locationOf(response)).toBe('/error?error=invalid_request&client_id=local-test-client');
  });
});

test.describe('lockout', () => {
  const wrong = { username: USERNAME, password: 'wrong-password' };
  const right = { username: USERNAME, password: PASSWORD };

  test('five wrong passwords lock the user; the lock lifts after its time, then doubles', async ({ api }) => {
    // Minutes-long locks on a clock the test moves: no sleeps, so a busy machine cannot outrun them.
    // A stopped clock, so "one ms before" means exactly that however slow the machine is.
    let now = Date.now();
    const locking = await startMockServer({ port: 0, lockoutBaseMs: 60_000, clock: () => now, users: [{ username: USERNAME, password: PASSWORD }, { username: 'other@example.com', password: 'Other-Pa55' }] });
    const attempt = async (fields: Record<string, string>) => {
      const response = await postLogin(api, locking, fields);
      return { status: response.status(), error: errorMessage(await response.text()) };
    };
    try {
      for (let i = 1; i <= 4; i += 1) expect(await attempt(wrong), `failure ${i}`).toEqual({ status: 200, error: INCORRECT });
      expect(await attempt(wrong), 'failure 5').toEqual({ status: 200, error: LOCKED });
      expect(await attempt(right), 'right password while locked').toEqual({ status: 200, error: LOCKED });

      // Another user is unaffected by this user's lock.
      const other = await postLogin(api, locking, { username: 'other@example.com', password: 'Other-Pa55' });
      expect(other.status()).toBe(302);

      now += 59_999;
      expect(await attempt(right), 'one ms before the lock lifts').toEqual({ status: 200, error: LOCKED });
      now += 2;
      // One more failure after the lock re-locks at once, for twice as long (120 s).
      expect(await attempt(wrong)).toEqual({ status: 200, error: LOCKED });
      now += 119_000;
      expect(await attempt(right), 'still inside the doubled lock').toEqual({ status: 200, error: LOCKED });
      now += 1_001;
      const unlocked = await postLogin(api, locking, right);
      expect(unlocked.status()).toBe(302);

      // Success forgets the history: four failures are not a lock.
      for (let i = 1; i <= 4; i += 1) expect(await attempt(wrong)).toEqual({ status: 200, error: INCORRECT });
      expect((await postLogin(api, locking, right)).status()).toBe(302);
    } finally {
      await locking.close();
    }
  });

  test('unknown usernames are not counted or locked', async ({ api }) => {
    const locking = await startMockServer({ port: 0, lockoutThreshold: 2, lockoutBaseMs: 60_000 });
    try {
      for (let i = 0; i < 4; i += 1) {
        const response = await postLogin(api, locking, { username: 'ghost@example.com', password: 'x' });
        expect(errorMessage(await response.text())).toBe(INCORRECT);
      }
    } finally {
      await locking.close();
    }
  });
});
