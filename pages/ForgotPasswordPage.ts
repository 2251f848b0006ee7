import type { Locator, Page } from '@playwright/test';

/**
 * The screen behind "Forgot your password?" and the "Change password" screen it leads to.
 * Cognito carries the client's authorize parameters through both, so callers can check that the
 * screen belongs to the same client. Submitting sends a real e-mail on a real stage: only the
 * embedded server should ever see `requestCode`.
 */
export class ForgotPasswordPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly usernameField: Locator;
  readonly resetButton: Locator;
  /** the "Change password" step: where the code from the e-mail goes */
  readonly codeField: Locator;
  readonly newPasswordField: Locator;
  readonly changePasswordButton: Locator;
  readonly errorMessage: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: /forgot your password\??/i });
    this.usernameField = visible(page.getByLabel(/^(user ?name|e-?mail( address)?)$/i).or(page.locator('input[name="username"]')));
    this.resetButton = visible(page.getByRole('button', { name: /^reset my password$/i }).or(page.locator('[name="reset_my_password"]')));
    this.codeField = visible(page.getByLabel(/^(verification )?code$/i).or(page.locator('input[name="code"]')));
    this.newPasswordField = visible(page.getByLabel(/^new password$/i));
    this.changePasswordButton = visible(page.getByRole('button', { name: /^change password$/i }));
    this.errorMessage = visible(page.getByRole('alert').or(page.locator('.errorMessage-customizable')));
  }

  /** True on the first screen: Cognito serves it on /forgotPassword with the heading above. */
  async isCurrent(): Promise<boolean> {
    return new URL(this.page.url()).pathname === '/forgotPassword' && (await this.heading.count()) > 0;
  }

  /** True on the "Change password" screen that follows a reset request. */
  async isConfirmStep(): Promise<boolean> {
    return new URL(this.page.url()).pathname === '/confirmForgotPassword' && (await this.codeField.count()) > 0;
  }

  /** Asks for a reset code for `username`. */
  async requestCode(username: string): Promise<void> {
    await this.usernameField.fill(username);
    await this.resetButton.click();
  }

  async errorText(): Promise<string | undefined> {
    if ((await this.errorMessage.count()) === 0) return undefined;
    return (await this.errorMessage.textContent())?.trim() || undefined;
  }
}

function visible(locator: Locator): Locator {
  return locator.filter({ visible: true }).first();
}
