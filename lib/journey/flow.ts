/**
 * The one login journey. The test fixture, get-code and the health check all call
 * obtainAuthorizationCode(); nothing else drives the login screen.
 */
import type { Frame, Page, Request, Response } from '@playwright/test';
import { MfaSetupPage, NewPasswordPage, OneTimeCodePage, PasskeyOfferPage, SignInMethodPage } from '../../pages/challenges.js';
import { ErrorPage } from '../../pages/ErrorPage.js';
import { CredentialsScreen, LoginScreenNotRecognisedError, PasswordScreen, UsernameScreen, shapeOf, type LoginShape } from '../../pages/LoginPage.js';
import { describeLook, lookAt, waitForChange, type Look } from '../../pages/recognise.js';
import type { ActionBudget, Screen, Submission } from '../../pages/screen.js';
import { captureCallback } from './callback-capture.js';
import type { HarnessConfig } from '../config/config.js';
import { HarnessError, isHarnessError, type FailureReason } from '../errors.js';
import { nextTotpCode, parseTotpSecret } from './totp.js';
import { checkCallback, createAuthorizeRequest, expectedIssuer, isRedirectTo, type AuthorizeRequest } from '../oauth/index.js';
import { DEFAULT_FLOW_TIMEOUT_MS } from './budget.js';
import { safeUrl, safeUrlsIn } from '../redaction/safe-url.js';

/** Runs one named step; the fixture passes Playwright's test.step so Allure shows domain steps. */
export type StepRunner = <T>(title: string, body: () => Promise<T>) => Promise<T>;

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

/** Longest single fill or click: a re-render can leave an action waiting for an element that is gone. */
const ACTION_SLICE_MS = 5_000;
/** How often one screen may be acted on before the journey gives up on it. */
const MAX_ACTS_PER_SCREEN = 4;
/** Reloads of a page that draws nothing recognisable (a first load without a form happens). */
const MAX_RELOADS = 2;
/** Something is drawn but no screen matches: how long a script-rendered page may still settle. */
const UNKNOWN_SETTLE_MS = 1_000;

type Acting = (look: Look) => Promise<Submission>;
interface Captured {
  callback: URL;
}

function isCaptured(value: unknown): value is Captured {
  return typeof value === 'object' && value !== null && 'callback' in value && (value as Captured).callback instanceof URL;
}

