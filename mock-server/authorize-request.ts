import type { MockClient } from './types.js';
import { ClientRegistry } from './clients.js';
import { isS256Challenge } from './pkce.js';
import { withQuery } from './http.js';

/** A validated /oauth2/authorize query, as carried through /login and /forgotPassword. */
export interface AuthorizeRequest {
  client: MockClient;
  redirectUri: string;
  /** undefined when the client sent no state; then the callback carries none either. */
  state: string | undefined;
  scope: string | undefined;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  /** The query exactly as received, so the next screen gets the same bytes. */
  rawQuery: string;
}

export type AuthorizeCheck =
  | { kind: 'ok'; request: AuthorizeRequest }
  /** No trustworthy redirect URI: show our own error page rather than redirect anywhere. */
  | { kind: 'error-page'; location: string }
  /** The redirect URI is trusted, so the client hears about its mistake there. */
  | { kind: 'error-redirect'; location: string };

export function errorPageLocation(error: string, clientId?: string | null): string {
  const params: Array<[string, string]> = [['error', error]];
  if (clientId) params.push(['client_id', clientId]);
  return withQuery('/error', params);
}

function optional(params: URLSearchParams, name: string): string | undefined {
  return params.has(name) ? (params.get(name) ?? '') : undefined;
}

/** What `random` picks from: values other servers answer for an unknown client. */
const UNKNOWN_CLIENT_ERRORS = ['redirect_mismatch', 'invalid_request', 'unauthorized_client', 'invalid_client'] as const;

function unknownClientErrorValue(configured: string): string {
  if (configured !== 'random') return configured;
  return UNKNOWN_CLIENT_ERRORS[Math.floor(Math.random() * UNKNOWN_CLIENT_ERRORS.length)] ?? 'redirect_mismatch';
}

/**
 * `unknownClientError` is what the error page says for an unknown client or an
 * unregistered redirect URI: Cognito's value is not documented, so it is configurable.
 */
export function checkAuthorizeRequest(
  rawQuery: string,
  clients: ClientRegistry,
  unknownClientError = 'redirect_mismatch',
): AuthorizeCheck {
  const params = new URLSearchParams(rawQuery);
  const clientId = params.get('client_id');
  const redirectUri = params.get('redirect_uri');
  const client = clients.find(clientId);
  if (client === undefined || !ClientRegistry.allowsRedirect(client, redirectUri) || redirectUri === null) {
    return { kind: 'error-page', location: errorPageLocation(unknownClientErrorValue(unknownClientError), clientId) };
  }

  const state = optional(params, 'state');
  const fail = (error: string, description: string): AuthorizeCheck => {
    const reply: Array<[string, string]> = [
      ['error', error],
      ['error_description', description],
    ];
    if (state !== undefined) reply.push(['state', state]);
    return { kind: 'error-redirect', location: withQuery(redirectUri, reply) };
  };

  const responseType = params.get('response_type');
  if (responseType === null || responseType === '') return fail('invalid_request', 'response_type is required');
  if (responseType !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported');

  const codeChallenge = optional(params, 'code_challenge');
  if (codeChallenge !== undefined) {
    if (params.get('code_challenge_method') !== 'S256') {
      return fail('invalid_request', 'code_challenge_method must be S256');
    }
    if (!isS256Challenge(codeChallenge)) return fail('invalid_request', 'Invalid code_challenge');
  }

  return {
    kind: 'ok',
    request: {
      client,
      redirectUri,
      state,
      scope: optional(params, 'scope'),
      nonce: optional(params, 'nonce'),
      codeChallenge,
      rawQuery,
    },
  };
}
