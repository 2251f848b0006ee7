/**
 * What every screen of the login journey has in common: it can say, from one look at the page,
 * whether it is the current screen, and it acts through bounded, checked steps. Screens know the
 * page, never OAuth.
 */
import type { Page } from '@playwright/test';
import { byHandle, lookAt, readBack, type Look, type RecogniserOverrides } from './recognise.js';
import { fillSecret } from './secret-field.js';

export interface Screen {
  /** short name for messages ("username and password", "one-time code") */
  readonly name: string;
  /** whether this look shows this screen: no round trip to the page */
  matches(look: Look): boolean;
  /** one look at the page, then matches() */
  isCurrent(): Promise<boolean>;
}

export abstract class RecognisedScreen implements Screen {
  abstract readonly name: string;

  constructor(
    readonly page: Page,
    readonly overrides: RecogniserOverrides = {},
  ) {}

  abstract matches(look: Look): boolean;

  async isCurrent(): Promise<boolean> {
    return this.matches(await lookAt(this.page, this.overrides));
  }
}

/** A value to type: secrets go through pages/secret-field.ts, never as an argument Playwright records. */
export interface Entry {
  handle: string;
  value: string;
  /** set for secrets: the name the trace shows instead of the value */
  secret?: string;
}

/** Deadline-aware action settings: every action gets what is left, a slice at most. */
export interface ActionBudget {
  /** ms left for this action */
  timeoutMs(): number;
}

/** Outcome of filling and submitting: the fingerprint just before the click, or why there was no click. */
export type Submission = { submitted: true; fingerprint: string } | { submitted: false; why: string };

/**
 * Fills the entries, reads back their lengths right before the click (a late re-render can empty or
 * replace them), fills once more if needed, then clicks `submit` (or presses Enter in the last field).
 */
export async function fillAndSubmit(page: Page, entries: Entry[], submit: string | undefined, budget: ActionBudget): Promise<Submission> {
  let fingerprint: string | undefined;
  for (let attempt = 0; attempt < 2 && fingerprint === undefined; attempt += 1) {
    for (const entry of entries) {
      if (entry.secret !== undefined) await fillSecret(page, byHandle(page, entry.handle), entry.secret, entry.value, { timeoutMs: budget.timeoutMs() });
      else await byHandle(page, entry.handle).fill(entry.value, { timeout: budget.timeoutMs() });
    }
    const check = await readBack(page, entries.map((entry) => entry.handle));
    if (check.lengths.every((length, index) => length === entries[index]?.value.length)) fingerprint = check.fingerprint;
  }
  if (fingerprint === undefined) return { submitted: false, why: 'the fields were emptied or replaced right after filling' };
  await press(page, submit, entries.at(-1)?.handle, budget);
  return { submitted: true, fingerprint };
}

/** Clicks a button (or presses Enter in a field) without waiting for the navigation it may start. */
export async function press(page: Page, button: string | undefined, fallbackField: string | undefined, budget: ActionBudget): Promise<void> {
  // noWaitAfter: a slow login service must hold the journey's own bounded wait, not the click.
  if (button !== undefined) await byHandle(page, button).click({ noWaitAfter: true, timeout: budget.timeoutMs() });
  else if (fallbackField !== undefined) await byHandle(page, fallbackField).press('Enter', { noWaitAfter: true, timeout: budget.timeoutMs() });
}
