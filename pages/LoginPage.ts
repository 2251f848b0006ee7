import type { Locator, Page } from '@playwright/test';
import { fillSecret } from './secret-field.js';

/** The three login screens Cognito can serve (DESIGN.md). */
export type LoginShape = 'classic' | 'managed' | 'managed-two-step';

/** CSS selectors that replace the built-in field lookup, for screens nobody foresaw. */
export interface LoginSelectorOverrides {
  username?: string | undefined;
  password?: string | undefined;
  submit?: string | undefined;
}

export const LOGIN_ERROR_TEXT = {
  incorrect: /incorrect username or password/i,
  locked: /password attempts exceeded/i,
} as const;

/** The page has input fields but none the harness recognises as the username field. */
export class LoginScreenNotRecognisedError extends Error {
  override name = 'LoginScreenNotRecognisedError';
}

/**
 * The login screen in any of its three shapes. Fields are found by label and role first, by the
 * known Cognito names second; every lookup keeps only visible elements, because the classic screen
 * renders the whole form twice (a mobile and a desktop copy, one hidden by CSS).
 */
export class LoginPage {
  readonly page: Page;
  readonly usernameField: Locator;
  readonly passwordField: Locator;
  readonly signInButton: Locator;
  readonly nextButton: Locator;
  readonly errorMessage: Locator;
  readonly forgotPasswordLink: Locator;
  /** any field a person could type into: tells that a script-rendered screen has been drawn */
  readonly anyField: Locator;
  /** present only on the classic hosted UI */
  readonly classicForm: Locator;

  constructor(page: Page, overrides: LoginSelectorOverrides = {}) {
    this.page = page;
    this.usernameField = visible(
      overrides.username
        ? page.locator(overrides.username)
        : page
            .getByLabel(/^(user ?name|e-?mail( address)?|user ?name or e-?mail)$/i)
            .or(page.getByRole('textbox', { name: /^(user ?name|e-?mail( address)?)$/i }))
            .or(page.locator('input[name="username"], input#signInFormUsername')),
    );
    this.passwordField = visible(
      overrides.password
        ? page.locator(overrides.password)
        : page.getByLabel(/^password$/i).or(page.locator('input[name="password"], input#signInFormPassword')),
    );
    this.signInButton = visible(
      overrides.submit
        ? page.locator(overrides.submit)
        : page.getByRole('button', { name: /^(sign in|continue|log in)$/i }).or(page.locator('input[name="signInSubmitButton"]')),
    );
    this.nextButton = visible(page.getByRole('button', { name: /^next$/i }));
    this.errorMessage = visible(page.locator('#loginErrorMessage').or(page.getByRole('alert')));
    this.forgotPasswordLink = visible(page.getByRole('link', { name: /forgot your password\?/i }));
    this.anyField = visible(page.locator('input:not([type="hidden"])'));
    this.classicForm = page.locator('input[name="_csrf"]').first();
  }

  /** True when the browser shows a login screen: a username or password field is on the page. */
  async isCurrent(): Promise<boolean> {
    return (await this.usernameField.count()) > 0 || (await this.passwordField.count()) > 0;
  }

  /**
   * Waits until the screen can be used. Script-rendered screens draw their form after load, so this
   * waits for a field to appear; a page with inputs but no recognisable username field is reported
   * as such instead of running into the caller's timeout.
   */
  async waitUntilReady(timeoutMs: number): Promise<void> {
    await this.anyField.waitFor({ state: 'visible', timeout: timeoutMs });
    if ((await this.usernameField.count()) === 0) {
      throw new LoginScreenNotRecognisedError(`no recognisable username field on ${this.page.url().split('?')[0]}; set LOGIN_USERNAME_SELECTOR if the screen changed`);
    }
  }

  /**
   * Which of the three screens this is. Managed login in two steps shows either the username alone
   * (with "Next") or, after it, the password alone; one-step managed login shows both at once.
   */
  async shape(): Promise<LoginShape> {
    if ((await this.classicForm.count()) > 0 && (await this.page.locator('#signInFormUsername, input[name="signInSubmitButton"]').count()) > 0) return 'classic';
    const hasUsername = (await this.usernameField.count()) > 0;
    const hasPassword = (await this.passwordField.count()) > 0;
    return hasUsername && hasPassword ? 'managed' : 'managed-two-step';
  }

  /** Enters the credentials and submits, in one step or two, whichever the screen asks for. */
  async signIn(username: string, password: string): Promise<void> {
    await this.usernameField.fill(username);
    if ((await this.passwordField.count()) === 0) {
      // Managed login in two steps: the password field appears after "Next".
      await this.nextButton.click();
      await this.passwordField.waitFor({ state: 'visible' });
    }
    await fillSecret(this.passwordField, 'password', password);
    await this.signInButton.click(SUBMIT_WITHOUT_WAITING);
  }

  /** Submits whatever is in the form, e.g. to try empty fields. */
  async submit(): Promise<void> {
    if ((await this.passwordField.count()) === 0 && (await this.nextButton.count()) > 0) {
      await this.nextButton.click();
      return;
    }
    await this.signInButton.click(SUBMIT_WITHOUT_WAITING);
  }

  /** Follows "Forgot your password?"; the next screen is ForgotPasswordPage's. */
  async openForgotPassword(): Promise<void> {
    await this.forgotPasswordLink.click();
  }

  /** The error the screen shows, or undefined when it shows none. */
  async errorText(): Promise<string | undefined> {
    if ((await this.errorMessage.count()) === 0) return undefined;
    const text = (await this.errorMessage.textContent())?.trim();
    return text ? text : undefined;
  }

  async waitForError(timeoutMs: number): Promise<string> {
    await this.errorMessage.waitFor({ state: 'visible', timeout: timeoutMs });
    return (await this.errorText()) ?? '';
  }
}

/**
 * The classic form posts and navigates; by default Playwright's click would wait for that navigation
 * to start, so a slow login service would hold the click (up to the action timeout) instead of the
 * caller's own bounded wait for the callback or the error.
 */
const SUBMIT_WITHOUT_WAITING = { noWaitAfter: true } as const;

function visible(locator: Locator): Locator {
  return locator.filter({ visible: true }).first();
}
