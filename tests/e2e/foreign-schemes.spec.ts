/**
 * A login service that sends the browser after sign-in to an address that is not a web page
 * (javascript:, data:, about:, blob:) instead of to the callback: the journey fails at once with
 * unexpected_page naming the scheme only, never waits out its budget and never signs in again.
 */
import { test, expect } from '../../fixtures/index.js';
import type { ConfigWithBaseUrl } from '../../lib/journey/flow.js';
import { expectFailure } from './helpers.js';
import { startForeignService, page, type ForeignService, type ForeignStep } from './foreign-screens/server.js';
import * as screens from './foreign-screens/screens.js';

/** Content of the foreign address: never to be printed. */
const CANARY = 'canary-7f3a9c';

const landing = (script: string): ForeignStep => ({ render: () => page('Welcome', `<p>Welcome</p>${script}`) });

const cases: Array<{ name: string; scheme: RegExp; steps: (user: ConfigWithBaseUrl['user']) => ForeignStep[] }> = [
  { name: 'a 302 to javascript:', scheme: /javascript:/, steps: (user) => [{ ...screens.conventionalForm(user), redirect: () => `javascript:alert('${CANARY}')` }] },
  { name: 'a 302 to data:', scheme: /(data:|non-http\(s\))/, steps: (user) => [{ ...screens.conventionalForm(user), redirect: () => `data:text/html,${CANARY}` }] },
  { name: 'a script sending the page to data:', scheme: /data:/, steps: (user) => [screens.conventionalForm(user), landing(`<script>location.replace('data:text/html,${CANARY}')</script>`)] },
  { name: 'a refresh to data:', scheme: /data:/, steps: (user) => [screens.conventionalForm(user), landing(`<meta http-equiv="refresh" content="0;url=data:text/html,${CANARY}">`)] },
  { name: 'a script sending the page to about:blank', scheme: /about:/, steps: (user) => [screens.conventionalForm(user), landing(`<script>location.replace('about:blank#${CANARY}')</script>`)] },
];

test.describe('a non-web address after sign-in', { tag: '@local-only' }, () => {
  const services: ForeignService[] = [];

  test.afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.close()));
  });

  for (const { name, scheme, steps } of cases) {
    test(`${name} fails unexpected_page at once, naming only the scheme`, async ({ config, signInForCode }) => {
      const service = await startForeignService(steps(config.user));
      services.push(service);
      const target: ConfigWithBaseUrl = { ...config, target: { kind: 'embedded', baseUrl: service.url }, selectors: { username: undefined, password: undefined, submit: undefined } };
      const started = Date.now();

      const failure = await expectFailure(signInForCode({ config: target, timeoutMs: 20_000 }), 'unexpected_page', /^the login service (redirected|sent) the browser to a \S+ address instead of the callback/);

      expect(failure.exitCode).toBe(6);
      expect(failure.message).toMatch(scheme);
      expect(`${failure.message} ${failure.lastUrl ?? ''}`).not.toContain(CANARY);
      expect(Date.now() - started, 'well before the 20 s budget').toBeLessThan(8_000);
      // Signed in once: no reload sent the password again.
      expect(service.posts).toHaveLength(1);
    });
  }
});
