#!/usr/bin/env node
/**
 * npm run report: the Allure HTML report from allure-results/ into allure-report/, replacing the
 * previous report (Allure writes into the folder it finds, so files of an older report would stay
 * beside the new one), with the history from allure-history/ (allurerc.mjs) so trends show.
 * Runs in the current directory; no shell, so the same on Windows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const results = resolve('allure-results');
const report = resolve('allure-report');
if (!existsSync(results)) {
  process.stderr.write('report: no allure-results/ here; run the tests first (npm test)\n');
  process.exit(2);
}
rmSync(report, { recursive: true, force: true });
// allure exports no package.json; its CLI sits at the package root, where npm installs it.
const allure = join(ROOT, 'node_modules', 'allure', 'cli.js');
const result = spawnSync(process.execPath, [allure, 'generate', results, '-o', report, '--config', join(ROOT, 'allurerc.mjs')], { stdio: ['ignore', process.stderr, 'inherit'] });
process.exit(result.status ?? 1);
