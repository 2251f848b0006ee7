/**
 * scripts/junit-summary.mjs, the CI job summary: run as CI runs it on a JUnit file Playwright wrote
 * (one passed, one failed, one skipped test; titles with Markdown and HTML characters).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';

// Written by Playwright's junit reporter (trimmed of its timestamps); the failure's message carries a
// value the summary must not repeat.
const JUNIT = `<testsuites id="" name="" tests="4" failures="1" skipped="1" errors="1" time="12.6">
<testsuite name="a.spec.ts" hostname="unit" tests="3" failures="1" skipped="1" time="0.022" errors="0">
<testcase name="group &lt;x&gt; | y › passes" classname="a.spec.ts" time="0.011">
</testcase>
<testcase name="group &lt;x&gt; | y › fails &amp; &quot;quotes&quot;" classname="a.spec.ts" time="0.011">
<failure message="secret=abc" type="expect.toBe">
<![CDATA[  [unit] › a.spec.ts:4:3 › group <x> | y › fails & "quotes"
    Error: secret=abc
]]>
</failure>
</testcase>
<testcase name="group &lt;x&gt; | y › skipped" classname="a.spec.ts">
<skipped>
</skipped>
</testcase>
</testsuite>
<testsuite name="b.spec.ts" hostname="e2e" tests="1" failures="0" skipped="0" time="0.1" errors="1">
<testcase name="crashes" classname="b.spec.ts" time="0.1">
<error message="worker exited" type="error"></error>
</testcase>
</testsuite>
</testsuites>`;

function summary(file: string | undefined) {
  const run = spawnSync(process.execPath, ['scripts/junit-summary.mjs', ...(file ? [file] : [])], { encoding: 'utf8', cwd: process.cwd() });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function write(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'junit-summary-')), 'junit.xml');
  writeFileSync(file, text);
  return file;
}

test.describe('junit-summary', () => {
  test('totals and one table row per failed or errored test, escaped for Markdown, without failure messages', () => {
    const run = summary(write(JUNIT));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('**2 failed**: 1 passed, 2 failed, 1 skipped of 4 in 13 s.');
    const rows = run.stdout.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| project'));
    expect(rows).toEqual(['| unit | a.spec.ts | group \\<x\\> \\| y › fails & "quotes" |', '| e2e | b.spec.ts | crashes |']);
    expect(run.stdout).not.toContain('secret=abc');
    expect(run.stdout).not.toContain('worker exited');
  });

  test('a green run says so, with no table', () => {
    const green = JUNIT.replace(/<failure[\s\S]*?<\/failure>/, '').replace('<error message="worker exited" type="error"></error>', '').replace('failures="1" skipped="1" errors="1" time="12.6"', 'failures="0" skipped="1" errors="0" time="12.6"');
    const run = summary(write(green));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('all passed: 3 passed, 0 failed, 1 skipped of 4');
    expect(run.stdout).not.toContain('| project');
  });

  test('no JUnit file: the summary says the tests did not run; a file that is not JUnit exits 2', () => {
    const missing = summary(join(tmpdir(), 'no-such-dir', 'junit.xml'));
    expect(missing.status).toBe(0);
    expect(missing.stdout).toContain('No JUnit file at');
    const broken = summary(write('<html>not junit</html>'));
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('not a Playwright JUnit file');
  });
});
