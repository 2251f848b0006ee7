/**
 * npm run bench:targets: what many targets in one health-check run cost. Times whole
 * `health-check --targets` processes over 1, 4 and 13 local targets (13: the documented regions),
 * interleaved over several rounds, and reports the median wall time of each and its ratio to one
 * target. Goal (issue 13): 13 targets in less than 4 times one target. Local targets are the
 * pessimistic case: their login service runs on the same cores as the browser, where a real stage's
 * waits are network time that concurrency overlaps. Table on stdout, progress on stderr.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify as toYaml } from 'yaml';
import { runCli } from '../lib/commands/cli.js';
import { parseFlags, parseIntegerFlag } from '../lib/config/command-line.js';
import { DEFAULT_CONCURRENCY } from '../lib/health/multi.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES: readonly number[] = [1, 4, 13];
const GOAL_RATIO = 4;
/** Variables the harness reads: the bench's processes get none of the developer's. */
const HARNESS_VARIABLE = /^(OAUTH_|RAYTEAMS_|TEST_|CODE_|LOGIN_|HEALTH_|MOCK_|GITHUB_OUTPUT$)/;

const HELP = `Usage: npm run -s bench:targets -- [--rounds N] [--concurrency N] [--json]

Times health-check --targets over 1, 4 and 13 local targets (median of N rounds, default 3) with
--concurrency (default ${DEFAULT_CONCURRENCY}), and checks that 13 targets take less than ${GOAL_RATIO}x one target.
Exit 0 when the goal is met, 1 when not.`;

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; code: number | null; stderr: string }> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'run.mjs'), 'health-check', ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ ms: performance.now() - started, code, stderr }));
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

runCli(async ({ logger }) => {
  const { values } = parseFlags(process.argv.slice(2), {
    rounds: { type: 'string' },
    concurrency: { type: 'string' },
    json: { type: 'boolean', default: false },
    quiet: { type: 'boolean', short: 'q', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const rounds = parseIntegerFlag('rounds', values.rounds, 3);
  const concurrency = parseIntegerFlag('concurrency', values.concurrency, DEFAULT_CONCURRENCY);
  const dir = mkdtempSync(join(tmpdir(), 'bench-targets-'));
  try {
    const envFile = join(dir, 'empty.env');
    writeFileSync(envFile, '');
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !HARNESS_VARIABLE.test(key)));
    env.HEALTH_STATE_FILE = join(dir, 'state', 'health.json');
    const files = new Map(
      SIZES.map((size) => {
        const file = join(dir, `targets-${size}.yml`);
        // Generous thresholds: the bench measures time, a degraded status would not change it.
        writeFileSync(file, toYaml({ targets: Array.from({ length: size }, (_, index) => ({ name: `bench-${index + 1}`, degradedMs: 120_000 })) }));
        return [size, file] as const;
      }),
    );
    const args = (size: number) => ['--targets', files.get(size) ?? '', '--concurrency', String(concurrency), '--quiet', '--env-file', envFile, '--artifacts-dir', join(dir, 'artifacts')];
    logger.info('warm-up (builds the bundle, loads Chromium from disk)');
    await run(args(1), env);
    const times = new Map<number, number[]>(SIZES.map((size) => [size, []]));
    for (let round = 1; round <= rounds; round += 1) {
      // Interleaved: a burst of load from elsewhere on the machine hits every size alike.
      for (const size of SIZES) {
        const timed = await run(args(size), env);
        // A failed check would time something else than the cost of many targets.
        if (timed.code !== 0) throw new Error(`${size} targets: health-check exited ${timed.code}, not healthy: ${timed.stderr.trim().split('\n').pop() ?? ''}`);
        times.get(size)?.push(timed.ms);
        logger.info(`round ${round}/${rounds}: ${size} target${size === 1 ? '' : 's'} in ${Math.round(timed.ms)} ms`);
      }
    }
    const one = median(times.get(1) ?? []);
    const rows = SIZES.map((size) => {
      const ms = median(times.get(size) ?? []);
      return { targets: size, median_ms: Math.round(ms), ratio_to_one: Number((ms / one).toFixed(2)), runs_ms: (times.get(size) ?? []).map(Math.round) };
    });
    const thirteen = rows.find((row) => row.targets === 13);
    const met = thirteen !== undefined && thirteen.ratio_to_one < GOAL_RATIO;
    const machine = { cpus: cpus().length, load_average_1m: Number((loadavg()[0] ?? 0).toFixed(2)), node: process.version, concurrency, rounds };
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ machine, results: rows, goal: `13 targets < ${GOAL_RATIO}x one target`, met })}\n`);
    } else {
      const lines = [
        `health-check --targets, local targets, --concurrency ${concurrency}, median of ${rounds} (${machine.cpus} CPUs, load ${machine.load_average_1m}, Node ${machine.node})`,
        '',
        '| targets | wall time | × one target |',
        '|---:|---:|---:|',
        ...rows.map((row) => `| ${row.targets} | ${(row.median_ms / 1000).toFixed(2)} s | ${row.ratio_to_one.toFixed(2)} |`),
        '',
        `13 targets < ${GOAL_RATIO}× one target: ${met ? 'yes' : 'NO'}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return met ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
