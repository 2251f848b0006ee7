/**
 * `npm run report`: the Allure 3 HTML report from allure-results. Runs the script's own command line
 * in a scratch directory holding one result, so the check neither reads nor overwrites the
 * developer's (or a concurrent run's) allure-results and allure-report.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from '../../fixtures/index.js';

const ROOT = resolve(import.meta.dirname, '../..');

function oneResult(dir: string): void {
  const now = Date.now();
  const step = (name: string, offset: number) => ({ name, status: 'passed', stage: 'finished', start: now + offset, stop: now + offset + 1, steps: [], attachments: [], parameters: [] });
  const uuid = randomUUID();
  writeFileSync(
    join(dir, `${uuid}-result.json`),
    JSON.stringify({
      uuid,
      historyId: 'report-check',
      testCaseId: 'report-check',
      name: 'signs in and captures a code',
      fullName: 'e2e/login.spec.ts#signs in and captures a code',
      status: 'passed',
      stage: 'finished',
      start: now,
      stop: now + 10,
      steps: [step('Open login screen', 0), step('Sign in', 2), step('Capture callback', 4)],
      attachments: [],
      parameters: [],
      links: [],
      labels: [{ name: 'tag', value: 'smoke' }],
    }),
  );
  writeFileSync(join(dir, 'environment.properties'), 'target=embedded local server\nclient_id=local-test-client\nlogin_ui=classic\n');
}

const SCRIPT = 'node scripts/report.mjs';

/** `npm run report`'s command, run in `dir` (the script works on the current directory). */
async function runReport(dir: string): Promise<void> {
  const command = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['report'];
  expect(command).toBe(SCRIPT);
  await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'report.mjs')], { cwd: dir, timeout: 60_000 });
}

test('npm run report builds the HTML report with the steps and environment', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'harness-report-'));
  try {
    mkdirSync(join(scratch, 'allure-results'));
    oneResult(join(scratch, 'allure-results'));
    await runReport(scratch);

    const report = join(scratch, 'allure-report');
    expect(existsSync(join(report, 'index.html'))).toBe(true);
    const resultsDir = join(report, 'data', 'test-results');
    const results = readdirSync(resultsDir).map((name) => readFileSync(join(resultsDir, name), 'utf8'));
    expect(results).toHaveLength(1);
    expect(results[0]).toContain('Capture callback');
    expect(readFileSync(join(report, 'widgets', 'allure_environment.json'), 'utf8')).toContain('embedded local server');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('npm run report twice leaves exactly one report, and the history grows by one entry per report', async () => {
  // Two report builds of about 10 s each on a loaded machine.
  test.setTimeout(90_000);
  const scratch = mkdtempSync(join(tmpdir(), 'harness-report-'));
  try {
    mkdirSync(join(scratch, 'allure-results'));
    oneResult(join(scratch, 'allure-results'));
    await runReport(scratch);
    // A file only an older report had: generating again must not leave it beside the new one.
    writeFileSync(join(scratch, 'allure-report', 'left-from-an-older-report.js'), '');
    await runReport(scratch);
    expect(existsSync(join(scratch, 'allure-report', 'left-from-an-older-report.js'))).toBe(false);
    expect(existsSync(join(scratch, 'allure-report', 'index.html'))).toBe(true);
    expect(readdirSync(join(scratch, 'allure-report', 'data', 'test-results'))).toHaveLength(1);
    const history = readFileSync(join(scratch, 'allure-history', 'history.jsonl'), 'utf8').trim().split('\n');
    expect(history).toHaveLength(2);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
