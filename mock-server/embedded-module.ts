/**
 * What an entry registers with the harness (registerEmbeddedServer): the settings reader, loaded
 * now (it is small, and a bad MOCK_* must stop a run before anything starts), and a starter that
 * loads the server itself (jose, the screens) only when a run signs in locally.
 */
import { readMockSettings } from './settings.js';
import type { EmbeddedRegistration } from './embedded.js';

export const EMBEDDED_SERVER = Object.freeze({
  readSettings: readMockSettings,
  start: async (registration: EmbeddedRegistration) => (await import('./embedded.js')).startEmbeddedServer(registration),
});
