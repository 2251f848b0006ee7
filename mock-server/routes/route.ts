import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from '../context.js';

export interface RequestInfo {
  /** Query string exactly as received (no leading '?'), so it can be forwarded byte-for-byte. */
  rawQuery: string;
  query: URLSearchParams;
}

export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  info: RequestInfo,
  ctx: ServerContext,
) => void | Promise<void>;

export type Route = Partial<Record<'GET' | 'POST', Handler>>;
