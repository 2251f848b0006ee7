/**
 * .github/workflows/login-health.yml, checked without GitHub: it reads a targets file, runs the
 * targets as a matrix of shards, pushes to a Pushgateway when one is configured, keeps one alert
 * state per target in the Actions cache, and hands the check only the secrets its targets name.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { test, expect } from '../../fixtures/index.js';
import { parseTargetsFile, shardOf } from '../../lib/health/targets.js';
import { targetVariables } from '../../scripts/target-variables.js';
import { run } from '../cli/run-cli.js';

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

  test('keeps one alert state per target: a state file per target in ONE cache entry per shard, replaced after each run', () => {
    expect(job.env?.HEALTH_STATE_FILE).toBe('.health-state/state.json');
    // A fixed key per shard, not one per run: the entry is replaced (deleted, then saved again).
    expect(job.env?.STATE_KEY).toBe('login-health-state-${{ matrix.shard }}of${{ strategy.job-total }}');
    expect(JSON.stringify(job)).not.toContain('github.run_id }}"');
    expect(uses('actions/cache/restore').map((step) => [step.with?.path, step.with?.key, step.with?.['restore-keys']])).toEqual([['.health-state', '${{ env.STATE_KEY }}', undefined]]);
    const forget = job.steps.find((step) => step.id === 'forget');
    expect(forget?.if).toBe("always() && hashFiles('.health-state/**') != ''");
    expect(forget?.env).toEqual({ GH_TOKEN: '${{ github.token }}' });
    expect(forget?.run).toContain('gh cache delete "$STATE_KEY" --repo "$GITHUB_REPOSITORY"');
    expect((parse(readFileSync('.github/workflows/login-health.yml', 'utf8')) as { jobs: Record<string, { permissions?: unknown }> }).jobs['health-check']?.permissions).toEqual({ contents: 'read', actions: 'write' });
    const save = uses('actions/cache/save');
    expect(save.map((step) => [step.if, step.with?.path, step.with?.key])).toEqual([["always() && steps.forget.outputs.save == 'true'", '.health-state', '${{ env.STATE_KEY }}']]);
    expect(job.steps.indexOf(save[0]!)).toBe(job.steps.indexOf(forget!) + 1);
  });

  test('installs Playwright\'s own Chromium, cached by Playwright\'s version, before set-up and the check', () => {
    const cache = uses('actions/cache');
    expect(cache.map((step) => [step.with?.path, step.with?.key])).toEqual([['~/.cache/ms-playwright', 'playwright-chromium-${{ runner.os }}-${{ steps.playwright.outputs.version }}']]);
    const install = job.steps.findIndex((step) => step.run === 'npx playwright install --with-deps chromium');
    expect(install).toBeGreaterThan(job.steps.indexOf(cache[0]!));
    expect(install).toBeLessThan(job.steps.findIndex((step) => step.run === 'npm run setup'));
  });

  test('scans the evidence for secrets before it is uploaded; uploads nothing when the scan fails', () => {
    const scan = job.steps.find((step) => step.id === 'scan');
    // Both folders exist before the scan: a --path that does not exist is a usage error (exit 2).
    expect(scan?.run).toBe('mkdir -p health health-artifacts\nnpm run -s scan-artifacts -- --path health --path health-artifacts\n');
    expect(scan?.if).toBe('failure()');
    const check = job.steps.find((step) => step.id === 'check');
    expect(check?.run).toContain('--artifacts-dir health-artifacts');
    const uploads = uses('actions/upload-artifact');
    // Matrix jobs need distinct artifact names.
    expect(uploads.map((step) => [step.if, step.with?.name])).toEqual([["failure() && steps.scan.outcome == 'success'", 'login-health-${{ github.run_id }}-shard-${{ matrix.shard }}']]);
    expect(job.steps.indexOf(uploads[0]!)).toBeGreaterThan(job.steps.indexOf(scan!));
  });

  test('hands each shard only the variables its targets name: no toJSON(secrets), every default name guarded', () => {
    const text = readFileSync('.github/workflows/login-health.yml', 'utf8');
    expect(text).not.toMatch(/toJSON\(\s*secrets\s*\)/);
    const names = job.steps.find((step) => step.id === 'variables');
    expect(names?.run).toContain('npm run -s health-check:variables -- --targets "$HEALTH_TARGETS_FILE" --shard "$SHARD"');
    const handOver = job.steps.find((step) => step.name === 'Hand the check the secrets its targets name');
    expect(handOver?.run).toBe('npm run -s health-check:variables -- --targets "$HEALTH_TARGETS_FILE" --shard "$SHARD" --github-env >> "$GITHUB_ENV"');
    expect(job.steps.indexOf(handOver!)).toBe(job.steps.indexOf(names!) + 1);
    expect(job.steps.indexOf(handOver!)).toBeLessThan(job.steps.findIndex((step) => step.id === 'check'));
    const named = parseTargetsFile(DEFAULT_TARGETS).flatMap((target) => Object.values(target.env ?? {}));
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) {
      const guard = `contains(fromJSON(steps.variables.outputs.names), '${name}') && `;
      expect(handOver?.env?.[name], name).toMatch(new RegExp(`^\\$\\{\\{ ${guard.replace(/[()[\]{}.$|]/g, '\\$&')}(\\(secrets\\.${name} \\|\\| vars\\.${name}\\)|secrets\\.${name}) \\|\\| '' \\}\\}$`));
    }
    // Each value in that step is guarded by its name; nothing else of the repository's secrets.
    for (const [name, value] of Object.entries(handOver?.env ?? {})) expect(value, name).toContain(`contains(fromJSON(steps.variables.outputs.names), '${name}')`);
  });

  test('health-check:variables: the names of one shard\'s targets, and only those that are set, to $GITHUB_ENV with multi-line values intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workflow-'));
    const targetsFile = join(dir, 'targets.yml');
    writeFileSync(
      targetsFile,
      [
        'targets:',
        '  - { name: kr, region: ap-northeast-2, stage: development, clientId: c, redirectUri: "https://app.example.com/cb", env: { username: KR_USER, password: KR_PASSWORD, totpSecret: KR_TOTP } }',
        '  - { name: jp, region: ap-northeast-1, stage: development, clientId: c, redirectUri: "https://app.example.com/cb", env: { username: JP_USER, password: JP_PASSWORD } }',
        '',
      ].join('\n'),
    );
    // In process, as the command runs it; one spawned run (the hand-over, which reads the process's
    // own environment) proves the npm script is wired to it.
    const script = (args: string[]) => {
      const printed = { stdout: '', stderr: '' };
      const exitCode = targetVariables(['--targets', targetsFile, ...args], { stdout: (text) => (printed.stdout += text), stderr: (text) => (printed.stderr += text) }, () => ({}));
      return { exitCode, ...printed };
    };
    const [first, second, all, wrongShard] = [script(['--shard', '1/2']), script(['--shard', '2/2']), script([]), script(['--shard', '3/2'])];
    const handed = await run(process.execPath, ['--import', 'tsx', 'scripts/target-variables.ts', '--targets', targetsFile, '--shard', '1/2', '--github-env'], { PATH: process.env.PATH ?? '', KR_PASSWORD: 'line one\nline two', KR_USER: 'kr@example.com', KR_TOTP: ' ', JP_PASSWORD: 'other shard' }, 30_000);
    expect(JSON.parse(first.stdout)).toEqual(['KR_PASSWORD', 'KR_TOTP', 'KR_USER']);
    expect(JSON.parse(second.stdout)).toEqual(['JP_PASSWORD', 'JP_USER']);
    expect(JSON.parse(all.stdout)).toEqual(['JP_PASSWORD', 'JP_USER', 'KR_PASSWORD', 'KR_TOTP', 'KR_USER']);

    expect(handed.exitCode, handed.stderr).toBe(0);
    expect(handed.stdout).toMatch(/^KR_PASSWORD<<(EOF_[\w-]+)\nline one\nline two\n\1\nKR_USER<<(EOF_[\w-]+)\nkr@example\.com\n\2\n$/);
    expect(handed.stderr).toBe('');

    expect(wrongShard.exitCode).toBe(2);
    expect(wrongShard.stderr).toContain('--shard must be K/N');
    writeFileSync(targetsFile, 'targets:\n  - { name: kr, region: ap-northeast-2, stage: development, env: { password: "hunter2!" } }\n');
    const inline = script([]);
    expect(inline.exitCode).toBe(2);
    expect(inline.stderr).toContain('env.password');
    expect(inline.stderr).not.toContain('hunter2!');
  });
});
