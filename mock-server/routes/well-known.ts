import { sendJson } from '../http.js';
import type { Route } from './route.js';

export const jwksRoute: Route = {
  GET: async (_req, res, _info, ctx) => sendJson(res, 200, await ctx.signer.jwks()),
};

export const openidConfigurationRoute: Route = {
  GET: (_req, res, _info, ctx) =>
    sendJson(res, 200, {
      issuer: ctx.url,
      authorization_endpoint: `${ctx.url}/oauth2/authorize`,
      token_endpoint: `${ctx.url}/oauth2/token`,
      jwks_uri: `${ctx.url}/.well-known/jwks.json`,
      end_session_endpoint: `${ctx.url}/logout`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: ['openid', 'email', 'profile'],
      claims_supported: ['sub', 'iss', 'aud', 'email', 'email_verified', 'cognito:username', 'auth_time', 'nonce'],
    }),
};
