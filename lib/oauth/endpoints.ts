/**
 * Where an authorization server takes requests, and what it says it supports. A Cognito-shaped
 * target (RayTeams, a hosted-UI domain) has fixed paths; any other server says where they are in
 * its discovery document.
 */

export type TokenAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

export interface Endpoints {
  authorize: string;
  token: string;
  /** where the keys that sign ID tokens are published; undefined: signatures cannot be checked */
  jwks: string | undefined;
  /** the issuer ID tokens (and callbacks, RFC 9207) must name; undefined when not known */
  issuer: string | undefined;
  userinfo: string | undefined;
  /** as the server lists them; undefined when it lists none (RFC 8414: client_secret_basic) */
  tokenAuthMethods: readonly string[] | undefined;
  /** as the server lists them; undefined when it lists none (Cognito does, and accepts S256) */
  codeChallengeMethods: readonly string[] | undefined;
  scopesSupported: readonly string[] | undefined;
  /** how the endpoints were found: fixed Cognito paths, a discovery document, or set one by one */
  source: 'cognito' | 'discovery' | 'explicit';
}

/** Cognito user pools' issuer: https://cognito-idp.<region>.amazonaws.com/<userPoolId> */
const COGNITO_ISSUER = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[A-Za-z0-9-]+_[A-Za-z0-9]+$/;

export function isCognitoIssuer(issuer: string): boolean {
  return COGNITO_ISSUER.test(issuer);
}

/**
 * Cognito's hosted UI serves /oauth2/authorize and /oauth2/token on its domain, below any path the
 * base URL has. A Cognito pool issuer, when known, also tells where the signing keys are.
 */
export function cognitoEndpoints(baseUrl: string, issuer?: string): Endpoints {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    authorize: new URL('oauth2/authorize', base).toString(),
    token: new URL('oauth2/token', base).toString(),
    jwks: issuer !== undefined && isCognitoIssuer(issuer) ? `${issuer}/.well-known/jwks.json` : undefined,
    issuer,
    userinfo: new URL('oauth2/userInfo', base).toString(),
    tokenAuthMethods: ['client_secret_basic', 'client_secret_post'],
    codeChallengeMethods: undefined,
    scopesSupported: undefined,
    source: 'cognito',
  };
}

/** Only the two endpoints, as set one by one: nothing is known about what the server supports. */
export function explicitEndpoints(authorize: string, token: string, issuer?: string): Endpoints {
  return { authorize, token, jwks: undefined, issuer, userinfo: undefined, tokenAuthMethods: undefined, codeChallengeMethods: undefined, scopesSupported: undefined, source: 'explicit' };
}

/** OAUTH_AUTHORIZE_URL / OAUTH_TOKEN_URL replace single endpoints, whatever found the others. */
export function withOverrides(endpoints: Endpoints, overrides: { authorize?: string | undefined; token?: string | undefined }): Endpoints {
  return { ...endpoints, authorize: overrides.authorize ?? endpoints.authorize, token: overrides.token ?? endpoints.token };
}

/**
 * How the client proves itself at the token endpoint: HTTP Basic when the server takes it (RFC
 * 6749 §2.3.1 says servers must), the form otherwise, nothing for a public client.
 */
export function tokenAuthMethod(endpoints: Pick<Endpoints, 'tokenAuthMethods'>, clientSecret: string | undefined): TokenAuthMethod {
  if (clientSecret === undefined || clientSecret === '') return 'none';
  const listed = endpoints.tokenAuthMethods;
  if (listed === undefined || listed.includes('client_secret_basic')) return 'client_secret_basic';
  if (listed.includes('client_secret_post')) return 'client_secret_post';
  return 'client_secret_basic';
}

/**
 * PKCE (S256) unless the server lists its methods and S256 is not among them: Cognito lists none
 * and accepts S256, and a server that does not know PKCE ignores the extra parameters.
 */
export function offersS256(endpoints: Pick<Endpoints, 'codeChallengeMethods'>): boolean {
  return endpoints.codeChallengeMethods === undefined || endpoints.codeChallengeMethods.includes('S256');
}

/**
 * RFC 6749 Appendix A.11: code = 1*VSCHAR (%x20-7E); bounded, as no real server's code is longer.
 * Written as three repeats: RE2, which runs CODE_PATTERN, allows at most 1000 in one.
 */
export const VSCHAR_CODE_PATTERN = '^[\\x20-\\x7E]{1,1000}[\\x20-\\x7E]{0,1000}[\\x20-\\x7E]{0,48}$';
