/**
 * Every MOCK_FAULTS mode, each on a private server: the journey must fail for the reason the fault
 * causes, with a message naming it. After each failure the fault is lifted and the same journey
 * succeeds on the same server, so the fault alone made it fail.
 */
import { test, expect } from '../../fixtures/index.js';
import type { FailureReason } from '../../lib/errors.js';
import { TokenEndpointError } from '../../lib/oauth/token-client.js';
import { UUID, expectFailure } from './helpers.js';

interface SignInFault {
  fault: string;
  reason: FailureReason;
  message: RegExp;
}

const SIGN_IN_FAULTS: SignInFault[] = [
  { fault: 'login-500', reason: 'server_error', message: /^login service answered HTTP 500 on POST \/login$/ },
  { fault: 'malformed-code', reason: 'bad_code', message: /^code does not match CODE_PATTERN/ },
  { fault: 'missing-code', reason: 'bad_code', message: /^callback carries no code$/ },
  { fault: 'state-mismatch', reason: 'state_mismatch', message: /^callback state differs from the state sent$/ },
  { fault: 'access-denied', reason: 'authorization_error', message: /^authorization server returned error=access_denied\b/ },
];

test.describe('faults', { tag: '@local-only' }, () => {
  for (const { fault, reason, message } of SIGN_IN_FAULTS) {
    test(`${fault}: the journey fails with ${reason}`, async ({ localTarget, signInForCode }) => {
      const { config, server } = await localTarget({ faults: fault });

      await expectFailure(signInForCode({ config }), reason, message);

      server.setFaults('');
      expect((await signInForCode({ config })).code).toMatch(UUID);
    });
  }

  test('slow-login: a journey with a shorter budget fails with timeout and names the last page', async ({ localTarget, signInForCode, page }) => {
    const { config } = await localTarget({ faults: 'slow-login=10000' });

    const failure = await expectFailure(signInForCode({ config, timeoutMs: 4_000 }), 'timeout', /^no callback within 4000 ms; last page: http:\/\/127\.0\.0\.1:\d+\/login$/);
    expect(failure.lastUrl).toBe(`${config.target.baseUrl}/login`);

    // Control: the same fault with a delay well inside the budget is fine. Leaving the page first
    // cancels the sign-in still waiting for its slow answer.
    await page.goto('about:blank');
    const quick = await localTarget({ faults: 'slow-login=300' });
    expect((await signInForCode({ config: quick.config, timeoutMs: 10_000 })).code).toMatch(UUID);
  });

  test('slow-login: a code that arrives after the journey gave up still never reaches the app', async ({ localTarget, callbackApp, signInForCode, page }) => {
    // A budget that reaching the login screen fits even on a busy machine, and an answer well past it.
    const { config } = await localTarget({ faults: 'slow-login=7000', redirectUri: callbackApp.redirectUri });

    await expectFailure(signInForCode({ config, timeoutMs: 3_000 }), 'timeout', /^no callback within 3000 ms/);
    // The server answers after the flow stopped waiting; the page is still guarded.
    await expect(page.getByText('The login harness captured this callback')).toBeVisible({ timeout: 15_000 });
    expect(callbackApp.hits()).toBe(0);
  });

  test('token-500: signing in works, redeeming the code fails with token_error', async ({ localTarget, signInForCode, tokenClient }) => {
    const { config, server } = await localTarget({ faults: 'token-500' });
    const result = await signInForCode({ config });

    const refusal = await tokenClient.exchange(result.code, { config, codeVerifier: result.codeVerifier }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(refusal).toBeInstanceOf(TokenEndpointError);
    expect({ reason: (refusal as TokenEndpointError).reason, status: (refusal as TokenEndpointError).status, message: (refusal as TokenEndpointError).message }).toEqual({
      reason: 'token_error',
      status: 500,
      message: 'token endpoint answered HTTP 500 server_error',
    });

    server.setFaults('');
    const again = await signInForCode({ config });
    expect((await tokenClient.exchange(again.code, { config, codeVerifier: again.codeVerifier })).token_type).toBe('Bearer');
  });
});
