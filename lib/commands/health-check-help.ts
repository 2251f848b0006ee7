/**
 * health-check --help: the text people read, kept apart from the command so the command reads as
 * what it does. `run` is how the reader starts it (commandLine: npm's script in a checkout, else the bin).
 */
import { DEFAULT_FLOW_TIMEOUT_MS } from '../journey/budget.js';
import { DEFAULT_CONCURRENCY } from '../health/multi.js';
import { DEFAULT_RETRY_BACKOFF_MS } from '../health/retry.js';
import { SHARED_EXIT_CODES_HELP } from './cli.js';

export const healthCheckHelp = (run: string): string => `Usage: ${run} [options]

Signs in on the RayTeams login screen with the test account, in a fresh browser context, exchanges
the code for tokens when OAUTH_CLIENT_SECRET is set (and, with HEALTH_API_CHECK=1, calls the user
API's GET /v1.0/me with the token), and reports healthy, degraded or failed.
Without OAUTH_BASE_URL (or RAYTEAMS_REGION/RAYTEAMS_STAGE) it checks the embedded local server.

Options:
  --targets FILE          check every target of a YAML/JSON targets file (see README) instead of the
                          one target the environment describes
  --concurrency N         targets checked at the same time, in one browser (default ${DEFAULT_CONCURRENCY})
  --shard K/N             only every N-th target of the file, starting at the K-th (CI matrix)
  --json                  print each target's result as one JSON object per line on stdout
  --metrics-file PATH     write Prometheus metrics to PATH atomically (node_exporter textfile collector)
  --pushgateway URL       push the same metrics to a Prometheus Pushgateway (job login_health, one group per target)
  --summary-file PATH     append a Markdown summary to PATH (e.g. "$GITHUB_STEP_SUMMARY")
  --artifacts-dir PATH    failure screenshots and traces go to PATH/[<target>/]<timestamp>/ (default: the
                          per-user state folder's health-artifacts/, see HEALTH_STATE_FILE)
  --timeout MS            the whole budget of a target's check: browser start, attempts, retries and
                          their evidence (default ${DEFAULT_FLOW_TIMEOUT_MS}); each target of a --targets file gets its own
  --retry-backoff MS      wait before the first retry, doubled for each further one (default ${DEFAULT_RETRY_BACKOFF_MS})
  --env-file PATH         read variables from PATH instead of .env
  --headed                show the browser
  --quiet, -q             only the summary lines on stderr
  --help, -h              this text

Settings (environment or .env): HEALTH_DEGRADED_MS (total, default 10000),
HEALTH_LOGIN_SCREEN_DEGRADED_MS, HEALTH_SIGN_IN_DEGRADED_MS, HEALTH_TOKEN_DEGRADED_MS (per phase),
HEALTH_RETRIES (after timeout/network only, default 1), HEALTH_WEBHOOK_URL (Slack-compatible; posts on
failure and on recovery), HEALTH_STATE_FILE (last status; with --targets one file per target, its name
before .json; default health-state.json in the per-user state folder: $XDG_STATE_HOME/rayteams-login,
else ~/.local/state/rayteams-login; macOS ~/Library/Application Support/rayteams-login; Windows
%LOCALAPPDATA%\\rayteams-login), HEALTH_API_CHECK, RAYTEAMS_API_URL (the API probe).

Exit codes: 0 healthy, 1 degraded, 2 usage/config, 3 credentials rejected/locked, 4 server failed or
refused (api_error too), 5 timeout/network, 6 contract broken (unexpected page, bad code, state
mismatch), ${SHARED_EXIT_CODES_HELP} With several targets: the highest of their codes.`;
