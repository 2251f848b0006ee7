import { z } from 'zod';
import { HarnessError } from '../errors.js';
import type { TokenAuthMethod } from './endpoints.js';

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  id_token: z.string().min(1).optional(),
  refresh_token: z.string().min(1).optional(),
  token_type: z.string().regex(/^bearer$/i, 'token_type must be Bearer'),
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** An RFC 6749 §5.2 error answer, kept apart so tests can assert `invalid_grant` precisely. */
export class TokenEndpointError extends HarnessError {
  readonly status: number;
  readonly error: string | undefined;

  constructor(status: number, error: string | undefined, description: string | undefined) {
    super('token_error', `token endpoint answered HTTP ${status}${error ? ` ${error}` : ''}${description ? ` (${description})` : ''}`);
    this.name = 'TokenEndpointError';
    this.status = status;
    this.error = error;
  }
}

export interface CodeExchange {
  /** the token endpoint itself (discovered, or /oauth2/token on a Cognito-shaped base URL) */
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string | undefined;
  /** default: HTTP Basic when there is a secret, none otherwise */
  authMethod?: TokenAuthMethod;
  code: string;
  redirectUri: string;
  codeVerifier?: string | undefined;
  timeoutMs?: number;
}

/**
 * Redeems a code at the token endpoint: form-encoded, the client authenticated as the server asks
 * (HTTP Basic, as Cognito expects, or the secret in the form). Tokens are returned to the caller
 * only, never logged.
 */
export async function exchangeCode(exchange: CodeExchange): Promise<TokenResponse> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: exchange.clientId,
    code: exchange.code,
    redirect_uri: exchange.redirectUri,
  });
  if (exchange.codeVerifier) body.set('code_verifier', exchange.codeVerifier);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const method = exchange.authMethod ?? (exchange.clientSecret ? 'client_secret_basic' : 'none');
  if (method === 'client_secret_post' && exchange.clientSecret) {
    body.set('client_secret', exchange.clientSecret);
  } else if (method === 'client_secret_basic' && exchange.clientSecret) {
    // RFC 6749 §2.3.1: form-encode both parts before joining them.
    const credentials = `${encodeURIComponent(exchange.clientId)}:${encodeURIComponent(exchange.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  const tokenUrl = new URL(exchange.tokenEndpoint);
  let response: Response;
  try {
    response = await fetch(tokenUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(exchange.timeoutMs ?? 15_000) });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new HarnessError('timeout', `token endpoint ${tokenUrl.origin} did not answer within ${exchange.timeoutMs ?? 15_000} ms`, { cause: error });
    }
    throw new HarnessError('network', `cannot reach token endpoint ${tokenUrl.origin}: ${describeNetworkError(error)}`, { cause: error });
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const parsed = z.object({ error: z.string(), error_description: z.string().optional() }).safeParse(json);
    throw new TokenEndpointError(response.status, parsed.success ? parsed.data.error : undefined, parsed.success ? parsed.data.error_description : undefined);
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new HarnessError('token_error', `token endpoint answered HTTP ${response.status} without a valid token response (${parsed.error.issues.map((i) => i.path.join('.') || 'body').join(', ')})`);
  }
  return parsed.data;
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause);
}
