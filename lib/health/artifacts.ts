/**
 * Evidence of a failed attempt: a screenshot of where the browser stopped and a Playwright trace of
 * the whole attempt, with the configuration's secrets scrubbed before anyone can upload them.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { makeDirectory } from '../platform/atomic-file.js';
import { classifyPlaywrightError, isTracingAlreadyStarted } from '../journey/playwright-errors.js';
import { MIN_REDACTED_SECRET_LENGTH } from '../redaction/text-rules.js';

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
export async function discardTrace(context: BrowserContext, timeoutMs = 5_000): Promise<void> {
  if (ownTraces.delete(context)) await settleWithin(context.tracing.stop(), Math.min(5_000, timeoutMs));
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

/** Below this much budget a piece of evidence is not started: it could not finish in time. */
export const MIN_EVIDENCE_MS = 200;

export interface EvidenceOptions {
  dir: string;
  attempt: number;
  /** everything to scrub from the trace and to look for on the page */
  secrets: string[];
  /**
   * What the page itself was given (the password, one-time codes): masked where the main frame
   * shows it. Nothing else is sent into a page, whose scripts could read it; default: `secrets`.
   */
  typed?: string[];
  /** named in the note when the page shows it */
  password?: string | undefined;
  redact: Redactor | undefined;
  /** Date.now() by which the evidence must be done: what is left of the check's budget */
  deadline?: number;
  /**
   * The attempt ran out of time, most likely on a navigation the service never answered: stop it
   * first. Not otherwise: stopped mid-way to another page, Chromium may never paint it.
   */
  stopPendingNavigation?: boolean;
}

/** The evidence kept, and why any of it is missing (shown with the result). */
export interface Evidence {
  saved: string[];
  notes: string[];
}

/**
 * Saves the screenshot and the trace of a failed attempt into `dir` and redacts them, each within
 * what is left of the budget; what does not fit is skipped with a note. Without a redactor the trace
 * is deleted (the POST /login body holds the password); the screenshot stays, since every field was
 * emptied and every shown secret masked first. Never throws: evidence is a bonus.
 */
export async function saveFailureArtifacts(context: BrowserContext, page: Page, options: EvidenceOptions): Promise<Evidence> {
  const deadline = options.deadline ?? Date.now() + 30_000;
  const left = () => deadline - Date.now();
  const evidence: Evidence = { saved: [], notes: [] };
  const fits = (what: string) => left() >= MIN_EVIDENCE_MS || (evidence.notes.push(`${what} skipped: no time left in the check's budget`), false);
  if (!fits('screenshot and trace') || !(await settleWithin(makeDirectory(options.dir), left()))) {
    if (left() >= MIN_EVIDENCE_MS) evidence.notes.push(`screenshot and trace skipped: could not create ${options.dir}`);
    if (ownTraces.delete(context)) void context.tracing.stop().catch(() => undefined);
    return evidence;
  }
  const screenshot = join(options.dir, `attempt-${options.attempt}-screenshot.png`);
  if (fits('screenshot')) {
    const note = await photograph(context, page, screenshot, { ...options, deadline });
    if (note === undefined) evidence.saved.push(screenshot);
    else evidence.notes.push(note);
  }
  const trace = join(options.dir, `attempt-${options.attempt}-trace.zip`);
  // Only a trace this module started is stopped: a context someone else traces keeps its trace.
  if (ownTraces.delete(context)) {
    if (!fits('trace')) void context.tracing.stop().catch(() => undefined);
    else if (await settleWithin(context.tracing.stop({ path: trace }), left())) evidence.saved.push(trace);
    else evidence.notes.push("trace skipped: it was not written within the check's budget");
  }
  if (evidence.saved.length === 0) return evidence;
  if (options.redact) {
    try {
      if (left() < MIN_EVIDENCE_MS) throw new Error('no time left');
      await within(Promise.resolve(options.redact(evidence.saved, options.secrets)), left());
      return evidence;
    } catch {
      // Unredacted evidence must not survive a failed (or unfinished) redaction.
      await Promise.all(evidence.saved.map((path) => rm(path, { force: true })));
      return { saved: [], notes: [...evidence.notes, 'screenshot and trace deleted: their redaction did not finish within the check\'s budget'] };
    }
  }
  await rm(trace, { force: true });
  return { saved: evidence.saved.filter((path) => path !== trace), notes: evidence.notes };
}

/**
 * The screenshot, only of a page with every field emptied, every echo of what was typed masked, and
 * no secret left in its rendered text, before and after the picture (a script may put it back);
 * undefined when it was saved, else why not.
 */
async function photograph(context: BrowserContext, page: Page, path: string, options: EvidenceOptions & { deadline: number }): Promise<string | undefined> {
  const left = () => Math.max(1, options.deadline - Date.now());
  if (options.stopPendingNavigation === true) await stopLoading(context, page, left());
  if (!(await blankSecrets(page, options.typed ?? options.secrets, left()))) return 'screenshot skipped: the page could not be emptied of secrets first';
  const before = await secretShown(page, options, left());
  if (before !== undefined) return before;
  if (!(await captureScreenshot(context, page, path, left()))) return 'screenshot skipped: the browser did not take it within the check\'s budget';
  const after = await secretShown(page, options, left());
  if (after === undefined) return undefined;
  await rm(path, { force: true });
  return after;
}

