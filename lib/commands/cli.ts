/**
 * What every command-line entry shares: one-line reasons on stderr and the exit codes of DESIGN.md.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readEnvironment } from '../config/environment.js';
import { FAILURE_EXIT_CODES, HarnessError, toHarnessError } from '../errors.js';
import { SIGNAL_EXIT_CODES } from '../platform/cancellation.js';
import { classifyPlaywrightError } from '../journey/playwright-errors.js';
import { createLogger, type Logger } from '../platform/log.js';
import { watchParent } from '../platform/parent-watch.js';
import { MIN_REDACTED_SECRET_LENGTH, redactText } from '../redaction/redact.js';

/**
 * The command line people type to run `command`, for --help: `npm run -s get-code --` when npm's
 * script started it (a source checkout), else the installed bin, `rayteams-login get-code`.
 */
export function commandLine(command: string, env: Readonly<Record<string, string | undefined>> = readEnvironment({})): string {
  return env['npm_lifecycle_event'] === command ? `npm run -s ${command} --` : `rayteams-login ${command}`;
}

/** The exit codes every command shares beyond its own: a bug in the harness, and interruptions. */
export const SHARED_EXIT_CODES_HELP = `${FAILURE_EXIT_CODES.internal} internal error (a bug in the harness; never a login result), ${SIGNAL_EXIT_CODES.SIGHUP}/${SIGNAL_EXIT_CODES.SIGINT}/${SIGNAL_EXIT_CODES.SIGTERM} interrupted by SIGHUP/SIGINT/SIGTERM (no result).`;

