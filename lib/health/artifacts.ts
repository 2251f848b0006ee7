/**
 * Evidence of a failed attempt: a screenshot of where the browser stopped and a Playwright trace of
 * the whole attempt, with the configuration's secrets scrubbed before anyone can upload them.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';

export type Redactor = (paths: string[], secrets: string[]) => Promise<unknown> | unknown;

/** A folder name per run that sorts by time and is valid on every file system. */
export function runFolderName(startedAt: Date): string {
  return startedAt.toISOString().replace(/[:.]/g, '-');
}

export async function startTrace(context: BrowserContext): Promise<void> {
  await context.tracing.start({ screenshots: true, snapshots: true });
}

/** Success: the trace is not needed, and not keeping it means no secrets on disk. */
export async function discardTrace(context: BrowserContext): Promise<void> {
  await context.tracing.stop().catch(() => undefined);
}

/**
 * Saves the screenshot and the trace of a failed attempt into `dir` and redacts them. Without a
 * redactor the trace is deleted (its DOM snapshots and the POST /login body hold the password); the
 * screenshot stays, since the password field shows only dots. Never throws: evidence is a bonus.
 */
export async function saveFailureArtifacts(context: BrowserContext, page: Page, options: { dir: string; attempt: number; secrets: string[]; redact: Redactor | undefined }): Promise<string[]> {
  const saved: string[] = [];
  try {
    await mkdir(options.dir, { recursive: true });
  } catch {
    return saved;
  }
  const screenshot = join(options.dir, `attempt-${options.attempt}-screenshot.png`);
  if (await page.screenshot({ path: screenshot, fullPage: true, timeout: 5_000 }).then(() => true, () => false)) saved.push(screenshot);
  const trace = join(options.dir, `attempt-${options.attempt}-trace.zip`);
  if (await context.tracing.stop({ path: trace }).then(() => true, () => false)) saved.push(trace);
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
