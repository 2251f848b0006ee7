/**
 * One attempt of the health check: a full form login in a fresh browser context (never a saved
 * session), then a token exchange when the client has a secret, each phase timed.
 */
import type { Browser } from '@playwright/test';
import { HarnessError, toHarnessError } from '../errors.js';
import { HARNESS_CONTEXT_OPTIONS } from '../journey/browser.js';
import { obtainAuthorizationCode, type ConfigWithBaseUrl, type LoginPhases, type StepRunner } from '../journey/flow.js';
import { redeemWith } from '../oauth/redeem.js';
import { probeUserApi } from './api-probe.js';
import { discardTrace, saveFailureArtifacts, settleWithin, startTrace, type Redactor } from './artifacts.js';
import { isHealthFailureReason, type HealthFailureReason, type HealthPhases } from './types.js';

export interface AttemptOptions {
  attempt: number;
  /** budget for the login and the token exchange together */
  timeoutMs: number;
  /** where a failed attempt's screenshot and trace go; undefined: none are taken */
  artifactsDir: string | undefined;
  redact: Redactor | undefined;
  step: StepRunner;
}

export type AttemptOutcome =
  | { ok: true; phases: HealthPhases }
  | { ok: false; reason: HealthFailureReason; message: string; phases: HealthPhases; artifacts: string[] };

export async function runAttempt(browser: Browser, config: ConfigWithBaseUrl, options: AttemptOptions): Promise<AttemptOutcome> {
  const context = await browser.newContext(HARNESS_CONTEXT_OPTIONS);
  const login: Partial<LoginPhases> = {};
  let tokenExchangeMs: number | undefined;
  let apiMs: number | undefined;
  // Set again once the page exists: browser overhead says nothing about the login service.
  // The one-time codes entered are secrets of this attempt: its failure evidence is scrubbed of them too.
  const oneTimeCodes: string[] = [];
  let started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const phases = (): HealthPhases => ({ loginScreenMs: login.loginScreenMs, signInMs: login.signInMs, mfaMs: login.mfaMs, tokenExchangeMs, ...(apiMs !== undefined ? { apiMs } : {}), totalMs: elapsed() });
  try {
    if (options.artifactsDir !== undefined) await startTrace(context);
    const page = await context.newPage();
    started = performance.now();
    try {
      const authorization = await obtainAuthorizationCode(page, config, { requireLoginForm: true, timeoutMs: options.timeoutMs, step: options.step, timings: login, onOneTimeCode: (code) => oneTimeCodes.push(code) });
      const secret = config.client.secret;
      const api = config.health.api;
      if (api.enabled && secret === undefined) throw new HarnessError('config', 'the API probe needs an access token: set OAUTH_CLIENT_SECRET too');
      if (secret !== undefined) {
        const exchangeStarted = performance.now();
        const tokens = await options.step('Exchange code for tokens', () =>
          redeemWith(config, authorization, { clientSecret: secret, timeoutMs: Math.max(1, options.timeoutMs - elapsed()) }),
        );
        tokenExchangeMs = Math.round(performance.now() - exchangeStarted);
        if (api.enabled) {
          // The embedded server answers the platform API itself, on its own origin.
          const apiBaseUrl = api.baseUrl ?? (config.target.kind === 'embedded' ? `${config.target.baseUrl}/v1.0/` : undefined);
          if (apiBaseUrl === undefined) throw new HarnessError('config', 'the API probe needs RAYTEAMS_API_URL for this target');
          const apiStarted = performance.now();
          await options.step('Call the user API (GET /v1.0/me)', () =>
            probeUserApi({ apiBaseUrl, accessToken: tokens.access_token, clientId: authorization.clientId, username: config.user.username, timeoutMs: options.timeoutMs - elapsed() }),
          );
          apiMs = Math.round(performance.now() - apiStarted);
        }
      }
      if (options.artifactsDir !== undefined) await discardTrace(context);
      return { ok: true, phases: phases() };
    } catch (error) {
      const failure = toHarnessError(error);
      // A usage or configuration problem is the harness's, not the login service's: let it surface as exit 2.
      if (!isHealthFailureReason(failure.reason)) throw failure;
      const measured = phases();
      const artifacts =
        options.artifactsDir === undefined
          ? []
          : await saveFailureArtifacts(context, page, { dir: options.artifactsDir, attempt: options.attempt, secrets: [...config.secrets, ...oneTimeCodes], redact: options.redact });
      return { ok: false, reason: failure.reason, message: failure.message, phases: measured, artifacts };
    }
  } finally {
    // Bounded: closing waits for a hung navigation in some set-ups, and the result is known by now.
    await settleWithin(context.close(), 5_000);
  }
}
