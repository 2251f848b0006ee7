/**
 * RFC 9207: when the login service names itself in `iss` on the callback, the flow checks it. A
 * server that sends the right issuer signs in; one that sends another (the `wrong-iss` fault: a
 * mix-up attack's symptom) is a broken contract.
 */
import { test, expect } from '../../fixtures/index.js';
import { HarnessError } from '../../lib/errors.js';

test.describe('callback issuer (RFC 9207)', { tag: '@local-only' }, () => {
  test('the right iss is accepted and reported', async ({ localTarget, signInForCode }) => {
    const { config, server } = await localTarget({ sendIssuer: true });

    const result = await signInForCode({ config });

    expect(result.issuer).toBe(server.url);
  });

  test('a wrong iss fails as a broken contract (exit 6)', async ({ localTarget, signInForCode }) => {
    const { config } = await localTarget({ faults: 'wrong-iss' });

    const failure = await signInForCode({ config }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(HarnessError);
    expect((failure as HarnessError).exitCode).toBe(6);
    expect((failure as HarnessError).message).toMatch(/not the expected issuer/);
  });

  test('OAUTH_ISSUER overrides the expected issuer', async ({ localTarget, signInForCode }) => {
    const { config } = await localTarget({ sendIssuer: true });

    const failure = await signInForCode({ config: { ...config, issuer: 'https://issuer.example.com' } }).catch((error: unknown) => error);

    expect((failure as HarnessError).message).toMatch(/not the expected issuer https:\/\/issuer.example.com/);
  });
});
