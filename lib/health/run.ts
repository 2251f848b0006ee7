/**
 * runHealthCheck: "can our users sign in right now, and how fast?" Runs attempts (retrying only
 * timeouts and network failures, with back-off), classifies the last one, then publishes: state
 * file, webhook on a change, Prometheus metrics. The CLI (scripts/health-check.ts) prints the rest.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from '@playwright/test';
import { describeTarget, type HarnessConfig } from '../config/config.js';
import { DEFAULT_FLOW_TIMEOUT_MS, type StepRunner } from '../journey/flow.js';
import { silentLogger, type Logger } from '../platform/log.js';
import { redactArtifacts } from '../redaction/redact.js';
import { openSession, type Session } from '../journey/session.js';
import { toHarnessError } from '../errors.js';
import { alertFor, alertText, postAlert, type AlertKind } from './alert.js';
import { runFolderName, settleWithin, type Redactor } from './artifacts.js';
import { runAttempt, type AttemptOutcome } from './check.js';
import { exitCodeFor, findBreaches, timingStatus } from './classify.js';
import { renderMetrics, writeMetricsFile } from './metrics.js';
import { backoffMs, DEFAULT_RETRY_BACKOFF_MS, isRetryable } from './retry.js';
import { failuresInARow, readHealthState, writeHealthState, type HealthState } from './state.js';
import type { HealthResult } from './types.js';


export interface HealthCheckOptions {
  /**
   * the check's whole budget (default 30000 ms): browser start, every attempt with its evidence,
   * the back-off between them; only publishing the result comes after it
   */
  timeoutMs?: number;
  /** Date.now() the budget counts from when earlier than the call (a command's process start) */
  runStartedAt?: number;
  /** wait after the first failed attempt; doubles after each further one (default 2000 ms) */
  retryBackoffMs?: number;
  /** failure screenshots and traces go to <dir>/<run timestamp>/; null: take none */
  artifactsDir?: string | null;
  /** Prometheus textfile to write (atomically) */
  metricsFile?: string;
  /** scrubs secrets from saved artifacts (default: lib/redaction/redact.ts redactArtifacts) */
  redact?: Redactor;
  /** a running browser to open the attempts' fresh contexts in (tests share one); default: launch Chromium */
  browser?: Browser;
  headless?: boolean;
  logger?: Logger;
  /** the `target` label and the name in alerts; default: the stage's URL or "embedded local server" */
  label?: string;
}

export interface HealthAlert {
  kind: AlertKind;
  sent: boolean;
  /** why the webhook did not take it; the state then keeps the old status so the next run tries again */
  error: string | undefined;
}

export interface HealthReport {
  result: HealthResult;
  exitCode: number;
  /** undefined when the status did not change between failing and working */
  alert: HealthAlert | undefined;
  /** for the metrics: this run's start when it signed in, else the last success the state file knew */
  lastSuccessAt: Date | undefined;
  /** for the metrics: failed runs in a row, this one included (0 when it signed in) */
  consecutiveFailures: number;
}

export async function runHealthCheck(config: HarnessConfig, options: HealthCheckOptions = {}): Promise<HealthReport> {
  const logger = options.logger ?? silentLogger;
  const timeoutMs = options.timeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS;
  const startedAt = new Date();
  const started = performance.now();
  const deadline = Math.round(Math.min(Date.now(), options.runStartedAt ?? Infinity) + timeoutMs);
  const artifactsDir = options.artifactsDir === null ? undefined : join(options.artifactsDir ?? config.health.artifactsDir, runFolderName(startedAt));

  const { outcome, attempts, artifacts, evidenceNotes } = await runAttempts(config, options, { deadline, artifactsDir, logger });
  const result = classifyOutcome(config, outcome, { label: options.label, startedAt, durationMs: Math.round(performance.now() - started), attempts, artifacts, evidenceNotes });
  return publishHealthResult(config, result, options);
}

