// The Cloudscape managed-login view in headless Chromium, driven by role and label as a person
// would: the server's first step is hydrated, later steps appear without a page load, refusals show
// where the faults put them, every screen after the password renders, and the page works under its
// CSP. The harness's journey is not used here: these tests check the view, not the harness.
import type { ConsoleMessage, Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { DEFAULT_TOTP_SECRET, type MockServer, type MockServerOptions } from '../../mock-server/index.js';
import { withCloudscapeBundle } from './cloudscape-helpers.js';
import { authorizeQuery, CALLBACK, expect, INCORRECT, mockServers, PASSWORD, test, USERNAME, UUID_V4 } from './helpers.js';

withCloudscapeBundle();
const serve = mockServers();

// A megabyte of script and styles per page load, on shared two-core runners: three times the budget.
test.beforeEach(() => test.slow());

const CLOUDSCAPE: MockServerOptions = { loginUi: 'managed-cloudscape' };

interface Visit {
  /** Callback URLs the browser tried to open (nothing listens there; the attempt is what counts). */
  callbacks: string[];
  /** Documents loaded in the main frame: a client-drawn step adds none. */
  documents: string[];
  /** Console errors, CSP violations among them. */
  errors: string[];
  /** The first document's HTML as the server sent it. */
  served: string;
}

async function open(page: Page, server: MockServer, overrides: Record<string, string> = {}): Promise<Visit> {
  const visit: Visit = { callbacks: [], documents: [], errors: [], served: '' };
  page.on('request', (request) => {
    if (request.url().startsWith(CALLBACK)) visit.callbacks.push(request.url());
    else if (request.isNavigationRequest() && request.frame() === page.mainFrame()) visit.documents.push(new URL(request.url()).pathname);
  });
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && !message.text().includes('favicon')) visit.errors.push(message.text());
  });
  const response = await page.goto(`${server.url}/oauth2/authorize?${authorizeQuery(overrides)}`);
  visit.served = (await response?.text()) ?? '';
  return visit;
}

async function hydrated(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

async function callbackCode(visit: Visit): Promise<string> {
  // Chromium may request an unreachable callback more than once for one navigation; two different
  // URLs (two codes) would be two sign-ins.
  await expect.poll(() => new Set(visit.callbacks).size, { message: 'the browser is sent to one callback' }).toBe(1);
  return new URL(visit.callbacks[0] ?? CALLBACK).searchParams.get('code') ?? '';
}

async function toPasswordStep(page: Page, server: MockServer): Promise<Visit> {
  const visit = await open(page, server);
  await hydrated(page);
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Password')).toBeVisible();
  return visit;
}

async function signInWith(page: Page, server: MockServer, password = PASSWORD): Promise<Visit> {
  const visit = await toPasswordStep(page, server);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return visit;
}

function currentCode(): string {
  return new TOTP({ secret: Secret.fromBase32(DEFAULT_TOTP_SECRET), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
}

test('the server-rendered username step is hydrated in place: same generated id, no mismatch, no CSP violation', async ({ page }) => {
  const server = await serve(CLOUDSCAPE);
  const visit = await open(page, server);
  const servedId = /<input [^>]*name="username" id="(formField:R[^"]+)"/.exec(visit.served)?.[1];
  expect(servedId).toMatch(/^formField:R[A-Za-z0-9]+:$/);

  await hydrated(page);
  await expect(page.getByLabel('Username')).toHaveAttribute('id', servedId ?? '');
  await expect(page.getByLabel('Username')).toHaveAttribute('autocomplete', 'username');
  expect(visit.errors).toEqual([]);
});

test('"Next" draws the password step without a page load (a client-side formField id), "Sign in" opens the callback with a code', async ({ page }) => {
  const server = await serve(CLOUDSCAPE);
  const visit = await toPasswordStep(page, server);
  await expect(page.getByLabel('Password')).toHaveAttribute('id', /^formField:r[a-z0-9]+:$/);
  await expect(page.getByText(`Signing in as ${USERNAME}`)).toBeVisible();
  expect(visit.documents).toEqual(['/oauth2/authorize', '/login']);

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect(await callbackCode(visit)).toMatch(UUID_V4);
  expect(visit.errors).toEqual([]);
});

test('managed-cloudscape-one-step: username and password on the hydrated first step', async ({ page }) => {
  const server = await serve({ loginUi: 'managed-cloudscape-one-step' });
  const visit = await open(page, server);
  await hydrated(page);
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect(await callbackCode(visit)).toMatch(UUID_V4);
});

test('a wrong password: the form\'s error alert says so and the password field is cleared', async ({ page }) => {
  const server = await serve(CLOUDSCAPE);
  await signInWith(page, server, 'not-the-password');
  await expect(page.getByText(INCORRECT, { exact: true })).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByLabel('Password')).not.toHaveAttribute('aria-invalid', 'true');
});

