import { startMockServer, type MockServer } from '../../mock-server/index.js';
import { authorizeQuery, csrfFrom, expect, locationOf, signIn, test, USERNAME } from './helpers.js';

let server: MockServer;

test.beforeAll(async () => {
  server = await startMockServer({ port: 0 });
});

test.afterAll(async () => {
  await server.close();
});

const query = authorizeQuery({ state: 'reset me' });

test('the forgot-password screen asks for the username', async ({ api }) => {
  const response = await api.get(`${server.url}/forgotPassword?${query}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain('<title>Forgot your password?</title>');
  expect(html).toContain('<h1>Forgot your password?</h1>');
  expect(html).toContain('Enter your Username below and we will send a message to reset your password');
  expect(html).toMatch(/<label for="username">Username<\/label>\s*<input id="username" name="username" type="text"/);
  expect(html).toMatch(/<button name="reset_my_password" type="submit"[^>]*>Reset my password<\/button>/);
  expect(html).toContain(`action="/forgotPassword?${query.replace(/&/g, '&amp;')}"`);
});

test('the login screen links to it with the same query', async ({ api }) => {
  const html = await (await api.get(`${server.url}/login?${query}`)).text();
  expect(html).toContain(`href="/forgotPassword?${query.replace(/&/g, '&amp;')}">Forgot your password?</a>`);
});

test('the whole reset journey ends on the login screen with the original query', async ({ api }) => {
  const csrf = csrfFrom(await (await api.get(`${server.url}/forgotPassword?${query}`)).text());
  const requested = await api.post(`${server.url}/forgotPassword?${query}`, { form: { username: USERNAME, _csrf: csrf } });
  expect(requested.status()).toBe(302);
  const confirmPath = locationOf(requested);
  expect(confirmPath).toBe(`/confirmForgotPassword?${query}&username=${encodeURIComponent(USERNAME)}`);

  const confirm = await api.get(`${server.url}${confirmPath}`);
  expect(confirm.status()).toBe(200);
  const html = await confirm.text();
  expect(html).toContain('t***@e***');
  expect(html).not.toContain(`by email to ${USERNAME}`);
  expect(html).toMatch(/<label for="forgot_password_code">Code<\/label>/);
  expect(html).toMatch(/<label for="new_password">New Password<\/label>\s*<input id="new_password" name="password" type="password"/);
  expect(html).toMatch(/<button[^>]*>Change Password<\/button>/);

  const badCode = await api.post(`${server.url}${confirmPath}`, { form: { code: '12345', password: 'New-Pa55word!', _csrf: csrfFrom(html) } });
  expect(badCode.status()).toBe(200);
  expect(await badCode.text()).toContain('Invalid verification code provided, please try again.');

  const done = await api.post(`${server.url}${confirmPath}`, { form: { code: '123456', password: 'New-Pa55word!', _csrf: csrfFrom(html) } });
  expect(done.status()).toBe(302);
  expect(locationOf(done)).toBe(`/login?${query}`);

  // Nothing really changed: the configured password still signs in.
  expect((await signIn(api, server, query)).searchParams.get('state')).toBe('reset me');
});

test('the reset screens refuse a POST without CSRF token', async ({ api }) => {
  const response = await api.post(`${server.url}/forgotPassword?${query}`, { form: { username: USERNAME } });
  expect(response.status()).toBe(403);
  const confirm = await api.post(`${server.url}/confirmForgotPassword?${query}&username=x`, { form: { code: '123456', password: 'p' } });
  expect(confirm.status()).toBe(403);
});

test('the reset screens validate client and redirect_uri', async ({ api }) => {
  const bad = authorizeQuery({ client_id: 'nobody' });
  for (const path of ['/forgotPassword', '/confirmForgotPassword']) {
    const response = await api.get(`${server.url}${path}?${bad}&username=x`);
    expect(locationOf(response), path).toBe('/error?error=redirect_mismatch&client_id=nobody');
  }
});

test('an empty username stays on the forgot-password screen', async ({ api }) => {
  const csrf = csrfFrom(await (await api.get(`${server.url}/forgotPassword?${query}`)).text());
  const response = await api.post(`${server.url}/forgotPassword?${query}`, { form: { username: '', _csrf: csrf } });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('Username cannot be empty');
});
