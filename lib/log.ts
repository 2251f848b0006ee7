/**
 * Human-facing output of the scripts. Everything goes to stderr, so stdout carries only results
 * (`npm run -s get-code -- --format json | jq`). Callers pass names and public facts, never secrets.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(options: { quiet?: boolean; stream?: NodeJS.WritableStream } = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const write = (line: string) => stream.write(`${line}\n`);
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
