/**
 * A head start for Chromium (issue 12): the browser comes up in its own process while this one loads
 * the rest of the harness (zod, the screen journey) and checks the configuration. Loading takes the
 * main thread about 0.2 s; Chromium takes about as long to start. One after the other, a pipeline
 * waits for both.
 *
 * The launch is a well-founded guess: it reads the only two facts a launch needs, CHROMIUM_PATH and
 * `--headed`, the way the checked configuration will read them (lib/config/environment.ts, the same
 * flags). getAuthorizationCodes() takes the browser over only when the checked configuration asks
 * for exactly the launch that was made, and closes it and launches anew otherwise. When the command
 * stops instead (a usage or configuration mistake, --help, a signal), process.exit ends the browser
 * with the process: Playwright's exit handler kills it and removes its profile.
 *
 * Nothing is reported from here. A guess that fails (no browser found, a launch error) is dropped in
 * silence; the real launch after the configuration check says what is wrong, as it always did.
 */
import { parseArgs } from 'node:util';
import type { Browser, LaunchOptions } from 'playwright-core';
import { chromiumLaunchOptions, HARNESS_CONTEXT_OPTIONS, launchChromium } from './browser.js';
import { DEFAULT_FLOW_TIMEOUT_MS } from './budget.js';
import { readEnvironment, type Env } from '../config/environment.js';

export interface HeadStart {
  /** the launch that was made: compared with the one the checked configuration asks for */
  readonly launch: Pick<LaunchOptions, 'executablePath' | 'headless'>;
  /**
   * The browser with one default context holding one blank page, opened too while the command loads
   * (the first code's, as getAuthorizationCodes() would open them); rejects when the launch failed.
   */
  readonly browser: Promise<Browser>;
}

export interface LaunchWish {
  chromiumPath?: string | undefined;
  headless?: boolean;
  timeoutMs?: number;
}

/**
 * Starts Chromium for a command line like get-code's (`--headed`, `--env-file PATH`, `--timeout MS`;
 * the budget counts from `runStartedAt`, epoch ms, default now), or returns undefined when the
 * command will not need one (--help, --version) or the guess cannot be made. Never throws.
 */
export function startChromiumEarly(argv: readonly string[], options: { env?: Env; runStartedAt?: number } = {}): HeadStart | undefined {
  try {
    // Not strict: the command's own parser reports unknown flags; this reads what it can.
    const { values } = parseArgs({
      args: [...argv],
      options: { headed: { type: 'boolean' }, 'env-file': { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } },
      strict: false,
      allowPositionals: true,
    });
    if (values.help === true || values.version === true) return undefined;
    const envFile = typeof values['env-file'] === 'string' ? values['env-file'] : undefined;
    const environment = readEnvironment({ ...(options.env !== undefined ? { env: options.env } : {}), ...(envFile !== undefined ? { envFile } : {}) });
    const chromiumPath = environment.CHROMIUM_PATH?.trim() || undefined;
    // --timeout bounds the whole run from its start (a command passes its process's), this launch included.
    const timeout = typeof values.timeout === 'string' && /^\d+$/.test(values.timeout) ? Number(values.timeout) : DEFAULT_FLOW_TIMEOUT_MS;
    const spent = Date.now() - (options.runStartedAt ?? Date.now());
    const wish: LaunchWish = { chromiumPath, headless: values.headed !== true, timeoutMs: Math.max(1, Math.round(timeout - spent)) };
    const { executablePath, headless } = chromiumLaunchOptions(wish);
    const browser = launchChromium(wish).then(withBlankPage);
    // Unhandled until taken over; a failed guess must not end the process.
    browser.catch(() => undefined);
    return { launch: { executablePath, headless }, browser };
  } catch {
    return undefined;
  }
}

/**
 * The browser for a checked configuration's launch: the head start's when it made exactly this
 * launch and it succeeded, otherwise a launch of its own (which reports any failure). A head start
 * not taken over is closed.
 */
export async function takeOverOrLaunch(headStart: HeadStart | undefined, wish: LaunchWish): Promise<Browser> {
  if (headStart !== undefined) {
    const wanted = chromiumLaunchOptions(wish);
    if (wanted.executablePath === headStart.launch.executablePath && wanted.headless === headStart.launch.headless) {
      const browser = await headStart.browser.catch(() => undefined);
      if (browser?.isConnected()) return browser;
    } else {
      dropHeadStart(headStart);
    }
  }
  return launchChromium(wish);
}

async function withBlankPage(browser: Browser): Promise<Browser> {
  try {
    const context = await browser.newContext(HARNESS_CONTEXT_OPTIONS);
    await context.newPage();
    return browser;
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

/** Closes a head start nobody will take over (in the background: the caller has moved on). */
export function dropHeadStart(headStart: HeadStart | undefined): void {
  void headStart?.browser.then((browser) => browser.close()).catch(() => undefined);
}
