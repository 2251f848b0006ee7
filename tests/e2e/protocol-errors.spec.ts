/**
 * What the login service must do with authorize requests it cannot honour, and with none of `state`.
 * Stage-safe tests check what a client relies on: an unregistered address never receives anything,
 * an error reaches a registered one with the state and no code. Which code and page the service
 * uses for an unknown client is not documented, so only their kind is checked here; the embedded
 * server's exact values are pinned by the @local-only tests at the end, which also vary them.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../../fixtures/index.js';
import { authorizeRequestFor } from '../../lib/journey/flow.js';
import { AUTHORIZATION_ERROR_CODES, OAUTH_ERROR_CODE, UUID, expectFailure, shownCallback } from './helpers.js';

const UNREGISTERED = 'https://unregistered.example.com/callback';

/** Every request the page makes to `origin`: must stay empty for an address the client never registered. */
function requestsTo(page: Page, origin: string): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).origin === origin) seen.push(request.url());
  });
  return seen;
}

test.describe('protocol errors', () => {
  test('an unregistered redirect_uri gets the error page and no redirect', { tag: '@smoke' }, async ({ signInForCode, errorPage, config, page }) => {
    const request = authorizeRequestFor(config, { redirectUri: UNREGISTERED });
    const towardsUnregistered = requestsTo(page, new URL(UNREGISTERED).origin);

    const failure = await expectFailure(signInForCode({ request }), 'authorization_error', /^login service showed its error page: error=\S+$/);

    expect(await errorPage.isCurrent()).toBe(true);
    expect(await errorPage.errorText()).toMatch(/\S/);
    // Any code the page names is a well-formed OAuth error value; naming none is fine too.
    expect((await errorPage.code()) ?? 'none-named').toMatch(OAUTH_ERROR_CODE);
    // The browser stayed with the login service: nothing was sent towards the unregistered address.
    expect(new URL(page.url()).origin).toBe(new URL(config.target.baseUrl).origin);
    expect(new URL(failure.lastUrl ?? page.url()).origin).toBe(new URL(config.target.baseUrl).origin);
    expect(towardsUnregistered).toEqual([]);
  });

  test('an unknown client_id gets the error page and no redirect', async ({ signInForCode, errorPage, callback, config, page }) => {
    const request = authorizeRequestFor(config, { clientId: `no-such-client-${Date.now()}` });

    await expectFailure(signInForCode({ request }), 'authorization_error', /^login service showed its error page: error=\S+$/);

    expect(await errorPage.isCurrent()).toBe(true);
    expect(await errorPage.errorText()).toMatch(/\S/);
    // Any code the page names is a well-formed OAuth error value; naming none is fine too.
    expect((await errorPage.code()) ?? 'none-named').toMatch(OAUTH_ERROR_CODE);
    expect(new URL(page.url()).origin).toBe(new URL(config.target.baseUrl).origin);
    // Not even the client's own registered redirect URI hears from a request naming another client.
    await expect(callback.wait(300)).rejects.toThrow(/no callback within 300 ms/);
  });

  test('a response_type other than code is answered with an error on the callback', async ({ signInForCode, config, page }) => {
    const request = authorizeRequestFor(config, { responseType: 'token', state: 'state-for-error' });

    await expectFailure(signInForCode({ request }), 'authorization_error', new RegExp(`^authorization server returned error=(${AUTHORIZATION_ERROR_CODES.join('|')})\\b`));

    const callback = await shownCallback(page, config.client.redirectUri);
    expect(AUTHORIZATION_ERROR_CODES).toContain(callback.searchParams.get('error'));
    expect(callback.searchParams.get('state')).toBe('state-for-error');
    expect(callback.searchParams.has('code')).toBe(false);
  });

  test('without state the flow still works and no state comes back', async ({ signInForCode, config, page }) => {
    const request = authorizeRequestFor(config, { state: null });
    expect(new URL(request.url).searchParams.has('state')).toBe(false);

    const result = await signInForCode({ request });

    expect(config.codePattern.test(result.code), `code matches CODE_PATTERN`).toBe(true);
    expect(result.state).toBeUndefined();
    expect((await shownCallback(page, config.client.redirectUri)).searchParams.has('state')).toBe(false);
  });
});

test.describe('protocol errors: the embedded server\'s exact answers', { tag: '@local-only' }, () => {
  test('an unregistered redirect_uri and an unknown client_id show /error?error=redirect_mismatch by default', async ({ signInForCode, errorPage, config, page }) => {
    await expectFailure(signInForCode({ request: authorizeRequestFor(config, { redirectUri: UNREGISTERED }) }), 'authorization_error', /^login service showed its error page: error=redirect_mismatch$/);
    expect(new URL(page.url()).pathname).toBe('/error');
    expect(await errorPage.code()).toBe('redirect_mismatch');
    await expect(page.getByText('An error was encountered with the requested page.')).toBeVisible();

    await expectFailure(signInForCode({ request: authorizeRequestFor(config, { clientId: 'no-such-client-id' }) }), 'authorization_error', /^login service showed its error page: error=redirect_mismatch$/);
    expect(await errorPage.code()).toBe('redirect_mismatch');
  });

  for (const unknownClientError of ['invalid_request', 'unauthorized_client']) {
    test(`an unknown client_id shows whatever code the server is set to: ${unknownClientError}`, async ({ localTarget, signInForCode, errorPage }) => {
      const { config } = await localTarget({ unknownClientError });

      await expectFailure(signInForCode({ config, request: authorizeRequestFor(config, { clientId: 'no-such-client-id' }) }), 'authorization_error', new RegExp(`^login service showed its error page: error=${unknownClientError}$`));

      expect(await errorPage.isCurrent()).toBe(true);
      expect(await errorPage.code()).toBe(unknownClientError);
    });
  }

  test('a response_type other than code gets error=unsupported_response_type with a description', async ({ signInForCode, config, page }) => {
    await expectFailure(signInForCode({ request: authorizeRequestFor(config, { responseType: 'token', state: 's' }) }), 'authorization_error', /^authorization server returned error=unsupported_response_type\b/);

    const callback = await shownCallback(page, config.client.redirectUri);
    expect(callback.searchParams.get('error')).toBe('unsupported_response_type');
    expect(callback.searchParams.get('error_description')).toBe('Only response_type=code is supported');
  });

  test('without state the code is a UUID', async ({ signInForCode, config }) => {
    expect((await signInForCode({ request: authorizeRequestFor(config, { state: null }) })).code).toMatch(UUID);
  });
});
