/**
 * From an issuer alone: where discovery looks, what it refuses, what the configuration makes of
 * OAUTH_ISSUER, and the ID-token checks on a real redemption at the embedded server (no browser:
 * the protocol helpers sign in over HTTP).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { test, expect } from '../../fixtures/index.js';
import { ConfigError, UUID_PATTERN, loadConfig } from '../../lib/config/config.js';
import { discoverEndpoints, discoverySource, fetchEndpoints, forgetDiscoveredEndpoints } from '../../lib/config/discovery.js';
import { openTarget } from '../../lib/config/target.js';
import { HarnessError } from '../../lib/errors.js';
import { VSCHAR_CODE_PATTERN, offersS256, tokenAuthMethod } from '../../lib/oauth/endpoints.js';
import { verifyIdToken } from '../../lib/oauth/id-token.js';
import { redeemAuthorization } from '../../lib/oauth/redeem.js';
import { startMockServer, type MockServer } from '../../mock-server/index.js';
import { CALLBACK, CLIENT_ID, CLIENT_SECRET, authorizeQuery, codeFrom, signIn, test as protocolTest } from '../mock-server/helpers.js';

const load = (env: Record<string, string | undefined>) => loadConfig({ env, envFile: '/dev/null' });
const ACCOUNT = { OAUTH_CLIENT_ID: 'c', OAUTH_REDIRECT_URI: 'https://app.example.com/callback', TEST_USERNAME: 'u', TEST_PASSWORD: 'p' };

async function failureOf(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof HarnessError) return error;
  throw new Error(`expected a HarnessError, got ${String(error)}`);
}

/** A tiny server answering the given paths with JSON (anything else: 404), counting requests. */
async function documentServer(routes: (origin: string) => Record<string, unknown>, options: { hang?: boolean } = {}) {
  const seen: string[] = [];
  let origin = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(req.url ?? '');
    if (options.hang) return;
    const body = routes(origin)[req.url ?? ''];
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function problemVariables(env: Record<string, string>): string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

const documentFor = (issuer: string, extra: Record<string, unknown> = {}) => ({
  issuer,
  authorization_endpoint: `${issuer}/authorize`,
  token_endpoint: `${issuer}/token`,
  jwks_uri: `${issuer}/jwks`,
  ...extra,
});

test.describe('where discovery looks', () => {
  test('an issuer without a path: the OpenID placement, then RFC 8414', () => {
    expect(discoverySource('https://login.example.com')).toEqual({
      issuer: 'https://login.example.com',
      urls: ['https://login.example.com/.well-known/openid-configuration', 'https://login.example.com/.well-known/oauth-authorization-server'],
    });
  });

  test('an issuer with a path: appended (OpenID), inserted (RFC 8414), and RFC 8414 §5 for OpenID', () => {
    expect(discoverySource('https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_AbC123').urls).toEqual([
      'https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_AbC123/.well-known/openid-configuration',
      'https://cognito-idp.ap-northeast-2.amazonaws.com/.well-known/oauth-authorization-server/ap-northeast-2_AbC123',
      'https://cognito-idp.ap-northeast-2.amazonaws.com/.well-known/openid-configuration/ap-northeast-2_AbC123',
    ]);
  });

  test("a discovery document's own URL is fetched as given and implies its issuer", () => {
    expect(discoverySource('https://login.example.com/tenant/.well-known/openid-configuration')).toEqual({ issuer: 'https://login.example.com/tenant', urls: ['https://login.example.com/tenant/.well-known/openid-configuration'] });
    expect(discoverySource('https://login.example.com/.well-known/oauth-authorization-server/tenant').issuer).toBe('https://login.example.com/tenant');
  });
});

test.describe('fetching and checking the document', () => {
  test('falls back to the RFC 8414 placement for an issuer with a path, and fetches once per process', async () => {
    const server = await documentServer((origin) => ({ '/.well-known/oauth-authorization-server/tenant': documentFor(`${origin}/tenant`, { code_challenge_methods_supported: ['S256'] }) }));
    try {
      forgetDiscoveredEndpoints();
      const endpoints = await discoverEndpoints(`${server.origin}/tenant`, 5_000);
      expect(endpoints).toMatchObject({ issuer: `${server.origin}/tenant`, authorize: `${server.origin}/tenant/authorize`, token: `${server.origin}/tenant/token`, source: 'discovery' });
      expect(server.seen).toEqual(['/tenant/.well-known/openid-configuration', '/.well-known/oauth-authorization-server/tenant']);
      await discoverEndpoints(`${server.origin}/tenant`, 5_000);
      expect(server.seen, 'cached: no second fetch').toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  test('an issuer that differs from the configured one is refused, naming both', async () => {
    const server = await documentServer((origin) => ({ '/.well-known/openid-configuration': documentFor(`${origin}/`) }));
    try {
      const error = await failureOf(fetchEndpoints(server.origin, 5_000));
      expect(error.reason).toBe('config');
      expect(error.message).toContain(`names issuer "${server.origin}/", not OAUTH_ISSUER ${server.origin}`);
      expect(error.message).toContain('trailing slash');
    } finally {
      await server.close();
    }
  });

  test('endpoints on plain http:// off this machine are refused, naming the field', async () => {
    const server = await documentServer((origin) => ({ '/.well-known/openid-configuration': documentFor(origin, { token_endpoint: 'http://login.example.com/token' }) }));
    try {
      const error = await failureOf(fetchEndpoints(server.origin, 5_000));
      expect(error.reason).toBe('server_error');
      expect(error.message).toMatch(/token_endpoint: must be https:\/\//);
    } finally {
      await server.close();
    }
  });

  test('a server that never answers is a timeout within the budget given', async () => {
    const server = await documentServer(() => ({}), { hang: true });
    try {
      const started = Date.now();
      const error = await failureOf(fetchEndpoints(server.origin, 300));
      expect(error.reason).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await server.close();
    }
  });
});

test.describe('OAUTH_ISSUER in the configuration', () => {
  test('alone, it is a remote target: never the embedded server', () => {
    const config = load({ ...ACCOUNT, OAUTH_ISSUER: 'https://login.example.com/tenant' });
    expect(config.target).toMatchObject({ kind: 'remote', discover: 'https://login.example.com/tenant' });
    expect(config.issuer).toBe('https://login.example.com/tenant');
    // Not a Cognito pool: RFC 6749's rule for codes, not the UUID check.
    expect(config.codePattern.source).toBe(new RegExp(VSCHAR_CODE_PATTERN).source);
    expect(config.codePattern.test('SplxlOBeZQQYbYS6WxSbIA')).toBe(true);
    expect(config.codePattern.test('')).toBe(false);
    expect(config.codePattern.test('x'.repeat(2049))).toBe(false);
  });

  test('alone, it needs the account and client like any real server', () => {
    expect(() => load({ OAUTH_ISSUER: 'https://login.example.com' })).toThrow(ConfigError);
  });

  test('a Cognito pool issuer keeps the UUID check; a base URL keeps the issuer as the expected iss only', () => {
    const cognito = 'https://cognito-idp.ap-northeast-2.amazonaws.com/ap-northeast-2_AbC123';
    expect(load({ ...ACCOUNT, OAUTH_ISSUER: cognito }).codePattern.source).toBe(new RegExp(UUID_PATTERN).source);
    const both = load({ ...ACCOUNT, OAUTH_ISSUER: cognito, OAUTH_BASE_URL: 'https://oauth-ap-northeast-2-development.rayteams.com' });
    expect(both.target).toEqual({ kind: 'remote', baseUrl: 'https://oauth-ap-northeast-2-development.rayteams.com' });
    expect(both.issuer).toBe(cognito);
  });

  test('OAUTH_AUTHORIZE_URL names a target too, and then needs OAUTH_TOKEN_URL; OAUTH_TOKEN_URL alone is refused', () => {
    const explicit = load({ ...ACCOUNT, OAUTH_AUTHORIZE_URL: 'https://login.example.com/a/authorize', OAUTH_TOKEN_URL: 'https://login.example.com/a/token' });
    expect(explicit.target).toMatchObject({ kind: 'remote', baseUrl: 'https://login.example.com' });
    expect(explicit.codePattern.source).toBe(new RegExp(VSCHAR_CODE_PATTERN).source);
    const variables = (env: Record<string, string>) => problemVariables(env);
    expect(variables({ ...ACCOUNT, OAUTH_AUTHORIZE_URL: 'https://login.example.com/authorize' })).toEqual(['OAUTH_TOKEN_URL']);
    expect(variables({ OAUTH_TOKEN_URL: 'https://login.example.com/token' })).toEqual(['OAUTH_TOKEN_URL']);
  });

  test('opening an issuer target discovers its endpoints, asks for openid and keeps PKCE', async () => {
    const server = await documentServer((origin) => ({ '/.well-known/openid-configuration': documentFor(origin, { scopes_supported: ['openid', 'profile'], token_endpoint_auth_methods_supported: ['client_secret_post'] }) }));
    try {
      const opened = await openTarget(load({ ...ACCOUNT, OAUTH_ISSUER: server.origin, OAUTH_TOKEN_URL: `${server.origin}/other-token` }));
      expect(opened.config.target.endpoints).toMatchObject({ authorize: `${server.origin}/authorize`, token: `${server.origin}/other-token`, jwks: `${server.origin}/jwks` });
      expect(opened.config.scopes).toEqual(['openid']);
      expect(opened.config.usePkce).toBe(true);
      expect(tokenAuthMethod(opened.config.target.endpoints, 'secret')).toBe('client_secret_post');
      await opened.close();
    } finally {
      await server.close();
    }
  });
});

test.describe('the embedded target', () => {
  test('reads its own Cognito-shaped document: discovered endpoints and keys, no scope by default', async () => {
    const opened = await openTarget(load({}));
    try {
      const url = opened.config.target.baseUrl;
      expect(opened.config.target.endpoints).toMatchObject({ source: 'discovery', issuer: url, authorize: `${url}/oauth2/authorize`, token: `${url}/oauth2/token`, jwks: `${url}/.well-known/jwks.json`, codeChallengeMethods: undefined });
      // Cognito-shaped: today's defaults stay (no scope, PKCE on, UUID codes).
      expect(opened.config.scopes).toEqual([]);
      expect(opened.config.usePkce).toBe(true);
    } finally {
      await opened.close();
    }
  });

  test('a document naming another issuer stops the run', async () => {
    const error = await failureOf(openTarget(load({ MOCK_FAULTS: 'discovery-issuer-mismatch' })));
    expect(error.reason).toBe('config');
    expect(error.message).toMatch(/names issuer ".*\/another-pool"/);
  });
});

test.describe('what the server lists', () => {
  test('Basic when listed or nothing is listed, the form when only it is, none without a secret', () => {
    expect(tokenAuthMethod({ tokenAuthMethods: undefined }, 's')).toBe('client_secret_basic');
    expect(tokenAuthMethod({ tokenAuthMethods: ['client_secret_post', 'client_secret_basic'] }, 's')).toBe('client_secret_basic');
    expect(tokenAuthMethod({ tokenAuthMethods: ['private_key_jwt', 'client_secret_post'] }, 's')).toBe('client_secret_post');
    expect(tokenAuthMethod({ tokenAuthMethods: ['client_secret_basic'] }, undefined)).toBe('none');
  });

  test('PKCE unless the server lists methods without S256', () => {
    expect(offersS256({ codeChallengeMethods: undefined })).toBe(true);
    expect(offersS256({ codeChallengeMethods: ['plain', 'S256'] })).toBe(true);
    expect(offersS256({ codeChallengeMethods: ['plain'] })).toBe(false);
  });
});

test.describe('ID tokens', () => {
  const secret = 'a-client-secret-of-32-bytes-0123';
  const hs256 = (claims: Record<string, unknown>, key = secret) =>
    new SignJWT({ exp: Math.floor(Date.now() / 1000) + 300, ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://op.example.com')
      .setAudience('client-1')
      .setSubject('u1')
      .setIssuedAt()
      .sign(new TextEncoder().encode(key));
  const expectations = { clientId: 'client-1', clientSecret: secret, issuer: 'https://op.example.com', nonce: 'n-1', jwksUri: undefined, timeoutMs: 1_000 };

  test('HS256 verifies with the client secret; each broken claim is named', async () => {
    await expect(verifyIdToken(await hs256({ nonce: 'n-1' }), expectations)).resolves.toMatchObject({ sub: 'u1' });
    const cases: Array<[Promise<string>, Partial<typeof expectations>, RegExp]> = [
      [hs256({ nonce: 'n-2' }), {}, /^ID token nonce does not match the request$/],
      [hs256({}), {}, /ID token carries no nonce/],
      [hs256({ nonce: 'n-1' }, 'another-secret-of-32-bytes-01234'), {}, /ID token signature does not verify/],
      [hs256({ nonce: 'n-1' }), { issuer: 'https://other.example.com' }, /ID token iss is not the expected issuer/],
      [hs256({ nonce: 'n-1' }), { clientId: 'client-2' }, /ID token aud does not name this client/],
      [hs256({ nonce: 'n-1', exp: Math.floor(Date.now() / 1000) - 3600 }), {}, /ID token has expired/],
    ];
    for (const [token, change, message] of cases) {
      const error = await failureOf(verifyIdToken(await token, { ...expectations, ...change }));
      expect(error.reason).toBe('token_error');
      expect(error.message).toMatch(message);
    }
  });
});

protocolTest.describe('redeeming at the embedded server, as get-code --exchange does', () => {
  let server: MockServer;

  protocolTest.beforeAll(async () => {
    server = await startMockServer({ port: 0 });
  });

  protocolTest.afterAll(async () => {
    await server.close();
  });

  const redeemWithNonce = async (api: Parameters<typeof signIn>[0], nonce: string) => {
    const code = codeFrom(await signIn(api, server, authorizeQuery({ scope: 'openid', nonce: 'nonce-sent' })));
    const endpoints = await fetchEndpoints(server.url, 5_000);
    return redeemAuthorization(endpoints, { code, clientId: CLIENT_ID, redirectUri: CALLBACK, codeVerifier: undefined, nonce }, { clientSecret: CLIENT_SECRET, timeoutMs: 5_000 });
  };

  protocolTest('a good ID token passes against the discovered JWKS', async ({ api }) => {
    await expect(redeemWithNonce(api, 'nonce-sent')).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  protocolTest('nonce-mismatch is token_error naming the nonce', async ({ api }) => {
    server.setFaults('nonce-mismatch');
    const error = await failureOf(redeemWithNonce(api, 'nonce-sent'));
    server.setFaults('');
    expect([error.reason, error.exitCode, error.message]).toEqual(['token_error', 4, 'ID token nonce does not match the request']);
  });

  protocolTest('bad-id-token-signature is token_error naming the signature and the keys', async ({ api }) => {
    server.setFaults('bad-id-token-signature');
    const error = await failureOf(redeemWithNonce(api, 'nonce-sent'));
    server.setFaults('');
    expect(error.reason).toBe('token_error');
    expect(error.message).toBe(`ID token signature does not verify against the keys at ${server.url}/.well-known/jwks.json`);
  });

  protocolTest('discovery-404 and discovery-issuer-mismatch are configuration errors with their reason', async () => {
    server.setFaults('discovery-404');
    const missing = await failureOf(fetchEndpoints(server.url, 5_000));
    server.setFaults('discovery-issuer-mismatch');
    const mismatch = await failureOf(fetchEndpoints(server.url, 5_000));
    server.setFaults('');
    expect(missing.reason).toBe('config');
    expect(missing.message).toMatch(/^no discovery document for OAUTH_ISSUER .*openid-configuration \(HTTP 404\), .*oauth-authorization-server \(HTTP 404\)/);
    expect(mismatch.reason).toBe('config');
    expect(mismatch.message).toContain(`names issuer "${server.url}/another-pool", not OAUTH_ISSUER ${server.url}`);
  });
});
