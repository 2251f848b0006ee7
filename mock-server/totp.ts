import { createHash } from 'node:crypto';
import { Secret, TOTP, URI } from 'otpauth';

/** RFC 6238 as Cognito uses it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;

/** Accepts a bare base32 secret (spaces and case ignored) or an otpauth://totp URI. */
export function totpFor(secret: string): TOTP {
  const trimmed = secret.trim();
  if (/^otpauth:\/\//i.test(trimmed)) {
    const parsed = URI.parse(trimmed);
    if (!(parsed instanceof TOTP)) throw new Error('TOTP secret URI is not otpauth://totp');
    return parsed;
  }
  return new TOTP({
    secret: Secret.fromBase32(trimmed.replace(/\s+/g, '').toUpperCase()),
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
  });
}

export type TotpVerdict = 'accepted' | 'reused' | 'mismatch';

/**
 * Cognito's rule: a code is good in its window (one step of drift either way),
 * and a code already accepted for that step is refused. Codes are never stored,
 * only the steps they were accepted for and hashes of what was submitted.
 */
export class TotpLedger {
  /** username -> time steps already used */
  readonly #usedSteps = new Map<string, Set<number>>();
  /** hash(username, step, code) -> step, of recent submissions, to spot a client repeating itself */
  readonly #submitted = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True when this user already submitted this very code in the current window. */
  noteSubmission(username: string, code: string): boolean {
    const step = Math.floor(this.now() / 1000 / TOTP_PERIOD_SECONDS);
    const key = createHash('sha256').update(`${username}\u0000${step}\u0000${code}`).digest('hex');
    const repeated = this.#submitted.has(key);
    // Only the current window matters; older entries would only grow a long-running server.
    for (const [k, s] of this.#submitted) if (s < step - 1) this.#submitted.delete(k);
    this.#submitted.set(key, step);
    return repeated;
  }

  verify(username: string, secret: string, code: string): TotpVerdict {
    if (!/^\d{6}$/.test(code)) return 'mismatch';
    const totp = totpFor(secret);
    const timestamp = this.now();
    const delta = totp.validate({ token: code, timestamp, window: 1 });
    if (delta === null) return 'mismatch';
    const step = Math.floor(timestamp / 1000 / totp.period) + delta;
    const used = this.#usedSteps.get(username) ?? new Set<number>();
    if (used.has(step)) return 'reused';
    used.add(step);
    this.#usedSteps.set(username, used);
    return 'accepted';
  }
}
