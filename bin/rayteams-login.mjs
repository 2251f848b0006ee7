#!/usr/bin/env node
/**
 * rayteams-login <command> [options]: the package's one command, and what every npm script runs
 * (`npm run get-code` is `node -- bin/rayteams-login.mjs get-code`: the `--` keeps Node 20 from
 * reading the command's `--env-file` as its own). It loads only the chosen command from dist/, so
 * get-code never pays for the health check, the artifact scanner or Allure.
 */
import { existsSync, readFileSync } from 'node:fs';
import module from 'node:module';

const COMMANDS = {
  'get-code': 'sign in and print a fresh authorization code',
  'health-check': 'sign in once and report healthy, degraded or failed',
  'mock-server': 'serve the local RayTeams-compatible login service',
  'scan-artifacts': 'look for secrets in reports, traces and results',
};

const USAGE = `Usage: rayteams-login <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, what]) => `  ${name.padEnd(16)}${what}`)
  .join('\n')}

Every command takes --help and --version. Browser set-up: npx playwright install chromium
(or set CHROMIUM_PATH); see the README.`;

const [command, ...rest] = process.argv.slice(2);
if (command === '--version' || command === '-v' || (command in COMMANDS && rest.includes('--version'))) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
  process.exit(0);
}
if (command === undefined || command === '--help' || command === '-h') {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!Object.hasOwn(COMMANDS, command)) {
  process.stderr.write(`rayteams-login: unknown command "${command}"\n\n${USAGE}\n`);
  process.exit(2);
}

// A source checkout (the build script is beside us) rebuilds dist/ when a source changed; an
// installed package has no sources and runs dist/ as packed.
const buildScript = new URL('../scripts/build.mjs', import.meta.url);
// Source maps stay off: with them on, Node maps every stack Playwright captures (one per browser
// call), about 0.1 s of CPU per run. For stack traces into the TypeScript sources, run a command
// with NODE_OPTIONS=--enable-source-maps (a source checkout has the maps; the package ships none).
if (existsSync(buildScript)) await (await import(buildScript.href)).ensureBuild();
// Node 22.1+ keeps compiled code between runs (Playwright's bundles are most of a command's start);
// Node 20 has no such cache and goes without.
module.enableCompileCache?.();
// The command reads its own flags from process.argv.slice(2), as when started directly.
process.argv.splice(2, 1);
await import(new URL(`../dist/commands/${command}.js`, import.meta.url).href);
