import type { MockClient } from './types.js';
import { secureEqual } from './secure-compare.js';

export class ClientRegistry {
  readonly #clients: ReadonlyMap<string, MockClient>;

  constructor(clients: readonly MockClient[]) {
    const map = new Map<string, MockClient>();
    for (const client of clients) {
      if (client.clientId === '') throw new Error('Mock client needs a clientId');
      if (client.redirectUris.length === 0) throw new Error(`Mock client ${client.clientId} needs at least one redirect URI`);
      map.set(client.clientId, client);
    }
    this.#clients = map;
  }

  find(clientId: string | null | undefined): MockClient | undefined {
    return clientId ? this.#clients.get(clientId) : undefined;
  }

  /** Exact string match, as Cognito does: no normalisation, no prefix or wildcard. */
  static allowsRedirect(client: MockClient, redirectUri: string | null): boolean {
    return redirectUri !== null && client.redirectUris.includes(redirectUri);
  }

  static allowsLogout(client: MockClient, logoutUri: string | null): boolean {
    return logoutUri !== null && (client.logoutUris ?? []).includes(logoutUri);
  }

  /** A client registered without a secret is public; one with a secret must present it. */
  static secretAccepted(client: MockClient, presented: string | undefined): boolean {
    if (client.clientSecret === undefined) return true;
    return presented !== undefined && secureEqual(presented, client.clientSecret);
  }
}
