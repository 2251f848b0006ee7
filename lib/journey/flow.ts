/**
 * The one login journey. The test fixture, get-code and the health check all call
 * obtainAuthorizationCode(); nothing else drives the login screen.
 */
import type { Page } from '@playwright/test';
import type { LoginShape } from '../../pages/LoginPage.js';
import type { HarnessConfig } from '../config/config.js';
import { HarnessError } from '../errors.js';
import { checkCallback, createAuthorizeRequest, expectedIssuer, isRedirectTo, type AuthorizeRequest } from '../oauth/index.js';
import { DEFAULT_FLOW_TIMEOUT_MS } from './budget.js';
import { classify, ignoreInterruptedNavigation, safeUrl } from './journey-errors.js';
import { act, decide, look, startJourney, type JourneyRun, type StepRunner } from './journey-run.js';
import { isCaptured, waitForOutcome, type Outcome } from './watch.js';
import type { TotpClock } from './totp.js';
import { endpointsOf } from '../config/target.js';

/** Runs one named step; the fixture passes Playwright's test.step so Allure shows domain steps. */
export type { StepRunner };
export { safeUrl };

export const runStepPlainly: StepRunner = (_title, body) => body();

export { DEFAULT_FLOW_TIMEOUT_MS };

export interface FlowOptions {
  /** the authorize request to send; default: a fresh one from the configuration */
  request?: AuthorizeRequest;
  /** the whole journey's budget, from opening the authorize URL to the checked callback */
  timeoutMs?: number;
  step?: StepRunner;
  /** fail instead of accepting a callback that a browser session produced without the form */
  requireLoginForm?: boolean;
  /** skip images, fonts and media the form does not need (default true) */
  blockNonEssential?: boolean;
  /** filled in as each phase completes, so a caller still has the finished phases when the journey fails */
  timings?: Partial<LoginPhases>;
  /** told each one-time code before it is entered, e.g. to add it to the redaction ledger */
  onOneTimeCode?: (code: string) => void;
  /**
   * Let the page land on the callback's stand-in before returning (default true), so the caller's
   * next navigation on it is not interrupted. A caller that closes the page next (get-code's last
   * code) passes false and saves that wait.
   */
  waitForLanding?: boolean;
  /** the authenticator's clock (default: real time); tests share a fake one with their login service */
  totpClock?: TotpClock;
}

export interface LoginPhases {
  /** authorize URL opened → login screen usable (or → callback, when a session skipped the form) */
  loginScreenMs: number;
  /** sign-in submitted → callback captured (the MFA step included); 0 when a session skipped the form */
  signInMs: number;
  /** one-time-code screen shown → callback captured; absent when no code was asked for */
  mfaMs?: number;
}

export interface AuthorizationResult {
  code: string;
  state: string | undefined;
  codeVerifier: string | undefined;
  /** the nonce the request sent (scope openid); the ID token must carry it back */
  nonce?: string | undefined;
  redirectUri: string;
  clientId: string;
  issuer: string | undefined;
  issuedAt: Date;
  expiresAt: Date;
  /** false when the browser's session cookie took it straight to the callback */
  signedInWithForm: boolean;
  loginShape: LoginShape | undefined;
  phases: LoginPhases;
}

export type ConfigWithBaseUrl = HarnessConfig & { target: { baseUrl: string } };

export function authorizeRequestFor(config: ConfigWithBaseUrl, overrides: { state?: string | null; usePkce?: boolean; redirectUri?: string; clientId?: string; responseType?: string } = {}): AuthorizeRequest {
  return createAuthorizeRequest({
    endpoint: endpointsOf(config).authorize,
    clientId: overrides.clientId ?? config.client.id,
    redirectUri: overrides.redirectUri ?? config.client.redirectUri,
    scopes: config.scopes,
    usePkce: overrides.usePkce ?? config.usePkce,
    ...(overrides.state !== undefined ? { state: overrides.state } : {}),
    ...(overrides.responseType !== undefined ? { responseType: overrides.responseType } : {}),
  });
}

/**
 * The journey: open the authorize URL, then look, pick the screen, act (or wait), until the callback
 * comes, a screen ends it with a reason, or the deadline passes. The rules that keep a password from
 * being spent on a screen the harness does not understand are in safety.ts; what each screen does
 * and what its errors mean are in its page object.
 */
