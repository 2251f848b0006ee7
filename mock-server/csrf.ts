import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { appendSetCookie, parseCookies, serializeCookie } from './http.js';
import { secureEqual } from './secure-compare.js';

/** Cognito's hosted UI uses a double-submit cookie by this name. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_FIELD = '_csrf';
/** The conventional screen's name for the same token. */
export const CSRF_FIELD_ALT = 'authenticity_token';
export const CSRF_HEADER = 'x-csrf-token';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,}$/;

/** Keeps the browser's token when it has one, so two open tabs don't invalidate each other. */
export function issueCsrfToken(req: IncomingMessage, res: ServerResponse): string {
  const existing = parseCookies(req).get(CSRF_COOKIE);
  if (existing !== undefined && TOKEN_SHAPE.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  appendSetCookie(res, serializeCookie(CSRF_COOKIE, token));
  return token;
}

export function csrfValid(req: IncomingMessage, form: URLSearchParams): boolean {
  const cookie = parseCookies(req).get(CSRF_COOKIE);
  const header = req.headers[CSRF_HEADER];
  const submitted = form.get(CSRF_FIELD) ?? form.get(CSRF_FIELD_ALT) ?? (typeof header === 'string' ? header : undefined);
  if (cookie === undefined || submitted === undefined || submitted === '') return false;
  return secureEqual(cookie, submitted);
}
