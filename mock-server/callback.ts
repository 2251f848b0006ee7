import { randomBytes } from 'node:crypto';
import type { ServerContext } from './context.js';
import type { AuthorizeRequest } from './authorize-request.js';
import { withQuery } from './http.js';

/**
 * Where a signed-in browser is sent: the registered redirect URI with a fresh code
 * and the client's state. Faults bend exactly one promise each, so the harness can
 * be shown to notice every one of them.
 */
export function callbackLocation(
  ctx: ServerContext,
  request: AuthorizeRequest,
  username: string,
  authTime: number,
): string {
  const { faults } = ctx;
  const params: Array<[string, string]> = [];

  let state = request.state;
  if (faults.stateMismatch) {
    state = `${request.state ?? ''}-mismatch-${randomBytes(4).toString('hex')}`;
  }

  if (faults.accessDenied) {
    params.push(['error', 'access_denied'], ['error_description', 'User is not authorized']);
  } else if (faults.missingCode) {
    // Deliberately nothing: the callback looks like success but carries no code.
  } else if (faults.malformedCode) {
    params.push(['code', `not-a-uuid-${randomBytes(8).toString('hex')}`]);
  } else {
    const code = ctx.codes.issue({
      clientId: request.client.clientId,
      redirectUri: request.redirectUri,
      username,
      scope: request.scope,
      nonce: request.nonce,
      codeChallenge: request.codeChallenge,
      authTime,
    });
    params.push(['code', code]);
  }

  if (state !== undefined) params.push(['state', state]);
  if (faults.wrongIssuer) params.push(['iss', 'https://issuer.invalid']);
  else if (ctx.sendIssuer) params.push(['iss', ctx.url]);
  return withQuery(request.redirectUri, params);
}
