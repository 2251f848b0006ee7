/**
 * Evidence of a failed attempt: a screenshot of where the browser stopped and a Playwright trace of
 * the whole attempt, with the configuration's secrets scrubbed before anyone can upload them.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { makeDirectory } from '../platform/atomic-file.js';
import { classifyPlaywrightError, isTracingAlreadyStarted } from '../journey/playwright-errors.js';

export type Redactor = (paths: readonly string[], secrets: readonly string[]) => Promise<unknown>;

/** A folder name per run that sorts by time and is valid on every file system. */
export function runFolderName(startedAt: Date): string {
  return startedAt.toISOString().replace(/[:.]/g, '-');
}

/**
 * Actions and network only. No DOM snapshots: taking them waits for a pending navigation, which
 * stretched a 1.5 s timeout into 25 s when the login service hung. No screencast either: its frames
 * are images, which redaction cannot read, and a login screen whose password field is not
 * type="password" (or that echoes what was typed) would show the password in them. The masked
 * failure screenshot shows where the attempt stopped.
 */
export async function startTrace(context: BrowserContext): Promise<void> {
  try {
    await context.tracing.start({ screenshots: false, snapshots: false });
    ownTraces.add(context);
  } catch (error) {
    // Someone else traces this context (Playwright's test runner traces every context it sees):
    // theirs is left to them, and the evidence is the screenshot alone.
    if (!isTracingAlreadyStarted(error)) throw error;
  }
}

/** The contexts whose trace startTrace started: only those are stopped here. */
const ownTraces = new WeakSet<BrowserContext>();

/** Success: the trace is not needed, and not keeping it means no secrets on disk. */
export async function discardTrace(context: BrowserContext): Promise<void> {
  if (ownTraces.delete(context)) await settleWithin(context.tracing.stop(), 5_000);
}

/** `work`, or a rejection after `ms`: evidence must never hold up the result. */
export async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** true when `work` succeeded within `ms`. */
export async function settleWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return within(work, ms).then(
    () => true,
    () => false,
  );
}

/**
 * Saves the screenshot and the trace of a failed attempt into `dir` and redacts them. Without a
 * redactor the trace is deleted (the POST /login body holds the password); the screenshot stays,
 * since every field was emptied and every shown secret masked first. Never throws: evidence is a bonus.
 */
export async function saveFailureArtifacts(context: BrowserContext, page: Page, options: { dir: string; attempt: number; secrets: string[]; redact: Redactor | undefined }): Promise<string[]> {
  const saved: string[] = [];
  try {
    await within(makeDirectory(options.dir), 3_000);
  } catch {
    return saved;
  }
  const screenshot = join(options.dir, `attempt-${options.attempt}-screenshot.png`);
  // No screenshot unless every field and every echo of a secret is blanked first: an image is the
  // one artifact redaction cannot read.
  if ((await blankSecrets(page, options.secrets)) && (await captureScreenshot(context, page, screenshot))) saved.push(screenshot);
  const trace = join(options.dir, `attempt-${options.attempt}-trace.zip`);
  if (ownTraces.delete(context) && (await settleWithin(context.tracing.stop({ path: trace }), 10_000))) saved.push(trace);
  if (saved.length === 0) return saved;
  if (options.redact) {
    try {
      await options.redact(saved, options.secrets);
      return saved;
    } catch {
      // Unredacted evidence must not survive a failed redaction.
      await Promise.all(saved.map((path) => rm(path, { force: true })));
      return [];
    }
  }
  await rm(trace, { force: true });
  return saved.filter((path) => path !== trace);
}

/** What a secret shown as page text is replaced with before a screenshot. */
export const SCREENSHOT_MASK = '\u2022\u2022\u2022\u2022';

/**
 * Empties every field that holds a value, whatever its type (a password field may be type="text",
 * a one-time code sits in a text field), in every frame, and replaces the configured secrets where
 * the page shows them as text. True only when every frame was reached: a page that cannot be
 * blanked is not photographed.
 */
export async function blankSecrets(page: Page, secrets: readonly string[]): Promise<boolean> {
  const shown = secrets.filter((secret) => secret.length >= 4);
  const blankFrame = (frame: Frame) =>
    frame.evaluate(
      ({ shown, mask }) => {
        for (const field of Array.from(document.querySelectorAll('input, textarea'))) {
          const input = field as HTMLInputElement | HTMLTextAreaElement;
          if (['hidden', 'submit', 'button', 'reset', 'checkbox', 'radio', 'image'].includes(input.type)) continue;
          if (input.value !== '') input.value = '';
        }
        if (shown.length === 0) return;
        const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          let text = node.nodeValue ?? '';
          for (const secret of shown) text = text.split(secret).join(mask);
          if (text !== node.nodeValue) node.nodeValue = text;
        }
      },
      { shown, mask: SCREENSHOT_MASK },
    );
  const results = await Promise.all(
    page.frames().map(async (frame) => {
      // A page that is still navigating (to an error page, say) destroys the context under the
      // script: blank the document that replaced it instead.
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        try {
          await within(blankFrame(frame), 4_000);
          return true;
        } catch (error) {
          if (frame.isDetached()) return true;
          const why = classifyPlaywrightError(error);
          if (why !== 'navigated' && why !== 'interrupted') return false;
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
      }
      return false;
    }),
  );
  return results.every(Boolean);
}

/**
 * Through the DevTools protocol first: page.screenshot() waits for a pending navigation, and a
 * timed-out login is exactly a page stuck in one. The protocol in turn fails right after the page
 * moved to another renderer (e.g. to the captured callback); page.screenshot() handles that.
 */
async function captureScreenshot(context: BrowserContext, page: Page, path: string): Promise<boolean> {
  try {
    const session = await within(context.newCDPSession(page), 3_000);
    try {
      const { data } = await within(session.send('Page.captureScreenshot', { format: 'png' }), 3_000);
      await writeFile(path, Buffer.from(data, 'base64'));
      return true;
    } finally {
      // Not awaited: Chromium answers a detach only once a pending navigation settles.
      void session.detach().catch(() => undefined);
    }
  } catch {
    return settleWithin(page.screenshot({ path, timeout: 5_000 }), 6_000);
  }
}
