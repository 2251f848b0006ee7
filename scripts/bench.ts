/**
 * npm run bench: how much get-code costs over the browser itself. Starts the local server once, then
 * times whole processes against it, interleaved over several runs after a warm-up:
 *   (a) npm run -s get-code, (a-direct) the same without npm, (i) the installed package's
 *   `rayteams-login get-code` run directly, (b) a minimal playwright-core script,
 *   (c) the same flow as plain HTTP requests (the protocol floor), (d) get-code --count N;
 * plus the health check's phase timings. Table on stdout, details in bench-results.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { z } from 'zod';
import { findChromium } from '../lib/journey/browser.js';
import { runCli } from '../lib/commands/cli.js';
import { parseFlags, parseIntegerFlag } from '../lib/config/command-line.js';
import { UUID_PATTERN } from '../lib/config/config.js';
import { FAILURE_EXIT_CODES, HarnessError, type FailureReason } from '../lib/errors.js';
import type { Logger } from '../lib/platform/log.js';
import { DEFAULT_CLIENT, DEFAULT_USER, startMockServer } from '../mock-server/index.js';
import { checkOutBaseline, type Baseline } from './bench/baseline.js';
import { installPackage } from './bench/install-package.js';
import { cleanEnv, timeProcess, type Command, type TimedRun } from './bench/measure.js';
import { median, ratio, renderTable, summarise, type BenchResult, type HealthPhases, type Measurement, type MeasurementId } from './bench/summary.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The references run as plain compiled JavaScript, as get-code does (scripts/run.mjs): under tsx they
 * would pay its loader's start-up and flatter get-code. Built next to node_modules so that their
 * external imports (playwright-core) resolve.
 */
