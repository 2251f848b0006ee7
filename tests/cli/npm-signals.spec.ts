/**
 * SIGTERM and SIGINT sent to the npm process itself (as a process manager or `kill` does, not
 * Ctrl+C, which reaches the whole process group) end `npm run get-code` and `npm run health-check` within 2 s and leave no
 * node or Chromium running, although npm starts the command through a shell that passes neither on
 * (lib/platform/parent-watch.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { descendants, killAll, running } from './process-tree.js';
import { EMPTY_ENV_FILE, cleanEnv } from './run-cli.js';

const RUNS = [
  { script: 'get-code', signal: 'SIGTERM' },
  { script: 'get-code', signal: 'SIGINT' },
  { script: 'health-check', signal: 'SIGTERM' },
  { script: 'health-check', signal: 'SIGINT' },
] as const;

for (const { script, signal } of RUNS) {
  // @linux-only: the process tree is read from /proc (playwright.config.ts leaves these out elsewhere);
  // on macOS /bin/sh is bash, which execs the command anyway.
  test(`${signal} to \`npm run ${script}\` ends npm, node and Chromium within 2 s`, { tag: '@linux-only' }, async () => {
    // The login answer is held back, so the signal arrives mid-run with Chromium open.
    const scratch = mkdtempSync(join(tmpdir(), 'harness-signals-'));
    const extra = { 'get-code': [], 'health-check': ['--artifacts-dir', join(scratch, 'artifacts')] }[script];
    const npm = spawn('npm', ['run', '-s', script, '--', '--env-file', EMPTY_ENV_FILE, '--timeout', '40000', ...extra], {
      env: cleanEnv({ MOCK_FAULTS: 'slow-login=30000', HEALTH_STATE_FILE: join(scratch, 'state.json'), HEALTH_RETRIES: '0' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    npm.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
      npm.on('exit', (code, exitSignal) => resolve({ code, signal: exitSignal, at: performance.now() })),
    );
    let tree: ReturnType<typeof descendants> = [];
    try {
      await expect.poll(() => stderr, { timeout: 30_000, message: 'get-code reached the sign-in' }).toContain('Sign in');
      tree = descendants(npm.pid ?? 0);
      expect(tree.map((proc) => proc.comm)).toEqual(expect.arrayContaining(['node', expect.stringMatching(/chrom/)]));

      const sent = performance.now();
      process.kill(npm.pid ?? 0, signal);
      const exit = await exited;
      expect(exit.at - sent, 'npm exits within 2 s').toBeLessThan(2_000);
      expect(exit.code).not.toBe(0);
      await expect.poll(() => running(tree), { timeout: Math.max(200, 2_000 - (performance.now() - sent)), message: 'nothing left running 2 s after the signal' }).toEqual([]);
      expect(stderr).not.toMatch(/^[0-9a-f]{8}-/m);
    } finally {
      killAll(tree);
      npm.kill('SIGKILL');
      rmSync(scratch, { recursive: true, force: true });
    }
  });
}
