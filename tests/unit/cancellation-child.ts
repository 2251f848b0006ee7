/**
 * Child process for cancellation.spec.ts: an atomic write is in flight (its temporary file exists
 * and is registered) when SIGTERM arrives; argv[2] is the temporary file's path.
 */
import { writeFileSync } from 'node:fs';
import { pendingTemporaryFiles } from '../../lib/platform/atomic-file.js';
import { installCancellation } from '../../lib/platform/cancellation.js';

installCancellation({ report: (line) => process.stderr.write(`${line}\n`) });
const temporary = process.argv[2] ?? '';
writeFileSync(temporary, 'half a metrics file');
pendingTemporaryFiles.add(temporary);
process.stdout.write('writing\n');
// The write that never finishes: the event loop stays up until the signal ends the process.
setInterval(() => undefined, 1_000);
