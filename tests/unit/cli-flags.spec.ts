import { test, expect } from '../../fixtures/index.js';
import { MAX_TIMEOUT_MS, parseIntegerFlag, parseTimeoutFlag } from '../../lib/config/command-line.js';
import { HarnessError } from '../../lib/errors.js';

function usageError(fn: () => unknown): HarnessError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HarnessError) return error;
    throw error;
  }
  throw new Error('expected a usage error');
}

test.describe('--timeout and other number flags', () => {
  test('a budget too small to start a browser says so, as a usage error', () => {
    const error = usageError(() => parseTimeoutFlag('1', 30_000));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^--timeout 1 ms is too small a budget/);
  });

  test('a budget beyond the range of a timer is refused instead of firing at once', () => {
    expect(usageError(() => parseTimeoutFlag(String(2 ** 31), 30_000)).message).toMatch(/at most 600000/);
    expect(usageError(() => parseTimeoutFlag('99999999999999999999999', 30_000)).exitCode).toBe(2);
    expect(parseTimeoutFlag(String(MAX_TIMEOUT_MS), 30_000)).toBe(MAX_TIMEOUT_MS);
    expect(parseTimeoutFlag(undefined, 30_000)).toBe(30_000);
  });

  test('only plain digits', () => {
    for (const value of ['1e4', '0x10', '-5', '10.5', ' 100']) expect(usageError(() => parseIntegerFlag('count', value, 1)).exitCode).toBe(2);
    expect(usageError(() => parseIntegerFlag('retry-backoff', String(2 ** 31), 1, 0)).message).toMatch(/at most 2147483647/);
  });
});
