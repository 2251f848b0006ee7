import { sendJson } from '../http.js';
import type { Route } from './route.js';

/**
 * Test-only: what the server counted (password changes, enrolments, one-time
 * codes), for specs that drive a server in another process. Counts only, never
 * a code or a secret.
 */
export const statsRoute: Route = {
  GET: (_req, res, _info, ctx) => sendJson(res, 200, ctx.stats, { 'Cache-Control': 'no-store' }),
};
