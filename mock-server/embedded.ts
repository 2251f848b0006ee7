/**
 * The server as the harness embeds it: started with the client and user the harness is configured
 * with and the settings readMockSettings() read from the environment. The shapes here mirror the
 * harness's EmbeddedRegistration by structure; the mock imports nothing from the harness.
 */
import { startMockServer } from './server.js';
import { mockSettingsFrom } from './settings.js';
import type { MockClient, MockServer, MockUser } from './types.js';

export interface EmbeddedRegistration {
  clients: MockClient[];
  users: MockUser[];
  codeTtlSeconds: number;
  settings?: unknown;
  port?: number;
  host?: string;
  log?: (line: string) => void;
}

export async function startEmbeddedServer(registration: EmbeddedRegistration): Promise<MockServer> {
  const { settings, port = 0, ...rest } = registration;
  return startMockServer({ ...mockSettingsFrom(settings), ...rest, port });
}
