/**
 * OpenID Connect Discovery 1.0 and RFC 8414: from an issuer alone to its endpoints. The document is
 * checked before anything in it is used (the issuer must be exactly the one configured, or a
 * mixed-up server could collect the password), fetched once per process and issuer, and bounded
 * by what is left of the run's budget.
 */
import { z } from 'zod';
import { HarnessError } from '../errors.js';
import { isLoopbackHost } from '../platform/net.js';
import type { Endpoints } from '../oauth/endpoints.js';

const OIDC_SUFFIX = '/.well-known/openid-configuration';
const RFC8414_SUFFIX = '/.well-known/oauth-authorization-server';

/** A document larger than this is no discovery document; it is not read further. */
const MAX_DOCUMENT_BYTES = 256 * 1024;

export interface DiscoverySource {
  /** the issuer the document must name */
  issuer: string;
  /** where to look, in order; the next is tried only when one answers 404 (or 400/405/410) */
  urls: string[];
}

/**
 * The places a document may be: the OpenID placement (appended to the issuer), then RFC 8414's
 * (inserted between host and path), then RFC 8414 §5's compatible OpenID placement for an issuer
 * with a path. Given a document's own URL, only that URL, with the issuer it implies.
 */
export function discoverySource(setting: string): DiscoverySource {
  const url = new URL(setting);
  const path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith(OIDC_SUFFIX) || path.endsWith(RFC8414_SUFFIX)) {
    const issuerPath = path.slice(0, path.lastIndexOf('/.well-known/'));
    return { issuer: `${url.origin}${issuerPath}`, urls: [setting] };
  }
  for (const suffix of [RFC8414_SUFFIX, OIDC_SUFFIX]) {
    if (path.startsWith(`${suffix}/`)) return { issuer: `${url.origin}${path.slice(suffix.length)}`, urls: [setting] };
  }
  if (path.includes('/.well-known/')) throw new HarnessError('config', `OAUTH_ISSUER names a /.well-known/ URL that is no discovery document (expected …${OIDC_SUFFIX} or …${RFC8414_SUFFIX})`);
  if (url.search !== '') throw new HarnessError('config', 'OAUTH_ISSUER must not carry a query (an issuer is scheme, host and path)');
  const issuer = setting;
  const issuerPath = path === '' ? '' : path;
  const urls = [`${url.origin}${issuerPath}${OIDC_SUFFIX}`, `${url.origin}${RFC8414_SUFFIX}${issuerPath}`];
  if (issuerPath !== '') urls.push(`${url.origin}${OIDC_SUFFIX}${issuerPath}`);
  return { issuer, urls };
}

/** https://, or http:// on this machine (the same rule as OAUTH_BASE_URL). */
const endpointUrl = z
  .string()
  .url()
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  }, 'must be https:// (http:// only on localhost)')
  .refine((value) => new URL(value).hash === '', 'must not contain a #fragment');

const stringList = z.array(z.string()).optional();

export const discoveryDocumentSchema = z.object({
  issuer: z.string().min(1),
  authorization_endpoint: endpointUrl,
  token_endpoint: endpointUrl,
  jwks_uri: endpointUrl.optional(),
  userinfo_endpoint: endpointUrl.optional(),
  token_endpoint_auth_methods_supported: stringList,
  code_challenge_methods_supported: stringList,
  scopes_supported: stringList,
  response_types_supported: stringList,
});

export type DiscoveryDocument = z.infer<typeof discoveryDocumentSchema>;

/** Checks a document against what was asked for; a failure names the field, never the body. */
export function endpointsFromDocument(document: unknown, expectedIssuer: string, documentUrl: string): Endpoints {
  const parsed = discoveryDocumentSchema.safeParse(document);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
    throw new HarnessError('server_error', `discovery document ${documentUrl} is not valid (${fields})`);
  }
  const doc = parsed.data;
  if (doc.issuer !== expectedIssuer) {
    const hint = doc.issuer.replace(/\/$/, '') === expectedIssuer.replace(/\/$/, '') ? ' (they differ only in a trailing slash: OAUTH_ISSUER must be exactly the issuer)' : '';
    throw new HarnessError('config', `discovery document ${documentUrl} names issuer ${JSON.stringify(doc.issuer)}, not OAUTH_ISSUER ${expectedIssuer}${hint}`);
  }
  if (doc.response_types_supported !== undefined && !doc.response_types_supported.includes('code')) {
    throw new HarnessError('config', `${expectedIssuer} does not offer the authorization code flow (response_types_supported has no "code")`);
  }
  return {
    authorize: doc.authorization_endpoint,
    token: doc.token_endpoint,
    jwks: doc.jwks_uri,
    issuer: doc.issuer,
    userinfo: doc.userinfo_endpoint,
    tokenAuthMethods: doc.token_endpoint_auth_methods_supported,
    codeChallengeMethods: doc.code_challenge_methods_supported,
    scopesSupported: doc.scopes_supported,
    source: 'discovery',
  };
}

