/**
 * One attempt of the health check: a full form login in a fresh browser context (never a saved
 * session), then a token exchange when the client has a secret, each phase timed. Everything the
 * attempt does (opening its context, the login, the evidence of a failure, closing) ends by the
 * check's one deadline.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { HarnessError, toHarnessError } from '../errors.js';
import { HARNESS_CONTEXT_OPTIONS } from '../journey/browser.js';
import { obtainAuthorizationCode, type ConfigWithBaseUrl, type LoginPhases, type StepRunner } from '../journey/flow.js';
import { redeemWith } from '../oauth/redeem.js';
import { probeUserApi } from './api-probe.js';
import { discardTrace, saveFailureArtifacts, settleWithin, startTrace, within, type Redactor } from './artifacts.js';
import { isHealthFailureReason, type HealthFailureReason, type HealthPhases } from './types.js';

/**
 * The part of what is left that a failed attempt keeps for its evidence (screenshot, trace,
 * redaction), at least EVIDENCE_MIN_MS and at most EVIDENCE_MAX_MS: the login gets the rest.
 */
const EVIDENCE_SHARE = 0.2;
const EVIDENCE_MIN_MS = 500;
const EVIDENCE_MAX_MS = 4_000;

export interface AttemptOptions {
  attempt: number;
  /** Date.now() when the check's whole budget ends: login, token exchange, API call, evidence */
  deadline: number;
  /** where a failed attempt's screenshot and trace go; undefined: none are taken */
  artifactsDir: string | undefined;
  redact: Redactor | undefined;
  step: StepRunner;
}

export type AttemptOutcome =
  | { ok: true; phases: HealthPhases }
  | { ok: false; reason: HealthFailureReason; message: string; phases: HealthPhases; artifacts: string[]; evidenceNotes: string[] };

/** What of the budget the login and token exchange get: all of it, less the evidence's share when evidence is taken. */
export function loginBudgetMs(leftMs: number, takesEvidence: boolean): number {
  if (!takesEvidence) return Math.max(1, leftMs);
  const reserve = Math.min(EVIDENCE_MAX_MS, Math.max(EVIDENCE_MIN_MS, Math.round(leftMs * EVIDENCE_SHARE)));
  return Math.max(1, leftMs - reserve);
}

/** `work` within what is left, or a timeout failure of the attempt naming what did not finish. */
async function inTime<T>(work: Promise<T>, deadline: number, what: string): Promise<T> {
  return within(work, Math.max(1, deadline - Date.now())).catch((error: unknown) => {
    if (error instanceof Error && error.message.startsWith('gave up after')) throw new HarnessError('timeout', `${what} did not finish within the check's budget`);
    throw error;
  });
}

