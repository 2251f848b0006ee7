/**
 * Many targets in one run: each target is an ordinary runHealthCheck (its own budget, retries,
 * result, state file and alert), run N at a time as fresh contexts of ONE browser. Then the metrics
 * of all targets go into one textfile and, per target, to the Pushgateway. Exit code: the highest
 * of the targets' codes (0 healthy < 1 degraded < 3…6 failures).
 */
import { join } from 'node:path';
import { toHarnessError } from '../errors.js';
import type { HarnessConfig } from '../config/config.js';
import { rayteamsBaseUrl } from '../config/rayteams.js';
import { DEFAULT_FLOW_TIMEOUT_MS } from '../journey/budget.js';
import { openSharedSession } from '../journey/session.js';
import type { Logger } from '../platform/log.js';
import { renderMetricsFor, writeMetricsFile, type MetricsEntry } from './metrics.js';
import { pushMetrics } from './pushgateway.js';
import { runHealthCheck, type HealthCheckOptions, type HealthReport } from './run.js';
import { safeBaseUrl } from '../redaction/safe-url.js';
import { readHealthState } from './state.js';

export const DEFAULT_CONCURRENCY = 4;

const METRICS_FILE_FAILURE = 'could not write the metrics file';

export interface CheckTarget {
  /** the `target` label; undefined: the stage's URL or "embedded local server" (single-target runs) */
  label: string | undefined;
  config: HarnessConfig;
}

export interface MultiCheckOptions extends Omit<HealthCheckOptions, 'label' | 'metricsFile' | 'logger'> {
  concurrency?: number;
  metricsFile?: string;
  pushgatewayUrl?: string;
  logger: Logger;
  /** told of each target's report as soon as it is in (the watchdog reports the others as overrun) */
  onReport?: (index: number, report: HealthReport) => void;
}

export interface MultiCheckReport {
  reports: HealthReport[];
  exitCode: number;
  /** problems publishing the metrics (the login results stand) */
  publishErrors: string[];
  /** the metrics textfile could not be written (the Pushgateway's failures only count as publishErrors) */
  metricsFileFailed: boolean;
}

const prefixed = (logger: Logger, prefix: string): Logger => ({
  info: (message) => logger.info(`${prefix}${message}`),
  warn: (message) => logger.warn(`${prefix}${message}`),
  error: (message) => logger.error(`${prefix}${message}`),
});

export async function runHealthChecks(targets: readonly CheckTarget[], options: MultiCheckOptions): Promise<MultiCheckReport> {
  const { logger } = options;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, targets.length));
  if (targets.length === 0) return { reports: [], exitCode: 0, publishErrors: [], metricsFileFailed: false };
  const reports: HealthReport[] = new Array<HealthReport>(targets.length);
  // Chromium starts while the embedded servers (if any) start, within the first wave's budget (which
  // counts from runStartedAt when given).
  const budgetLeft = Math.max(1, Math.round(Math.min(Date.now(), options.runStartedAt ?? Infinity) + (options.timeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS) - Date.now()));
  const session = await openSharedSession({ configs: targets.map((target) => target.config), browser: options.browser, headless: options.headless, launchTimeoutMs: budgetLeft }).catch((error: unknown) => {
    // Out of time before the shared browser was up (a loaded runner): each target then reports its
    // timeout, or opens a session of its own on its own budget in a later wave.
    if (toHarnessError(error).reason !== 'timeout') throw error;
    return { configs: targets.map((target) => target.config), browser: undefined, close: async () => undefined };
  });
  try {
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < targets.length; index = next++) {
        const target = { ...(targets[index] as CheckTarget), config: session.configs[index] as HarnessConfig };
        const many = targets.length > 1 && target.label !== undefined;
        const artifactsDir = options.artifactsDir === null ? null : many ? join(options.artifactsDir ?? target.config.health.artifactsDir, target.label ?? '') : options.artifactsDir;
        const report = await runHealthCheck(target.config, {
          ...options,
          // A target of a later wave gets its whole budget from when it starts; the first wave's counts from the run's start (the browser's launch is in it).
          runStartedAt: index < concurrency ? options.runStartedAt : undefined,
          ...(session.browser !== undefined ? { browser: session.browser } : {}),
          logger: many ? prefixed(logger, `[${target.label}] `) : logger,
          ...(target.label !== undefined ? { label: target.label } : {}),
          ...(artifactsDir !== undefined ? { artifactsDir } : {}),
        });
        reports[index] = report;
        options.onReport?.(index, report);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await session.close();
  }
  const entries: MetricsEntry[] = reports.map((report) => ({ kind: 'result', result: report.result, lastSuccessAt: report.lastSuccessAt, consecutiveFailures: report.consecutiveFailures }));
  const publishErrors = await publishMetrics(entries, options, logger);
  const metricsFileFailed = publishErrors.some((error) => error.startsWith(METRICS_FILE_FAILURE));
  return { reports, exitCode: Math.max(...reports.map((report) => report.exitCode)), publishErrors, metricsFileFailed };
}

/** Writes the textfile (all targets) and pushes each target's group; failures are reported, not thrown. */
export async function publishMetrics(entries: readonly MetricsEntry[], options: { metricsFile?: string | undefined; pushgatewayUrl?: string | undefined }, logger: Logger): Promise<string[]> {
  const errors: string[] = [];
  if (options.metricsFile !== undefined) {
    try {
      await writeMetricsFile(options.metricsFile, renderMetricsFor(entries));
    } catch (error) {
      errors.push(`${METRICS_FILE_FAILURE} ${options.metricsFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const gateway = options.pushgatewayUrl;
  if (gateway !== undefined) {
    await Promise.all(
      entries.map(async (entry) => {
        const target = entry.kind === 'result' ? entry.result.target : entry.target;
        try {
          await pushMetrics(gateway, target, renderMetricsFor([entry]));
        } catch (error) {
          errors.push(`could not push the metrics of ${target}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
  }
  // Shown even with --quiet: a run whose metrics went nowhere looks like a silent outage on the dashboard.
  for (const error of errors) logger.error(error);
  return errors;
}

/** The label a single-target run would have had, from the raw environment (its configuration did not load). */
export function fallbackLabel(env: Readonly<Record<string, string | undefined>>): string {
  const baseUrl = env['OAUTH_BASE_URL']?.trim();
  // The configuration was refused, maybe for credentials in this very URL: never label with them.
  if (baseUrl) return safeBaseUrl(baseUrl);
  const region = env['RAYTEAMS_REGION']?.trim();
  const stage = env['RAYTEAMS_STAGE']?.trim();
  if (region && stage) return rayteamsBaseUrl(region, stage);
  return 'embedded local server';
}

/** A configuration error as metrics: up 0, reason "config", the last success and failure count the state file knew (no run, so no change). */
export async function configErrorEntries(targets: ReadonlyArray<{ label: string; stateFile: string | undefined }>, at: Date): Promise<MetricsEntry[]> {
  return Promise.all(
    targets.map(async ({ label, stateFile }) => {
      const state = stateFile === undefined ? undefined : await readHealthState(stateFile);
      const last = state?.last_success_at;
      return { kind: 'config', target: label, at, lastSuccessAt: last ? new Date(last) : undefined, consecutiveFailures: state?.failures_in_a_row ?? 0 } satisfies MetricsEntry;
    }),
  );
}
