/**
 * openSession(): the set-up every caller of the journey needs, written once. The target is opened
 * (the embedded server started, when that is the target) while the browser starts or a head start
 * is taken over, so the two overlap instead of adding up; whichever fails, the other is closed;
 * close() ends both. A browser the caller passed in is used and left open (tests, the health
 * check's many targets share one); `browser: null` opens the target alone, for a caller that
 * signs in in a browser context of its own.
 */
import type { Browser } from 'playwright-core';
import type { HarnessConfig } from '../config/config.js';
import { openTarget, type OpenTarget } from '../config/target.js';
import type { ConfigWithBaseUrl } from './flow.js';
import { takeOverOrLaunch, type HeadStart } from './head-start.js';

export interface SessionOptions {
  config: HarnessConfig;
  /** a running browser to use; left open by close(). null: no browser, the caller has a context of its own */
  browser?: Browser | null | undefined;
  /** a browser already starting (get-code's head start): taken over when it is the launch wanted */
  headStart?: HeadStart | undefined;
  headless?: boolean | undefined;
  /** bounds the browser's start and the target's opening: what is left of the run's budget */
  launchTimeoutMs: number;
}

/** A session without a browser of its own (`browser: null`): the target, opened and closed. */
export interface TargetSession {
  /** the configuration with the target's URL resolved */
  config: ConfigWithBaseUrl;
  /** closes what the session opened: the browser it launched, the embedded server it started */
  close(): Promise<void>;
}

export interface Session extends TargetSession {
  browser: Browser;
}

/** Many targets in one browser (the health check's targets file). */
export interface SharedSessionOptions extends Omit<SessionOptions, 'config' | 'browser' | 'headStart'> {
  configs: readonly HarnessConfig[];
  browser?: Browser | undefined;
}

export interface SharedSession {
  /**
   * The configurations in the same order; an embedded target without a URL now has its (shared)
   * server's. Other targets are left as they are: each check opens them itself, so a stage whose
   * discovery fails fails its own check, not the whole run.
   */
  configs: HarnessConfig[];
  browser: Browser;
  close(): Promise<void>;
}

export function openSession(options: SessionOptions & { browser: null }): Promise<TargetSession>;
export function openSession(options: SessionOptions & { browser?: Browser | undefined }): Promise<Session>;
export async function openSession(options: SessionOptions): Promise<TargetSession | Session> {
  const { config } = options;
  const browser = options.browser === null ? null : browserFor(options, config.chromiumPath);
  const opened = await openAlongside(browser, () => openTarget(config, { timeoutMs: options.launchTimeoutMs }));
  const session = { config: opened.targets.config, close: opened.close };
  return opened.browser === undefined ? session : { ...session, browser: opened.browser };
}

/**
 * One browser for many targets. Embedded targets with the same server settings (client, user,
 * faults, screen) share one server: each check still signs in in its own fresh browser context, and
 * a server's start (its signing key above all) is paid once instead of per target.
 */
export async function openSharedSession(options: SharedSessionOptions): Promise<SharedSession> {
  const [first] = options.configs;
  const opened = await openAlongside(browserFor(options, first?.chromiumPath), () => openSharedServers(options.configs));
  return { configs: opened.targets.configs, browser: opened.browser as Browser, close: opened.close };
}

/** Runs `body` in a session and closes it afterwards, whatever happens. */
export function withSession<T>(options: SessionOptions & { browser: null }, body: (session: TargetSession) => Promise<T>): Promise<T>;
export function withSession<T>(options: SessionOptions & { browser?: Browser | undefined }, body: (session: Session) => Promise<T>): Promise<T>;
export async function withSession<T>(options: SessionOptions, body: (session: Session) => Promise<T>): Promise<T> {
  const session = (await openSession(options as SessionOptions & { browser?: Browser })) as Session;
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}

interface BrowserToCome {
  browser: Promise<Browser>;
  /** whether close() ends it: the session launched it */
  own: boolean;
}

function browserFor(options: Omit<SessionOptions, 'config'>, chromiumPath: string | undefined): BrowserToCome {
  if (options.browser) return { browser: Promise.resolve(options.browser), own: false };
  const launching = takeOverOrLaunch(options.headStart, { chromiumPath, headless: options.headless ?? true, timeoutMs: options.launchTimeoutMs });
  // Awaited below only once the targets are open; a failed launch must not go unhandled meanwhile.
  launching.catch(() => undefined);
  return { browser: launching, own: true };
}

/** Opens the targets while the browser comes; whichever fails, the other is closed. */
async function openAlongside<T extends { close(): Promise<void> }>(
  coming: BrowserToCome | null,
  open: () => Promise<T>,
): Promise<{ targets: T; browser: Browser | undefined; close(): Promise<void> }> {
  const closeBrowser = async () => {
    if (coming?.own) await coming.browser.then((browser) => browser.close()).catch(() => undefined);
  };
  const targets = await open().catch(async (error: unknown) => {
    await closeBrowser();
    throw error;
  });
  let browser: Browser | undefined;
  try {
    browser = await coming?.browser;
  } catch (error) {
    await targets.close();
    throw error;
  }
  return {
    targets,
    browser,
    async close() {
      await closeBrowser();
      await targets.close();
    },
  };
}

async function openSharedServers(configs: readonly HarnessConfig[]): Promise<{ configs: HarnessConfig[]; close(): Promise<void> }> {
  const servers = new Map<string, Promise<OpenTarget>>();
  const close = async () => {
    await Promise.all([...servers.values()].map((opening) => opening.then((server) => server.close()).catch(() => undefined)));
  };
  const withServer = async (config: HarnessConfig): Promise<HarnessConfig> => {
    if (config.target.kind !== 'embedded' || config.target.baseUrl !== undefined) return config;
    const key = JSON.stringify([config.client, config.user, config.target.settings, config.codeTtlSeconds]);
    let opening = servers.get(key);
    if (opening === undefined) {
      opening = openTarget(config);
      servers.set(key, opening);
    }
    const server = await opening;
    return { ...config, target: { kind: 'embedded', baseUrl: server.config.target.baseUrl } };
  };
  try {
    return { configs: await Promise.all(configs.map(withServer)), close };
  } catch (error) {
    await close();
    throw error;
  }
}
