import { randomUUID } from 'node:crypto';
import type { Clock } from '../types.js';

export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  username: string;
  scope: string | undefined;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  authTime: number;
  expiresAt: number;
}

export type Redemption = { ok: true; grant: CodeGrant } | { ok: false };

/** Authorization codes: UUIDs, single-use, expiring. */
export class CodeStore {
  readonly #grants = new Map<string, CodeGrant & { used: boolean }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: Clock = Date.now,
  ) {}

  issue(grant: Omit<CodeGrant, 'expiresAt'>): string {
    this.#sweep();
    const code = randomUUID();
    this.#grants.set(code, { ...grant, expiresAt: this.now() + this.ttlMs, used: false });
    return code;
  }

  /**
   * Consumes the code on the first attempt that finds it, whatever the outcome of
   * later checks: a code leaked with the wrong redirect_uri must not stay usable.
   */
  redeem(code: string): Redemption {
    const entry = this.#grants.get(code);
    if (entry === undefined || entry.used) return { ok: false };
    entry.used = true;
    if (this.now() >= entry.expiresAt) return { ok: false };
    const { used: _used, ...grant } = entry;
    return { ok: true, grant };
  }

  #sweep(): void {
    // Used entries are kept until expiry so that reuse reads as "used", not "unknown".
    const now = this.now();
    for (const [code, entry] of this.#grants) {
      if (now >= entry.expiresAt + this.ttlMs) this.#grants.delete(code);
    }
  }
}
