/**
 * action.yml, the composite GitHub Action: checked against a schema of what Actions accepts, then
 * its own `run` steps executed here as a runner would (bash, a fresh $GITHUB_OUTPUT per step, the
 * `${{ }}` expressions filled in) against the embedded server. The steps that only install (Node,
 * npm ci, the browser and their caches) are GitHub's own actions or already done in this checkout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { test, expect } from '../../fixtures/index.js';
import { UUID } from './get-code-run.js';
import { cleanEnv } from './run-cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** Steps that only install what this checkout already has. */
const INSTALL_STEPS = new Set(['node', 'npm-cache', 'install', 'browser-cache', 'browser']);

const step = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().optional(),
    uses: z.string().regex(/^[\w.-]+\/[\w./-]+@v\d+$/, 'actions are pinned to a major version').optional(),
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
}

/** Runs the action's steps with `with` inputs, as the runner does; install steps are skipped (see above). */
function runAction(definition: Action, given: Record<string, string>): ActionRun {
  const scratch = mkdtempSync(join(tmpdir(), 'harness-action-'));
  const inputs = Object.fromEntries(Object.entries(definition.inputs).map(([name, input]) => [name, given[name] ?? input.default]));
  const steps: Record<string, Record<string, string>> = {};
  const context = (path: string): string => {
    const [scope, name, field, output] = path.split('.');
    if (scope === 'inputs' && name !== undefined) return inputs[name] ?? '';
    if (scope === 'github' && name === 'action_path') return ROOT;
    if (scope === 'runner' && name === 'temp') return scratch;
    if (scope === 'runner' && name === 'os') return 'Linux';
    if (scope === 'steps' && name !== undefined && field === 'outputs' && output !== undefined) return steps[name]?.[output] ?? '';
    throw new Error(`expression not known to this test: ${path}`);
  };
  const evaluate = (text: string) => text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => context(path));
  let stdout = '';
  let stderr = '';
  let failed: string | undefined;
  try {
    for (const s of definition.runs.steps) {
      if (INSTALL_STEPS.has(s.id) || s.run === undefined) continue;
      const outputFile = join(scratch, `output-${s.id}`);
      writeFileSync(outputFile, '');
      const script = join(scratch, `${s.id}.sh`);
      writeFileSync(script, evaluate(s.run));
      const env = { ...cleanEnv(), ...Object.fromEntries(Object.entries(s.env ?? {}).map(([name, value]) => [name, evaluate(value)])), GITHUB_OUTPUT: outputFile, RUNNER_TEMP: scratch };
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: s['working-directory'] ? evaluate(s['working-directory']) : scratch, env, encoding: 'utf8', timeout: 60_000 });
      stdout += result.stdout;
      stderr += result.stderr;
      steps[s.id] = readOutputs(readFileSync(outputFile, 'utf8'));
      if (result.status !== 0) {
        failed = s.id;
        break;
      }
    }
    const outputs = Object.fromEntries(Object.entries(definition.outputs).map(([name, output]) => [name, evaluate(output.value)]));
    return { outputs, stdout, stderr, failed };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const masked = (run: ActionRun) => run.stdout.split('\n').flatMap((line) => (line.startsWith('::add-mask::') ? [line.slice('::add-mask::'.length)] : []));

test.describe('action.yml', () => {
  test('matches the schema: inputs, outputs from the get-code step, pinned actions, shells; a broken one is refused', () => {
    const definition = loadAction();
    expect(Object.keys(definition.inputs)).toEqual(expect.arrayContaining(['base-url', 'region', 'stage', 'client-id', 'client-secret', 'redirect-uri', 'username', 'password', 'totp-secret', 'pkce', 'exchange', 'timeout']));
    expect(Object.keys(definition.outputs)).toEqual(expect.arrayContaining(['code', 'code_verifier', 'state', 'expires_at', 'access_token', 'id_token', 'refresh_token']));
    for (const output of Object.values(definition.outputs)) expect(output.value).toMatch(/^\$\{\{ steps\.get-code\.outputs\.\w+ \}\}$/);
    const ids = definition.runs.steps.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['mask', 'browser-cache', 'browser', 'get-code']));
    // The credentials are masked before anything else runs; Chromium is installed the GitHub way.
    expect(ids[0]).toBe('mask');
    expect(definition.runs.steps.find((s) => s.id === 'browser')?.run).toBe('npx playwright install --with-deps chromium');
    const broken = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { steps: Array<Record<string, unknown>> } };
    broken.runs.steps.push({ id: 'x', run: 'echo hi' });
    expect(() => action.parse(broken)).toThrow('needs shell');
  });

  test('its steps sign in at the embedded server and give code, verifier, state and expiry, masking the code, the verifier and the password', () => {
    const password = 'Plain-Input-Pw!9';
    const run = runAction(loadAction(), { username: 'ci-user@example.com', password });
    expect(run.failed, run.stderr).toBeUndefined();
    expect(run.outputs.code).toMatch(UUID);
    expect(run.outputs.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(run.outputs.state).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(Date.parse(run.outputs.expires_at ?? '')).toBeGreaterThan(Date.now());
    expect(run.outputs.access_token).toBe('');
    expect(masked(run)).toEqual(expect.arrayContaining([password, run.outputs.code, run.outputs.code_verifier]));
    // The password appears only inside its own mask command.
    expect(`${run.stdout}${run.stderr}`.split(password).length - 1).toBe(1);
  });

  test('with exchange: true it outputs the tokens, every one masked; pkce: false sends no verifier', () => {
    const run = runAction(loadAction(), { exchange: 'true', 'client-secret': 'local-test-secret', pkce: 'false' });
    expect(run.failed, run.stderr).toBeUndefined();
    expect(run.outputs.access_token).toMatch(/^eyJ/);
    expect(run.outputs.token_type).toBe('Bearer');
    expect(masked(run)).toEqual(expect.arrayContaining(['local-test-secret', run.outputs.access_token, run.outputs.id_token, run.outputs.refresh_token]));
    const plain = runAction(loadAction(), { pkce: 'false' });
    expect(plain.failed, plain.stderr).toBeUndefined();
    expect(plain.outputs.code).toMatch(UUID);
    expect(plain.outputs.code_verifier).toBe('');
  });

  test('a failing sign-in fails the step with the harness exit code and sets no output', () => {
    const run = runAction(loadAction(), { 'base-url': 'http://127.0.0.1:9', timeout: '5000' });
    expect(run.failed).toBe('get-code');
    expect(run.outputs.code).toBe('');
  });
});
