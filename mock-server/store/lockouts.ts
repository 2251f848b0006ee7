import type { Clock } from '../types.js';

interface FailureRecord {
  consecutiveFailures: number;
  lockedUntil: number;
}

/**
 * Cognito-style throttling: after `threshold` wrong passwords in a row the user is
 * locked for `baseMs`; every further wrong password after a lock doubles it.
 * A successful sign-in forgets the history.
 */
export class LockoutStore {
  readonly #records = new Map<string, FailureRecord>();

  constructor(
    private readonly threshold: number,
    private readonly baseMs: number,
    private readonly now: Clock = Date.now,
  ) {}

  isLocked(username: string): boolean {
    const record = this.#records.get(username);
    return record !== undefined && this.now() < record.lockedUntil;
  }

  /** Records a wrong password; true when this failure locked the user. */
  recordFailure(username: string): boolean {
    const record = this.#records.get(username) ?? { consecutiveFailures: 0, lockedUntil: 0 };
    record.consecutiveFailures += 1;
    this.#records.set(username, record);
    const beyond = record.consecutiveFailures - this.threshold;
    if (beyond < 0) return false;
    // Capped so a long-running server never overflows into an "unlocked" Infinity/NaN.
    record.lockedUntil = this.now() + this.baseMs * 2 ** Math.min(beyond, 20);
    return true;
  }

  recordSuccess(username: string): void {
    this.#records.delete(username);
  }
}
