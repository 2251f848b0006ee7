/**
 * Human-facing output of the scripts. Everything goes to stderr, so stdout carries only results
 * (`npm run -s get-code -- --format json | jq`). Callers pass names and public facts, never secrets;
 * with `secrets`, each line is also scrubbed (lib/redaction/redact.ts), as a net under that rule.
 */
import { redactText } from '../redaction/redact.js';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface LoggerOptions {
  quiet?: boolean;
  stream?: NodeJS.WritableStream;
  /**
   * Values to scrub from every line; read at each write, so a Set can grow once the configuration
   * is loaded. Given (even empty), lines also lose JWT-shaped tokens, codes and verifiers.
   */
  secrets?: Iterable<string>;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const { secrets } = options;
  const write = (line: string) => stream.write(`${secrets === undefined ? line : redactText(line, [...secrets])}\n`);
  return {
    info: (message) => {
      if (!options.quiet) write(message);
    },
    warn: (message) => {
      if (!options.quiet) write(`warning: ${message}`);
    },
    // Errors are shown even in quiet mode: the exit code alone rarely tells a person what to fix.
    error: (message) => write(`error: ${message}`),
  };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
