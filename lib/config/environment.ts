/**
 * Where the configuration's raw variables come from: the real environment over `.env` (dotenv).
 * Split from lib/config/config.ts so a command can read the one or two variables it needs before the
 * checked configuration (zod and all) has loaded: get-code starts Chromium from CHROMIUM_PATH this
 * way (lib/journey/head-start.ts), read exactly as the configuration will read it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { HarnessError } from '../errors.js';

export type Env = Record<string, string | undefined>;

/**
 * The names of every variable the harness, its suite or its test runner reads (HARNESS_: the suite's
 * tier, the GitHub reporter). Tests, the stage matrix and the bench start their child processes
 * without them, so a developer's shell or a parent run never leaks into a run that sets its own.
 */
export const HARNESS_VARIABLE = /^(OAUTH_|RAYTEAMS_|TEST_|CODE_|LOGIN_|HEALTH_|MOCK_|HARNESS_|CHROMIUM_PATH$|GITHUB_OUTPUT$)/;

export class ConfigError extends HarnessError {
  readonly problems: ReadonlyArray<{ variable: string; problem: string }>;

  constructor(problems: ReadonlyArray<{ variable: string; problem: string }>) {
    super('config', `Invalid configuration: ${problems.map((p) => `${p.variable}: ${p.problem}`).join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export interface LoadConfigOptions {
  /** defaults to process.env */
  env?: Env;
  /** a dotenv file; defaults to `.env` in the working directory when it exists */
  envFile?: string;
}

/** Reads `.env` (if any) under the real environment: a variable set in the shell wins over the file. */
export function readEnvironment(options: LoadConfigOptions = {}): Env {
  const env = options.env ?? process.env;
  const explicit = options.envFile !== undefined;
  const file = resolve(options.envFile ?? '.env');
  if (!existsSync(file)) {
    if (explicit) throw new ConfigError([{ variable: '--env-file', problem: `no such file: ${options.envFile}` }]);
    return { ...env };
  }
  return { ...parseDotenv(readFileSync(file)), ...env };
}

/** CHROMIUM_PATH as the launch reads it: blank is unset. */
export function chromiumPathIn(env: Env): string | undefined {
  return env['CHROMIUM_PATH']?.trim() || undefined;
}
