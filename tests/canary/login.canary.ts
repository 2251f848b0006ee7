/**
 * The canary login (run only by tests/e2e/no-secrets.spec.ts): signs in and redeems the code, then
 * behaves like a careless test and puts every secret it holds into stdout, an attachment and a step
 * title (the TOTP secret and the one-time code too: the canary account has MFA). Redaction must
 * leave none of them in any artifact.
 */
import { test, expect } from '../../fixtures/index.js';

test.use({ trace: 'on', screenshot: 'on' });

test('signs in with the canary account, redeems the code and leaks what it holds', async ({ signInForCode, tokenClient, config, page }, testInfo) => {
  const oneTimeCodes: string[] = [];
  const result = await signInForCode({ onOneTimeCode: (code) => oneTimeCodes.push(code) });
  expect(oneTimeCodes.length, 'the canary account has TOTP MFA').toBeGreaterThan(0);
  const tokens = await tokenClient.exchange(result.code, { codeVerifier: result.codeVerifier });
  expect(tokens.token_type).toBe('Bearer');
  expect(tokens.refresh_token).toBeTruthy();

  console.log(`signed in as ${config.user.username} with ${config.user.password}; client secret ${config.client.secret}`);
  console.log(`Authorization: Basic ${Buffer.from(`${config.client.id}:${encodeURIComponent(config.client.secret ?? '')}`).toString('base64')}`);
  console.log(`callback ${page.url()}`);
  console.log(`the code was ${result.code} and its verifier ${result.codeVerifier}`);
  console.log(`refresh token ${tokens.refresh_token}`);
  console.log(`totp secret ${config.user.totpSecret}; one-time code ${oneTimeCodes.join(', ')}`);
  await testInfo.attach('token-response', { body: JSON.stringify(tokens), contentType: 'application/json' });

  await test.step(`redeemed with code_verifier=${result.codeVerifier}`, async () => {
    expect(result.codeVerifier).toBeTruthy();
  });
});
