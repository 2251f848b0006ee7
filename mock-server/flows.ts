import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { appendSetCookie, expiredCookie, parseCookies, serializeCookie } from './http.js';
import type { Clock } from './types.js';

/** A screen between the username and the callback. */
export type Challenge = 'password' | 'choice' | 'new-password' | 'totp' | 'sms' | 'email' | 'mfa-setup' | 'passkey-offer';

/** Where each challenge screen lives (the real managed login adds a passkey at /passkeys/add). */
export const CHALLENGE_PATHS: Readonly<Record<Challenge, string>> = {
  password: '/login/password',
  choice: '/login/options',
  'new-password': '/forceChangePassword',
  totp: '/mfa',
  sms: '/mfa',
  email: '/mfa',
  'mfa-setup': '/mfa/setup',
  'passkey-offer': '/passkeys/add',
};

export interface SignInFlow {
  /** The authorize query the flow started from; every challenge screen carries it. */
  rawQuery: string;
  username: string;
  /** Screens still to pass, first is current. */
  pending: Challenge[];
  /** Set once the password was right. */
  authTime: number | undefined;
  /** Secret shown on the MFA setup screen. */
  setupSecret?: string;
  expiresAt: number;
}

export const FLOW_COOKIE = 'cognito-flow';

/** Cognito's session for a sign-in in progress lasts 3 minutes. */
const FLOW_TTL_MS = 3 * 60 * 1000;

export class FlowStore {
  readonly #flows = new Map<string, SignInFlow>();
  readonly #now: Clock;

  /** `now`: the server's clock, so tests can expire a sign-in without waiting three minutes */
  constructor(now: Clock = Date.now) {
    this.#now = now;
  }

  start(res: ServerResponse, flow: Omit<SignInFlow, 'expiresAt'>): SignInFlow {
    const now = this.#now();
    for (const [id, f] of this.#flows) if (now >= f.expiresAt) this.#flows.delete(id);
    const id = randomBytes(24).toString('base64url');
    const stored = { ...flow, expiresAt: now + FLOW_TTL_MS };
    this.#flows.set(id, stored);
    appendSetCookie(res, serializeCookie(FLOW_COOKIE, id, { maxAgeSeconds: FLOW_TTL_MS / 1000 }));
    return stored;
  }

  find(req: IncomingMessage): SignInFlow | undefined {
    const id = parseCookies(req).get(FLOW_COOKIE);
    if (id === undefined) return undefined;
    const flow = this.#flows.get(id);
    if (flow === undefined) return undefined;
    if (this.#now() >= flow.expiresAt) {
      this.#flows.delete(id);
      return undefined;
    }
    return flow;
  }

  end(req: IncomingMessage, res: ServerResponse): void {
    const id = parseCookies(req).get(FLOW_COOKIE);
    if (id !== undefined) this.#flows.delete(id);
    appendSetCookie(res, expiredCookie(FLOW_COOKIE));
  }
}
