/**
 * `npm run report`: the Allure 3 HTML report from allure-results. Runs the script's own command line
 * in a scratch directory holding one result, so the check neither reads nor overwrites the
 * developer's (or a concurrent run's) allure-results and allure-report.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from '../../fixtures/index.js';
import { cleanEnv } from './run-cli.js';

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

test('npm run report builds the HTML report with the steps and environment', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'harness-report-'));
  try {
    mkdirSync(join(scratch, 'allure-results'));
    oneResult(join(scratch, 'allure-results'));
    const command = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['report'];
    expect(command).toMatch(/allure/);

    await promisify(execFile)('sh', ['-c', command ?? 'false'], {
      cwd: scratch,
      env: { ...cleanEnv(), PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${cleanEnv().PATH ?? ''}` },
      timeout: 30_000,
    });

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
