/** npm run health-check (`rayteams-login health-check`): the entry; the command is lib/commands/health-check.ts. */
import { runHealthCheck } from '../lib/commands/health-check.js';

runHealthCheck();
