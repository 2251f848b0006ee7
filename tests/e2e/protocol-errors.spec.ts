/** What the login service must do with authorize requests it cannot honour, and with none of `state`. */
import { test, expect } from '../../fixtures/index.js';
import { authorizeRequestFor } from '../../lib/flow.js';
import { UUID, expectFailure, shownCallback } from './helpers.js';

test.describe('protocol errors', () => {
  test('an unregistered redirect_uri gets the error page and no redirect', { tag: '@smoke' }, async ({ signInForCode, errorPage, config, page }) => {
    const request = authorizeRequestFor(config, { redirectUri: 'https://unregistered.example.com/callback' });

    await expectFailure(signInForCode({ request }), 'authorization_error', /^login service showed its error page: error=redirect_mismatch$/);

    expect(await errorPage.isCurrent()).toBe(true);
    expect(await errorPage.code()).toBe('redirect_mismatch');
    // The browser stayed with the login service: nothing was sent towards the unregistered address.
    expect(new URL(page.url()).origin).toBe(new URL(config.target.baseUrl).origin);
  });

  test('an unknown client_id gets the error page and no redirect', async ({ signInForCode, errorPage, config, page }) => {
    const request = authorizeRequestFor(config, { clientId: 'no-such-client-id' });

    await expectFailure(signInForCode({ request }), 'authorization_error', /^login service showed its error page: error=redirect_mismatch$/);

    expect(await errorPage.isCurrent()).toBe(true);
    expect(await errorPage.code()).toBe('redirect_mismatch');
    expect(new URL(page.url()).origin).toBe(new URL(config.target.baseUrl).origin);
  });

  test('a response_type other than code is answered with an error on the callback', async ({ signInForCode, config, page }) => {
    const request = authorizeRequestFor(config, { responseType: 'token', state: 'state-for-error' });

    await expectFailure(signInForCode({ request }), 'authorization_error', /^authorization server returned error=(unsupported_response_type|invalid_request)\b/);

    const callback = await shownCallback(page, config.client.redirectUri);
    expect(callback.searchParams.get('error')).toMatch(/^(unsupported_response_type|invalid_request)$/);
    expect(callback.searchParams.get('state')).toBe('state-for-error');
    expect(callback.searchParams.has('code')).toBe(false);
  });

  test('without state the flow still works and no state comes back', async ({ signInForCode, config, page }) => {
    const request = authorizeRequestFor(config, { state: null });
    expect(new URL(request.url).searchParams.has('state')).toBe(false);

    const result = await signInForCode({ request });

    expect(result.code).toMatch(UUID);
    expect(result.state).toBeUndefined();
    expect((await shownCallback(page, config.client.redirectUri)).searchParams.has('state')).toBe(false);
  });
});
