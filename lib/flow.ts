/**
 * The one login journey. The test fixture, get-code and the health check all call
 * obtainAuthorizationCode(); nothing else drives the login screen.
 */
import type { Page, Request, Response } from '@playwright/test';
import { ErrorPage } from '../pages/ErrorPage.js';
import { LOGIN_ERROR_TEXT, LoginPage, LoginScreenNotRecognisedError, type LoginShape } from '../pages/LoginPage.js';
import { captureCallback } from './callback-capture.js';
import type { HarnessConfig } from './config.js';
import { HarnessError, isHarnessError } from './errors.js';
import { checkCallback, createAuthorizeRequest, expectedIssuer, isRedirectTo, type AuthorizeRequest } from './oauth/index.js';

/** Runs one named step; the fixture passes Playwright's test.step so Allure shows domain steps. */
export type StepRunner = <T>(title: string, body: () => Promise<T>) => Promise<T>;

export const runStepPlainly: StepRunner = (_title, body) => body();

export const DEFAULT_FLOW_TIMEOUT_MS = 30_000;

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
}

export interface LoginPhases {
  /** authorize URL opened → login screen usable (or → callback, when a session skipped the form) */
  loginScreenMs: number;
  /** sign-in submitted → callback captured; 0 when a session skipped the form */
  signInMs: number;
}

export interface AuthorizationResult {
  code: string;
  state: string | undefined;
  codeVerifier: string | undefined;
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
    baseUrl: config.target.baseUrl,
    clientId: overrides.clientId ?? config.client.id,
    redirectUri: overrides.redirectUri ?? config.client.redirectUri,
    scopes: config.scopes,
    usePkce: overrides.usePkce ?? config.usePkce,
    ...(overrides.state !== undefined ? { state: overrides.state } : {}),
    ...(overrides.responseType !== undefined ? { responseType: overrides.responseType } : {}),
  });
}

type Landing = { kind: 'callback'; url: URL } | { kind: 'login' } | { kind: 'error-page' };

export async function obtainAuthorizationCode(page: Page, config: ConfigWithBaseUrl, options: FlowOptions = {}): Promise<AuthorizationResult> {
  const step = options.step ?? runStepPlainly;
  const timeoutMs = options.timeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(1, deadline - Date.now());
  const request = options.request ?? authorizeRequestFor(config);
  const loginPage = new LoginPage(page, config.selectors);
  const errorPage = new ErrorPage(page);

  const capture = await captureCallback(page, request.redirectUri, { blockNonEssential: options.blockNonEssential ?? true });
  const serviceFailure = watchServiceFailures(page, config.target.baseUrl);
  const failWith = (error: unknown): never => {
    throw classify(error, page, timeoutMs);
  };

  try {
    const started = performance.now();
    const landing = await step('Open login screen', async (): Promise<Landing> => {
      await page.goto(request.url, { waitUntil: 'commit', timeout: remaining() }).catch((error: unknown) => {
        // With a session cookie the authorize request hops straight to the callback, and Chromium
        // sometimes reports that captured hop as a second navigation interrupting the first (about
        // 1 in 60 codes of `--count 10`). The browser went on somewhere: the landing below says where.
        if (error instanceof Error && /is interrupted by another navigation/.test(error.message)) return;
        failWith(error);
      });
      return firstOf<Landing>([
        capture.callback.then((url) => ({ kind: 'callback', url })),
        loginPage.waitUntilReady(remaining()).then(() => ({ kind: 'login' })),
        errorPage.message.waitFor({ timeout: remaining() }).then(() => ({ kind: 'error-page' })),
        serviceFailure.failure,
      ]).catch(failWith);
    });
    const loginScreenMs = performance.now() - started;
    if (options.timings) options.timings.loginScreenMs = Math.round(loginScreenMs);

    if (landing.kind === 'error-page') {
      throw new HarnessError('authorization_error', `login service showed its error page: error=${(await errorPage.code()) ?? 'unknown'}`, { lastUrl: safeUrl(page.url()) });
    }

    let callbackUrl: URL;
    let signInMs = 0;
    let loginShape: LoginShape | undefined;
    if (landing.kind === 'callback') {
      if (options.requireLoginForm) {
        throw new HarnessError('unexpected_page', 'the browser already had a session and skipped the login form; a fresh browser context is needed', { lastUrl: safeUrl(page.url()) });
      }
      callbackUrl = landing.url;
    } else {
      loginShape = await loginPage.shape();
      const signInStarted = performance.now();
      await step('Sign in', () => loginPage.signIn(config.user.username, config.user.password)).catch(failWith);
      callbackUrl = await step('Capture callback', () =>
        firstOf<URL>([
          capture.callback,
          loginPage.waitForError(remaining()).then((text) => {
            throw credentialsFailure(text, page);
          }),
          errorPage.message.waitFor({ timeout: remaining() }).then(async () => {
            throw new HarnessError('authorization_error', `login service showed its error page after sign-in: error=${(await errorPage.code()) ?? 'unknown'}`, { lastUrl: safeUrl(page.url()) });
          }),
          serviceFailure.failure,
        ]).catch(failWith),
      );
      signInMs = performance.now() - signInStarted;
      if (options.timings) options.timings.signInMs = Math.round(signInMs);
    }
    // The request is caught before the browser commits the stand-in page; let it do so, so the
    // caller's next navigation on this page (another authorize, a logout) is not interrupted by it.
    await page.waitForURL((url) => isRedirectTo(url, request.redirectUri), { waitUntil: 'commit', timeout: Math.min(remaining(), 5_000) }).catch(() => undefined);

    const issuedAt = new Date();
    const callback = checkCallback(callbackUrl, request, { codePattern: config.codePattern, expectedIssuer: expectedIssuer(config.target.baseUrl, config.issuer) });
    return {
      code: callback.code,
      state: callback.state,
      codeVerifier: request.codeVerifier,
      redirectUri: request.redirectUri,
      clientId: request.clientId,
      issuer: callback.issuer,
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + config.codeTtlSeconds * 1000),
      signedInWithForm: landing.kind === 'login',
      loginShape,
      phases: { loginScreenMs: Math.round(loginScreenMs), signInMs: Math.round(signInMs) },
    };
  } finally {
    serviceFailure.dispose();
    await capture.dispose();
  }
}

