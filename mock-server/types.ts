export type LoginUi = 'classic' | 'managed' | 'managed-two-step';

export const LOGIN_UIS: readonly LoginUi[] = ['classic', 'managed', 'managed-two-step'];

export interface MockClient {
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
  logoutUris?: string[];
}

export interface MockUser {
  username: string;
  password: string;
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
  /** RFC 9207: send an `iss` on the callback that is not this server */
  wrongIssuer?: boolean;
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
  /** A string is read like MOCK_FAULTS, e.g. "login-500,slow-login=2500". */
  faults?: MockFaults | string;
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

export interface MockServer {
  /** Origin without a trailing slash, e.g. http://127.0.0.1:4321 */
  url: string;
  port: number;
  close(): Promise<void>;
  setFaults(faults: MockFaults | string): void;
  setLoginUi(ui: LoginUi): void;
  /** Moves the server's clock (see `clock`) forward without waiting; only when no `clock` was given. */
  advanceClock(ms: number): void;
}
