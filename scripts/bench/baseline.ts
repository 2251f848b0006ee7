/**
 * --baseline REF: the same get-code, built from another commit, so a change's cost is measured in
 * one run against the version before it (the machine's load then hits both alike). The commit is
 * checked out as a detached worktree in the bench's scratch folder and runs with this checkout's
 * node_modules (a superset of what an older version needs, as long as no dependency was removed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export interface Baseline {
  /** the worktree's bin, run with node */
  bin: string;
  cwd: string;
  commit: string;
  remove(): void;
}

export function checkOutBaseline(root: string, ref: string, scratch: string): Baseline {
  const cwd = join(scratch, 'baseline');
  const commit = execFileSync('git', ['rev-parse', '--short', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', cwd, commit], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  symlinkSync(join(root, 'node_modules'), join(cwd, 'node_modules'), 'junction');
  // Built once here, so no run of the baseline pays for its build.
  execFileSync(process.execPath, [join(cwd, 'scripts', 'build.mjs')], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  const bin = join(cwd, 'bin', 'rayteams-login.mjs');
  if (!existsSync(bin)) throw new Error(`${ref} (${commit}) has no bin/rayteams-login.mjs to measure`);
  return {
    bin,
    cwd,
    commit,
    remove() {
      execFileSync('git', ['worktree', 'remove', '--force', cwd], { cwd: root, stdio: 'ignore' });
    },
  };
}
