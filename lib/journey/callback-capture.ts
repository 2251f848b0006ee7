/**
 * Catches the browser's request to the redirect URI before it leaves the browser.
 *
 * The callback usually arrives as a 302 hop after POST /login, and Playwright's page.route() never
 * sees redirect hops; managed login instead navigates by script. Chromium's DevTools Fetch domain
 * pauses both kinds of request, so the harness reads the URL and answers it itself: the code is
 * never delivered to the callback app, which would redeem (and so spend) it.
 *
 * The interception is a guard that lives as long as the browser context: once a page of it has
 * carried a login, any later request to that redirect URI, from any page of the context (popups and
 * pages opened later included), is answered by the harness too, even after the caller stopped waiting
 * (a flow that timed out while the server was still answering). Otherwise a late code would reach
 * the app. Each page gets its own DevTools session (redirect hops); a context route catches a new
 * page's very first request, which can leave before that page's session exists. Service workers,
 * whose fetches no page session sees, are blocked in the harness's contexts (HARNESS_CONTEXT_OPTIONS in
 * ./browser.ts).
 *
 * What counts as the callback app: the redirect URI's host and, when that is the machine itself,
 * every loopback spelling (localhost, localhost., *.localhost, 127.x.x.x, [::1]) on any port. A
 * request there that is not exactly the redirect URI but carries `code`, `state` or `error` is a
 * callback to the wrong place: it is never delivered, and in the journey's page it fails the journey
 * at once with `redirect_mismatch`.
 */
import type { BrowserContext, CDPSession, Page, Request, Route } from '@playwright/test';
import { HarnessError } from '../errors.js';
import { isRedirectTo } from '../oauth/callback.js';
import { isLoopbackHost } from '../platform/net.js';
import { safeUrl } from '../redaction/safe-url.js';


/** Shown in the browser in place of the callback app; says why the app never saw the request. */
const CAPTURED_HTML = '<!doctype html><title>Callback captured</title><p>The login harness captured this callback; it was not delivered to the application.</p>';
const CAPTURED_PAGE = Buffer.from(CAPTURED_HTML).toString('base64');

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
  /**
   * Resolves with the next callback URL the browser tries to open in this page; rejects with
   * redirect_mismatch when the page is sent to a callback that is not the registered one.
   */
  readonly callback: Promise<URL>;
  /**
   * Stops waiting. With `keepGuard` the redirect URI stays guarded until the context closes: after a
   * failed journey a code the server mints late must still never reach the app. Without it the
   * URI is let go once no other capture holds it (a saved signed-in state delivers on purpose).
   */
  dispose(options?: { keepGuard?: boolean }): Promise<void>;
}

export interface CaptureOptions {
  /** skip images, fonts and media (default true): the login form needs none of them */
  blockNonEssential?: boolean;
  /** the login service's origin: on loopback it is not the callback app, whatever its URLs carry */
  serviceOrigin?: string;
}

interface Waiter {
  redirectUri: string;
  resolve(url: URL): void;
  reject(error: HarnessError): void;
}

/** What a request is to the callback app: the callback, a callback to the wrong place, or neither. */
type Verdict = { kind: 'callback'; redirectUri: string } | { kind: 'mismatch'; redirectUri: string } | { kind: 'look-alike' } | { kind: 'other' };

/** Hosts that reach the same app as `expected`'s: itself and, for the machine itself, every loopback spelling. */
function sameApp(url: URL, expected: URL): boolean {
  if (url.hostname === expected.hostname) return true;
  return isLoopbackHost(expected.hostname.replace(/\.$/, '')) && isLoopbackHost(url.hostname.replace(/\.$/, ''));
}

const CALLBACK_PARAMETERS = ['code', 'state', 'error'];

/** The redirect URIs guarded in a context, and the login services' origins (never the callback app, also on loopback). */
export interface Guarded {
  redirectUris: Set<string>;
  serviceOrigins: Set<string>;
}

