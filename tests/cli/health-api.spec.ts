/**
 * The API probe: after the token exchange, GET /v1.0/me on the user API with the fresh access token
 * (RayTeams "4.1 User"). The embedded server answers it for its own tokens; MOCK_FAULTS me-401 and
 * me-500 break it.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestInfo } from '@playwright/test';
import { test, expect } from '../../fixtures/index.js';
import { loadConfig, rayteamsApiBaseUrl, type HarnessConfig } from '../../lib/config/config.js';
import { probeUserApi } from '../../lib/health/api-probe.js';
import { runHealthCheck } from '../../lib/health/run.js';
import { startMockServer } from '../../mock-server/index.js';
import { EMPTY_ENV_FILE } from './run-cli.js';

test.use({ trace: 'off', screenshot: 'off' });

function configFor(testInfo: TestInfo, env: Record<string, string> = {}): HarnessConfig {
  const dir = mkdtempSync(join(tmpdir(), `health-api-${testInfo.workerIndex}-`));
  return loadConfig({ env: { HEALTH_STATE_FILE: join(dir, 'state.json'), ...env }, envFile: EMPTY_ENV_FILE });
}

test.describe('health check API probe (GET /v1.0/me)', () => {
  test('passes against the embedded server: its own phase, api_check passed', async ({ browser }, testInfo) => {
    const { result, exitCode } = await runHealthCheck(configFor(testInfo, { HEALTH_API_CHECK: '1' }), { browser, artifactsDir: null, timeoutMs: 20_000 });
    expect(result.status, result.message).toBe('healthy');
    expect(exitCode).toBe(0);
    expect(result.apiCheck).toBe('passed');
    expect(result.phases.apiMs).toBeGreaterThanOrEqual(0);
    expect(result.phases.totalMs).toBeGreaterThanOrEqual((result.phases.tokenExchangeMs ?? 0) + (result.phases.apiMs ?? 0));
  });

  for (const fault of ['me-401', 'me-500']) {
    test(`fails with api_error, exit 4, when /v1.0/me answers ${fault.slice(3)} (MOCK_FAULTS=${fault})`, async ({ browser }, testInfo) => {
      const config = configFor(testInfo, { HEALTH_API_CHECK: 'true', MOCK_FAULTS: fault, HEALTH_RETRIES: '2' });
      const { result, exitCode } = await runHealthCheck(config, { browser, artifactsDir: null, timeoutMs: 20_000 });
      expect(result.status).toBe('failed');
      expect(result.reason, result.message).toBe('api_error');
      expect(exitCode).toBe(4);
      expect(result.attempts).toBe(1); // not a transient failure: no retry
      expect(result.apiCheck).toBe('failed');
      expect(result.message).toContain(`user API answered HTTP ${fault.slice(3)}`);
      // The login itself worked, and says so.
      expect(result.phases.tokenExchangeMs).toBeGreaterThan(0);
    });
  }

  test('is skipped, not failed, when not enabled (even where /v1.0/me would fail)', async ({ browser }, testInfo) => {
    const { result, exitCode } = await runHealthCheck(configFor(testInfo, { MOCK_FAULTS: 'me-500' }), { browser, artifactsDir: null, timeoutMs: 20_000 });
    expect(result.status, result.message).toBe('healthy');
    expect(exitCode).toBe(0);
    expect(result.apiCheck).toBe('skipped');
    expect(result.phases.apiMs).toBeUndefined();
  });
});

test.describe('the user API base URL', () => {
  test('is derived from region and stage, from a RayTeams OAUTH_BASE_URL, or given by RAYTEAMS_API_URL', ({}, testInfo) => {
    const remote = { OAUTH_CLIENT_ID: 'c', OAUTH_CLIENT_SECRET: 's', OAUTH_REDIRECT_URI: 'https://app.example.com/cb', TEST_USERNAME: 'u@example.com', TEST_PASSWORD: 'p', HEALTH_API_CHECK: '1' };
    expect(rayteamsApiBaseUrl('ap-northeast-2', 'development')).toBe('https://api-ap-northeast-2-user-development.rayteams.com/v1.0/');
    expect(rayteamsApiBaseUrl('eu-west-1', 'production')).toBe('https://api-eu-west-1-user.rayteams.com/v1.0/');
    expect(configFor(testInfo, { ...remote, RAYTEAMS_REGION: 'sa-east-1', RAYTEAMS_STAGE: 'development' }).health.api).toEqual({ enabled: true, baseUrl: 'https://api-sa-east-1-user-development.rayteams.com/v1.0/' });
    expect(configFor(testInfo, { ...remote, OAUTH_BASE_URL: 'https://oauth-ca-central-1-staging.rayteams.com' }).health.api.baseUrl).toBe('https://api-ca-central-1-user-staging.rayteams.com/v1.0/');
    expect(configFor(testInfo, { ...remote, OAUTH_BASE_URL: 'https://login.example.com', RAYTEAMS_API_URL: 'https://api.example.com/v1.0' }).health.api.baseUrl).toBe('https://api.example.com/v1.0/');
    expect(() => configFor(testInfo, { ...remote, OAUTH_BASE_URL: 'https://login.example.com' })).toThrow('RAYTEAMS_API_URL: missing');
    expect(() => configFor(testInfo, { ...remote, OAUTH_CLIENT_SECRET: '', RAYTEAMS_REGION: 'sa-east-1', RAYTEAMS_STAGE: 'development' })).toThrow('HEALTH_API_CHECK: the API probe needs an access token');
  });
});

test.describe('probeUserApi against a stand-in API', () => {
  let server: Server;
  let baseUrl: string;
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  let seen: IncomingHttpHeaders | undefined;

  test.beforeAll(async () => {
    server = createServer((request, response) => {
      seen = request.headers;
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1.0/`;
  });

  test.afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const probe = (username = 'Tester@Example.com') => probeUserApi({ apiBaseUrl: baseUrl, accessToken: 'eyJ.fake.token', clientId: 'client-1', username, timeoutMs: 5_000 });

  test('sends the documented headers and accepts the same e-mail in any case', async () => {
    answer = { status: 200, body: { status: 'success', data: { email: 'tester@example.com' } } };
    await probe();
    expect(seen?.authorization).toBe('Bearer eyJ.fake.token');
    expect(seen?.['x-rayteams-client-id']).toBe('client-1');
  });

  test('refuses another account, a missing e-mail, a non-success status, and says so without the token', async () => {
    answer = { status: 200, body: { status: 'success', data: { email: 'someone@else.com' } } };
    await expect(probe()).rejects.toMatchObject({ reason: 'api_error', message: expect.stringContaining('another account') });
    answer = { status: 200, body: { status: 'success', data: {} } };
    await expect(probe()).rejects.toMatchObject({ reason: 'api_error', message: expect.stringContaining("without the account's e-mail") });
    answer = { status: 200, body: { errorCode: 'NO_ITEM' } };
    await expect(probe()).rejects.toMatchObject({ reason: 'api_error', message: expect.stringContaining('(NO_ITEM)') });
    answer = { status: 403, body: { message: 'Forbidden' } };
    const error = await probe().then(
      () => new Error('resolved'),
      (caught: unknown) => caught as Error,
    );
    expect(error.message).toContain('HTTP 403 "Forbidden"');
    expect(error.message).not.toContain('eyJ.fake.token');
  });

  test('a username that is not an e-mail is not compared', async () => {
    answer = { status: 200, body: { status: 'success', data: { email: 'someone@else.com' } } };
    await expect(probe('tester')).resolves.toBeUndefined();
  });
});

test.describe('the mock /v1.0/me', () => {
  test('accepts only its own access token for the client that got it', async () => {
    const server = await startMockServer({ port: 0 });
    try {
      const me = (headers: Record<string, string>) => fetch(`${server.url}/v1.0/me`, { headers });
      expect((await me({})).status).toBe(401);
      expect((await me({ authorization: 'Bearer not-a-jwt', 'x-rayteams-client-id': 'local-test-client' })).status).toBe(401);
      // A token from another server (another signing key) is refused too.
      const other = await startMockServer({ port: 0 });
      try {
        const tokens = await tokensFrom(other.url);
        expect((await me({ authorization: `Bearer ${tokens.access_token}`, 'x-rayteams-client-id': 'local-test-client' })).status).toBe(401);
      } finally {
        await other.close();
      }
      const tokens = await tokensFrom(server.url);
      expect((await me({ authorization: `Bearer ${tokens.id_token}`, 'x-rayteams-client-id': 'local-test-client' })).status).toBe(401);
      expect((await me({ authorization: `Bearer ${tokens.access_token}`, 'x-rayteams-client-id': 'other-client' })).status).toBe(401);
      const ok = await me({ authorization: `Bearer ${tokens.access_token}`, 'x-rayteams-client-id': 'local-test-client' });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ status: 'success', data: { email: 'tester@example.com', sk: 'info', valid: true } });
    } finally {
      await server.close();
    }
  });
});

/** Signs in over plain HTTP (the classic form needs no script) and redeems the code: tokens without a browser. */
async function tokensFrom(origin: string): Promise<{ access_token: string; id_token: string }> {
  const authorize = new URL('/oauth2/authorize', origin);
  authorize.search = new URLSearchParams({ client_id: 'local-test-client', response_type: 'code', redirect_uri: 'http://localhost/callback', state: 's1' }).toString();
  const toLogin = await fetch(authorize, { redirect: 'manual' });
  const loginUrl = new URL(toLogin.headers.get('location') ?? '', origin);
  const page = await fetch(loginUrl);
  const html = await page.text();
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const signIn = await fetch(loginUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    // cognitoAsfData: what the classic page's script adds on submit; advanced security refuses a sign-in without it.
    body: new URLSearchParams({ _csrf: csrf, username: 'tester@example.com', password: 'Local-Pa55word!', cognitoAsfData: 'plain-http-client', signInSubmitButton: 'Sign in' }),
  });
  const code = new URL(signIn.headers.get('location') ?? 'http://x/').searchParams.get('code') ?? '';
  const token = await fetch(new URL('/oauth2/token', origin), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('local-test-client:local-test-secret').toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'local-test-client', code, redirect_uri: 'http://localhost/callback' }),
  });
  return (await token.json()) as { access_token: string; id_token: string };
}
