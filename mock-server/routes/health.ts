import { sendText } from '../http.js';
import type { Route } from './route.js';

export const healthRoute: Route = {
  GET: (_req, res) => sendText(res, 200, 'ok', { 'Cache-Control': 'no-store' }),
};
