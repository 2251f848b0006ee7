/**
 * How whatever goes wrong during the journey becomes one named failure (Playwright's own errors
 * read by lib/journey/playwright-errors.ts).
 */
import type { Page } from '@playwright/test';
import { LoginScreenNotRecognisedError } from '../../pages/LoginPage.js';
import { ScreenFailure } from '../../pages/screen.js';
import { HarnessError, isHarnessError, type FailureReason } from '../errors.js';
import { safeUrl } from '../redaction/safe-url.js';
import { classifyPlaywrightError, failedUrlOf, isInterruptedNavigation, networkErrorCode } from './playwright-errors.js';

/** Every reason a page object may name is one of the harness's failures. */
const asFailureReason = (reason: ScreenFailure['reason']): FailureReason => reason;

/** With a session cookie the authorize request can hop to the (captured) callback mid-navigation. */
export function ignoreInterruptedNavigation(error: unknown): void {
  if (isInterruptedNavigation(error)) return;
  throw error;
}

export function classify(error: unknown, page: Page, timeoutMs: number, baseUrl: string): HarnessError {
  const lastUrl = safeUrl(page.url());
  if (isHarnessError(error)) return error;
  if (error instanceof ScreenFailure) return new HarnessError(asFailureReason(error.reason), error.message, { cause: error, lastUrl });
  if (error instanceof LoginScreenNotRecognisedError) return new HarnessError('unexpected_page', error.message, { cause: error, lastUrl });
  const message = error instanceof Error ? error.message : String(error);
  const networkError = networkErrorCode(error);
  if (networkError !== undefined && networkError !== 'net::ERR_ABORTED') {
    // Playwright names the URL it failed on: only the login service's own origin is "the login service".
    const failedOrigin = originIn(failedUrlOf(error));
    if (failedOrigin !== undefined && failedOrigin !== new URL(baseUrl).origin) {
      return new HarnessError('network', `cannot reach ${failedOrigin} (not the login service, ${new URL(baseUrl).origin}): ${networkError}`, { cause: error, lastUrl });
    }
    return new HarnessError('network', `cannot reach the login service: ${networkError}`, { cause: error, lastUrl });
  }
  const kind = classifyPlaywrightError(error);
  if (kind === 'timeout') {
    return new HarnessError('timeout', `no callback within ${timeoutMs} ms; last page: ${lastUrl}`, { cause: error, lastUrl });
  }
  if (kind === 'closed') {
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
