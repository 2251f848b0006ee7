/**
 * Smoke test of `npm run bench`: one run completes and writes valid JSON. The figures themselves are
 * not asserted (no timed assertions); the benchmark proper is not part of `npm test`.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { test, expect } from '../../fixtures/index.js';
import { cleanEnv, run } from './run-cli.js';

const positiveMs = z.number().int().positive();

const measurement = z.object({
  id: z.enum(['a', 'a-direct', 'i', 'b', 'c', 'd']),
  title: z.string().min(1),
  command: z.string().min(1),
  runsMs: z.array(positiveMs).length(1),
  medianMs: positiveMs,
  minMs: positiveMs,
  maxMs: positiveMs,
  cpuRunsMs: z.array(z.number().nonnegative().nullable()).length(1),
  cpuMedianMs: z.number().nonnegative().nullable(),
});

const ratio = z.object({ value: z.number().positive(), cpuValue: z.number().positive().nullable(), target: z.number().nullable(), met: z.boolean().nullable() });

const benchResult = z.object({
  schemaVersion: z.literal(1),
  createdAt: z.iso.datetime(),
  machine: z.object({ cpus: z.number().int().positive(), node: z.string().startsWith('v') }),
  browser: z.object({ source: z.string(), executablePath: z.string().nullable() }),
  settings: z.object({ runs: z.literal(1), warmup: z.literal(0), count: z.literal(2) }),
  measurements: z.array(measurement).length(6),
  ratios: z.object({ 'a/b': ratio, 'i/b': ratio, 'a/c': ratio, 'd/a': ratio }),
  healthCheck: z.object({ available: z.literal(true), runs: z.literal(1), phasesMs: z.record(z.string(), z.number().nullable()) }),
});

test.describe('npm run bench', () => {
  test('one run measures (a) to (d), the installed command (i) and the health check, prints the table and writes valid JSON', async () => {
    test.setTimeout(240_000);
    const jsonOut = join(mkdtempSync(join(tmpdir(), 'bench-smoke-')), 'bench-results.json');
    // The caller's harness variables must not reach the measured processes: these would break every run.
    const env = cleanEnv({ OAUTH_BASE_URL: 'http://127.0.0.1:9', MOCK_FAULTS: 'login-500', TEST_PASSWORD: 'Wrong-Pa55word!' });
    const result = await run('npm', ['run', '-s', 'bench', '--', '--runs', '1', '--warmup', '0', '--count', '2', '--json-out', jsonOut, '--quiet'], env, 230_000);

    expect(result.exitCode, result.stderr).toBe(0);
    const parsed = benchResult.parse(JSON.parse(readFileSync(jsonOut, 'utf8')));
    expect(parsed.measurements.map((m) => m.id)).toEqual(['a', 'a-direct', 'i', 'b', 'c', 'd']);
    expect(parsed.measurements.find((m) => m.id === 'i')?.command).toBe('<installed>/rayteams-login get-code --env-file <empty.env> --quiet');
    expect(parsed.ratios['i/b'].target).toBe(1.15);
    expect(parsed.measurements.find((m) => m.id === 'd')?.command).toContain('--count 2');
    const a = parsed.measurements[0];
    const b = parsed.measurements[3];
    expect(parsed.ratios['a/b'].value).toBeCloseTo((a?.medianMs ?? 0) / (b?.medianMs ?? 1), 1);
    expect(parsed.ratios['a/b'].target).toBe(1.2);
    expect(parsed.ratios['d/a'].target).toBe(3);
    expect(Object.keys(parsed.healthCheck.phasesMs).length).toBeGreaterThan(0);
    expect(result.stdout).toContain('(a)        npm run -s get-code');
    expect(result.stdout).toMatch(/^a\/b\s+\d+\.\d\d/m);
    expect(result.stdout).toMatch(/^i\/b\s+\d+\.\d\d\s+\S+\s+≤ 1\.15/m);
    expect(result.stdout).toContain('(i)        installed rayteams-login get-code (no npm)');
    expect(result.stdout).toContain('health check phases (median of 1)');
  });

  test('exit 2 on a bad flag, before anything runs or is written', async () => {
    const jsonOut = join(mkdtempSync(join(tmpdir(), 'bench-smoke-')), 'bench-results.json');
    const result = await run('npm', ['run', '-s', 'bench', '--', '--runs', '0', '--json-out', jsonOut], cleanEnv(), 30_000);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--runs must be a whole number of at least 1');
    expect(existsSync(jsonOut)).toBe(false);
  });
});

const targetsRow = z.object({ targets: z.number().int(), median_ms: positiveMs, ratio_to_one: z.number().positive(), runs_ms: z.array(positiveMs).length(1) });
const targetsResult = z.object({
  machine: z.object({ cpus: z.number().int().positive(), concurrency: z.literal(4), rounds: z.literal(1) }),
  results: z.array(targetsRow).length(3),
  goal: z.literal('13 targets < 4x one target'),
  met: z.boolean(),
});

test.describe('npm run bench:targets', () => {
  test('one round times 1, 4 and 13 local targets and judges its goal from its own figures', async () => {
    test.setTimeout(120_000);
    // Every timed health check must be healthy (the script fails otherwise); the figures are not asserted.
    const result = await run('npm', ['run', '-s', 'bench:targets', '--', '--rounds', '1', '--json'], cleanEnv(), 110_000);
    expect([0, 1], result.stderr).toContain(result.exitCode);
    const parsed = targetsResult.parse(JSON.parse(result.stdout));
    expect(parsed.results.map((row) => row.targets)).toEqual([1, 4, 13]);
    const [one, , thirteen] = parsed.results;
    expect(thirteen?.ratio_to_one).toBeCloseTo((thirteen?.median_ms ?? 0) / (one?.median_ms ?? 1), 1);
    expect(parsed.met).toBe((thirteen?.ratio_to_one ?? Infinity) < 4);
    expect(result.exitCode).toBe(parsed.met ? 0 : 1);
  });
});
