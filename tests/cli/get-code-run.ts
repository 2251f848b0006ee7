/**
 * get-code as the CLI specs run it: every run is also checked for the promise that holds for all of
 * them — no password or client secret on stdout or stderr, and no tokens unless `--exchange` asked
 * for them on stdout.
 */
import { expect } from '../../fixtures/index.js';
import { LOCAL_DEFAULTS, UUID_PATTERN } from '../../lib/config/config.js';
import { runNpmScript, runScript, type CliRun } from './run-cli.js';

/** The embedded and `npm run mock-server` defaults (DESIGN.md "Local server defaults"). */
export const LOCAL = LOCAL_DEFAULTS;

export const UUID = new RegExp(UUID_PATTERN);
/** A JWT's header: what the access and ID tokens start with. */
const JWT = /eyJ[A-Za-z0-9_-]{8,}\./;
const TOKEN_FIELDS = /access_token|id_token|refresh_token/i;

/** Runs get-code as a whole process; `viaNpm` goes through `npm run -s get-code` as the README does. */
export async function getCode(args: string[], env: Record<string, string> = {}, options: { viaNpm?: boolean } = {}): Promise<CliRun> {
  const run = options.viaNpm ? await runNpmScript('get-code', args, env) : await runScript('get-code', args, env);
  expectNoSecrets(run, [LOCAL.password, LOCAL.clientSecret, env.TEST_PASSWORD, env.OAUTH_CLIENT_SECRET]);
  expect(run.stderr, 'tokens on stderr').not.toMatch(JWT);
  expect(run.stderr, 'tokens on stderr').not.toMatch(TOKEN_FIELDS);
  if (!args.includes('--exchange')) {
    expect(run.stdout, 'tokens on stdout without --exchange').not.toMatch(JWT);
    expect(run.stdout, 'tokens on stdout without --exchange').not.toMatch(TOKEN_FIELDS);
  }
  return run;
}

export function expectNoSecrets(run: Pick<CliRun, 'stdout' | 'stderr'>, secrets: ReadonlyArray<string | undefined>): void {
  for (const secret of secrets) {
    if (!secret) continue;
    expect(run.stdout, 'a secret on stdout').not.toContain(secret);
    expect(run.stderr, 'a secret on stderr').not.toContain(secret);
  }
}

/** The `[reason]` tag runCli puts after the one-line message. */
export function expectExit(run: CliRun, exitCode: number, reason: string, message: string | RegExp): void {
  expect(run.exitCode, run.stderr).toBe(exitCode);
  expect(run.stderr).toContain(`[${reason}]`);
  const errorLine = run.stderr.split('\n').find((line) => line.startsWith('error: ')) ?? '';
  if (typeof message === 'string') expect(errorLine).toContain(message);
  else expect(errorLine).toMatch(message);
  expect(run.stdout).toBe('');
}