/** Flags every command takes. */
export const COMMON_FLAGS = {
  'env-file': { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Flags of the commands that sign in with a browser. */
export const BROWSER_FLAGS = {
  timeout: { type: 'string' },
  headed: { type: 'boolean', default: false },
} as const;

/** `--env-file PATH` as loadConfig's option. */
export function envFileOption(values: { 'env-file'?: string | undefined }): { envFile?: string } {
  return values['env-file'] !== undefined ? { envFile: values['env-file'] } : {};
}

/** Parses flags; an unknown flag or a bad value is a usage error (exit 2) naming the flag. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new HarnessError('usage', `${message} (see --help)`);
  }
}

/** The longest a Node timer can wait; above it setTimeout fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function parseIntegerFlag(name: string, value: string | undefined, fallback: number, min = 1, max = MAX_TIMER_MS): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new HarnessError('usage', `--${name} must be a whole number of at least ${min}, got "${value.slice(0, 40)}"`);
  if (Number(value) > max) throw new HarnessError('usage', `--${name} must be at most ${max}, got ${value.slice(0, 40)}`);
  return Number(value);
}

/** Below this no browser starts and no login screen loads; such a run could only fail misleadingly. */
export const MIN_TIMEOUT_MS = 1_000;
/** Ten minutes: well past any login, and every budget built from it stays inside a timer's range. */
export const MAX_TIMEOUT_MS = 600_000;

/** --timeout MS, checked before anything starts: a budget too small says so (not "No Chromium found"). */
export function parseTimeoutFlag(value: string | undefined, fallback: number): number {
  const ms = parseIntegerFlag('timeout', value, fallback, 1, MAX_TIMEOUT_MS);
  if (ms < MIN_TIMEOUT_MS) throw new HarnessError('usage', `--timeout ${ms} ms is too small a budget for a browser start and a login; give at least ${MIN_TIMEOUT_MS}`);
  return ms;
}

export interface CliContext {
  /** stderr lines, scrubbed of the secrets given to protectSecrets and of token/code shapes */
  logger: Logger;
  /** Once the configuration is loaded: its secrets never reach stderr, e.g. `protectSecrets(config.secrets)`. */
  protectSecrets(secrets: Iterable<string>): void;
  /**
   * After flags are parsed: exit with code 5 if the whole command is still running after `ms`.
   * `onExpire` (bounded to 5 s) can publish a timeout result first, e.g. the health check's state.
   */
  armWatchdog(ms: number, onExpire?: () => Promise<void>): void;
}

export interface RunCliOptions {
  /**
   * With `--json` on the command line, a failure that ends the command before it has a result of
   * its own (a usage or configuration mistake, exit 2, or any other thrown error) still prints one
   * JSON object on stdout: `{"status":"error","reason":…,"message":…,"exit_code":…}`, so
   * `health-check --json | jq .status` never reads nothing.
   */
  jsonErrors?: boolean;
}

/** The JSON line a --json command prints when it fails before having a result; the message is scrubbed like stderr. */
export function errorJson(failure: HarnessError, secrets: Iterable<string>): string {
  return `${JSON.stringify({ status: 'error', reason: failure.reason, message: redactText(failure.message, [...secrets]), exit_code: failure.exitCode })}\n`;
}

/**
 * Runs a CLI entry: its promise's number is the exit code; a thrown error becomes its reason on
 * one stderr line and the documented exit code. The watchdog guarantees the process never outlives
 * its budget, whatever hangs.
 */
export function runCli(main: (cli: CliContext) => Promise<number>, options: RunCliOptions = {}): void {
  const secrets = new Set<string>();
  const logger = createLogger({ quiet: process.argv.includes('--quiet') || process.argv.includes('-q'), secrets });
  const protectSecrets = (values: Iterable<string>) => {
    for (const value of values) {
      if (value.length > 0) secrets.add(value);
      // Not scrubbed from text (that would reveal it, see MIN_REDACTED_SECRET_LENGTH): say so instead.
      if (value.length > 0 && value.length < MIN_REDACTED_SECRET_LENGTH) {
        logger.warn(`a configured secret (password, client secret, TOTP secret or webhook URL) is shorter than ${MIN_REDACTED_SECRET_LENGTH} characters: too weak to keep out of logs by redaction; use a longer one`);
      }
    }
  };
  let watchdog: NodeJS.Timeout | undefined;
  const armWatchdog = (ms: number, onExpire?: () => Promise<void>) => {
    if (watchdog) clearTimeout(watchdog);
    // Clamped: a longer delay overflows and fires at once.
    watchdog = setTimeout(() => {
      logger.error(`gave up after ${ms} ms [timeout]`);
      const last = setTimeout(() => process.exit(5), 5_000);
      (onExpire ?? (async () => undefined))()
        .catch((error: unknown) => logger.error(`could not report the timeout: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          clearTimeout(last);
          process.exit(5);
        });
    }, Math.min(ms, MAX_TIMER_MS));
    watchdog.unref();
  };
  // A rejection nobody awaited would make Node exit 1, which means "degraded" to a health pipeline.
  // Playwright's own, from a page or browser closing while a call was still on its way (a fast
  // failure racing the clean-up), is noise once the result is decided; anything else is our bug.
  process.on('unhandledRejection', (error: unknown) => {
    if (classifyPlaywrightError(error) !== undefined) return;
    const failure = new HarnessError('internal', `internal error (a bug in the harness): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    logger.error(`${failure.message} [${failure.reason}]`);
    process.exitCode = failure.exitCode;
  });
  // Signals sent to `npm run <command>` reach this process even through npm's shell (lib/platform/parent-watch.ts).
  const stopWatchingParent = watchParent();
  main({ logger, protectSecrets, armWatchdog })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      const failure = toHarnessError(error);
      logger.error(`${failure.message} [${failure.reason}]`);
      if (options.jsonErrors && process.argv.slice(2).includes('--json')) process.stdout.write(errorJson(failure, secrets));
      process.exitCode = failure.exitCode;
    })
    .finally(() => {
      stopWatchingParent();
      if (watchdog) clearTimeout(watchdog);
      // The result is out and everything the command awaited is done: exit once stdout and stderr
      // have taken what was written (their callbacks), instead of waiting for Playwright's
      // connection and the browser's pipes to wind down (about 50 ms per run, paid by every pipeline).
      let pending = 2;
      const exit = () => {
        pending -= 1;
        if (pending === 0) process.exit();
      };
      process.stdout.write('', exit);
      process.stderr.write('', exit);
    });
}
