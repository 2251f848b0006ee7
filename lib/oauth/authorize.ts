import { codeChallengeS256, createCodeVerifier, createState } from './pkce.js';

/** Everything needed to start one authorization and, later, to check and redeem its code. */
export interface AuthorizeRequest {
  url: string;
  clientId: string;
  redirectUri: string;
  /** undefined when the request deliberately carries no state */
  state: string | undefined;
  /** undefined when PKCE is off */
  codeVerifier: string | undefined;
  /** OpenID Connect replay protection, sent with `openid` in the scope; the ID token must carry it back */
  nonce: string | undefined;
  scopes: string[];
}

export interface AuthorizeParams {
  /** the authorization endpoint; a query it already has is kept (RFC 6749 §3.1) */
  endpoint: string;
  clientId: string;
  redirectUri: string;
  scopes?: string[];
  usePkce?: boolean;
  /** a fixed state (tests use awkward characters); null sends none; undefined makes a fresh one */
  state?: string | null;
  responseType?: string;
  /** a fixed nonce; null sends none; undefined makes a fresh one when the scope has `openid` */
  nonce?: string | null;
}

export function createAuthorizeRequest(params: AuthorizeParams): AuthorizeRequest {
  const state = params.state === null ? undefined : (params.state ?? createState());
  const codeVerifier = params.usePkce === false ? undefined : createCodeVerifier();
  const scopes = params.scopes ?? [];
  const nonce = params.nonce === null ? undefined : (params.nonce ?? (scopes.includes('openid') ? createState() : undefined));
  const url = new URL(params.endpoint);
  const query = url.searchParams;
  query.set('client_id', params.clientId);
  query.set('response_type', params.responseType ?? 'code');
  query.set('redirect_uri', params.redirectUri);
  // RayTeams defines no scopes today; an empty scope parameter would be rejected, so leave it out.
  if (params.scopes && params.scopes.length > 0) query.set('scope', params.scopes.join(' '));
  if (state !== undefined) query.set('state', state);
  if (nonce !== undefined) query.set('nonce', nonce);
  if (codeVerifier !== undefined) {
    query.set('code_challenge', codeChallengeS256(codeVerifier));
    query.set('code_challenge_method', 'S256');
  }
  return {
    url: url.toString(),
    clientId: params.clientId,
    redirectUri: params.redirectUri,
    state,
    codeVerifier,
    nonce,
    scopes,
  };
}
