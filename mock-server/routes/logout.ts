import { checkAuthorizeRequest, errorPageLocation } from '../authorize-request.js';
import { ClientRegistry } from '../clients.js';
import { SESSION_COOKIE } from '../context.js';
import { appendSetCookie, expiredCookie, parseCookies, redirect } from '../http.js';
import type { Route } from './route.js';

/**
 * Cognito's two logout forms: `logout_uri` signs out and leaves for the app;
 * `redirect_uri` + `response_type` signs out and shows the login screen again
 * (switching users). The session is only ended when the request is valid.
 */
export const logoutRoute: Route = {
  GET: (req, res, { rawQuery, query }, ctx) => {
    const clientId = query.get('client_id');
    const endSession = (): void => {
      ctx.sessions.end(parseCookies(req).get(SESSION_COOKIE));
      appendSetCookie(res, expiredCookie(SESSION_COOKIE));
    };

    if (query.has('logout_uri')) {
      const client = ctx.clients.find(clientId);
      const logoutUri = query.get('logout_uri');
      if (client === undefined || logoutUri === null || !ClientRegistry.allowsLogout(client, logoutUri)) {
        return redirect(res, errorPageLocation('invalid_request', clientId));
      }
      endSession();
      return redirect(res, logoutUri);
    }

    if (query.has('redirect_uri')) {
      const check = checkAuthorizeRequest(rawQuery, ctx.clients, ctx.pool.unknownClientError);
      if (check.kind !== 'ok') return redirect(res, check.location);
      endSession();
      return redirect(res, `/login?${rawQuery}`);
    }

    return redirect(res, errorPageLocation('invalid_request', clientId));
  },
};
