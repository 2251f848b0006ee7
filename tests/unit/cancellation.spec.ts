import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../../fixtures/index.js';
import { SIGNAL_EXIT_CODES } from '../../lib/platform/cancellation.js';

const CHILD = fileURLToPath(new URL('./cancellation-child.ts', import.meta.url));

test.describe('cancellation', () => {
  test('exit codes are 128 + the signal number, interrupts 130', () => {
    expect(SIGNAL_EXIT_CODES).toEqual({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129, SIGBREAK: 130 });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal} during an atomic write exits ${SIGNAL_EXIT_CODES[signal]} and leaves no .tmp file`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'harness-cancel-unit-'));
      try {
        const temporary = join(dir, '.login.prom.1.abcd.tmp');
        const child = spawn(process.execPath, ['--import', 'tsx', CHILD, temporary], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout.on('data', () => child.kill(signal));
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        expect(code, stderr).toBe(SIGNAL_EXIT_CODES[signal]);
        expect(stderr).toContain(`interrupted by ${signal}`);
        expect(existsSync(temporary)).toBe(false);
        expect(readdirSync(dir)).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
