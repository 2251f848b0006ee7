import type { Locator, Page } from '@playwright/test';
import { wordsPattern } from './language.js';
import type { Look } from './look.js';
import { byHandle, describeLook, lookAt } from './recognise.js';
import type { Screen } from './screen.js';

/** The reset screen's heading or title, in every language of pages/language.ts. */
const RESET_WORDS = wordsPattern('resetPassword');

/** Fields of the reset screens a test can ask for by role. */
export type ResetFieldRole = 'username' | 'oneTimeCode' | 'newPassword';

/**
 * The screen behind the forgot-password link, and the change-password screen it leads to: thin verbs
 * over the roles the recogniser gives their fields and controls. Neither path nor wording is
 * documented (classic: /forgotPassword, "Reset my password"; managed login has its own words in each
 * language); the words of pages/language.ts tell the reset screen from the first step of a two-step
 * sign-in, which has the same single username field. Submitting sends a real e-mail on a real stage:
 * only the embedded server should ever see `requestCode`.
 */
export class ForgotPasswordPage implements Screen {
  readonly name = 'forgot password';
  readonly page: Page;
  readonly heading: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: RESET_WORDS }).filter({ visible: true }).first();
  }

  /**
   * The first screen: a username field alone with a control to submit it, under a title about a
   * forgotten or reset password; the sign-in's username step has the field but not those words.
   */
  matches(look: Look): boolean {
    return isUsernameAlone(look) && RESET_WORDS.test(look.title);
  }

  /** matches(), or the same form under a heading (not a title) that names the reset. */
  async isCurrent(): Promise<boolean> {
    const look = await lookAt(this.page);
    return this.matches(look) || (isUsernameAlone(look) && (await this.heading.count()) > 0);
  }

  /** The change-password step that follows a reset request: a code field and a new password. */
  async isConfirmStep(): Promise<boolean> {
    const { oneTimeCode, password, newPasswords, username } = (await lookAt(this.page)).roles;
    return oneTimeCode !== undefined && username === undefined && (newPasswords.length > 0 || password !== undefined);
  }

  /** The field the recogniser gives `role` on the current step, or undefined when it shows none. */
  async field(role: ResetFieldRole): Promise<Locator | undefined> {
    const { roles } = await lookAt(this.page);
    const handle = role === 'newPassword' ? (roles.newPasswords[0] ?? roles.password) : roles[role];
    return handle === undefined ? undefined : byHandle(this.page, handle);
  }

  /** The control that submits the current step's form ("Reset my password", "Change password"). */
  async submitControl(): Promise<Locator | undefined> {
    const { submit } = (await lookAt(this.page)).roles;
    return submit === undefined ? undefined : byHandle(this.page, submit);
  }

  /** Asks for a reset code for `username`, in the field and with the control the recogniser found. */
  async requestCode(username: string): Promise<void> {
    const look = await lookAt(this.page);
    if (look.roles.username === undefined || look.roles.submit === undefined) throw new Error(`no reset form recognised on this screen: ${describeLook(look)}`);
    await byHandle(this.page, look.roles.username).fill(username);
    await byHandle(this.page, look.roles.submit).click();
  }

  /** Fills the change-password step (the e-mailed code and a new password, in each of its fields) and submits it. */
  async changePassword(code: string, newPassword: string): Promise<void> {
    const look = await lookAt(this.page);
    const passwords = look.roles.newPasswords.length > 0 ? look.roles.newPasswords : [look.roles.password].filter((handle) => handle !== undefined);
    if (look.roles.oneTimeCode === undefined || passwords.length === 0 || look.roles.submit === undefined) throw new Error(`no change-password form recognised on this screen: ${describeLook(look)}`);
    await byHandle(this.page, look.roles.oneTimeCode).fill(code);
    for (const handle of passwords) await byHandle(this.page, handle).fill(newPassword);
    await byHandle(this.page, look.roles.submit).click();
  }

  async errorText(): Promise<string | undefined> {
    return (await lookAt(this.page).catch(() => undefined))?.error?.text;
  }
}

function isUsernameAlone(look: Look): boolean {
  const { username, password, oneTimeCode, newPasswords, submit } = look.roles;
  return username !== undefined && submit !== undefined && password === undefined && oneTimeCode === undefined && newPasswords.length === 0;
}
