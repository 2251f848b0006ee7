// The screens whose script matters, in headless Chromium: script-rendered
// managed screens draw and submit, the classic page's script fills
// cognitoAsfData, late-hydration loses what was typed, blank-first-render
// draws on reload, and every screen after the password can be passed by hand.
import type { Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { DEFAULT_TOTP_SECRET, type MockServer } from '../../mock-server/index.js';
import { authorizeQuery, CALLBACK, expect, mockServers, PASSWORD, test, USERNAME, UUID_V4 } from './helpers.js';

const serve = mockServers();

/** Callback URLs the browser tried to open (nothing listens there; the attempt is what counts). */
const callbacks = new WeakMap<Page, string[]>();

async function open(page: Page, server: MockServer, overrides: Record<string, string> = {}): Promise<void> {
  const seen: string[] = [];
  callbacks.set(page, seen);
  page.on('request', (request) => {
    if (request.url().startsWith(CALLBACK)) seen.push(request.url());
  });
  await page.goto(`${server.url}/oauth2/authorize?${authorizeQuery(overrides)}`);
}

async function callbackCode(page: Page): Promise<string> {
  const seen = callbacks.get(page) ?? [];
  await expect.poll(() => seen.length, { timeout: 10_000, message: 'the browser is sent to the callback' }).toBe(1);
  return new URL(seen[0] ?? CALLBACK).searchParams.get('code') ?? '';
}

function currentCode(): string {
  return new TOTP({ secret: Secret.fromBase32(DEFAULT_TOTP_SECRET), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
}

test('classic: the page\'s script fills cognitoAsfData on submit, the "submit" button signs in', async ({ page }) => {
  const server = await serve({ loginUi: 'classic' });
  await open(page, server);
  const posted = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/login');
  await page.locator('#signInFormUsername:visible').fill(USERNAME);
  await page.locator('#signInFormPassword:visible').fill(PASSWORD);
  await page.getByRole('button', { name: 'submit' }).locator('visible=true').click();
  const asf = new URLSearchParams((await posted).postData() ?? '').get('cognitoAsfData') ?? '';
  expect(Object.keys(JSON.parse(Buffer.from(asf, 'base64').toString('utf8')) as object)).toContain('timestamp');
  expect(await callbackCode(page)).toMatch(UUID_V4);
});

for (const [lang, username, password, next, signIn] of [
  ['ko', '사용자 이름', '비밀번호', '다음', '로그인'],
  ['ja', 'ユーザー名', 'パスワード', '次へ', 'サインイン'],
] as const) {
  test(`managed-two-step in ${lang} draws and signs in`, async ({ page }) => {
    const server = await serve({ loginUi: 'managed-two-step' });
    await open(page, server, { lang });
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await page.getByLabel(username).fill(USERNAME);
    await page.getByRole('button', { name: next }).click();
    await page.getByLabel(password).fill(PASSWORD);
    await page.getByRole('button', { name: signIn }).click();
    expect(await callbackCode(page)).toMatch(UUID_V4);
  });
}

test('managed-two-page: the password step is its own page at /login/password', async ({ page }) => {
  const server = await serve({ loginUi: 'managed-two-page', loginLang: 'ko' });
  await open(page, server);
  await page.getByLabel('사용자 이름').fill(USERNAME);
  await page.getByRole('button', { name: '다음' }).click();
  await page.waitForURL((url) => url.pathname === '/login/password');
  await expect(page.getByText(`다음 계정으로 로그인: ${USERNAME}`)).toBeVisible();
  await page.getByLabel('비밀번호').fill('nope');
  await page.getByRole('button', { name: '로그인' }).click();
  await expect(page.getByRole('alert')).toHaveText('사용자 이름 또는 비밀번호가 잘못되었습니다.');
  await page.getByLabel('비밀번호').fill(PASSWORD);
  await page.getByRole('button', { name: '로그인' }).click();
  expect(await callbackCode(page)).toMatch(UUID_V4);
});

test('conventional: placeholders only, "Log on"', async ({ page }) => {
  const server = await serve({ loginUi: 'conventional' });
  await open(page, server);
  await page.getByPlaceholder('User ID').fill(USERNAME);
  await page.getByPlaceholder('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log on' }).click();
  expect(await callbackCode(page)).toMatch(UUID_V4);
});

for (const loginUi of ['classic', 'managed', 'conventional'] as const) {
  test(`late-hydration (${loginUi}): the early submit does nothing and what was typed is lost`, async ({ page }) => {
    // Long enough that both fields are typed before it, also on a loaded machine.
    const server = await serve({ loginUi, faults: 'late-hydration=4000' });
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await open(page, server);
    await page.locator('input[type=text]:visible').fill(USERNAME);
    const password = page.locator('input[type=password]:visible');
    await password.fill(PASSWORD);
    await password.press('Enter');
    // Re-rendered empty once hydrated; the early submit sent nothing.
    await expect(page.locator('input[type=text]:visible')).toHaveValue('', { timeout: 8_000 });
    await expect(page.locator('input[type=password]:visible')).toHaveValue('');
    expect(posts).toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.locator('input[type=text]:visible').fill(USERNAME);
    await page.locator('input[type=password]:visible').fill(PASSWORD);
    await page.locator('input[type=password]:visible').press('Enter');
    expect(await callbackCode(page)).toMatch(UUID_V4);
  });
}

test('blank-first-render: nothing to fill until a reload', async ({ page }) => {
  const server = await serve({ loginUi: 'managed', faults: 'blank-first-render' });
  await open(page, server);
  await expect(page.locator('#root')).toBeAttached();
  await expect(page.locator('input')).toHaveCount(0);
  await page.reload();
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect(await callbackCode(page)).toMatch(UUID_V4);
});

test('classic TOTP screen: the code field found by its autocomplete token', async ({ page }) => {
  const server = await serve({ loginUi: 'classic', userMfa: 'totp' });
  await open(page, server);
  await page.locator('#signInFormUsername:visible').fill(USERNAME);
  await page.locator('#signInFormPassword:visible').fill(PASSWORD);
  await page.locator('input[name=signInSubmitButton]:visible').click();
  await page.waitForURL((url) => url.pathname === '/mfa');
  await page.locator('input[autocomplete="one-time-code"]').fill(currentCode());
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect(await callbackCode(page)).toMatch(UUID_V4);
  expect(server.stats()).toMatchObject({ oneTimeCodesAccepted: 1, oneTimeCodesRepeated: 0 });
});

test('managed in Korean: method choice, password, TOTP, passkey offer declined', async ({ page }) => {
  const server = await serve({ loginUi: 'managed', loginLang: 'ko', signInChoice: true, userMfa: 'totp', passkeyOffer: true });
  await open(page, server);
  await page.getByLabel('사용자 이름').fill(USERNAME);
  await page.getByRole('button', { name: '다음' }).click();
  await page.getByRole('button', { name: '비밀번호', exact: true }).click();
  await page.getByLabel('비밀번호').fill(PASSWORD);
  await page.getByRole('button', { name: '로그인' }).click();
  await expect(page.getByRole('heading', { name: '다중 인증' })).toBeVisible();
  await page.getByLabel('코드').fill(currentCode());
  await page.getByRole('button', { name: '확인' }).click();
  await expect(page.getByRole('heading', { name: '패스키로 더 빠르게 로그인' })).toBeVisible();
  await page.getByRole('button', { name: '나중에' }).click();
  expect(await callbackCode(page)).toMatch(UUID_V4);
  expect(server.stats()).toMatchObject({ deviceEnrolments: 0, passwordChanges: 0, oneTimeCodesAccepted: 1 });
});

test('managed new-password and setup screens render in the browser', async ({ page }) => {
  const server = await serve({ loginUi: 'managed', loginLang: 'ja', userStatus: 'FORCE_CHANGE_PASSWORD' });
  await open(page, server);
  await page.getByLabel('ユーザー名').fill(USERNAME);
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page.getByRole('heading', { name: '新しいパスワードの設定' })).toBeVisible();
  await expect(page.locator('input[autocomplete="new-password"]')).toHaveCount(2);
  expect(server.stats().passwordChanges).toBe(0);
});

test('managed reset screens in Korean: "Forgot password?", Send code, then the code and new password', async ({ page }) => {
  const server = await serve({ loginUi: 'managed', loginLang: 'ko' });
  await open(page, server);
  await page.getByRole('link', { name: '비밀번호를 잊으셨나요?' }).click();
  await expect(page.getByRole('heading', { name: '비밀번호 재설정' })).toBeVisible();
  await page.getByLabel('사용자 이름').fill(USERNAME);
  await page.getByRole('button', { name: '코드 보내기' }).click();
  await expect(page.getByRole('heading', { name: '코드 입력' })).toBeVisible();
  await expect(page.locator('input[autocomplete="one-time-code"]')).toBeVisible();
  await expect(page.locator('input[autocomplete="new-password"]')).toHaveCount(2);
  await page.getByRole('link', { name: '로그인으로 돌아가기' }).click();
  await expect(page.getByLabel('비밀번호')).toBeVisible();
});

for (const [userMfa, heading] of [
  ['sms', 'Check your text messages'],
  ['email', 'Check your email'],
  ['setup', 'Set up multi-factor authentication'],
] as const) {
  test(`managed ${userMfa} screen renders with a code field`, async ({ page }) => {
    const server = await serve({ loginUi: 'managed', userMfa });
    await open(page, server);
    await page.getByLabel('Username').fill(USERNAME);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    await page.getByLabel('Code').fill('123456');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('alert')).toHaveText('Invalid code received for user');
  });
}

test('managed error page renders in the remembered language', async ({ page }) => {
  const server = await serve({ loginUi: 'managed' });
  await open(page, server, { lang: 'ja' });
  await page.goto(`${server.url}/oauth2/authorize?${authorizeQuery({ client_id: 'nobody' })}`);
  await expect(page.getByRole('alert')).toContainText('問題が発生しました');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
});
