/**
 * RayTeams' platform API `GET /v1.0/me` ("4.1 User") for this server's own access tokens, so the
 * health check's API probe can be tested locally. On the real service the API lives on its own host
 * (api-<region>-user…); here it shares the login server's origin.
 *
 * As documented: `Authorization` carries the access token (with or without "Bearer "), the
 * `x-rayteams-client-id` header names the app client, errors are `{"message": ...}`, success is
 * `{"status": "success", "data": {...}}`.
 */
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http.js';
import type { Route } from './route.js';

function unauthorized(res: ServerResponse): void {
  sendJson(res, 401, { message: 'Unauthorized' });
}

export const meRoute: Route = {
  GET: async (req, res, _info, ctx) => {
    if (ctx.faults.me500) return sendJson(res, 500, { message: 'Internal server error' });
    if (ctx.faults.me401) return unauthorized(res);
    const header = req.headers.authorization ?? '';
    const token = header.replace(/^Bearer\s+/i, '').trim();
    const clientId = req.headers['x-rayteams-client-id'];
    if (token === '' || typeof clientId !== 'string' || clientId === '') return unauthorized(res);
    let claims: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, createLocalJWKSet(await ctx.signer.jwks()), { issuer: ctx.url, algorithms: ['RS256'] });
      claims = verified.payload;
    } catch {
      return unauthorized(res);
    }
    // An id token or another client's token is not accepted: the API wants the client's access token.
    if (claims['token_use'] !== 'access' || claims['client_id'] !== clientId) return unauthorized(res);
    const username = String(claims['username'] ?? '');
    const sub = String(claims['sub'] ?? '');
    sendJson(res, 200, {
      status: 'success',
      data: {
        region: 'ap-northeast-2',
        type: 'user',
        sub,
        name: username.split('@')[0] ?? username,
        // The mock's accounts are named by their e-mail address, like RayTeams' Cognito users.
        email: username,
        _id: sub,
        lastlogged: Number(claims['auth_time'] ?? 0) * 1000,
        sk: 'info',
        valid: true,
      },
    });
  },
};