export async function obtainAuthorizationCode(page: Page, config: ConfigWithBaseUrl, options: FlowOptions = {}): Promise<AuthorizationResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS;
  const request = options.request ?? authorizeRequestFor(config);
  const run = await startJourney(page, config, {
    request,
    timeoutMs,
    step: options.step ?? runStepPlainly,
    blockNonEssential: options.blockNonEssential ?? true,
    ...(options.timings ? { timings: options.timings } : {}),
    ...(options.onOneTimeCode ? { onOneTimeCode: options.onOneTimeCode } : {}),
    ...(options.totpClock ? { totpClock: options.totpClock } : {}),
  });
  const { watch, traffic } = run;
  const fail = (error: unknown): never => {
    throw classify(error, page, timeoutMs, config.target.baseUrl);
  };
  let succeeded = false;
  try {
    const opening = page.goto(request.url, { waitUntil: 'commit', timeout: watch.remaining() }).catch(ignoreInterruptedNavigation);
    let outcome: Outcome = await run.options.step('Open login screen', () => watch.race(opening.then(() => 'changed' as const))).catch(fail);
    while (!isCaptured(outcome)) {
      const seen = await look(run).catch(fail);
      if (seen === undefined) continue;
      if (isCaptured(seen)) {
        outcome = seen;
        break;
      }
      const next = await Promise.resolve(seen).then((current) => decide(run, current)).catch(fail);
      if (next === 'reload') {
        const reloaded = page.reload({ waitUntil: 'commit', timeout: watch.remaining() }).catch(ignoreInterruptedNavigation);
        outcome = await watch.race(reloaded.then(() => 'changed' as const)).catch(fail);
      } else if ('act' in next) {
        outcome = await act(run, next.act, seen).catch(fail);
      } else {
        outcome = await waitForOutcome(watch, traffic, next).catch(fail);
      }
    }
    const result = await finish(run, outcome.callback, options);
    succeeded = true;
    return result;
  } finally {
    watch.dispose();
    traffic.dispose();
    // A failed journey leaves the guard on: the server may still answer with a code after we gave up.
    await run.capture.dispose({ keepGuard: !succeeded });
  }
}

/** The checked callback, the phases of the journey and what the caller needs to redeem the code. */
async function finish(run: JourneyRun, callbackUrl: URL, options: FlowOptions): Promise<AuthorizationResult> {
  const { page, state, watch } = run;
  const request = run.options.request;
  const config = run.config as ConfigWithBaseUrl;
  const now = performance.now();
  const signedInWithForm = state.signInStarted !== undefined;
  if (!signedInWithForm && options.requireLoginForm) {
    throw new HarnessError('unexpected_page', 'the browser already had a session and skipped the login form; a fresh browser context is needed', { lastUrl: safeUrl(page.url()) });
  }
  const phases: LoginPhases = {
    loginScreenMs: Math.round((signedInWithForm ? (state.loginScreenAt ?? now) : now) - run.started),
    signInMs: signedInWithForm ? Math.round(now - (state.signInStarted ?? now)) : 0,
    ...(state.codeStarted !== undefined ? { mfaMs: Math.round(now - state.codeStarted) } : {}),
  };
  if (options.timings) Object.assign(options.timings, phases);
  // The request is caught before the browser commits the stand-in page; let it do so, so the
  // caller's next navigation on this page (another authorize, a logout) is not interrupted by it.
  if (options.waitForLanding ?? true) {
    await page.waitForURL((url) => isRedirectTo(url, request.redirectUri), { waitUntil: 'commit', timeout: Math.min(watch.remaining(), 5_000) }).catch(() => undefined);
  }
  const issuedAt = new Date();
  const callback = checkCallback(callbackUrl, request, { codePattern: config.codePattern, expectedIssuer: expectedIssuer(config.target.baseUrl, config.issuer) });
  return {
    code: callback.code,
    state: callback.state,
    codeVerifier: request.codeVerifier,
    nonce: request.nonce,
    redirectUri: request.redirectUri,
    clientId: request.clientId,
    issuer: callback.issuer,
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + config.codeTtlSeconds * 1000),
    signedInWithForm,
    loginShape: signedInWithForm ? state.loginShape : undefined,
    phases,
  };
}
