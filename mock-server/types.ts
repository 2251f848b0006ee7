import type { Lang } from './i18n.js';

export type { Lang } from './i18n.js';

/**
 * - `classic`: Cognito's classic hosted UI (server-rendered, English);
 * - `managed`, `managed-two-step`: managed login (script-rendered, localised),
 *   the two-step one drawing its steps client-side and posting once;
 * - `managed-two-page`: managed login whose username and password steps are
 *   separate pages posting to their own paths (/login, then /login/password);
 * - `conventional`: a generic server-rendered form unlike either Cognito UI;
 * - `managed-cloudscape`: managed login built with the real Cloudscape components (React), the
 *   username step pre-rendered and hydrated, every later step drawn in the browser after a fetch;
 *   `managed-cloudscape-one-step` asks username and password together on that first step.
 */
export type LoginUi =
  | 'classic'
  | 'managed'
  | 'managed-two-step'
  | 'managed-two-page'
  | 'conventional'
  | 'managed-cloudscape'
  | 'managed-cloudscape-one-step';

export const LOGIN_UIS: readonly LoginUi[] = [
  'classic',
  'managed',
  'managed-two-step',
  'managed-two-page',
  'conventional',
  'managed-cloudscape',
  'managed-cloudscape-one-step',
];

/** What is asked after the password: a TOTP code, a code by SMS or e-mail, or enrolment of an authenticator. */
export type UserMfa = 'totp' | 'sms' | 'email' | 'setup';
export const USER_MFAS: readonly UserMfa[] = ['totp', 'sms', 'email', 'setup'];

/** FORCE_CHANGE_PASSWORD: created with a temporary password, asked for a new one after sign-in. */
export type UserStatus = 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD';
export const USER_STATUSES: readonly UserStatus[] = ['CONFIRMED', 'FORCE_CHANGE_PASSWORD'];

export interface MockClient {
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
  logoutUris?: string[];
}

export interface MockUser {
  username: string;
  password: string;
  /** Base32 secret or otpauth:// URI; defaults to DEFAULT_TOTP_SECRET when mfa is totp. */
  totpSecret?: string;
  /** Overrides the server-wide userMfa for this user. */
  mfa?: UserMfa;
  /** Overrides the server-wide userStatus for this user. */
  status?: UserStatus;
}

export interface MockFaults {
  login500?: boolean;
  slowLoginMs?: number;
  malformedCode?: boolean;
  missingCode?: boolean;
  stateMismatch?: boolean;
  accessDenied?: boolean;
  selectorDrift?: boolean;
  token500?: boolean;
  /**
   * The login form is inert, then drawn again empty, this long after load (the Cloudscape view:
   * hydrated this late, so what was typed before is not in React's state).
   */
  lateHydrationMs?: number;
  /** Cloudscape view: a refused password stays in its field (default: the field is cleared). */
  passwordKept?: boolean;
  /** Cloudscape view: refusals under the field (FormField errorText), not in the form's error Alert. */
  errorAsField?: boolean;
  /** Cloudscape view: "Forgot password?" on the password step, not on the username step. */
  forgotOnStep2?: boolean;
  /** The first load of /login in a browser draws no form; a reload does. */
  blankFirstRender?: boolean;
  /** GET /v1.0/me refuses every token (401) or fails (500) */
  me401?: boolean;
  me500?: boolean;
  /** RFC 9207: send an `iss` on the callback that is not this server */
  wrongIssuer?: boolean;
  /** OpenID Connect servers may refuse `scope=openid` without a `nonce`; this one then does */
  requireNonce?: boolean;
  /** the ID token carries a nonce other than the one the request sent */
  nonceMismatch?: boolean;
  /** the ID token is signed with a key the JWKS does not publish */
  badIdTokenSignature?: boolean;
  /** the discovery documents name an issuer other than this server */
  discoveryIssuerMismatch?: boolean;
  /** no discovery document at all (both well-known placements answer 404) */
  discovery404?: boolean;
}

/** Milliseconds since the epoch; tests pass one they can move forward instead of sleeping. */
export type Clock = () => number;

export interface MockServerOptions {
  /** 0 = any free port. */
  port?: number;
  host?: string;
  clients?: MockClient[];
  users?: MockUser[];
  loginUi?: LoginUi;
  /** Managed login's language when the request has no `lang` (and no cookie remembers one). Default en. */
  loginLang?: Lang;
  /** A string is read like MOCK_FAULTS, e.g. "login-500,slow-login=2500". */
  faults?: MockFaults | string;
  /** For users without their own `mfa`: what is asked after the password. Default: nothing. */
  userMfa?: UserMfa;
  /** For users without their own `status`. Default CONFIRMED. */
  userStatus?: UserStatus;
  /** Managed login asks the username, then which sign-in method (password, e-mail or SMS code, passkey). */
  signInChoice?: boolean;
  /** After sign-in, offer to add a passkey ("Not now" goes on to the callback). */
  passkeyOffer?: boolean;
  /**
   * The `error` of the error page for an unknown client or unregistered redirect URI.
   * Cognito's value is undocumented; `random` picks one of several per request.
   * Default redirect_mismatch.
   */
  unknownClientError?: string;
  codeTtlSeconds?: number;
  sessionTtlSeconds?: number;
  /** Consecutive wrong passwords before the user is locked. */
  lockoutThreshold?: number;
  /** First lock duration; every further failure doubles it. */
  lockoutBaseMs?: number;
  /** RFC 9207: put `iss` (this server's URL) on every callback. Default false, like Cognito today. */
  sendIssuer?: boolean;
  /** Time for code expiry, sessions and lockouts (default Date.now); tests drive it instead of sleeping. */
  clock?: Clock;
  /** Request log sink. Lines never carry passwords, secrets, codes, tokens or query strings. */
  log?: (line: string) => void;
}

/** What the server saw, for tests: the harness must never change the account. */
export interface MockStats {
  /** New passwords accepted on the forced-change screen. */
  passwordChanges: number;
  /** Authenticators enrolled on the MFA setup screen, plus passkeys added. */
  deviceEnrolments: number;
  /** One-time codes submitted on the code screens (TOTP, SMS, e-mail, setup). */
  oneTimeCodesSubmitted: number;
  /** Of those, accepted. */
  oneTimeCodesAccepted: number;
  /** Submissions of a code the same user had already submitted in the same 30 s window: must stay 0. */
  oneTimeCodesRepeated: number;
  /** TOTP codes refused because already used ("Your software token has already been used once."). */
  oneTimeCodesRefusedAsReused: number;
  /** Codes refused as wrong. */
  oneTimeCodesRejected: number;
}

export interface MockServer {
  /** Origin without a trailing slash, e.g. http://127.0.0.1:4321 */
  url: string;
  port: number;
  close(): Promise<void>;
  setFaults(faults: MockFaults | string): void;
  /** What GET /.well-known/openid-configuration serves now; undefined under the discovery-404 fault. */
  discoveryDocument(): Record<string, unknown> | undefined;
  setLoginUi(ui: LoginUi): void;
  /** A snapshot; also served as JSON at GET /__mock/stats for tests in other processes. */
  stats(): MockStats;
  resetStats(): void;
  /** Moves the server's clock (see `clock`) forward without waiting; only when no `clock` was given. */
  advanceClock(ms: number): void;
}
