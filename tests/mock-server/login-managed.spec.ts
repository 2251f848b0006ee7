import { jsonForScript } from '../../mock-server/html.js';
import { startMockServer, type MockServer } from '../../mock-server/index.js';
import {
  authorizeQuery,
  codeFrom,
  expect,
  INCORRECT,
  LOCKED,
  locationOf,
  openLogin,
  PASSWORD,
  postLogin,
  setCookies,
  test,
  USERNAME,
  UUID_V4,
} from './helpers.js';

let server: MockServer;

test.beforeAll(async () => {
  server = await startMockServer({ port: 0, loginUi: 'managed', lockoutBaseMs: 60_000 });
});

test.afterAll(async () => {
  await server.close();
});

/** The JSON the page hands its script; the markup itself is built in the browser. */
function loginConfig(html: string): Record<string, unknown> {
  const match = /window\.__LOGIN_CONFIG__ = (\{.*?\});/.exec(html);
  expect(match, 'managed page embeds its config').not.toBeNull();
  return JSON.parse(match?.[1] ?? '{}') as Record<string, unknown>;
}

test('the managed page is an empty #root plus a script, like a React app', async ({ api }) => {
  const query = authorizeQuery();
  const { html, csrf } = await openLogin(api, server, query);
  expect(html).toContain('<div id="root" class="container"></div>');
  expect(html).not.toMatch(/<input(?! type="hidden")/);
  expect(html).not.toContain('signInFormUsername');
  expect(html).toContain('<html lang="en">');
  expect(loginConfig(html)).toMatchObject({
    lang: 'en',
    action: `/login?${query}`,
    links: [{ href: `/forgotPassword?${query}`, text: 'Forgot password?' }],
    csrfToken: csrf,
    error: null,
    hydrationMs: null,
    steps: [
      {
        fields: [
          { name: 'username', label: 'Username', type: 'text', autocomplete: 'username' },
          { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' },
        ],
        buttons: [{ text: 'Sign in' }],
      },
    ],
  });
  // Controlled inputs: state comes from input events, submit sends state.
  expect(html).toContain("node.addEventListener('input', value)");
  expect(html).toContain('body.set(name, state.values[name])');
  expect(html).toContain('window.location.assign(result.redirect)');
  expect(html).toContain("':r' + (nextId++).toString(36) + ':'");
});

test('the embedded config cannot break out of the script', async ({ api }) => {
  const { html } = await openLogin(api, server, authorizeQuery({ state: '</script><script>alert(1)</script>' }));
  expect(html.match(/<\/script>/g)).toHaveLength(1);
  expect(html).toContain('"action":"/login?client_id=local-test-client\\u0026response_type=code');
  // Browsers percent-encode '<' in a query, so check the escaping itself directly.
  expect(jsonForScript({ v: '</script>&\u2028' })).toBe('{"v":"\\u003c/script\\u003e\\u0026\\u2028"}');
});

test('a JSON sign-in answers with the callback for a script navigation', async ({ api }) => {
  const response = await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { json: true });
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  const body = (await response.json()) as { redirect: string };
  const callback = new URL(body.redirect);
  expect(`${callback.origin}${callback.pathname}`).toBe('http://localhost/callback');
  expect(codeFrom(callback)).toMatch(UUID_V4);
  expect(callback.searchParams.get('state')).toBe('state-123');
  expect(setCookies(response).some((c) => c.startsWith('cognito='))).toBe(true);
});

test('a JSON sign-in with a wrong password answers with the error', async ({ api }) => {
  const response = await postLogin(api, server, { username: USERNAME, password: 'nope' }, { json: true });
  expect(response.status()).toBe(400);
  expect(await response.json()).toEqual({ error: INCORRECT });
});

test('empty fields (what a harness that skipped input events sends) are rejected', async ({ api }) => {
  const response = await postLogin(api, server, { username: '', password: '' }, { json: true });
  expect(await response.json()).toEqual({ error: INCORRECT });
});