/**
 * Whether the page's rendered text (every frame, all of it joined, white space dropped, so a secret
 * cut into pieces across elements is found too) or a field shows a secret: the note that withholds
 * the screenshot, or undefined. The comparison is made here, never in the page: a page script could
 * read what is handed to it.
 */
export async function secretShown(page: Page, options: Pick<EvidenceOptions, 'secrets' | 'password'>, timeoutMs: number): Promise<string | undefined> {
  const squeeze = (text: string) => text.replace(/\s+/g, '');
  const read = (frame: Frame) =>
    frame.evaluate(() => {
      const root = document.body ?? document.documentElement;
      const values = Array.from(document.querySelectorAll('input, textarea'))
        .filter((field) => !['password', 'hidden'].includes((field as HTMLInputElement).type))
        .map((field) => (field as HTMLInputElement).value);
      return [root?.innerText ?? '', ...values].join('');
    });
  let shown: string;
  try {
    const texts = await within(Promise.all(page.frames().map((frame) => read(frame).catch((error: unknown) => (frame.isDetached() ? '' : Promise.reject(error))))), timeoutMs);
    shown = squeeze(texts.join(''));
  } catch {
    return 'screenshot skipped: the page\'s text could not be read to check it for secrets';
  }
  const found = (secret: string) => squeeze(secret).length >= MIN_REDACTED_SECRET_LENGTH && shown.includes(squeeze(secret));
  if (options.password !== undefined && found(options.password)) return 'screenshot withheld: the page shows the password';
  if (options.secrets.some(found)) return 'screenshot withheld: the page shows a secret';
  return undefined;
}

/** What a secret shown as page text is replaced with before a screenshot. */
export const SCREENSHOT_MASK = '\u2022\u2022\u2022\u2022';

/**
 * Empties every field that holds a value, whatever its type (a password field may be type="text",
 * a one-time code sits in a text field), in every frame, and replaces the given secrets where the
 * main frame shows them as text. True only when every frame was reached within `timeoutMs`: a page
 * that cannot be blanked is not photographed.
 */
export async function blankSecrets(page: Page, secrets: readonly string[], timeoutMs = 12_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  // Only the main frame was typed into: another frame (another origin's, maybe) is never handed a secret.
  const shownIn = (frame: Frame) => (frame === page.mainFrame() ? secrets.filter((secret) => secret.length >= MIN_REDACTED_SECRET_LENGTH) : []);
  const blankFrame = (frame: Frame, shown: string[]) =>
    frame.evaluate(
      ({ shown, mask }) => {
        for (const field of Array.from(document.querySelectorAll('input, textarea'))) {
          const input = field as HTMLInputElement | HTMLTextAreaElement;
          if (['hidden', 'submit', 'button', 'reset', 'checkbox', 'radio', 'image'].includes(input.type)) continue;
          if (input.value !== '') input.value = '';
        }
        // A document still being replaced may have no root yet: nothing is shown then.
        const root = document.body ?? document.documentElement;
        if (shown.length === 0 || root === null) return;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
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
          await within(blankFrame(frame, shownIn(frame)), Math.min(4_000, deadline - Date.now()));
          return true;
        } catch (error) {
          if (frame.isDetached()) return true;
          const why = classifyPlaywrightError(error);
          if (why !== 'navigated' && why !== 'interrupted') return false;
          if (deadline - Date.now() < 200 * attempt) return false;
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
      }
      return false;
    }),
  );
  return results.every(Boolean);
}

/**
 * Ends a navigation still pending (a sign-in the service never answered): until it ends, Chromium
 * runs no script in the page, so it could be neither emptied of secrets nor checked, and the
 * screenshot would wait for it. What it leaves is the page the attempt stopped on.
 */
async function stopLoading(context: BrowserContext, page: Page, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  try {
    const session = await within(context.newCDPSession(page), timeoutMs);
    await within(session.send('Page.stopLoading'), Math.max(1, deadline - Date.now())).finally(() => void session.detach().catch(() => undefined));
  } catch {
    // The page is gone or not Chromium's: blanking finds out and says so.
  }
}

/**
 * Through the DevTools protocol first: page.screenshot() waits for a pending navigation, and a
 * timed-out login is exactly a page stuck in one. The protocol in turn fails right after the page
 * moved to another renderer (e.g. to the captured callback); page.screenshot() handles that.
 */
async function captureScreenshot(context: BrowserContext, page: Page, path: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const left = (most: number) => Math.max(1, Math.min(most, deadline - Date.now()));
  try {
    const session = await within(context.newCDPSession(page), left(3_000));
    try {
      const { data } = await within(session.send('Page.captureScreenshot', { format: 'png' }), left(3_000));
      await writeFile(path, Buffer.from(data, 'base64'));
      return true;
    } finally {
      // Not awaited: Chromium answers a detach only once a pending navigation settles.
      void session.detach().catch(() => undefined);
    }
  } catch {
    if (deadline - Date.now() < MIN_EVIDENCE_MS) return false;
    return settleWithin(page.screenshot({ path, timeout: left(5_000) }), left(6_000));
  }
}
