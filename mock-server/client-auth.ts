import type { IncomingMessage } from 'node:http';

export interface PresentedClient {
  clientId: string | undefined;
  clientSecret: string | undefined;
  usedBasic: boolean;
}

/**
 * Reads client credentials from HTTP Basic or the form body (client_secret_post).
 * Returns null when they contradict each other or the header is unreadable, which
 * the token endpoint answers with invalid_client.
 */
export function presentedClient(req: IncomingMessage, form: URLSearchParams): PresentedClient | null {
  const bodyId = form.get('client_id') ?? undefined;
  const bodySecret = form.get('client_secret') ?? undefined;
  const header = req.headers.authorization;
  if (header === undefined) return { clientId: bodyId, clientSecret: bodySecret, usedBasic: false };

  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  const clientId = decoded.slice(0, colon);
  const clientSecret = decoded.slice(colon + 1);
  // Two different identities in one request is a client bug worth failing loudly.
  if (bodyId !== undefined && bodyId !== clientId) return null;
  if (bodySecret !== undefined && bodySecret !== clientSecret) return null;
  return { clientId, clientSecret, usedBasic: true };
}