function credentialsFailure(text: string, page: Page): HarnessError {
  const lastUrl = safeUrl(page.url());
  if (LOGIN_ERROR_TEXT.locked.test(text)) return new HarnessError('account_locked', `account locked: the screen says "${text}"`, { lastUrl });
  if (LOGIN_ERROR_TEXT.incorrect.test(text)) return new HarnessError('credentials_rejected', `credentials rejected: the screen says "${text}"`, { lastUrl });
  return new HarnessError('credentials_rejected', `sign-in failed: the screen says "${text}"`, { lastUrl });
}

/**
 * Rejects as soon as the login service answers 5xx or cannot be reached during the journey, so the
 * flow reports the real cause at once instead of timing out waiting for a callback.
 */
function watchServiceFailures(page: Page, baseUrl: string): { failure: Promise<never>; dispose(): void } {
  const origin = new URL(baseUrl).origin;
  let reject!: (error: HarnessError) => void;
  const failure = new Promise<never>((_resolve, rejectFailure) => {
    reject = rejectFailure;
  });
  failure.catch(() => undefined);
  const relevant = (request: Request) => ['document', 'fetch', 'xhr'].includes(request.resourceType()) && new URL(request.url()).origin === origin;
  const onResponse = (response: Response) => {
    if (response.status() >= 500 && relevant(response.request())) {
      reject(new HarnessError('server_error', `login service answered HTTP ${response.status()} on ${response.request().method()} ${new URL(response.url()).pathname}`, { lastUrl: safeUrl(response.url()) }));
    }
  };
  const onRequestFailed = (request: Request) => {
    if (relevant(request) && request.failure()?.errorText !== 'net::ERR_ABORTED') {
      reject(new HarnessError('network', `request to the login service failed: ${request.failure()?.errorText ?? 'unknown error'} (${request.method()} ${new URL(request.url()).pathname})`, { lastUrl: safeUrl(request.url()) }));
    }
  };
  page.on('response', onResponse);
  page.on('requestfailed', onRequestFailed);
  return {
    failure,
    dispose() {
      page.off('response', onResponse);
      page.off('requestfailed', onRequestFailed);
    },
  };
}

/** Settles with the first promise to settle; the others are silenced so they cannot crash the process later. */
function firstOf<T>(promises: Promise<T>[]): Promise<T> {
  for (const promise of promises) promise.catch(() => undefined);
  return Promise.race(promises);
}

function classify(error: unknown, page: Page, timeoutMs: number): HarnessError {
  const lastUrl = safeUrl(page.url());
  if (isHarnessError(error)) return error;
  if (error instanceof LoginScreenNotRecognisedError) return new HarnessError('unexpected_page', error.message, { cause: error, lastUrl });
  const message = error instanceof Error ? error.message : String(error);
  const networkError = /net::ERR_[A-Z_]+/.exec(message)?.[0];
  if (networkError !== undefined && networkError !== 'net::ERR_ABORTED') {
    return new HarnessError('network', `cannot reach the login service: ${networkError}`, { cause: error, lastUrl });
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || /Timeout \d+ms exceeded/i.test(message))) {
    return new HarnessError('timeout', `no callback within ${timeoutMs} ms; last page: ${lastUrl}`, { cause: error, lastUrl });
  }
  if (/Target page, context or browser has been closed|Target closed/i.test(message)) {
    return new HarnessError('network', 'the browser closed before the login finished', { cause: error, lastUrl });
  }
  // Playwright's messages can quote URLs with state and codes in them: keep the first line, minus queries.
  const firstLine = (message.split('\n')[0] ?? '').replace(/(https?:\/\/[^\s?]+)\?\S*/g, '$1');
  return new HarnessError('unexpected_page', `${firstLine} (last page: ${lastUrl})`, { cause: error, lastUrl });
}

/** A URL without its query: queries here carry state, codes and errors that do not belong in logs. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? `${parsed.origin}${parsed.pathname}` : `${parsed.protocol}${parsed.pathname}`;
  } catch {
    return 'about:blank';
  }
}
