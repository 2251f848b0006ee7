/**
 * SIGINT and SIGTERM to the node process end a run within 2 s with 130/143 and are never a login
 * result: no state change, no webhook post, no failure metrics, no result file; the browser is gone
 * and nothing is left in the temporary directory (Playwright's profile and playwright-tracing-*
 * folders, `.tmp` files). The login hangs (slow-login) so the signal lands mid-journey, with the
 * browser up and a trace recording.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { EMPTY_ENV_FILE, cleanEnv } from './run-cli.js';

interface Interrupted {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** from the signal to the process's exit */
  exitMs: number;
}

/** Starts `node scripts/run.mjs <command>`, waits until the journey is signing in, sends `signal`. */
function interruptMidLogin(command: string, args: string[], env: Record<string, string>, signal: NodeJS.Signals): Promise<Interrupted> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/run.mjs', command, '--env-file', EMPTY_ENV_FILE, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalledAt = 0;
    const guard = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (signalledAt === 0 && /Sign in/.test(stderr)) {
        signalledAt = performance.now();
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(guard);
      resolve({ exitCode, stdout, stderr, exitMs: signalledAt === 0 ? Number.NaN : performance.now() - signalledAt });
    });
  });
}

async function startWebhook(): Promise<{ url: string; posts: () => number; server: Server }> {
  let posts = 0;
  const server = createServer((request, response) => {
    posts += 1;
    response.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, posts: () => posts, server };
}

/** Processes whose command line mentions `dir` (the browser's profile lives under TMPDIR). */
function processesUsing(dir: string): string[] {
  const lines = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.includes(dir) && !line.includes('ps -eo'));
}

// @linux-only: the leftover-process check reads /proc (tests/cli/process-tree.ts).
test.describe('cancellation', { tag: ['@local-only', '@linux-only'] }, () => {
  test.describe.configure({ mode: 'parallel' });
  let scratch: string;

  test.beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'harness-cancel-'));
  });

  test.afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    test(`health-check: ${signal} mid-login exits ${code} within 2 s, publishes nothing, leaves nothing`, async () => {
      const temp = join(scratch, 'tmp');
      const stateFile = join(scratch, 'state.json');
      const metricsFile = join(scratch, 'metrics', 'login.prom');
      const state = `${JSON.stringify({ status: 'healthy', since: '2026-01-01T00:00:00.000Z', last_success_at: '2026-01-01T00:00:00.000Z' }, null, 2)}\n`;
      writeFileSync(stateFile, state);
      const webhook = await startWebhook();
      try {
        mkdirSync(temp);
        const run = await interruptMidLogin('health-check', ['--json', '--metrics-file', metricsFile, '--artifacts-dir', join(scratch, 'artifacts'), '--timeout', '20000'], {
          TMPDIR: temp,
          MOCK_FAULTS: 'slow-login=30000',
          HEALTH_STATE_FILE: stateFile,
          HEALTH_WEBHOOK_URL: webhook.url,
        }, signal);

        expect(run.exitCode, run.stderr).toBe(code);
        expect(run.exitMs).toBeLessThan(2_000);
        expect(run.stderr).toContain(`interrupted by ${signal}`);
        expect(run.stdout, 'no JSON result').toBe('');
        expect(readFileSync(stateFile, 'utf8'), 'state unchanged').toBe(state);
        expect(existsSync(metricsFile), 'no metrics').toBe(false);
        expect(webhook.posts(), 'no webhook post').toBe(0);
        // Polled: the browser's processes are killed as the command exits, and on a busy machine the
        // last of them can still be winding down its files for a moment after.
        await expect.poll(() => readdirSync(temp), { message: 'nothing left in TMPDIR', timeout: 2_000 }).toEqual([]);
        await expect.poll(() => processesUsing(temp), { message: 'no browser left running', timeout: 2_000 }).toEqual([]);
      } finally {
        webhook.server.closeAllConnections();
        webhook.server.close();
      }
    });
  }

  test('get-code: SIGTERM mid-login exits 143 within 2 s and writes no result file', async () => {
    const temp = join(scratch, 'tmp');
    mkdirSync(temp);
    const out = join(scratch, 'codes.txt');
    const run = await interruptMidLogin('get-code', ['--out', out, '--timeout', '20000'], { TMPDIR: temp, MOCK_FAULTS: 'slow-login=30000' }, 'SIGTERM');

    expect(run.exitCode, run.stderr).toBe(143);
    expect(run.exitMs).toBeLessThan(2_000);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(scratch).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Polled, as above: the killed browser's last processes may still be winding down for a moment.
    await expect.poll(() => readdirSync(temp), { message: 'nothing left in TMPDIR', timeout: 2_000 }).toEqual([]);
    await expect.poll(() => processesUsing(temp), { message: 'no browser left running', timeout: 2_000 }).toEqual([]);
  });
});
