/**
 * npm run health-check: can our users sign in right now, and how fast? One full form login in a
 * fresh browser context (plus a token exchange when a client secret is configured), classified as
 * healthy, degraded or failed. Result: a summary line on stderr, --json on stdout, --metrics-file
 * and --pushgateway for Prometheus, a webhook message on failure and recovery. With --targets FILE,
 * every target of the file (or of its --shard) in one run. Exit codes as in DESIGN.md.
 */
import { appendFileChecked } from '../platform/atomic-file.js';
import { installCancellation } from '../platform/cancellation.js';
import { commandLine, runCli } from './cli.js';
import { healthCheckHelp } from './health-check-help.js';
import { BROWSER_FLAGS, COMMON_FLAGS, envFileOption, parseFlags, parseIntegerFlag, parseTimeoutFlag } from '../config/command-line.js';
import { ConfigError, loadConfig, readEnvironment } from '../config/config.js';
import { defaultHealthStateFile } from '../config/state-dir.js';
import { HarnessError } from '../errors.js';
import { DEFAULT_FLOW_TIMEOUT_MS } from '../journey/flow.js';
import { configErrorEntries, DEFAULT_CONCURRENCY, fallbackLabel, publishMetrics, runHealthChecks, type CheckTarget } from '../health/multi.js';
import { markdownSummary, markdownTable, summaryLine, toHealthJson } from '../health/report.js';
import { DEFAULT_RETRY_BACKOFF_MS } from '../health/retry.js';
import { overrunResult, publishHealthResult, type HealthReport } from '../health/run.js';
import { deleteGoneTargets } from '../health/pushgateway.js';
import { loadTargets, parseShard, parseTargetsFile, shardOf, stateFileFor, TargetsFileError, type Shard } from '../health/targets.js';

/** The health-check command: parses its flags from process.argv and exits with the documented code. */
export function runHealthCheck(): void {
  runCli(async ({ logger, armWatchdog, protectSecrets }) => {
    installCancellation({ report: logger.error });
    const { values } = parseFlags(process.argv.slice(2), {
      json: { type: 'boolean', default: false },
      targets: { type: 'string' },
      concurrency: { type: 'string' },
      shard: { type: 'string' },
      'metrics-file': { type: 'string' },
      pushgateway: { type: 'string' },
      'summary-file': { type: 'string' },
      'artifacts-dir': { type: 'string' },
      'retry-backoff': { type: 'string' },
      ...BROWSER_FLAGS,
      ...COMMON_FLAGS,
    });
    if (values.help) {
      process.stdout.write(`${healthCheckHelp(commandLine('health-check'))}\n`);
      return 0;
    }
    const timeoutMs = parseTimeoutFlag(values.timeout, DEFAULT_FLOW_TIMEOUT_MS);
    const retryBackoffMs = parseIntegerFlag('retry-backoff', values['retry-backoff'], DEFAULT_RETRY_BACKOFF_MS, 0);
    const concurrency = parseIntegerFlag('concurrency', values.concurrency, DEFAULT_CONCURRENCY);
    const shard = parseShard(values.shard);
    if (values.shard !== undefined && shard === undefined) throw new HarnessError('usage', `--shard must be K/N with 1 <= K <= N, got "${values.shard}"`);
    if (shard !== undefined && values.targets === undefined) throw new HarnessError('usage', '--shard needs --targets');
    const pushgatewayUrl = values.pushgateway;
    if (pushgatewayUrl !== undefined && !/^https?:\/\/[^/]/.test(pushgatewayUrl)) throw new HarnessError('usage', '--pushgateway must be an http(s) URL');
    // Its password (https://user:password@host) is a secret like any other.
    if (pushgatewayUrl !== undefined) protectSecrets([pushgatewayUrl, safeDecode(URL.canParse(pushgatewayUrl) ? new URL(pushgatewayUrl).password : '')]);
    const publish = { metricsFile: values['metrics-file'], pushgatewayUrl };

    let targets: CheckTarget[];
    try {
      targets =
        values.targets === undefined
          ? [{ label: undefined, config: loadConfig(envFileOption(values)) }]
          : loadTargets(values.targets, envFileOption(values), shard).map((target) => ({ label: target.name, config: target.config }));
    } catch (error) {
      // A broken configuration is written as metrics too: a textfile collector would otherwise keep serving the last "up 1".
      if (error instanceof ConfigError) await publishConfigError(error, values.targets, shard, envFileOption(values), publish, logger);
      throw error;
    }
    protectSecrets(targets.flatMap((target) => target.config.secrets));
    if (targets.length === 0) {
      logger.warn(`shard ${values.shard ?? ''} of ${values.targets ?? ''} has no targets`);
      return 0;
    }

    // Each target's check ends by its own budget (retries and evidence included), and a wave of targets
    // starts when the one before it ends; past that, and the publishing of the results (a webhook may
    // take 10 s), the process exits 5 whatever hangs.
    const budget = 15_000 + timeoutMs * Math.ceil(targets.length / Math.max(1, Math.min(concurrency, targets.length)));
    const startedAt = new Date();
    const finished = new Map<number, HealthReport>();
    // An overrun is still a result: JSON, state, alert and metrics with reason timeout for every target
    // that had not finished, so the dashboard and the alerting see it.
    armWatchdog(budget, async () => {
      const overrun = await Promise.all(
        targets.map(async (target, index) => {
          const done = finished.get(index);
          if (done !== undefined) return done;
          return publishHealthResult(target.config, overrunResult(target.config, startedAt, budget, target.label), { logger });
        }),
      );
      if (values.json) process.stdout.write(overrun.map((report) => `${JSON.stringify(toHealthJson(report.result))}\n`).join(''));
      for (const report of overrun) process.stderr.write(`${summaryLine(report.result)}\n`);
      await publishMetrics(overrun.map((report) => ({ kind: 'result', result: report.result, lastSuccessAt: report.lastSuccessAt, consecutiveFailures: report.consecutiveFailures })), publish, logger);
    });

    const { reports, exitCode, metricsFileFailed } = await runHealthChecks(targets, {
      onReport: (index, report) => finished.set(index, report),
      concurrency,
      timeoutMs,
      // The first targets' budget counts from the process's start: --timeout bounds the command.
      runStartedAt: performance.timeOrigin,
      retryBackoffMs,
      headless: !values.headed,
      logger,
      ...(values['artifacts-dir'] !== undefined ? { artifactsDir: values['artifacts-dir'] } : {}),
      ...(publish.metricsFile !== undefined ? { metricsFile: publish.metricsFile } : {}),
      ...(pushgatewayUrl !== undefined ? { pushgatewayUrl } : {}),
    });
    if (pushgatewayUrl !== undefined && values.targets !== undefined) await forgetGoneTargets(pushgatewayUrl, values.targets, logger);
    const results = reports.map((report) => report.result);
    if (values['summary-file'] !== undefined) {
      const [only] = results;
      await appendFileChecked(values['summary-file'], results.length === 1 && only !== undefined && values.targets === undefined ? markdownSummary(only) : markdownTable(results));
    }
    if (values.json) process.stdout.write(results.map((result) => `${JSON.stringify(toHealthJson(result))}\n`).join(''));
    // The summary is the result for people, so --quiet keeps it.
    for (const result of results) process.stderr.write(`${summaryLine(result)}\n`);
    for (const path of results.flatMap((result) => result.artifacts)) logger.info(`  artifact: ${path}`);
    for (const note of results.flatMap((result) => result.evidenceNotes ?? [])) logger.info(`  evidence: ${note}`);
    // An output file that could not be written is a set-up mistake to fix (exit 2), whatever the login did;
    // the error above names the file.
    return metricsFileFailed ? Math.max(exitCode, 2) : exitCode;
  }, { jsonErrors: true });
}

