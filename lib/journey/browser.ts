/**
 * Finds and launches Chromium. Order: CHROMIUM_PATH, Playwright's own download, then a browser
 * already on the machine: on Linux Debian's headless shell (about twice as fast to start as full
 * Chromium, so headless runs prefer it) and the system Chromium or Chrome; on macOS and Windows
 * Chrome, Edge or Chromium from their usual install locations (what Playwright's `channel: 'chrome'`
 * and `'msedge'` would find). The machine (platform, file system, environment) is injectable, so
 * the choice is unit-tested for linux, darwin and win32 on any host.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { posix, win32 } from 'node:path';
import type * as PlaywrightCore from 'playwright-core';
import type { Browser, LaunchOptions } from 'playwright-core';
import { runTemporaryDirectory } from '../platform/cancellation.js';
import { HarnessError } from '../errors.js';

/**
 * Chromium through playwright-core's CommonJS entry, not `@playwright/test`: every command pays for
 * this load before its browser can start (issue 12). Under Node 20 the test package also loads the
 * test runner and its matchers, and the ESM wrappers make Node scan the CommonJS bundles for their
 * exports: together 0.1–0.3 s more than this, for nothing a command uses. The same playwright-core
 * serves the test runner, so browsers and types are one and the same.
 */
const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof PlaywrightCore;

/**
 * Flags for a closed network and for running as root: without the last four Chromium keeps trying
 * to reach Google's update and sync services and gets refused; as root it needs --no-sandbox.
 */
/**
 * Options every browser context of the harness is opened with. Service workers are blocked: their
 * fetches belong to no page, so the callback capture (a DevTools session per page) would not see a
 * worker fetching the redirect URI.
 */
export const HARNESS_CONTEXT_OPTIONS = { serviceWorkers: 'block' } as const;

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] as const;

export const INSTALL_HINT =
  'No Chromium found. Run `npm run setup`, or `npx playwright install chromium`, or on Debian/Ubuntu `apt-get install chromium chromium-headless-shell`, or install Chrome or Edge, or set CHROMIUM_PATH to a Chromium binary.';

export type BrowserSource = 'CHROMIUM_PATH' | 'playwright' | 'system-headless-shell' | 'system-chromium' | 'chrome' | 'msedge';

export interface BrowserChoice {
  source: BrowserSource;
  /** undefined means Playwright picks its own download (headless shell when headless) */
  executablePath: string | undefined;
  /** one line for people: which browser and why */
  why: string;
}

/** What findChromium looks at; tests pass a fake machine. */
export interface Machine {
  platform: NodeJS.Platform;
  exists(path: string): boolean;
  env: Record<string, string | undefined>;
  /** where Playwright's own Chromium would be; undefined when Playwright cannot say */
  playwrightExecutable(): string | undefined;
}

export const thisMachine: Machine = {
  platform: process.platform,
  exists: existsSync,
  // Machine facts (LOCALAPPDATA, ProgramFiles, PATH) to find a browser, not harness settings: see eslint.config.js.
  env: process.env,
  playwrightExecutable() {
    try {
      return chromium.executablePath();
    } catch {
      return undefined;
    }
  },
};

interface Candidate {
  source: Exclude<BrowserSource, 'CHROMIUM_PATH' | 'playwright'>;
  path: string;
  /** only for headless runs (a headless shell cannot show a window) */
  headlessOnly?: boolean;
}

