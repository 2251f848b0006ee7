import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { subjectOf } from './users.js';

export const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

export interface TokenSubject {
  username: string;
  clientId: string;
  scope: string | undefined;
  authTime: number;
  nonce?: string | undefined;
}

interface SigningKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * RS256 signing with a key made per server, so tokens from an earlier run never
 * verify. The key is made on first use: RSA generation costs a noticeable fraction
 * of a second and most servers (screen tests, health probes) never sign anything.
 */
export class TokenSigner {
  #key: Promise<SigningKey> | undefined;

  constructor(private readonly issuer: () => string) {}

  #signingKey(): Promise<SigningKey> {
    this.#key ??= (async () => {
      const { privateKey, publicKey } = await generateKeyPair('RS256');
      const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
      return { privateKey, publicJwk };
    })();
    return this.#key;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [(await this.#signingKey()).publicJwk] };
  }

  /** `foreignKey`: signed by a key this server never publishes (the same kid), for signature checks. */
  async idToken(subject: TokenSubject, options: { foreignKey?: boolean } = {}): Promise<string> {
    const claims: Record<string, unknown> = {
      email: subject.username,
      email_verified: true,
      'cognito:username': subject.username,
      token_use: 'id',
      auth_time: Math.floor(subject.authTime / 1000),
    };
    if (subject.nonce !== undefined) claims['nonce'] = subject.nonce;
    if (!options.foreignKey) return this.#sign(claims, subject, subject.clientId);
    const { privateKey } = await generateKeyPair('RS256');
    return this.#sign(claims, subject, subject.clientId, privateKey);
  }

  accessToken(subject: TokenSubject): Promise<string> {
    const claims: Record<string, unknown> = {
      client_id: subject.clientId,
      token_use: 'access',
      username: subject.username,
      auth_time: Math.floor(subject.authTime / 1000),
      jti: randomUUID(),
    };
    if (subject.scope) claims['scope'] = subject.scope;
    return this.#sign(claims, subject);
  }

  async #sign(claims: Record<string, unknown>, subject: TokenSubject, audience?: string, otherKey?: CryptoKey): Promise<string> {
    const { privateKey: ownKey, publicJwk } = await this.#signingKey();
    const privateKey = otherKey ?? ownKey;
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: publicJwk.kid ?? '', typ: 'JWT' })
      .setIssuer(this.issuer())
      .setSubject(subjectOf(subject.username))
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN_LIFETIME_SECONDS}s`);
    if (audience !== undefined) jwt.setAudience(audience);
    return jwt.sign(privateKey);
  }
}
