/**
 * Playwright's errors of a closing page, a replaced document or a failed load are login results
 * (network, timeout, unexpected page), never "internal" and never exit 1.
 */
import { test, expect } from '../../fixtures/index.js';
import { toHarnessError } from '../../lib/errors.js';
import { classifyPlaywrightError, failedUrlOf, isInterruptedNavigation, isReRender, isTracingAlreadyStarted } from '../../lib/journey/playwright-errors.js';

const error = (message: string, name = 'Error') => Object.assign(new Error(message), { name });

test.describe('Playwright errors', () => {
  const cases: Array<[string, Error, ReturnType<typeof classifyPlaywrightError>, string]> = [
    ['parent object gone', error('page.goto: Cannot find parent object page@3f2a1b'), 'closed', 'network'],
    ['page closed', error('locator.click: Target page, context or browser has been closed'), 'closed', 'network'],
    ['browser gone', error('browserContext.newPage: Browser has been closed'), 'closed', 'network'],
    ['context destroyed', error('page.evaluate: Execution context was destroyed, most likely because of a navigation'), 'navigated', 'unexpected_page'],
    ['interrupted', error('page.goto: Navigation to "http://x/" is interrupted by another navigation to "http://y/"'), 'interrupted', 'unexpected_page'],
    ['refused', error('page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/oauth2/authorize?state=s'), 'network', 'network'],
    ['too many redirects', error('page.goto: net::ERR_TOO_MANY_REDIRECTS at http://127.0.0.1:9/loop'), 'network', 'network'],
    ['timeout', error('locator.fill: Timeout 500ms exceeded.', 'TimeoutError'), 'timeout', 'timeout'],
  ];
  for (const [name, thrown, kind, reason] of cases) {
    test(`${name}: ${kind}, reason ${reason}`, () => {
      expect(classifyPlaywrightError(thrown)).toBe(kind);
      const failure = toHarnessError(thrown);
      expect(failure.reason).toBe(reason);
      expect(failure.exitCode).not.toBe(1);
      expect(failure.message).not.toContain('state=s');
    });
  }

  test('a TypeError is ours: internal', () => {
    expect(classifyPlaywrightError(new TypeError('x is undefined'))).toBeUndefined();
    expect(toHarnessError(new TypeError('x is undefined')).reason).toBe('internal');
  });

  test('the journey\'s questions are answered from the same reading', () => {
    // A document replaced or an element detached under an action: look again.
    expect(isReRender(error('locator.click: Element is not attached to the DOM'))).toBe(true);
    expect(isReRender(error('page.evaluate: Execution context was destroyed, most likely because of a navigation'))).toBe(true);
    expect(isReRender(error('locator.fill: Timeout 500ms exceeded.', 'TimeoutError'))).toBe(false);
    expect(isReRender('Execution context was destroyed')).toBe(false);
    expect(isInterruptedNavigation(error('page.goto: Navigation to "http://x/" is interrupted by another navigation to "http://y/"'))).toBe(true);
    expect(isInterruptedNavigation(error('page.goto: net::ERR_ABORTED at http://x/'))).toBe(true);
    expect(isInterruptedNavigation(error('page.goto: net::ERR_CONNECTION_REFUSED at http://x/'))).toBe(false);
    expect(failedUrlOf(error('page.goto: net::ERR_NAME_NOT_RESOLVED at https://login.example.invalid/oauth2/authorize?state=s\nCall log:'))).toBe('https://login.example.invalid/oauth2/authorize?state=s');
    expect(failedUrlOf(error('locator.click: Target closed'))).toBeUndefined();
    expect(isTracingAlreadyStarted(error('tracing.start: Tracing has been already started'))).toBe(true);
    expect(isTracingAlreadyStarted(error('tracing.start: Cannot start tracing while stopping'))).toBe(false);
  });
});
