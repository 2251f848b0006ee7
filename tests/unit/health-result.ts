/** A health result for unit tests: healthy, with every phase timed; override what a test is about. */
import type { HealthResult } from '../../lib/health/types.js';

export function healthResult(overrides: Partial<HealthResult> = {}): HealthResult {
  return {
    status: 'healthy',
    reason: undefined,
    message: undefined,
    target: 'https://oauth-ap-northeast-2-development.rayteams.com',
    startedAt: new Date('2025-01-02T03:04:05.678Z'),
    durationMs: 1_500,
    phases: { loginScreenMs: 300, signInMs: 700, tokenExchangeMs: 120, totalMs: 1_200 },
    exceeded: [],
    attempts: 1,
    artifacts: [],
    ...overrides,
  };
}