/**
 * The Pushgateway serves a group until it is deleted: a target removed from the file (or renamed)
 * would otherwise keep its last values, and its alerts, forever. Every shard knows the whole file,
 * so each may do it; deleting twice is harmless. A failure is reported, not fatal: the login
 * result stands.
 */
async function forgetGoneTargets(gatewayUrl: string, targetsFile: string, logger: { info(m: string): void; error(m: string): void }): Promise<void> {
  try {
    const current = new Set(parseTargetsFile(targetsFile).map((entry) => entry.name));
    const deleted = await deleteGoneTargets(gatewayUrl, current);
    if (deleted.length > 0) logger.info(`Pushgateway: deleted the groups of ${deleted.join(', ')}, no longer in ${targetsFile}`);
  } catch (error) {
    logger.error(`could not delete the Pushgateway groups of targets gone from ${targetsFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function publishConfigError(
  error: ConfigError,
  targetsFile: string | undefined,
  shard: Shard | undefined,
  envOptions: { envFile?: string },
  publish: { metricsFile: string | undefined; pushgatewayUrl: string | undefined },
  logger: { info(m: string): void; warn(m: string): void; error(m: string): void },
): Promise<void> {
  if (publish.metricsFile === undefined && publish.pushgatewayUrl === undefined) return;
  let env: Record<string, string | undefined>;
  try {
    env = readEnvironment(envOptions);
  } catch {
    // The --env-file itself was the mistake: label the series from the environment alone.
    env = readEnvironment({});
  }
  const stateFile = env['HEALTH_STATE_FILE']?.trim() || defaultHealthStateFile(env);
  const names = error instanceof TargetsFileError ? shardOf(error.targetNames, shard).filter((name): name is string => name !== undefined) : [];
  const labels =
    targetsFile === undefined
      ? [{ label: fallbackLabel(env), stateFile }]
      : names.length > 0
        ? names.map((name) => ({ label: name, stateFile: stateFileFor(stateFile, name) }))
        : // Not even the names could be read: one series that says the targets file itself is broken.
          [{ label: `targets-file:${targetsFile}`, stateFile: undefined }];
  await publishMetrics(await configErrorEntries(labels, new Date()), publish, logger);
}
