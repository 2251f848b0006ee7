import { randomBytes } from 'node:crypto';

export interface RefreshGrant {
  clientId: string;
  username: string;
  scope: string | undefined;
  authTime: number;
}

/** Opaque refresh tokens, as Cognito's are encrypted blobs the client cannot read. */
export class RefreshTokenStore {
  readonly #grants = new Map<string, RefreshGrant>();

  issue(grant: RefreshGrant): string {
    const token = randomBytes(48).toString('base64url');
    this.#grants.set(token, grant);
    return token;
  }

  find(token: string): RefreshGrant | undefined {
    return this.#grants.get(token);
  }
}
