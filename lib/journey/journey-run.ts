/**
 * One run of the journey: what it holds (the deadline, the traffic, its state, its screens) and its
 * three moves: look, decide, act. lib/journey/flow.ts strings them into the loop.
 */
import type { Page } from '@playwright/test';
import { ErrorPage } from '../../pages/ErrorPage.js';
import type { Look } from '../../pages/look.js';
import { lookAt } from '../../pages/recognise.js';
import type { JourneyContext, JourneyScreen, Submission } from '../../pages/screen.js';
import { HarnessError, isHarnessError } from '../errors.js';
import type { AuthorizeRequest } from '../oauth/index.js';
import { captureCallback, type CallbackCapture } from './callback-capture.js';
import { watchForeignSchemes } from './foreign-scheme.js';
import { safeUrl } from './journey-errors.js';
import { isReRender } from './playwright-errors.js';
import { QUIET_MS, newJourneyState, settleLastSubmission, type JourneyState } from './journey-state.js';
import { answerError, mayAct, settleScreen } from './safety.js';
import { journeyScreens, isLoginScreen } from './screens.js';
import { nextTotpCode, parseTotpSecret, type TotpClock } from './totp.js';
import { watchTraffic, type Traffic } from './traffic.js';
import { onUnknownScreen } from './unknown-screen.js';
import { JourneyWatch, isCaptured, waitForOutcome, type Captured, type Outcome, type WaitFor } from './watch.js';

/** Longest single fill or click: a re-render can leave an action waiting for an element that is gone. */
const ACTION_SLICE_MS = 5_000;

export type StepRunner = <T>(title: string, body: () => Promise<T>) => Promise<T>;

export interface JourneyRunOptions {
  request: AuthorizeRequest;
  timeoutMs: number;
  step: StepRunner;
  blockNonEssential: boolean;
  onOneTimeCode?: (code: string) => void;
  totpClock?: TotpClock;
  /** told the login screen's phase as soon as it is known, so a failed journey still reports it */
  timings?: { loginScreenMs?: number };
}

export interface JourneyRunConfig {
  target: { baseUrl: string };
  selectors: { username?: string | undefined; password?: string | undefined; submit?: string | undefined };
  user: { username: string; password: string; totpSecret?: string | undefined };
}

export interface JourneyRun {
  readonly page: Page;
  readonly config: JourneyRunConfig;
  readonly options: JourneyRunOptions;
  readonly watch: JourneyWatch;
  readonly traffic: Traffic;
  readonly state: JourneyState;
  readonly screens: JourneyScreen[];
  readonly context: JourneyContext;
  readonly capture: CallbackCapture;
  readonly started: number;
}

export async function startJourney(page: Page, config: JourneyRunConfig, options: JourneyRunOptions): Promise<JourneyRun> {
  const started = performance.now();
  const capture = await captureCallback(page, options.request.redirectUri, { blockNonEssential: options.blockNonEssential, serviceOrigin: new URL(config.target.baseUrl).origin });
  const watch = new JourneyWatch(page, options.timeoutMs, capture.callback, config.target.baseUrl, await watchForeignSchemes(page));
  const state = newJourneyState();
  const totp = config.user.totpSecret === undefined ? undefined : parseTotpSecret(config.user.totpSecret);
  const deadline = Date.now() + options.timeoutMs;
  const context: JourneyContext = {
    budget: { timeoutMs: () => Math.min(watch.remaining(), ACTION_SLICE_MS) },
    username: config.user.username,
    password: config.user.password,
    get signedIn() {
      return state.last !== undefined;
    },
    async oneTimeCode({ earlierStep }) {
      if (totp === undefined) return undefined;
      const clock = options.totpClock;
      const { code } = await nextTotpCode(totp, { deadline, earlierStep, ...(clock ? { now: () => clock.now(), sleep: (ms: number) => clock.sleep(ms) } : {}) });
      options.onOneTimeCode?.(code);
      return code;
    },
  };
  return { page, config, options, watch, traffic: watchTraffic(page), state, screens: journeyScreens(page, config.selectors), context, capture, started };
}

/** A look, or undefined when the document went away under it (the next look sees the new one). */
export async function look(run: JourneyRun): Promise<Look | Captured | undefined> {
  try {
    return await run.watch.race(lookAt(run.page, run.config.selectors));
  } catch (error) {
    if (!isReRender(error) || run.page.isClosed()) throw error;
    await run.watch.race(run.page.waitForLoadState('domcontentloaded', { timeout: run.watch.remaining() }).catch(() => undefined));
    return undefined;
  }
}

