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
    expect(toHarnessError(new Error('something else')).reason).toBe('unexpected_page');
  });
});