export function judge(url: URL, guarded: Guarded): Verdict {
  const uris = [...guarded.redirectUris];
  const exact = uris.find((uri) => isRedirectTo(url, uri));
  if (exact !== undefined) return { kind: 'callback', redirectUri: exact };
  // A local login service lives on loopback too: its own requests carry state and redirect_uri.
  if (guarded.serviceOrigins.has(url.origin)) return { kind: 'other' };
  for (const uri of uris) {
    const expected = new URL(uri);
    if (!sameApp(url, expected)) continue;
    // A code anywhere on the app is a misdirected callback; state or error only on the callback's own
    // path: a login service on loopback (the local one) sends state and errors on its own pages too.
    const carries = CALLBACK_PARAMETERS.some((name) => url.searchParams.has(name));
    const onCallbackPath = url.pathname.replace(/\/+$/, '').toLowerCase() === expected.pathname.replace(/\/+$/, '').toLowerCase();
    if (url.searchParams.has('code') || (carries && onCallbackPath)) return { kind: 'mismatch', redirectUri: uri };
    // Same app, a path only a lenient server would read as the callback (/Callback, /%63allback, /callback/).
    if (isLookAlike(url, uri)) return { kind: 'look-alike' };
  }
  return { kind: 'other' };
}

/** One DevTools session per page, shared by every capture on it (the flow's and a test's). */
class PageGuard {
  readonly waiters = new Set<Waiter>();
  private enabled = false;

  constructor(
    readonly session: CDPSession,
    readonly blockNonEssential: boolean,
    readonly guarded: Guarded,
  ) {
    session.on('Fetch.requestPaused', (event: RequestPausedEvent) => void this.onPaused(event));
  }

  /**
   * Every request pauses, and the decision is made on the parsed URL: a DevTools URL pattern
   * matches the URL as a string, so `http://user:pw@localhost/callback` (and any other spelling the
   * browser does not normalise away) slipped past it to the app.
   */
  async guard(): Promise<void> {
    if (this.enabled) return;
    this.enabled = true;
    await this.session.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' as const }] });
  }

  private async onPaused(event: RequestPausedEvent): Promise<void> {
    try {
      const url = URL.canParse(event.request.url) ? new URL(event.request.url) : undefined;
      if (url === undefined) {
        await this.session.send('Fetch.continueRequest', { requestId: event.requestId });
        return;
      }
      const verdict = judge(url, this.guarded);
      if (verdict.kind === 'callback' || verdict.kind === 'mismatch') {
        this.settle(verdict, url, event.resourceType === 'Document');
        await this.session.send('Fetch.fulfillRequest', {
          requestId: event.requestId,
          responseCode: 200,
          responseHeaders: [
            { name: 'Content-Type', value: 'text/html; charset=utf-8' },
            { name: 'Cache-Control', value: 'no-store' },
          ],
          body: CAPTURED_PAGE,
        });
      } else if (verdict.kind === 'look-alike') {
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

  /** The waiters of this page learn of a callback, or of a document sent to the wrong callback. */
  settle(verdict: { kind: 'callback' | 'mismatch'; redirectUri: string }, url: URL, document: boolean): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.redirectUri !== verdict.redirectUri) continue;
      if (verdict.kind === 'callback') waiter.resolve(url);
      else if (document) waiter.reject(mismatch(url, verdict.redirectUri));
    }
  }
}

function mismatch(url: URL, redirectUri: string): HarnessError {
  return new HarnessError('redirect_mismatch', `the browser was sent to ${safeUrl(url)}, a callback that is not the registered redirect URI ${safeUrl(redirectUri)}; it was not delivered`, { lastUrl: safeUrl(url) });
}

const guards = new WeakMap<Page, Promise<PageGuard>>();
/** The guards already running, for the context's route (which must not wait for a page still opening). */
const running = new WeakMap<Page, PageGuard>();

function guardFor(page: Page, blockNonEssential: boolean, guarded: Guarded): Promise<PageGuard> {
  let guard = guards.get(page);
  if (!guard) {
    guard = page
      .context()
      .newCDPSession(page)
      .then(
        async (session) => {
          const created = new PageGuard(session, blockNonEssential, guarded);
          await created.guard();
          running.set(page, created);
          return created;
        },
        (error: unknown) => {
          guards.delete(page);
          throw new HarnessError('usage', 'callback capture needs Chromium (it uses the DevTools protocol)', { cause: error });
        },
      );
    guards.set(page, guard);
  }
  return guard;
}

