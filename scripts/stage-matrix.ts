/**
 * npm run test:stage-matrix: the stage-safe suite (every e2e test not tagged @local-only) against the
 * mock login service run as a REMOTE stage, once per login UI shape and language. Each combination
 * gets its own standalone mock server (scripts/mock-server.ts) on a free port, and Playwright is
 * pointed at it exactly as the nightly run is pointed at the development stage: OAUTH_BASE_URL plus
 * the client, redirect URI and user variables, nothing else. A test that only passes against the
 * embedded server's wording, paths or codes fails here in some combination.
 *
 * The unknown-client error varies between combinations (the real service's value is undocumented),
 * and --faults runs every combination against a broken server, where the suite must fail.
 *
 * Results (one line per combination, then a total) go to stdout; Playwright's progress to stderr.
 * Exit code 0 when every combination passed, 1 when any failed, 2 on a usage error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseDotenv } from 'dotenv';
import { LOCAL_DEFAULTS } from '../lib/config/config.js';
import { LANGS, type Lang } from '../mock-server/i18n.js';
import { LOGIN_UIS, type LoginUi } from '../mock-server/types.js';
import { HARNESS_VARIABLE } from '../lib/config/environment.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PLAYWRIGHT_CLI = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');

const HELP = `Usage: npm run test:stage-matrix -- [--only SHAPE[:LANG],...] [--faults FAULTS] [--workers N] [-- PLAYWRIGHT_ARGS]

Runs the stage-safe e2e tests (not @local-only) against a standalone mock server used as a remote
stage, for every login UI shape and language: classic and conventional (English only), and the
managed-login shapes in a spread of ${LANGS.length} languages (--list shows which).

  --only     combinations to run, e.g. managed-two-page:ko,classic (default: all)
  --faults   MOCK_FAULTS for every mock server: the suite is then expected to FAIL
  --workers  Playwright workers per combination (default 2)
  --list     print the combinations and exit`;

/**
 * The languages each shape runs in. The classic hosted UI is English only, like Cognito's; managed
 * login is localised into all of LANGS, and the matrix takes a spread of scripts and word orders
 * (Latin, Hangul, Japanese, German compounds, traditional Chinese) rather than every language, so a
 * run stays within CI's time. Any other combination: --only SHAPE:LANG.
 */
const LANGUAGES_OF: Partial<Record<LoginUi, readonly Lang[]>> = {
  managed: ['en', 'ko', 'ja'],
  'managed-two-step': ['en', 'ko', 'ja', 'de'],
  'managed-two-page': ['en', 'ko', 'zh-TW'],
  'managed-cloudscape': ['en', 'ko', 'ja', 'de', 'zh-TW'],
  'managed-cloudscape-one-step': ['en', 'de'],
};

/** What the unknown-client error page says, rotated over the combinations: Cognito's value is not documented. */
const UNKNOWN_CLIENT_ERRORS = ['redirect_mismatch', 'invalid_request', 'unauthorized_client', 'random'] as const;

/** e2e specs that never talk to the target (no-secrets runs a child suite against its own server). */
const TARGET_INDEPENDENT = new Set(['no-secrets.spec.ts']);

interface Combination {
  name: string;
  loginUi: LoginUi;
  lang: Lang;
  unknownClientError: string;
}

interface Outcome {
  combination: Combination;
  exitCode: number | null;
  passed: number;
  failed: number;
  skipped: number;
  flaky: number;
  durationMs: number;
}

function combinations(): Combination[] {
  const list: Array<Omit<Combination, 'unknownClientError'>> = [];
  for (const loginUi of LOGIN_UIS) {
    const languages = LANGUAGES_OF[loginUi];
    for (const lang of languages ?? (['en'] as const)) list.push({ name: languages ? `${loginUi}:${lang}` : loginUi, loginUi, lang });
  }
  return list.map((combination, index) => ({ ...combination, unknownClientError: UNKNOWN_CLIENT_ERRORS[index % UNKNOWN_CLIENT_ERRORS.length] ?? 'redirect_mismatch' }));
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The inherited environment without any harness variable, and with `.env`'s variables blanked (the shell wins over the file). */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!HARNESS_VARIABLE.test(key) && !key.startsWith('PLAYWRIGHT_JUNIT')) env[key] = value;
  const dotenv = join(ROOT, '.env');
  if (existsSync(dotenv)) for (const key of Object.keys(parseDotenv(readFileSync(dotenv)))) env[key] = '';
  return { ...env, ...extra };
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`mock server exited with ${server.exitCode}`);
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    // Polling a starting server: nothing to wait on but time.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`mock server not healthy within ${timeoutMs} ms`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('close', () => resolve());
    child.kill('SIGTERM');
  });
}

