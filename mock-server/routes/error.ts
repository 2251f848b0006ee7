import { sendHtml } from '../http.js';
import { resolveLang } from '../i18n.js';
import { isManaged } from '../sign-in.js';
import { authorizationErrorPage, managedErrorPage } from '../views/error-pages.js';
import type { Route } from './route.js';

export const errorRoute: Route = {
  GET: (req, res, { query }, ctx) => {
    const error = query.get('error') || 'unknown_error';
    if (!isManaged(ctx.loginUi)) return sendHtml(res, 400, authorizationErrorPage(error));
    sendHtml(res, 400, managedErrorPage(error, resolveLang(req, res, query, ctx.loginLang)));
  },
};
