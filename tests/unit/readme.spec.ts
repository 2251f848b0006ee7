/**
 * README.md as the front door: short, with a table of contents that matches its headings, the two
 * commands a fresh clone runs, links into docs/ that resolve, and a configuration reference in
 * docs/ that names every variable of .env.example. The docs say nothing that goes stale by itself:
 * no issue numbers, no test counts, no pointers to design notes outside the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test, expect } from '../../fixtures/index.js';

const README = readFileSync('README.md', 'utf8');
const DOCS = readdirSync('docs').filter((file) => file.endsWith('.md'));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to "-". */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');

test.describe('README and docs/', () => {
  test('the README is at most 300 lines, opens with a table of contents of its own sections', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(300);
    const headings = [...README.matchAll(/^## (.+)$/gm)].map((m) => anchorOf(m[1] ?? ''));
    const contents = [...README.slice(0, README.indexOf('\n## ')).matchAll(/^- \[[^\]]+\]\(#([\w-]+)\)$/gm)].map((m) => m[1]);
    expect(contents).toEqual(headings);
  });

  test('the two commands from a fresh clone: a printed code, then a passing test run', () => {
    expect(README).toContain('npm run setup && npm run get-code');
    expect(README).toMatch(/^npm test\s/m);
    const ci = readFileSync('.ci/run', 'utf8');
    expect(ci).toContain('npm run setup');
    expect(ci).toContain('npm test');
  });

  test('every link into docs/ resolves, headings included', () => {
    const links = [...README.matchAll(/\]\((docs\/[\w.-]+\.md)(?:#([\w-]+))?\)/g)].map((m) => ({ file: m[1] ?? '', anchor: m[2] }));
    expect(links.length).toBeGreaterThan(5);
    for (const file of ['get-code', 'health-check', 'stage-and-ci', 'configuration', 'troubleshooting', 'development']) expect(links.map((l) => l.file)).toContain(`docs/${file}.md`);
    const present = links;
    expect(present.filter((l) => !existsSync(l.file)).map((l) => l.file)).toEqual([]);
    for (const { file, anchor } of present.filter((l): l is { file: string; anchor: string } => l.anchor !== undefined)) {
      const anchors = [...readFileSync(file, 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1] ?? ''));
      expect(anchors, `${file}#${anchor}`).toContain(anchor);
    }
  });

  test('docs/configuration.md names every variable of .env.example', () => {
    const variables = [...readFileSync('.env.example', 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1] ?? '');
    expect(variables.length).toBeGreaterThan(20);
    const reference = readFileSync('docs/configuration.md', 'utf8');
    expect(variables.filter((name) => !reference.includes(`\`${name}\``))).toEqual([]);
  });

  test('the README points to the monitoring kit by path', () => {
    for (const path of ['monitoring/prometheus/login-health.rules.yml', 'monitoring/prometheus/login-health.rules.test.yml', 'monitoring/grafana/login-health.dashboard.json']) {
      expect(README).toContain(path);
      expect(existsSync(path), path).toBe(true);
    }
  });

  test('nothing that goes stale by itself: no issue numbers, no test counts, no design notes from outside', () => {
    for (const file of ['README.md', ...DOCS.map((doc) => `docs/${doc}`)]) {
      const text = readFileSync(file, 'utf8');
      expect(text.match(/\bissues? #?\d+\b/gi) ?? [], file).toEqual([]);
      expect(text.match(/\b\d{2,} (?:tests|e2e tests|specs)\b/gi) ?? [], file).toEqual([]);
      expect(text, file).not.toContain('DESIGN.md');
    }
  });
});
