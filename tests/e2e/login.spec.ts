import { test, expect } from '../../fixtures/index.js';
import { shownCallback } from './helpers.js';

test.describe('login journey', () => {
  test('signs in and captures a code of the expected shape with the state and the exact redirect URI', { tag: '@smoke' }, async ({ signInForCode, authorizeRequest, config, page }) => {
    const result = await signInForCode();
    // CODE_PATTERN: a UUID unless configured otherwise (DESIGN.md documents the code as one).
    expect(config.codePattern.test(result.code), `code matches CODE_PATTERN`).toBe(true);
    expect(result.state).toBe(authorizeRequest.state);
    expect(result.redirectUri).toBe(config.client.redirectUri);
    expect(result.signedInWithForm).toBe(true);
    // The browser sits on the harness's stand-in page: the callback app never saw the request.
    const callback = await shownCallback(page, config.client.redirectUri);
    expect(callback.searchParams.get('code')).toBe(result.code);
    await expect(page.getByText('The login harness captured this callback')).toBeVisible();
  });
});

test('the embedded server issues version 4 UUIDs', { tag: '@local-only' }, async ({ signInForCode }) => {
  expect((await signInForCode()).code).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
});
