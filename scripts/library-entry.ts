/**
 * The package's library entry (dist/index.js, package.json "exports" "."): the public API of
 * lib/index.ts, with the embedded local server registered, so `getAuthorizationCode()` without
 * OAUTH_BASE_URL signs in locally as the commands do. The server's code loads only when a run
 * actually starts it; its settings reader (MOCK_*) is small and loads now.
 */
import { registerEmbeddedServer } from '../lib/config/embedded.js';
import { EMBEDDED_SERVER } from '../mock-server/embedded-module.js';

registerEmbeddedServer(EMBEDDED_SERVER);

export * from '../lib/index.js';
