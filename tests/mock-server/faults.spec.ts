import { startMockServer, type MockServer } from '../../mock-server/index.js';
import {
  ASF_DATA,
  authorizeQuery,
  CALLBACK,
  codeFrom,
  expect,
  locationOf,
  openLogin,
  PASSWORD,
  postLogin,
  redeem,
  signIn,
  test,
  USERNAME,
  UUID_V4,
} from './helpers.js';

// Each test sets the faults it needs: with fullyParallel every worker has its own
// server, but tests sharing a worker share it.
let server: MockServer;

test.beforeAll(async () => {
  server = await startMockServer({ port: 0 });
});

test.beforeEach(() => {
  server.setFaults('');
});

test.afterAll(async () => {
  await server.close();
});

const REQUESTED_STATE = 'requested state/1';
const query = authorizeQuery({ state: REQUESTED_STATE });

async function callbackWith(api: Parameters<typeof signIn>[0]): Promise<URL> {
  return signIn(api, server, query);
}

test('no faults: a UUID code and the requested state', async ({ api }) => {
  const callback = await callbackWith(api);
  expect(codeFrom(callback)).toMatch(UUID_V4);
  expect(callback.searchParams.get('state')).toBe(REQUESTED_STATE);
});

test('login-500: POST /login answers 500 with an error page', async ({ api }) => {
  server.setFaults('login-500');
  // The screen itself still renders; only the sign-in fails.
  await openLogin(api, server, query);
  const response = await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { query });
  expect(response.status()).toBe(500);
  expect(response.headers()['content-type']).toContain('text/html');
  expect(await response.text()).toContain('<h1>Something went wrong</h1>');
});

test('slow-login: POST /login answers only after the delay, and still succeeds', async ({ api }) => {
  server.setFaults('slow-login=400');
  const { csrf } = await openLogin(api, server, query);
  const started = Date.now();
  const response = await api.post(`${server.url}/login?${query}`, {
    form: { username: USERNAME, password: PASSWORD, _csrf: csrf, cognitoAsfData: ASF_DATA },
  });
  const elapsed = Date.now() - started;
  expect(elapsed).toBeGreaterThanOrEqual(390);
  expect(elapsed).toBeLessThan(2000);
  expect(response.status()).toBe(302);
  expect(codeFrom(new URL(locationOf(response)))).toMatch(UUID_V4);
});

test('slow-login leaves GET /login fast', async ({ api }) => {
  server.setFaults({ slowLoginMs: 2000 });
  const started = Date.now();
  await openLogin(api, server, query);
  expect(Date.now() - started).toBeLessThan(1000);
});

test('malformed-code: the code is not a UUID', async ({ api }) => {
  server.setFaults('malformed-code');
  const callback = await callbackWith(api);
  const code = codeFrom(callback);
  expect(code).toMatch(/^not-a-uuid-[0-9a-f]{16}$/);
  expect(code).not.toMatch(UUID_V4);
  expect(callback.searchParams.get('state')).toBe(REQUESTED_STATE);
  // Nor can it be redeemed.
  const tokens = await redeem(api, server, { code });
  expect(await tokens.json()).toEqual({ error: 'invalid_grant' });
});

test('missing-code: the callback has the state but no code', async ({ api }) => {
  server.setFaults('missing-code');
  const callback = await callbackWith(api);
  expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
  expect(Object.fromEntries(callback.searchParams)).toEqual({ state: REQUESTED_STATE });
});

test('state-mismatch: the callback carries another state, with a valid code', async ({ api }) => {
  server.setFaults('state-mismatch');
  const callback = await callbackWith(api);
  const state = callback.searchParams.get('state');
  expect(state).not.toBeNull();
  expect(state).not.toBe(REQUESTED_STATE);
  expect(codeFrom(callback)).toMatch(UUID_V4);
});

test('state-mismatch: a state appears even when none was requested', async ({ api }) => {
  server.setFaults('state-mismatch');
  const callback = await signIn(api, server, authorizeQuery({ state: undefined }));
  expect(callback.searchParams.get('state')).toMatch(/.+/);
});

test('access-denied: the callback is an OAuth error with the state and no code', async ({ api }) => {
  server.setFaults('access-denied');
  const callback = await callbackWith(api);
  expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
  expect(Object.fromEntries(callback.searchParams)).toEqual({
    error: 'access_denied',
    error_description: 'User is not authorized',
    state: REQUESTED_STATE,
  });
});

test('selector-drift: classic screen has no recognisable username field, yet the form still works', async ({ api }) => {
  server.setFaults('selector-drift');
  const { html, csrf } = await openLogin(api, server, query);
  expect(html).not.toContain('name="username"');
  expect(html).not.toContain('signInFormUsername');
  const labels = [...html.matchAll(/<label[^>]*>([^<]*)<\/label>/g)].map((m) => m[1]);
  const placeholders = [...html.matchAll(/placeholder="([^"]*)"/g)].map((m) => m[1]);
  const ariaLabels = [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);
  for (const text of [...labels, ...placeholders, ...ariaLabels]) expect(text).not.toMatch(/user|e-?mail/i);
  expect(html).toMatch(/<input id="signInFormIdentifier" name="login_identifier" type="text"[^>]*aria-label="Identifier"/);
  // The password field is untouched: only the username is unrecognisable.
  expect(html).toContain('id="signInFormPassword" name="password"');

  const response = await api.post(`${server.url}/login?${query}`, {
    form: { login_identifier: USERNAME, password: PASSWORD, _csrf: csrf, cognitoAsfData: ASF_DATA },
  });
  expect(response.status()).toBe(302);
});

test('selector-drift: the managed screen is told to drift too', async ({ api }) => {
  server.setFaults('selector-drift');
  server.setLoginUi('managed');
  try {
    const { html } = await openLogin(api, server, query);
    expect(html).toContain('{"name":"login_identifier","label":"Identifier","type":"text","autocomplete":"off"}');
    expect(html).not.toContain('"name":"username"');
  } finally {
    server.setLoginUi('classic');
  }
});

test('token-500: the token endpoint answers 500 server_error', async ({ api }) => {
  const code = codeFrom(await callbackWith(api));
  server.setFaults('token-500');
  const response = await redeem(api, server, { code });
  expect(response.status()).toBe(500);
  expect(await response.json()).toEqual({ error: 'server_error' });
});

test('callback faults also apply to the session shortcut in authorize', async ({ api }) => {
  await callbackWith(api);
  server.setFaults('access-denied');
  const response = await api.get(`${server.url}/oauth2/authorize?${query}`);
  const callback = new URL(locationOf(response));
  expect(callback.searchParams.get('error')).toBe('access_denied');
  expect(callback.searchParams.has('code')).toBe(false);

  server.setFaults('malformed-code,state-mismatch');
  const bent = new URL(locationOf(await api.get(`${server.url}/oauth2/authorize?${query}`)));
  expect(codeFrom(bent)).toMatch(/^not-a-uuid-/);
  expect(bent.searchParams.get('state')).not.toBe(REQUESTED_STATE);
});

test('faults given at start apply from the first request', async ({ api }) => {
  const faulty = await startMockServer({ port: 0, faults: 'missing-code' });
  try {
    const callback = await signIn(api, faulty, query);
    expect(callback.searchParams.has('code')).toBe(false);
    faulty.setFaults({});
    expect(codeFrom(await signIn(api, faulty, query))).toMatch(UUID_V4);
  } finally {
    await faulty.close();
  }
});
