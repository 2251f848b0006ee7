import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../../fixtures/index.js';
import { FileWriteError, appendFileChecked, writeFileAtomic } from '../../lib/platform/atomic-file.js';

test.describe('writeFileAtomic', () => {
  test('replaces a world-readable file with a 0600 one, even under umask 000, and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'codes.txt');
    writeFileSync(path, 'old', { mode: 0o666 });
    const umask = process.umask(0);
    try {
      await writeFileAtomic(path, 'new');
    } finally {
      process.umask(umask);
    }
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['codes.txt']);
  });

  test('takes another mode when asked (metrics others read) and creates missing directories', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'atomic-')), 'metrics', 'login.prom');
    await writeFileAtomic(path, 'up 1\n', 0o644);
    expect(statSync(path).mode & 0o777).toBe(0o644);
  });

  test('a failed rename keeps the old file and removes the temporary one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    mkdirSync(join(dir, 'target'));
    writeFileSync(join(dir, 'target', 'inside'), 'x');
    await expect(writeFileAtomic(join(dir, 'target'), 'data')).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['target']);
  });

  // @linux-only: /proc is what made writes spin, and only Linux has it (on Windows /proc/nope is a folder that can be made).
  test('a file that cannot exist fails at once with exit 2, naming the file (no spin under /proc)', { tag: '@linux-only' }, async () => {
    for (const path of ['/proc/nope/x', '/proc/nope/deeper/state.json', '/dev/null/x']) {
      const started = performance.now();
      const failure = await writeFileAtomic(path, 'x').then(() => undefined, (error: unknown) => error);
      expect(failure).toBeInstanceOf(FileWriteError);
      expect((failure as FileWriteError).exitCode).toBe(2);
      expect((failure as FileWriteError).message).toMatch(new RegExp(`^cannot write ${path}: E[A-Z]+$`));
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });

  test('appendFileChecked fails the same way', { tag: '@linux-only' }, async () => {
    const failure = await appendFileChecked('/proc/nope/summary.md', 'x').then(() => undefined, (error: unknown) => error);
    expect((failure as FileWriteError).message).toMatch(/^cannot write \/proc\/nope\/summary.md: /);
  });
});
