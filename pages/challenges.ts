/**
 * The screens after the password (DESIGN.md): a one-time code, MFA setup, a new password, a choice of
 * sign-in method and an offer to add a passkey. The journey answers the code, picks password,
 * declines the passkey, and stops with a named reason on the others; it never changes the account.
 */
import type { Look, OneTimeCodeChannel, ScreenError } from './look.js';
import { RecognisedScreen, ScreenFailure, fillAndSubmit, press, pressOnly, refusedBy, type JourneyContext, type JourneyScreen, type Sends, type Submission } from './screen.js';

/** A screen the harness never acts on: it ends the journey with its reason. */
abstract class RefusedScreen extends RecognisedScreen implements JourneyScreen {
  abstract readonly step: string;
  readonly sends: Sends = 'nothing';
  protected abstract readonly refusal: ScreenFailure;

  act(): Promise<Submission> {
    return Promise.reject(this.refusal);
  }

  answerError(error: ScreenError): void {
    refusedBy(error);
  }
}

/** The pool requires MFA and the account has none: a QR code or secret to scan, a code to confirm. */
export class MfaSetupPage extends RefusedScreen {
  readonly name = 'MFA setup';
  readonly step = 'MFA setup asked for';
  protected readonly refusal = new ScreenFailure(
    'mfa_setup_required',
    'the user pool requires MFA and the test account has none; the harness never enrols a device. Enrol an authenticator app once by hand and set TEST_TOTP_SECRET to its secret',
  );

  matches(look: Look): boolean {
    return look.roles.password === undefined && look.roles.username === undefined && look.cues.mfaSetup && (look.cues.qr || look.roles.oneTimeCode !== undefined);
  }
}

/** A temporary password must be replaced: a new password (and its confirmation), no current one. */
export class NewPasswordPage extends RefusedScreen {
  readonly name = 'new password';
  readonly step = 'New password asked for';
  protected readonly refusal = new ScreenFailure(
    'password_change_required',
    'the account must choose a new password (it has a temporary one); the harness never sets one. Give it a permanent password, e.g. `aws cognito-idp admin-set-user-password --user-pool-id <pool> --username <user> --password <password> --permanent`',
  );

  matches(look: Look): boolean {
    return look.roles.newPasswords.length > 0 && look.roles.password === undefined;
  }
}

export type OneTimeCodeMethod = OneTimeCodeChannel;

/**
 * A one-time code: from an authenticator app (TOTP), or sent by SMS or e-mail, which the harness
 * cannot read. Remembers the refusals of its codes within one journey.
 */
export class OneTimeCodePage extends RecognisedScreen implements JourneyScreen {
  readonly name = 'one-time code';
  readonly step = 'Enter one-time code';
  readonly sends = 'oneTimeCode';
  private rejections = 0;
  /** the server's clock may be behind: after one refusal, the previous window's code is the one other worth a try */
  private earlierStep = false;

  matches(look: Look): boolean {
    return look.roles.oneTimeCode !== undefined && look.roles.password === undefined && look.roles.username === undefined && look.roles.newPasswords.length === 0;
  }

  /** Where the code comes from, by the screen's words; an authenticator app unless SMS or e-mail is named. */
  method(look: Look): OneTimeCodeMethod {
    return look.cues.codeChannel ?? 'authenticator app';
  }

  async act(look: Look, context: JourneyContext): Promise<Submission> {
    const method = this.method(look);
    if (method !== 'authenticator app') {
      throw new ScreenFailure('mfa_unsupported', `the login service asks for a one-time code sent by ${method}, which the harness cannot read; give the test account authenticator-app (TOTP) MFA instead`);
    }
    if (look.roles.oneTimeCode === undefined) return { submitted: false, why: 'no code field' };
    const code = await context.oneTimeCode({ earlierStep: this.earlierStep });
    if (code === undefined) {
      throw new ScreenFailure('mfa_required', "the login service asks for a one-time code from an authenticator app: set TEST_TOTP_SECRET to the test account's TOTP secret (base32 or otpauth:// URI)");
    }
    this.earlierStep = false;
    return fillAndSubmit(this.page, look, [{ handle: look.roles.oneTimeCode, value: code, secret: 'one-time code' }], context.budget);
  }

  answerError(error: ScreenError): void {
    // Someone (another run, another --count code) used this window's code: the next code is another window's.
    if (error.kind === 'codeUsed') return;
    this.rejections += 1;
    if (this.rejections >= 2) throw new ScreenFailure('mfa_rejected', `two one-time codes in a row were refused (the screen says "${error.text}"): check TEST_TOTP_SECRET and the clock of this machine`);
    this.earlierStep = true;
  }
}

/** Managed login's choice-based sign-in: password, a code by e-mail or SMS, a passkey. */
export class SignInMethodPage extends RecognisedScreen implements JourneyScreen {
  readonly name = 'sign-in method choice';
  readonly step = 'Choose password sign-in';
  readonly sends = 'choice';

  matches(look: Look): boolean {
    const fields = look.roles;
    if (fields.username !== undefined || fields.password !== undefined || fields.oneTimeCode !== undefined || fields.methodPassword === undefined) return false;
    // A choice offers something besides password.
    return look.buttons.filter((button) => !button.intents.includes('forgotPassword')).length >= 2;
  }

  async act(look: Look, context: JourneyContext): Promise<Submission> {
    const option = look.buttons.find((button) => button.handle === look.roles.methodPassword);
    if (!option) return { submitted: false, why: 'no password option' };
    await press(this.page, option.handle, undefined, context.budget);
    // A radio option or tile needs its form's button as well ("Continue").
    if (option.kind === 'choice') {
      const go = look.roles.submit ?? look.buttons.find((button) => button.kind !== 'choice' && (button.intents.includes('next') || button.intents.includes('signIn')))?.handle;
      if (go !== undefined) await press(this.page, go, undefined, context.budget);
    }
    return { submitted: true, fingerprint: look.fingerprint, how: 'control' };
  }

  answerError(error: ScreenError): void {
    refusedBy(error);
  }
}

/** An offer to add a passkey after sign-in: declined ("Not now", "Skip"). */
export class PasskeyOfferPage extends RecognisedScreen implements JourneyScreen {
  readonly name = 'passkey offer';
  readonly step = 'Decline passkey';
  readonly sends = 'choice';

  matches(look: Look): boolean {
    return look.cues.passkey && look.roles.decline !== undefined && look.roles.password === undefined && look.roles.username === undefined && look.roles.oneTimeCode === undefined;
  }

  act(look: Look, context: JourneyContext): Promise<Submission> {
    if (look.roles.decline === undefined) return Promise.resolve({ submitted: false, why: 'no button to decline' });
    return pressOnly(this.page, look, look.roles.decline, context.budget);
  }

  answerError(error: ScreenError): void {
    refusedBy(error);
  }
}
