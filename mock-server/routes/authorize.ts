import { checkAuthorizeRequest } from '../authorize-request.js';
import { callbackLocation } from '../callback.js';
import { SESSION_COOKIE } from '../context.js';
import { parseCookies, redirect } from '../http.js';
import type { Route } from './route.js';

export const authorizeRoute: Route = {
  GET: (req, res, { rawQuery }, ctx) => {
    const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
    if (check.kind !== 'ok') return redirect(res, check.location);

    const session = ctx.sessions.find(parseCookies(req).get(SESSION_COOKIE));
    if (session !== undefined) {
      return redirect(res, callbackLocation(ctx, check.request, session.username, session.authTime));
    }
    return redirect(res, `/login?${rawQuery}`);
  },
};
