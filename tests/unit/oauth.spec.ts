import { test, expect } from '../../fixtures/index.js';
import { UUID_PATTERN } from '../../lib/config/config.js';
import { HarnessError } from '../../lib/errors.js';
import { checkCallback, codeChallengeS256, createAuthorizeRequest, expectedIssuer, isRedirectTo } from '../../lib/oauth/index.js';

const UUID = new RegExp(UUID_PATTERN);
const SERVICE = 'https://oauth-ap-northeast-2-development.rayteams.com';
const base = { endpoint: `${SERVICE}/oauth2/authorize`, clientId: 'client-1', redirectUri: 'https://app.example.com/callback' };

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof HarnessError) return error.reason;
    throw error;
  }
  return 'none';
}

test.describe('authorize request', () => {
  test('carries client, redirect, fresh state and an S256 challenge', () => {
    const first = createAuthorizeRequest(base);
    const second = createAuthorizeRequest(base);
    const url = new URL(first.url);
    expect(url.origin + url.pathname).toBe(`${SERVICE}/oauth2/authorize`);
    expect(url.searchParams.has('nonce')).toBe(false);
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('redirect_uri')).toBe(base.redirectUri);
    expect(url.searchParams.get('state')).toBe(first.state);
    expect(url.searchParams.has('scope')).toBe(false);
    expect(first.state).not.toBe(second.state);
    expect(first.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(url.searchParams.get('code_challenge')).toBe(codeChallengeS256(first.codeVerifier ?? ''));
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  });

  test('S256 challenge is the unpadded base64url SHA-256 of the verifier', () => {
    const challenge = codeChallengeS256('verifier-0123456789-0123456789-0123456789-x');
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(codeChallengeS256('verifier-0123456789-0123456789-0123456789-x'));
    expect(challenge).not.toBe(codeChallengeS256('verifier-0123456789-0123456789-0123456789-y'));
  });

  test('no PKCE, no state and scopes are honoured', () => {
    const request = createAuthorizeRequest({ ...base, usePkce: false, state: null, scopes: ['openid', 'email'] });
    const url = new URL(request.url);
    expect(url.searchParams.has('code_challenge')).toBe(false);
    expect(url.searchParams.has('state')).toBe(false);
    expect(url.searchParams.get('scope')).toBe('openid email');
    expect(request.state).toBeUndefined();
    expect(request.codeVerifier).toBeUndefined();
  });

  test('openid in the scope sends a fresh nonce; null sends none', () => {
    const first = createAuthorizeRequest({ ...base, scopes: ['openid'] });
    const second = createAuthorizeRequest({ ...base, scopes: ['openid'] });
    expect(first.nonce).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(new URL(first.url).searchParams.get('nonce')).toBe(first.nonce);
    expect(first.nonce).not.toBe(second.nonce);
    expect(first.nonce).not.toBe(first.state);
    expect(createAuthorizeRequest({ ...base, scopes: ['openid'], nonce: null }).nonce).toBeUndefined();
  });

  test('an endpoint with a path and a query keeps both', () => {
    const url = new URL(createAuthorizeRequest({ ...base, endpoint: 'https://login.example.com/realms/t1/protocol/openid-connect/auth?kc_idp_hint=x' }).url);
    expect(url.pathname).toBe('/realms/t1/protocol/openid-connect/auth');
    expect(url.searchParams.get('kc_idp_hint')).toBe('x');
    expect(url.searchParams.get('client_id')).toBe('client-1');
  });
});

