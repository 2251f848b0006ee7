/**
 * Catches the browser's request to the redirect URI before it leaves the browser.
 *
 * The callback usually arrives as a 302 hop after POST /login, and Playwright's page.route() never
 * sees redirect hops; managed login instead navigates by script. Chromium's DevTools Fetch domain
 * pauses both kinds of request, so the harness reads the URL and answers it itself: the code is
 * never delivered to the callback app, which would redeem (and so spend) it.
 *
 * The interception is a guard that lives as long as the page: once a page has carried a login, any
 * later request to that redirect URI is answered by the harness too, even after the caller stopped
 * waiting (a flow that timed out while the server was still answering). Otherwise a late code would
 * reach the app.
 */
import type { CDPSession, Page } from '@playwright/test';
import { HarnessError } from '../errors.js';
import { isRedirectTo } from '../oauth/callback.js';

/** Shown in the browser in place of the callback app; says why the app never saw the request. */
const CAPTURED_PAGE = Buffer.from(
  '<!doctype html><title>Callback captured</title><p>The login harness captured this callback; it was not delivered to the application.</p>',
).toString('base64');

/** Resource types the login journey can do without; blocking them saves time on a real screen. */
const BLOCKED_RESOURCE_TYPES = ['Image', 'Media', 'Font'] as const;

/**
 * Third-party analytics and monitoring a login screen may embed: nothing the form needs, and each a
 * round trip (or, on a closed network, a failed look-up) before the page settles.
 */
export const ANALYTICS_HOSTS = [
  'google-analytics.com',
  'googletagmanager.com',
  'doubleclick.net',
  'hotjar.com',
  'segment.com',
  'segment.io',
  'mixpanel.com',
  'amplitude.com',
  'nr-data.net',
  'newrelic.com',
  'clarity.ms',
  'fullstory.com',
] as const;

function isAnalytics(url: URL): boolean {
  return ANALYTICS_HOSTS.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
}

interface RequestPausedEvent {
  requestId: string;
  request: { url: string };
  resourceType: string;
}

export interface CallbackCapture {
  /** Resolves with the next callback URL the browser tries to open. */
  readonly callback: Promise<URL>;
  /** Stops waiting; the page stays guarded, so later callbacks are still kept from the app. */
  dispose(): Promise<void>;
}

export interface CaptureOptions {
  /** skip images, fonts and media (default true): the login form needs none of them */
  blockNonEssential?: boolean;
}

interface Waiter {
  redirectUri: string;
  resolve(url: URL): void;
}

/** One DevTools session per page, shared by every capture on it (the flow's and a test's). */
class PageGuard {
  readonly redirectUris = new Set<string>();
  readonly waiters = new Set<Waiter>();

  constructor(
    readonly session: CDPSession,
    readonly blockNonEssential: boolean,
  ) {
    session.on('Fetch.requestPaused', (event: RequestPausedEvent) => void this.onPaused(event));
  }

  /**
   * Every request pauses, and the decision is made on the parsed URL: a DevTools URL pattern
   * matches the URL as a string, so `http://user:pw@localhost/callback` (and any other spelling the
   * browser does not normalise away) slipped past it to the app.
   */
  async guard(redirectUri: string): Promise<void> {
    if (this.redirectUris.has(redirectUri)) return;
    const first = this.redirectUris.size === 0;
    this.redirectUris.add(redirectUri);
    if (first) await this.session.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' as const }] });
  }

  private async onPaused(event: RequestPausedEvent): Promise<void> {
    try {
      const url = URL.canParse(event.request.url) ? new URL(event.request.url) : undefined;
      if (url === undefined) {
        await this.session.send('Fetch.continueRequest', { requestId: event.requestId });
        return;
      }
      const redirectUris = [...this.redirectUris];
      const redirectUri = redirectUris.find((uri) => isRedirectTo(url, uri));
      if (redirectUri !== undefined) {
        for (const waiter of [...this.waiters]) {
          if (waiter.redirectUri === redirectUri) waiter.resolve(url);
        }
        await this.session.send('Fetch.fulfillRequest', {
          requestId: event.requestId,
          responseCode: 200,
          responseHeaders: [
            { name: 'Content-Type', value: 'text/html; charset=utf-8' },
            { name: 'Cache-Control', value: 'no-store' },
          ],
          body: CAPTURED_PAGE,
        });
      } else if (redirectUris.some((uri) => isLookAlike(url, uri))) {
        // Same app, a path only a lenient server would read as the callback (/Callback, /%63allback,
        // /callback/): neither a callback nor safe to deliver.
        await this.session.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' });
      } else if (this.blockNonEssential && ((BLOCKED_RESOURCE_TYPES as readonly string[]).includes(event.resourceType) || isAnalytics(url))) {
        await this.session.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' });
      } else {
        await this.session.send('Fetch.continueRequest', { requestId: event.requestId });
      }
    } catch {
      // The page or session went away mid-request (test ended, browser closed): nothing left to answer.
    }
  }
}

const guards = new WeakMap<Page, Promise<PageGuard>>();

function guardFor(page: Page, blockNonEssential: boolean): Promise<PageGuard> {
  let guard = guards.get(page);
  if (!guard) {
    guard = page
      .context()
      .newCDPSession(page)
      .then(
        (session) => new PageGuard(session, blockNonEssential),
        (error: unknown) => {
          guards.delete(page);
          throw new HarnessError('usage', 'callback capture needs Chromium (it uses the DevTools protocol)', { cause: error });
        },
      );
    guards.set(page, guard);
  }
  return guard;
}

export async function captureCallback(page: Page, redirectUri: string, options: CaptureOptions = {}): Promise<CallbackCapture> {
  const guard = await guardFor(page, options.blockNonEssential ?? true);
  let waiter!: Waiter;
  const callback = new Promise<URL>((resolve) => {
    waiter = {
      redirectUri,
      resolve: (url) => {
        guard.waiters.delete(waiter);
        resolve(url);
      },
    };
  });
  guard.waiters.add(waiter);
  await guard.guard(redirectUri);
  return {
    callback,
    async dispose() {
      guard.waiters.delete(waiter);
    },
  };
}

/** Same origin, and the path equal once percent-decoded, lower-cased and without trailing slashes. */
function isLookAlike(url: URL, redirectUri: string): boolean {
  const expected = new URL(redirectUri);
  if (url.origin !== expected.origin) return false;
  return loosePath(url.pathname) === loosePath(expected.pathname);
}

function loosePath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a malformed escape: compare as written
  }
  return decoded.toLowerCase().replace(/\/+$/, '');
}
