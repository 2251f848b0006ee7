/**
 * Child process for watchdog.spec.ts: a command whose work never ends, with a watchdog that
 * publishes a result first (as the health check writes its state) into the file given as argv[2].
 */
import { writeFileSync } from 'node:fs';
import { runCli } from '../../lib/cli.js';

runCli(async ({ armWatchdog }) => {
  armWatchdog(200, async () => {
    // eslint-disable-next-line no-restricted-syntax -- stands for an asynchronous write, as the real one
    await new Promise((resolve) => setTimeout(resolve, 50));
    writeFileSync(process.argv[2] ?? '', 'published');
  });
  // eslint-disable-next-line no-restricted-syntax -- the hang the watchdog exists for: a wait far past its budget
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  return 0;
});
