/**
 * Child process for watchdog.spec.ts: a command whose work never ends, with a watchdog that
 * publishes a result first (as the health check writes its state) into the file given as argv[2].
 */
import { writeFile } from 'node:fs/promises';
import { runCli } from '../../lib/commands/cli.js';

runCli(async ({ armWatchdog }) => {
  // An asynchronous write, as the health check's state is: the exit must wait for it.
  armWatchdog(200, () => writeFile(process.argv[2] ?? '', 'published'));
  // eslint-disable-next-line no-restricted-syntax -- the hang the watchdog exists for: a wait far past its budget
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  return 0;
});
