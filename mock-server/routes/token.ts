import type { ServerResponse } from 'node:http';
import { ClientRegistry } from '../clients.js';
import { presentedClient } from '../client-auth.js';
import type { ServerContext } from '../context.js';
import { isFormEncoded, readForm, sendJson } from '../http.js';
import { verifierMatches } from '../pkce.js';
import { ACCESS_TOKEN_LIFETIME_SECONDS, type TokenSubject } from '../tokens.js';
import type { Route } from './route.js';

/** RFC 6749 §5.1: token responses must not be cached anywhere. */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function tokenError(res: ServerResponse, status: number, error: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error }, { ...NO_STORE, ...headers });
}

async function issueTokens(
  res: ServerResponse,
  ctx: ServerContext,
  subject: TokenSubject,
  refreshToken: string | undefined,
): Promise<void> {
  // The ID-token faults each break one promise a relying party must check.
  const idSubject = ctx.faults.nonceMismatch ? { ...subject, nonce: `${subject.nonce ?? ''}-other` } : subject;
  const [accessToken, idToken] = await Promise.all([
    ctx.signer.accessToken(subject),
    ctx.signer.idToken(idSubject, { foreignKey: ctx.faults.badIdTokenSignature === true }),
  ]);
  const body: Record<string, unknown> = {
    access_token: accessToken,
    id_token: idToken,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
  };
  // Like Cognito, a refresh grant returns new access/id tokens but no new refresh token.
  if (refreshToken !== undefined) body['refresh_token'] = refreshToken;
  sendJson(res, 200, body, NO_STORE);
}

export const tokenRoute: Route = {
  POST: async (req, res, _info, ctx) => {
    if (ctx.faults.token500) return tokenError(res, 500, 'server_error');
    if (!isFormEncoded(req)) return tokenError(res, 400, 'invalid_request');
    const form = await readForm(req);

    const presented = presentedClient(req, form);
    const client = ctx.clients.find(presented?.clientId);
    if (presented === null || client === undefined || !ClientRegistry.secretAccepted(client, presented.clientSecret)) {
      const challenge: Record<string, string> = presented?.usedBasic ? { 'WWW-Authenticate': 'Basic realm="token"' } : {};
      return tokenError(res, 401, 'invalid_client', challenge);
    }

    const grantType = form.get('grant_type');
    if (!grantType) return tokenError(res, 400, 'invalid_request');

    if (grantType === 'authorization_code') {
      const code = form.get('code');
      if (!code) return tokenError(res, 400, 'invalid_request');
      const redemption = ctx.codes.redeem(code);
      if (!redemption.ok) return tokenError(res, 400, 'invalid_grant');
      const { grant } = redemption;
      if (grant.clientId !== client.clientId) return tokenError(res, 400, 'invalid_grant');
      if (form.get('redirect_uri') !== grant.redirectUri) return tokenError(res, 400, 'invalid_grant');
      if (grant.codeChallenge !== undefined) {
        const verifier = form.get('code_verifier');
        if (verifier === null || !verifierMatches(verifier, grant.codeChallenge)) {
          return tokenError(res, 400, 'invalid_grant');
        }
      }
      const subject: TokenSubject = {
        username: grant.username,
        clientId: client.clientId,
        scope: grant.scope,
        authTime: grant.authTime,
        nonce: grant.nonce,
      };
      const refreshToken = ctx.refreshTokens.issue({
        clientId: client.clientId,
        username: grant.username,
        scope: grant.scope,
        authTime: grant.authTime,
      });
      return issueTokens(res, ctx, subject, refreshToken);
    }

    if (grantType === 'refresh_token') {
      const token = form.get('refresh_token');
      if (!token) return tokenError(res, 400, 'invalid_request');
      const grant = ctx.refreshTokens.find(token);
      if (grant === undefined || grant.clientId !== client.clientId) return tokenError(res, 400, 'invalid_grant');
      return issueTokens(res, ctx, { ...grant }, undefined);
    }

    return tokenError(res, 400, 'unsupported_grant_type');
  },
};
