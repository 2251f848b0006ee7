import { sendHtml, sendJson } from '../http.js';
import type { ServerContext } from '../context.js';
import { notFoundPage } from '../views/error-pages.js';
import type { Route } from './route.js';

export const jwksRoute: Route = {
  GET: async (_req, res, _info, ctx) => sendJson(res, 200, await ctx.signer.jwks()),
};

/**
 * What a Cognito user pool publishes (fields as Cognito lists them): the hosted domain's
 * /oauth2/authorize and /oauth2/token, the pool's JWKS, client_secret_basic before
 * client_secret_post. Like Cognito's, it names no code_challenge_methods_supported although PKCE
 * (S256) is accepted: clients must not read the absence as "no PKCE".
 */
export function discoveryDocument(ctx: ServerContext): Record<string, unknown> {
  const issuer = ctx.faults.discoveryIssuerMismatch ? `${ctx.url}/another-pool` : ctx.url;
  return {
    issuer,
    authorization_endpoint: `${ctx.url}/oauth2/authorize`,
    token_endpoint: `${ctx.url}/oauth2/token`,
    jwks_uri: `${ctx.url}/.well-known/jwks.json`,
    end_session_endpoint: `${ctx.url}/logout`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    claims_supported: ['sub', 'iss', 'aud', 'email', 'email_verified', 'cognito:username', 'auth_time', 'nonce'],
  };
}

/** Served at both placements (OpenID Connect Discovery and RFC 8414); `discovery-404` removes both. */
export const discoveryRoute: Route = {
  GET: (_req, res, _info, ctx) => (ctx.faults.discovery404 ? sendHtml(res, 404, notFoundPage()) : sendJson(res, 200, discoveryDocument(ctx))),
};
