/**
 * Tokens the run received, known to redaction and to the scan without being written down in clear.
 * Whoever receives tokens (the tokenClient fixture, the health check) appends their SHA-256 to a
 * ledger file inside the artifact folder; redaction and the scan hash every token-like string they
 * meet and compare. A hash of a random 256-bit token reveals nothing about it.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** The ledger's file name; redaction and the scan read every one they find under the paths they walk. */
export const TOKEN_LEDGER_FILE = '.seen-token-hashes';

/** Tokens are long; shorter strings are never compared (and would cost a hash each). */
const MIN_TOKEN_LENGTH = 16;

/** A token-like run: base64/base64url, JWT dots, RFC 6749 unreserved characters; padding only at the end. */
export const TOKEN_CANDIDATE = new RegExp(`[A-Za-z0-9\\-._~+/]{${MIN_TOKEN_LENGTH},}={0,2}`, 'g');

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Appends the hashes of `tokens` (undefined ones skipped) to `ledgerFile`; safe from parallel workers. */
export function recordSeenTokens(ledgerFile: string, tokens: Iterable<string | undefined>): void {
  const lines = [...tokens].filter((token): token is string => typeof token === 'string' && token.length >= MIN_TOKEN_LENGTH).map((token) => `${hashToken(token)}\n`);
  if (lines.length === 0) return;
  mkdirSync(dirname(ledgerFile), { recursive: true });
  // One short append per call: O_APPEND keeps lines from parallel workers whole.
  appendFileSync(ledgerFile, lines.join(''), { mode: 0o600 });
}

/**
 * One-time codes (TOTP) are short digits, too short for the token rule, so they get a rule of their
 * own: a run of 6 to 8 digits is replaced when its hash is in the ledger. Hashing cannot hide a
 * 6-digit code from a search, but such a code is dead once its 30-second window has passed and
 * Cognito takes it once; the ledger only keeps redaction from needing the value in clear.
 */
export const ONE_TIME_CODE_CANDIDATE = /(?<![0-9])[0-9]{6,8}(?![0-9])/g;

function hashOneTimeCode(code: string): string {
  return hashToken(`one-time-code:${code}`);
}

export function recordOneTimeCodes(ledgerFile: string, codes: Iterable<string>): void {
  const lines = [...codes].filter((code) => /^[0-9]{6,8}$/.test(code)).map((code) => `${hashOneTimeCode(code)}\n`);
  if (lines.length === 0) return;
  mkdirSync(dirname(ledgerFile), { recursive: true });
  appendFileSync(ledgerFile, lines.join(''), { mode: 0o600 });
}

export function isSeenOneTimeCode(candidate: string, hashes: ReadonlySet<string>): boolean {
  return hashes.has(hashOneTimeCode(candidate));
}

export function parseLedger(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => /^[0-9a-f]{64}$/.test(line));
}

/** Does this token-like run (or the run without its base64 padding) hash to a recorded token? */
export function isSeenToken(candidate: string, hashes: ReadonlySet<string>): boolean {
  if (hashes.has(hashToken(candidate))) return true;
  const unpadded = candidate.replace(/=+$/, '');
  return unpadded !== candidate && hashes.has(hashToken(unpadded));
}
