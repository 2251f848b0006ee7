/*
 * What the server and the Cloudscape browser bundle agree on. Nothing here may import Node modules:
 * this file is bundled for the browser as well as compiled into the server.
 */

/** The screens the Cloudscape app draws; after the first, each is named by the server's answer. */
export type CloudscapeStep =
  | 'identifier'
  | 'sign-in'
  | 'password'
  | 'choice'
  | 'new-password'
  | 'totp'
  | 'sms'
  | 'email'
  | 'mfa-setup'
  | 'passkey-offer';

/** The steps a page can open on with markup pre-rendered at build time (the rest render in the browser). */
export type FirstStep = Extract<CloudscapeStep, 'identifier' | 'sign-in'>;
export const FIRST_STEPS: readonly FirstStep[] = ['identifier', 'sign-in'];

/** The product's words for every Cloudscape screen, already in the page's language. */
export const TEXT_KEYS = [
  'signInTitle',
  'username',
  'identifier',
  'password',
  'next',
  'signIn',
  'signingInAs',
  'forgotPassword',
  'enterUsername',
  'somethingWrong',
  'networkError',
  'totpTitle',
  'totpIntro',
  'code',
  'verify',
  'smsTitle',
  'smsIntro',
  'emailTitle',
  'emailIntro',
  'setupTitle',
  'setupIntro',
  'setupKey',
  'newPasswordTitle',
  'newPasswordIntro',
  'newPassword',
  'confirmPassword',
  'changePassword',
  'choiceTitle',
  'choiceIntro',
  'choicePassword',
  'choiceEmail',
  'choiceSms',
  'choicePasskey',
  'passkeyTitle',
  'passkeyIntro',
  'passkeyAdd',
  'passkeyNotNow',
] as const;
export type TextKey = (typeof TEXT_KEYS)[number];
export type CloudscapeTexts = Readonly<Record<TextKey, string>>;

/** Where a sentence takes the masked phone number or address a code was sent to. */
export const DESTINATION_SLOT = '{destination}';

/** How the screens behave; the mock's faults switch these. */
export interface CloudscapeBehaviour {
  /** After a refused password the field keeps what was typed (default: cleared). */
  passwordKept: boolean;
  /** Server refusals shown under the field (FormField errorText) instead of in the form (Form errorText). */
  errorAsField: boolean;
  /** "Forgot password?" on the password step instead of the first. */
  forgotOnStep2: boolean;
  /** The username field carries no recognisable name, label or autocomplete token. */
  selectorDrift: boolean;
}

/** The page's JSON configuration (a non-executable script element, so a strict CSP allows it). */
export interface CloudscapePageConfig {
  lang: string;
  /** The authorize query, forwarded on every POST and on the forgot-password link. */
  rawQuery: string;
  csrfToken: string;
  texts: CloudscapeTexts;
  step: CloudscapeStep;
  /** Where the current step posts (path and query). */
  action: string;
  username?: string;
  setupKey?: string;
  destination?: string;
  error?: string;
  /** The markup in the page is this step's pre-rendered form: hydrate it rather than draw anew. */
  hydrate: boolean;
  /** Hydrate this late: the server's form is on screen but inert until then. */
  lateHydrationMs: number | null;
  behaviour: CloudscapeBehaviour;
}

/** The JSON a step's POST answers with. */
export interface StepAnswer {
  /** Where the browser goes next: the next step's path, or the callback. */
  redirect?: string;
  /** Set when `redirect` is a step the app draws itself, without a page load. */
  challenge?: CloudscapeStep;
  username?: string;
  setupKey?: string;
  destination?: string;
  error?: string;
}

/** The element ids the page and the bundle share. */
export const ROOT_ID = 'root';
export const CONFIG_ID = 'login-config';

/*
 * Pre-rendered markup (built by prerender.ts) carries slots the server fills with HTML-escaped values.
 */
export const RAW_QUERY_SLOT = '{{rawQuery}}';
export const LOADING_TEMPLATE = 'loading';

export function textSlot(key: TextKey): string {
  return `{{${key}}}`;
}

/** Which pre-rendered markup a page needs: the first step and what changes its structure. */
export function templateKey(step: FirstStep, behaviour: Pick<CloudscapeBehaviour, 'forgotOnStep2' | 'selectorDrift'>): string {
  return `${step}|forgot-${behaviour.forgotOnStep2 ? 'later' : 'first'}|${behaviour.selectorDrift ? 'drift' : 'plain'}`;
}

/** dist/cloudscape/manifest.json: the bundle's version and the pre-rendered markup by templateKey. */
export interface CloudscapeManifest {
  version: string;
  script: string;
  style: string;
  templates: Record<string, string>;
}