async function compileReferences(): Promise<{ playwright: string; http: string }> {
  const outdir = join(ROOT, 'node_modules', '.cache', 'login-harness', 'bench-references');
  await build({
    absWorkingDir: ROOT,
    entryPoints: { 'reference-playwright': 'scripts/bench/reference-playwright.ts', 'reference-http': 'scripts/bench/reference-http.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return { playwright: join(outdir, 'reference-playwright.mjs'), http: join(outdir, 'reference-http.mjs') };
}
const UUID = new RegExp(UUID_PATTERN);
const TARGETS = { getCodeOverReference: 1.2, installedOverReference: 1.15, countOverSingle: 3 } as const;

const HELP = `Usage: npm run bench -- [options]

Times get-code against a minimal playwright-core script and the plain-HTTP protocol floor, as whole
processes against one local server started here. The developer's .env and harness variables are
ignored: every process gets the local server's client and user and nothing else.

Options:
  --runs N           timed runs of each measurement, interleaved (default 5)
  --warmup N         untimed runs of each first (default 1; fills the tsx and page caches)
  --count N          codes for (d) get-code --count N (default 10)
  --json-out PATH    where to write the results (default bench-results.json)
  --no-health        skip the health check's phase timings
  --no-installed     skip (i), which packs the harness and installs it into a scratch project
  --baseline REF     also time (base): get-code built from the git commit REF (e.g. the version
                     before a change), interleaved with the rest; ratio a-direct/base
  --login-ui LIST    also time get-code against a local server drawing each of these login UIs
                     (MOCK_LOGIN_UI values, comma-separated, e.g. managed-cloudscape); ratio
                     ui:NAME/a-direct compares each with the default (classic) screen
  --timeout MS       give up on one process after MS (default 120000)
  --quiet, -q        no progress on stderr
  --help, -h         this text

Prints a table of medians (min, max) and the ratios a/b (target ≤ ${TARGETS.getCodeOverReference}), i/b (target ≤ ${TARGETS.installedOverReference}), a/c, d/a
(target ≤ ${TARGETS.countOverSingle}). Missing a target is reported, not an error; a failed run is (exit code of that run).`;

interface Job {
  id: MeasurementId | 'health';
  title: string;
  command: Command;
  env: NodeJS.ProcessEnv;
  /** where the process runs; default the repository */
  cwd?: string;
  /** throws when the run did not produce what it should, so a broken run is never timed as a fast one */
  check(run: TimedRun): void;
}

const healthJson = z.object({ phases: z.record(z.string(), z.number().nullable()) });

runCli(async ({ logger }) => {
  const { values } = parseFlags(process.argv.slice(2), {
    runs: { type: 'string' },
    warmup: { type: 'string' },
    count: { type: 'string' },
    'json-out': { type: 'string', default: 'bench-results.json' },
    'no-health': { type: 'boolean', default: false },
    'no-installed': { type: 'boolean', default: false },
    baseline: { type: 'string' },
    'login-ui': { type: 'string' },
    timeout: { type: 'string' },
    quiet: { type: 'boolean', short: 'q', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const runs = parseIntegerFlag('runs', values.runs, 5);
  const warmup = parseIntegerFlag('warmup', values.warmup, 1, 0);
  const count = parseIntegerFlag('count', values.count, 10, 2);
  const timeoutMs = parseIntegerFlag('timeout', values.timeout, 120_000);
  const jsonOut = resolve(values['json-out']);

  const browser = findChromium({ headless: true });
  const scratch = mkdtempSync(join(tmpdir(), 'harness-bench-'));
  const emptyEnvFile = join(scratch, 'empty.env');
  writeFileSync(emptyEnvFile, '');

  const loadAverageBefore = loadavg();
  const server = await startMockServer({ port: 0 });
  const loginUis = (values['login-ui'] ?? '').split(',').map((ui) => ui.trim()).filter((ui) => ui !== '');
  const uiServers = await Promise.all(loginUis.map(async (ui) => ({ ui, server: await startMockServer({ port: 0, loginUi: ui as NonNullable<Parameters<typeof startMockServer>[0]>['loginUi'] }) })));
  let baseline: Baseline | undefined;
  try {
    logger.info(`bench: local server on ${server.url}; ${runs} run(s) after ${warmup} warm-up`);
    const target = {
      OAUTH_BASE_URL: server.url,
      OAUTH_CLIENT_ID: DEFAULT_CLIENT.clientId,
      OAUTH_REDIRECT_URI: DEFAULT_CLIENT.redirectUris[0] ?? 'http://localhost/callback',
      TEST_USERNAME: DEFAULT_USER.username,
      TEST_PASSWORD: DEFAULT_USER.password,
    };
    const harnessEnv = cleanEnv(target);
    const referenceEnv = cleanEnv({ ...target, ...(browser.executablePath ? { CHROMIUM_PATH: browser.executablePath } : {}) });
    const references = await compileReferences();
    let installed: string | undefined;
    if (!values['no-installed']) {
      logger.info('bench: packing the harness and installing it into a scratch project for (i)');
      installed = installPackage(ROOT, scratch);
    }
    const node = (script: string): Command => ({ file: process.execPath, args: [script] });
    const getCode: Command = { file: 'npm', args: ['run', '-s', 'get-code', '--', '--env-file', emptyEnvFile, '--quiet'] };

    const jobs: Job[] = [
      { id: 'a', title: 'npm run -s get-code', command: getCode, env: harnessEnv, check: codes(1) },
      { id: 'a-direct', title: 'get-code without npm (node scripts/run.mjs)', command: { file: process.execPath, args: ['scripts/run.mjs', 'get-code', '--env-file', emptyEnvFile, '--quiet'] }, env: harnessEnv, check: codes(1) },
      ...(installed ? [{ id: 'i' as const, title: 'installed rayteams-login get-code (no npm)', command: { file: installed, args: ['get-code', '--env-file', emptyEnvFile, '--quiet'] }, env: harnessEnv, check: codes(1) }] : []),
      { id: 'b', title: 'minimal playwright-core script', command: node(references.playwright), env: referenceEnv, check: codes(1) },
      { id: 'c', title: 'plain HTTP requests (protocol floor)', command: node(references.http), env: referenceEnv, check: codes(1) },
    ];
    const direct = (env: NodeJS.ProcessEnv): Pick<Job, 'command' | 'env' | 'check'> => ({ command: { file: process.execPath, args: ['scripts/run.mjs', 'get-code', '--env-file', emptyEnvFile, '--quiet'] }, env, check: codes(1) });
    if (values.baseline !== undefined) {
      logger.info(`bench: building ${values.baseline} for (base)`);
      baseline = checkOutBaseline(ROOT, values.baseline, scratch);
      jobs.push({ id: 'base', title: `get-code of ${values.baseline} (${baseline.commit}), without npm`, command: { file: process.execPath, args: [baseline.bin, 'get-code', '--env-file', emptyEnvFile, '--quiet'] }, env: harnessEnv, cwd: baseline.cwd, check: codes(1) });
    }
    for (const { ui, server: uiServer } of uiServers) {
      jobs.push({ id: `ui:${ui}`, title: `get-code on MOCK_LOGIN_UI=${ui}, without npm`, ...direct(cleanEnv({ ...target, OAUTH_BASE_URL: uiServer.url })) });
    }
    const countNote = getCodeSupportsCount(harnessEnv, emptyEnvFile, logger);
    if (countNote === undefined) {
      jobs.push({ id: 'd', title: `npm run -s get-code -- --count ${count}`, command: { ...getCode, args: [...getCode.args, '--count', String(count)] }, env: harnessEnv, check: codes(count) });
    }
    const healthNote = values['no-health'] ? 'skipped with --no-health' : healthCheckMissing();
    if (healthNote === undefined) {
      jobs.push({
        id: 'health',
        title: 'npm run -s health-check -- --json',
        command: { file: 'npm', args: ['run', '-s', 'health-check', '--', '--json', '--quiet', '--env-file', emptyEnvFile, '--artifacts-dir', join(scratch, 'health-artifacts')] },
        // The secret lets it time the token exchange too; its state file must not touch the developer's.
        env: cleanEnv({ ...target, OAUTH_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret ?? '', HEALTH_RETRIES: '0', HEALTH_STATE_FILE: join(scratch, 'health-state.json') }),
        check: (run) => {
          if (run.exitCode !== 0 && run.exitCode !== 1) failed(run);
          healthJson.parse(JSON.parse(run.stdout));
        },
      });
    }

    for (let round = 0; round < warmup; round += 1) {
      for (const job of jobs) {
        job.check(await execute(job, timeoutMs));
        logger.info(`  warm-up: (${job.id}) done`);
      }
    }
    const timings = new Map<Job['id'], TimedRun[]>(jobs.map((job) => [job.id, []]));
    for (let round = 0; round < runs; round += 1) {
      // Rotated order: a burst of load from the other side of the machine hits every measurement alike.
      const order = jobs.map((_job, index) => jobs[(index + round) % jobs.length] as Job);
      for (const job of order) {
        const run = await execute(job, timeoutMs);
        job.check(run);
        timings.get(job.id)?.push(run);
        logger.info(`  run ${round + 1}/${runs}: (${job.id}) ${Math.round(run.ms)} ms${run.cpuMs === null ? '' : `, CPU ${run.cpuMs} ms`}`);
      }
    }

    const measurements: Measurement[] = jobs
      .filter((job): job is Job & { id: MeasurementId } => job.id !== 'health')
      .map((job) => summarise(job.id, job.title, displayCommand(job.command, emptyEnvFile), timings.get(job.id) ?? []));
    const byId = (id: MeasurementId) => measurements.find((m) => m.id === id);
    const result: BenchResult = {
      schemaVersion: 1,
      createdAt: new Date().toISOString(),
      commit: gitCommit(),
      machine: { cpus: cpus().length, loadAverageBefore: rounded(loadAverageBefore), loadAverageAfter: rounded(loadavg()), node: process.version, platform: `${process.platform}-${process.arch}` },
      browser: { source: browser.source, executablePath: browser.executablePath ?? null },
      settings: { runs, warmup, count, ...(baseline ? { baseline: `${values.baseline} (${baseline.commit})` } : {}), ...(loginUis.length > 0 ? { loginUis } : {}) },
      measurements,
      ratios: {
        'a/b': ratio(byId('a'), byId('b'), TARGETS.getCodeOverReference),
        'i/b': ratio(byId('i'), byId('b'), TARGETS.installedOverReference, values['no-installed'] ? 'skipped with --no-installed' : undefined),
        'a/c': ratio(byId('a'), byId('c'), null),
        'd/a': ratio(byId('d'), byId('a'), TARGETS.countOverSingle, countNote),
        ...(baseline ? { 'a-direct/base': ratio(byId('a-direct'), byId('base'), null) } : {}),
        ...Object.fromEntries(loginUis.map((ui) => [`ui:${ui}/a-direct`, ratio(byId(`ui:${ui}`), byId('a-direct'), null)])),
      },
      healthCheck: healthNote === undefined ? healthPhases(timings.get('health') ?? []) : { available: false, note: healthNote },
    };
    writeFileSync(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(renderTable(result));
    logger.info(`bench: results written to ${relative(process.cwd(), jsonOut) || jsonOut}`);
    return 0;
  } finally {
    await server.close();
    await Promise.all(uiServers.map(({ server: uiServer }) => uiServer.close()));
    baseline?.remove();
    rmSync(scratch, { recursive: true, force: true });
  }
});

function execute(job: Job, timeoutMs: number): Promise<TimedRun> {
  return timeProcess(job.command, { cwd: job.cwd ?? ROOT, env: job.env, timeoutMs });
}

/** A run must print exactly `n` distinct codes on stdout and exit 0. */
function codes(n: number): (run: TimedRun) => void {
  return (run) => {
    if (run.exitCode !== 0) failed(run);
    const lines = run.stdout.trim().split('\n');
    if (lines.length !== n || !lines.every((line) => UUID.test(line)) || new Set(lines).size !== n) {
      throw new HarnessError('bad_code', `expected ${n} distinct code(s) on stdout, got ${lines.length} line(s)`);
    }
  };
}

function failed(run: TimedRun): never {
  const lastLine = run.stderr.trim().split('\n').pop() ?? '';
  if (run.timedOut) throw new HarnessError('timeout', `a measured process was killed after its timeout: ${lastLine}`);
  const reason = (Object.entries(FAILURE_EXIT_CODES).find(([, code]) => code === run.exitCode)?.[0] ?? 'unexpected_page') as FailureReason;
  throw new HarnessError(reason, `a measured process failed with exit ${run.exitCode}: ${lastLine}`);
}

/** (d) needs get-code's --count; until get-code has it, the bench says so instead of failing. */
function getCodeSupportsCount(env: NodeJS.ProcessEnv, emptyEnvFile: string, logger: Logger): string | undefined {
  const help = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/get-code.ts', '--help', '--env-file', emptyEnvFile], { cwd: ROOT, env, encoding: 'utf8' });
  if (help.includes('--count')) return undefined;
  logger.warn('get-code has no --count yet: (d) and d/a are not measured');
  return 'get-code has no --count';
}

function healthCheckMissing(): string | undefined {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (scripts['health-check'] === undefined || !existsSync(join(ROOT, 'scripts', 'health-check.ts'))) return 'npm run health-check does not exist yet';
  return undefined;
}

function healthPhases(runs: TimedRun[]): HealthPhases {
  const phases = runs.map((run) => healthJson.parse(JSON.parse(run.stdout)).phases);
  const names = [...new Set(phases.flatMap((p) => Object.keys(p)))];
  const phasesMs: Record<string, number | null> = {};
  for (const name of names) {
    const known = phases.map((p) => p[name]).filter((ms): ms is number => typeof ms === 'number');
    phasesMs[name] = known.length > 0 ? Math.round(median(known)) : null;
  }
  return { available: true, runs: runs.length, phasesMs };
}

function displayCommand(command: Command, emptyEnvFile: string): string {
  const file = command.file === process.execPath ? 'node' : /rayteams-login(\.cmd)?$/.test(command.file) ? '<installed>/rayteams-login' : command.file;
  return [file, ...command.args].map((arg) => (arg === emptyEnvFile ? '<empty.env>' : arg)).join(' ');
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function rounded(values: number[]): number[] {
  return values.map((value) => Math.round(value * 100) / 100);
}
