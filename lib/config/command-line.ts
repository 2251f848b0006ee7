/**
 * The commands' flags, read in one place. get-code's head start (lib/journey/head-start.ts) reads
 * its command line before the command has loaded, to start Chromium early; it reads it with the
 * same table and the same functions as the command, so the two cannot disagree about --headed,
 * --env-file or --timeout. Light on purpose: this module is loaded before the browser starts.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HarnessError } from '../errors.js';
import { DEFAULT_FLOW_TIMEOUT_MS } from '../journey/budget.js';

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

export const GET_CODE_FLAGS = {
  format: { type: 'string' },
  json: { type: 'boolean', default: false },
  out: { type: 'string' },
  count: { type: 'string' },
  'fresh-login': { type: 'boolean', default: false },
  'no-pkce': { type: 'boolean', default: false },
  exchange: { type: 'boolean', default: false },
  verbose: { type: 'boolean', short: 'v', default: false },
  ...BROWSER_FLAGS,
  ...COMMON_FLAGS,
} as const;

/** get-code's flags, parsed; a usage error (exit 2) for an unknown flag or a missing value. */
export function parseGetCodeFlags(argv: readonly string[]) {
  return parseFlags(argv, GET_CODE_FLAGS).values;
}

/** `--env-file PATH` as loadConfig's option. */
export function envFileOption(values: { 'env-file'?: string | undefined }): { envFile?: string } {
  return values['env-file'] !== undefined ? { envFile: values['env-file'] } : {};
}

/** What a browser command's flags say about its browser and its budget. */
export interface LaunchFlags {
  headless: boolean;
  /** the run's budget (--timeout), checked */
  timeoutMs: number;
}

export function launchFlagsOf(values: { headed?: boolean | undefined; timeout?: string | undefined }): LaunchFlags {
  return { headless: values.headed !== true, timeoutMs: parseTimeoutFlag(values.timeout, DEFAULT_FLOW_TIMEOUT_MS) };
}

/** What parseFlags returns for a flag table `T` (named, so the package's declarations can say it). */
export type ParsedFlags<T extends NonNullable<ParseArgsConfig['options']>> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>>;

/** Parses flags; an unknown flag or a bad value is a usage error (exit 2) naming the flag. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T): ParsedFlags<T> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new HarnessError('usage', `${message} (see --help)`);
  }
}

/** The longest a Node timer can wait; above it setTimeout fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

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
