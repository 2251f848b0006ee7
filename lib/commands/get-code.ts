/**
 * The get-code command: signs in on the login screen and prints fresh authorization codes (or, with
 * --exchange, the tokens behind them) in the shape a pipeline consumes. Loaded by scripts/get-code.ts
 * once Chromium is starting.
 * Results go to stdout (or --out / $GITHUB_OUTPUT), everything else to stderr; exit codes as in DESIGN.md.
 */
import { appendFile } from 'node:fs/promises';
import { getAuthorizationCodes } from '../api.js';
import { writeFileAtomic } from '../platform/atomic-file.js';
import { commandLine, runCli, type CliContext } from './cli.js';
import { getCodeHelp, MAX_COUNT } from './get-code-help.js';
import { envFileOption, launchFlagsOf, parseGetCodeFlags, parseIntegerFlag } from '../config/command-line.js';
import { CODE_EXPIRY_WARNING_SECONDS, OUTPUT_FORMATS, codeItem, renderGithub, renderItems, secondsLeft, tokenItem, type OutputFormat } from './code-output.js';
import { loadConfig } from '../config/config.js';
import { HarnessError } from '../errors.js';
import { describePrivacy, privacyOf } from '../platform/private-file.js';
import type { HeadStart } from '../journey/head-start.js';

export function runGetCode(headStart: HeadStart | undefined): void {
  runCli(async (cli) => getCode(cli, headStart));
}

async function getCode({ logger, armWatchdog, protectSecrets }: CliContext, headStart: HeadStart | undefined): Promise<number> {
  const values = parseGetCodeFlags(process.argv.slice(2));
  if (values.help) {
    process.stdout.write(`${getCodeHelp(commandLine('get-code'))}\n`);
    return 0;
  }
  if (values.json && values.format !== undefined && values.format !== 'json') {
    throw new HarnessError('usage', `--json is short for --format json; it cannot be combined with --format ${values.format}`);
  }
  const formatName = values.json ? 'json' : (values.format ?? 'text');
  if (!(OUTPUT_FORMATS as readonly string[]).includes(formatName)) {
    throw new HarnessError('usage', `--format must be one of ${OUTPUT_FORMATS.join(', ')}, got "${formatName}"`);
  }
  const format = formatName as OutputFormat;
  const count = parseIntegerFlag('count', values.count, 1);
  // Every code is a real sign-in against the stage; a typo like --count 1000 should not become one.
  if (count > MAX_COUNT) throw new HarnessError('usage', `--count must be at most ${MAX_COUNT}, got ${count}`);
  const { timeoutMs, headless } = launchFlagsOf(values);
  if (values.out !== undefined && values.out.trim() === '') throw new HarnessError('usage', '--out needs a file name');
  const config = loadConfig(envFileOption(values));
  protectSecrets(config.secrets);
  const githubOutput = config.githubOutputFile;
  if (format === 'github') {
    if (values.out !== undefined) throw new HarnessError('usage', '--format github writes to $GITHUB_OUTPUT; it cannot be combined with --out');
    if (!githubOutput) throw new HarnessError('usage', '--format github needs $GITHUB_OUTPUT (set by GitHub Actions in every step)');
  }

  // Browser start, every login (and exchange, each bounded by the same budget) and shutdown must
  // all fit; the margin covers start-up and close.
  armWatchdog(timeoutMs * count * (values.exchange ? 2 : 1) + 15_000);
  const batch = await getAuthorizationCodes({
    config,
    count,
    freshLogin: values['fresh-login'],
    ...(values['no-pkce'] ? { usePkce: false } : {}),
    exchange: values.exchange,
    headless,
    timeoutMs,
    // --timeout bounds the whole command, from the process's start (issue 14: overrun under 2 s).
    runStartedAt: performance.timeOrigin,
    headStart,
    logger,
    verbose: values.verbose,
  });

  if (!values.exchange) warnAboutExpiringCodes(batch.codes, logger);
  const items = values.exchange ? batch.tokens.map(tokenItem) : batch.codes.map(codeItem);
  const what = values.exchange ? `${items.length} token response(s)` : `${items.length} code(s)`;
  if (format === 'github' && githubOutput) {
    const { outputFile, stdout } = renderGithub(items);
    process.stdout.write(stdout);
    await appendFile(githubOutput, outputFile).catch(cannotWrite('$GITHUB_OUTPUT'));
    logger.info(`Wrote ${what} to $GITHUB_OUTPUT`);
  } else if (format !== 'github' && values.out !== undefined) {
    const privacy = privacyOf(values.out);
    if (privacy.kind === 'warning') logger.warn(privacy.message);
    await writeFileAtomic(values.out, renderItems(items, format)).catch(cannotWrite(values.out));
    logger.info(`Wrote ${what} to ${values.out} (${describePrivacy(privacy)})`);
  } else if (format !== 'github') {
    process.stdout.write(renderItems(items, format));
  }
  if (!values.exchange) logger.info(`Code valid until ${batch.codes[0]?.expiresAt.toISOString() ?? '?'}`);
  // The embedded server lives only as long as this process: say so, or a pipeline redeems the code
  // later and gets "connection refused" with nothing to tell why.
  if (!values.exchange && config.target.kind === 'embedded' && config.target.baseUrl === undefined) logger.warn(EMBEDDED_CODE_WARNING);
  return 0;
}

export const EMBEDDED_CODE_WARNING =
  'this code is from the embedded local server, which stops as get-code exits: it cannot be redeemed afterwards. To redeem codes later, start a server that stays (rayteams-login mock-server, or npm run mock-server in a checkout) and set OAUTH_BASE_URL to it, use --exchange, or sign in at a real stage.';

/** A result file that cannot be written is the caller's setup to fix (exit 2), not a broken login contract. */
function cannotWrite(where: string) {
  return (error: unknown): never => {
    const code = (error as { code?: unknown } | null)?.code;
    throw new HarnessError('usage', `cannot write the result to ${where}: ${typeof code === 'string' ? code : String(error)}`, { cause: error });
  };
}

/** A code with under a minute left is likely to expire before a later pipeline step redeems it. */
function warnAboutExpiringCodes(codes: ReadonlyArray<{ expiresAt: Date }>, logger: { warn(message: string): void }): void {
  const now = new Date();
  codes.forEach((code, index) => {
    const left = secondsLeft(code, now);
    if (left < CODE_EXPIRY_WARNING_SECONDS) {
      logger.warn(`code ${index + 1} expires in ${Math.max(0, left)} s (at ${code.expiresAt.toISOString()}): less than ${CODE_EXPIRY_WARNING_SECONDS} s to redeem it`);
    }
  });
}
