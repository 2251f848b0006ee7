/**
 * A login page that sends the browser to something that is not a web page (`data:`, `javascript:`,
 * `blob:`, `file:`, `about:`, an app's own scheme) instead of to the callback. Chromium refuses most
 * of these without a word: the page just stays where it was, and the journey would wait out its whole
 * budget for a callback that cannot come, or reload the page and sign in again. So the journey fails
 * at once with `unexpected_page`, naming the scheme only: the rest of such an address is content (a
 * script, a document, perhaps the code itself).
 *
 * Seen through the DevTools protocol, for the main frame: a redirect whose Location has another
 * scheme (Chromium reports the refused hop only as an aborted request), a navigation the page
 * schedules by script or refresh, and a document it commits. A script's `javascript:` navigation is
 * the exception: `href="javascript:void(0)"` on a sign-in link is common and harmless, and what it
 * does shows on the page itself.
 */
import type { CDPSession, Page } from '@playwright/test';
import { HarnessError } from '../errors.js';

export interface ForeignSchemeWatch {
  /** rejects with unexpected_page when the main frame is sent to a non-web address */
  readonly failure: Promise<never>;
  dispose(): void;
}

/** The scheme of `location` when it is not http(s), else undefined; relative locations are web ones. */
export function foreignScheme(location: string, base = 'http://relative.invalid/'): string | undefined {
  let protocol: string;
  try {
    protocol = new URL(location.trim(), base).protocol;
  } catch {
    return undefined;
  }
  return protocol === 'http:' || protocol === 'https:' ? undefined : protocol;
}

export function foreignSchemeError(scheme: string, how: 'redirect' | 'page'): HarnessError {
  const by = how === 'redirect' ? 'redirected the browser' : 'sent the browser';
  return new HarnessError('unexpected_page', `the login service ${by} to a ${scheme} address instead of the callback (only http(s) can lead to it)`, { lastUrl: scheme });
}

interface ExtraInfo {
  requestId: string;
  statusCode?: number;
  headers: Record<string, string>;
}

export async function watchForeignSchemes(page: Page): Promise<ForeignSchemeWatch> {
  let reject!: (error: HarnessError) => void;
  const failure = new Promise<never>((_resolve, rejectFailure) => {
    reject = rejectFailure;
  });
  failure.catch(() => undefined);
  let session: CDPSession | undefined;
  // The page's first web document: before it, the blank page a new tab starts on is no answer of the service.
  let onTheWeb = foreignScheme(page.url()) === undefined;
  const onNavigated = (frame: { url(): string }) => {
    if (frame !== page.mainFrame()) return;
    const scheme = foreignScheme(frame.url());
    if (scheme === undefined) onTheWeb = true;
    // Chromium's own error page follows a failed request, which the journey reports by itself.
    else if (onTheWeb && scheme !== 'chrome-error:') reject(foreignSchemeError(scheme, 'page'));
  };
  page.on('framenavigated', onNavigated);
  try {
    session = await page.context().newCDPSession(page);
    const { frameTree } = await session.send('Page.getFrameTree');
    const mainFrameId = frameTree.frame.id;
    const documents = new Set<string>();
    session.on('Network.requestWillBeSent', (event) => {
      if (event.type === 'Document' && event.frameId === mainFrameId) documents.add(event.requestId);
    });
    session.on('Network.responseReceivedExtraInfo', (event: ExtraInfo) => {
      const status = event.statusCode ?? 0;
      if (!documents.has(event.requestId) || status < 300 || status >= 400) return;
      const location = Object.entries(event.headers).find(([name]) => name.toLowerCase() === 'location')?.[1];
      const scheme = location === undefined ? undefined : foreignScheme(location);
      if (scheme !== undefined) reject(foreignSchemeError(scheme, 'redirect'));
    });
    const onRequested = (event: { frameId: string; url: string }) => {
      const scheme = foreignScheme(event.url);
      if (event.frameId === mainFrameId && scheme !== undefined && scheme !== 'javascript:') reject(foreignSchemeError(scheme, 'page'));
    };
    // frameScheduledNavigation is deprecated in the protocol and frameRequestedNavigation its
    // successor; Chromium versions differ in which of them a script's `location = 'app://…'` fires,
    // so both are heard (the first to reject wins).
    session.on('Page.frameRequestedNavigation', onRequested);
    session.on('Page.frameScheduledNavigation' as 'Page.frameRequestedNavigation', onRequested);
    await Promise.all([session.send('Page.enable'), session.send('Network.enable')]);
  } catch {
    // Not Chromium, or the page closed: the committed-document check above still holds.
  }
  return {
    failure,
    dispose() {
      page.off('framenavigated', onNavigated);
      void session?.detach().catch(() => undefined);
    },
  };
}