test('password-kept: after a refusal the field keeps what was typed', async ({ page }) => {
  const server = await serve({ ...CLOUDSCAPE, faults: 'password-kept' });
  await signInWith(page, server, 'not-the-password');
  await expect(page.getByText(INCORRECT, { exact: true })).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveValue('not-the-password');
});

test('error-as-field: the refusal is the password field\'s error (aria-invalid, its description), not the form\'s', async ({ page }) => {
  const server = await serve({ ...CLOUDSCAPE, faults: 'error-as-field' });
  await signInWith(page, server, 'not-the-password');
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(new RegExp(INCORRECT.replace('.', '\\.')));
  await expect(page.getByText(INCORRECT, { exact: true })).toHaveCount(1);
});

test('"Forgot password?" is on the username step by default, on the password step with forgot-on-step2', async ({ page }) => {
  const plain = await serve(CLOUDSCAPE);
  await open(page, plain);
  await expect(page.getByRole('link', { name: 'Forgot password?' })).toBeVisible();
  await toPasswordStep(page, plain);
  await expect(page.getByRole('link', { name: 'Forgot password?' })).toHaveCount(0);

  const moved = await serve({ ...CLOUDSCAPE, faults: 'forgot-on-step2' });
  await open(page, moved);
  await hydrated(page);
  await expect(page.getByRole('link', { name: 'Forgot password?' })).toHaveCount(0);
  await toPasswordStep(page, moved);
  await expect(page.getByRole('link', { name: 'Forgot password?' })).toHaveAttribute('href', /^\/forgotPassword\?/);
});

test('late-hydration: what is typed before hydration is lost, and "Next" then asks for the username', async ({ page }) => {
  const server = await serve({ ...CLOUDSCAPE, faults: 'late-hydration=4000' });
  await open(page, server);
  await page.getByLabel('Username').fill(USERNAME);
  expect(await page.locator('html').getAttribute('data-hydrated'), 'typed before hydration').toBeNull();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 10_000 });
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByText('Enter your username.')).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveValue('');
  await expect(page.getByLabel('Password')).toHaveCount(0);
});

test('late-hydration: "Next" before hydration submits the inert form natively and lands on the error page', async ({ page }) => {
  const server = await serve({ ...CLOUDSCAPE, faults: 'late-hydration=5000' });
  await open(page, server);
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/error\?error=invalid_request/);
});

test('TOTP: the code screen is drawn after the password, a right code reaches the callback', async ({ page }) => {
  const server = await serve({ ...CLOUDSCAPE, userMfa: 'totp' });
  const visit = await signInWith(page, server);
  await expect(page.getByRole('heading', { name: 'Multi-factor authentication' })).toBeVisible();
  await expect(page.getByLabel('Code')).toHaveAttribute('autocomplete', 'one-time-code');
  await page.getByLabel('Code').fill(currentCode());
  await page.getByRole('button', { name: 'Verify' }).click();
  expect(await callbackCode(visit)).toMatch(UUID_V4);
  expect(visit.documents).toEqual(['/oauth2/authorize', '/login']);
});

