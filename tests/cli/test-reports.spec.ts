/**
 * What a test run leaves for reports, checked in a copy of this checkout (so the suite's own
 * allure-results/ is untouched): `--list` writes no results, a real run first empties
 * allure-results/, and the Playwright HTML report is written locally too.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { cleanEnv, run } from './run-cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', 'dist', '.git', 'test-results', 'playwright-report', 'allure-results', 'allure-report', 'allure-history', 'reports', 'health-artifacts']);

test('--list writes no Allure results; a run starts from empty results and writes the HTML report', async () => {
  test.setTimeout(120_000);
  const copy = mkdtempSync(join(tmpdir(), 'harness-reports-'));
  try {
    cpSync(ROOT, copy, { recursive: true, filter: (path) => !SKIP.has(relative(ROOT, path).split(/[\\/]/)[0] ?? '') });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'junction');
    const playwright = (args: string[]) => run(process.execPath, [join(copy, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...args], cleanEnv({ CI: '' }), 90_000, copy);

    const listed = await playwright(['--list']);
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/Total: \d+ tests? in \d+ files?/);
    const results = join(copy, 'allure-results');
    expect(existsSync(results) ? readdirSync(results) : []).toEqual([]);
    expect(existsSync(join(copy, 'playwright-report'))).toBe(false);

    mkdirSync(results, { recursive: true });
    writeFileSync(join(results, 'from-an-earlier-run-result.json'), '{}');
    const ran = await playwright(['tests/unit/browser.spec.ts', '--project', 'unit', '--workers', '1']);
    expect(ran.exitCode, ran.stdout + ran.stderr).toBe(0);
    const written = readdirSync(results);
    expect(written).not.toContain('from-an-earlier-run-result.json');
    const tests = written.filter((name) => name.endsWith('-result.json')).map((name) => (JSON.parse(readFileSync(join(results, name), 'utf8')) as { status: string }).status);
    expect(tests.length).toBeGreaterThan(0);
    expect(tests.every((status) => status === 'passed')).toBe(true);
    expect(existsSync(join(copy, 'playwright-report', 'index.html'))).toBe(true);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
