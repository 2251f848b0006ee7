import { checkAuthorizeRequest } from '../authorize-request.js';
import { callbackLocation } from '../callback.js';
import { SESSION_COOKIE } from '../context.js';
import { parseCookies, redirect, withQuery } from '../http.js';
import type { Route } from './route.js';

export const authorizeRoute: Route = {
  GET: (req, res, { rawQuery }, ctx) => {
    const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
    if (check.kind !== 'ok') return redirect(res, check.location);
    const { scope, nonce, state, redirectUri } = check.request;
    // OpenID Connect servers that insist on replay protection refuse an openid request without a nonce.
    if (ctx.faults.requireNonce && (scope ?? '').split(' ').includes('openid') && (nonce ?? '') === '') {
      const reply: Array<[string, string]> = [
        ['error', 'invalid_request'],
        ['error_description', 'nonce is required'],
      ];
      if (state !== undefined) reply.push(['state', state]);
      return redirect(res, withQuery(redirectUri, reply));
    }

    const session = ctx.sessions.find(parseCookies(req).get(SESSION_COOKIE));
    if (session !== undefined) {
      return redirect(res, callbackLocation(ctx, check.request, session.username, session.authTime));
    }
    return redirect(res, `/login?${rawQuery}`);
  },
};
