import type { Clock, LoginUi, MockFaults, MockStats, UserMfa, UserStatus } from './types.js';
import type { ClientRegistry } from './clients.js';
import type { UserDirectory } from './users.js';
import type { CodeStore } from './store/codes.js';
import type { SessionStore } from './store/sessions.js';
import type { LockoutStore } from './store/lockouts.js';
import type { RefreshTokenStore } from './store/refresh-tokens.js';
import type { TokenSigner } from './tokens.js';
import type { Lang } from './i18n.js';
import type { FlowStore } from './flows.js';
import type { TotpLedger } from './totp.js';

/** Cognito's hosted UI calls its session cookie this. */
export const SESSION_COOKIE = 'cognito';

/** How the pool treats users after the password; see MockServerOptions. */
export interface PoolSettings {
  userMfa: UserMfa | undefined;
  userStatus: UserStatus;
  signInChoice: boolean;
  passkeyOffer: boolean;
  unknownClientError: string;
}

/** Everything a route handler may need; one per running server. */
export interface ServerContext {
  /** Filled in once the port is known; it is also the token issuer. */
  url: string;
  readonly clients: ClientRegistry;
  readonly users: UserDirectory;
  readonly codes: CodeStore;
  readonly sessions: SessionStore;
  readonly lockouts: LockoutStore;
  readonly refreshTokens: RefreshTokenStore;
  readonly signer: TokenSigner;
  readonly flows: FlowStore;
  readonly totp: TotpLedger;
  readonly pool: PoolSettings;
  stats: MockStats;
  /** Mutable at run time through MockServer.setFaults / setLoginUi. */
  faults: MockFaults;
  loginUi: LoginUi;
  readonly loginLang: Lang;
  /** RFC 9207 `iss` on callbacks */
  readonly sendIssuer: boolean;
  readonly now: Clock;
  readonly log: (line: string) => void;
}
