#!/usr/bin/env node
/**
 * Starts a command (`node scripts/run.mjs get-code --format json`) from a prebuilt bundle instead of
 * through tsx: tsx resolves and transforms each of the harness's ~60 TypeScript modules at every
 * start, about 0.5 s and 0.7 CPU-seconds per process, which pipelines calling get-code pay each time.
 *
 * esbuild bundles the commands' own code (lib/, pages/, mock-server/, scripts/; packages stay
 * external) in about 50 ms, into node_modules/.cache, keyed by a fingerprint of the sources: an edit
 * to any of them makes the next start rebuild, so the bundle is never stale.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The commands with an npm script that starts them here. */
const COMMANDS = ['get-code', 'health-check', 'mock-server', 'scan-artifacts'];
const SOURCE_DIRS = ['lib', 'pages', 'scripts', 'mock-server'];
const CACHE = join(ROOT, 'node_modules', '.cache', 'login-harness');
/** Older builds are removed once this old; a process still running from one has long loaded it. */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

const command = process.argv[2];
if (!command || !COMMANDS.includes(command)) {
  process.stderr.write(`usage: node scripts/run.mjs <${COMMANDS.join('|')}> [options]\n`);
  process.exit(2);
}

const build = await ensureBuild();
// The command reads its own flags from process.argv.slice(2), as when started directly.
process.argv.splice(2, 1);
process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(build, `${command}.mjs`)).href);

async function ensureBuild() {
  const dir = join(CACHE, fingerprint());
  if (existsSync(join(dir, 'complete'))) return dir;
  const { build } = await import('esbuild');
  const staging = `${dir}.${process.pid}.tmp`;
  await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(COMMANDS.map((name) => [name, `scripts/${name}.ts`])),
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
  });
  mkdirSync(join(staging, 'complete'));
  try {
    renameSync(staging, dir);
  } catch {
    // Another process finished the same build first: use theirs.
    rmSync(staging, { recursive: true, force: true });
  }
  pruneOldBuilds(dir);
  return dir;
}

/** Changes whenever a source file is added, removed or modified (path, size and mtime of each). */
function fingerprint() {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'tsconfig.json']) addFile(hash, join(ROOT, file));
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
    else if (/\.(ts|mjs|js|json)$/.test(entry.name)) visit(path);
  }
}

function pruneOldBuilds(keep) {
  try {
    for (const entry of readdirSync(CACHE)) {
      const path = join(CACHE, entry);
      if (path !== keep && Date.now() - statSync(path).mtimeMs > PRUNE_AFTER_MS) rmSync(path, { recursive: true, force: true });
    }
  } catch {
    // Pruning is housekeeping; a failure must not stop the command.
  }
}
