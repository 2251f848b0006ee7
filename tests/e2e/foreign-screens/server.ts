/**
 * A login service that is NOT the harness's mock: each test composes it from hand-written screens
 * (other languages, other field names, no labels, odd structure, the challenges after the password),
 * so recognition is tried on markup it was not written against. Screens are server-rendered forms
 * that POST to /step/<n>; after the last step the browser is redirected to the callback.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StepContext {
  /** the form's action for this step */
  action: string;
  /** the error of the previous attempt at this step */
  error: string | undefined;
  /** how many times this step was rendered (1 on the first) */
  renders: number;
}

export interface ForeignStep {
  render(context: StepContext): string;
  /** extra response headers of this step's page, e.g. a Content-Security-Policy */
  headers?: Record<string, string>;
  /** instead of any step: a whole page to answer this POST with (HTTP 400), e.g. the service's error page */
  respond?(form: URLSearchParams): string | undefined;
  /** undefined: accepted; a string: the error to show on this step again */
  accept?(form: URLSearchParams): string | undefined;
  /** jump to another step instead of the next one (by index), after acceptance; 99: to a host that does not resolve */
  next?(form: URLSearchParams): number | undefined;
  /** after acceptance, a 302 to this location instead of the next step or the callback */
  redirect?(form: URLSearchParams): string | undefined;
}

export interface ForeignService {
  url: string;
  /** every form the service received, by step index (never print: they may hold the password) */
  posts: Array<{ step: number; form: URLSearchParams; /** Date.now() when it arrived */ at: number }>;
  close(): Promise<void>;
}

export function page(title: string, body: string, lang = 'en'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

export interface ForeignServiceOptions {
  /** scripts served as files (a strict CSP allows no inline script): path -> JavaScript */
  scripts?: Record<string, string>;
}

/**
 * A script's POST asks for JSON (`accept: application/json`): it gets `{ error }` (401) or
 * `{ location }` of the callback, and navigates there itself, as a single-page login does.
 */
function wantsJson(request: IncomingMessage): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

export async function startForeignService(steps: ForeignStep[], options: ForeignServiceOptions = {}): Promise<ForeignService> {
  const renders = new Map<number, number>();
  const errors = new Map<number, string | undefined>();
  const posts: ForeignService['posts'] = [];
  let query = '';
  const show = (index: number, response: ServerResponse) => {
    const step = steps[index];
    if (!step) throw new Error(`no step ${index}`);
    const count = (renders.get(index) ?? 0) + 1;
    renders.set(index, count);
    const html = step.render({ action: `/step/${index}?${query}`, error: errors.get(index), renders: count });
    errors.delete(index);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...step.headers }).end(html);
  };
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/oauth2/authorize') {
        query = url.search.slice(1);
        response.writeHead(302, { location: `/login?${query}` }).end();
      } else if (options.scripts?.[url.pathname] !== undefined && request.method === 'GET') {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(options.scripts[url.pathname]);
      } else if (url.pathname === '/login' && request.method === 'GET') {
        show(0, response);
      } else if ((url.pathname.startsWith('/step/') || url.pathname === '/login') && request.method === 'POST') {
        // A form without an action posts to the page itself: the first step's.
        const index = url.pathname === '/login' ? 0 : Number(url.pathname.slice('/step/'.length));
        const form = new URLSearchParams(await body(request));
        posts.push({ step: index, form, at: Date.now() });
        const step = steps[index];
        const whole = step?.respond?.(form);
        if (whole !== undefined) {
          response.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(whole);
          return;
        }
        const error = step?.accept?.(form);
        if (error !== undefined && wantsJson(request)) {
          response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
          return;
        }
        if (error !== undefined) {
          errors.set(index, error);
          show(index, response);
          return;
        }
        const elsewhere = step?.redirect?.(form);
        if (elsewhere !== undefined) {
          response.writeHead(302, { location: elsewhere }).end();
          return;
        }
        const next = step?.next?.(form) ?? index + 1;
        if (next === 99) {
          response.writeHead(302, { location: 'http://no-such-host.invalid/welcome' }).end();
          return;
        }
        if (next < steps.length) {
          show(next, response);
          return;
        }
        const authorize = new URLSearchParams(query);
        const callback = new URL(authorize.get('redirect_uri') ?? 'http://localhost/callback');
        callback.searchParams.set('code', randomUUID());
        const state = authorize.get('state');
        if (state !== null) callback.searchParams.set('state', state);
        if (wantsJson(request)) response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ location: callback.toString() }));
        else response.writeHead(302, { location: callback.toString() }).end();
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    })().catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
