import { test, expect } from '../../fixtures/index.js';
import { FAILURE_EXIT_CODES, HarnessError, TRANSIENT_REASONS, toHarnessError } from '../../lib/errors.js';

/** DESIGN.md "Exit codes of get-code and health-check": pipelines branch on these numbers. */
const DESIGN_TABLE: Record<string, number> = {
  usage: 2,
  config: 2,
  credentials_rejected: 3,
  account_locked: 3,
  server_error: 4,
  authorization_error: 4,
  token_error: 4,
  timeout: 5,
  network: 5,
  unexpected_page: 6,
  bad_code: 6,
  state_mismatch: 6,
};

test.describe('exit codes', () => {
  test('every failure reason maps to the documented exit code', () => {
    expect(FAILURE_EXIT_CODES).toEqual(DESIGN_TABLE);
    for (const [reason, code] of Object.entries(DESIGN_TABLE)) {
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
