/**
 * `rayteams-login get-code` from an issuer alone, as a pipeline runs it (a whole process through
 * bin/rayteams-login.mjs): at the embedded server's Cognito-shaped discovery document, and at
 * node-oidc-provider, a certified OpenID provider with its own login page. No LOGIN_*_SELECTOR and
 * no CODE_PATTERN anywhere: the code printed must redeem at the server that issued it.
 */
import { test, expect } from '../../fixtures/index.js';
import { startMockServer, type MockServer } from '../../mock-server/index.js';
import { startOidcProvider, type RunningProvider } from '../oidc/providers.js';
import { LOCAL, expectExit, getCode } from './get-code-run.js';
import { runScript } from './run-cli.js';

/** Under a loaded machine a whole login (browser start included) takes a while; the run's own budget. */
const BUDGET = ['--timeout', '90000'];
// Each test runs one whole get-code process (two for --exchange's work) within BUDGET.
test.describe.configure({ timeout: 150_000 });

interface Account {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

const envFor = (account: Account, user: { username: string; password: string }) => ({
  OAUTH_ISSUER: account.issuer,
  OAUTH_CLIENT_ID: account.clientId,
  OAUTH_CLIENT_SECRET: account.clientSecret,
  OAUTH_REDIRECT_URI: account.redirectUri,
  TEST_USERNAME: user.username,
  TEST_PASSWORD: user.password,
});

/** Redeems a printed code as the pipeline's next step would: at the token endpoint the server itself names. */
async function redeemAt(issuer: string, account: Account, output: { code: string; code_verifier: string | null }): Promise<{ status: number; body: Record<string, unknown> }> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string };
  const form = new URLSearchParams({ grant_type: 'authorization_code', code: output.code, redirect_uri: account.redirectUri });
  if (output.code_verifier) form.set('code_verifier', output.code_verifier);
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${account.clientId}:${account.clientSecret}`).toString('base64')}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test.describe('get-code with OAUTH_ISSUER at the embedded server (a Cognito-shaped document)', () => {
  let server: MockServer;
  /** The server's request log (paths only): who signed in where. */
  const requests: string[] = [];
  const authorizeRequests = () => requests.filter((line) => line.startsWith('GET /oauth2/authorize ')).length;
  const account = (): Account => ({ issuer: server.url, clientId: LOCAL.clientId, clientSecret: LOCAL.clientSecret, redirectUri: LOCAL.redirectUri });
  const user = { username: LOCAL.username, password: LOCAL.password };

  test.beforeAll(async () => {
    // A server that refuses openid requests without a nonce: the harness must send one.
    server = await startMockServer({ port: 0, faults: 'require-nonce', log: (line) => requests.push(line) });
  });

  test.afterAll(async () => {
    await server.close();
  });

  test('signs in at that issuer (not at an embedded server of its own) and prints a code that redeems there', async () => {
    requests.length = 0;
    const run = await getCode(['--format', 'json', ...BUDGET], envFor(account(), user));
    expect(run.exitCode, run.stderr).toBe(0);
    expect(authorizeRequests(), 'the sign-in happened at the configured issuer').toBe(1);
    expect(requests, 'and was answered with the login screen, then the callback').toContain(requests.find((line) => line.startsWith('POST /login 302')));
    const output = JSON.parse(run.stdout) as { code: string; code_verifier: string | null };
    const redeemed = await redeemAt(server.url, account(), output);
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200);
    expect(redeemed.body['id_token']).toEqual(expect.any(String));
  });

  test('nonce-mismatch: --exchange fails with token_error naming the nonce', async () => {
    server.setFaults('require-nonce,nonce-mismatch');
    try {
      const run = await getCode(['--exchange', ...BUDGET], envFor(account(), user));
      expectExit(run, 4, 'token_error', 'ID token nonce does not match the request');
    } finally {
      server.setFaults('require-nonce');
    }
  });

  test('no discovery document: a configuration error naming the issuer, before any sign-in', async () => {
    server.setFaults('discovery-404');
    requests.length = 0;
    try {
      const run = await getCode(BUDGET, envFor(account(), user));
      expectExit(run, 2, 'config', `no discovery document for OAUTH_ISSUER ${server.url}`);
      expect(authorizeRequests()).toBe(0);
    } finally {
      server.setFaults('require-nonce');
    }
  });
});

test.describe('get-code with OAUTH_ISSUER at node-oidc-provider', () => {
  let provider: RunningProvider;
  // Its development login accepts any login and password.
  const user = { username: 'alice', password: 'any-password-1' };

  test.beforeAll(async () => {
    provider = await startOidcProvider({ consent: 'granted' });
  });

  test.afterAll(async () => {
    await provider.close();
  });

  test('its own login page, no selectors, no code pattern: the code redeems there; -v says what was found', async () => {
    const run = await getCode(['--format', 'json', '-v', ...BUDGET], envFor(provider, user));
    expect(run.exitCode, run.stderr).toBe(0);
    for (const line of [`issuer:         ${provider.issuer}`, `authorize:      ${provider.issuer}/auth`, `token:          ${provider.issuer}/token`, `jwks_uri:       ${provider.issuer}/jwks`, 'token auth:     client_secret_basic', 'PKCE (S256):    yes', 'scope:          openid']) {
      expect(run.stderr).toContain(line);
    }
    const output = JSON.parse(run.stdout) as { code: string; code_verifier: string | null };
    expect(output.code).not.toMatch(/^[0-9a-f]{8}-/);
    const redeemed = await redeemAt(provider.issuer, provider, output);
    expect(redeemed.status, JSON.stringify(redeemed.body)).toBe(200);
  });

  test('--exchange verifies its RS256 ID token against its JWKS', async () => {
    const run = await getCode(['--exchange', '--format', 'json', ...BUDGET], envFor(provider, user));
    expect(run.exitCode, run.stderr).toBe(0);
    const tokens = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(tokens['id_token']).toEqual(expect.any(String));
  });
});

test('--help names OAUTH_ISSUER and -v', async () => {
  // Not through getCode(): the help's examples name access_token, which that helper refuses on stdout.
  const run = await runScript('get-code', ['--help']);
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain('OAUTH_ISSUER alone');
  expect(run.stdout).toContain('--verbose, -v');
  expect(run.stdout).toContain('an ID token that does not verify');
});
