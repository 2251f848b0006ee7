/**
 * The forgot-password link: visible on the login screen and leading to the reset screen for the same
 * client. Both are recognised by structure and the words of pages/language.ts, so these tests hold
 * for any login UI and language; the embedded server's own paths and sentences are pinned by the
 * @local-only tests below.
 */
import { test, expect } from '../../fixtures/index.js';
import type { LoginUi, Lang } from '../../mock-server/types.js';
import { unknownUsername } from './helpers.js';

test.describe('forgot password', () => {
  test('the login screen shows the forgot-password link, on whichever step shows it', { tag: '@smoke' }, async ({ openLoginScreen, config }) => {
    const loginPage = await openLoginScreen();

    const link = await loginPage.forgotPasswordLink({ username: config.user.username });
    await expect(link).toBeVisible();
    await expect(link).toHaveText(/\S/);
    // A link stays with the login service (a script-drawn screen may use a button, with no href, instead).
    const href = (await link.getAttribute('href')) ?? loginPage.page.url();
    expect(new URL(href, loginPage.page.url()).origin).toBe(new URL(config.target.baseUrl).origin);
  });

  test('the link opens the forgot-password screen for the same client and redirect', async ({ openLoginScreen, forgotPasswordPage, authorizeRequest, config, page }) => {
    const loginPage = await openLoginScreen();

    await loginPage.openForgotPassword({ username: config.user.username });

    await expect.poll(() => forgotPasswordPage.isCurrent(), { timeout: 10_000 }).toBe(true);
    await expect((await forgotPasswordPage.field('username')) ?? page.locator('no-username-field')).toBeVisible();
    await expect((await forgotPasswordPage.submitControl()) ?? page.locator('no-submit-control')).toBeVisible();
    const url = new URL(page.url());
    expect(url.origin).toBe(new URL(config.target.baseUrl).origin);
    expect({ client_id: url.searchParams.get('client_id'), redirect_uri: url.searchParams.get('redirect_uri') }).toEqual({
      client_id: authorizeRequest.clientId,
      redirect_uri: authorizeRequest.redirectUri,
    });
  });
});

test.describe('forgot password: the embedded server\'s screens', { tag: '@local-only' }, () => {
  test('classic: "Forgot your password?" links to /forgotPassword with the whole authorize request', async ({ localTarget, openLoginScreen, forgotPasswordPage, page }) => {
    const { config } = await localTarget({ loginUi: 'classic' });
    const loginPage = await openLoginScreen({ config });
    const link = await loginPage.forgotPasswordLink();
    await expect(link).toHaveText('Forgot your password?');
    await expect(link).toHaveAttribute('href', /^\/forgotPassword\?/);

    await loginPage.openForgotPassword();

    await expect(forgotPasswordPage.heading).toHaveText('Forgot your password?');
    await expect.poll(async () => (await forgotPasswordPage.submitControl())?.textContent()).toBe('Reset my password');
    const url = new URL(page.url());
    expect(url.pathname).toBe('/forgotPassword');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('state')).not.toBeNull();
  });

  const MANAGED_LINK: Record<Extract<Lang, 'en' | 'ko' | 'ja'>, string> = { en: 'Forgot password?', ko: '비밀번호를 잊으셨나요?', ja: 'パスワードをお忘れですか?' };
  for (const [lang, text] of Object.entries(MANAGED_LINK) as Array<[Lang, string]>) {
    for (const loginUi of ['managed', 'managed-two-step', 'managed-two-page'] as LoginUi[]) {
      test(`${loginUi} in ${lang}: "${text}" leads to a reset screen the page object recognises`, async ({ localTarget, openLoginScreen, forgotPasswordPage, page }) => {
        const { config } = await localTarget({ loginUi, loginLang: lang });
        const loginPage = await openLoginScreen({ config });
        await expect(await loginPage.forgotPasswordLink({ username: config.user.username })).toHaveText(text);

        await loginPage.openForgotPassword();

        await expect.poll(() => forgotPasswordPage.isCurrent(), { timeout: 10_000 }).toBe(true);
        expect(new URL(page.url()).searchParams.get('client_id')).toBe(config.client.id);
      });
    }
  }

  // Submitting sends a real e-mail on a real stage, so this step is checked on the embedded server only.
  test('requesting a reset leads to the change-password screen, which rejects a bad code', async ({ openLoginScreen, forgotPasswordPage, authorizeRequest, page }) => {
    const loginPage = await openLoginScreen();
    await loginPage.openForgotPassword();
    await expect.poll(() => forgotPasswordPage.isCurrent(), { timeout: 10_000 }).toBe(true);

    await forgotPasswordPage.requestCode(unknownUsername());

    await expect.poll(() => forgotPasswordPage.isConfirmStep(), { timeout: 10_000 }).toBe(true);
    expect(await forgotPasswordPage.isCurrent()).toBe(false);
    expect(new URL(page.url()).searchParams.get('client_id')).toBe(authorizeRequest.clientId);
    await forgotPasswordPage.changePassword('12', 'Irrelevant-1');
    await expect.poll(() => forgotPasswordPage.errorText(), { timeout: 10_000 }).toBe('Invalid verification code provided, please try again.');
  });
});
