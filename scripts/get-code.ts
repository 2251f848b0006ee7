/**
 * npm run get-code: signs in on the login screen and prints a fresh authorization code.
 * Results go to stdout, everything else to stderr; exit codes as in DESIGN.md.
 */
import { getAuthorizationCodes } from '../lib/api.js';
import { parseFlags, parseIntegerFlag, runCli } from '../lib/cli.js';
import { HarnessError } from '../lib/errors.js';
import { DEFAULT_FLOW_TIMEOUT_MS, type AuthorizationResult } from '../lib/flow.js';

const HELP = `Usage: npm run -s get-code -- [options]

Signs in on the RayTeams login screen with the test account and prints a fresh OAuth 2.0
authorization code. Without OAUTH_BASE_URL (or RAYTEAMS_REGION/RAYTEAMS_STAGE) it signs in at the
embedded local server.

Options:
  --format text|json   text: the code alone (default); json: one object per line
  --timeout MS         budget for the login (default ${DEFAULT_FLOW_TIMEOUT_MS})
  --env-file PATH      read variables from PATH instead of .env
  --headed             show the browser
  --quiet, -q          no progress on stderr (errors are still shown)
  --help, -h           this text

Examples:
  npm run -s get-code
  npm run -s get-code -- --format json | jq -r .code

Exit codes: 0 ok, 2 usage/config, 3 credentials rejected/locked, 4 server failed or refused,
5 timeout/network, 6 contract broken (unexpected page, bad code, state mismatch).`;

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

function toJson(result: AuthorizationResult) {
  return {
    code: result.code,
    state: result.state ?? null,
    code_verifier: result.codeVerifier ?? null,
    redirect_uri: result.redirectUri,
    client_id: result.clientId,
    issued_at: result.issuedAt.toISOString(),
    expires_at: result.expiresAt.toISOString(),
  };
}

runCli(async ({ logger, armWatchdog }) => {
    const { values } = parseFlags(process.argv.slice(2), {
      format: { type: 'string', default: 'text' },
      timeout: { type: 'string' },
      'env-file': { type: 'string' },
      headed: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (!(FORMATS as readonly string[]).includes(values.format)) {
      throw new HarnessError('usage', `--format must be one of ${FORMATS.join(', ')}, got "${values.format}"`);
    }
    const format = values.format as Format;
    const timeoutMs = parseIntegerFlag('timeout', values.timeout, DEFAULT_FLOW_TIMEOUT_MS);
    // Browser start, login and shutdown must all fit; the margin covers start-up and close.
    armWatchdog(timeoutMs + 15_000);
    const { codes } = await getAuthorizationCodes({
      ...(values['env-file'] !== undefined ? { envFile: values['env-file'] } : {}),
      headless: !values.headed,
      timeoutMs,
      logger,
    });
    for (const result of codes) {
      process.stdout.write(format === 'json' ? `${JSON.stringify(toJson(result))}\n` : `${result.code}\n`);
    }
    logger.info(`Code valid until ${codes[0]?.expiresAt.toISOString() ?? '?'}`);
    return 0;
});
