import type { Locator, Page } from '@playwright/test';
import { wordsPattern } from './language.js';
import { ROLE_ATTRIBUTE, lookAt, waitForChange, describeLook, type Look, type RecogniserOverrides } from './recognise.js';
import { RecognisedScreen, fillAndSubmit, type ActionBudget, type Submission } from './screen.js';

/** The three login screens Cognito can serve (DESIGN.md); any other one-step form reads as `managed`. */
export type LoginShape = 'classic' | 'managed' | 'managed-two-step';

/** CSS selectors that replace the built-in field lookup, for screens nobody foresaw. */
export type LoginSelectorOverrides = RecogniserOverrides;

/** Error texts of the login screen, in every language of pages/language.ts. */
export const LOGIN_ERROR_TEXT = {
  incorrect: wordsPattern('errorIncorrect'),
  locked: wordsPattern('errorLocked'),
} as const;

/** The page has input fields but none the harness recognises as the username field. */
export class LoginScreenNotRecognisedError extends Error {
  override name = 'LoginScreenNotRecognisedError';
}

/** Username and password on one screen (classic, managed login in one step, conventional forms). */
export class CredentialsScreen extends RecognisedScreen {
  readonly name = 'username and password';

  matches(look: Look): boolean {
    return look.roles.username !== undefined && look.roles.password !== undefined;
  }

  signIn(look: Look, username: string, password: string, budget: ActionBudget): Promise<Submission> {
    const { username: user, password: secret, submit } = look.roles;
    if (user === undefined || secret === undefined) return Promise.resolve({ submitted: false, why: 'no username or password field' });
    return fillAndSubmit(
      this.page,
      [
        { handle: user, value: username },
        { handle: secret, value: password, secret: 'password' },
      ],
      submit,
      budget,
    );
  }
}

/** The first step of a two-step sign-in: the username alone, then "Next". */
export class UsernameScreen extends RecognisedScreen {
  readonly name = 'username alone';

  matches(look: Look): boolean {
    return look.roles.username !== undefined && look.roles.password === undefined && look.roles.oneTimeCode === undefined && look.roles.newPasswords.length === 0;
  }

  enterUsername(look: Look, username: string, budget: ActionBudget): Promise<Submission> {
    if (look.roles.username === undefined) return Promise.resolve({ submitted: false, why: 'no username field' });
    return fillAndSubmit(this.page, [{ handle: look.roles.username, value: username }], look.roles.submit, budget);
  }
}

/** The second step of a two-step sign-in: the password alone. */
export class PasswordScreen extends RecognisedScreen {
  readonly name = 'password alone';

  matches(look: Look): boolean {
    return look.roles.password !== undefined && look.roles.username === undefined;
  }

  enterPassword(look: Look, password: string, budget: ActionBudget): Promise<Submission> {
    if (look.roles.password === undefined) return Promise.resolve({ submitted: false, why: 'no password field' });
    return fillAndSubmit(this.page, [{ handle: look.roles.password, value: password, secret: 'password' }], look.roles.submit, budget);
  }
}

/**
 * The login screen in any of its shapes, for tests that look at it directly (the journey itself uses
 * the screens above). Locators prefer structure (autocomplete tokens, types) and the words of every
 * supported language; every lookup keeps only visible elements, because the classic screen renders the
 * whole form twice (a mobile and a desktop copy, one hidden by CSS).
 */
export class LoginPage {
  readonly page: Page;
  readonly usernameField: Locator;
  readonly passwordField: Locator;
  readonly signInButton: Locator;
  readonly nextButton: Locator;
  readonly errorMessage: Locator;
  readonly forgotPasswordLink: Locator;
  private readonly overrides: LoginSelectorOverrides;
  private readonly screens: RecognisedScreen[];

