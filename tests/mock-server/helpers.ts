// Shared plumbing for the protocol specs: an API client that never follows
// redirects, and the few steps (open the login screen, sign in, redeem a code)
// most specs repeat. Deliberately independent of lib/: these tests check the mock
// server on its own terms.
import { createHash, randomBytes } from 'node:crypto';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { test as base, expect } from '../../fixtures/index.js';
import { DEFAULT_CLIENT, DEFAULT_USER, startMockServer, type MockServer, type MockServerOptions } from '../../mock-server/index.js';
import type { ManagedScreenConfig } from '../../mock-server/views/managed-screen.js';

export { expect };

/** A fresh cookie jar per test, and redirects are answers to inspect, not to follow. */
export const test = base.extend<{ api: APIRequestContext }>({
  api: async ({ playwright }, use) => {
    const api = await playwright.request.newContext({ maxRedirects: 0 });
    await use(api);
    await api.dispose();
  },
});

/** For one spec file: starts mock servers on free ports and closes them after its tests. */
export function mockServers(): (options?: MockServerOptions) => Promise<MockServer> {
  const servers: MockServer[] = [];

  test.afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  return async (options = {}) => {
    const server = await startMockServer({ port: 0, ...options });
    servers.push(server);
    return server;
  };
}

export const CLIENT_ID = DEFAULT_CLIENT.clientId;
export const CLIENT_SECRET = DEFAULT_CLIENT.clientSecret ?? '';
export const CALLBACK = 'http://localhost/callback';
export const CALLBACK_ALT = 'http://localhost/callback-alt';
export const USERNAME = DEFAULT_USER.username;
export const PASSWORD = DEFAULT_USER.password;

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const INCORRECT = 'Incorrect username or password.';
export const LOCKED = 'Password attempts exceeded';

/** An authorize query; `undefined` drops a parameter. Encoded like a browser form would. */
export function authorizeQuery(overrides: Record<string, string | undefined> = {}): string {
  const params: Record<string, string | undefined> = {
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: CALLBACK,
    state: 'state-123',
    ...overrides,
  };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, value);
  return query.toString();
}

export function locationOf(response: APIResponse): string {
  const location = response.headers()['location'];
  expect(location, `expected a Location header on ${response.status()} ${response.url()}`).toBeDefined();
  return location ?? '';
}

export function setCookies(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value);
}

/** The classic screens carry it in a hidden field, the managed ones in the script config. */
export function csrfFrom(html: string): string {
  const match =
    /name="_csrf" value="([^"]+)"/.exec(html) ??
    /"csrfToken":"([^"]+)"/.exec(html) ??
    /value="([^"]+)" name="authenticity_token"/.exec(html);
  expect(match, 'screen carries a CSRF token').not.toBeNull();
  return match?.[1] ?? '';
}

/** What the classic page's advanced-security script would have put in cognitoAsfData. */
export const ASF_DATA = Buffer.from(JSON.stringify({ timestamp: 0, userAgent: 'protocol-test' })).toString('base64');

export async function openLogin(api: APIRequestContext, server: MockServer, query = authorizeQuery()) {
  const response = await api.get(`${server.url}/login?${query}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  return { response, html, csrf: csrfFrom(html) };
}

export async function postLogin(
  api: APIRequestContext,
  server: MockServer,
  fields: Record<string, string>,
  options: { query?: string; json?: boolean; csrf?: string | null; asf?: string | null } = {},
): Promise<APIResponse> {
  const query = options.query ?? authorizeQuery();
  // The classic page's script fills cognitoAsfData on submit; a protocol test plays that part.
  const form: Record<string, string> = options.asf === null ? { ...fields } : { cognitoAsfData: options.asf ?? ASF_DATA, ...fields };
  if (options.csrf === undefined) form['_csrf'] = (await openLogin(api, server, query)).csrf;
  else if (options.csrf !== null) form['_csrf'] = options.csrf;
  return api.post(`${server.url}/login?${query}`, {
    form,
    headers: options.json ? { Accept: 'application/json' } : {},
  });
}

/** Signs in on the classic screen and returns the callback URL the server redirected to. */
export async function signIn(api: APIRequestContext, server: MockServer, query = authorizeQuery()): Promise<URL> {
  const response = await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { query });
  expect(response.status()).toBe(302);
  return new URL(locationOf(response));
}

export function codeFrom(callback: URL): string {
  const code = callback.searchParams.get('code');
  expect(code, `callback ${callback.href} carries a code`).not.toBeNull();
  return code ?? '';
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function basicAuth(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
}

export async function redeem(
  api: APIRequestContext,
  server: MockServer,
  form: Record<string, string>,
  authorization: string | null = basicAuth(CLIENT_ID, CLIENT_SECRET),
): Promise<APIResponse> {
  return api.post(`${server.url}/oauth2/token`, {
    form: { grant_type: 'authorization_code', redirect_uri: CALLBACK, ...form },
    headers: authorization === null ? {} : { Authorization: authorization },
  });
}

/** The JSON a managed screen hands its script (the markup itself is built in the browser): the view's own type. */
export type ManagedScreenJson = ManagedScreenConfig;

export function managedScreen(html: string): ManagedScreenJson {
  const match = /window\.__LOGIN_CONFIG__ = (\{.*?\});\n/.exec(html);
  expect(match, 'managed page embeds its config').not.toBeNull();
  return JSON.parse(match?.[1] ?? '{}') as ManagedScreenJson;
}

/** A path on the mock (Location headers and JSON redirects are relative there). */
export function pathOf(location: string): string {
  return new URL(location, 'http://mock').pathname;
}
