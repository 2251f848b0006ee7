/**
 * Finds the Prometheus tools the monitoring tests run (Debian's `prometheus` package brings
 * promtool, `prometheus-pushgateway` the gateway; `npm run setup` installs both). They are
 * required: a missing tool fails the test with what to install, it never skips it silently.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export function findExecutable(names: readonly string[], debianPackage: string): string {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  throw new Error(`${names.join(' / ')} not found on PATH: run \`npm run setup\` (or \`sudo apt-get install -y ${debianPackage}\`)`);
}
