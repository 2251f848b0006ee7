/**
 * The command line's small promises: --json as shorthand, `export` lines a child process sees,
 * "code 3/10" progress, --version on every command, and health-check --json printing JSON for
 * every exit, usage and configuration mistakes included.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { UUID, getCode } from './get-code-run.js';
import { runScript } from './run-cli.js';

const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

test.describe('command-line flags', () => {
  test('get-code --json is --format json; combined with another format it is a usage error', async () => {
    const result = await getCode(['--json', '--quiet']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { code: string }).code).toMatch(UUID);
    const clash = await getCode(['--json', '--format', 'env']);
    expect(clash.exitCode).toBe(2);
    expect(clash.stderr).toMatch(/--json is short for --format json.*\[usage\]/);
  });

  // @posix: sources the lines in sh (playwright.config.ts leaves it out on Windows).
  test('get-code --format env lines are `export NAME=…`: a child process of the shell that reads them sees the code', { tag: '@posix' }, async () => {
    const result = await getCode(['--format', 'env', '--quiet']);
    expect(result.exitCode, result.stderr).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'harness-env-'));
    try {
      writeFileSync(join(dir, 'code.env'), result.stdout);
      // `. file` then a separate child process: only exported variables reach it.
      const child = spawnSync('sh', ['-c', `. "$1" && node -e 'process.stdout.write(process.env.OAUTH_CODE ?? "missing")'`, 'sh', join(dir, 'code.env')], { encoding: 'utf8' });
      expect(child.stdout).toMatch(UUID);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('get-code --count shows which code of how many it is getting', async () => {
    const result = await getCode(['--count', '3']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(3);
    expect(result.stderr.split('\n').filter((line) => /^code \d+\/\d+$/.test(line))).toEqual(['code 1/3', 'code 2/3', 'code 3/3']);
  });

  test('every command prints the version with --version, and exits 0 without doing anything else', async () => {
    for (const command of ['get-code', 'health-check', 'mock-server', 'scan-artifacts']) {
      const result = await runScript(command, ['--version']);
      expect(result.exitCode, command).toBe(0);
      expect(result.stdout, command).toBe(`${VERSION}\n`);
      expect(result.stderr, command).toBe('');
    }
  });

  test('health-check --json prints a JSON result on a usage or configuration error too (exit 2)', async () => {
    const usage = await runScript('health-check', ['--json', '--timeout', 'soon']);
    expect(usage.exitCode).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ status: 'error', reason: 'usage', exit_code: 2, message: expect.stringContaining('--timeout') });

    const config = await runScript('health-check', ['--json'], { OAUTH_BASE_URL: 'not a url', TEST_PASSWORD: 'Sekr3t-Config-Pw' });
    expect(config.exitCode).toBe(2);
    const json = JSON.parse(config.stdout) as { status: string; reason: string };
    expect(json).toMatchObject({ status: 'error', reason: 'config', exit_code: 2 });
    expect(config.stdout).not.toContain('Sekr3t-Config-Pw');
    // Without --json stdout stays empty, as before.
    const plain = await runScript('health-check', ['--timeout', 'soon']);
    expect(plain.stdout).toBe('');
  });
});