test.describe('callback checks', () => {
  const request = createAuthorizeRequest({ ...base, state: 'a b&c=d/é+%' });
  const callbackWith = (query: Record<string, string>, redirect = base.redirectUri) => {
    const url = new URL(redirect);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  };
  const code = 'baaca0d5-0044-424e-9311-16d3d754784f';
  const check = (url: URL, req = request) => checkCallback(url, req, { codePattern: UUID });

  test('accepts a UUID code with the exact state and tolerates extra parameters', () => {
    expect(check(callbackWith({ code, state: 'a b&c=d/é+%', extra: '1' }))).toEqual({ code, state: 'a b&c=d/é+%', issuer: undefined });
  });

  test('names each broken rule with its reason', () => {
    expect(reasonOf(() => check(callbackWith({ code, state: 'other' })))).toBe('state_mismatch');
    expect(reasonOf(() => check(callbackWith({ code })))).toBe('state_mismatch');
    expect(reasonOf(() => check(callbackWith({ state: 'a b&c=d/é+%' })))).toBe('bad_code');
    expect(reasonOf(() => check(callbackWith({ code: 'not-a-uuid', state: 'a b&c=d/é+%' })))).toBe('bad_code');
    expect(reasonOf(() => check(callbackWith({ error: 'access_denied', state: 'a b&c=d/é+%' })))).toBe('authorization_error');
    expect(reasonOf(() => check(callbackWith({ code, state: 'a b&c=d/é+%' }, 'https://app.example.com/other')))).toBe('unexpected_page');
  });

  test('more than one code or state parameter is bad_code, whichever comes first', () => {
    const twice = (name: string, values: string[]) => {
      const url = callbackWith({ code, state: 'a b&c=d/é+%' });
      url.searchParams.delete(name);
      for (const value of values) url.searchParams.append(name, value);
      return url;
    };
    expect(reasonOf(() => check(twice('code', Array.from({ length: 10 }, () => code))))).toBe('bad_code');
    expect(reasonOf(() => check(twice('state', ['a b&c=d/é+%', 'a b&c=d/é+%'])))).toBe('bad_code');
    expect(() => check(twice('code', [code, 'other']))).toThrow(/2 code parameters; exactly one/);
  });

  test('what the service sends in error and error_description cannot write lines or escapes into the message', () => {
    const url = callbackWith({ error: 'access_denied\n::error::forged', error_description: 'line\n::add-mask::x \u001b[31mred\u001b[0m \u001b]0;title\u0007', state: 'a b&c=d/é+%' });
    let message = '';
    try {
      check(url);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^authorization server returned error=access_denied/);
    // eslint-disable-next-line no-control-regex -- what must not be there
    expect(message).not.toMatch(/[\n\r\u001b\u0007]/);
    expect(message).not.toMatch(/(^|\n)\s*::/);
    expect(message).toContain('red');
  });

  test('a request without state rejects a callback that brings one', () => {
    const stateless = createAuthorizeRequest({ ...base, state: null });
    expect(check(callbackWith({ code }), stateless).state).toBeUndefined();
    expect(reasonOf(() => check(callbackWith({ code, state: 'x' }), stateless))).toBe('state_mismatch');
  });

  test('iss must match when an issuer is expected (RFC 9207)', () => {
    const url = callbackWith({ code, state: 'a b&c=d/é+%', iss: 'https://evil.example.com' });
    expect(() => checkCallback(url, request, { codePattern: UUID, expectedIssuer: SERVICE })).toThrow(/not the expected issuer/);
  });

  test('the expected issuer is OAUTH_ISSUER, else the login service origin; a matching iss passes', () => {
    expect(expectedIssuer(`${SERVICE}/`, undefined)).toBe(SERVICE);
    expect(expectedIssuer(SERVICE, 'https://issuer.example.com')).toBe('https://issuer.example.com');
    const url = callbackWith({ code, state: 'a b&c=d/é+%', iss: SERVICE });
    expect(checkCallback(url, request, { codePattern: UUID, expectedIssuer: expectedIssuer(SERVICE, undefined) }).issuer).toBe(SERVICE);
  });

  test('error messages never contain the code', () => {
    const secretish = 'zzzz-not-a-uuid-but-secret';
    const failure = (() => {
      try {
        check(callbackWith({ code: secretish, state: 'a b&c=d/é+%' }));
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(HarnessError);
    expect(String(failure)).not.toContain(secretish);
  });

  test('redirect URI comparison is exact on origin and path', () => {
    expect(isRedirectTo(new URL('https://app.example.com/callback?code=1'), base.redirectUri)).toBe(true);
    expect(isRedirectTo(new URL('https://app.example.com/callback/extra'), base.redirectUri)).toBe(false);
    expect(isRedirectTo(new URL('https://app.example.com:8443/callback'), base.redirectUri)).toBe(false);
    expect(isRedirectTo(new URL('http://app.example.com/callback'), base.redirectUri)).toBe(false);
  });
});
