/**
 * The harness as other projects get it: packed (`npm pack`, which builds dist/ from scratch through
 * `prepack`), installed from the tarball into a fresh `npm init -y` project, then used through its
 * `bin` and as a library from plain .mjs and from .ts under tsx. Dependencies come from the registry
 * (or npm's cache), as for any user.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { npm, packHarness, ROOT } from './pack.js';
import { cleanEnv, run } from './run-cli.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test.describe.serial('the installed package', () => {
  // One pack and one install for the whole group: each takes several seconds.
  test.describe.configure({ timeout: 240_000 });
  let scratch = '';
  let consumer = '';
  let files: string[] = [];
  let installWarnings: string[] = [];
  const inConsumer = (command: string, args: string[]) => run(command, args, cleanEnv(), 60_000, consumer);

  test.beforeAll(async () => {
    // npm pack (a clean build with types) and npm install: a minute or more on a loaded machine.
    test.setTimeout(240_000);
    scratch = mkdtempSync(join(tmpdir(), 'harness-package-'));
    const packed = await packHarness(scratch);
    files = packed.files;

    consumer = join(scratch, 'consumer');
    cpSync(join(ROOT, 'tests/cli/consumer'), consumer, { recursive: true });
    expect((await npm(['init', '-y'], consumer)).exitCode).toBe(0);
    const install = await npm(['install', packed.tarball], consumer);
    expect(install.exitCode, install.stderr).toBe(0);
    installWarnings = `${install.stdout}\n${install.stderr}`.split('\n').filter((line) => /^npm (warn|WARN)/.test(line));
  });

  test.afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('the tarball holds what runs: bin, built JavaScript and types, no sources, tests or workflows', () => {
    expect(files).toEqual(expect.arrayContaining(['bin/rayteams-login.mjs', 'dist/index.js', 'dist/commands/get-code.js', 'dist/types/lib/index.d.ts', 'package.json', 'README.md']));
    expect(files.filter((file) => /^(\.github|\.ci|scripts|lib|pages|mock-server|fixtures|action)\/|(^|\/)tests?\/|\.spec\.|\.map$|^dist\/setup\.js$/.test(file))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
  });

  test('the manifest is fit to publish: a license with its file, the repository, no install-time script, runtime dependencies only', () => {
    const installed = join(consumer, 'node_modules', 'rayteams-login-harness');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown> & { scripts?: Record<string, string>; dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }> };
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository).toEqual({ type: 'git', url: 'git+https://github.com/rayteams/login-harness.git' });
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} RayTeams login harness authors\n/);
    // npm runs (or, since npm 11, warns about) these on install; the tarball ships no build to run them with.
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts?.[script], script).toBeUndefined();
    // dist/ imports neither: Allure is the test suite's reporter, @playwright/test only lends its types.
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('allure-playwright');
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('@playwright/test');
    expect(manifest.peerDependencies?.['@playwright/test']).toBeDefined();
    expect(manifest.peerDependenciesMeta?.['@playwright/test']?.optional).toBe(true);
    expect(installWarnings).toEqual([]);
  });

  test('the monitoring kit is inside: alert rules, their promtool tests and the dashboard', () => {
    expect(files).toEqual(expect.arrayContaining(['monitoring/prometheus/login-health.rules.yml', 'monitoring/prometheus/login-health.rules.test.yml', 'monitoring/grafana/login-health.dashboard.json', 'LICENSE']));
  });

  test('npx rayteams-login get-code prints a code from the embedded server; every subcommand has --help and --version', async () => {
    const npx = join(consumer, 'node_modules', '.bin', process.platform === 'win32' ? 'rayteams-login.cmd' : 'rayteams-login');
    const result = await inConsumer(npx, ['get-code', '--quiet']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.trim()).toMatch(UUID);
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    for (const command of ['get-code', 'health-check', 'mock-server', 'scan-artifacts']) {
      const help = await inConsumer(npx, [command, '--help']);
      expect(help.exitCode, `${command} --help`).toBe(0);
      expect(help.stdout).toMatch(/Usage/);
      const shown = await inConsumer(npx, [command, '--version']);
      expect(shown.stdout.trim(), `${command} --version`).toBe(version);
    }
    const unknown = await inConsumer(npx, ['get-codes']);
    expect(unknown.exitCode).toBe(2);
  });

  test('installed, --help speaks of the bin people type (rayteams-login …), not the npm script, and lists every exit code', async () => {
    const npx = join(consumer, 'node_modules', '.bin', process.platform === 'win32' ? 'rayteams-login.cmd' : 'rayteams-login');
    const exitCodes: Record<string, number[]> = {
      'get-code': [0, 2, 3, 4, 5, 6, 70, 129, 130, 143],
      'health-check': [0, 1, 2, 3, 4, 5, 6, 70, 129, 130, 143],
      'scan-artifacts': [0, 1, 2, 70, 129, 130, 143],
    };
    for (const [command, codes] of Object.entries(exitCodes)) {
      const help = await inConsumer(npx, [command, '--help']);
      expect(help.stdout, `${command} --help`).toContain(`Usage: rayteams-login ${command} [options]`);
      expect(help.stdout, `${command} --help`).not.toContain('npm run');
      const listed = new Set([...help.stdout.slice(help.stdout.indexOf('Exit codes:')).matchAll(/\b(\d{1,3})\b/g)].map((m) => Number(m[1])));
      expect(codes.filter((code) => !listed.has(code)), `${command} --help: exit codes not listed`).toEqual([]);
    }
  });

  test('a plain .mjs consumer and a .ts consumer under tsx (CommonJS project) both get a code', async () => {
    expect((JSON.parse(readFileSync(join(consumer, 'package.json'), 'utf8')) as { type?: string }).type ?? 'commonjs').toBe('commonjs');
    for (const [command, args] of [
      [process.execPath, ['pipeline.mjs']],
      [join(ROOT, 'node_modules', '.bin', 'tsx'), ['pipeline.ts']],
    ] as const) {
      const result = await inConsumer(command, [...args]);
      expect(result.exitCode, result.stderr).toBe(0);
      const output = JSON.parse(result.stdout) as { code: string; codeVerifier: string };
      expect(output.code).toMatch(UUID);
      expect(output.codeVerifier.length).toBeGreaterThanOrEqual(43);
    }
  });

  test("the .ts consumer typechecks against the package's own .d.ts", async () => {
    // Node's types as the consumer would install them (@types/node), borrowed from this checkout.
    const compilerOptions = { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, skipLibCheck: true, typeRoots: [join(ROOT, 'node_modules', '@types')], types: ['node'] };
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['pipeline.ts'] }));
    const tsc = await inConsumer(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
    expect(tsc.exitCode, tsc.stdout).toBe(0);
  });
});
