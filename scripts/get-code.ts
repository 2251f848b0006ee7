/**
 * npm run get-code (`rayteams-login get-code`): the entry. It starts Chromium first and only then
 * loads the command (lib/commands/get-code.ts), so the browser comes up while the harness loads
 * and checks its configuration (lib/journey/head-start.ts, issue 12). Everything imported statically here is
 * on the path before the launch: keep it to the signal handlers and the head start.
 */
import { installCancellation } from '../lib/platform/cancellation.js';
import { startChromiumEarly } from '../lib/journey/head-start.js';

// Signals first, before any browser exists (lib/platform/cancellation.ts). The report is a fixed sentence
// with no value in it, so it needs none of the logger's redaction.
installCancellation({ report: (message) => process.stderr.write(`error: ${message}\n`) });
// --timeout bounds the command from its process's start, as the journey's deadline does.
const headStart = startChromiumEarly(process.argv.slice(2), { runStartedAt: performance.timeOrigin });
const [{ runGetCode }, { registerEmbeddedServer }, { EMBEDDED_SERVER }] = await Promise.all([
  import('../lib/commands/get-code.js'),
  import('../lib/config/embedded.js'),
  import('../mock-server/embedded-module.js'),
]);
// Without OAUTH_BASE_URL the command signs in at the embedded server (its code loads only then).
registerEmbeddedServer(EMBEDDED_SERVER);
runGetCode(headStart);
