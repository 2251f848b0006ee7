/**
 * The journey's clock and ears: the one deadline, the captured callback, a failing login service,
 * and the one way the journey waits: for the screen to change, the submission to be answered, the
 * callback, a service failure, or the deadline, whichever comes first.
 */
import type { Page, Request, Response } from '@playwright/test';
import { readBack } from '../../pages/recognise.js';
import { HarnessError } from '../errors.js';
import { safeUrl } from './journey-errors.js';
import { isReRender } from './playwright-errors.js';
import { foreignSchemeError, type ForeignSchemeWatch } from './foreign-scheme.js';
import type { Traffic, TrafficMark } from './traffic.js';

/** How often the screen is read while waiting; page-side polling would need a script the page's CSP may forbid. */
const POLL_MS = 40;
/** After the last answer to a submission, how long the screen may take to show it before "answered, unchanged". */
const ANSWER_SETTLE_MS = 250;

export interface Captured {
  callback: URL;
}

export function isCaptured(value: unknown): value is Captured {
  return typeof value === 'object' && value !== null && 'callback' in value && (value as Captured).callback instanceof URL;
}

export class JourneyWatch {
  private readonly deadline: number;
  private readonly expired: Promise<never>;
  private readonly captured: Promise<Captured>;
  private timer: NodeJS.Timeout | undefined;
  private readonly service: ServiceFailures;

  constructor(
    readonly page: Page,
    readonly timeoutMs: number,
    callback: Promise<URL>,
    baseUrl: string,
    private readonly foreign?: ForeignSchemeWatch,
  ) {
    this.deadline = Date.now() + timeoutMs;
    this.expired = new Promise<never>((_resolve, reject) => {
      this.timer = setTimeout(() => reject(new HarnessError('timeout', `no callback within ${timeoutMs} ms; last page: ${safeUrl(page.url())}`, { lastUrl: safeUrl(page.url()) })), timeoutMs);
    });
    this.captured = (foreign === undefined ? callback : Promise.race([callback, foreign.failure])).then((url) => ({ callback: url }));
    this.service = watchServiceFailures(page, baseUrl);
  }

  remaining(): number {
    return Math.max(1, this.deadline - Date.now());
  }

  /** Any piece of work, cut short by the callback, a failure of the service or the deadline. */
  race<T>(work: Promise<T>): Promise<T | Captured> {
    return firstOf<T | Captured>([work, this.captured, this.service.failure, this.expired]);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.service.dispose();
    this.foreign?.dispose();
  }
}

/** What ended a wait: the callback, a changed screen, the submission answered with the screen unchanged, or a quiet moment. */
export type Outcome = Captured | 'changed' | 'answered' | 'quiet';

export interface WaitFor {
  /** the screen as it was: any difference is a change */
  fingerprint: string;
  /** the submission's traffic: a new document is a change; its last answer, with nothing changed, is "answered" */
  since?: TrafficMark;
  /** give up after this long without a change ("quiet"); without it, only the deadline ends the wait */
  quietMs?: number;
}

/** The one wait of the journey: for a change or the callback (or a service failure, or the deadline). */
export async function waitForOutcome(watch: JourneyWatch, traffic: Traffic, wanted: WaitFor): Promise<Outcome> {
  const started = Date.now();
  for (;;) {
    const now = await watch.race(fingerprintOf(watch.page));
    if (isCaptured(now)) return now;
    if (now !== wanted.fingerprint) return 'changed';
    if (wanted.since !== undefined) {
      const since = traffic.since(wanted.since);
      if (since.documents > 0) return 'changed';
      if (since.sent > 0 && since.answered >= since.sent && Date.now() - (since.lastAnsweredAt ?? 0) >= ANSWER_SETTLE_MS) return 'answered';
      if (since.sent > since.answered) {
        const paused = await watch.race(sleep(POLL_MS));
        if (isCaptured(paused)) return paused;
        continue;
      }
    }
    if (wanted.quietMs !== undefined && Date.now() - started >= wanted.quietMs) return 'quiet';
    const paused = await watch.race(sleep(POLL_MS));
    if (isCaptured(paused)) return paused;
  }
}

/** The screen's fingerprint, or a marker that cannot equal one when the document went away under the read. */
async function fingerprintOf(page: Page): Promise<string> {
  try {
    return (await readBack(page, [])).fingerprint;
  } catch (error) {
    if (isReRender(error) && !page.isClosed()) return '\u0000gone';
    throw error;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Settles with the first promise to settle; the others are silenced so they cannot crash the process later. */
function firstOf<T>(promises: Promise<T>[]): Promise<T> {
  for (const promise of promises) promise.catch(() => undefined);
  return Promise.race(promises);
}

interface ServiceFailures {
  failure: Promise<never>;
  dispose(): void;
}

/**
 * Rejects as soon as the login service answers 5xx or cannot be reached during the journey, so the
 * flow reports the real cause at once instead of timing out waiting for a callback.
 */
function watchServiceFailures(page: Page, baseUrl: string): ServiceFailures {
  const origin = new URL(baseUrl).origin;
  let reject!: (error: HarnessError) => void;
  const failure = new Promise<never>((_resolve, rejectFailure) => {
    reject = rejectFailure;
  });
  failure.catch(() => undefined);
  const relevant = (request: Request) => ['document', 'fetch', 'xhr'].includes(request.resourceType()) && new URL(request.url()).origin === origin;
  const onResponse = (response: Response) => {
    if (response.status() >= 500 && relevant(response.request())) {
      reject(new HarnessError('server_error', `login service answered HTTP ${response.status()} on ${response.request().method()} ${new URL(response.url()).pathname}`, { lastUrl: safeUrl(response.url()) }));
    }
  };
  const onRequestFailed = (request: Request) => {
    const errorText = request.failure()?.errorText;
    // Chromium refuses a redirect of the page to an address that is not http(s) (data:, file:, an app's scheme).
    if (errorText === 'net::ERR_UNSAFE_REDIRECT' && request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      reject(foreignSchemeError('non-http(s)', 'redirect'));
      return;
    }
    // A page of another host the browser was sent to (not the redirect URI, which is captured) is no
    // failure of the login service: say which host it was.
    if (!relevant(request) && request.isNavigationRequest() && request.frame() === page.mainFrame() && errorText !== 'net::ERR_ABORTED' && !errorText?.includes('BLOCKED_BY_CLIENT')) {
      reject(new HarnessError('network', `the browser could not open ${new URL(request.url()).origin} (not the login service): ${errorText ?? 'unknown error'}`, { lastUrl: safeUrl(request.url()) }));
      return;
    }
    if (relevant(request) && errorText !== 'net::ERR_ABORTED') {
      const what = request.isNavigationRequest() ? 'cannot reach the login service' : 'request to the login service failed';
      reject(new HarnessError('network', `${what}: ${errorText ?? 'unknown error'} (${request.method()} ${new URL(request.url()).pathname})`, { lastUrl: safeUrl(request.url()) }));
    }
  };
  page.on('response', onResponse);
  page.on('requestfailed', onRequestFailed);
  return {
    failure,
    dispose() {
      page.off('response', onResponse);
      page.off('requestfailed', onRequestFailed);
    },
  };
}