/** Answers that mean "not here, try the other placement". */
const NOT_HERE = new Set([400, 404, 405, 410]);

type FetchOutcome = { found: true; document: unknown } | { found: false; status: number };

async function fetchDocument(url: string, signal: AbortSignal): Promise<FetchOutcome> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'error', signal });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') throw new HarnessError('timeout', `discovery document ${url} did not arrive within the run's budget`, { cause: error });
    throw new HarnessError('network', `cannot fetch discovery document ${url}: ${networkReason(error)}`, { cause: error });
  }
  if (NOT_HERE.has(response.status)) {
    await response.body?.cancel().catch(() => undefined);
    return { found: false, status: response.status };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new HarnessError('server_error', `discovery document ${url} answered HTTP ${response.status}`);
  }
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_DOCUMENT_BYTES) throw new HarnessError('server_error', `discovery document ${url} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
  const text = await response.text();
  if (text.length > MAX_DOCUMENT_BYTES) throw new HarnessError('server_error', `discovery document ${url} is larger than ${MAX_DOCUMENT_BYTES} bytes`);
  try {
    return { found: true, document: JSON.parse(text) };
  } catch {
    throw new HarnessError('server_error', `discovery document ${url} is not JSON`);
  }
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause);
}

/** Fetches and checks the issuer's document, trying each placement in turn. */
export async function fetchEndpoints(setting: string, timeoutMs: number): Promise<Endpoints> {
  const source = discoverySource(setting);
  const signal = AbortSignal.timeout(Math.max(1, timeoutMs));
  const missing: string[] = [];
  for (const url of source.urls) {
    const outcome = await fetchDocument(url, signal);
    if (outcome.found) return endpointsFromDocument(outcome.document, source.issuer, url);
    missing.push(`${url} (HTTP ${outcome.status})`);
  }
  throw new HarnessError('config', `no discovery document for OAUTH_ISSUER ${source.issuer}: ${missing.join(', ')}; check the issuer, or set OAUTH_AUTHORIZE_URL and OAUTH_TOKEN_URL`);
}

const cache = new Map<string, Promise<Endpoints>>();

/**
 * One fetch per process and issuer: every code of a batch, every health-check attempt and every
 * worker fixture reuses it. A failure is not kept, so a later run in the same process tries again.
 */
export function discoverEndpoints(setting: string, timeoutMs: number): Promise<Endpoints> {
  let pending = cache.get(setting);
  if (pending === undefined) {
    pending = fetchEndpoints(setting, timeoutMs);
    cache.set(setting, pending);
    pending.catch(() => cache.delete(setting));
  }
  return pending;
}

/** For tests that start several servers in one process: a port used again is another server. */
export function forgetDiscoveredEndpoints(): void {
  cache.clear();
}

/** What was found, for `-v`: names and URLs only, never a secret. */
export function describeEndpoints(endpoints: Endpoints, extra: { authMethod: string; pkce: boolean; scopes: readonly string[] }): string[] {
  return [
    `endpoints from ${endpoints.source === 'discovery' ? 'the discovery document' : endpoints.source === 'cognito' ? 'the Cognito paths on the base URL' : 'OAUTH_AUTHORIZE_URL / OAUTH_TOKEN_URL'}`,
    `  issuer:         ${endpoints.issuer ?? '(not known)'}`,
    `  authorize:      ${endpoints.authorize}`,
    `  token:          ${endpoints.token}`,
    `  jwks_uri:       ${endpoints.jwks ?? '(none: ID token signatures are checked only for HS256)'}`,
    `  token auth:     ${extra.authMethod}`,
    `  PKCE (S256):    ${extra.pkce ? 'yes' : 'no'}`,
    `  scope:          ${extra.scopes.length > 0 ? extra.scopes.join(' ') : '(none sent)'}`,
  ];
}
