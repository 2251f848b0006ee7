// The Cloudscape managed-login view at the protocol level: the page the server sends (pre-rendered
// first step, bundle from this origin, a strict CSP, words per language) and the JSON answers its
// script reads, which apply the same rules as the form routes (lockout, TOTP reuse, challenges).
import { Secret, TOTP } from 'otpauth';
import { DEFAULT_TOTP_SECRET, type MockServer, type MockServerOptions } from '../../mock-server/index.js';
import { openCloudscapeLogin, postStep, withCloudscapeBundle } from './cloudscape-helpers.js';
import { authorizeQuery, CALLBACK, expect, INCORRECT, LOCKED, mockServers, PASSWORD, test, USERNAME, UUID_V4 } from './helpers.js';

withCloudscapeBundle();
const serve = mockServers();
const CLOUDSCAPE: MockServerOptions = { loginUi: 'managed-cloudscape' };

function currentCode(): string {
  return new TOTP({ secret: Secret.fromBase32(DEFAULT_TOTP_SECRET), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
}

/** Username, then password, as the page posts them; returns the password step's answer. */
async function signInSteps(api: Parameters<typeof postStep>[0], server: MockServer, password = PASSWORD) {
  const { config } = await openCloudscapeLogin(api, server);
  const first = await postStep(api, server, config.action, config.csrfToken, { username: USERNAME });
  expect(first.answer).toMatchObject({ challenge: 'password', username: USERNAME });
  return { config, ...(await postStep(api, server, first.answer.redirect ?? '', config.csrfToken, { password })) };
}

test('the first step is in the page: a username field with a generated formField id, no password field, the bundle from this origin', async ({ api }) => {
  const server = await serve(CLOUDSCAPE);
  const { html, markup, config } = await openCloudscapeLogin(api, server);

  expect(markup).toMatch(/<input [^>]*name="username"[^>]*id="formField:R[A-Za-z0-9]+:"/);
  expect(markup).toMatch(/<label [^>]*for="formField:R[A-Za-z0-9]+:"[^>]*>Username<\/label>/);
  expect(markup).toMatch(/<button [^>]*type="submit"[^>]*><span[^>]*>Next<\/span><\/button>/);
  expect(markup).not.toContain('type="password"');
  expect(markup).not.toMatch(/\{\{\w+\}\}/);
  expect(markup).toContain(`href="/forgotPassword?${authorizeQuery().replace(/&/g, '&amp;')}"`);
  expect(config).toMatchObject({ step: 'identifier', hydrate: true, lateHydrationMs: null, lang: 'en' });
  expect(html).toMatch(/<script src="\/static\/cloudscape\/login\.js\?v=[0-9a-f]+" defer><\/script>/);
  // Every script element loads from this origin or is a JSON data block: nothing inline runs.
  for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/ src="\/static\/|type="application\/json"/);
});

test('the page is sent with a CSP that allows scripts from this origin only, and the bundle is served under it', async ({ api }) => {
  const server = await serve(CLOUDSCAPE);
  const { response, html } = await openCloudscapeLogin(api, server);
  const directives = (response.headers()['content-security-policy'] ?? '').split(';').map((directive) => directive.trim());
  expect(directives).toContain("script-src 'self'");
  expect(directives).toContain("default-src 'none'");

  for (const [path, type] of [...html.matchAll(/(?:src|href)="(\/static\/cloudscape\/login\.(js|css)\?v=[0-9a-f]+)"/g)].map((m) => [m[1] ?? '', m[2] ?? ''])) {
    const asset = await api.get(`${server.url}${path}`);
    expect(asset.status()).toBe(200);
    expect(asset.headers()['content-type']).toContain(type === 'js' ? 'javascript' : 'text/css');
    expect((await asset.body()).length).toBeGreaterThan(10_000);
  }
});

test('managed-cloudscape-one-step: username and password on the pre-rendered first step, "Sign in"', async ({ api }) => {
  const server = await serve({ loginUi: 'managed-cloudscape-one-step' });
  const { markup, config } = await openCloudscapeLogin(api, server);
  expect(config.step).toBe('sign-in');
  expect(markup).toMatch(/<input [^>]*name="password"[^>]*type="password"/);
  expect(markup).toMatch(/>Sign in<\/span><\/button>/);

  const { answer } = await postStep(api, server, config.action, config.csrfToken, { username: USERNAME, password: PASSWORD });
  expect(new URL(answer.redirect ?? '').searchParams.get('code')).toMatch(UUID_V4);
});

for (const [lang, username, next] of [
  ['en', 'Username', 'Next'],
  ['ko', '사용자 이름', '다음'],
  ['ja', 'ユーザー名', '次へ'],
  ['de', 'Benutzername', 'Weiter'],
  ['zh-TW', '使用者名稱', '下一步'],
  ['pt-BR', 'Nome de usuário', 'Próximo'],
] as const) {
  test(`lang=${lang}: the pre-rendered step and the page's words are in ${lang}`, async ({ api }) => {
    const server = await serve(CLOUDSCAPE);
    const { html, markup, config } = await openCloudscapeLogin(api, server, authorizeQuery({ lang }));
    expect(html).toContain(`<html lang="${lang}">`);
    expect(markup).toContain(`>${username}</label>`);
    expect(markup).toContain(`>${next}</span></button>`);
    expect(config.lang).toBe(lang);
    expect(config.texts.username).toBe(username);
  });
}

test('Next answers with the password step to draw, its path and the username; the password step answers with the callback', async ({ api }) => {
  const server = await serve(CLOUDSCAPE);
  const { answer } = await signInSteps(api, server);
  const callback = new URL(answer.redirect ?? '');
  expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
  expect(callback.searchParams.get('code')).toMatch(UUID_V4);
  expect(answer.challenge).toBeUndefined();
});

test('a wrong password is a 400 with the sentence to show, counts toward the lockout, and the threshold locks the user (the right password too)', async ({ api }) => {
  const server = await serve({ ...CLOUDSCAPE, lockoutThreshold: 3, lockoutBaseMs: 60_000 });
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const { response, answer } = await signInSteps(api, server, `wrong-${attempt}`);
    expect(response.status()).toBe(400);
    expect(answer).toEqual({ error: INCORRECT });
  }
  expect((await signInSteps(api, server, 'wrong-3')).answer).toEqual({ error: LOCKED });
  expect((await signInSteps(api, server, PASSWORD)).answer).toEqual({ error: LOCKED });
});

test('TOTP: the code step is named in the answer, a right code ends at the callback, the same code again is refused as reused', async ({ api }) => {
  const server = await serve({ ...CLOUDSCAPE, userMfa: 'totp' });
  const first = await signInSteps(api, server);
  expect(first.answer).toMatchObject({ challenge: 'totp', redirect: expect.stringMatching(/^\/mfa\?/) as unknown as string });
  const code = currentCode();
  const accepted = await postStep(api, server, first.answer.redirect ?? '', first.config.csrfToken, { code });
  expect(new URL(accepted.answer.redirect ?? '').searchParams.get('code')).toMatch(UUID_V4);

  const again = await signInSteps(api, server);
  const reused = await postStep(api, server, again.answer.redirect ?? '', again.config.csrfToken, { code });
  expect(reused.answer).toEqual({ error: 'Your software token has already been used once.' });
  expect(server.stats().oneTimeCodesRefusedAsReused).toBe(1);
});

test('the screens after the password are named with what they show: MFA setup with its key, a forced new password, the passkey offer', async ({ api }) => {
  const setup = await serve({ ...CLOUDSCAPE, userMfa: 'setup' });
  expect((await signInSteps(api, setup)).answer).toMatchObject({ challenge: 'mfa-setup', setupKey: expect.stringMatching(/^[A-Z2-7]{32}$/) as unknown as string });

  const forced = await serve({ ...CLOUDSCAPE, userStatus: 'FORCE_CHANGE_PASSWORD' });
  expect((await signInSteps(api, forced)).answer).toMatchObject({ challenge: 'new-password', redirect: expect.stringMatching(/^\/forceChangePassword\?/) as unknown as string });

  const offer = await serve({ ...CLOUDSCAPE, passkeyOffer: true });
  const offered = await signInSteps(api, offer);
  expect(offered.answer).toMatchObject({ challenge: 'passkey-offer' });
  const skipped = await postStep(api, offer, offered.answer.redirect ?? '', offered.config.csrfToken, { action: 'skip' });
  expect(new URL(skipped.answer.redirect ?? '').searchParams.get('code')).toMatch(UUID_V4);
  expect(offer.stats().deviceEnrolments).toBe(0);
});

test('choice-based sign-in: Next leads to the method choice; PASSWORD to the password step; an e-mail code names where it went', async ({ api }) => {
  const server = await serve({ ...CLOUDSCAPE, signInChoice: true });
  const { config } = await openCloudscapeLogin(api, server);
  const choice = await postStep(api, server, config.action, config.csrfToken, { username: USERNAME });
  expect(choice.answer).toMatchObject({ challenge: 'choice', redirect: expect.stringMatching(/^\/login\/options\?/) as unknown as string });
  const password = await postStep(api, server, choice.answer.redirect ?? '', config.csrfToken, { action: 'PASSWORD' });
  expect(password.answer).toMatchObject({ challenge: 'password', username: USERNAME });

  const again = await openCloudscapeLogin(api, server);
  const choiceAgain = await postStep(api, server, again.config.action, again.config.csrfToken, { username: USERNAME });
  const email = await postStep(api, server, choiceAgain.answer.redirect ?? '', again.config.csrfToken, { action: 'EMAIL_OTP' });
  expect(email.answer).toMatchObject({ challenge: 'email', destination: 't***@e***' });
});

test('a challenge screen opened by its URL is drawn by the bundle from the page configuration, not pre-rendered', async ({ api }) => {
  const server = await serve({ ...CLOUDSCAPE, userMfa: 'totp' });
  const { answer } = await signInSteps(api, server);
  const response = await api.get(`${server.url}${answer.redirect ?? ''}`);
  expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
  const html = await response.text();
  expect(html).not.toContain('<input');
  expect(html).toContain('"step":"totp"');
  expect(html).toContain('"hydrate":false');
});

test('faults reach the page: password-kept, error-as-field, forgot-on-step2, late-hydration and selector-drift', async ({ api }) => {
  const server = await serve({ ...CLOUDSCAPE, faults: 'password-kept,error-as-field,forgot-on-step2,late-hydration=900,selector-drift' });
  const { markup, config } = await openCloudscapeLogin(api, server);
  expect(config.behaviour).toEqual({ passwordKept: true, errorAsField: true, forgotOnStep2: true, selectorDrift: true });
  expect(config.lateHydrationMs).toBe(900);
  expect(markup).not.toContain('Forgot password?');
  expect(markup).not.toContain('name="username"');
  expect(markup).toMatch(/<input [^>]*name="login_identifier"/);

  server.setFaults('');
  const plain = await openCloudscapeLogin(api, server);
  expect(plain.config.behaviour).toEqual({ passwordKept: false, errorAsField: false, forgotOnStep2: false, selectorDrift: false });
  expect(plain.markup).toContain('Forgot password?');
});

test('login-500: the step POST fails with an HTML 500 the page cannot read', async ({ api }) => {
  const server = await serve({ ...CLOUDSCAPE, faults: 'login-500' });
  const { config } = await openCloudscapeLogin(api, server);
  const { response } = await postStep(api, server, config.action, config.csrfToken, { username: USERNAME });
  expect(response.status()).toBe(500);
  expect(response.headers()['content-type']).toContain('text/html');
});

test('a POST without the CSRF token (the inert form submitted natively) goes to the error page', async ({ api }) => {
  const server = await serve(CLOUDSCAPE);
  await openCloudscapeLogin(api, server);
  const response = await api.post(`${server.url}/login?${authorizeQuery()}`, { form: { username: USERNAME } });
  expect(response.status()).toBe(302);
  expect(response.headers()['location']).toMatch(/^\/error\?error=invalid_request/);
});
