/**
 * Turns the configured target into a URL to sign in at. For the embedded target this starts the
 * local RayTeams-compatible server (registered by the entry, lib/config/embedded.ts) in this process
 * on a free port, unless Playwright's webServer already runs one, registered with exactly the client
 * and user from the configuration.
 */
import type { HarnessConfig } from './config.js';
import { embeddedServerOrFail, type EmbeddedRegistration } from './embedded.js';

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
  const server = await embeddedServerOrFail().start(embeddedRegistration(config));
  return {
    config: { ...config, target: { ...target, kind: 'embedded', baseUrl: server.url } },
    close: () => server.close(),
  };
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
