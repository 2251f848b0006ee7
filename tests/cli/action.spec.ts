/**
 * action.yml, the composite GitHub Action: checked against a schema of what Actions accepts, then
 * its own `run` steps executed here as a runner would (bash, a fresh $GITHUB_OUTPUT per step, the
 * `${{ }}` expressions filled in, a step's `if` on an input honoured) against the embedded server.
 * The harness is installed for real by the action's install step, from a tarball this spec packs
 * (the `package` input), without dev dependencies or a build. GitHub's own actions (the caches) are
 * not run; the browser is the one this machine has, through the `chromium-path` input.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium } from 'playwright-core';
import { parse } from 'yaml';
import { z } from 'zod';
import { test, expect } from '../../fixtures/index.js';
import { findChromium } from '../../lib/journey/browser.js';
import { UUID } from './get-code-run.js';
import { packHarness, ROOT } from './pack.js';
import { cleanEnv } from './run-cli.js';

const step = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().optional(),
    uses: z.string().regex(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/, 'actions are pinned to a full commit SHA').optional(),
    if: z.string().optional(),
    with: z.record(z.string(), z.string()).optional(),
    shell: z.literal('bash').optional(),
    'working-directory': z.string().optional(),
    env: z.record(z.string(), z.string()).optional(),
    run: z.string().optional(),
  })
  .strict()
  .refine((s) => (s.uses === undefined) !== (s.run === undefined), 'a step has either uses or run')
  .refine((s) => s.run === undefined || s.shell !== undefined, 'a composite run step needs shell');

const action = z
  .object({
    name: z.string(),
    description: z.string(),
    author: z.string().optional(),
    branding: z.object({ icon: z.string(), color: z.string() }).strict().optional(),
    inputs: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.object({ description: z.string().min(1), required: z.boolean(), default: z.string() }).strict()),
    outputs: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.object({ description: z.string().min(1), value: z.string() }).strict()),
    runs: z.object({ using: z.literal('composite'), steps: z.array(step).min(1) }).strict(),
  })
  .strict();
type Action = z.infer<typeof action>;

function loadAction(): Action {
  return action.parse(parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')));
}

/** $GITHUB_OUTPUT's `name=value` and `name<<DELIMITER` forms. */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const heredoc = /^([\w-]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] && heredoc[2]) {
      const end = lines.indexOf(heredoc[2], i + 1);
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

interface ActionRun {
  outputs: Record<string, string>;
  stdout: string;
  stderr: string;
  failed: string | undefined;
  ran: string[];
}

/** The one form of `if` the action uses: `inputs.<name> == ''`. */
function condition(expression: string, inputs: Record<string, string>): boolean {
  const match = /^inputs\.([\w-]+) == ''$/.exec(expression);
  if (!match?.[1]) throw new Error(`condition not known to this test: ${expression}`);
  return (inputs[match[1]] ?? '') === '';
}

/**
 * Runs the action's run steps with `with` inputs, as the runner does, in `runnerTemp` (kept between
 * runs, like one job's RUNNER_TEMP: the second run finds the harness installed). `path` goes first on PATH.
 */
function runAction(definition: Action, given: Record<string, string>, runnerTemp: string, path: string[] = []): ActionRun {
  const scratch = mkdtempSync(join(runnerTemp, 'step-outputs-'));
  const inputs = Object.fromEntries(Object.entries(definition.inputs).map(([name, input]) => [name, given[name] ?? input.default]));
  const steps: Record<string, Record<string, string>> = {};
  const context = (expression: string): string => {
    const [scope, name, field, output] = expression.split('.');
    if (scope === 'inputs' && name !== undefined) return inputs[name] ?? '';
    if (scope === 'github' && name === 'action_path') return ROOT;
    if (scope === 'runner' && name === 'temp') return runnerTemp;
    if (scope === 'runner' && name === 'os') return 'Linux';
    if (scope === 'steps' && name !== undefined && field === 'outputs' && output !== undefined) return steps[name]?.[output] ?? '';
    throw new Error(`expression not known to this test: ${expression}`);
  };
  const evaluate = (text: string) => text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => context(expression));
  let stdout = '';
  let stderr = '';
  let failed: string | undefined;
  const ran: string[] = [];
  const base = cleanEnv();
  const searchPath = [...path, base.PATH ?? ''].join(delimiter);
  try {
    for (const s of definition.runs.steps) {
      if (s.run === undefined || (s.if !== undefined && !condition(s.if, inputs))) continue;
      ran.push(s.id);
      const outputFile = join(scratch, `output-${s.id}`);
      writeFileSync(outputFile, '');
      const script = join(scratch, `${s.id}.sh`);
      writeFileSync(script, evaluate(s.run));
      const env = { ...base, PATH: searchPath, ...Object.fromEntries(Object.entries(s.env ?? {}).map(([name, value]) => [name, evaluate(value)])), GITHUB_OUTPUT: outputFile, RUNNER_TEMP: runnerTemp };
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: s['working-directory'] ? evaluate(s['working-directory']) : scratch, env, encoding: 'utf8', timeout: 180_000 });
      stdout += result.stdout;
      stderr += result.stderr;
      steps[s.id] = readOutputs(readFileSync(outputFile, 'utf8'));
      if (result.status !== 0) {
        failed = s.id;
        break;
      }
    }
    const outputs = Object.fromEntries(Object.entries(definition.outputs).map(([name, output]) => [name, evaluate(output.value)]));
    return { outputs, stdout, stderr, failed, ran };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The browser this machine has, as the caller of the action would name it (chromium-path). */