/** The usual install locations, best first, for a platform. */
export function systemBrowserCandidates(machine: Pick<Machine, 'platform' | 'env'>): Candidate[] {
  if (machine.platform === 'win32') {
    // Per-machine installs under Program Files (both bitnesses), per-user ones under LOCALAPPDATA.
    const roots = [machine.env.PROGRAMFILES ?? 'C:\\Program Files', machine.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', machine.env.LOCALAPPDATA].filter((root): root is string => Boolean(root));
    const at = (source: Candidate['source'], ...parts: string[]) => roots.map((root) => ({ source, path: win32.join(root, ...parts) }));
    return [
      ...at('chrome', 'Google', 'Chrome', 'Application', 'chrome.exe'),
      ...at('msedge', 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      ...at('system-chromium', 'Chromium', 'Application', 'chrome.exe'),
    ];
  }
  if (machine.platform === 'darwin') {
    const apps = ['/Applications', ...(machine.env.HOME ? [posix.join(machine.env.HOME, 'Applications')] : [])];
    const at = (source: Candidate['source'], bundle: string, binary: string) => apps.map((dir) => ({ source, path: `${dir}/${bundle}/Contents/MacOS/${binary}` }));
    return [
      ...at('chrome', 'Google Chrome.app', 'Google Chrome'),
      ...at('msedge', 'Microsoft Edge.app', 'Microsoft Edge'),
      ...at('system-chromium', 'Chromium.app', 'Chromium'),
    ];
  }
  return [
    { source: 'system-headless-shell', path: '/usr/lib/chromium/chromium-headless-shell', headlessOnly: true },
    { source: 'system-headless-shell', path: '/usr/bin/chromium-headless-shell', headlessOnly: true },
    { source: 'system-chromium', path: '/usr/lib/chromium/chromium' },
    { source: 'system-chromium', path: '/usr/bin/chromium' },
    { source: 'system-chromium', path: '/usr/bin/chromium-browser' },
    { source: 'chrome', path: '/opt/google/chrome/chrome' },
    { source: 'chrome', path: '/usr/bin/google-chrome' },
    { source: 'msedge', path: '/opt/microsoft/msedge/msedge' },
  ];
}

const DESCRIBED: Record<Candidate['source'], string> = {
  'system-headless-shell': "the system's Chromium headless shell",
  'system-chromium': "the system's Chromium",
  chrome: 'Google Chrome',
  msedge: 'Microsoft Edge',
};

/** Picks the browser without starting it; throws a HarnessError('config') with install advice when none exists. */
export function findChromium(options: { chromiumPath?: string | undefined; headless?: boolean } = {}, machine: Machine = thisMachine): BrowserChoice {
  if (options.chromiumPath) {
    if (!machine.exists(options.chromiumPath)) {
      throw new HarnessError('config', `CHROMIUM_PATH points to ${options.chromiumPath}, which does not exist`);
    }
    return { source: 'CHROMIUM_PATH', executablePath: options.chromiumPath, why: `${options.chromiumPath}, because CHROMIUM_PATH is set` };
  }
  const own = machine.playwrightExecutable();
  if (own !== undefined && machine.exists(own)) {
    return { source: 'playwright', executablePath: undefined, why: "Playwright's own Chromium, because it is installed (npx playwright install chromium)" };
  }
  const headless = options.headless ?? true;
  const found = systemBrowserCandidates(machine).find((candidate) => (headless || !candidate.headlessOnly) && machine.exists(candidate.path));
  if (found) {
    return { source: found.source, executablePath: found.path, why: `${DESCRIBED[found.source]} at ${found.path}, because Playwright's own Chromium is not installed` };
  }
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
    // TMPDIR likewise: Chromium keeps an org.chromium.Chromium.* folder there that a browser killed
    // by a signal never removes.
    const temporary = runTemporaryDirectory();
    // Chromium gets the environment it would inherit anyway (display, locale, proxies: machine
    // facts, not harness settings), with TMPDIR replaced; Playwright's `env` takes strings only.
    const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return await chromium.launch({ ...launchOptions, tracesDir: temporary, env: { ...env, TMPDIR: temporary }, timeout: options.timeoutMs ?? 30_000 });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    // Out of time is no installation problem: the run's budget was spent before (or while) it started.
    if (error instanceof Error && error.name === 'TimeoutError') throw new HarnessError('timeout', `Chromium did not start within what was left of the budget (${options.timeoutMs ?? 30_000} ms)`, { cause: error });
    throw new HarnessError('config', `Chromium failed to start (${launchOptions.executablePath ?? 'Playwright download'}): ${message}. ${INSTALL_HINT}`, { cause: error });
  }
}