export async function runAttempt(browser: Browser, config: ConfigWithBaseUrl, options: AttemptOptions): Promise<AttemptOutcome> {
  const { deadline } = options;
  const opening = browser.newContext(HARNESS_CONTEXT_OPTIONS);
  // A context that opens after the deadline is closed as soon as it exists.
  opening.then((late) => (Date.now() > deadline ? late.close() : undefined)).catch(() => undefined);
  let context: BrowserContext;
  try {
    context = await inTime(opening, deadline, 'opening a browser context');
  } catch (error) {
    return withoutPage(error, options, { loginScreenMs: undefined, signInMs: undefined, tokenExchangeMs: undefined, totalMs: 0 });
  }
  const login: Partial<LoginPhases> = {};
  let tokenExchangeMs: number | undefined;
  let apiMs: number | undefined;
  // Set again once the page exists: browser overhead says nothing about the login service.
  // The one-time codes entered are secrets of this attempt: its failure evidence is scrubbed of them too.
  const oneTimeCodes: string[] = [];
  let started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const phases = (): HealthPhases => ({ loginScreenMs: login.loginScreenMs, signInMs: login.signInMs, mfaMs: login.mfaMs, tokenExchangeMs, ...(apiMs !== undefined ? { apiMs } : {}), totalMs: elapsed() });
  let page: Page | undefined;
  try {
    if (options.artifactsDir !== undefined) await inTime(startTrace(context), deadline, 'starting the trace');
    page = await inTime(context.newPage(), deadline, 'opening a page');
    started = performance.now();
    const loginDeadline = Date.now() + loginBudgetMs(deadline - Date.now(), options.artifactsDir !== undefined);
    const left = () => Math.max(1, loginDeadline - Date.now());
    const authorization = await obtainAuthorizationCode(page, config, { requireLoginForm: true, timeoutMs: left(), step: options.step, timings: login, onOneTimeCode: (code) => oneTimeCodes.push(code) });
    const secret = config.client.secret;
    const api = config.health.api;
    if (api.enabled && secret === undefined) throw new HarnessError('config', 'the API probe needs an access token: set OAUTH_CLIENT_SECRET too');
    if (secret !== undefined) {
      const exchangeStarted = performance.now();
      const tokens = await options.step('Exchange code for tokens', () => redeemWith(config, authorization, { clientSecret: secret, timeoutMs: left() }));
      tokenExchangeMs = Math.round(performance.now() - exchangeStarted);
      if (api.enabled) {
        // The embedded server answers the platform API itself, on its own origin.
        const apiBaseUrl = api.baseUrl ?? (config.target.kind === 'embedded' ? `${config.target.baseUrl}/v1.0/` : undefined);
        if (apiBaseUrl === undefined) throw new HarnessError('config', 'the API probe needs RAYTEAMS_API_URL for this target');
        const apiStarted = performance.now();
        await options.step('Call the user API (GET /v1.0/me)', () => probeUserApi({ apiBaseUrl, accessToken: tokens.access_token, clientId: authorization.clientId, username: config.user.username, timeoutMs: left() }));
        apiMs = Math.round(performance.now() - apiStarted);
      }
    }
    if (options.artifactsDir !== undefined) await discardTrace(context, Math.max(1, deadline - Date.now()));
    return { ok: true, phases: phases() };
  } catch (error) {
    return await failedAttempt(error, { context, page, config, options, phases: phases(), oneTimeCodes });
  } finally {
    // Within what is left only: closing waits for a hung navigation in some set-ups, and the result
    // is known by now. A context still closing is closed with the browser (or the process).
    await settleWithin(context.close(), Math.max(0, deadline - Date.now()));
  }
}

/**
 * A failed attempt that never had a page (the budget ran out while the browser opened a context,
 * started the trace or opened the page): nothing to photograph, and the evidence notes say why.
 */
function withoutPage(error: unknown, options: AttemptOptions, phases: HealthPhases): AttemptOutcome {
  const failure = toHarnessError(error);
  if (!isHealthFailureReason(failure.reason)) throw failure;
  const notes = options.artifactsDir === undefined ? [] : [`attempt ${options.attempt}: screenshot and trace skipped: ${failure.message}`];
  return { ok: false, reason: failure.reason, message: failure.message, phases, artifacts: [], evidenceNotes: notes };
}

/** A failed attempt's outcome, with its evidence in what is left of the budget. */
async function failedAttempt(
  error: unknown,
  attempt: { context: BrowserContext; page: Page | undefined; config: ConfigWithBaseUrl; options: AttemptOptions; phases: HealthPhases; oneTimeCodes: string[] },
): Promise<AttemptOutcome> {
  const failure = toHarnessError(error);
  // A usage or configuration problem is the harness's, not the login service's: let it surface as exit 2.
  if (!isHealthFailureReason(failure.reason)) throw failure;
  const { context, page, config, options, oneTimeCodes } = attempt;
  if (page === undefined) return withoutPage(failure, options, attempt.phases);
  const evidence =
    options.artifactsDir === undefined
      ? { saved: [], notes: [] }
      : await saveFailureArtifacts(context, page, {
          dir: options.artifactsDir,
          attempt: options.attempt,
          secrets: [...config.secrets, ...oneTimeCodes],
          typed: [config.user.password, ...oneTimeCodes],
          password: config.user.password,
          redact: options.redact,
          deadline: options.deadline,
          stopPendingNavigation: failure.reason === 'timeout',
        });
  return { ok: false, reason: failure.reason, message: failure.message, phases: attempt.phases, artifacts: evidence.saved, evidenceNotes: evidence.notes.map((note) => `attempt ${options.attempt}: ${note}`) };
}