/** Per context: the redirect URIs guarded in it, so every page of it (popups included) is guarded alike. */
const contexts = new WeakMap<BrowserContext, Promise<Guarded>>();

function guardContext(context: BrowserContext, blockNonEssential: boolean): Promise<Guarded> {
  let guarding = contexts.get(context);
  if (!guarding) {
    const guarded: Guarded = { redirectUris: new Set(), serviceOrigins: new Set() };
    // A page opened later (window.open, target=_blank) gets its session as soon as it exists …
    context.on('page', (page) => void guardFor(page, blockNonEssential, guarded).catch(() => undefined));
    // … and its first request, which can leave before that, is caught by the context's route.
    const isCallbackApp = (url: URL) => judge(url, guarded).kind !== 'other';
    guarding = context.route(isCallbackApp, (route) => answerRoute(route, guarded)).then(() => guarded);
    guarding.catch(() => contexts.delete(context));
    contexts.set(context, guarding);
  }
  return guarding;
}

async function answerRoute(route: Route, guarded: Guarded): Promise<void> {
  const request = route.request();
  const url = new URL(request.url());
  const verdict = judge(url, guarded);
  try {
    if (verdict.kind === 'callback' || verdict.kind === 'mismatch') {
      // The journey's own page learns of it here too when this route saw the request first. Not
      // awaited: a popup's first request holds up its page, and so the page's own guard.
      const page = pageOf(request);
      if (page !== undefined) running.get(page)?.settle(verdict, url, request.resourceType() === 'document');
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'cache-control': 'no-store' }, body: CAPTURED_HTML });
    } else if (verdict.kind === 'look-alike') {
      await route.abort('blockedbyclient');
    } else {
      await route.fallback();
    }
  } catch {
    // The page or context went away mid-request: nothing left to answer.
  }
}

/** The page a request belongs to; none for a service worker's, or a popup's first request (its page does not exist yet). */
function pageOf(request: Request): Page | undefined {
  try {
    return request.serviceWorker() === null ? request.frame().page() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How many live captures guard each redirect URI of a context: the guard lets go of a URI when the
 * last capture of it is disposed, so a caller that means to deliver a callback afterwards (a saved
 * signed-in state) can.
 */
const captureCounts = new WeakMap<Guarded, Map<string, number>>();

function holdRedirectUri(guarded: Guarded, redirectUri: string): () => void {
  const counts = captureCounts.get(guarded) ?? new Map<string, number>();
  captureCounts.set(guarded, counts);
  counts.set(redirectUri, (counts.get(redirectUri) ?? 0) + 1);
  guarded.redirectUris.add(redirectUri);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (counts.get(redirectUri) ?? 1) - 1;
    counts.set(redirectUri, left);
    if (left <= 0) guarded.redirectUris.delete(redirectUri);
  };
}

export async function captureCallback(page: Page, redirectUri: string, options: CaptureOptions = {}): Promise<CallbackCapture> {
  const blockNonEssential = options.blockNonEssential ?? true;
  const guarded = await guardContext(page.context(), blockNonEssential);
  const release = holdRedirectUri(guarded, redirectUri);
  if (options.serviceOrigin !== undefined) guarded.serviceOrigins.add(options.serviceOrigin);
  const guards = await Promise.all([page, ...page.context().pages()].map((each) => guardFor(each, blockNonEssential, guarded)));
  const guard = guards[0] as PageGuard;
  let waiter!: Waiter;
  const callback = new Promise<URL>((resolve, reject) => {
    waiter = {
      redirectUri,
      resolve: (url) => {
        guard.waiters.delete(waiter);
        resolve(url);
      },
      reject: (error) => {
        guard.waiters.delete(waiter);
        reject(error);
      },
    };
  });
  // A caller that stops waiting must not leave a rejection unhandled.
  callback.catch(() => undefined);
  guard.waiters.add(waiter);
  return {
    callback,
    async dispose({ keepGuard = false } = {}) {
      guard.waiters.delete(waiter);
      if (!keepGuard) release();
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
