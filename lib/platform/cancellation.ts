/**
 * Honest cancellation for the commands: SIGINT, SIGTERM (and SIGHUP; SIGBREAK on Windows) end the
 * run at once with 128 + the signal's number (130, 143, 129), and are never a login result.
 *
 * Why exit synchronously, in the handler: anything that lets the run carry on (closing the browser
 * and waiting) lets the journey see "browser closed", call it a failure, and publish it: state
 * `failed`, failure metrics, a "login is failing" webhook post. That was the bug. process.exit()
 * runs no more of the run's code; Playwright's own exit handler then kills the browser's process
 * group and removes its temporary profile and artifacts folders, and ours removes what the harness
 * had in flight: temporary files of atomic writes and the run's folder for trace chunks (which
 * Playwright would otherwise leave as playwright-tracing-* in the temp directory).
 *
 * The same exit cleanup runs on every other exit (the watchdog's process.exit(5) included). Only
 * SIGKILL leaves anything behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pendingTemporaryFiles } from './atomic-file.js';

/** Exit codes: 128 + the POSIX signal number; SIGBREAK (Ctrl+Break on Windows) counts as an interrupt. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129, SIGBREAK: 130 } as const;

export type CancelSignal = keyof typeof SIGNAL_EXIT_CODES;

let runDirectory: string | undefined;
let installed = false;

/** A folder of this process, removed at exit whatever ends it: give it to Playwright as tracesDir. */
export function runTemporaryDirectory(): string {
  runDirectory ??= mkdtempSync(join(tmpdir(), `login-harness-${process.pid}-`));
  installExitCleanup();
  return runDirectory;
}

function installExitCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', removeInFlightFiles);
}

/** Synchronous: it runs in 'exit', where nothing asynchronous happens any more. */
function removeInFlightFiles(): void {
  for (const file of pendingTemporaryFiles) rmSync(file, { force: true });
  pendingTemporaryFiles.clear();
  if (runDirectory !== undefined) rmSync(runDirectory, { recursive: true, force: true, maxRetries: 2 });
}

export interface CancellationOptions {
  /** one line to stderr, e.g. the CLI's logger.error */
  report(message: string): void;
  /** for tests; default process.exit */
  exit?: (code: number) => void;
}

/**
 * Installs the signal handlers; call it first thing in a command, before a browser starts, so they
 * run before Playwright's (which close the browser and let the run go on). Returns a function that
 * removes them again.
 */
export function installCancellation(options: CancellationOptions): () => void {
  installExitCleanup();
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals: CancelSignal[] = process.platform === 'win32' ? ['SIGINT', 'SIGTERM', 'SIGBREAK'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handlers = signals.map((signal) => {
    const handler = () => {
      const code = SIGNAL_EXIT_CODES[signal];
      options.report(`interrupted by ${signal}: stopped without a result (exit ${code})`);
      exit(code);
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => handlers.forEach((remove) => remove());
}
