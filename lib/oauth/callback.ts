import { HarnessError } from '../errors.js';
import { safeText } from '../redaction/output-text.js';
import { safeUrl } from '../redaction/safe-url.js';
import type { AuthorizeRequest } from './authorize.js';

export interface AuthorizationCallback {
  code: string;
  state: string | undefined;
  /** RFC 9207 issuer, when the server sends one */
  issuer: string | undefined;
}

/** True when `url` is a hit on the redirect URI itself: same scheme, host, port and path. */
export function isRedirectTo(url: URL, redirectUri: string): boolean {
  const expected = new URL(redirectUri);
  return url.origin === expected.origin && url.pathname === expected.pathname;
}

/**
 * The issuer a callback's `iss` must name (RFC 9207): OAUTH_ISSUER when configured, otherwise the
 * login service's origin.
 */
export function expectedIssuer(baseUrl: string, configured: string | undefined): string {
  return configured ?? new URL(baseUrl).origin;
}

export interface CallbackCheckOptions {
  /** CODE_PATTERN (RE2 in the harness; any RegExp-like test) */
  codePattern: { readonly source: string; test(text: string): boolean };
  /** when known, an `iss` parameter must equal it (RFC 9207) */
  expectedIssuer?: string;
}

/**
 * The checks the OpenID conformance suite makes on a callback: exact redirect URI, no `error`,
 * `state` returned unchanged (and absent when none was sent), a code of the documented shape and
 * a matching `iss` when present. Extra parameters are tolerated. Messages never contain the code.
 */
export function checkCallback(callbackUrl: URL, request: AuthorizeRequest, options: CallbackCheckOptions): AuthorizationCallback {
  if (!isRedirectTo(callbackUrl, request.redirectUri)) {
    throw new HarnessError('unexpected_page', `callback went to ${safeUrl(callbackUrl)}, not to the registered redirect URI ${safeUrl(request.redirectUri)}`);
  }
  // Cognito returns the query in the URL; a fragment response would mean response_type was not honoured.
  const params = callbackUrl.searchParams;
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    throw new HarnessError('authorization_error', `authorization server returned error=${safeText(error, 100)}${description ? ` (${safeText(description, 200)})` : ''}`);
  }
  // Two values of one parameter make "which one?" a guess; servers and apps guess differently.
  for (const name of ['code', 'state']) {
    const count = params.getAll(name).length;
    if (count > 1) throw new HarnessError('bad_code', `callback carries ${count} ${name} parameters; exactly one is allowed`);
  }
  const state = params.get('state') ?? undefined;
  if (request.state === undefined && state !== undefined) {
    throw new HarnessError('state_mismatch', 'callback carries a state although the request sent none');
  }
  if (request.state !== undefined && state !== request.state) {
    throw new HarnessError('state_mismatch', state === undefined ? 'callback carries no state' : 'callback state differs from the state sent');
  }
  const issuer = params.get('iss') ?? undefined;
  if (issuer !== undefined && options.expectedIssuer !== undefined && issuer !== options.expectedIssuer) {
    throw new HarnessError('unexpected_page', `callback iss ${safeText(issuer, 200)} is not the expected issuer ${options.expectedIssuer}`);
  }
  const code = params.get('code');
  if (code === null || code === '') {
    throw new HarnessError('bad_code', 'callback carries no code');
  }
  if (!options.codePattern.test(code)) {
    throw new HarnessError('bad_code', `code does not match CODE_PATTERN (${options.codePattern.source}); length ${code.length}`);
  }
  return { code, state, issuer };
}
