import { authorizeRoute } from './authorize.js';
import { CHALLENGE_ROUTES } from './challenges.js';
import { statsRoute } from './stats.js';
import { errorRoute } from './error.js';
import { confirmForgotPasswordRoute, forgotPasswordRoute } from './forgot-password.js';
import { healthRoute } from './health.js';
import { loginRoute } from './login.js';
import { logoutRoute } from './logout.js';
import { meRoute } from './me.js';
import type { Route } from './route.js';
import { STATIC_ROUTES } from './static.js';
import { tokenRoute } from './token.js';
import { discoveryRoute, jwksRoute } from './well-known.js';

export const ROUTES: Readonly<Record<string, Route>> = {
  '/health': healthRoute,
  '/oauth2/authorize': authorizeRoute,
  '/login': loginRoute,
  ...CHALLENGE_ROUTES,
  '/__mock/stats': statsRoute,
  '/forgotPassword': forgotPasswordRoute,
  '/confirmForgotPassword': confirmForgotPasswordRoute,
  '/logout': logoutRoute,
  '/error': errorRoute,
  '/oauth2/token': tokenRoute,
  '/.well-known/jwks.json': jwksRoute,
  '/.well-known/openid-configuration': discoveryRoute,
  '/.well-known/oauth-authorization-server': discoveryRoute,
  '/v1.0/me': meRoute,
  ...STATIC_ROUTES,
};
