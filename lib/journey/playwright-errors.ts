/**
 * Playwright's errors, read in one place. Its messages are the only thing that tells a page that
 * closed under an action from a page that navigated away or a network that failed; every place that
 * has to tell them apart asks here instead of matching the text itself.
 */

export type PlaywrightFailure =
  /** the page, context or browser closed (or its object was already gone: "Cannot find parent object") */
  | 'closed'
  /** the document was replaced under the call (navigation, re-render): look again */
  | 'navigated'
  /** a navigation was interrupted by another one */
  | 'interrupted'
  /** the browser could not load something: net::ERR_* */
  | 'network'
  /** a Playwright timeout */
  | 'timeout'
  | undefined;

const CLOSED = /Target page, context or browser has been closed|Target closed|Browser has been closed|browser has disconnected|Cannot find parent object|has been closed|Connection closed/i;
const NAVIGATED = /Execution context was destroyed|Cannot find context with specified id|frame was detached|Frame was detached|most likely because of a navigation/i;
const INTERRUPTED = /is interrupted by another navigation|navigation to .* interrupted|net::ERR_ABORTED/i;
const NETWORK = /net::ERR_[A-Z_]+/;
const TIMEOUT = /Timeout \d+ms exceeded/i;
/**
 * Anything that says the document or element an action ran in went away under it. Broad on
 * purpose: Playwright's call log names the navigation it was in ("navigating to …").
 */
const GONE_UNDER_ACTION = /Execution context was destroyed|Cannot find context|frame was detached|Element is not attached|element was detached|not attached to the DOM|Target page, context or browser has been closed|navigat/i;
/** Playwright names the URL it failed to load after " at ". */
const FAILED_AT = / at (\S+)/;
const TRACING_RUNNING = /Tracing has been already started/i;

export function classifyPlaywrightError(error: unknown): PlaywrightFailure {
  if (!(error instanceof Error)) return undefined;
  const message = error.message;
  if (error.name === 'TimeoutError' || TIMEOUT.test(message)) return 'timeout';
  if (CLOSED.test(message)) return 'closed';
  if (INTERRUPTED.test(message)) return 'interrupted';
  if (NAVIGATED.test(message)) return 'navigated';
  if (NETWORK.test(message)) return 'network';
  return undefined;
}

/** The net::ERR_… code in a Playwright message, if any. */
export function networkErrorCode(error: unknown): string | undefined {
  return error instanceof Error ? NETWORK.exec(error.message)?.[0] : undefined;
}

/**
 * A re-render or navigation under an action or a look: the element or the document it ran in went
 * away, and the next look sees the new screen. Callers check a closed page apart: that is no re-render.
 */
export function isReRender(error: unknown): boolean {
  return error instanceof Error && GONE_UNDER_ACTION.test(error.message);
}

/** A navigation cut short by another one (the authorize request hopping to the callback). */
export function isInterruptedNavigation(error: unknown): boolean {
  return error instanceof Error && INTERRUPTED.test(error.message);
}

/** The URL a failed load names, if any (it may carry a query: never show it unsanitised). */
export function failedUrlOf(error: unknown): string | undefined {
  return error instanceof Error ? FAILED_AT.exec(error.message)?.[1] : undefined;
}

/** Someone else already traces this context (Playwright's test runner traces every context it sees). */
export function isTracingAlreadyStarted(error: unknown): boolean {
  return error instanceof Error && TRACING_RUNNING.test(error.message);
}
