/**
 * Serves the table's pages from one local origin, so iframes are same-origin and a page can be sent
 * with a Content-Security-Policy header. Files under pages/ are served as they are; the generated
 * cases from memory.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { PAGES_DIR, type Case } from './table.js';

export interface TableServer {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css' };

export async function startTableServer(cases: Case[]): Promise<TableServer> {
  const byName = new Map(cases.map((c) => [c.name, c]));
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const name = path.replace(/\.html$/, '');
    const known = byName.get(name);
    try {
      const body = known ? known.html : readFileSync(join(PAGES_DIR, normalize(path).replace(/^(\.\.[/\\])+/, '')));
      const headers: Record<string, string> = { 'content-type': TYPES[path.split('.').pop() ?? ''] ?? 'text/html; charset=utf-8' };
      if (known?.expected.csp !== undefined) headers['content-security-policy'] = known.expected.csp;
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
