/**
 * What one look at a screen reports: the contract between the recogniser (which reads the page) and
 * the page objects and journey (which act on it). Types only; values never leave the page, only their
 * lengths do.
 */

export type FieldRole = 'username' | 'password' | 'newPassword' | 'oneTimeCode' | 'other';
export type ButtonIntent = 'signIn' | 'next' | 'continue' | 'decline' | 'methodPassword' | 'passkey' | 'forgotPassword';
export type ScreenErrorKind = 'incorrect' | 'locked' | 'codeUsed' | 'codeMismatch' | 'other';
/** How a control is drawn: a button (or input[type=submit|image], [role=button]), a link, or a radio/tile option. */
export type ControlKind = 'button' | 'link' | 'choice';
/** Where a one-time code comes from, by the screen's words and the masked destination it shows. */
export type OneTimeCodeChannel = 'authenticator app' | 'SMS' | 'e-mail';

export interface SeenField {
  /** opaque: turn it into a locator with byHandle(); it may name an element inside a frame or a shadow root */
  handle: string;
  role: FieldRole;
  /** the input's type, e.g. text, email, password, tel */
  type: string;
  valueLength: number;
}

export interface SeenButton {
  handle: string;
  /** the control's visible text (or value, aria-label, aria-labelledby text), shortened: never a value typed by the harness */
  text: string;
  intents: ButtonIntent[];
  kind: ControlKind;
  /** a radio option or tile (kind 'choice'); kept for callers that only ask this */
  choice: boolean;
  /** drawn as the screen's primary action (the form's submit, a primary-styled button or link) */
  primary: boolean;
}

export interface ScreenError {
  text: string;
  kind: ScreenErrorKind;
  /** how it was found: an alert role, an aria-live region, an invalid field's described-by text, an error-styled element, or words alone */
  source: 'alert' | 'live' | 'field' | 'styled' | 'words';
}

export interface Look {
  title: string;
  /** location.pathname only: queries carry state and codes */
  path: string;
  fields: SeenField[];
  buttons: SeenButton[];
  roles: {
    username?: string;
    password?: string;
    newPasswords: string[];
    oneTimeCode?: string;
    /** the control that submits the main form: a button, input[type=submit|image], [role=button] or a link styled as the primary action */
    submit?: string;
    decline?: string;
    methodPassword?: string;
    /** on a screen with no fields: its one primary action ("Continue", "Weiter", "계속"), an interstitial to press once */
    continue?: string;
    /** the "Forgot your password?" link or button, on whichever step shows it */
    forgotPassword?: string;
  };
  /** an error the screen shows, with text; an empty or still-filling error box is `errorPending` instead */
  error?: ScreenError;
  /** an error container (alert, live region, error-styled box) is visible but still empty: wait a bounded moment before acting again */
  errorPending: boolean;
  /** a loading/busy indicator is shown (aria-busy, progressbar, spinner, a "Loading…" alert): never an error, never a screen to act on */
  busy: boolean;
  cues: {
    mfaSetup: boolean;
    qr: boolean;
    /** which channel a one-time code screen names; undefined when it names none (an authenticator app is then assumed) */
    codeChannel?: OneTimeCodeChannel;
    passkey: boolean;
    newPassword: boolean;
    errorPage: boolean;
    oneTimeCode: boolean;
    /** a consent / authorize-this-app page */
    consent: boolean;
    /** @deprecated read codeChannel: an SMS sentence is on screen (kept until the journey reads codeChannel) */
    sms?: boolean;
    /** @deprecated read codeChannel: an e-mail code sentence is on screen */
    emailCode?: boolean;
    /** @deprecated read codeChannel: "we sent a code" in some words */
    codeSent?: boolean;
    /** @deprecated read codeChannel: a masked e-mail address is shown */
    sentToEmail?: boolean;
    /** @deprecated read codeChannel: a masked phone number is shown */
    sentToPhone?: boolean;
  };
  /** anything a person could act on: a visible field, button or link */
  drawn: boolean;
  /** loaded, and nothing at all to see: no text, no field, no control */
  empty: boolean;
  /** the page has no script that could still draw something */
  scriptless: boolean;
  /** the classic hosted UI's hidden _csrf field is there (reported as the login shape, not used to recognise) */
  classic: boolean;
  /** LOGIN_*_SELECTOR overrides that are not valid selectors */
  invalidOverrides: string[];
  /** what changes when the screen changes (path, fields, their handles and emptiness, control texts, errors, busy) */
  fingerprint: string;
}

export interface RecogniserOverrides {
  username?: string | undefined;
  password?: string | undefined;
  submit?: string | undefined;
}
