/**
 * Time-based one-time codes (RFC 6238) for a test account with authenticator-app MFA, through the
 * maintained `otpauth` library. The secret comes from TEST_TOTP_SECRET: base32, as authenticator apps
 * are given it, or an otpauth:// URI.
 *
 * Cognito refuses a code already used in its 30-second window ("Your software token has already been
 * used once."), so this process remembers the last time step it used per secret and never enters the
 * same step (nor the same code) twice: a second code in the same window waits for the next window,
 * within the caller's deadline.
 */
import { createHash } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { HarnessError } from '../errors.js';

export type Totp = OTPAuth.TOTP;

/** Parses TEST_TOTP_SECRET; throws an Error whose message names the problem (never the value). */
export function parseTotpSecret(text: string): Totp {
  const trimmed = text.trim();
  if (/^otpauth:\/\//i.test(trimmed)) {
    let parsed: OTPAuth.HOTP | OTPAuth.TOTP;
    try {
      parsed = OTPAuth.URI.parse(trimmed);
    } catch {
      throw new Error('not a valid otpauth:// URI');
    }
    if (!(parsed instanceof OTPAuth.TOTP)) throw new Error('an otpauth://hotp URI: only time-based (totp) codes are supported');
    return parsed;
  }
  const base32 = trimmed.replace(/[\s-]/g, '').toUpperCase().replace(/=+$/, '');
  if (!/^[A-Z2-7]+$/.test(base32)) throw new Error('not base32 (letters A-Z and digits 2-7) nor an otpauth:// URI');
  if (base32.length < 16) throw new Error('too short for a TOTP secret (at least 16 base32 characters)');
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(base32), algorithm: 'SHA1', digits: 6, period: 30 });
}

/** The secret as base32 (what an otpauth:// URI carries inside), for redaction. */
export function totpSecretBase32(totp: Totp): string {
  return totp.secret.base32;
}

interface Usage {
  steps: Set<number>;
  codes: Set<string>;
  lastStep: number;
}

/** Per process: which time steps and codes each secret has already been used for. */
const usage = new Map<string, Usage>();

function usageOf(totp: Totp): Usage {
  const key = createHash('sha256').update(totp.secret.base32).digest('hex');
  let entry = usage.get(key);
  if (!entry) {
    entry = { steps: new Set(), codes: new Set(), lastStep: -Infinity };
    usage.set(key, entry);
  }
  return entry;
}

/**
 * The authenticator's clock: real time unless given. A test shares a fake one with its login
 * service, so waiting for the next 30-second window moves both clocks instead of taking 30 s.
 */
export interface TotpClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface CodeRequest {
  /** epoch ms (real time) by which the code must have been entered */
  deadline: number;
  /** a step before the current one, to try once after a rejection (the server's clock may be behind) */
  earlierStep?: boolean;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Time a code needs to be typed and submitted after its window opens; waits are not worth less. */
const ENTRY_MARGIN_MS = 1_000;

/**
 * A code never entered before by this process. Normally the current window's; when this window's
 * code was already used, the next window's, waiting for it to begin (a HarnessError `timeout` when
 * that comes after the deadline).
 */
export async function nextTotpCode(totp: Totp, request: CodeRequest): Promise<{ code: string; step: number }> {
  const now = request.now ?? Date.now;
  const sleep = request.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const used = usageOf(totp);
  const periodMs = totp.period * 1000;
  const current = totp.counter({ timestamp: now() });
  if (request.earlierStep) {
    const earlier = current - 1;
    const code = totp.generate({ timestamp: earlier * periodMs });
    if (!used.steps.has(earlier) && !used.codes.has(code)) return remember(used, earlier, code);
  }
  let step = Math.max(current, used.lastStep + 1);
  for (;;) {
    const code = totp.generate({ timestamp: step * periodMs });
    if (!used.steps.has(step) && !used.codes.has(code)) {
      const opensAt = step * periodMs;
      const wait = opensAt - now();
      if (wait > 0) {
        // The wait against the real time left: on a test's fake clock it takes none, but must still fit.
        if (wait + ENTRY_MARGIN_MS > request.deadline - Date.now()) {
          throw new HarnessError('timeout', `the one-time code of this 30-second window was already used and the next window opens after the deadline (in ${Math.ceil(wait / 1000)} s); allow a longer --timeout`);
        }
        // Cognito accepts a code only in its window: wait for it, a little past its start.
        await sleep(wait + 50);
      }
      return remember(used, step, code);
    }
    step += 1;
  }
}

function remember(used: Usage, step: number, code: string): { code: string; step: number } {
  used.steps.add(step);
  used.codes.add(code);
  used.lastStep = Math.max(used.lastStep, step);
  return { code, step };
}
