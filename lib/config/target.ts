/**
 * Turns the configured target into a URL to sign in at. For the embedded target this starts the
 * local RayTeams-compatible server in this process on a free port (unless Playwright's webServer
 * already runs one), registered with exactly the client and user from the configuration.
 */
import type { MockServerOptions } from '../../mock-server/index.js';
import type { HarnessConfig } from './config.js';

export interface OpenTarget {
  /** the configuration with target.baseUrl filled in */
  config: HarnessConfig & { target: { baseUrl: string } };
  close(): Promise<void>;
}

/** The redirect URI the embedded server registers besides the configured one, for mismatch tests. */
export const EMBEDDED_ALTERNATE_REDIRECT_URI = 'http://localhost/callback-alt';

/** Where the embedded server may send the browser after /logout?logout_uri=… */
export const EMBEDDED_LOGOUT_URI = 'http://localhost/logout';

export async function openTarget(config: HarnessConfig): Promise<OpenTarget> {
  const { target } = config;
  if (target.baseUrl !== undefined) {
    const baseUrl = target.baseUrl;
    return { config: { ...config, target: { ...target, baseUrl } }, close: async () => undefined };
  }
  // Loaded only here: against a remote stage the server's code (jose and all) is start-up time for nothing.
  const { startMockServer } = await import('../../mock-server/index.js');
  const server = await startMockServer(embeddedServerOptions(config, 0));
  return {
    config: { ...config, target: { kind: 'embedded', baseUrl: server.url } },
    close: () => server.close(),
  };
}

/** The embedded server registers exactly the configured client and user, so `.env` decides both sides. */
export function embeddedServerOptions(config: HarnessConfig, port: number): MockServerOptions {
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
    ...config.mock,
    codeTtlSeconds: config.codeTtlSeconds,
  };
}
