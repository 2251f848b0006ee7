/**
 * Real OpenID providers, written by others, started by the tests themselves: what the harness must
 * sign in at from an issuer alone. node-oidc-provider (a certified OP) serves its own development
 * login and consent pages; nothing of the harness (no selectors, no code pattern) is told about them.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export interface RunningProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  close(): Promise<void>;
}

export interface OidcProviderOptions {
  /**
   * `ask`: its consent page follows the login, as it does for any third-party client; `granted`:
   * a first-party client whose grant exists already, so the login leads straight to the callback.
   */
  consent?: 'ask' | 'granted';
  /** extra path below the origin, to exercise issuers with a path */
  path?: string;
}

const CLIENT = { clientId: 'harness-client', clientSecret: 'harness-client-secret-0123456789', redirectUri: 'http://localhost/callback' } as const;

/** Listens on a free loopback port first: the issuer names the port, and the provider needs its issuer up front. */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startOidcProvider(options: OidcProviderOptions = {}): Promise<RunningProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}${options.path ?? ''}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, redirect_uris: [CLIENT.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    // Any login and password are accepted by its development login page; the subject is the login.
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    cookies: { keys: ['harness-test-cookie-key'] },
    // Set, so it does not print a notice for each default it falls back to.
    ttl: { AccessToken: 600, AuthorizationCode: 300, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    ...(options.consent === 'granted' ? { loadExistingGrant: grantEverything } : {}),
  });
  // Its development warnings (dev keys, dev interactions) are expected here.
  provider.on('server_error', () => undefined);
  const server: Server = options.path
    ? await mountBelowPath(provider, options.path, port)
    : await new Promise<Server>((resolve) => {
        const listening = provider.listen(port, '127.0.0.1', () => resolve(listening));
      });
  return {
    issuer,
    ...CLIENT,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A first-party client: the grant for what it asks is made on the spot, so no consent page is drawn. */
async function grantEverything(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const accountId = oidc.session?.accountId;
  if (accountId === undefined || oidc.client === undefined) return undefined;
  const existing = oidc.session?.grantIdFor(oidc.client.clientId);
  if (existing) return oidc.provider.Grant.find(existing);
  const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId });
  grant.addOIDCScope(oidc.requestParamScopes ? [...oidc.requestParamScopes].join(' ') : 'openid');
  await grant.save();
  return grant;
}

/** node-oidc-provider's documented way to serve an issuer with a path: mount its callback there. */
async function mountBelowPath(provider: Provider, path: string, port: number): Promise<Server> {
  const { createServer } = await import('node:http');
  const callback = provider.callback();
  const server = createServer((req, res) => {
    if (req.url?.startsWith(`${path}/`) || req.url === path) {
      req.url = req.url.slice(path.length) || '/';
      (req as { originalUrl?: string }).originalUrl = `${path}${req.url}`;
      void callback(req, res);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return server;
}
