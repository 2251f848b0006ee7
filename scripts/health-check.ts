/** npm run health-check (`rayteams-login health-check`): the entry; the command is lib/commands/health-check.ts. */
import { runHealthCheck } from '../lib/commands/health-check.js';
import { registerEmbeddedServer } from '../lib/config/embedded.js';
import { EMBEDDED_SERVER } from '../mock-server/embedded-module.js';

// Local targets (no OAUTH_BASE_URL, or a targets file's entry without one) start the embedded
// server; its module checks their MOCK_* and `mock:` settings with the configuration.
registerEmbeddedServer(EMBEDDED_SERVER);
runHealthCheck();
