import type { Locator, Page } from '@playwright/test';
import { wordsPattern } from './language.js';
import { byHandle, lookAt, type Look } from './recognise.js';
import type { Screen } from './screen.js';

/** The reset screen's heading or title, in every language of pages/language.ts. */
const RESET_WORDS = wordsPattern('resetPassword');

/** A form's own submit button, however it is drawn. */
const SUBMIT = 'form :is(button[type=submit], button:not([type]), input[type=submit])';

/**
 * The screen behind the forgot-password link, and the change-password screen it leads to. Neither
 * path nor wording is documented (classic: /forgotPassword, "Forgot your password?", "Reset my
 * password"; managed login has its own words in each language), so both are recognised like the
 * login screens: the form recogniser (pages/recognise.ts) gives the fields their roles, and the
 * words of pages/language.ts tell the reset screen from the first step of a two-step sign-in, which
 * has the same single username field. Submitting sends a real e-mail on a real stage: only the
 * embedded server should ever see `requestCode`.
 */
export class ForgotPasswordPage implements Screen {
  readonly name = 'forgot password';
  readonly page: Page;
  readonly heading: Locator;
  readonly usernameField: Locator;
  readonly resetButton: Locator;
  /** the change-password step: where the code from the e-mail goes */
  readonly codeField: Locator;
  readonly newPasswordField: Locator;
  readonly changePasswordButton: Locator;
  readonly errorMessage: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = visible(page.getByRole('heading', { name: RESET_WORDS }));
    this.usernameField = visible(
      page
        .locator('input[autocomplete~="username"], input[autocomplete~="email"], input[type="email"]')
        .or(page.getByLabel(wordsPattern('username', { whole: true })))
        .or(page.locator('input[name="username"]')),
    );
    this.resetButton = visible(page.locator(SUBMIT).or(page.getByRole('button', { name: RESET_WORDS })));
    this.codeField = visible(page.locator('input[autocomplete~="one-time-code"]').or(page.getByLabel(wordsPattern('oneTimeCode'))).or(page.locator('input[name="code"]')));
    this.newPasswordField = visible(page.locator('input[type="password"]'));
    this.changePasswordButton = visible(page.locator(SUBMIT).or(page.getByRole('button', { name: wordsPattern('newPassword') })));
    this.errorMessage = visible(page.getByRole('alert').or(page.locator('[aria-live=assertive], .errorMessage-customizable')));
  }

  /**
   * The first screen: a username field alone with a button to submit it, under a heading (or title)
   * about a forgotten or reset password; the sign-in's username step has the field but not those words.
   */
  matches(look: Look): boolean {
    const { username, password, oneTimeCode, newPasswords, submit } = look.roles;
    return username !== undefined && submit !== undefined && password === undefined && oneTimeCode === undefined && newPasswords.length === 0 && RESET_WORDS.test(look.title);
  }

  async isCurrent(): Promise<boolean> {
    const look = await lookAt(this.page);
    if (this.matches(look)) return true;
    const { username, password, oneTimeCode, newPasswords, submit } = look.roles;
    return username !== undefined && submit !== undefined && password === undefined && oneTimeCode === undefined && newPasswords.length === 0 && (await this.heading.count()) > 0;
  }

  /** The change-password step that follows a reset request: a code field and a new password. */
  async isConfirmStep(): Promise<boolean> {
    const { oneTimeCode, password, newPasswords, username } = (await lookAt(this.page)).roles;
    return oneTimeCode !== undefined && username === undefined && (newPasswords.length > 0 || password !== undefined);
  }

  /** Asks for a reset code for `username`, in the field and with the button the recogniser found. */
  async requestCode(username: string): Promise<void> {
    const look = await lookAt(this.page);
    if (look.roles.username === undefined || look.roles.submit === undefined) throw new Error('no reset form recognised on this screen');
    await byHandle(this.page, look.roles.username).fill(username);
    await byHandle(this.page, look.roles.submit).click();
  }

  async errorText(): Promise<string | undefined> {
    if ((await this.errorMessage.count()) === 0) return undefined;
    return (await this.errorMessage.textContent())?.trim() || undefined;
  }
}

function visible(locator: Locator): Locator {
  return locator.filter({ visible: true }).first();
}
