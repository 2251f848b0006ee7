#!/usr/bin/env node
/**
 * The one build: dist/ holds compiled ESM JavaScript (esbuild, packages external) for the library
 * entry and the four commands, and with `--types` the .d.ts files (tsc). The npm scripts, the `bin`
 * and the packed tarball all run this same dist/.
 *
 * Nothing can run stale code: dist/.fingerprint records the sources it was built from (path, size
 * and mtime of every file under lib/, pages/, scripts/, mock-server/ plus package.json and
 * tsconfig.json). bin/rayteams-login.mjs calls ensureBuild() before every start in a source checkout,
 * so an edit rebuilds the JavaScript (about 50 ms) on the next run. An installed package ships no
 * sources and no build script, and runs its dist/ as packed.
 *
 *   node scripts/build.mjs           JavaScript (and dist/cloudscape/, scripts/build-cloudscape.mjs), when stale
 *   node scripts/build.mjs --types   JavaScript when stale, and the .d.ts files
 *   node scripts/build.mjs --clean --types   from scratch (prepare, so `npm pack` never packs a chunk
 *                                    or type file of an older build)
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCloudscapeBundle } from './build-cloudscape.mjs';
import { ensureRecogniserBundle } from './recogniser-bundle.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
/** The library entry (and npm run setup's browser step) in dist/ -> its source. */
export const LIBRARY_ENTRIES = {
  // lib/index.ts's API with the embedded server registered (lib/ itself never imports the mock)
  index: 'scripts/library-entry.ts',
  // npm run setup's browser step (scripts/setup.mjs runs it once the dependencies are installed)
  setup: 'scripts/setup-browser.ts',
};
/** The commands the bin runs, in dist/ -> their sources. */
export const COMMAND_ENTRIES = {
  'commands/get-code': 'scripts/get-code.ts',
  'commands/health-check': 'scripts/health-check.ts',
  'commands/mock-server': 'scripts/mock-server.ts',
  'commands/scan-artifacts': 'scripts/scan-artifacts.ts',
};
export const ENTRIES = { ...LIBRARY_ENTRIES, ...COMMAND_ENTRIES };
/**
 * What the commands leave to node_modules. Playwright finds its browsers and its driver relative to
 * its own package, and is what a pipeline may already have; everything else a command uses (zod,
 * dotenv, otpauth, ...) is bundled into it. Start-up is the reason (issue 12): under Node 20 each ES
 * module costs a file read, a resolution and a compile of its own, and zod alone is some twenty of
 * them. The library entry keeps every package external, so a consumer's own copies are shared.
 */
const COMMAND_EXTERNALS = ['playwright-core', 'playwright-core/*', '@playwright/test', 'playwright', 'playwright/*', 'esbuild'];
/**
 * Bundled CommonJS packages (dotenv) call require() for Node's own modules, which an ES module lacks:
 * every command chunk gets one, made the documented way.
 */
/**
 * zod's namespace (`z`) reaches its forty message translations, a third of the command bundle that
 * every start parses. The harness's messages are English (zod's default locale, set by zod itself
 * from en.js): the commands get zod with `locales` holding English alone. The library entry leaves
 * zod whole, in node_modules.
 */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core|mini)$/.test(args.resolveDir) ? { path: join(args.resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-english' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, loader: 'js', resolveDir: dirname(args.path) }));
  },
};
const REQUIRE_SHIM = "import { createRequire as __harnessCreateRequire } from 'node:module'; const require = __harnessCreateRequire(import.meta.url);";
const SOURCE_DIRS = ['lib', 'pages', 'scripts', 'mock-server'];
const FINGERPRINT = join(DIST, '.fingerprint');
/** Chunks of older builds are removed once this old: a process still running from one has long loaded them. */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

/** Rebuilds dist/'s JavaScript when any source changed since the last build; returns whether it did. */
export async function ensureBuild({ clean = false } = {}) {
  // The in-page recogniser first: its generated module is one of the sources fingerprinted below.
  await ensureRecogniserBundle();
  const wanted = fingerprint();
  if (clean) rmSync(DIST, { recursive: true, force: true });
  // The Cloudscape view's browser bundle keeps its own fingerprint: it is rebuilt only when its sources change.
  const bundled = await ensureCloudscapeBundle(ROOT, { clean });
  if (!clean && existsSync(FINGERPRINT) && readFileSync(FINGERPRINT, 'utf8') === wanted) return bundled;
  await buildJavaScript(wanted);
  return true;
}

async function buildJavaScript(wanted) {
  const { build } = await import('esbuild');
  // Built aside, then moved in file by file (chunks first, entries, the fingerprint last): a command
  // running from dist/ while another process rebuilds it never reads a half-written file.
  const staging = join(DIST, `.staging-${process.pid}-${Date.now()}`);
  try {
    const shared = {
      absWorkingDir: ROOT,
      outdir: staging,
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'error',
    };
    const results = await Promise.all([
      build({ ...shared, entryPoints: LIBRARY_ENTRIES, packages: 'external' }),
      build({ ...shared, entryPoints: COMMAND_ENTRIES, external: COMMAND_EXTERNALS, banner: { js: REQUIRE_SHIM }, plugins: [englishOnlyZod] }),
    ]);
    const result = { metafile: { outputs: Object.assign({}, ...results.map((r) => r.metafile.outputs)) } };
    const outputs = Object.keys(result.metafile.outputs).map((file) => relative(staging, resolve(ROOT, file)));
    const chunksFirst = [...outputs].sort((a, b) => Number(!a.startsWith('chunks')) - Number(!b.startsWith('chunks')));
    for (const file of chunksFirst) {
      mkdirSync(dirname(join(DIST, file)), { recursive: true });
      renameSync(join(staging, file), join(DIST, file));
    }
    writeFileSync(`${FINGERPRINT}.${process.pid}`, wanted);
    renameSync(`${FINGERPRINT}.${process.pid}`, FINGERPRINT);
    pruneOldChunks(new Set(outputs));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** .d.ts for the library entry, next to the JavaScript: dist/types/lib/index.d.ts. */
export function buildTypes() {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Changes whenever a source file is added, removed or modified. */
export function fingerprint() {
  const hash = createHash('sha256');
  // The lock file too: the commands bundle their dependencies, so an upgrade must rebuild them.
  for (const file of ['package.json', 'package-lock.json', 'tsconfig.json']) if (existsSync(join(ROOT, file))) addFile(hash, join(ROOT, file));
  for (const dir of SOURCE_DIRS) walk(join(ROOT, dir), (file) => addFile(hash, file));
  return hash.digest('hex').slice(0, 16);
}

function addFile(hash, file) {
  const stat = statSync(file);
  hash.update(`${relative(ROOT, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
}

function walk(dir, visit) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else if (/\.(ts|mts|mjs|js|json)$/.test(entry.name)) visit(path);
  }
}

function pruneOldChunks(current) {
  try {
    const chunks = join(DIST, 'chunks');
    for (const name of readdirSync(chunks)) {
      const path = join(chunks, name);
      if (!current.has(join('chunks', name)) && Date.now() - statSync(path).mtimeMs > PRUNE_AFTER_MS) rmSync(path, { force: true });
    }
  } catch {
    // Pruning is housekeeping; a failure must not stop the command.
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const rebuilt = await ensureBuild({ clean: process.argv.includes('--clean') });
  if (process.argv.includes('--types')) buildTypes();
  process.stderr.write(`build: dist/ ${rebuilt ? 'rebuilt' : 'up to date'}${process.argv.includes('--types') ? ' with types' : ''} (${Math.round(performance.now() - started)} ms)\n`);
}
