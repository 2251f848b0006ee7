/**
 * What every command-line entry shares: one-line reasons on stderr and the exit codes of DESIGN.md.
 */
import { MAX_TIMER_MS } from '../config/command-line.js';
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
