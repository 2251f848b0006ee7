/**
 * For an application's own test suite (Playwright's "Authentication" pattern): a setup project signs
 * in once through the harness, lets the callback reach the application this one time so it can
 * start its session, and saves the browser's storageState for the application's tests to reuse.
 *
 * Everywhere else the harness captures the callback and never delivers it (the code stays unspent
 * for the pipeline). Delivering is therefore an explicit option, `deliverCallback: true`, and
 * happens in a second page of the same context: the login page keeps its capture guard, and the
 * application receives exactly one request, the callback URL the login service produced.
 *
 * The authorize request is the harness's own (its state; no PKCE unless asked, since the
 * application cannot know the harness's code verifier): the application's callback must accept a
 * code it did not request itself, as a test deployment's usually does.
 */
import type { BrowserContext } from '@playwright/test';
import { writeFileAtomic } from '../platform/atomic-file.js';
import { loadConfig, type HarnessConfig, type LoadConfigOptions } from '../config/config.js';
import { HarnessError } from '../errors.js';
import { DEFAULT_FLOW_TIMEOUT_MS, authorizeRequestFor, obtainAuthorizationCode } from './flow.js';
import { withSession } from './session.js';

export interface SaveSignedInStateOptions extends LoadConfigOptions {
  /** where to write the storageState JSON (mode 0600: it holds the application's session) */
  path: string;
  /** must be true: the one callback is delivered to the application, which spends the code */
  deliverCallback: true;
  /** a ready configuration; default: read from the environment and `.env` */
  config?: HarnessConfig;
  /** send a PKCE challenge (default false: the application could not redeem the code without the verifier) */
  usePkce?: boolean;
  /** budget for the sign-in and the application's answer (default 30000 ms) */
  timeoutMs?: number;
}

export interface SignedInState {
  path: string;
  /** the URL the application's callback answered with (after its redirects), without query */
  landedAt: string;
  /** names of the cookies saved (never their values) */
  cookies: string[];
}

/** Signs in, delivers the callback to the application once, saves storageState to `path`. Throws HarnessError. */
export async function saveSignedInState(context: BrowserContext, options: SaveSignedInStateOptions): Promise<SignedInState> {
  if (options.deliverCallback !== true) {
    throw new HarnessError('usage', 'saveSignedInState delivers the callback to the application, which spends the code: pass deliverCallback: true to say so');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(1, deadline - Date.now());
  const config = options.config ?? loadConfig(options);
  // The caller's context signs in: the session opens the target alone.
  return withSession({ config, browser: null, launchTimeoutMs: remaining() }, async ({ config: target }) => {
    const loginPage = await context.newPage();
    const request = authorizeRequestFor(target, { usePkce: options.usePkce ?? false });
    const result = await obtainAuthorizationCode(loginPage, target, { request, timeoutMs: remaining() });
    await loginPage.close();

    const callback = new URL(result.redirectUri);
    callback.searchParams.set('code', result.code);
    if (result.state !== undefined) callback.searchParams.set('state', result.state);
    if (result.issuer !== undefined) callback.searchParams.set('iss', result.issuer);
    const appPage = await context.newPage();
    try {
      const response = await appPage.goto(callback.href, { waitUntil: 'load', timeout: remaining() }).catch((error: unknown) => {
        throw new HarnessError('network', `the application's callback ${result.redirectUri} could not be reached: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, { cause: error });
      });
      if (!response || response.status() >= 400) {
        throw new HarnessError('authorization_error', `the application answered its callback with HTTP ${response?.status() ?? 'nothing'}: it did not accept the sign-in`);
      }
      const state = await context.storageState();
      await writeFileAtomic(options.path, `${JSON.stringify(state, null, 2)}\n`);
      const landed = new URL(appPage.url());
      return { path: options.path, landedAt: `${landed.origin}${landed.pathname}`, cookies: state.cookies.map((cookie) => cookie.name) };
    } finally {
      await appPage.close();
    }
  });
}