test('a locked user gets the lockout message as JSON', async ({ api }) => {
  const locking = await startMockServer({ port: 0, loginUi: 'managed', lockoutThreshold: 1, lockoutBaseMs: 60_000 });
  try {
    const first = await postLogin(api, locking, { username: USERNAME, password: 'nope' }, { json: true });
    expect(await first.json()).toEqual({ error: LOCKED });
    const second = await postLogin(api, locking, { username: USERNAME, password: PASSWORD }, { json: true });
    expect(await second.json()).toEqual({ error: LOCKED });
  } finally {
    await locking.close();
  }
});

test('a plain form POST to the managed screen re-renders it with the error', async ({ api }) => {
  const response = await postLogin(api, server, { username: USERNAME, password: 'nope' });
  expect(response.status()).toBe(200);
  expect(loginConfig(await response.text()).error).toBe(INCORRECT);
});

test('CSRF is required for JSON sign-in too: the script is sent to the error page', async ({ api }) => {
  const response = await postLogin(api, server, { username: USERNAME, password: PASSWORD }, { json: true, csrf: null });
  expect(response.status()).toBe(403);
  const { redirect } = (await response.json()) as { redirect: string };
  expect(redirect).toMatch(/^\/error\?error=invalid_request&client_id=/);
});

test('the CSRF token may come in the X-CSRF-Token header', async ({ api }) => {
  const { csrf } = await openLogin(api, server);
  const response = await api.post(`${server.url}/login?${authorizeQuery()}`, {
    form: { username: USERNAME, password: PASSWORD },
    headers: { Accept: 'application/json', 'X-CSRF-Token': csrf },
  });
  expect(response.status()).toBe(200);
  expect(((await response.json()) as { redirect: string }).redirect).toMatch(/^http:\/\/localhost\/callback\?code=/);
});

test('managed-two-step starts with the username and a Next button', async ({ api }) => {
  const twoStep = await startMockServer({ port: 0, loginUi: 'managed-two-step' });
  try {
    const { html } = await openLogin(api, twoStep);
    const steps = loginConfig(html)['steps'] as Array<{ fields: Array<{ name: string }>; buttons: Array<{ text: string }>; echo?: unknown }>;
    expect(steps.map((step) => step.fields.map((f) => f.name))).toEqual([['username'], ['password']]);
    expect(steps.map((step) => step.buttons.map((b) => b.text))).toEqual([['Next'], ['Sign in']]);
    expect(steps[1]?.echo).toEqual({ text: 'Signing in as', field: 'username' });
    const response = await postLogin(api, twoStep, { username: USERNAME, password: PASSWORD }, { json: true });
    expect(((await response.json()) as { redirect: string }).redirect).toMatch(/^http:\/\/localhost\/callback\?code=/);
  } finally {
    await twoStep.close();
  }
});

test('setLoginUi switches the screen of a running server', async ({ api }) => {
  const switching = await startMockServer({ port: 0 });
  try {
    expect((await openLogin(api, switching)).html).toContain('signInFormUsername');
    switching.setLoginUi('managed-two-step');
    expect(loginConfig((await openLogin(api, switching)).html)['steps']).toHaveLength(2);
    switching.setLoginUi('classic');
    expect((await openLogin(api, switching)).html).toContain('signInFormUsername');
    expect(() => switching.setLoginUi('fancy' as never)).toThrow('Unknown login UI "fancy"');
  } finally {
    await switching.close();
  }
});

test('an unknown login UI is refused at start', async () => {
  await expect(startMockServer({ loginUi: 'fancy' as never })).rejects.toThrow(/Unknown login UI "fancy"/);
});

test('the classic response of a managed server is still a redirect on a form POST success', async ({ api }) => {
  const response = await postLogin(api, server, { username: USERNAME, password: PASSWORD });
  expect(response.status()).toBe(302);
  expect(locationOf(response)).toMatch(/^http:\/\/localhost\/callback\?code=/);
});
