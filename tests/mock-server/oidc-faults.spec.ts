/**
 * The mock's OpenID Connect faults, on the mock's own terms: each bends exactly one promise a
 * relying party must check (nonce required, ID token signature, nonce echoed, discovery).
 */
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { authorizeQuery, codeFrom, expect, locationOf, mockServers, redeem, signIn, test } from './helpers.js';

const startServer = mockServers();

test('require-nonce refuses scope=openid without a nonce, at the redirect URI', async ({ api }) => {
  const server = await startServer({ faults: 'require-nonce' });
  const refused = await api.get(`${server.url}/oauth2/authorize?${authorizeQuery({ scope: 'openid', state: 's1' })}`);
  const location = new URL(locationOf(refused));
  expect(location.searchParams.get('error')).toBe('invalid_request');
  expect(location.searchParams.get('error_description')).toBe('nonce is required');
  expect(location.searchParams.get('state')).toBe('s1');
  // With a nonce, or without openid, the login screen is shown as usual.
  for (const query of [authorizeQuery({ scope: 'openid', nonce: 'n-1' }), authorizeQuery()]) {
    expect(pathOfLocation(locationOf(await api.get(`${server.url}/oauth2/authorize?${query}`)))).toBe('/login');
  }
});

test('the ID token echoes the nonce; nonce-mismatch changes it', async ({ api }) => {
  const server = await startServer();
  const query = authorizeQuery({ scope: 'openid', nonce: 'nonce-abc' });
  const good = (await (await redeem(api, server, { code: codeFrom(await signIn(api, server, query)) })).json()) as { id_token: string };
  expect(decodeJwt(good.id_token)['nonce']).toBe('nonce-abc');

  server.setFaults('nonce-mismatch');
  const bent = (await (await redeem(api, server, { code: codeFrom(await signIn(api, server, query)) })).json()) as { id_token: string };
  expect(decodeJwt(bent.id_token)['nonce']).not.toBe('nonce-abc');
});

test('bad-id-token-signature signs the ID token with a key the JWKS does not publish', async ({ api }) => {
  const server = await startServer({ faults: 'bad-id-token-signature' });
  const body = (await (await redeem(api, server, { code: codeFrom(await signIn(api, server)) })).json()) as { id_token: string; access_token: string };
  const keys = createLocalJWKSet((await (await api.get(`${server.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet);
  await expect(jwtVerify(body.id_token, keys)).rejects.toThrow(/signature verification failed/);
  // Only the ID token: the access token still verifies (the API probe is not what is under test).
  await expect(jwtVerify(body.access_token, keys)).resolves.toBeTruthy();
});

test('discovery faults: another issuer, or no document at either placement', async ({ api }) => {
  const server = await startServer({ faults: 'discovery-issuer-mismatch' });
  const document = (await (await api.get(`${server.url}/.well-known/openid-configuration`)).json()) as { issuer: string; token_endpoint: string };
  expect(document.issuer).not.toBe(server.url);
  expect(document.token_endpoint).toBe(`${server.url}/oauth2/token`);

  server.setFaults('discovery-404');
  for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
    expect((await api.get(`${server.url}${path}`)).status(), path).toBe(404);
  }
});

function pathOfLocation(location: string): string {
  return new URL(location, 'http://x').pathname;
}
