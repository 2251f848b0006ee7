/**
 * openSession(): the set-up every caller of the journey needs, written once. The target is opened
 * (the embedded server started, when that is the target) while the browser starts or a head start
 * is taken over, so the two overlap instead of adding up; whichever fails, the other is closed;
 * close() ends both. A browser the caller passed in is used and left open (tests, the health
 * check's many targets share one).
 */
import type { Browser } from 'playwright-core';
import type { HarnessConfig } from '../config/config.js';
import { openTarget } from '../config/target.js';
import type { ConfigWithBaseUrl } from './flow.js';
import { takeOverOrLaunch, type HeadStart } from './head-start.js';

export interface SessionOptions {
  config: HarnessConfig;
  /** a running browser to use; left open by close() */
  browser?: Browser | undefined;
  /** a browser already starting (get-code's head start): taken over when it is the launch wanted */
  headStart?: HeadStart | undefined;
  headless?: boolean;
  /** bounds the browser's start: what is left of the run's budget */
  launchTimeoutMs: number;
}

export interface Session {
  /** the configuration with the target's URL resolved */
  config: ConfigWithBaseUrl;
  browser: Browser;
  /** closes what the session opened: the browser it launched, the embedded server it started */
  close(): Promise<void>;
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const { config } = options;
  const own = options.browser === undefined;
  const launching: Promise<Browser> = options.browser !== undefined ? Promise.resolve(options.browser) : takeOverOrLaunch(options.headStart, { chromiumPath: config.chromiumPath, headless: options.headless ?? true, timeoutMs: options.launchTimeoutMs });
  launching.catch(() => undefined);
  const closeLaunched = async () => {
    if (own) await launching.then((browser) => browser.close()).catch(() => undefined);
  };
  const target = await openTarget(config, { timeoutMs: options.launchTimeoutMs }).catch(async (error: unknown) => {
    await closeLaunched();
    throw error;
  });
  let browser: Browser;
  try {
    browser = await launching;
  } catch (error) {
    await target.close();
    throw error;
  }
  return {
    config: target.config,
    browser,
    async close() {
      await closeLaunched();
      await target.close();
    },
  };
}

/** Runs `body` in a session and closes it afterwards, whatever happens. */
export async function withSession<T>(options: SessionOptions, body: (session: Session) => Promise<T>): Promise<T> {
  const session = await openSession(options);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}
