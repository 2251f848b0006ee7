/** "Forgot your password?": visible on the login screen and leading to the reset screen for the same client. */
import { test, expect } from '../../fixtures/index.js';
import { unknownUsername } from './helpers.js';

test.describe('forgot password', () => {
  test('the login screen shows the "Forgot your password?" link', { tag: '@smoke' }, async ({ openLoginScreen }) => {
    const loginPage = await openLoginScreen();

    await expect(loginPage.forgotPasswordLink).toBeVisible();
    await expect(loginPage.forgotPasswordLink).toHaveAttribute('href', /\/forgotPassword\?/);
  });

  test('the link opens the forgot-password screen for the same client and redirect', async ({ openLoginScreen, forgotPasswordPage, authorizeRequest, page }) => {
    const loginPage = await openLoginScreen();

    await loginPage.openForgotPassword();

    await expect(forgotPasswordPage.heading).toBeVisible();
    expect(await forgotPasswordPage.isCurrent()).toBe(true);
    await expect(forgotPasswordPage.usernameField).toBeVisible();
    await expect(forgotPasswordPage.resetButton).toBeVisible();
    const query = new URL(page.url()).searchParams;
    expect({
      client_id: query.get('client_id'),
      redirect_uri: query.get('redirect_uri'),
      response_type: query.get('response_type'),
      state: query.get('state'),
    }).toEqual({ client_id: authorizeRequest.clientId, redirect_uri: authorizeRequest.redirectUri, response_type: 'code', state: authorizeRequest.state });
  });

  // Submitting sends a real e-mail on a real stage, so this step is checked on the embedded server only.
  test('requesting a reset leads to the change-password screen, which rejects a bad code', { tag: '@local-only' }, async ({ openLoginScreen, forgotPasswordPage, authorizeRequest, page }) => {
    const loginPage = await openLoginScreen();
    await loginPage.openForgotPassword();
    await expect(forgotPasswordPage.heading).toBeVisible();

    await forgotPasswordPage.requestCode(unknownUsername());

    await expect(forgotPasswordPage.codeField).toBeVisible();
    expect(await forgotPasswordPage.isConfirmStep()).toBe(true);
    expect(new URL(page.url()).searchParams.get('client_id')).toBe(authorizeRequest.clientId);
    await forgotPasswordPage.codeField.fill('12');
    await forgotPasswordPage.newPasswordField.fill('Irrelevant-1');
    await forgotPasswordPage.changePasswordButton.click();
    await expect(forgotPasswordPage.errorMessage).toHaveText('Invalid verification code provided, please try again.');
  });
});
