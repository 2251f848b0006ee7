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
  scopes: string[];
}

export interface AuthorizeParams {
  baseUrl: string;
  clientId: string;
  redirectUri: string;
  scopes?: string[];
  usePkce?: boolean;
  /** a fixed state (tests use awkward characters); null sends none; undefined makes a fresh one */
  state?: string | null;
  responseType?: string;
}

export function createAuthorizeRequest(params: AuthorizeParams): AuthorizeRequest {
  const state = params.state === null ? undefined : (params.state ?? createState());
  const codeVerifier = params.usePkce === false ? undefined : createCodeVerifier();
  const url = new URL('/oauth2/authorize', params.baseUrl);
  const query = url.searchParams;
  query.set('client_id', params.clientId);
  query.set('response_type', params.responseType ?? 'code');
  query.set('redirect_uri', params.redirectUri);
  // RayTeams defines no scopes today; an empty scope parameter would be rejected, so leave it out.
  if (params.scopes && params.scopes.length > 0) query.set('scope', params.scopes.join(' '));
  if (state !== undefined) query.set('state', state);
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
    scopes: params.scopes ?? [],
  };
}
