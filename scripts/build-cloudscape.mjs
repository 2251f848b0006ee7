/**
 * The Cloudscape managed-login view's browser bundle, built into dist/cloudscape/ (see
 * docs/mock-server-cloudscape.md): login.js and login.css (React, Cloudscape and the app, minified)
 * and manifest.json with the first steps pre-rendered by react-dom/server. The embedded server
 * serves these as static files; it never loads React itself.
 *
 * It has its own fingerprint (its sources and the lock file): an edit elsewhere does not rebuild it,
 * and the bin's ensureBuild() finds it current in a few milliseconds.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const SOURCE_DIR = join('mock-server', 'cloudscape');
const OUT_DIR = join('dist', 'cloudscape');

/** Rebuilds dist/cloudscape/ when its sources or the dependencies changed; returns whether it did. */
export async function ensureCloudscapeBundle(root, { clean = false } = {}) {
  const out = join(root, OUT_DIR);
  const stamp = join(out, '.fingerprint');
  const wanted = fingerprint(root);
  if (!clean && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return false;
  const staging = join(root, 'dist', `.cloudscape-${process.pid}-${Date.now()}`);
  mkdirSync(staging, { recursive: true });
  try {
    const { version } = await bundleForBrowser(root, staging);
    const templates = await prerender(root, staging);
    writeFileSync(join(staging, 'manifest.json'), JSON.stringify({ version, script: 'login.js', style: 'login.css', templates }));
    writeFileSync(join(staging, '.fingerprint'), wanted);
    rmSync(join(staging, 'prerender.cjs'), { force: true });
    // Swapped in whole: a server reading the old bundle keeps what it already loaded.
    rmSync(out, { recursive: true, force: true });
    try {
      renameSync(staging, out);
    } catch (error) {
      // Another process (a parallel test worker) swapped in the same build first.
      if (!(existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return true;
}

function shared(root) {
  return {
    absWorkingDir: root,
    bundle: true,
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
  };
}

async function bundleForBrowser(root, staging) {
  const { build } = await import('esbuild');
  const result = await build({
    ...shared(root),
    entryPoints: { login: join(SOURCE_DIR, 'browser.ts') },
    outdir: staging,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    metafile: true,
    plugins: [usedComponentsOnly(), usedComponentMessagesOnly(root)],
  });
  const hash = createHash('sha256');
  for (const file of Object.keys(result.metafile.outputs).sort()) hash.update(readFileSync(join(root, file)));
  return { version: hash.digest('hex').slice(0, 12) };
}

/** Server-side rendering at build time: a CommonJS bundle (React is CommonJS), stylesheets left out. */
async function prerender(root, staging) {
  const { build } = await import('esbuild');
  const outfile = join(staging, 'prerender.cjs');
  await build({
    ...shared(root),
    minify: false,
    entryPoints: [join(SOURCE_DIR, 'prerender.ts')],
    outfile,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    loader: { '.css': 'empty' },
    plugins: [usedComponentsOnly()],
  });
  const { renderTemplates } = createRequire(import.meta.url)(outfile);
  return renderTemplates();
}

/** The languages managed login offers (Cloudscape's locale names). */
const LOCALES = ['de', 'en', 'es', 'fr', 'id', 'it', 'ja', 'ko', 'pt-BR', 'zh-CN', 'zh-TW'];
/** The components the login screens import (by name, from the package's root) and those they draw inside. */
const IMPORTED_COMPONENTS = ['box', 'button', 'container', 'form', 'form-field', 'header', 'input', 'link', 'skeleton', 'space-between', 'spinner', 'tiles'];
const USED_COMPONENTS = new Set([...IMPORTED_COMPONENTS, 'alert']);

/**
 * The app imports components by name from the package's root, as Cloudscape's docs do and as its
 * typings describe correctly. The root module imports every component, and every component's
 * stylesheet would land in login.css (esbuild keeps imported CSS even of unused modules): the root is
 * replaced by a module that re-exports the used components from their own entry points.
 */
function usedComponentsOnly() {
  const pascal = (name) => name.replace(/(^|-)([a-z])/g, (_, __, letter) => letter.toUpperCase());
  return {
    name: 'used-components-only',
    setup(build) {
      build.onResolve({ filter: /^@cloudscape-design\/components$/ }, (args) => ({ path: args.path, namespace: 'cloudscape-login', pluginData: args.resolveDir }));
      build.onLoad({ filter: /^@cloudscape-design\/components$/, namespace: 'cloudscape-login' }, (args) => ({
        contents: IMPORTED_COMPONENTS.map((name) => `export { default as ${pascal(name)} } from '@cloudscape-design/components/${name}';`).join('\n'),
        loader: 'js',
        resolveDir: args.pluginData,
      }));
    },
  };
}

/**
 * `cloudscape-login:component-messages`: Cloudscape's messages in LOCALES. Its message files hold
 * every component's messages (about 50 kB a language): only USED_COMPONENTS are kept.
 */
function usedComponentMessagesOnly(root) {
  return {
    name: 'used-component-messages-only',
    setup(build) {
      build.onResolve({ filter: /^cloudscape-login:component-messages$/ }, (args) => ({ path: args.path, namespace: 'cloudscape-login' }));
      build.onLoad({ filter: /^cloudscape-login:component-messages$/, namespace: 'cloudscape-login' }, () => {
        const messages = LOCALES.map((locale) => {
          const file = join(root, 'node_modules', '@cloudscape-design', 'components', 'i18n', 'messages', `all.${locale}.json`);
          const all = JSON.parse(readFileSync(file, 'utf8'));
          for (const byLocale of Object.values(all)) {
            for (const [name, components] of Object.entries(byLocale)) {
              byLocale[name] = Object.fromEntries(Object.entries(components).filter(([component]) => USED_COMPONENTS.has(component)));
            }
          }
          return all;
        });
        return { contents: `export default ${JSON.stringify(messages)};`, loader: 'js' };
      });
    },
  };
}

function fingerprint(root) {
  const hash = createHash('sha256');
  const files = ['package-lock.json', 'scripts/build-cloudscape.mjs'].map((file) => join(root, file));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(join(root, SOURCE_DIR));
  for (const file of files) {
    if (!existsSync(file)) continue;
    const stat = statSync(file);
    hash.update(`${relative(root, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}