function thisMachinesBrowser(): string {
  return findChromium({ headless: true }).executablePath ?? chromium.executablePath();
}

const masked = (run: ActionRun) => run.stdout.split('\n').flatMap((line) => (line.startsWith('::add-mask::') ? [line.slice('::add-mask::'.length)] : []));

test.describe('action.yml', () => {
  test('matches the schema: inputs, outputs from the get-code step, pinned actions, shells; a broken one is refused', () => {
    const definition = loadAction();
    expect(Object.keys(definition.inputs)).toEqual(expect.arrayContaining(['base-url', 'region', 'stage', 'client-id', 'client-secret', 'redirect-uri', 'username', 'password', 'totp-secret', 'pkce', 'exchange', 'timeout', 'package', 'chromium-path']));
    expect(Object.keys(definition.outputs)).toEqual(expect.arrayContaining(['code', 'code_verifier', 'state', 'expires_at', 'access_token', 'id_token', 'refresh_token']));
    for (const output of Object.values(definition.outputs)) expect(output.value).toMatch(/^\$\{\{ steps\.get-code\.outputs\.\w+ \}\}$/);
    const ids = definition.runs.steps.map((s) => s.id);
    expect(ids).toEqual(['mask', 'versions', 'npm-cache', 'install', 'browser-cache', 'browser', 'get-code']);
    // Pinned to a commit, its release in a comment.
    for (const line of readFileSync(join(ROOT, 'action.yml'), 'utf8').split('\n').filter((l) => /^\s*uses:/.test(l))) expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    const broken = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { steps: Array<Record<string, unknown>> } };
    broken.runs.steps.push({ id: 'x', run: 'echo hi' });
    expect(() => action.parse(broken)).toThrow('needs shell');
  });

  test("leaves the caller's Node alone: no setup-node, nothing written to GITHUB_PATH or GITHUB_ENV; no dev dependencies, no build", () => {
    const definition = loadAction();
    expect(definition.runs.steps.filter((s) => s.uses?.startsWith('actions/setup-node@'))).toEqual([]);
    expect(Object.keys(definition.inputs)).not.toContain('node-version');
    const scripts = definition.runs.steps.map((s) => s.run ?? '').join('\n');
    expect(scripts).not.toMatch(/GITHUB_PATH|GITHUB_ENV/);
    const install = definition.runs.steps.find((s) => s.id === 'install');
    expect(install?.run).toContain('npm install --prefix "$PREFIX" --omit=dev');
    expect(scripts).not.toMatch(/npm ci|npm run build|scripts\/build/);
  });

  test('refuses a Node older than 20 on PATH, naming what to do', () => {
    const runnerTemp = mkdtempSync(join(tmpdir(), 'harness-action-'));
    try {
      const run = runAction(loadAction(), {}, runnerTemp, [join(ROOT, 'tests', 'cli', 'old-node')]);
      expect(run.failed).toBe('versions');
      expect(run.stdout).toContain('::error title=Node 20 or later needed::');
      expect(run.stdout).toContain('v18.19.0');
    } finally {
      rmSync(runnerTemp, { recursive: true, force: true });
    }
  });

  test("browser-missing: says missing when Playwright's Chromium for the installed version is not there, present once it is", () => {
    const browsers = mkdtempSync(join(tmpdir(), 'harness-browsers-'));
    try {
      const check = () => spawnSync(process.execPath, [join(ROOT, 'action', 'browser-missing.mjs'), ROOT], { encoding: 'utf8', env: { ...cleanEnv(), PLAYWRIGHT_BROWSERS_PATH: browsers } });
      const missing = check();
      expect(missing.stdout).toBe('missing\n');
      const looked = /not found at (.+)$/m.exec(missing.stderr)?.[1];
      expect(looked?.startsWith(browsers)).toBe(true);
      mkdirSync(join(looked ?? '', '..'), { recursive: true });
      writeFileSync(looked ?? '', '');
      expect(check().stdout).toBe('present\n');
    } finally {
      rmSync(browsers, { recursive: true, force: true });
    }
  });

  test.describe('installed from a packed build', () => {
    test.describe.configure({ mode: 'serial', timeout: 240_000 });
    let runnerTemp = '';
    let tarball = '';
    // A minute's budget: the sign-in itself takes a second or two; a loaded machine starts Chromium slowly.
    const run = (given: Record<string, string>) => runAction(loadAction(), { package: tarball, 'chromium-path': thisMachinesBrowser(), timeout: '60000', ...given }, runnerTemp);

    test.beforeAll(async () => {
      test.setTimeout(240_000);
      runnerTemp = mkdtempSync(join(tmpdir(), 'harness-action-'));
      ({ tarball } = await packHarness(runnerTemp));
    });

    test.afterAll(() => {
      if (runnerTemp) rmSync(runnerTemp, { recursive: true, force: true });
    });

    test('its steps install the package, sign in at the embedded server and give code, verifier, state and expiry, masking the code, the verifier and the password', () => {
      const password = 'Plain-Input-Pw!9';
      const result = run({ username: 'ci-user@example.com', password });
      expect(result.failed, result.stderr).toBeUndefined();
      // chromium-path given: nothing to download.
      expect(result.ran).toEqual(['mask', 'versions', 'install', 'get-code']);
      const installed = join(runnerTemp, 'rayteams-login-harness', 'node_modules');
      // Runtime dependencies only: no test runner, no reporter, no build tools.
      for (const devOnly of ['@playwright/test', 'allure-playwright', 'esbuild', 'typescript', 'tsx']) expect(() => readFileSync(join(installed, devOnly, 'package.json')), devOnly).toThrow();
      expect(() => readFileSync(join(installed, 'rayteams-login-harness', 'dist', 'commands', 'get-code.js'))).not.toThrow();
      expect(result.outputs.code).toMatch(UUID);
      expect(result.outputs.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
      expect(result.outputs.state).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(Date.parse(result.outputs.expires_at ?? '')).toBeGreaterThan(Date.now());
      expect(result.outputs.access_token).toBe('');
      expect(masked(result)).toEqual(expect.arrayContaining([password, result.outputs.code, result.outputs.code_verifier]));
      // The password appears only inside its own mask command.
      expect(`${result.stdout}${result.stderr}`.split(password).length - 1).toBe(1);
    });

    test('with exchange: true it outputs the tokens, every one masked; pkce: false sends no verifier', () => {
      const exchanged = run({ exchange: 'true', 'client-secret': 'local-test-secret', pkce: 'false' });
      expect(exchanged.failed, exchanged.stderr).toBeUndefined();
      expect(exchanged.outputs.access_token).toMatch(/^eyJ/);
      expect(exchanged.outputs.token_type).toBe('Bearer');
      expect(masked(exchanged)).toEqual(expect.arrayContaining(['local-test-secret', exchanged.outputs.access_token, exchanged.outputs.id_token, exchanged.outputs.refresh_token]));
      const plain = run({ pkce: 'false' });
      expect(plain.failed, plain.stderr).toBeUndefined();
      expect(plain.outputs.code).toMatch(UUID);
      expect(plain.outputs.code_verifier).toBe('');
    });

    test('a failing sign-in fails the step with the harness exit code and sets no output', () => {
      const failed = run({ 'base-url': 'http://127.0.0.1:9', timeout: '5000' });
      expect(failed.failed).toBe('get-code');
      expect(failed.outputs.code).toBe('');
    });
  });
});