async function runCombination(combination: Combination, options: { faults: string | undefined; workers: string; specs: string[]; extra: string[]; emptyEnvFile: string }): Promise<Outcome> {
  const started = performance.now();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(ROOT, 'scripts', 'run.mjs'), 'mock-server', '--port', String(port), '--quiet', '--env-file', options.emptyEnvFile], {
    cwd: ROOT,
    env: cleanEnv({
      MOCK_LOGIN_UI: combination.loginUi,
      MOCK_LOGIN_LANG: combination.lang,
      MOCK_UNKNOWN_CLIENT_ERROR: combination.unknownClientError,
      ...(options.faults ? { MOCK_FAULTS: options.faults } : {}),
    }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth(baseUrl, server, 30_000);
    const outputDir = join('test-results', 'stage-matrix', combination.name.replace(':', '-'));
    const statsFile = join(mkdtempSync(join(tmpdir(), 'stage-matrix-')), 'results.json');
    const playwright = spawn(
      process.execPath,
      [PLAYWRIGHT_CLI, 'test', '--project=e2e', '--grep-invert', '@local-only', '--workers', options.workers, '--output', outputDir, '--reporter', 'line,json,./lib/reporters/redact-reporter.ts', ...options.extra, ...options.specs],
      {
        cwd: ROOT,
        // Exactly what the nightly run sets for a real stage: the service, its client, the user.
        env: cleanEnv({
          OAUTH_BASE_URL: baseUrl,
          OAUTH_CLIENT_ID: LOCAL_DEFAULTS.clientId,
          OAUTH_CLIENT_SECRET: LOCAL_DEFAULTS.clientSecret,
          OAUTH_REDIRECT_URI: LOCAL_DEFAULTS.redirectUri,
          TEST_USERNAME: LOCAL_DEFAULTS.username,
          TEST_PASSWORD: LOCAL_DEFAULTS.password,
          PLAYWRIGHT_JSON_OUTPUT_FILE: statsFile,
        }),
        // Playwright's own progress goes to stderr: stdout carries only this script's results.
        stdio: ['ignore', 2, 'inherit'],
      },
    );
    const exitCode = await new Promise<number | null>((resolve) => playwright.on('close', resolve));
    const stats = existsSync(statsFile) ? (JSON.parse(readFileSync(statsFile, 'utf8')) as { stats?: { expected?: number; unexpected?: number; skipped?: number; flaky?: number } }).stats : undefined;
    return {
      combination,
      exitCode,
      passed: stats?.expected ?? 0,
      failed: stats?.unexpected ?? 0,
      skipped: stats?.skipped ?? 0,
      flaky: stats?.flaky ?? 0,
      durationMs: performance.now() - started,
    };
  } finally {
    await stop(server);
  }
}

async function main(): Promise<number> {
  const separator = process.argv.indexOf('--');
  const own = separator === -1 ? process.argv.slice(2) : process.argv.slice(2, separator);
  const extra = separator === -1 ? [] : process.argv.slice(separator + 1);
  let values;
  try {
    ({ values } = parseArgs({
      args: own,
      options: { only: { type: 'string' }, faults: { type: 'string' }, workers: { type: 'string', default: '2' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    log(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let selected = combinations();
  if (values.only) {
    const wanted = values.only.split(',').map((entry) => entry.trim()).filter(Boolean);
    const unknown = wanted.filter((entry) => !selected.some((c) => c.name === entry || c.loginUi === entry));
    if (unknown.length > 0) {
      log(`--only: no combination ${unknown.join(', ')}; there are ${selected.map((c) => c.name).join(', ')}`);
      return 2;
    }
    selected = selected.filter((c) => wanted.includes(c.name) || wanted.includes(c.loginUi));
  }
  if (!/^[1-9]\d*$/.test(values.workers)) {
    log('--workers: expected a positive whole number');
    return 2;
  }
  if (values.list) {
    for (const c of selected) process.stdout.write(`${c.name}\tunknown-client error ${c.unknownClientError}\n`);
    return 0;
  }

  const specs = readdirSync(join(ROOT, 'tests', 'e2e'))
    .filter((file) => file.endsWith('.spec.ts') && !TARGET_INDEPENDENT.has(file))
    .map((file) => `tests/e2e/${file}`);
  const emptyEnvFile = join(mkdtempSync(join(tmpdir(), 'stage-matrix-env-')), 'empty.env');
  writeFileSync(emptyEnvFile, '');

  const started = performance.now();
  const outcomes: Outcome[] = [];
  for (const combination of selected) {
    log(`\n=== stage matrix: ${combination.name} (unknown-client error ${combination.unknownClientError}${values.faults ? `, faults ${values.faults}` : ''})`);
    const outcome = await runCombination(combination, { faults: values.faults, workers: values.workers, specs, extra, emptyEnvFile }).catch((error: unknown): Outcome => {
      log(`${combination.name}: ${error instanceof Error ? error.message : String(error)}`);
      return { combination, exitCode: null, passed: 0, failed: 0, skipped: 0, flaky: 0, durationMs: 0 };
    });
    outcomes.push(outcome);
    process.stdout.write(
      `${outcome.exitCode === 0 ? 'PASS' : 'FAIL'}  ${combination.name.padEnd(20)} ${String(outcome.passed).padStart(3)} passed ${String(outcome.failed).padStart(3)} failed ${String(outcome.flaky).padStart(2)} flaky  ${(outcome.durationMs / 1000).toFixed(1)} s\n`,
    );
  }
  const failed = outcomes.filter((outcome) => outcome.exitCode !== 0);
  process.stdout.write(`stage matrix: ${outcomes.length - failed.length}/${outcomes.length} combinations passed in ${((performance.now() - started) / 1000).toFixed(0)} s${values.faults ? ` (faults ${values.faults}: failures expected)` : ''}\n`);
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
