#!/usr/bin/env node
/**
 * The suite's entry: `npm test` (the loop), `npm run test:rest` and `npm run test:all`.
 *
 *   node scripts/test.mjs loop|rest|all [Playwright's own arguments]
 *
 * `loop` and `all` also typecheck and lint, alongside the tests; their verdicts are printed after
 * the tests' summary, and either failing fails the run. `rest` runs the tests the loop leaves out
 * and nothing else (CI runs the loop first). Which tests belong to which tier is decided in
 * playwright.config.ts, from HARNESS_TEST_TIER.
 * Child processes are started with this Node and the packages' own entry files: no shell, no npx,
 * the same on Windows.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const TIERS = ['loop', 'rest', 'all'];
const [tier, ...playwrightArgs] = process.argv.slice(2);
if (!TIERS.includes(tier ?? '')) {
  process.stderr.write(`usage: node scripts/test.mjs ${TIERS.join('|')} [playwright test arguments]\n`);
  process.exit(2);
}

const require = createRequire(import.meta.url);
const CACHE = join('node_modules', '.cache', 'rayteams-login-harness');

/** The file a package's `bin` entry runs, found from its package.json (bins are not in `exports`). */
function binOf(pkg, name) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return join(dirname(manifestPath), typeof bin === 'string' ? bin : bin[name]);
}

const children = new Set();
// Ctrl+C reaches the children through the terminal's process group, so SIGINT is not sent again:
// a second SIGINT makes Playwright quit at once, before its reporters scrub secrets from the
// artifacts. A SIGTERM may reach only this process, so it is passed on. Either way this process
// waits for the children and exits with their code.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => {
  for (const child of children) child.kill('SIGTERM');
});

/** Runs a package's bin with this Node; `quiet` keeps its output until it ends, so two at once do not interleave. */
function run(label, file, args, { quiet = false, env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...args], { env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    children.add(child);
    let output = '';
    if (quiet) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('error', (error) => {
      children.delete(child);
      resolve({ label, code: 1, output: `${output}${label}: could not start: ${error.message}\n` });
    });
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ label, code: code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1), output });
    });
  });
}

// The typecheck and lint keep what they learnt in node_modules/.cache, so a second run checks only
// what changed (ESLint's rules here read one file at a time; tsc's build info tracks every input).
// They run beside the tests: the test run leaves a core idle while tests wait on timers and while
// its workers start, and neither check changes what the tests run (Playwright does not typecheck).
const checks =
  tier === 'rest'
    ? []
    : [
        run('typecheck (tsc --noEmit)', binOf('typescript', 'tsc'), ['--noEmit', '--incremental', '--tsBuildInfoFile', join(CACHE, 'tsc.tsbuildinfo')], { quiet: true }),
        run('lint (eslint)', binOf('eslint', 'eslint'), ['.', '--max-warnings', '0', '--cache', '--cache-location', join(CACHE, 'eslint')], { quiet: true }),
      ];
const tests = await run('playwright test', binOf('@playwright/test', 'playwright'), ['test', ...playwrightArgs], { env: { ...process.env, HARNESS_TEST_TIER: tier } });
const checked = await Promise.all(checks);
for (const { label, code, output } of checked) {
  const verdict = code === 0 ? 'passed' : code === 130 || code === 143 ? `interrupted (exit ${code})` : `FAILED (exit ${code})`;
  process.stdout.write(`${label}: ${verdict}\n`);
  if (output.trim() !== '') process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
}
const failure = [tests, ...checked].find((step) => step.code !== 0);
if (tier === 'loop' && failure === undefined && !playwrightArgs.includes('--list')) {
  process.stdout.write('\nThe loop passed. The rest of the suite runs in CI, and here with `npm run test:rest` (everything at once: `npm run test:all`).\n');
}
process.exit(failure?.code ?? 0);
