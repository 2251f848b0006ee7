/**
 * Cognito's `/logout` in the form that ends the browser's session and shows the login screen again
 * (response_type + redirect_uri, as for switching users). The other form (`logout_uri`) needs a
 * registered sign-out URL, which a test client may not have.
 */
export interface LogoutParams {
  baseUrl: string;
  clientId: string;
  redirectUri: string;
  state?: string | undefined;
  scopes?: string[];
}

export function logoutUrl(params: LogoutParams): string {
  const url = new URL('/logout', params.baseUrl);
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', params.redirectUri);
  if (params.scopes && params.scopes.length > 0) url.searchParams.set('scope', params.scopes.join(' '));
  if (params.state !== undefined) url.searchParams.set('state', params.state);
  return url.toString();
}
