/**
 * npm run health-check: can our users sign in right now, and how fast? One full form login in a
 * fresh browser context (plus a token exchange when a client secret is configured), classified as
 * healthy, degraded or failed. Result: a summary line on stderr, --json on stdout, --metrics-file
 * for Prometheus, a webhook message on failure and recovery. Exit codes as in DESIGN.md.
 */
import { appendFileChecked } from '../lib/atomic-file.js';
import { BROWSER_FLAGS, COMMON_FLAGS, envFileOption, parseFlags, parseIntegerFlag, parseTimeoutFlag, runCli } from '../lib/cli.js';
import { installCancellation } from '../lib/cancellation.js';
import { loadConfig } from '../lib/config.js';
import { DEFAULT_FLOW_TIMEOUT_MS } from '../lib/flow.js';
import { markdownSummary, summaryLine, toHealthJson } from '../lib/health/report.js';
import { DEFAULT_RETRY_BACKOFF_MS } from '../lib/health/retry.js';
import { DEFAULT_ARTIFACTS_DIR, overrunResult, publishHealthResult, runHealthCheck } from '../lib/health/run.js';

const HELP = `Usage: npm run -s health-check -- [options]

Signs in on the RayTeams login screen with the test account, in a fresh browser context, exchanges
the code for tokens when OAUTH_CLIENT_SECRET is set, and reports healthy, degraded or failed.
Without OAUTH_BASE_URL (or RAYTEAMS_REGION/RAYTEAMS_STAGE) it checks the embedded local server.

Options:
  --json                  print the result as one JSON object on stdout
  --metrics-file PATH     write Prometheus metrics to PATH atomically (node_exporter textfile collector)
  --summary-file PATH     append a Markdown summary to PATH (e.g. "$GITHUB_STEP_SUMMARY")
  --artifacts-dir PATH    failure screenshots and traces go to PATH/<timestamp>/ (default ${DEFAULT_ARTIFACTS_DIR})
  --timeout MS            budget of each attempt, login and token exchange (default ${DEFAULT_FLOW_TIMEOUT_MS})
  --retry-backoff MS      wait before the first retry, doubled for each further one (default ${DEFAULT_RETRY_BACKOFF_MS})
  --env-file PATH         read variables from PATH instead of .env
  --headed                show the browser
  --quiet, -q             only the summary line on stderr
  --help, -h              this text

Settings (environment or .env): HEALTH_DEGRADED_MS (total, default 10000),
HEALTH_LOGIN_SCREEN_DEGRADED_MS, HEALTH_SIGN_IN_DEGRADED_MS, HEALTH_TOKEN_DEGRADED_MS (per phase),
HEALTH_RETRIES (after timeout/network only, default 1), HEALTH_WEBHOOK_URL (Slack-compatible; posts on
failure and on recovery), HEALTH_STATE_FILE (last status, default .health-state.json).

Exit codes: 0 healthy, 1 degraded, 2 usage/config, 3 credentials rejected/locked, 4 server failed or
refused, 5 timeout/network, 6 contract broken (unexpected page, bad code, state mismatch).`;

runCli(async ({ logger, armWatchdog, protectSecrets }) => {
  installCancellation({ report: logger.error });
  const { values } = parseFlags(process.argv.slice(2), {
    json: { type: 'boolean', default: false },
    'metrics-file': { type: 'string' },
    'summary-file': { type: 'string' },
    'artifacts-dir': { type: 'string' },
    'retry-backoff': { type: 'string' },
    ...BROWSER_FLAGS,
    ...COMMON_FLAGS,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const timeoutMs = parseTimeoutFlag(values.timeout, DEFAULT_FLOW_TIMEOUT_MS);
  const retryBackoffMs = parseIntegerFlag('retry-backoff', values['retry-backoff'], DEFAULT_RETRY_BACKOFF_MS, 0);
  const config = loadConfig(envFileOption(values));
  protectSecrets(config.secrets);

  // Every attempt, its back-off and browser start/stop must fit; past that the process exits 5 whatever hangs.
  const retries = config.health.retries;
  let budget = 15_000;
  for (let attempt = 1; attempt <= retries + 1; attempt += 1) budget += timeoutMs + 5_000 + (attempt <= retries ? retryBackoffMs * 2 ** (attempt - 1) : 0);
  const startedAt = new Date();
  // An overrun is still a result: JSON, metrics and state with reason timeout (and the alert).
  armWatchdog(budget, async () => {
    const overrun = overrunResult(config, startedAt, budget);
    if (values.json) process.stdout.write(`${JSON.stringify(toHealthJson(overrun))}\n`);
    process.stderr.write(`${summaryLine(overrun)}\n`);
    await publishHealthResult(config, overrun, { logger, ...(values['metrics-file'] !== undefined ? { metricsFile: values['metrics-file'] } : {}) });
  });

  const { result, exitCode } = await runHealthCheck(config, {
    timeoutMs,
    retryBackoffMs,
    headless: !values.headed,
    logger,
    ...(values['artifacts-dir'] !== undefined ? { artifactsDir: values['artifacts-dir'] } : {}),
    ...(values['metrics-file'] !== undefined ? { metricsFile: values['metrics-file'] } : {}),
  });
  if (values['summary-file'] !== undefined) await appendFileChecked(values['summary-file'], markdownSummary(result));
  if (values.json) process.stdout.write(`${JSON.stringify(toHealthJson(result))}\n`);
  // The summary is the result for people, so --quiet keeps it.
  process.stderr.write(`${summaryLine(result)}\n`);
  for (const path of result.artifacts) logger.info(`  artifact: ${path}`);
  return exitCode;
});