export async function obtainAuthorizationCode(page: Page, config: ConfigWithBaseUrl, options: FlowOptions = {}): Promise<AuthorizationResult> {
  const step = options.step ?? runStepPlainly;
  const timeoutMs = options.timeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS;
  const journeyStarted = performance.now();
  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(1, deadline - Date.now());
  const budget: ActionBudget = { timeoutMs: () => Math.min(remaining(), ACTION_SLICE_MS) };
  const request = options.request ?? authorizeRequestFor(config);
  const overrides = config.selectors;
  const { username, password, totpSecret } = config.user;
  const totp = totpSecret === undefined ? undefined : parseTotpSecret(totpSecret);

  const errorPage = new ErrorPage(page);
  const newPassword = new NewPasswordPage(page, overrides);
  const mfaSetup = new MfaSetupPage(page, overrides);
  const oneTimeCode = new OneTimeCodePage(page, overrides);
  const methodChoice = new SignInMethodPage(page, overrides);
  const passkeyOffer = new PasskeyOfferPage(page, overrides);
  const credentials = new CredentialsScreen(page, overrides);
  const usernameAlone = new UsernameScreen(page, overrides);
  const passwordAlone = new PasswordScreen(page, overrides);
  const loginScreens: ReadonlySet<Screen> = new Set([credentials, usernameAlone, passwordAlone]);

  const state = {
    submissions: 0,
    errorsAnsweredAt: 0,
    lastSubmitted: undefined as Screen | undefined,
    submittedAt: { requests: 0, documents: 0 },
    acted: new Map<Screen, number>(),
    reloads: 0,
    blankSince: Date.now(),
    unknownSince: undefined as number | undefined,
    unknownFingerprint: undefined as string | undefined,
    codeRejections: 0,
    tryEarlierStep: false,
    loginShape: undefined as LoginShape | undefined,
    signInStarted: undefined as number | undefined,
    codeStarted: undefined as number | undefined,
  };
  const phases: Partial<LoginPhases> = {};
  const record = <K extends keyof LoginPhases>(key: K, value: number) => {
    phases[key] = Math.round(value);
    if (options.timings) options.timings[key] = Math.round(value);
  };

  const answerCode: Acting = async (look) => {
    const method = oneTimeCode.method(look);
    if (method !== 'authenticator app') {
      throw new HarnessError('mfa_unsupported', `the login service asks for a one-time code sent by ${method}, which the harness cannot read; give the test account authenticator-app (TOTP) MFA instead`, { lastUrl: safeUrl(page.url()) });
    }
    if (totp === undefined) {
      throw new HarnessError('mfa_required', 'the login service asks for a one-time code from an authenticator app: set TEST_TOTP_SECRET to the test account\'s TOTP secret (base32 or otpauth:// URI)', { lastUrl: safeUrl(page.url()) });
    }
    state.codeStarted ??= performance.now();
    const { code } = await nextTotpCode(totp, { deadline, earlierStep: state.tryEarlierStep });
    state.tryEarlierStep = false;
    options.onOneTimeCode?.(code);
    return oneTimeCode.enterCode(look, code, budget);
  };
  const refuse = (reason: FailureReason, message: string): Acting => () => Promise.reject(new HarnessError(reason, message, { lastUrl: safeUrl(page.url()) }));

  /**
   * The journey, one line per screen, in the order screens are tried on each look: a screen that can
   * contain another's fields (MFA setup has a code field) comes first.
   */
  const journey: Array<[Screen, string, Acting]> = [
    [errorPage, 'Read the error page', async () => {
      const code = (await errorPage.code(budget.timeoutMs())) ?? 'unknown';
      throw new HarnessError('authorization_error', `login service showed its error page${state.submissions > 0 ? ' after sign-in' : ''}: error=${code}`, { lastUrl: safeUrl(page.url()) });
    }],
    [newPassword, 'New password asked for', refuse('password_change_required', 'the account must choose a new password (it has a temporary one); the harness never sets one. Give it a permanent password, e.g. `aws cognito-idp admin-set-user-password --user-pool-id <pool> --username <user> --password <password> --permanent`')],
    [mfaSetup, 'MFA setup asked for', refuse('mfa_setup_required', 'the user pool requires MFA and the test account has none; the harness never enrols a device. Enrol an authenticator app once by hand and set TEST_TOTP_SECRET to its secret')],
    [oneTimeCode, 'Enter one-time code', answerCode],
    [methodChoice, 'Choose password sign-in', (look) => methodChoice.choosePassword(look, budget)],
    [passkeyOffer, 'Decline passkey', (look) => passkeyOffer.decline(look, budget)],
    [credentials, 'Sign in', (look) => credentials.signIn(look, username, password, budget)],
    [usernameAlone, 'Enter username', (look) => usernameAlone.enterUsername(look, username, budget)],
    [passwordAlone, 'Sign in', (look) => passwordAlone.enterPassword(look, password, budget)],
  ];

  const capture = await captureCallback(page, request.redirectUri, { blockNonEssential: options.blockNonEssential ?? true, serviceOrigin: new URL(config.target.baseUrl).origin });
  const serviceFailure = watchServiceFailures(page, config.target.baseUrl);
  const traffic = watchTraffic(page);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new HarnessError('timeout', `no callback within ${timeoutMs} ms; last page: ${safeUrl(page.url())}`, { lastUrl: safeUrl(page.url()) })), timeoutMs);
  });
  const captured = capture.callback.then((callback): Captured => ({ callback }));
  /** Any piece of work, cut short by the callback, a failure of the service or the deadline. */
  const watch = <T>(work: Promise<T>): Promise<T | Captured> => firstOf<T | Captured>([work, captured, serviceFailure.failure, expired]);
  const failWith = (error: unknown): never => {
    throw classify(error, page, timeoutMs, config.target.baseUrl);
  };

  const onScreenError = (error: NonNullable<Look['error']>) => {
    const lastUrl = safeUrl(page.url());
    if (state.lastSubmitted === oneTimeCode) {
      // Someone (another run, another --count code) used this window's code: the next code is another window's.
      if (error.kind === 'codeUsed') return;
      state.codeRejections += 1;
      if (state.codeRejections >= 2) throw new HarnessError('mfa_rejected', `two one-time codes in a row were refused (the screen says "${error.text}"): check TEST_TOTP_SECRET and the clock of this machine`, { lastUrl });
      // The server's clock may be behind: the previous window's code is the one other code worth a try.
      state.tryEarlierStep = true;
      return;
    }
    if (error.kind === 'locked') throw new HarnessError('account_locked', `account locked: the screen says "${error.text}"`, { lastUrl });
    if (error.kind === 'incorrect') throw new HarnessError('credentials_rejected', `credentials rejected: the screen says "${error.text}"`, { lastUrl });
    throw new HarnessError('credentials_rejected', `sign-in failed: the screen says "${error.text}"`, { lastUrl });
  };

  const onUnrecognised = async (look: Look): Promise<Captured | undefined> => {
    if (look.drawn) {
      // Unknown and unchanged for a moment: a script-rendered page still drawing gets that moment.
      if (look.fingerprint !== state.unknownFingerprint) {
        state.unknownFingerprint = look.fingerprint;
        state.unknownSince = Date.now();
      }
      state.unknownSince ??= Date.now();
      if (Date.now() - state.unknownSince >= UNKNOWN_SETTLE_MS) {
        throw new HarnessError('unexpected_page', `no known screen on ${safeUrl(page.url())}: ${describeLook(look)}; looked for: ${journey.map(([screen]) => screen.name).join(', ')}. If this is the login screen, set LOGIN_USERNAME_SELECTOR, LOGIN_PASSWORD_SELECTOR and LOGIN_SUBMIT_SELECTOR`, { lastUrl: safeUrl(page.url()) });
      }
      const change = await watch(waitForChange(page, look.fingerprint, Math.min(remaining(), 250)));
      return isCaptured(change) ? change : undefined;
    }
    state.unknownSince = undefined;
    // Nothing drawn yet. A page with no script will never draw: its fair share is short.
    const fairShare = look.empty && look.scriptless ? 1_000 : Math.min(5_000, Math.max(1_500, timeoutMs / 6));
    const waited = Date.now() - state.blankSince;
    if (waited >= fairShare) {
      if (state.reloads < MAX_RELOADS) {
        state.reloads += 1;
        state.blankSince = Date.now();
        const reloaded = await watch(page.reload({ waitUntil: 'commit', timeout: remaining() }).catch(ignoreInterruptedNavigation));
        return isCaptured(reloaded) ? reloaded : undefined;
      }
      if (look.empty) {
        throw new HarnessError('unexpected_page', `the login service sent an empty page at ${safeUrl(page.url())} (title "${look.title}"), also after ${MAX_RELOADS} reloads`, { lastUrl: safeUrl(page.url()) });
      }
    }
    const change = await watch(waitForChange(page, look.fingerprint, Math.min(remaining(), Math.max(100, fairShare - waited))));
    return isCaptured(change) ? change : undefined;
  };

  try {
    const opened = await step('Open login screen', () => watch(page.goto(request.url, { waitUntil: 'commit', timeout: remaining() }).catch(ignoreInterruptedNavigation))).catch(failWith);
    state.blankSince = Date.now();
    let callbackUrl: URL | undefined = isCaptured(opened) ? opened.callback : undefined;

    while (callbackUrl === undefined) {
      const look = await watch(lookSafely(page, overrides, remaining)).catch(failWith);
      if (isCaptured(look)) {
        callbackUrl = look.callback;
        break;
      }
      if (look === undefined) continue;
      if (look.invalidOverrides.length > 0) throw new HarnessError('config', `${look.invalidOverrides.join(', ')}: not a valid CSS selector`);
      // An error shown after something was submitted is the answer to that submission.
      if (look.error !== undefined && state.submissions > state.errorsAnsweredAt) {
        state.errorsAnsweredAt = state.submissions;
        onScreenError(look.error);
      }
      const found = journey.find(([screen]) => screen.matches(look));
      if (!found) {
        const outcome = await onUnrecognised(look).catch(failWith);
        if (outcome) callbackUrl = outcome.callback;
        continue;
      }
      state.unknownSince = undefined;
      const [screen, title, act] = found;
      if (loginScreens.has(screen)) {
        state.loginShape ??= shapeOf(look);
        if (phases.loginScreenMs === undefined) record('loginScreenMs', performance.now() - journeyStarted);
      }
      if (screen === state.lastSubmitted && !look.error && !shouldActAgain(look, traffic, state.submittedAt)) {
        // The submission is still on its way (a request went out, the page did not change document).
        const change = await watch(waitForChange(page, look.fingerprint, remaining())).catch(failWith);
        if (isCaptured(change)) callbackUrl = change.callback;
        continue;
      }
      const times = (state.acted.get(screen) ?? 0) + 1;
      state.acted.set(screen, times);
      if (times > MAX_ACTS_PER_SCREEN) {
        throw new HarnessError('unexpected_page', `the ${screen.name} screen was still shown after ${MAX_ACTS_PER_SCREEN} tries: ${describeLook(look)}`, { lastUrl: safeUrl(page.url()) });
      }
      const submission = await step(title, () => watch(act(look))).catch((error: unknown) => {
        // A fill or click that ran out of its slice while time is left: the screen changed under it; look again.
        if (error instanceof Error && error.name === 'TimeoutError' && deadline - Date.now() > 0 && !isHarnessError(error)) return undefined;
        return failWith(error);
      });
      if (isCaptured(submission)) {
        callbackUrl = submission.callback;
        break;
      }
      if (submission === undefined || !submission.submitted) {
        const change = await watch(waitForChange(page, look.fingerprint, Math.min(remaining(), 500))).catch(failWith);
        if (isCaptured(change)) callbackUrl = change.callback;
        continue;
      }
      state.submissions += 1;
      state.lastSubmitted = screen;
      state.submittedAt = { requests: traffic.requests, documents: traffic.documents };
      if (loginScreens.has(screen)) state.signInStarted ??= performance.now();
      const change = await watch(waitForChange(page, submission.fingerprint, remaining())).catch(failWith);
      if (isCaptured(change)) callbackUrl = change.callback;
    }

    const signedInWithForm = state.signInStarted !== undefined;
    if (!signedInWithForm) {
      if (options.requireLoginForm) {
        throw new HarnessError('unexpected_page', 'the browser already had a session and skipped the login form; a fresh browser context is needed', { lastUrl: safeUrl(page.url()) });
      }
      record('loginScreenMs', performance.now() - journeyStarted);
      record('signInMs', 0);
    } else {
      record('signInMs', performance.now() - (state.signInStarted ?? journeyStarted));
    }
    if (state.codeStarted !== undefined) record('mfaMs', performance.now() - state.codeStarted);
    // The request is caught before the browser commits the stand-in page; let it do so, so the
    // caller's next navigation on this page (another authorize, a logout) is not interrupted by it.
    if (options.waitForLanding ?? true) {
      await page.waitForURL((url) => isRedirectTo(url, request.redirectUri), { waitUntil: 'commit', timeout: Math.min(remaining(), 5_000) }).catch(() => undefined);
    }

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
      signedInWithForm,
      loginShape: signedInWithForm ? state.loginShape : undefined,
      phases: { loginScreenMs: phases.loginScreenMs ?? 0, signInMs: phases.signInMs ?? 0, ...(phases.mfaMs !== undefined ? { mfaMs: phases.mfaMs } : {}) },
    };
  } finally {
    clearTimeout(timer);
    traffic.dispose();
    serviceFailure.dispose();
    await capture.dispose();
  }
}

