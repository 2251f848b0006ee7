/**
 * npm run mock-server: the embedded RayTeams-compatible login service as a standalone process
 * (port 4010 by default), registered with the client and user from the configuration.
 */
import { startEmbeddedServer } from '../mock-server/embedded.js';
import { EMBEDDED_SERVER } from '../mock-server/embedded-module.js';
import { mockSettingsFrom } from '../mock-server/settings.js';
import { runCli } from '../lib/commands/cli.js';
import { COMMON_FLAGS, envFileOption, parseFlags, parseIntegerFlag } from '../lib/config/command-line.js';
import { loadConfig } from '../lib/config/config.js';
import { registerEmbeddedServer } from '../lib/config/embedded.js';
import { embeddedRegistration } from '../lib/config/target.js';

// loadConfig reads and checks the MOCK_* settings through the server's own module.
registerEmbeddedServer(EMBEDDED_SERVER);

const HELP = `Usage: npm run mock-server -- [--port 4010] [--host 127.0.0.1] [--env-file PATH] [--quiet]

Serves the local RayTeams-compatible authorization server. MOCK_LOGIN_UI picks the login screen
(classic, managed, managed-two-step, managed-two-page, conventional), MOCK_LOGIN_LANG managed login's
language; MOCK_USER_MFA, MOCK_USER_STATUS, MOCK_SIGN_IN_CHOICE, MOCK_PASSKEY_OFFER the screens after the
password; MOCK_FAULTS injects faults (see README, "The local server").`;

runCli(async ({ logger }) => {
  const { values } = parseFlags(process.argv.slice(2), {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    ...COMMON_FLAGS,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const port = parseIntegerFlag('port', values.port, 4010, 0);
  const config = loadConfig(envFileOption(values));
  const server = await startEmbeddedServer({
    ...embeddedRegistration(config, port),
    host: values.host,
    ...(values.quiet ? {} : { log: (line: string) => logger.info(line) }),
  });
  const settings = mockSettingsFrom(config.target.kind === 'embedded' ? config.target.settings : undefined);
  const faults = typeof settings.faults === 'string' ? settings.faults : '';
  logger.info(`RayTeams mock login service on ${server.url} (client ${config.client.id}, redirect ${config.client.redirectUri}, UI ${settings.loginUi ?? 'classic'}${faults ? `, faults ${faults}` : ''})`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
});
