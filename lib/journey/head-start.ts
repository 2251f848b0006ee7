/**
 * A head start for Chromium: the browser comes up in its own process while this one loads
 * the rest of the harness (zod, the screen journey) and checks the configuration. Loading takes the
 * main thread about 0.2 s; Chromium takes about as long to start. One after the other, a pipeline
 * waits for both.
 *
 * The launch is a well-founded guess: it reads the only facts a launch needs, CHROMIUM_PATH, `--headed`
 * and `--timeout`, with the command's own readers (lib/config/command-line.ts for the flags,
 * lib/config/environment.ts for the variable), so the two cannot disagree. getAuthorizationCodes() takes the browser over only when the checked configuration asks
 * for exactly the launch that was made, and closes it and launches anew otherwise. When the command
 * stops instead (a usage or configuration mistake, --help, a signal), process.exit ends the browser
 * with the process: Playwright's exit handler kills it and removes its profile.
 *
 * Nothing is reported from here. A guess that fails (no browser found, a launch error) is dropped in
 * silence; the real launch after the configuration check says what is wrong, as it always did.
 */
import type { Browser, LaunchOptions } from 'playwright-core';
import { chromiumLaunchOptions, HARNESS_CONTEXT_OPTIONS, launchChromium } from './browser.js';
import { envFileOption, launchFlagsOf, parseGetCodeFlags } from '../config/command-line.js';
import { chromiumPathIn, readEnvironment, type Env } from '../config/environment.js';

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
 * Starts Chromium for get-code's command line (`--headed`, `--env-file PATH`, `--timeout MS`; the
 * budget counts from `runStartedAt`, epoch ms, default now), or returns undefined when the command
 * will not need one (--help, --version, a command line it refuses) or the guess cannot be made.
 * Never throws.
 */
export function startChromiumEarly(argv: readonly string[], options: { env?: Env; runStartedAt?: number } = {}): HeadStart | undefined {
  try {
    // The command's own reading: a command line it refuses (exit 2) needs no browser.
    const flags = parseGetCodeFlags(argv);
    if (flags.help) return undefined;
    const launch = launchFlagsOf(flags);
    const environment = readEnvironment({ ...(options.env !== undefined ? { env: options.env } : {}), ...envFileOption(flags) });
    // --timeout bounds the whole run from its start (a command passes its process's), this launch included.
    const spent = Date.now() - (options.runStartedAt ?? Date.now());
    const wish: LaunchWish = { chromiumPath: chromiumPathIn(environment), headless: launch.headless, timeoutMs: Math.max(1, Math.round(launch.timeoutMs - spent)) };
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
