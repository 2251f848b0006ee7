import { createHash } from 'node:crypto';
import { DEFAULT_TOTP_SECRET } from './defaults.js';
import type { MockUser, UserMfa, UserStatus } from './types.js';
import { secureEqual } from './secure-compare.js';
import { totpFor } from './totp.js';

export interface UserTraits {
  mfa: UserMfa | undefined;
  status: UserStatus;
  totpSecret: string;
}

export class UserDirectory {
  readonly #users: ReadonlyMap<string, MockUser>;

  constructor(users: readonly MockUser[]) {
    for (const user of users) {
      // A secret that cannot make codes would only show up as "wrong code" later.
      if (user.totpSecret !== undefined) {
        try {
          totpFor(user.totpSecret);
        } catch {
          throw new Error(`Mock user ${user.username}: totpSecret is not base32 or an otpauth://totp URI`);
        }
      }
    }
    this.#users = new Map(users.map((user) => [user.username, user]));
  }

  exists(username: string): boolean {
    return this.#users.has(username);
  }

  passwordMatches(username: string, password: string): boolean {
    const user = this.#users.get(username);
    // Compare against something even for unknown users so timing does not reveal them.
    return secureEqual(password, user?.password ?? '\u0000no-such-user') && user !== undefined;
  }

  /** The user's own settings over the pool's. */
  traits(username: string, pool: { userMfa: UserMfa | undefined; userStatus: UserStatus }): UserTraits {
    const user = this.#users.get(username);
    return {
      mfa: user?.mfa ?? pool.userMfa,
      status: user?.status ?? pool.userStatus,
      totpSecret: user?.totpSecret ?? DEFAULT_TOTP_SECRET,
    };
  }
}

/**
 * Cognito's `sub` is a UUID that never changes for a user. Deriving it from the
 * username keeps it stable across server restarts, which tests comparing tokens rely on.
 */
export function subjectOf(username: string): string {
  const hex = createHash('sha256').update(`rayteams-mock-user:${username}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
