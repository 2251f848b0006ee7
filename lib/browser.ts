/**
 * Finds and launches Chromium. Order: CHROMIUM_PATH, Playwright's own download, Debian's headless
 * shell (about twice as fast to start as full Chromium, so headless runs prefer it), system Chromium.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from '@playwright/test';
import { runTemporaryDirectory } from './cancellation.js';
import { HarnessError } from './errors.js';

/**
 * Flags for a closed network and for running as root: without the first four Chromium keeps trying
 * to reach Google's update and sync services and gets refused; as root it needs --no-sandbox.
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] as const;

const SYSTEM_HEADLESS_SHELLS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell'];
const SYSTEM_CHROMIUMS = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const INSTALL_HINT =
  'No Chromium found. Run `npm run setup`, or `npx playwright install chromium`, or on Debian/Ubuntu `apt-get install chromium chromium-headless-shell`, or set CHROMIUM_PATH to a Chromium binary.';

export type BrowserSource = 'CHROMIUM_PATH' | 'playwright' | 'system-headless-shell' | 'system-chromium';

export interface BrowserChoice {
  source: BrowserSource;
  /** undefined means Playwright picks its own download (headless shell when headless) */
  executablePath: string | undefined;
}

function playwrightBrowserInstalled(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

/** Picks the browser without starting it; throws a HarnessError('config') with install advice when none exists. */
export function findChromium(options: { chromiumPath?: string | undefined; headless?: boolean } = {}): BrowserChoice {
  if (options.chromiumPath) {
    if (!existsSync(options.chromiumPath)) {
      throw new HarnessError('config', `CHROMIUM_PATH points to ${options.chromiumPath}, which does not exist`);
    }
    return { source: 'CHROMIUM_PATH', executablePath: options.chromiumPath };
  }
  if (playwrightBrowserInstalled()) return { source: 'playwright', executablePath: undefined };
  const headless = options.headless ?? true;
  if (headless) {
    const shell = SYSTEM_HEADLESS_SHELLS.find((path) => existsSync(path));
    if (shell) return { source: 'system-headless-shell', executablePath: shell };
  }
  const full = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (full) return { source: 'system-chromium', executablePath: full };
  throw new HarnessError('config', INSTALL_HINT);
}

/** Launch options for the chosen browser; also used by playwright.config.ts for the test projects. */
export function chromiumLaunchOptions(options: { chromiumPath?: string | undefined; headless?: boolean } = {}): LaunchOptions {
  const choice = findChromium(options);
  return {
    headless: options.headless ?? true,
    args: [...CHROMIUM_ARGS],
    ...(choice.executablePath ? { executablePath: choice.executablePath } : {}),
  };
}

export async function launchChromium(options: { chromiumPath?: string | undefined; headless?: boolean; timeoutMs?: number } = {}): Promise<Browser> {
  const launchOptions = chromiumLaunchOptions(options);
  try {
    // tracesDir: trace chunks in a folder removed at any exit, not a playwright-tracing-* one left behind.
    return await chromium.launch({ ...launchOptions, tracesDir: runTemporaryDirectory(), timeout: options.timeoutMs ?? 30_000 });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new HarnessError('config', `Chromium failed to start (${launchOptions.executablePath ?? 'Playwright download'}): ${message}. ${INSTALL_HINT}`, { cause: error });
  }
}