/** With a session cookie the authorize request can hop to the (captured) callback mid-navigation. */
function ignoreInterruptedNavigation(error: unknown): void {
  if (error instanceof Error && /is interrupted by another navigation|net::ERR_ABORTED/.test(error.message)) return;
  throw error;
}

/** A look, or undefined when the document went away under it (the next look sees the new one). */
async function lookSafely(page: Page, overrides: ConfigWithBaseUrl['selectors'], remaining: () => number): Promise<Look | undefined> {
  try {
    return await lookAt(page, overrides);
  } catch (error) {
    if (error instanceof Error && /context was destroyed|navigat|Cannot find context/i.test(error.message)) {
      await page.waitForLoadState('domcontentloaded', { timeout: remaining() }).catch(() => undefined);
      return undefined;
    }
    throw error;
  }
}

/**
 * Whether the screen that was just submitted, shown again without an error, should be filled and
 * submitted again: yes when the page loaded a new document since (the service drew it anew) or when
 * nothing went out at all (the button was inert: the form was not hydrated yet, or was re-rendered).
 */
function shouldActAgain(_look: Look, traffic: Traffic, at: { requests: number; documents: number }): boolean {
  return traffic.documents > at.documents || traffic.requests === at.requests;
}

interface Traffic {
  /** navigations and non-GET requests the page started: a submission on its way */
  readonly requests: number;
  /** documents committed in the main frame */
  readonly documents: number;
  dispose(): void;
}

