import type { Clock, LoginUi, MockFaults } from './types.js';
import type { ClientRegistry } from './clients.js';
import type { UserDirectory } from './users.js';
import type { CodeStore } from './store/codes.js';
import type { SessionStore } from './store/sessions.js';
import type { LockoutStore } from './store/lockouts.js';
import type { RefreshTokenStore } from './store/refresh-tokens.js';
import type { TokenSigner } from './tokens.js';

/** Cognito's hosted UI calls its session cookie this. */
export const SESSION_COOKIE = 'cognito';

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
  /** Mutable at run time through MockServer.setFaults / setLoginUi. */
  faults: MockFaults;
  loginUi: LoginUi;
  /** RFC 9207 `iss` on callbacks */
  readonly sendIssuer: boolean;
  readonly now: Clock;
  readonly log: (line: string) => void;
}
