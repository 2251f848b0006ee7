/** Redeeming the captured code at /oauth2/token, and the protocol's rules for doing it only once, right. */
import { test, expect } from '../../fixtures/index.js';
import { EMBEDDED_ALTERNATE_REDIRECT_URI } from '../../lib/config/target.js';
import { TokenEndpointError } from '../../lib/oauth/token-client.js';
import { createCodeVerifier } from '../../lib/oauth/pkce.js';

/** How the token endpoint refused an exchange (RFC 6749 §5.2), or `accepted` when it did not. */
async function refusalOf(exchange: Promise<unknown>): Promise<{ status: number; error: string | undefined; reason: string } | 'accepted' | 'not a token endpoint error'> {
  const refusal: unknown = await exchange.then(
    () => 'accepted' as const,
    (thrown: unknown) => thrown,
  );
  if (refusal === 'accepted') return refusal;
  if (!(refusal instanceof TokenEndpointError)) return 'not a token endpoint error';
  return { status: refusal.status, error: refusal.error, reason: refusal.reason };
}

const INVALID_GRANT = { status: 400, error: 'invalid_grant', reason: 'token_error' };

test.describe('token exchange', () => {
  test('exchanges the code with its PKCE verifier for Bearer tokens', async ({ signInForCode, tokenClient }) => {
    const result = await signInForCode();
    expect(result.codeVerifier).toBeDefined();

    const tokens = await tokenClient.exchange(result.code, { codeVerifier: result.codeVerifier });

    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.access_token.split('.')).toHaveLength(3);
    expect(tokens.id_token?.split('.')).toHaveLength(3);
    expect(tokens.expires_in).toBeGreaterThan(0);
  });

  test('refuses a code the second time with invalid_grant', async ({ signInForCode, tokenClient }) => {
    const result = await signInForCode();
    await tokenClient.exchange(result.code, { codeVerifier: result.codeVerifier });

    expect(await refusalOf(tokenClient.exchange(result.code, { codeVerifier: result.codeVerifier }))).toEqual(INVALID_GRANT);
  });

  test('refuses a code with the wrong PKCE verifier with invalid_grant', async ({ signInForCode, tokenClient }) => {
    const result = await signInForCode();

    expect(await refusalOf(tokenClient.exchange(result.code, { codeVerifier: createCodeVerifier() }))).toEqual(INVALID_GRANT);
  });

  test('refuses a code redeemed for another registered redirect URI with invalid_grant', { tag: '@local-only' }, async ({ signInForCode, tokenClient, config }) => {
    expect(EMBEDDED_ALTERNATE_REDIRECT_URI).not.toBe(config.client.redirectUri);
    const result = await signInForCode();

    expect(await refusalOf(tokenClient.exchange(result.code, { codeVerifier: result.codeVerifier, redirectUri: EMBEDDED_ALTERNATE_REDIRECT_URI }))).toEqual(INVALID_GRANT);
  });

  test('refuses an expired code with invalid_grant', { tag: '@local-only' }, async ({ localTarget, signInForCode, tokenClient }) => {
    const { config, server } = await localTarget({ codeTtlSeconds: 300 });
    const result = await signInForCode({ config });
    // Past the code's lifetime on the server's clock, without waiting for it.
    server.advanceClock(300_000);

    expect(await refusalOf(tokenClient.exchange(result.code, { config, codeVerifier: result.codeVerifier }))).toEqual(INVALID_GRANT);
  });

  test('redeems a code from a short-lived target while it is still valid', { tag: '@local-only' }, async ({ localTarget, signInForCode, tokenClient }) => {
    // The control for the expiry test: a private target with a short code lifetime accepts the code
    // when it is redeemed at once, so the wait past expiry is what made the other test fail.
    const { config } = await localTarget({ codeTtlSeconds: 3 });
    const result = await signInForCode({ config });

    const tokens = await tokenClient.exchange(result.code, { config, codeVerifier: result.codeVerifier });
    expect(tokens.token_type).toBe('Bearer');
  });
});
