/**
 * The harness as users install it, for the bench's installed-command row: packed from a copy of this
 * checkout (`prepare` rebuilds dist/ from scratch there, not under commands running from this one)
 * and installed from the tarball into a fresh project. Returns the installed `rayteams-login`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SKIP = new Set(['node_modules', 'dist', '.git', 'test-results', 'playwright-report', 'allure-results', 'allure-report', 'allure-history', 'reports', 'health-artifacts']);

export function installPackage(root: string, scratch: string): string {
  const source = join(scratch, 'package-source');
  cpSync(root, source, { recursive: true, filter: (path) => !SKIP.has(relative(root, path).split(/[\\/]/)[0] ?? '') });
  symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'), 'junction');
  const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', scratch], source)) as Array<{ filename: string }>;
  const project = join(scratch, 'installed');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'bench-consumer', version: '1.0.0', private: true }));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', join(scratch, packed?.filename ?? 'missing.tgz')], project);
  return join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'rayteams-login.cmd' : 'rayteams-login');
}
