import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthorizeRequest } from '../authorize-request.js';
import { callbackLocation } from '../callback.js';
import { SESSION_COOKIE, type ServerContext } from '../context.js';
import { CHALLENGE_PATHS, type Challenge, type SignInFlow } from '../flows.js';
import { appendSetCookie, redirect, sendJson, serializeCookie } from '../http.js';
import { Secret } from 'otpauth';

/** The managed screens submit with fetch and ask for JSON; the others are plain POSTs. */
export function wantsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('application/json');
}

/** A redirect for a form POST, `{redirect}` for a script that navigates itself. */
export function goTo(res: ServerResponse, json: boolean, location: string, status = 200): void {
  if (json) return sendJson(res, status, { redirect: location });
  return redirect(res, location);
}

export function challengeLocation(challenge: Challenge, rawQuery: string): string {
  return `${CHALLENGE_PATHS[challenge]}?${rawQuery}`;
}

/** Where codes "went": masked like Cognito masks them. */
export function maskedEmail(username: string): string {
  const at = username.indexOf('@');
  if (at <= 0) return `${username.charAt(0)}***@e***`;
  return `${username.charAt(0)}***@${username.charAt(at + 1)}***`;
}
export const MASKED_PHONE = '+*******0123';

/** What a script that draws the next screen itself needs to know about it. */
export function challengeDetails(challenge: Challenge, flow: Pick<SignInFlow, 'username' | 'setupSecret'>): Record<string, string> {
  switch (challenge) {
    case 'password':
      return { username: flow.username };
    case 'mfa-setup':
      return { setupKey: flow.setupSecret ?? '' };
    case 'sms':
      return { destination: MASKED_PHONE };
    case 'email':
      return { destination: maskedEmail(flow.username) };
    default:
      return {};
  }
}

/**
 * On to a challenge screen: a redirect for a form POST; for a script, its location plus which
 * screen it is and what it shows, so a client-rendered app (the Cloudscape view) draws it without
 * loading the page.
 */
export function goToChallenge(
  res: ServerResponse,
  json: boolean,
  challenge: Challenge,
  flow: Pick<SignInFlow, 'rawQuery' | 'username' | 'setupSecret'>,
): void {
  const location = challengeLocation(challenge, flow.rawQuery);
  if (!json) return redirect(res, location);
  return sendJson(res, 200, { redirect: location, challenge, ...challengeDetails(challenge, flow) });
}

/** Signed in: the session cookie, then the callback with a fresh code. */
export function completeSignIn(
  res: ServerResponse,
  ctx: ServerContext,
  request: AuthorizeRequest,
  username: string,
  json: boolean,
): void {
  const sessionId = ctx.sessions.create(username);
  const session = ctx.sessions.find(sessionId);
  appendSetCookie(
    res,
    serializeCookie(SESSION_COOKIE, sessionId, { maxAgeSeconds: ctx.sessions.ttlMs / 1000, httpOnly: true }),
  );
  const location = callbackLocation(ctx, request, username, session?.authTime ?? ctx.now());
  return goTo(res, json, location);
}

/** The screens Cognito puts between a right password and the callback, in its order. */
export function challengesAfterPassword(ctx: ServerContext, username: string): Challenge[] {
  const traits = ctx.users.traits(username, ctx.pool);
  const pending: Challenge[] = [];
  if (traits.status === 'FORCE_CHANGE_PASSWORD') pending.push('new-password');
  if (traits.mfa === 'setup') pending.push('mfa-setup');
  else if (traits.mfa !== undefined) pending.push(traits.mfa);
  if (ctx.pool.passkeyOffer) pending.push('passkey-offer');
  return pending;
}

/** The password was right: on to the first challenge, or straight to the callback. */
export function afterPassword(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ServerContext,
  request: AuthorizeRequest,
  username: string,
  json: boolean,
): void {
  ctx.flows.end(req, res);
  const pending = challengesAfterPassword(ctx, username);
  const first = pending[0];
  if (first === undefined) return completeSignIn(res, ctx, request, username, json);
  const flow = ctx.flows.start(res, {
    rawQuery: request.rawQuery,
    username,
    pending,
    authTime: ctx.now(),
    ...(pending.includes('mfa-setup') ? { setupSecret: new Secret({ size: 20 }).base32 } : {}),
  });
  return goToChallenge(res, json, first, flow);
}
