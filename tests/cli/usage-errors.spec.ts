/**
 * Every configuration or usage mistake exits 2 with one line naming it, before a browser starts
 * (so fast, and without the "No Chromium found" or "unexpected page" a later failure would show),
 * never echoing a value that could be a secret. Whole processes, as a pipeline runs them.
 */
import { test, expect } from '../../fixtures/index.js';
import { runNpmScript, runScript } from './run-cli.js';

const REMOTE = { OAUTH_CLIENT_ID: 'c', OAUTH_REDIRECT_URI: 'https://app.example.com/cb', TEST_USERNAME: 'u', TEST_PASSWORD: 'Remote-Pa55word' };

const CASES: Array<{ name: string; command: 'get-code' | 'health-check'; args?: string[]; env?: Record<string, string>; message: RegExp; hidden?: string[] }> = [
  { name: '--timeout 1', command: 'get-code', args: ['--timeout', '1'], message: /--timeout 1 ms is too small a budget/ },
  { name: '--timeout above 2^31 ms', command: 'health-check', args: ['--timeout', '2147483648'], message: /--timeout must be at most 600000/ },
  { name: 'an invalid LOGIN_SUBMIT_SELECTOR', command: 'health-check', env: { LOGIN_SUBMIT_SELECTOR: 'button[' }, message: /LOGIN_SUBMIT_SELECTOR: not a valid CSS selector/ },
  { name: 'a newline in TEST_USERNAME', command: 'get-code', env: { TEST_USERNAME: 'tester@example.com\n::error::forged' }, message: /TEST_USERNAME: contains a control character/, hidden: ['::error::forged'] },
  { name: 'credentials in OAUTH_BASE_URL', command: 'health-check', env: { ...REMOTE, OAUTH_BASE_URL: 'https://admin:Hunter2-pw@oauth.example.com' }, message: /OAUTH_BASE_URL: must not contain credentials/, hidden: ['Hunter2-pw', 'admin:'] },
  { name: 'CODE_TTL_SECONDS=0x10', command: 'get-code', env: { CODE_TTL_SECONDS: '0x10' }, message: /CODE_TTL_SECONDS: must be a plain whole number/ },
  { name: 'a javascript: webhook', command: 'health-check', env: { HEALTH_WEBHOOK_URL: 'javascript:alert(1)' }, message: /HEALTH_WEBHOOK_URL: must be an http\(s\) URL/, hidden: ['alert(1)'] },
  // CODE_PATTERN runs on RE2 (linear time): a nested quantifier is harmless there; a backreference is refused.
  { name: 'a CODE_PATTERN RE2 cannot run', command: 'get-code', env: { CODE_PATTERN: '^([0-9a-f])\\1$' }, message: /CODE_PATTERN: .*RE2/ },
];

test.describe('usage and configuration errors exit 2 before a browser starts', () => {
  for (const { name, command, args = [], env = {}, message, hidden = [] } of CASES) {
    test(`${command}: ${name}`, async () => {
      const run = await runScript(command, ['--quiet', ...args], env, 30_000);
      expect(run.exitCode, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
      for (const value of hidden) expect(run.stderr).not.toContain(value);
      // No browser was started: nothing said about Chromium or a page.
      expect(run.stderr).not.toMatch(/Chromium|page/);
    });
  }

  test('npm run get-code: a missing --env-file exits 2 naming the file (Node 20 itself would exit 9)', async () => {
    const run = await runNpmScript('get-code', ['--quiet', '--env-file', 'no-such-dir/harness.env'], {}, 30_000);
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/--env-file: no such file: no-such-dir\/harness.env/);
    expect(run.stderr).not.toMatch(/^node: /m);
  });

  // @linux-only: /proc/nope cannot exist only on Linux.
  // The check still runs and its result is still reported (losing it would hide an outage): exit 2 after.
  test('health-check: an unwritable HEALTH_STATE_FILE exits 2 naming the file', { tag: '@linux-only' }, async () => {
    const run = await runScript('health-check', ['--quiet'], { HEALTH_STATE_FILE: '/proc/nope/s' }, 60_000);
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/could not write the health state file \/proc\/nope\/s: .*E[A-Z]+/);
  });

  test('get-code: an unwritable --out exits 2 naming the file, at once', { tag: '@linux-only' }, async () => {
    const run = await runScript('get-code', ['--quiet', '--out', '/proc/nope/x'], {}, 60_000);
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/cannot write the result to \/proc\/nope\/x: E[A-Z]+/);
    expect(run.stdout).toBe('');
  });

  test('--help under npm speaks of the npm script, as typed in a source checkout', async () => {
    const help = await runNpmScript('get-code', ['--help']);
    expect(help.exitCode, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: npm run -s get-code -- [options]');
    expect(help.stdout).toContain('npm run -s get-code -- --json | jq -r .code');
  });
});
