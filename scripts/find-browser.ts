/** Used by `npm run setup`: says which Chromium the harness will use; exit 1 when there is none. */
import { findChromium } from '../lib/browser.js';
import { loadConfig } from '../lib/config.js';
import { isHarnessError } from '../lib/errors.js';

try {
  const choice = findChromium({ chromiumPath: loadConfig().chromiumPath, headless: true });
  process.stderr.write(`setup: browser: ${choice.executablePath ?? "Playwright's own Chromium"} (${choice.source})\n`);
} catch (error) {
  process.stderr.write(`setup: ${isHarnessError(error) ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
