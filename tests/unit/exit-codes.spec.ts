import { test, expect } from '../../fixtures/index.js';
import { FAILURE_EXIT_CODES, HarnessError, TRANSIENT_REASONS, toHarnessError } from '../../lib/errors.js';
import { DESIGN_EXIT_CODES } from './design-contract.js';


test.describe('exit codes', () => {
  test('every failure reason maps to the documented exit code', () => {
    expect(FAILURE_EXIT_CODES).toEqual(DESIGN_EXIT_CODES);
    for (const [reason, code] of Object.entries(DESIGN_EXIT_CODES)) {
      expect(new HarnessError(reason as keyof typeof FAILURE_EXIT_CODES, 'x').exitCode).toBe(code);
    }
  });

  test('only timeouts and network failures count as transient', () => {
    expect([...TRANSIENT_REASONS].sort()).toEqual(['network', 'timeout']);
  });

  test('unknown errors are classified by their shape', () => {
    expect(toHarnessError(Object.assign(new Error('page.goto: Timeout 100ms exceeded.'), { name: 'TimeoutError' })).reason).toBe('timeout');
    expect(toHarnessError(new Error('connect ECONNREFUSED 127.0.0.1:9')).reason).toBe('network');
    expect(toHarnessError(new Error('locator.fill: Execution context was destroyed, most likely because of a navigation')).reason).toBe('unexpected_page');
  });

  test('an unknown error is internal (exit 70), never contract broken or degraded', () => {
    for (const error of [new TypeError("Cannot read properties of undefined (reading 'x')"), new Error('something else'), 'a thrown string', undefined]) {
      const failure = toHarnessError(error);
      expect(failure.reason).toBe('internal');
      expect(failure.exitCode).toBe(70);
      expect(failure.message).toMatch(/^internal error \(a bug in the harness\): /);
    }
  });
});
