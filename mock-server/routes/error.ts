import { sendHtml } from '../http.js';
import { authorizationErrorPage } from '../views/error-pages.js';
import type { Route } from './route.js';

export const errorRoute: Route = {
  GET: (_req, res, { query }) => sendHtml(res, 400, authorizationErrorPage(query.get('error') || 'unknown_error')),
};
