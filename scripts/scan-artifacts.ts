/** npm run scan-artifacts (`rayteams-login scan-artifacts`): the entry; the command is lib/commands/scan-artifacts.ts. */
import { runScanArtifacts } from '../lib/commands/scan-artifacts.js';

runScanArtifacts();
