#!/usr/bin/env node
/**
 * node action/browser-missing.mjs HARNESS_DIR: used by action.yml to decide whether to download a
 * browser. Prints `missing` when Playwright's own Chromium for the Playwright version the installed
 * harness runs is not on this machine (then the action installs it), `present` when it is (restored
 * from the cache or installed earlier in the job). CHROMIUM_PATH is the action's own business.
 * Resolves playwright-core from the harness's install, so the answer is for the version it launches.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const harness = process.argv[2];
if (!harness) {
  process.stderr.write('usage: node action/browser-missing.mjs HARNESS_DIR\n');
  process.exit(2);
}
const require = createRequire(join(harness, 'package.json'));
const { chromium } = require('playwright-core');
let executable;
try {
  executable = chromium.executablePath();
} catch {
  // Playwright cannot say where its Chromium would be (an unsupported platform): let the install try.
  executable = undefined;
}
const present = executable !== undefined && existsSync(executable);
process.stderr.write(`Playwright's Chromium ${present ? 'found' : 'not found'} at ${executable ?? '(unknown on this platform)'}\n`);
process.stdout.write(present ? 'present\n' : 'missing\n');
