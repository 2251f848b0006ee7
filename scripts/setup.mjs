#!/usr/bin/env node
/**
 * npm run setup: installs the dependencies, builds dist/, and makes sure a browser is usable (plus,
 * on Debian/Ubuntu as root, the Prometheus tools the monitoring tests use). Plain Node, no shell,
 * so it runs the same on Linux, macOS and Windows; it must not import anything from node_modules
 * before step 1 has installed it. Idempotent: a second run with nothing to do takes a second or two.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => process.stderr.write(`setup: ${line}\n`);

// 1. Dependencies, exactly as locked; skipped when node_modules already matches the lock file.
const stamp = join(ROOT, 'node_modules', '.setup-lock-hash');
const lockHash = createHash('sha256').update(readFileSync(join(ROOT, 'package-lock.json'))).digest('hex');
// npm's own record of the last install (node_modules/.package-lock.json) newer than the lock file
// also counts, e.g. after a CI step's `npm ci`.
const npmRecord = join(ROOT, 'node_modules', '.package-lock.json');
const installedSinceLockChanged = existsSync(npmRecord) && statSync(npmRecord).mtimeMs >= statSync(join(ROOT, 'package-lock.json')).mtimeMs;
if ((existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lockHash) || installedSinceLockChanged) {
  say('dependencies up to date');
  if (!existsSync(stamp)) writeFileSync(stamp, lockHash);
} else {
  say('installing dependencies (npm ci)');
  // Under `npm run`, npm_execpath is npm's own JavaScript: started with this node, no shell needed
  // (on Windows `npm` is a .cmd file that spawn cannot start without one).
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli && /\.[cm]?js$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', []];
  const result = spawnSync(command, [...args, 'ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, 'inherit'],
    shell: command === 'npm' && process.platform === 'win32',
  });
  if (result.status !== 0) {
    say(`npm ci failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  writeFileSync(stamp, lockHash);
}

// 2. The one build (dist/): the npm scripts run it; rebuilt only when a source changed.
const { ensureBuild } = await import(pathToFileURL(join(ROOT, 'scripts', 'build.mjs')).href);
say((await ensureBuild()) ? 'built dist/' : 'dist/ up to date');

// 3. A browser, and the monitoring tools where apt can install them (scripts/setup-browser.ts).
const { runSetup } = await import(pathToFileURL(join(ROOT, 'dist', 'setup.js')).href);
process.exitCode = await runSetup();
