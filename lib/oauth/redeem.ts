/**
 * Redeeming an authorization: the one place that turns a captured code and the request behind it
 * into a token request (endpoint, client authentication, PKCE verifier) and checks the ID token
 * that comes back. get-code, the health check and the test fixtures all call it.
 */
import type { HarnessConfig } from '../config/config.js';
import { endpointsOf } from '../config/target.js';
import { HarnessError } from '../errors.js';
import { tokenAuthMethod, type Endpoints } from './endpoints.js';
import { verifyIdToken } from './id-token.js';
import { exchangeCode, type TokenResponse } from './token-client.js';

/** What the authorize request and its callback left behind. */
export interface Authorization {
  code: string;
  clientId: string;
  redirectUri: string;
  codeVerifier: string | undefined;
  /** the nonce the request sent; the ID token must carry it */
  nonce?: string | undefined;
}

export interface RedeemOptions {
  clientSecret: string | undefined;
  /** the issuer the ID token must name, when the endpoints do not say */
  issuer?: string | undefined;
  /** for the token request and the ID token's keys together */
  timeoutMs: number;
}

export async function redeemAuthorization(endpoints: Endpoints, authorization: Authorization, options: RedeemOptions): Promise<TokenResponse> {
  const deadline = Date.now() + options.timeoutMs;
  const tokens = await exchangeCode({
    tokenEndpoint: endpoints.token,
    clientId: authorization.clientId,
    clientSecret: options.clientSecret,
    authMethod: tokenAuthMethod(endpoints, options.clientSecret),
    code: authorization.code,
    redirectUri: authorization.redirectUri,
    codeVerifier: authorization.codeVerifier,
    timeoutMs: options.timeoutMs,
  });
  if (tokens.id_token === undefined) {
    // OpenID Connect Core §3.1.3.3: a request with `openid` (the one that sent a nonce) gets an ID token.
    if (authorization.nonce !== undefined) throw new HarnessError('token_error', 'token response has no id_token although the request asked for openid');
    return tokens;
  }
  // Checked whenever one comes back: against the published keys when they are known, its claims alone otherwise.
  await verifyIdToken(tokens.id_token, {
    clientId: authorization.clientId,
    clientSecret: options.clientSecret,
    issuer: endpoints.issuer ?? options.issuer,
    nonce: authorization.nonce,
    jwksUri: endpoints.jwks,
    timeoutMs: Math.max(1, deadline - Date.now()),
  });
  return tokens;
}

/** How long a token request (and the ID token's keys) may take when the caller has no tighter budget. */
export const DEFAULT_EXCHANGE_TIMEOUT_MS = 15_000;

/**
 * The same, for an opened configuration: its endpoints, its client's secret, its issuer; and, unless
 * the authorization names others, its client and redirect URI.
 */
export function redeemWith(
  config: Pick<HarnessConfig, 'target' | 'endpointOverrides' | 'issuer' | 'client'> & { target: { baseUrl: string } },
  authorization: Omit<Authorization, 'clientId' | 'redirectUri'> & { clientId?: string | undefined; redirectUri?: string | undefined },
  options: { timeoutMs?: number | undefined; clientSecret?: string | undefined } = {},
): Promise<TokenResponse> {
  const clientSecret = 'clientSecret' in options ? options.clientSecret : config.client.secret;
  const full: Authorization = { ...authorization, clientId: authorization.clientId ?? config.client.id, redirectUri: authorization.redirectUri ?? config.client.redirectUri };
  return redeemAuthorization(endpointsOf(config), full, { clientSecret, issuer: config.issuer, timeoutMs: options.timeoutMs ?? DEFAULT_EXCHANGE_TIMEOUT_MS });
}
