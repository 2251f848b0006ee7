import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { startMockServer, type MockServer } from '../../mock-server/index.js';
import {
  authorizeQuery,
  basicAuth,
  CALLBACK,
  CALLBACK_ALT,
  CLIENT_ID,
  CLIENT_SECRET,
  codeFrom,
  expect,
  pkcePair,
  redeem,
  signIn,
  test,
  USERNAME,
  UUID_V4,
} from './helpers.js';

const PUBLIC_CLIENT = { clientId: 'public-client', redirectUris: ['http://localhost/public-callback'] };

let server: MockServer;

test.beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    clients: [
      { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [CALLBACK, CALLBACK_ALT] },
      { clientId: 'other-client', clientSecret: 'other-secret', redirectUris: [CALLBACK] },
      PUBLIC_CLIENT,
    ],
  });
});

test.afterAll(async () => {
  await server.close();
});

test('a fresh code buys verifiable tokens', async ({ api }) => {
  const code = codeFrom(await signIn(api, server));
  const response = await redeem(api, server, { code });
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('no-store');
  expect(response.headers()['content-type']).toContain('application/json');
  const body = (await response.json()) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
  expect(body['token_type']).toBe('Bearer');
  expect(body['expires_in']).toBe(3600);
  expect(body['refresh_token']).toMatch(/^[A-Za-z0-9_-]{40,}$/);

  const jwks = (await (await api.get(`${server.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  const keySet = createLocalJWKSet(jwks);
  const idToken = await jwtVerify(String(body['id_token']), keySet, { issuer: server.url, audience: CLIENT_ID, algorithms: ['RS256'] });
  expect(idToken.payload).toMatchObject({ email: USERNAME, token_use: 'id', iss: server.url, aud: CLIENT_ID });
  expect(idToken.payload.sub).toMatch(UUID_V4);
  expect(decodeProtectedHeader(String(body['id_token'])).kid).toBe(jwks.keys[0]?.kid);

  const accessToken = await jwtVerify(String(body['access_token']), keySet, { issuer: server.url, algorithms: ['RS256'] });
  expect(accessToken.payload).toMatchObject({ client_id: CLIENT_ID, token_use: 'access', sub: idToken.payload.sub, username: USERNAME });
  expect(accessToken.payload.exp! - accessToken.payload.iat!).toBe(3600);
});

test('the subject is stable across sign-ins and servers', async ({ api }) => {
  const sub = async (target: MockServer) => {
    const body = (await (await redeem(api, target, { code: codeFrom(await signIn(api, target)) })).json()) as { id_token: string };
    return JSON.parse(Buffer.from(body.id_token.split('.')[1] ?? '', 'base64url').toString()).sub as string;
  };
  const other = await startMockServer({ port: 0 });
  try {
    const first = await sub(server);
    expect(await sub(server)).toBe(first);
    expect(await sub(other)).toBe(first);
  } finally {
    await other.close();
  }
});

test('client_secret_post works as well as Basic', async ({ api }) => {
  const code = codeFrom(await signIn(api, server));
  const response = await redeem(api, server, { code, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }, null);
  expect(response.status()).toBe(200);
});

test('a code works once: reuse is invalid_grant', async ({ api }) => {
  const code = codeFrom(await signIn(api, server));
  expect((await redeem(api, server, { code })).status()).toBe(200);
  const again = await redeem(api, server, { code });
  expect(again.status()).toBe(400);
  expect(await again.json()).toEqual({ error: 'invalid_grant' });
});

test('an unknown code is invalid_grant', async ({ api }) => {
  const response = await redeem(api, server, { code: '4f0c1a4e-0000-4000-8000-000000000000' });
  expect(response.status()).toBe(400);
  expect(await response.json()).toEqual({ error: 'invalid_grant' });
});

test('another redirect_uri is invalid_grant, and burns the code', async ({ api }) => {
  const code = codeFrom(await signIn(api, server));
  const wrong = await redeem(api, server, { code, redirect_uri: CALLBACK_ALT });
  expect(wrong.status()).toBe(400);
  expect(await wrong.json()).toEqual({ error: 'invalid_grant' });
  const right = await redeem(api, server, { code });
  expect(await right.json()).toEqual({ error: 'invalid_grant' });
});

test('a missing redirect_uri is invalid_grant', async ({ api }) => {
  const code = codeFrom(await signIn(api, server));
  const response = await api.post(`${server.url}/oauth2/token`, {
    form: { grant_type: 'authorization_code', code },
    headers: { Authorization: basicAuth(CLIENT_ID, CLIENT_SECRET) },
  });
  expect(await response.json()).toEqual({ error: 'invalid_grant' });
});

test('a code issued to another client is invalid_grant', async ({ api }) => {
  const code = codeFrom(await signIn(api, server));
  const response = await redeem(api, server, { code }, basicAuth('other-client', 'other-secret'));
  expect(response.status()).toBe(400);
  expect(await response.json()).toEqual({ error: 'invalid_grant' });
});

test.describe('PKCE', () => {
  test('the right verifier is accepted', async ({ api }) => {
    const { verifier, challenge } = pkcePair();
    const code = codeFrom(await signIn(api, server, authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256' })));
    expect((await redeem(api, server, { code, code_verifier: verifier })).status()).toBe(200);
  });

  test('a wrong verifier is invalid_grant', async ({ api }) => {
    const { challenge } = pkcePair();
    const code = codeFrom(await signIn(api, server, authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256' })));
    const response = await redeem(api, server, { code, code_verifier: pkcePair().verifier });
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_grant' });
  });

  test('a missing verifier is invalid_grant', async ({ api }) => {
    const { challenge } = pkcePair();
    const code = codeFrom(await signIn(api, server, authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256' })));
    expect(await (await redeem(api, server, { code })).json()).toEqual({ error: 'invalid_grant' });
  });
});

test('an expired code is invalid_grant', async ({ api }) => {
  const quick = await startMockServer({ port: 0, codeTtlSeconds: 300 });
  try {
    const code = codeFrom(await signIn(api, quick));
    quick.advanceClock(300_000);
    const response = await redeem(api, quick, { code });
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_grant' });
  } finally {
    await quick.close();
  }
});

test.describe('client authentication', () => {
  const cases: Array<[string, string | null, Record<string, string>]> = [
    ['a wrong secret', basicAuth(CLIENT_ID, 'wrong-secret'), {}],
    ['no secret for a confidential client', null, { client_id: CLIENT_ID }],
    ['an unknown client', basicAuth('nobody', 'x'), {}],
    ['no client at all', null, {}],
    ['a garbled Basic header', 'Basic !!!', {}],
    ['Basic and body naming different clients', basicAuth(CLIENT_ID, CLIENT_SECRET), { client_id: 'other-client' }],
  ];
  for (const [name, authorization, extra] of cases) {
    test(`${name} is 401 invalid_client`, async ({ api }) => {
      const code = codeFrom(await signIn(api, server));
      const response = await redeem(api, server, { code, ...extra }, authorization);
      expect(response.status()).toBe(401);
      expect(await response.json()).toEqual({ error: 'invalid_client' });
    });
  }

  test('a public client needs only its client_id', async ({ api }) => {
    const callback = await signIn(api, server, authorizeQuery({ client_id: PUBLIC_CLIENT.clientId, redirect_uri: 'http://localhost/public-callback' }));
    const response = await redeem(
      api,
      server,
      { code: codeFrom(callback), client_id: PUBLIC_CLIENT.clientId, redirect_uri: 'http://localhost/public-callback' },
      null,
    );
    expect(response.status()).toBe(200);
  });
});

test.describe('malformed token requests', () => {
  test('missing grant_type is invalid_request', async ({ api }) => {
    const response = await api.post(`${server.url}/oauth2/token`, {
      form: { code: 'x', redirect_uri: CALLBACK },
      headers: { Authorization: basicAuth(CLIENT_ID, CLIENT_SECRET) },
    });
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_request' });
  });

  test('missing code is invalid_request', async ({ api }) => {
    const response = await redeem(api, server, {});
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_request' });
  });

  test('another grant type is unsupported_grant_type', async ({ api }) => {
    const response = await redeem(api, server, { grant_type: 'password', code: 'x' });
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: 'unsupported_grant_type' });
  });

  test('a JSON body is invalid_request', async ({ api }) => {
    const response = await api.post(`${server.url}/oauth2/token`, {
      data: { grant_type: 'authorization_code', code: 'x' },
      headers: { Authorization: basicAuth(CLIENT_ID, CLIENT_SECRET) },
    });
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_request' });
  });
});

test('a refresh token buys new access and id tokens', async ({ api }) => {
  const code = codeFrom(await signIn(api, server));
  const first = (await (await redeem(api, server, { code })).json()) as { refresh_token: string; access_token: string };
  const response = await api.post(`${server.url}/oauth2/token`, {
    form: { grant_type: 'refresh_token', refresh_token: first.refresh_token },
    headers: { Authorization: basicAuth(CLIENT_ID, CLIENT_SECRET) },
  });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body['access_token']).toEqual(expect.any(String));
  expect(body['access_token']).not.toBe(first.access_token);
  expect(body['refresh_token']).toBeUndefined();

  const stolen = await api.post(`${server.url}/oauth2/token`, {
    form: { grant_type: 'refresh_token', refresh_token: first.refresh_token },
    headers: { Authorization: basicAuth('other-client', 'other-secret') },
  });
  expect(await stolen.json()).toEqual({ error: 'invalid_grant' });
});