  constructor(page: Page, overrides: LoginSelectorOverrides = {}) {
    this.page = page;
    this.overrides = overrides;
    this.screens = [new CredentialsScreen(page, overrides), new UsernameScreen(page, overrides), new PasswordScreen(page, overrides)];
    this.usernameField = visible(
      overrides.username
        ? page.locator(overrides.username)
        : page
            .locator('input[autocomplete~="username"], input[autocomplete~="email"], input[type="email"]')
            .or(page.getByLabel(wordsPattern('username', { whole: true })))
            .or(page.getByPlaceholder(wordsPattern('username', { whole: true })))
            .or(page.locator(`input[name="username"], input#signInFormUsername, [${ROLE_ATTRIBUTE}="username"]`)),
    );
    this.passwordField = visible(overrides.password ? page.locator(overrides.password) : page.locator(`input[type="password"]:not([autocomplete~="new-password"]), [${ROLE_ATTRIBUTE}="password"]`));
    this.signInButton = visible(
      overrides.submit
        ? page.locator(overrides.submit)
        : page.getByRole('button', { name: wordsPattern('signIn', { whole: true }) }).or(page.locator(`input[name="signInSubmitButton"], [${ROLE_ATTRIBUTE}="submit"]`)),
    );
    this.nextButton = visible(page.getByRole('button', { name: wordsPattern('next', { whole: true }) }));
    // Structure, as the recogniser reads errors: Cognito's paragraph, an alert, an element called an error.
    this.errorMessage = visible(page.locator('#loginErrorMessage').or(page.getByRole('alert')).or(page.locator('[aria-live=assertive], [class*="error" i]:not(input):not(form)').filter({ hasText: /\S/ })));
    // A link (classic, conventional) or a link-styled button (script-drawn screens), known by its
    // words in any language: its path and exact sentence differ between the login UIs.
    this.forgotPasswordLink = visible(page.getByRole('link', { name: wordsPattern('forgotPassword') }).or(page.getByRole('button', { name: wordsPattern('forgotPassword') })));
  }

  /** True when the browser shows a login screen: username and/or password, in one step or two. */
  async isCurrent(): Promise<boolean> {
    const look = await lookAt(this.page, this.overrides);
    return this.screens.some((screen) => screen.matches(look));
  }

  /**
   * Waits until a login screen is drawn (script-rendered screens draw after load). Something drawn
   * that is no login screen is reported at once (after a short settle) instead of running into the
   * caller's timeout.
   */
  async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let unknownSince: number | undefined;
    for (;;) {
      const look = await lookAt(this.page, this.overrides).catch(() => undefined);
      if (look && this.screens.some((screen) => screen.matches(look))) return;
      if (look?.drawn) {
        unknownSince ??= Date.now();
        if (Date.now() - unknownSince > 1_000) throw new LoginScreenNotRecognisedError(`no login screen recognised on ${this.page.url().split('?')[0]}: ${describeLook(look)}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new LoginScreenNotRecognisedError(`no login screen within ${timeoutMs} ms on ${this.page.url().split('?')[0]}`);
      await waitForChange(this.page, look?.fingerprint ?? '', Math.min(left, 500));
    }
  }

  /** Which of the three screens this is. */
  async shape(): Promise<LoginShape> {
    return shapeOf(await lookAt(this.page, this.overrides));
  }

  /** Submits whatever is in the form, e.g. to try empty fields. */
  async submit(): Promise<void> {
    if ((await this.passwordField.count()) === 0 && (await this.nextButton.count()) > 0) {
      await this.nextButton.click();
      return;
    }
    await this.signInButton.click({ noWaitAfter: true });
  }

  /** Follows the forgot-password link ("Forgot your password?", "Forgot password?", ...); the next screen is ForgotPasswordPage's. */
  async openForgotPassword(): Promise<void> {
    await this.forgotPasswordLink.click();
  }

  /** The error the screen shows, or undefined when it shows none. */
  async errorText(): Promise<string | undefined> {
    const look = await lookAt(this.page, this.overrides).catch(() => undefined);
    if (look?.error !== undefined) return look.error.text;
    if ((await this.errorMessage.count()) === 0) return undefined;
    const text = (await this.errorMessage.textContent())?.trim();
    return text ? text : undefined;
  }

  async waitForError(timeoutMs: number): Promise<string> {
    await this.errorMessage.waitFor({ state: 'visible', timeout: timeoutMs });
    return (await this.errorText()) ?? '';
  }
}

/** The login shape a look shows: classic by its hidden _csrf field, otherwise one step or two. */
export function shapeOf(look: Look): LoginShape {
  if (look.classic) return 'classic';
  return look.roles.username !== undefined && look.roles.password !== undefined ? 'managed' : 'managed-two-step';
}

function visible(locator: Locator): Locator {
  return locator.filter({ visible: true }).first();
}
