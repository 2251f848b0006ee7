import type { Locator, Page } from '@playwright/test';
import { wordsPattern } from './language.js';
import type { Look, RecogniserOverrides, ScreenError } from './look.js';
import { byHandle, describeLook, lookAt } from './recognise.js';
import { RecognisedScreen, ScreenFailure, fillAndSubmit, press, type JourneyContext, type JourneyScreen, type Submission } from './screen.js';

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

/** What a sign-in screen's refusal means: locked, or the credentials (or the account) refused. */
function answerSignInError(error: ScreenError): never {
  if (error.kind === 'locked') throw new ScreenFailure('account_locked', `account locked: the screen says "${error.text}"`);
  if (error.kind === 'incorrect') throw new ScreenFailure('credentials_rejected', `credentials rejected: the screen says "${error.text}"`);
  throw new ScreenFailure('credentials_rejected', `sign-in failed: the screen says "${error.text}"`);
}

/** Username and password on one screen (classic, managed login in one step, conventional forms). */
export class CredentialsScreen extends RecognisedScreen implements JourneyScreen {
  readonly name = 'username and password';
  readonly step = 'Sign in';
  readonly sends = 'password';

  matches(look: Look): boolean {
    return look.roles.username !== undefined && look.roles.password !== undefined;
  }

  act(look: Look, context: JourneyContext): Promise<Submission> {
    const { username: user, password: secret } = look.roles;
    if (user === undefined || secret === undefined) return Promise.resolve({ submitted: false, why: 'no username or password field' });
    return fillAndSubmit(
      this.page,
      look,
      [
        { handle: user, value: context.username },
        { handle: secret, value: context.password, secret: 'password' },
      ],
      context.budget,
    );
  }

  answerError(error: ScreenError): void {
    answerSignInError(error);
  }
}

/** The first step of a two-step sign-in: the username alone, then "Next". */
export class UsernameScreen extends RecognisedScreen implements JourneyScreen {
  readonly name = 'username alone';
  readonly step = 'Enter username';
  readonly sends = 'username';

  matches(look: Look): boolean {
    return look.roles.username !== undefined && look.roles.password === undefined && look.roles.oneTimeCode === undefined && look.roles.newPasswords.length === 0;
  }

  act(look: Look, context: JourneyContext): Promise<Submission> {
    if (look.roles.username === undefined) return Promise.resolve({ submitted: false, why: 'no username field' });
    return fillAndSubmit(this.page, look, [{ handle: look.roles.username, value: context.username }], context.budget);
  }

  answerError(error: ScreenError): void {
    answerSignInError(error);
  }
}

/** The second step of a two-step sign-in: the password alone. */
export class PasswordScreen extends RecognisedScreen implements JourneyScreen {
  readonly name = 'password alone';
  readonly step = 'Sign in';
  readonly sends = 'password';

  matches(look: Look): boolean {
    return look.roles.password !== undefined && look.roles.username === undefined;
  }

  act(look: Look, context: JourneyContext): Promise<Submission> {
    if (look.roles.password === undefined) return Promise.resolve({ submitted: false, why: 'no password field' });
    return fillAndSubmit(this.page, look, [{ handle: look.roles.password, value: context.password, secret: 'password' }], context.budget);
  }

  answerError(error: ScreenError): void {
    answerSignInError(error);
  }
}

/** Fields of the login screen a test can ask for by role. */
export type LoginFieldRole = 'username' | 'password';

/**
 * The login screen in any of its shapes, for tests that look at it directly: thin verbs over the
 * roles the recogniser gives the screen's fields and controls, the same reading the journey acts on.
 * Locators are handed out per look, because a step drawn by script replaces the elements.
 */
export class LoginPage {
  readonly page: Page;
  private readonly overrides: LoginSelectorOverrides;
  private readonly screens: RecognisedScreen[];

  constructor(page: Page, overrides: LoginSelectorOverrides = {}) {
    this.page = page;
    this.overrides = overrides;
    this.screens = [new CredentialsScreen(page, overrides), new UsernameScreen(page, overrides), new PasswordScreen(page, overrides)];
  }

