import { startMockServer, type MockServer } from '../../mock-server/index.js';
import { authorizeQuery, CALLBACK, expect, locationOf, test } from './helpers.js';

let server: MockServer;

test.beforeAll(async () => {
  server = await startMockServer({ port: 0 });
});

test.afterAll(async () => {
  await server.close();
});

test('health answers 200 ok', async ({ api }) => {
  const response = await api.get(`${server.url}/health`);
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe('ok');
});

test('url is a loopback origin without trailing slash', () => {
  expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  expect(server.port).toBeGreaterThan(0);
});

test('unknown paths are 404 and wrong methods 405', async ({ api }) => {
  expect((await api.get(`${server.url}/nope`)).status()).toBe(404);
  const wrongMethod = await api.get(`${server.url}/oauth2/token`);
  expect(wrongMethod.status()).toBe(405);
  expect(wrongMethod.headers()['allow']).toBe('POST');
  expect((await api.post(`${server.url}/health`)).status()).toBe(405);
  expect((await api.delete(`${server.url}/login`)).status()).toBe(405);
});

test('authorize without a session redirects to /login with the same query', async ({ api }) => {
  const query = authorizeQuery({ scope: 'openid email', state: 'a b&c=d/é+%' });
  const response = await api.get(`${server.url}/oauth2/authorize?${query}`);
  expect(response.status()).toBe(302);
  expect(locationOf(response)).toBe(`/login?${query}`);
});

const mismatches: Record<string, Record<string, string | undefined>> = {
  'unregistered redirect_uri': { redirect_uri: 'https://evil.example/callback' },
  'redirect_uri differing only in a trailing slash': { redirect_uri: `${CALLBACK}/` },
  'redirect_uri differing only in case': { redirect_uri: 'http://localhost/Callback' },
  'redirect_uri with an extra query': { redirect_uri: `${CALLBACK}?x=1` },
  'missing redirect_uri': { redirect_uri: undefined },
  'unknown client_id': { client_id: 'someone-else' },
};

for (const [name, overrides] of Object.entries(mismatches)) {
  test(`authorize with ${name} shows the error page, never the redirect_uri`, async ({ api }) => {
    const response = await api.get(`${server.url}/oauth2/authorize?${authorizeQuery(overrides)}`);
    expect(response.status()).toBe(302);
    const location = locationOf(response);
    const clientId = overrides.client_id ?? 'local-test-client';
    expect(location).toBe(`/error?error=redirect_mismatch&client_id=${clientId}`);

    const page = await api.get(`${server.url}${location}`);
    expect(page.status()).toBe(400);
    const html = await page.text();
    expect(html).toContain('<h1>Error</h1>');
    expect(html).toContain('An error was encountered with the requested page.');
    expect(html).toContain('<p id="errorCode">redirect_mismatch</p>');
    expect(html).not.toContain('evil.example');
  });
}

test('the error page escapes the error it shows', async ({ api }) => {
  const response = await api.get(`${server.url}/error?error=${encodeURIComponent('<script>alert(1)</script>')}`);
  expect(response.status()).toBe(400);
  const html = await response.text();
  expect(html).toContain('<p id="errorCode">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  expect(html).not.toContain('<script>');
});

test.describe('bad parameters with a trusted redirect_uri go back to the client', () => {
  const cases: Array<[string, Record<string, string | undefined>, string, string]> = [
    ['response_type=token', { response_type: 'token' }, 'unsupported_response_type', 'Only response_type=code is supported'],
    ['response_type=id_token', { response_type: 'id_token' }, 'unsupported_response_type', 'Only response_type=code is supported'],
    ['missing response_type', { response_type: undefined }, 'invalid_request', 'response_type is required'],
    [
      'code_challenge_method=plain',
      { code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'plain' },
      'invalid_request',
      'code_challenge_method must be S256',
    ],
    [
      'code_challenge without method',
      { code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' },
      'invalid_request',
      'code_challenge_method must be S256',
    ],
    [
      'malformed code_challenge',
      { code_challenge: 'too-short', code_challenge_method: 'S256' },
      'invalid_request',
      'Invalid code_challenge',
    ],
  ];
  for (const [name, overrides, error, description] of cases) {
    test(name, async ({ api }) => {
      const query = authorizeQuery({ ...overrides, state: 'st/ate +1' });
      const response = await api.get(`${server.url}/oauth2/authorize?${query}`);
      expect(response.status()).toBe(302);
      const location = new URL(locationOf(response));
      expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
      expect(Object.fromEntries(location.searchParams)).toEqual({
        error,
        error_description: description,
        state: 'st/ate +1',
      });
    });
  }

  test('without state the error carries none', async ({ api }) => {
    const response = await api.get(`${server.url}/oauth2/authorize?${authorizeQuery({ response_type: 'token', state: undefined })}`);
    const location = new URL(locationOf(response));
    expect(location.searchParams.get('error')).toBe('unsupported_response_type');
    expect(location.searchParams.has('state')).toBe(false);
  });
});

test('a valid S256 challenge is accepted', async ({ api }) => {
  const query = authorizeQuery({ code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' });
  const response = await api.get(`${server.url}/oauth2/authorize?${query}`);
  expect(locationOf(response)).toBe(`/login?${query}`);
});

test('/login and /forgotPassword validate client and redirect like authorize', async ({ api }) => {
  const bad = authorizeQuery({ redirect_uri: 'https://evil.example/cb' });
  for (const path of ['/login', '/forgotPassword']) {
    const response = await api.get(`${server.url}${path}?${bad}`);
    expect(response.status(), path).toBe(302);
    expect(locationOf(response), path).toBe('/error?error=redirect_mismatch&client_id=local-test-client');
  }
  const token = await api.get(`${server.url}/login?${authorizeQuery({ response_type: 'token' })}`);
  expect(new URL(locationOf(token)).searchParams.get('error')).toBe('unsupported_response_type');
});

test('discovery documents describe this server', async ({ api }) => {
  const discovery = await (await api.get(`${server.url}/.well-known/openid-configuration`)).json();
  expect(discovery).toMatchObject({
    issuer: server.url,
    authorization_endpoint: `${server.url}/oauth2/authorize`,
    token_endpoint: `${server.url}/oauth2/token`,
    jwks_uri: `${server.url}/.well-known/jwks.json`,
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  });
  // Cognito's document names no PKCE methods although it accepts S256; the harness must cope.
  expect(discovery).not.toHaveProperty('code_challenge_methods_supported');
  expect(await (await api.get(`${server.url}/.well-known/oauth-authorization-server`)).json()).toEqual(discovery);
  const jwks = await (await api.get(`${server.url}/.well-known/jwks.json`)).json();
  expect(jwks.keys).toHaveLength(1);
  expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
  expect(jwks.keys[0].d).toBeUndefined();
});
