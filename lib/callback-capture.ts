/**
 * Catches the browser's request to the redirect URI before it leaves the browser.
 *
 * The callback usually arrives as a 302 hop after POST /login, and Playwright's page.route() never
 * sees redirect hops; managed login instead navigates by script. Chromium's DevTools Fetch domain
 * pauses both kinds of request, so the harness reads the URL and answers it itself: the code is
 * never delivered to the callback app, which would redeem (and so spend) it.
 */
import type { CDPSession, Page } from '@playwright/test';
import { HarnessError } from './errors.js';
import { isRedirectTo } from './oauth/callback.js';

/** Shown in the browser in place of the callback app; says why the app never saw the request. */
const CAPTURED_PAGE = Buffer.from(
  '<!doctype html><title>Callback captured</title><p>The login harness captured this callback; it was not delivered to the application.</p>',
).toString('base64');

/** Resource types the login journey can do without; blocking them saves time on a real screen. */
const BLOCKED_RESOURCE_TYPES = ['Image', 'Media', 'Font'] as const;

interface RequestPausedEvent {
  requestId: string;
  request: { url: string };
  resourceType: string;
}

export interface CallbackCapture {
  /** Resolves with the callback URL the browser tried to open. */
  readonly callback: Promise<URL>;
  dispose(): Promise<void>;
}

export interface CaptureOptions {
  /** skip images, fonts and media (default true): the login form needs none of them */
  blockNonEssential?: boolean;
}

export async function captureCallback(page: Page, redirectUri: string, options: CaptureOptions = {}): Promise<CallbackCapture> {
  let session: CDPSession;
  try {
    session = await page.context().newCDPSession(page);
  } catch (error) {
    throw new HarnessError('usage', 'callback capture needs Chromium (it uses the DevTools protocol)', { cause: error });
  }
  let resolveCallback!: (url: URL) => void;
  const callback = new Promise<URL>((resolve) => {
    resolveCallback = resolve;
  });

  const onPaused = (event: RequestPausedEvent) => {
    void handlePaused(session, event, redirectUri, resolveCallback);
  };
  session.on('Fetch.requestPaused', onPaused);

  const block = options.blockNonEssential ?? true;
  await session.send('Fetch.enable', {
    patterns: [
      // `*` and `?` are wildcards in DevTools patterns; the exact origin and path are checked below.
      { urlPattern: `${escapePattern(redirectUri)}*`, requestStage: 'Request' },
      ...(block ? BLOCKED_RESOURCE_TYPES.map((resourceType) => ({ urlPattern: '*', resourceType, requestStage: 'Request' as const })) : []),
    ],
  });

  return {
    callback,
    async dispose() {
      session.off('Fetch.requestPaused', onPaused);
      // Release the interception first, then detach without waiting: Chromium answers the detach only
      // once a pending navigation settles, so a slow sign-in the caller already gave up on (its
      // timeout) would otherwise hold the caller for as long as the server takes.
      await session.send('Fetch.disable').catch(() => undefined);
      void session.detach().catch(() => undefined);
    },
  };
}

async function handlePaused(session: CDPSession, event: RequestPausedEvent, redirectUri: string, onCallback: (url: URL) => void): Promise<void> {
  try {
    const url = new URL(event.request.url);
    if (isRedirectTo(url, redirectUri)) {
      onCallback(url);
      await session.send('Fetch.fulfillRequest', {
        requestId: event.requestId,
        responseCode: 200,
        responseHeaders: [
          { name: 'Content-Type', value: 'text/html; charset=utf-8' },
          { name: 'Cache-Control', value: 'no-store' },
        ],
        body: CAPTURED_PAGE,
      });
    } else if ((BLOCKED_RESOURCE_TYPES as readonly string[]).includes(event.resourceType)) {
      await session.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' });
    } else {
      // e.g. http://localhost/callback-other matched the wildcard but is not our redirect URI
      await session.send('Fetch.continueRequest', { requestId: event.requestId });
    }
  } catch {
    // The page or session went away mid-request (test ended, browser closed): nothing left to answer.
  }
}

function escapePattern(text: string): string {
  return text.replace(/[\\*?]/g, (c) => `\\${c}`);
}
