import { createHash, randomBytes } from 'node:crypto';

/** RFC 7636 §4.1: 32 random bytes give a 43-character verifier, the shortest the spec allows. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** RFC 7636 §4.2, S256 (the only method Cognito accepts). */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A fresh `state`: unguessable, so a callback with the same value proves it answers our request. */
export function createState(): string {
  return randomBytes(24).toString('base64url');
}
