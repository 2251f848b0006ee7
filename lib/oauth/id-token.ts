/**
 * OpenID Connect Core §3.1.3.7: an ID token is believed only once its signature verifies against
 * the issuer's published keys (or the client secret, for HS256), it names the expected issuer and
 * this client, has not expired, and carries the nonce this request sent. A failure names the claim;
 * the token itself never appears in a message.
 */
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { HarnessError } from '../errors.js';

export interface IdTokenExpectations {
  clientId: string;
  clientSecret: string | undefined;
  /** undefined: the issuer is not known and `iss` is not compared */
  issuer: string | undefined;
  /** the nonce the authorize request sent; undefined when it sent none */
  nonce: string | undefined;
  /** undefined: an asymmetric signature cannot be checked, only the claims (a Cognito-shaped base URL without OAUTH_ISSUER) */
  jwksUri: string | undefined;
  timeoutMs: number;
}

/** Clocks of servers and runners drift; a minute is what most relying parties allow. */
const CLOCK_TOLERANCE_SECONDS = 60;
const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
const SYMMETRIC_ALGORITHMS = ['HS256', 'HS384', 'HS512'];

function fail(message: string, cause?: unknown): never {
  throw new HarnessError('token_error', message, cause === undefined ? {} : { cause });
}

export async function verifyIdToken(idToken: string, expected: IdTokenExpectations): Promise<JWTPayload> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(idToken).alg;
  } catch (error) {
    fail('ID token is not a signed JWT', error);
  }
  const symmetric = alg !== undefined && SYMMETRIC_ALGORITHMS.includes(alg);
  const options = {
    audience: expected.clientId,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
    ...(expected.issuer !== undefined ? { issuer: expected.issuer } : {}),
  };
  let payload: JWTPayload;
  try {
    if (symmetric) {
      // The secret is a key only for HMAC, and only HMAC algorithms may use it: no key confusion.
      if (!expected.clientSecret) fail(`ID token is signed with ${alg}, which needs the client secret (OAUTH_CLIENT_SECRET)`);
      payload = (await jwtVerify(idToken, new TextEncoder().encode(expected.clientSecret), { ...options, algorithms: SYMMETRIC_ALGORITHMS })).payload;
    } else {
      if (expected.jwksUri === undefined) return checkClaimsOnly(idToken, expected);
      const keys = createRemoteJWKSet(new URL(expected.jwksUri), { timeoutDuration: Math.max(1, expected.timeoutMs), cooldownDuration: 0 });
      payload = (await jwtVerify(idToken, keys, { ...options, algorithms: ASYMMETRIC_ALGORITHMS })).payload;
    }
  } catch (error) {
    throw describeFailure(error, expected);
  }
  checkNonce(payload, expected);
  return payload;
}

/** The same claims, read without a key: what can be checked when nobody said where the keys are. */
function checkClaimsOnly(idToken: string, expected: IdTokenExpectations): JWTPayload {
  let payload: JWTPayload;
  try {
    payload = decodeJwt(idToken);
  } catch (error) {
    fail('ID token is not a JWT', error);
  }
  const now = Math.floor(Date.now() / 1000);
  if (expected.issuer !== undefined && payload.iss !== expected.issuer) fail(`ID token iss is not the expected issuer ${expected.issuer}`);
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
  if (!audiences.includes(expected.clientId)) fail(`ID token aud does not name this client (${expected.clientId})`);
  if (typeof payload.exp !== 'number') fail('ID token has no exp');
  if (payload.exp + CLOCK_TOLERANCE_SECONDS <= now) fail('ID token has expired (exp is in the past)');
  checkNonce(payload, expected);
  return payload;
}

function checkNonce(payload: JWTPayload, expected: IdTokenExpectations): void {
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== expected.clientId) {
    fail('ID token azp does not name this client although aud lists several audiences');
  }
  if (expected.nonce === undefined) return;
  if (payload['nonce'] === undefined) fail('ID token carries no nonce although the request sent one');
  if (payload['nonce'] !== expected.nonce) fail('ID token nonce does not match the request');
}

function describeFailure(error: unknown, expected: IdTokenExpectations): HarnessError {
  if (error instanceof HarnessError) return error;
  if (error instanceof errors.JWTExpired) return new HarnessError('token_error', 'ID token has expired (exp is in the past)', { cause: error });
  if (error instanceof errors.JWTClaimValidationFailed) {
    const what: Record<string, string> = {
      iss: `ID token iss is not the expected issuer ${expected.issuer ?? ''}`.trim(),
      aud: `ID token aud does not name this client (${expected.clientId})`,
      nbf: 'ID token is not valid yet (nbf)',
      iat: 'ID token iat is missing or not a time',
      sub: 'ID token has no sub',
      exp: 'ID token has no exp',
    };
    return new HarnessError('token_error', what[error.claim] ?? `ID token claim ${error.claim} is not valid (${error.reason})`, { cause: error });
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new HarnessError('token_error', `ID token signature does not verify${expected.jwksUri !== undefined ? ` against the keys at ${expected.jwksUri}` : ' with the client secret'}`, { cause: error });
  }
  if (error instanceof errors.JWKSNoMatchingKey) return new HarnessError('token_error', `ID token signature: no key at ${expected.jwksUri ?? 'the jwks_uri'} matches its kid`, { cause: error });
  if (error instanceof errors.JOSEAlgNotAllowed) return new HarnessError('token_error', 'ID token is signed with an algorithm the harness does not accept (none, or not in the expected family)', { cause: error });
  if (error instanceof errors.JWKSTimeout) return new HarnessError('timeout', `the ID token's keys (${expected.jwksUri ?? 'jwks_uri'}) did not arrive within the run's budget`, { cause: error });
  if (error instanceof errors.JWKSInvalid || error instanceof errors.JOSEError) return new HarnessError('token_error', `ID token cannot be verified: ${error.message}`, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new HarnessError('network', `cannot fetch the ID token's keys from ${expected.jwksUri ?? 'jwks_uri'}: ${message}`, { cause: error });
}