/**
 * State file, webhook on a change, metrics: what every finished check publishes. Also called by
 * the CLI's watchdog with a `timeout` result when a run overran its whole budget, so an overrun is
 * still visible to the alerting and the dashboard.
 */
export async function publishHealthResult(config: HarnessConfig, result: HealthResult, options: Pick<HealthCheckOptions, 'metricsFile' | 'logger'> = {}): Promise<HealthReport> {
  const logger = options.logger ?? silentLogger;
  const startedAt = result.startedAt;
  const previous = await readHealthState(config.health.stateFile, (message) => logger.warn(message));
  const alert = await notify(config, result, previous, logger);
  const lastSuccessAt = result.status === 'failed' ? (previous?.last_success_at ?? null) : startedAt.toISOString();
  // An alert the webhook did not take leaves the old status in place (no state counts as working),
  // so the next run sees the same change and tries again.
  const undelivered = alert?.error !== undefined;
  const status = undelivered ? (previous?.status ?? 'healthy') : result.status;
  const since = previous !== undefined && (alert === undefined || undelivered) ? previous.since : startedAt.toISOString();
  const consecutiveFailures = failuresInARow(previous, result.status === 'failed');
  // A state file that cannot be written (a directory, a read-only disk) is a set-up mistake (exit 2),
  // but the result is still printed and the metrics still written: losing them would hide the outage.
  const stateWritten = await writeHealthState(config.health.stateFile, { status, since, last_success_at: lastSuccessAt, failures_in_a_row: consecutiveFailures }).then(
    () => true,
    (error: unknown) => {
      logger.error(`could not write the health state file ${config.health.stateFile}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    },
  );

  const lastSuccess = lastSuccessAt === null ? undefined : new Date(lastSuccessAt);
  if (options.metricsFile !== undefined) await writeMetricsFile(options.metricsFile, renderMetrics(result, lastSuccess, consecutiveFailures));
  return { result, exitCode: stateWritten ? exitCodeFor(result) : Math.max(exitCodeFor(result), 2), alert, lastSuccessAt: lastSuccess, consecutiveFailures };
}

/**
 * A retry only starts when at least this much of the budget is left after its back-off: less could
 * not sign in, and would only push the result past the deadline.
 */
export const MIN_RETRY_BUDGET_MS = 2_000;

async function runAttempts(
  config: HarnessConfig,
  options: HealthCheckOptions,
  settings: { deadline: number; artifactsDir: string | undefined; logger: Logger },
): Promise<{ outcome: AttemptOutcome; attempts: number; artifacts: string[]; evidenceNotes: string[] }> {
  const { logger, deadline } = settings;
  const left = () => deadline - Date.now();
  const maxAttempts = config.health.retries + 1;
  const backoffBase = options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS;
  let session: Session;
  try {
    session = await openSession({ config, browser: options.browser, headless: options.headless ?? true, launchTimeoutMs: Math.max(1, left()) });
  } catch (error) {
    // The budget ran out before a browser was up (a loaded runner): a timeout like any other, with no attempt made.
    const failure = toHarnessError(error);
    if (failure.reason !== 'timeout') throw failure;
    const evidenceNotes = settings.artifactsDir === undefined ? [] : [`screenshot and trace skipped: no attempt was made: ${failure.message}`];
    const outcome: AttemptOutcome = { ok: false, reason: 'timeout', message: failure.message, phases: { loginScreenMs: undefined, signInMs: undefined, tokenExchangeMs: undefined, totalMs: 0 }, artifacts: [], evidenceNotes };
    return { outcome, attempts: 0, artifacts: [], evidenceNotes };
  }
  try {
    logger.info(`Checking the login at ${options.label ?? describeTarget(config)} as ${config.user.username}`);
    const artifacts: string[] = [];
    const evidenceNotes: string[] = [];
    for (let attempt = 1; ; attempt += 1) {
      const step: StepRunner = async (title, body) => {
        logger.info(`  attempt ${attempt}/${maxAttempts}: ${title}`);
        return body();
      };
      const outcome = await runAttempt(session.browser, session.config, { attempt, deadline, artifactsDir: settings.artifactsDir, redact: options.redact ?? redactArtifacts, step });
      if (!outcome.ok) {
        artifacts.push(...outcome.artifacts);
        evidenceNotes.push(...outcome.evidenceNotes);
      }
      const done = { outcome, attempts: attempt, artifacts, evidenceNotes };
      if (outcome.ok || !isRetryable(outcome.reason) || attempt >= maxAttempts) return done;
      const wait = backoffMs(attempt, backoffBase);
      if (left() - wait < MIN_RETRY_BUDGET_MS) {
        logger.warn(`attempt ${attempt} failed [${outcome.reason}]: ${outcome.message}; no retry: less than ${MIN_RETRY_BUDGET_MS} ms of the budget would be left after the ${wait} ms back-off`);
        return done;
      }
      logger.warn(`attempt ${attempt} failed [${outcome.reason}]: ${outcome.message}; retrying in ${wait} ms`);
      await sleep(wait);
    }
  } finally {
    // Within what is left only: past the deadline the result goes out first, and the command's exit
    // ends a browser and a server still closing.
    await settleWithin(session.close(), Math.max(0, left()));
  }
}

/** The result of a run the watchdog stopped: failed with reason timeout. */
export function overrunResult(config: HarnessConfig, startedAt: Date, budgetMs: number, label?: string): HealthResult {
  const durationMs = Math.round(Date.now() - startedAt.getTime());
  return {
    status: 'failed',
    reason: 'timeout',
    message: `the check overran its whole budget of ${budgetMs} ms and was stopped`,
    target: label ?? describeTarget(config),
    startedAt,
    durationMs,
    phases: { loginScreenMs: undefined, signInMs: undefined, tokenExchangeMs: undefined, totalMs: durationMs },
    exceeded: [],
    attempts: 0,
    artifacts: [],
  };
}

function classifyOutcome(
  config: HarnessConfig,
  outcome: AttemptOutcome,
  run: { label: string | undefined; startedAt: Date; durationMs: number; attempts: number; artifacts: string[]; evidenceNotes: string[] },
): HealthResult {
  const endpoint = describeTarget(config);
  const apiCheck: HealthResult['apiCheck'] = !config.health.api.enabled ? 'skipped' : outcome.ok ? 'passed' : outcome.reason === 'api_error' ? 'failed' : 'skipped';
  const named = run.label !== undefined && run.label !== endpoint;
  const common = { target: run.label ?? endpoint, ...(named ? { endpoint } : {}), apiCheck, startedAt: run.startedAt, durationMs: run.durationMs, attempts: run.attempts, artifacts: run.artifacts, ...(run.evidenceNotes.length > 0 ? { evidenceNotes: run.evidenceNotes } : {}), phases: outcome.phases };
  if (!outcome.ok) return { ...common, status: 'failed', reason: outcome.reason, message: outcome.message, exceeded: [] };
  const exceeded = findBreaches(outcome.phases, config.health);
  const status = timingStatus(exceeded);
  const message = status === 'degraded' ? `slower than allowed: ${exceeded.map((b) => `${b.phase} ${b.ms} ms > ${b.thresholdMs} ms`).join(', ')}` : undefined;
  return { ...common, status, reason: undefined, message, exceeded };
}

async function notify(config: HarnessConfig, result: HealthResult, previous: HealthState | undefined, logger: Logger): Promise<HealthAlert | undefined> {
  const kind = alertFor(previous, result);
  if (kind === undefined) return undefined;
  const webhookUrl = config.health.webhookUrl;
  if (webhookUrl === undefined) return { kind, sent: false, error: undefined };
  try {
    await postAlert(webhookUrl, alertText(kind, result, previous));
    logger.info(`Sent the ${kind} alert to the webhook`);
    return { kind, sent: true, error: undefined };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn(`could not send the ${kind} alert: ${message}`);
    return { kind, sent: false, error: message };
  }
}