function watchTraffic(page: Page): Traffic {
  const counts = { requests: 0, documents: 0 };
  const onRequest = (request: Request) => {
    if (request.isNavigationRequest() || request.method() !== 'GET') counts.requests += 1;
  };
  const onNavigated = (frame: Frame) => {
    if (frame === page.mainFrame()) counts.documents += 1;
  };
  page.on('request', onRequest);
  page.on('framenavigated', onNavigated);
  return {
    get requests() {
      return counts.requests;
    },
    get documents() {
      return counts.documents;
    },
    dispose() {
      page.off('request', onRequest);
      page.off('framenavigated', onNavigated);
    },
  };
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
    const errorText = request.failure()?.errorText;
    // A page of another host the browser was sent to (not the redirect URI, which is captured) is no
    // failure of the login service: say which host it was.
    if (!relevant(request) && request.isNavigationRequest() && request.frame() === page.mainFrame() && errorText !== 'net::ERR_ABORTED' && !errorText?.includes('BLOCKED_BY_CLIENT')) {
      reject(new HarnessError('network', `the browser could not open ${new URL(request.url()).origin} (not the login service): ${errorText ?? 'unknown error'}`, { lastUrl: safeUrl(request.url()) }));
      return;
    }
    if (relevant(request) && errorText !== 'net::ERR_ABORTED') {
      const what = request.isNavigationRequest() ? 'cannot reach the login service' : 'request to the login service failed';
      reject(new HarnessError('network', `${what}: ${errorText ?? 'unknown error'} (${request.method()} ${new URL(request.url()).pathname})`, { lastUrl: safeUrl(request.url()) }));
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

function classify(error: unknown, page: Page, timeoutMs: number, baseUrl: string): HarnessError {
  const lastUrl = safeUrl(page.url());
  if (isHarnessError(error)) return error;
  if (error instanceof LoginScreenNotRecognisedError) return new HarnessError('unexpected_page', error.message, { cause: error, lastUrl });
  const message = error instanceof Error ? error.message : String(error);
  const networkError = /net::ERR_[A-Z_]+/.exec(message)?.[0];
  if (networkError !== undefined && networkError !== 'net::ERR_ABORTED') {
    // Playwright names the URL it failed on: only the login service's own origin is "the login service".
    const failedOrigin = originIn(/ at (\S+)/.exec(message)?.[1]);
    if (failedOrigin !== undefined && failedOrigin !== new URL(baseUrl).origin) {
      return new HarnessError('network', `cannot reach ${failedOrigin} (not the login service, ${new URL(baseUrl).origin}): ${networkError}`, { cause: error, lastUrl });
    }
    return new HarnessError('network', `cannot reach the login service: ${networkError}`, { cause: error, lastUrl });
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || /Timeout \d+ms exceeded/i.test(message))) {
    return new HarnessError('timeout', `no callback within ${timeoutMs} ms; last page: ${lastUrl}`, { cause: error, lastUrl });
  }
  if (/Target page, context or browser has been closed|Target closed/i.test(message)) {
    return new HarnessError('network', 'the browser closed before the login finished', { cause: error, lastUrl });
  }
  // Playwright's messages can quote URLs with state and codes in them: keep the first line, minus queries.
  const firstLine = safeUrlsIn(message.split('\n')[0] ?? '');
  return new HarnessError('unexpected_page', `${firstLine} (last page: ${lastUrl})`, { cause: error, lastUrl });
}

function originIn(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return new URL(text).origin;
  } catch {
    return undefined;
  }
}

/** The one URL sanitiser (no userinfo, query or fragment), re-exported for the journey's callers. */
export { safeUrl } from '../redaction/safe-url.js';