/** What to do on this look: act on a screen, wait (for what), or reload a page that draws nothing. */
export function decide(run: JourneyRun, seen: Look): { act: JourneyScreen } | WaitFor | 'reload' {
  const { state, traffic } = run;
  if (seen.invalidOverrides.length > 0) throw new HarnessError('config', `${seen.invalidOverrides.join(', ')}: not a valid CSS selector`);
  const settling = settleScreen(state, seen);
  if (settling !== undefined) return settling;
  const screen = run.screens.find((candidate) => candidate.matches(seen));
  // The service's own error page is read before any error is taken as the answer to a submission.
  if (screen instanceof ErrorPage) return { act: screen };
  answerError(state, traffic, seen);
  if (screen === undefined) {
    const context = { where: safeUrl(run.page.url()), lookedFor: run.screens.map((known) => known.name), timeoutMs: run.options.timeoutMs, reloadable: traffic.documentMethod() === 'GET' };
    return onUnknownScreen(state.unknown, seen, context);
  }
  state.unknown.unknownSince = undefined;
  state.unknown.blankSince = undefined;
  settleLastSubmission(state, traffic, screen);
  const next = mayAct(state, traffic, screen, seen);
  return next === 'act' ? { act: screen } : next;
}

/** Acts on the screen and waits for what the action caused. */
export async function act(run: JourneyRun, screen: JourneyScreen, seen: Look): Promise<Outcome> {
  const { state, traffic, watch } = run;
  state.acted.set(screen, (state.acted.get(screen) ?? 0) + 1);
  if (isLoginScreen(screen)) {
    if (state.loginScreenAt === undefined) {
      state.loginScreenAt = performance.now();
      if (run.options.timings) run.options.timings.loginScreenMs = Math.round(state.loginScreenAt - run.started);
    }
  }
  if (screen.sends === 'oneTimeCode') state.codeStarted ??= performance.now();
  const mark = traffic.mark();
  let submission: Submission | Captured | undefined;
  let uncertain = false;
  try {
    submission = await run.options.step(screen.step, () => watch.race(screen.act(seen, run.context)));
  } catch (error) {
    if (!looksAgainAfter(error, run)) throw error;
    // The screen changed under the action, perhaps under the press itself (a click whose navigation
    // destroys the page's context fails after it was dispatched). Whether it went out is then read
    // from the traffic like any submission's, so a password that did is counted, never sent twice.
    submission = { submitted: true, fingerprint: seen.fingerprint, how: 'control' };
    uncertain = true;
  }
  if (isCaptured(submission)) return submission;
  if (!submission.submitted) return waitForOutcome(watch, traffic, { fingerprint: seen.fingerprint, quietMs: 500 });
  // The shape of the login screen that was submitted: a look at one half drawn was not (fillAndSubmit).
  if (isLoginScreen(screen)) state.loginShape ??= shapeOfLook(seen);
  const carriesUsername = screen.sends === 'username' || (screen.sends === 'password' && seen.roles.username !== undefined);
  state.last = { screen, how: submission.how, mark, pressedAt: Date.now(), errorAnswered: false, carriesUsername };
  // An uncertain press counts the username once the traffic shows it went out (settleLastSubmission).
  if (carriesUsername && !uncertain) state.usernameSubmitted = true;
  if (isLoginScreen(screen)) state.signInStarted ??= performance.now();
  return waitForOutcome(watch, traffic, { fingerprint: submission.fingerprint, since: mark, quietMs: QUIET_MS });
}

/**
 * An action that failed because the screen changed under it (a re-render, a navigation, an element
 * replaced, a slice run out while time is left) is no failure: the next look sees the new screen.
 */
function looksAgainAfter(error: unknown, run: JourneyRun): boolean {
  if (isHarnessError(error) || !(error instanceof Error) || run.page.isClosed()) return false;
  if (error.name === 'TimeoutError') return run.watch.remaining() > 1;
  return isReRender(error);
}

function shapeOfLook(seen: Look): 'classic' | 'managed' | 'managed-two-step' {
  if (seen.classic) return 'classic';
  return seen.roles.username !== undefined && seen.roles.password !== undefined ? 'managed' : 'managed-two-step';
}