test('MFA setup and the forced new password render their screens', async ({ page }) => {
  await signInWith(page, await serve({ ...CLOUDSCAPE, userMfa: 'setup' }));
  await expect(page.getByRole('heading', { name: 'Set up multi-factor authentication' })).toBeVisible();
  await expect(page.getByText(/^[A-Z2-7]{32}$/)).toBeVisible();

  await signInWith(page, await serve({ ...CLOUDSCAPE, userStatus: 'FORCE_CHANGE_PASSWORD' }));
  await expect(page.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
  await expect(page.getByLabel('New password', { exact: true })).toHaveAttribute('autocomplete', 'new-password');
  await expect(page.getByLabel('Confirm new password')).toBeVisible();
});

test('choice-based sign-in: the methods are tiles (radios named by their labels); Password leads to the password step', async ({ page }) => {
  const server = await serve({ ...CLOUDSCAPE, signInChoice: true });
  const visit = await open(page, server);
  await hydrated(page);
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a sign-in method' })).toBeVisible();
  for (const name of ['Password', 'Email message', 'Text message (SMS)', 'Passkey']) await expect(page.getByRole('radio', { name })).toBeVisible();

  await page.getByRole('radio', { name: 'Password' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect(await callbackCode(visit)).toMatch(UUID_V4);
});

test('the passkey offer: "Not now" goes on to the callback without enrolling anything', async ({ page }) => {
  const server = await serve({ ...CLOUDSCAPE, passkeyOffer: true });
  const visit = await signInWith(page, server);
  await expect(page.getByRole('heading', { name: 'Sign in faster with a passkey' })).toBeVisible();
  await page.getByRole('button', { name: 'Not now' }).click();
  expect(await callbackCode(visit)).toMatch(UUID_V4);
  expect(server.stats().deviceEnrolments).toBe(0);
});

test('login-500: the step\'s POST fails and the form shows "Something went wrong"', async ({ page }) => {
  const server = await serve({ ...CLOUDSCAPE, faults: 'login-500' });
  await open(page, server);
  await hydrated(page);
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Something went wrong', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveCount(0);
});

test('selector-drift: no username field by name or label, an "Identifier" field still signs in', async ({ page }) => {
  const server = await serve({ ...CLOUDSCAPE, faults: 'selector-drift' });
  const visit = await open(page, server);
  await hydrated(page);
  await expect(page.getByLabel('Username')).toHaveCount(0);
  await expect(page.locator('input[name=username]')).toHaveCount(0);
  await page.getByLabel('Identifier').fill(USERNAME);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect(await callbackCode(visit)).toMatch(UUID_V4);
});

for (const [lang, username, next, password, signIn, notNow] of [
  ['en', 'Username', 'Next', 'Password', 'Sign in', 'Not now'],
  ['ko', '사용자 이름', '다음', '비밀번호', '로그인', '나중에'],
  ['ja', 'ユーザー名', '次へ', 'パスワード', 'サインイン', '後で'],
  ['de', 'Benutzername', 'Weiter', 'Passwort', 'Anmelden', 'Jetzt nicht'],
  ['zh-TW', '使用者名稱', '下一步', '密碼', '登入', '現在不要'],
] as const) {
  test(`in ${lang}: every step speaks ${lang}, from the hydrated first step to the passkey offer`, async ({ page }) => {
    const server = await serve({ ...CLOUDSCAPE, passkeyOffer: true });
    const visit = await open(page, server, { lang });
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await hydrated(page);
    await page.getByLabel(username).fill(USERNAME);
    await page.getByRole('button', { name: next }).click();
    await page.getByLabel(password, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: signIn }).click();
    await page.getByRole('button', { name: notNow }).click();
    expect(await callbackCode(visit)).toMatch(UUID_V4);
    expect(visit.errors).toEqual([]);
  });
}
