/**
 * .github/workflows/login-health.yml, checked without GitHub: it reads a targets file, runs the
 * targets as a matrix of shards, pushes to a Pushgateway when one is configured, keeps one alert
 * state per target in the Actions cache, and hands the check only the secrets its targets name.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { test, expect } from '../../fixtures/index.js';
import { parseTargetsFile, shardOf } from '../../lib/health/targets.js';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}
interface Job {
  name?: string;
  strategy?: { 'fail-fast'?: boolean; matrix: { shard: number[] } };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const flow = parse(readFileSync('.github/workflows/login-health.yml', 'utf8')) as Workflow;
const job = flow.jobs['health-check'] as Job;
const uses = (action: string) => job.steps.filter((step) => step.uses?.startsWith(`${action}@`));
const DEFAULT_TARGETS = '.github/login-health-targets.yml';

test.describe('login-health workflow', () => {
  test('every 15 minutes and on demand, one run at a time, on Node 24', () => {
    expect(flow.on).toEqual({ schedule: [{ cron: '*/15 * * * *' }], workflow_dispatch: null });
    expect(flow.concurrency).toEqual({ group: 'login-health', 'cancel-in-progress': false });
    expect(uses('actions/setup-node').map((step) => step.with?.['node-version'])).toEqual([24]);
    expect(job.steps.some((step) => step.run === 'npm run setup')).toBe(true);
  });

  test('runs the targets file as a matrix of shards that together cover every target once', () => {
    const shards = job.strategy?.matrix.shard ?? [];
    expect(shards.length).toBeGreaterThan(1);
    expect(shards).toEqual(shards.map((_shard, index) => index + 1));
    expect(job.strategy?.['fail-fast']).toBe(false);
    expect(job.env?.SHARD).toBe('${{ matrix.shard }}/${{ strategy.job-total }}');
    expect(job.env?.HEALTH_TARGETS_FILE).toBe(`\${{ vars.HEALTH_TARGETS_FILE || '${DEFAULT_TARGETS}' }}`);
    const check = job.steps.find((step) => step.id === 'check');
    expect(check?.run).toContain('--targets "$HEALTH_TARGETS_FILE" --shard "$SHARD" --json --metrics-file health/login_health.prom --summary-file "$GITHUB_STEP_SUMMARY"');
    expect(check?.run).toContain('npm run -s health-check -- "${args[@]}"');
    // Degraded is a warning, not a failed job; every other non-zero code fails the shard.
    expect(check?.run).toContain('if [ "$code" -eq 1 ]; then exit 0; fi');

    const targets = parseTargetsFile(DEFAULT_TARGETS).map((target) => target.name);
    expect(targets.length).toBeGreaterThan(0);
    const covered = shards.flatMap((index) => shardOf(targets, { index, total: shards.length }));
    expect(covered.sort()).toEqual([...targets].sort());
  });

  test('pushes to the Pushgateway only when its URL is configured', () => {
    expect(job.env?.PUSHGATEWAY_URL).toBe('${{ vars.PUSHGATEWAY_URL || secrets.PUSHGATEWAY_URL }}');
    const check = job.steps.find((step) => step.id === 'check');
    expect(check?.run).toContain('if [ -n "$PUSHGATEWAY_URL" ]; then args+=(--pushgateway "$PUSHGATEWAY_URL"); fi');
  });

  test('keeps one alert state per target: a state file per target inside a cache per shard, saved even on failure', () => {
    expect(job.env?.HEALTH_STATE_FILE).toBe('.health-state/state.json');
    const key = 'login-health-state-${{ matrix.shard }}of${{ strategy.job-total }}-';
    expect(uses('actions/cache/restore').map((step) => [step.with?.path, step.with?.key, step.with?.['restore-keys']])).toEqual([['.health-state', `${key}\${{ github.run_id }}`, key]]);
    expect(uses('actions/cache/save').map((step) => [step.if, step.with?.path, step.with?.key])).toEqual([['always()', '.health-state', `${key}\${{ github.run_id }}`]]);
    // Matrix jobs need distinct artifact names.
    expect(uses('actions/upload-artifact').map((step) => [step.if, step.with?.name])).toEqual([['failure()', 'login-health-${{ github.run_id }}-shard-${{ matrix.shard }}']]);
  });

  test('hands the check exactly the variables the targets file names, multi-line values intact', () => {
    const step = job.steps.find((s) => s.name === 'Hand the check the secrets its targets name');
    expect(step?.env).toEqual({ SECRETS_JSON: '${{ toJSON(secrets) }}', VARS_JSON: '${{ toJSON(vars) }}' });
    const script = /node --input-type=module -e '([\s\S]*)'\s*$/.exec(step?.run ?? '')?.[1];
    expect(script, 'the inline script').toBeDefined();

    const dir = mkdtempSync(join(tmpdir(), 'workflow-'));
    const targetsFile = join(dir, 'targets.yml');
    writeFileSync(targetsFile, 'targets:\n  - name: kr\n    region: ap-northeast-2\n    stage: development\n    clientId: c\n    redirectUri: https://app.example.com/cb\n    env: { username: KR_USER, password: KR_PASSWORD, totpSecret: KR_TOTP }\n');
    const githubEnv = join(dir, 'github-env');
    writeFileSync(githubEnv, '');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script ?? ''], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HEALTH_TARGETS_FILE: targetsFile,
        GITHUB_ENV: githubEnv,
        SECRETS_JSON: JSON.stringify({ KR_PASSWORD: 'line one\nline two', UNRELATED_SECRET: 'never' }),
        VARS_JSON: JSON.stringify({ KR_USER: 'kr@example.com' }),
      },
    });
    expect(run.status, run.stderr).toBe(0);
    const written = readFileSync(githubEnv, 'utf8');
    expect(written).toMatch(/^KR_USER<<(EOF_[\w-]+)\nkr@example\.com\n\1\nKR_PASSWORD<<(EOF_[\w-]+)\nline one\nline two\n\2\n$/);
    expect(written).not.toContain('UNRELATED_SECRET');
  });
});
