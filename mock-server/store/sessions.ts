import { randomBytes } from 'node:crypto';
import type { Clock } from '../types.js';

export interface Session {
  username: string;
  authTime: number;
  expiresAt: number;
}

/** Hosted-UI sign-in sessions, keyed by the opaque value of the session cookie. */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();

  constructor(
    readonly ttlMs: number,
    private readonly now: Clock = Date.now,
  ) {}

  create(username: string): string {
    const id = randomBytes(24).toString('base64url');
    const now = this.now();
    this.#sessions.set(id, { username, authTime: now, expiresAt: now + this.ttlMs });
    return id;
  }

  find(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.#sessions.get(id);
    if (session === undefined) return undefined;
    if (this.now() >= session.expiresAt) {
      this.#sessions.delete(id);
      return undefined;
    }
    return session;
  }

  end(id: string | undefined): void {
    if (id !== undefined) this.#sessions.delete(id);
  }
}
