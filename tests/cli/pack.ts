/**
 * The harness packed as npm would publish it: `npm pack` of a copy of this checkout (its `prepack`
 * rebuilds dist/ from scratch there, not under commands other tests run from this checkout meanwhile).
 * Shared by the package and action specs; each packs its own, in its own scratch folder.
 */
import { cpSync, symlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect } from '../../fixtures/index.js';
import { cleanEnv, run, type CliRun } from './run-cli.js';

export const ROOT = resolve(import.meta.dirname, '../..');
const NPM_CLI = process.env.npm_execpath && /\.[cm]?js$/.test(process.env.npm_execpath) ? process.env.npm_execpath : undefined;
const NOT_PACKED = new Set(['node_modules', 'dist', '.git', 'test-results', 'playwright-report', 'allure-results', 'allure-report', 'reports', 'health-artifacts']);

/** npm with this node where npm's own script is known (no shell on Windows), else npm from PATH. */
export function npm(args: string[], cwd: string, timeoutMs = 180_000): Promise<CliRun> {
  const env = { ...cleanEnv(), npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  return NPM_CLI ? run(process.execPath, [NPM_CLI, ...args], env, timeoutMs, cwd) : run('npm', args, env, timeoutMs, cwd);
}

/** Packs the harness into `scratch`; returns the tarball's path and the files in it. */
export async function packHarness(scratch: string): Promise<{ tarball: string; files: string[] }> {
  const source = join(scratch, 'source');
  cpSync(ROOT, source, { recursive: true, filter: (path) => !NOT_PACKED.has(relative(ROOT, path).split(/[\\/]/)[0] ?? '') });
  symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'), 'junction');
  const pack = await npm(['pack', '--json', '--pack-destination', scratch], source);
  expect(pack.exitCode, pack.stderr).toBe(0);
  const [packed] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: join(scratch, packed?.filename ?? 'missing.tgz'), files: packed?.files.map((file) => file.path) ?? [] };
}
