/**
 * npm run -s health-check:variables -- --targets FILE [--shard K/N] [--github-env]: the environment
 * variables the targets of a targets file (or of one shard of it) name under `env`, for CI systems
 * that hand a job only the secrets it asks for by name.
 *
 * Without --github-env: a JSON array of the names on stdout. With --github-env: each of those names
 * that is set (and not blank) in the environment (or .env), as GitHub's `$GITHUB_ENV` lines
 * (`NAME<<DELIMITER`, the value, `DELIMITER`; multi-line values intact), so the steps after it see
 * exactly the variables of this shard's targets. Nothing else is printed; values never reach stderr.
 * Exit 2 when the file or the shard is wrong, naming the entry and the field.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readEnvironment } from '../lib/config/config.js';
import { isHarnessError } from '../lib/errors.js';
import { parseShard, parseTargetsFile, shardOf, type TargetEntry } from '../lib/health/targets.js';

const USAGE = 'Usage: npm run -s health-check:variables -- --targets FILE [--shard K/N] [--github-env]';

/** Sorted, each once: the variable names the entries' `env` maps give. */
function variablesNamed(entries: readonly TargetEntry[]): string[] {
  return [...new Set(entries.flatMap((entry) => Object.values(entry.env ?? {}).filter((name): name is string => typeof name === 'string')))].sort();
}

/** `$GITHUB_ENV` lines for the names set in `env`; a fresh delimiter per value, so no value can end it early. */
function githubEnvLines(names: readonly string[], env: Readonly<Record<string, string | undefined>>): string {
  return names
    .filter((name) => (env[name] ?? '').trim() !== '')
    .map((name) => {
      const delimiter = `EOF_${randomUUID()}`;
      return `${name}<<${delimiter}\n${env[name] ?? ''}\n${delimiter}\n`;
    })
    .join('');
}

/** Where the command's output goes: the process's own streams, or a test's buffers. */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The whole command: its exit code, with what it prints written to `out`. `env`: where --github-env reads values. */
export function targetVariables(argv: string[], out: Output, env: () => Readonly<Record<string, string | undefined>> = () => readEnvironment()): number {
  let values: { targets?: string | undefined; shard?: string | undefined; 'github-env'?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args: argv, options: { targets: { type: 'string' }, shard: { type: 'string' }, 'github-env': { type: 'boolean' } }, strict: true }));
  } catch (error) {
    out.stderr(`health-check:variables: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (values.targets === undefined) {
    out.stderr(`health-check:variables: --targets FILE is required\n${USAGE}\n`);
    return 2;
  }
  const shard = parseShard(values.shard);
  if (values.shard !== undefined && shard === undefined) {
    out.stderr(`health-check:variables: --shard must be K/N with 1 <= K <= N, got "${values.shard}"\n`);
    return 2;
  }
  let entries: TargetEntry[];
  try {
    entries = parseTargetsFile(values.targets);
  } catch (error) {
    if (!isHarnessError(error)) throw error;
    out.stderr(`health-check:variables: ${error.message}\n`);
    return 2;
  }
  const names = variablesNamed(shardOf(entries, shard));
  out.stdout(values['github-env'] ? githubEnvLines(names, env()) : `${JSON.stringify(names)}\n`);
  return 0;
}

// Run as a command (npm run health-check:variables), not when a test imports targetVariables().
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = targetVariables(process.argv.slice(2), { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) });
}
