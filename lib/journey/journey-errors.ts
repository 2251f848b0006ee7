/**
 * How whatever goes wrong during the journey becomes one named failure, and which errors of
 * Playwright only mean "the screen changed under the action, look again".
 */
import type { Page } from '@playwright/test';
import { LoginScreenNotRecognisedError } from '../../pages/LoginPage.js';
import { ScreenFailure } from '../../pages/screen.js';
import { HarnessError, isHarnessError, type FailureReason } from '../errors.js';
import { safeUrl } from '../redaction/safe-url.js';

/** Every reason a page object may name is one of the harness's failures. */
const asFailureReason = (reason: ScreenFailure['reason']): FailureReason => reason;

/**
 * A re-render or navigation under an action or a look: the element or the document it ran in went
 * away. The next look sees the new screen. (A closed page is checked apart: that is no re-render.)
 */
export function isReRender(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /Execution context was destroyed|Cannot find context|frame was detached|Element is not attached|element was detached|not attached to the DOM|Target page, context or browser has been closed|navigat/i.test(error.message);
}

/** With a session cookie the authorize request can hop to the (captured) callback mid-navigation. */
export function ignoreInterruptedNavigation(error: unknown): void {
  if (error instanceof Error && /is interrupted by another navigation|net::ERR_ABORTED/.test(error.message)) return;
  throw error;
}

export function classify(error: unknown, page: Page, timeoutMs: number, baseUrl: string): HarnessError {
  const lastUrl = safeUrl(page.url());
  if (isHarnessError(error)) return error;
  if (error instanceof ScreenFailure) return new HarnessError(asFailureReason(error.reason), error.message, { cause: error, lastUrl });
  if (error instanceof LoginScreenNotRecognisedError) return new HarnessError('unexpected_page', error.message, { cause: error, lastUrl });
  const message = error instanceof Error ? error.message : String(error);
  const networkError = /net::ERR_[A-Z_]+/.exec(message)?.[0];
  if (networkError !== undefined && networkError !== 'net::ERR_ABORTED') {
    // Playwright names the URL it failed on: only the login service's own origin is "the login service".
    const failedOrigin = originIn(/ at (\S+)/.exec(message)?.[1]);
    if (failedOrigin !== undefined && failedOrigin !== new URL(baseUrl).origin) {
      return new HarnessError('network', `cannot reach ${failedOrigin} (not the login service, ${new URL(baseUrl).origin}): ${networkError}`, { cause: error, lastUrl });
    }
    return new HarnessError('network', `cannot reach the login service: ${networkError}`, { cause: error, lastUrl });
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || /Timeout \d+ms exceeded/i.test(message))) {
    return new HarnessError('timeout', `no callback within ${timeoutMs} ms; last page: ${lastUrl}`, { cause: error, lastUrl });
  }
  if (/Target page, context or browser has been closed|Target closed/i.test(message)) {
    return new HarnessError('network', 'the browser closed before the login finished', { cause: error, lastUrl });
  }
  // Playwright's messages can quote URLs with state and codes in them: keep the first line, minus queries.
  const firstLine = (message.split('\n')[0] ?? '').replace(/(https?:\/\/[^\s?]+)\?\S*/g, '$1');
  return new HarnessError('unexpected_page', `${firstLine} (last page: ${lastUrl})`, { cause: error, lastUrl });
}

function originIn(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return new URL(text).origin;
  } catch {
    return undefined;
  }
}

/** The one URL sanitiser (no userinfo, query or fragment), for the journey's messages. */
export { safeUrl };
