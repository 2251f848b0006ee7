/**
 * What the page sent and what came back: how the journey tells a submission that went out (and was
 * answered) from a press that did nothing. Decided from the requests themselves and their responses,
 * never from a screen that may not have changed yet.
 */
import type { Frame, Page, Request } from '@playwright/test';

/** A point in the page's traffic to compare later traffic against. */
export interface TrafficMark {
  readonly requests: number;
  readonly documents: number;
}

export interface TrafficSince {
  /** submissions that went out: main-frame navigations and non-GET fetches */
  sent: number;
  /** of those, how many got a response (or failed) */
  answered: number;
  /** when the last of them was answered (Date.now()) */
  lastAnsweredAt: number | undefined;
  /** documents the main frame committed */
  documents: number;
}

export interface Traffic {
  mark(): TrafficMark;
  since(mark: TrafficMark): TrafficSince;
  /** the method of the request that brought the main frame's latest document (GET before any) */
  documentMethod(): string;
  dispose(): void;
}

interface Sent {
  request: Request;
  answeredAt?: number;
}

/** A request that can carry a submission: a navigation of the main frame, or a script's POST (or PUT, ...). */
function isSubmissionLike(page: Page, request: Request): boolean {
  try {
    if (request.isNavigationRequest()) return request.frame() === page.mainFrame();
  } catch {
    // a service worker's request has no frame
    return false;
  }
  return request.method() !== 'GET' && ['fetch', 'xhr'].includes(request.resourceType());
}

export function watchTraffic(page: Page): Traffic {
  const sent: Sent[] = [];
  let documents = 0;
  let documentMethod = 'GET';
  const onRequest = (request: Request) => {
    if (!isSubmissionLike(page, request)) return;
    sent.push({ request });
    if (request.isNavigationRequest()) documentMethod = request.method();
  };
  const onAnswered = (request: Request) => {
    const entry = sent.find((candidate) => candidate.request === request);
    if (entry && entry.answeredAt === undefined) entry.answeredAt = Date.now();
  };
  const onResponse = (response: { request(): Request }) => onAnswered(response.request());
  const onNavigated = (frame: Frame) => {
    if (frame === page.mainFrame()) documents += 1;
  };
  page.on('request', onRequest);
  page.on('response', onResponse);
  page.on('requestfailed', onAnswered);
  page.on('framenavigated', onNavigated);
  return {
    mark: () => ({ requests: sent.length, documents }),
    documentMethod: () => documentMethod,
    since(mark) {
      const later = sent.slice(mark.requests);
      const answered = later.filter((entry) => entry.answeredAt !== undefined);
      return {
        sent: later.length,
        answered: answered.length,
        lastAnsweredAt: answered.reduce<number | undefined>((latest, entry) => Math.max(latest ?? 0, entry.answeredAt ?? 0), undefined),
        documents: documents - mark.documents,
      };
    },
    dispose() {
      page.off('request', onRequest);
      page.off('response', onResponse);
      page.off('requestfailed', onAnswered);
      page.off('framenavigated', onNavigated);
    },
  };
}
