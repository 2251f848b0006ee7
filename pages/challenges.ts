/**
 * The screens after the password (DESIGN.md): a one-time code, MFA setup, a new password, a choice of
 * sign-in method and an offer to add a passkey. The journey answers the code, picks password,
 * declines the passkey, and stops with a named reason on the others; it never changes the account.
 */
import type { Look } from './recognise.js';
import { RecognisedScreen, fillAndSubmit, press, type ActionBudget, type Submission } from './screen.js';

/** The pool requires MFA and the account has none: a QR code or secret to scan, a code to confirm. */
export class MfaSetupPage extends RecognisedScreen {
  readonly name = 'MFA setup';

  matches(look: Look): boolean {
    return look.roles.password === undefined && look.roles.username === undefined && look.cues.mfaSetup && (look.cues.qr || look.roles.oneTimeCode !== undefined);
  }
}

export type OneTimeCodeMethod = 'authenticator app' | 'SMS' | 'e-mail';

/** A one-time code: from an authenticator app (TOTP), or sent by SMS or e-mail. */
export class OneTimeCodePage extends RecognisedScreen {
  readonly name = 'one-time code';

  matches(look: Look): boolean {
    return look.roles.oneTimeCode !== undefined && look.roles.password === undefined && look.roles.username === undefined && look.roles.newPasswords.length === 0;
  }

  /** Where the code comes from, by the screen's words; an authenticator app unless SMS or e-mail is named. */
  method(look: Look): OneTimeCodeMethod {
    if (look.cues.sms) return 'SMS';
    if (look.cues.emailCode) return 'e-mail';
    // "We sent a code to t***@e***.com" / "... to +*******1234": the destination says which.
    if (look.cues.codeSent) return look.cues.sentToPhone || !look.cues.sentToEmail ? 'SMS' : 'e-mail';
    return 'authenticator app';
  }

  enterCode(look: Look, code: string, budget: ActionBudget): Promise<Submission> {
    if (look.roles.oneTimeCode === undefined) return Promise.resolve({ submitted: false, why: 'no code field' });
    return fillAndSubmit(this.page, [{ handle: look.roles.oneTimeCode, value: code, secret: 'one-time code' }], look.roles.submit, budget);
  }
}

/** A temporary password must be replaced: a new password (and its confirmation), no current one. */
export class NewPasswordPage extends RecognisedScreen {
  readonly name = 'new password';

  matches(look: Look): boolean {
    return look.roles.newPasswords.length > 0 && look.roles.password === undefined;
  }
}

/** Managed login's choice-based sign-in: password, a code by e-mail or SMS, a passkey. */
export class SignInMethodPage extends RecognisedScreen {
  readonly name = 'sign-in method choice';

  matches(look: Look): boolean {
    const fields = look.roles;
    if (fields.username !== undefined || fields.password !== undefined || fields.oneTimeCode !== undefined || fields.methodPassword === undefined) return false;
    // A choice offers something besides password.
    return look.buttons.filter((button) => !button.intents.includes('forgotPassword')).length >= 2;
  }

  async choosePassword(look: Look, budget: ActionBudget): Promise<Submission> {
    const option = look.buttons.find((button) => button.handle === look.roles.methodPassword);
    if (!option) return { submitted: false, why: 'no password option' };
    await press(this.page, option.handle, undefined, budget);
    // A radio option needs its form's button as well ("Continue").
    if (option.choice) {
      const go = look.buttons.find((button) => !button.choice && (button.intents.includes('next') || button.intents.includes('signIn')));
      if (go) await press(this.page, go.handle, undefined, budget);
    }
    return { submitted: true, fingerprint: look.fingerprint };
  }
}

/** An offer to add a passkey after sign-in: declined ("Not now", "Skip"). */
export class PasskeyOfferPage extends RecognisedScreen {
  readonly name = 'passkey offer';

  matches(look: Look): boolean {
    return look.cues.passkey && look.roles.decline !== undefined && look.roles.password === undefined && look.roles.username === undefined && look.roles.oneTimeCode === undefined;
  }

  async decline(look: Look, budget: ActionBudget): Promise<Submission> {
    if (look.roles.decline === undefined) return { submitted: false, why: 'no button to decline' };
    await press(this.page, look.roles.decline, undefined, budget);
    return { submitted: true, fingerprint: look.fingerprint };
  }
}
