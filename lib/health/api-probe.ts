/**
 * The API probe: a login can succeed and its token still be useless. RayTeams' `GET /v1.0/me` on the
 * region's user API ("4.1 User", "2. API Overview") with the fresh access token and the
 * `x-rayteams-client-id` header is the one call that proves the whole chain a pipeline depends on.
 * Every failure is `api_error` (exit 4); messages carry the host, the status and a short error
 * word from the API only, never the token.
 */
import { HarnessError } from '../errors.js';

export interface ApiProbe {
  /** ends in "/v1.0/", e.g. https://api-ap-northeast-2-user.rayteams.com/v1.0/ */
  apiBaseUrl: string;
  accessToken: string;
  clientId: string;
  /** the test username; compared with the account's e-mail when it is an e-mail address */
  username: string;
  timeoutMs: number;
}

/** A word the API sent back (`message`, `errorCode`) is shown only when it cannot be anything else. */
function safeWord(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\w .,:-]{1,60}$/.test(value) ? value : undefined;
}

export async function probeUserApi(probe: ApiProbe): Promise<void> {
  const url = new URL('me', probe.apiBaseUrl);
  const where = `GET ${url.pathname} at ${url.host}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${probe.accessToken}`, 'x-rayteams-client-id': probe.clientId, accept: 'application/json' },
      signal: AbortSignal.timeout(Math.max(1, probe.timeoutMs)),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : 'error';
    const why = name === 'TimeoutError' ? `no answer within ${probe.timeoutMs} ms` : 'could not be reached';
    throw new HarnessError('api_error', `user API ${why} (${where})`, { cause: error });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (!response.ok) {
    const word = safeWord(fields['message']) ?? safeWord(fields['errorCode']);
    const hint = response.status === 401 || response.status === 403 ? ': the API did not accept the fresh access token' : '';
    throw new HarnessError('api_error', `user API answered HTTP ${response.status}${word ? ` "${word}"` : ''} on ${where}${hint}`);
  }
  if (fields['status'] !== 'success') {
    const word = safeWord(fields['errorCode']) ?? safeWord(fields['status']);
    throw new HarnessError('api_error', `user API answered without status "success"${word ? ` (${word})` : ''} on ${where}`);
  }
  const data = typeof fields['data'] === 'object' && fields['data'] !== null ? (fields['data'] as Record<string, unknown>) : {};
  if (probe.username.includes('@')) {
    const email = typeof data['email'] === 'string' ? data['email'] : undefined;
    if (email === undefined) throw new HarnessError('api_error', `user API answered without the account's e-mail on ${where}`);
    // No addresses in the message: which accounts these are is for the operator to look up.
    if (email.toLowerCase() !== probe.username.toLowerCase()) throw new HarnessError('api_error', `user API answered for another account than the test user on ${where}`);
  }
}
