/**
/**
 * Turns the configured target into endpoints to sign in at. For the embedded target this starts the
 * local RayTeams-compatible server (registered by the entry, lib/config/embedded.ts) in this process
 * on a free port (unless Playwright's webServer already runs one), registered with exactly the client
 * and user from the configuration. An issuer target is looked up in its discovery document; the
 * embedded server is read the same way, so that path is exercised on every local run.
 */
import { HarnessError } from '../errors.js';
import { cognitoEndpoints, explicitEndpoints, offersS256, withOverrides, type Endpoints } from '../oauth/endpoints.js';
import type { HarnessConfig, Target } from './config.js';
import { discoverEndpoints, endpointsFromDocument, fetchEndpoints } from './discovery.js';
import { embeddedServerOrFail, type EmbeddedRegistration } from './embedded.js';

export interface OpenTarget {
  /** the configuration with target.baseUrl and target.endpoints filled in */
  config: HarnessConfig & { target: { baseUrl: string; endpoints: Endpoints } };
  close(): Promise<void>;
}

/** How long finding the endpoints may take when the caller has no tighter budget. */
const DEFAULT_DISCOVERY_TIMEOUT_MS = 15_000;

/** The redirect URI the embedded server registers besides the configured one, for mismatch tests. */
export const EMBEDDED_ALTERNATE_REDIRECT_URI = 'http://localhost/callback-alt';

/** Where the embedded server may send the browser after /logout?logout_uri=… */
export const EMBEDDED_LOGOUT_URI = 'http://localhost/logout';

export async function openTarget(config: HarnessConfig, options: { timeoutMs?: number } = {}): Promise<OpenTarget> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DISCOVERY_TIMEOUT_MS;
  const { target } = config;
  if (target.kind === 'remote') {
    const endpoints = withOverrides(await remoteEndpoints(config, target, timeoutMs), config.endpointOverrides);
    return { config: openedConfig(config, { ...target, endpoints }, endpoints), close: async () => undefined };
  }
  if (target.baseUrl !== undefined) {
    const endpoints = await embeddedEndpoints(target.baseUrl, timeoutMs);
    return { config: openedConfig(config, { ...target, baseUrl: target.baseUrl, endpoints }, endpoints), close: async () => undefined };
  }
  const server = await embeddedServerOrFail().start(embeddedRegistration(config));
  try {
    // In this process: its document is read without a request (a first fetch costs start-up time
    // a tight --timeout does not have), and checked exactly as a fetched one.
    const document = server.discoveryDocument?.();
    const endpoints = document === undefined ? cognitoEndpoints(server.url) : endpointsFromDocument(document, server.url, `${server.url}/.well-known/openid-configuration`);
    return { config: openedConfig(config, { kind: 'embedded', baseUrl: server.url, endpoints }, endpoints), close: () => server.close() };
  } catch (error) {
    await server.close().catch(() => undefined);
    throw error;
  }
}

async function remoteEndpoints(config: HarnessConfig, target: Extract<Target, { kind: 'remote' }>, timeoutMs: number): Promise<Endpoints> {
  if (target.discover !== undefined) return discoverEndpoints(target.discover, timeoutMs);
  const cognito = cognitoEndpoints(target.baseUrl, config.issuer);
  const { authorize, token } = config.endpointOverrides;
  // Both set one by one: nothing on the base URL is assumed but a Cognito issuer's keys.
  if (authorize !== undefined && token !== undefined) return { ...explicitEndpoints(authorize, token, config.issuer), jwks: cognito.jwks };
  return cognito;
}

/**
 * The embedded server publishes a Cognito-shaped document; its issuer is the server's own URL. A
 * server that publishes none (one started elsewhere, an older build) is Cognito-shaped anyway.
 */
async function embeddedEndpoints(baseUrl: string, timeoutMs: number): Promise<Endpoints> {
  try {
    // Not from the cache: a server just started may share a port with one that has stopped.
    return await fetchEndpoints(baseUrl, timeoutMs);
  } catch (error) {
    if (error instanceof HarnessError && error.reason === 'config') return cognitoEndpoints(baseUrl);
    throw error;
  }
}

/**
 * The opened configuration: the sign-in origin is the authorization endpoint's; an issuer target
 * expects its discovered issuer; with discovery, `openid` is the default scope when the server
 * offers it, and PKCE stays on unless the server lists its methods without S256.
 */
function openedConfig(config: HarnessConfig, target: Target & { baseUrl: string }, endpoints: Endpoints): OpenTarget['config'] {
  const discovered = target.kind === 'remote' && target.discover !== undefined;
  const baseUrl = target.kind === 'remote' ? new URL(endpoints.authorize).origin : target.baseUrl;
  return {
    ...config,
    target: { ...target, baseUrl, endpoints },
    issuer: discovered ? (endpoints.issuer ?? config.issuer) : config.issuer,
    scopes: discovered && config.scopes.length === 0 && endpoints.scopesSupported?.includes('openid') ? ['openid'] : config.scopes,
    usePkce: config.usePkce && offersS256(endpoints),
  };
}

/**
 * The endpoints of an opened target; a configuration whose target was replaced without them (tests
 * point one at a private server) is Cognito-shaped on its base URL. An issuer target must have been
 * opened: guessing /oauth2/ paths on an issuer would sign in somewhere nobody configured.
 */
export function endpointsOf(config: Pick<HarnessConfig, 'target' | 'endpointOverrides' | 'issuer'> & { target: { baseUrl: string } }): Endpoints {
  const { target } = config;
  if (target.endpoints !== undefined) return target.endpoints;
  if (target.kind === 'remote' && target.discover !== undefined) throw new HarnessError('internal', 'internal error (a bug in the harness): the issuer target was not opened before use');
  return withOverrides(cognitoEndpoints(target.baseUrl, config.issuer), config.endpointOverrides);
}

/** The embedded server registers exactly the configured client and user, so `.env` decides both sides. */
export function embeddedRegistration(config: HarnessConfig, port = 0): EmbeddedRegistration {
  const settings = config.target.kind === 'embedded' ? config.target.settings : undefined;
  return {
    port,
    clients: [
      {
        clientId: config.client.id,
        ...(config.client.secret ? { clientSecret: config.client.secret } : {}),
        redirectUris: [config.client.redirectUri, EMBEDDED_ALTERNATE_REDIRECT_URI],
        logoutUris: [EMBEDDED_LOGOUT_URI],
      },
    ],
    users: [{ username: config.user.username, password: config.user.password, ...(config.user.totpSecret ? { totpSecret: config.user.totpSecret } : {}) }],
    codeTtlSeconds: config.codeTtlSeconds,
    ...(settings !== undefined ? { settings } : {}),
  };
}