  look(): Promise<Look> {
    return lookAt(this.page, this.overrides);
  }

  /** True when the browser shows a login screen: username and/or password, in one step or two. */
  async isCurrent(): Promise<boolean> {
    const look = await this.look();
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
      const look = await this.look().catch(() => undefined);
      if (look && !look.busy && this.screens.some((screen) => screen.matches(look))) return;
      if (look?.drawn && !look.busy) {
        unknownSince ??= Date.now();
        if (Date.now() - unknownSince > 1_000) throw new LoginScreenNotRecognisedError(`no login screen recognised on ${this.page.url().split('?')[0]}: ${describeLook(look)}`);
      }
      if (deadline - Date.now() <= 0) throw new LoginScreenNotRecognisedError(`no login screen within ${timeoutMs} ms on ${this.page.url().split('?')[0]}`);
      await this.page.waitForTimeout(Math.min(deadline - Date.now(), 100));
    }
  }

  /** Which of the three screens this is. */
  async shape(): Promise<LoginShape> {
    return shapeOf(await this.look());
  }

  /** The field the recogniser gives `role` on the current screen, or undefined when it shows none. */
  async field(role: LoginFieldRole): Promise<Locator | undefined> {
    const handle = (await this.look()).roles[role];
    return handle === undefined ? undefined : byHandle(this.page, handle);
  }

  /** Types the username into the username field of whichever step shows it (no submit). */
  async enterUsername(username: string): Promise<void> {
    const field = await this.field('username');
    if (field === undefined) throw new LoginScreenNotRecognisedError('no username field on this screen');
    await field.fill(username);
  }

  /** Submits whatever is in the form (e.g. to try empty fields): its submit control, or Enter when it has none. */
  async submit(): Promise<void> {
    const look = await this.look();
    const field = look.roles.password ?? look.roles.username;
    await press(this.page, look.roles.submit, field, { timeoutMs: () => 10_000 });
  }

  /**
   * The forgot-password link (or link-styled button) on whichever step shows it. On the first step
   * of a two-step screen that does not show it, the username is entered first when one is given.
   */
  async forgotPasswordLink(options: { username?: string; timeoutMs?: number } = {}): Promise<Locator> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    let look = await this.look();
    if (look.roles.forgotPassword === undefined && options.username !== undefined && this.screens[1]?.matches(look) && look.roles.username !== undefined) {
      await byHandle(this.page, look.roles.username).fill(options.username);
      await press(this.page, look.roles.submit, look.roles.username, { timeoutMs: () => Math.max(1, deadline - Date.now()) });
    }
    while (look.roles.forgotPassword === undefined) {
      if (Date.now() >= deadline) throw new LoginScreenNotRecognisedError(`no forgot-password link on this screen: ${describeLook(look)}`);
      await this.page.waitForTimeout(100);
      look = await this.look().catch(() => look);
    }
    return byHandle(this.page, look.roles.forgotPassword);
  }

  /** Follows the forgot-password link ("Forgot your password?", "Forgot password?", ...); the next screen is ForgotPasswordPage's. */
  async openForgotPassword(options: { username?: string } = {}): Promise<void> {
    await (await this.forgotPasswordLink(options)).click();
  }

  /** The error the screen shows, or undefined when it shows none. */
  async errorText(): Promise<string | undefined> {
    return (await this.look().catch(() => undefined))?.error?.text;
  }

  /** The error the screen shows, once it shows one with text (a form answered by a new page takes a moment). */
  async waitForError(timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await this.errorText();
      if (text !== undefined) return text;
      if (Date.now() >= deadline) throw new Error(`no error shown within ${timeoutMs} ms`);
      await this.page.waitForTimeout(100);
    }
  }
}

/** The login shape a look shows: classic by its hidden _csrf field, otherwise one step or two. */
export function shapeOf(look: Look): LoginShape {
  if (look.classic) return 'classic';
  return look.roles.username !== undefined && look.roles.password !== undefined ? 'managed' : 'managed-two-step';
}
