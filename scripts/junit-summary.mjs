#!/usr/bin/env node
/**
 * node scripts/junit-summary.mjs [reports/junit.xml]: the GitHub job summary (Markdown on stdout, for
 * `>> "$GITHUB_STEP_SUMMARY"`) from Playwright's JUnit file: the totals, and each failed test by
 * project, file and title, so a red run says what failed without opening the log or an artifact.
 * Failure messages are left out on purpose: the summary is public to everyone who can read the run,
 * and titles are the one part of the file that never carries what a test saw.
 * Plain Node, no dependencies: it runs in CI before or without a build. Exit 0 also without a file
 * (the summary then says the tests did not run), 2 for a file that is not Playwright's JUnit XML.
 */
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** An XML attribute's text, entities resolved. */
function unescapeXml(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity) => {
    if (entity[0] !== '#') return ENTITIES[entity.toLowerCase()] ?? whole;
    const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    return Number.isSafeInteger(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function attributes(tag) {
  const found = {};
  for (const match of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) found[match[1]] = unescapeXml(match[2]);
  return found;
}

/** Text safe in a Markdown table cell: no cell break, no HTML. */
function cell(text) {
  return text.replace(/\s+/g, ' ').replace(/[\\|`*_[\]<>]/g, (c) => `\\${c}`).trim();
}

/** Totals and failed tests of a Playwright JUnit document. */
export function readJunit(xml) {
  const root = /<testsuites\b[^>]*>/.exec(xml);
  if (!root) throw new Error('no <testsuites> element: not a Playwright JUnit file');
  const totals = attributes(root[0]);
  const count = (name) => Number(totals[name] ?? 0) || 0;
  const failed = [];
  // Each suite (one per spec file and project) holds its test cases; a failed case has a <failure>
  // or <error> child before its closing tag.
  for (const suite of xml.matchAll(/<testsuite\b([^>]*)>([\s\S]*?)<\/testsuite>/g)) {
    const suiteAttributes = attributes(suite[1]);
    for (const testcase of suite[2].matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
      if (!/<(failure|error)\b/.test(testcase[2] ?? '')) continue;
      const { name = '', classname = '' } = attributes(testcase[1]);
      failed.push({ project: suiteAttributes.hostname ?? '', file: classname || (suiteAttributes.name ?? ''), title: name });
    }
  }
  const tests = count('tests');
  const skipped = count('skipped');
  const failures = count('failures') + count('errors');
  return { tests, passed: Math.max(0, tests - skipped - failures), failures, skipped, seconds: Number(totals.time ?? 0) || 0, failed };
}

/** The job summary's Markdown. */
export function summarize(result) {
  const lines = ['## Tests', ''];
  const verdict = result.failures > 0 ? `**${result.failures} failed**` : 'all passed';
  lines.push(`${verdict}: ${result.passed} passed, ${result.failures} failed, ${result.skipped} skipped of ${result.tests} in ${Math.round(result.seconds)} s.`);
  if (result.failed.length > 0) {
    lines.push('', '| project | file | test |', '|---|---|---|');
    for (const test of result.failed) lines.push(`| ${cell(test.project)} | ${cell(test.file)} | ${cell(test.title)} |`);
    lines.push('', 'Errors, traces and screenshots: the HTML report in the run\'s test-results artifact.');
  }
  return `${lines.join('\n')}\n`;
}

function main(file = 'reports/junit.xml') {
  if (!existsSync(file)) {
    process.stdout.write(`## Tests\n\nNo JUnit file at ${cell(file)}: the tests did not run, or stopped before reporting. See the job's log.\n`);
    return 0;
  }
  try {
    process.stdout.write(summarize(readJunit(readFileSync(file, 'utf8'))));
    return 0;
  } catch (error) {
    process.stderr.write(`junit-summary: ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv[2]);
