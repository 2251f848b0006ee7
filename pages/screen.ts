/**
 * What every screen of the login journey has in common: it can say, from one look at the page,
 * whether it is the current screen, and it acts through bounded, checked steps. Screens know the
 * page, never OAuth.
 */
import type { Page } from '@playwright/test';
import type { Look, RecogniserOverrides, ScreenError } from './look.js';
import { byHandle, lookAt, readBack } from './recognise.js';
import { fillSecret } from './secret-field.js';

export interface Screen {
  /** short name for messages ("username and password", "one-time code") */
  readonly name: string;
  /** whether this look shows this screen: no round trip to the page */
  matches(look: Look): boolean;
  /** one look at the page, then matches() */
  isCurrent(): Promise<boolean>;
}

/**
 * Why a screen ends the journey, named by the page object that knows the screen. The journey turns
 * it into the harness's failure of the same name (and exit code).
 */
export type ScreenFailureReason =
  | 'credentials_rejected'
  | 'account_locked'
  | 'mfa_required'
  | 'mfa_rejected'
  | 'mfa_setup_required'
  | 'mfa_unsupported'
  | 'password_change_required'
  | 'authorization_error'
  | 'unexpected_page';

export class ScreenFailure extends Error {
  override name = 'ScreenFailure';

  constructor(
    readonly reason: ScreenFailureReason,
    message: string,
  ) {
    super(message);
  }
}

/** What a screen may send; the journey's safety rules guard the password and one-time codes. */
export type Sends = 'password' | 'username' | 'oneTimeCode' | 'choice' | 'nothing';

/** What the journey hands a screen when it acts. */
export interface JourneyContext {
  readonly budget: ActionBudget;
  readonly username: string;
  readonly password: string;
  /** something was submitted on this journey already (an interstitial is only expected after that) */
  readonly signedIn: boolean;
  /** the current authenticator code (or the previous window's), or undefined when no secret is set */
  oneTimeCode(options: { earlierStep: boolean }): Promise<string | undefined>;
}

/** A screen the journey can meet: recognised from a look, acted on, and told the errors its submissions get. */
export interface JourneyScreen extends Screen {
  /** the step's title in reports ("Sign in", "Enter one-time code") */
  readonly step: string;
  readonly sends: Sends;
  act(look: Look, context: JourneyContext): Promise<Submission>;
  /**
   * The answer to an error shown right after this screen was submitted: throws a ScreenFailure to
   * end the journey, returns to let the screen be submitted again.
   */
  answerError(error: ScreenError): void;
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

/**
 * Outcome of filling and submitting: the fingerprint just before the press and how the form was
 * submitted (its control, or Enter when the screen has none), or why nothing was pressed.
 */
export type Submission = { submitted: true; fingerprint: string; how: 'control' | 'enter' } | { submitted: false; why: string };

/** Typing a value lost to a re-render (a late hydration) is tried this often before giving up on the screen. */
const FILL_ATTEMPTS = 3;
/** How long a server-rendered form may wait for its script to take it over before it is used anyway. */
const HYDRATION_WAIT_MS = 3_000;

/**
 * Fills the entries and reads back their lengths after the input events (a late hydration or
 * re-render can empty or replace them), fills again while a value was lost, then presses the look's
 * submit control (or Enter in the last field when the screen has none). Never submits a field that
 * reads back empty, nor a screen that was still being drawn when it was looked at (see stillDrawing).
 */
export async function fillAndSubmit(page: Page, look: Look, entries: Entry[], budget: ActionBudget): Promise<Submission> {
  const submit = look.roles.submit;
  const first = entries[0];
  if (first !== undefined) await untilInteractive(page, first.handle, budget);
  let fingerprint: string | undefined;
  for (let attempt = 0; attempt < FILL_ATTEMPTS && fingerprint === undefined; attempt += 1) {
    for (const entry of entries) {
      if (entry.secret !== undefined) await typeSecret(page, entry, budget);
      else await byHandle(page, entry.handle).fill(entry.value, { timeout: budget.timeoutMs() });
    }
    const check = await readBack(page, entries.map((entry) => entry.handle));
    if (check.lengths.every((length, index) => length === entries[index]?.value.length)) fingerprint = check.fingerprint;
  }
  if (fingerprint === undefined) return { submitted: false, why: 'the fields were emptied or replaced right after filling' };
  if (stillDrawing(look, fingerprint)) return { submitted: false, why: 'the screen was still being drawn: fields or controls appeared while it was filled' };
  const how = await press(page, submit, entries.at(-1)?.handle, budget);
  return { submitted: true, fingerprint, how };
}

/**
 * Whether the screen read back after filling has other fields than the look the action was chosen
 * on (or, when the look had no submit control, other controls): the look caught a page half drawn
 * (its styles or script still arriving), e.g. a one-step form whose password field showed only
 * later. Submitting then would send what the look saw (the username alone, by Enter, with the
 * password field empty) and read the refusal as wrong credentials; the next look sees the whole
 * screen. Values, handle marks, invalid and disabled marks are no change of shape: filling makes them.
 */
function stillDrawing(look: Look, afterFilling: string): boolean {
  const shape = (fingerprint: string, withControls: boolean): string =>
    fingerprint
      .split('|')
      .filter((part) => /^i[a-z-]+/.test(part) || (withControls && part.startsWith('b') && part !== 'busy'))
      .map((part) => (part.startsWith('i') ? part.replace(/[hvc!]+$/, '') : part.replace(/-$/, '')))
      .join('|');
  const withControls = look.roles.submit === undefined;
  return shape(look.fingerprint, withControls) !== shape(afterFilling, withControls);
}

/**
 * Waits (a bounded moment) until the field's form is interactive: what is typed into a server-rendered
 * form before its script takes it over is lost, and pressing it submits it natively, by GET, to the
 * page it is on (landing on the service's error page, with what was typed in the URL).
 */
async function untilInteractive(page: Page, handle: string, budget: ActionBudget): Promise<void> {
  const until = Date.now() + Math.min(HYDRATION_WAIT_MS, budget.timeoutMs());
  while (Date.now() < until) {
    // A field gone under the probe is the next look's business: carry on.
    const ready = await byHandle(page, handle)
      .evaluate(isInteractive, undefined, { timeout: Math.max(1, until - Date.now()) })
      .catch(() => true);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs in the page: false while the form is a server-rendered form its script has not taken over
 * yet. A script that has taken over a form leaves its own properties on it or its fields (React's
 * `__reactFiber$…`, Vue's, Angular's); plain DOM elements have none (a form's indexed controls,
 * '0', '1', …, do not count). Without them, the one form that waits is a POST to the page itself
 * (no action, no submit handler attribute) with no hidden field, on a page that runs scripts: a
 * server's own POST form carries its CSRF token or state in hidden fields, so this one is a script's,
 * and posted natively it would lose what the script adds (a CSRF header) and land on an error page.
 * Every other form is used as it is: one with an action posts itself as written, and a form without
 * a method is a script's that its script drew (no framework marks the forms a plain script makes,
 * so waiting for marks there would only cost HYDRATION_WAIT_MS on every such page).
 */
function isInteractive(element: Element): boolean {
  const form = element instanceof HTMLInputElement && element.form !== null ? element.form : element.closest('form');
  if (form === null) return true;
  const ownedByScript = (node: Element) => Object.keys(node).some((key) => !/^\d+$/.test(key));
  if (ownedByScript(form) || ownedByScript(element)) return true;
  if (form.hasAttribute('action') || form.hasAttribute('onsubmit')) return true;
  if ((form.getAttribute('method') ?? 'get').toLowerCase() !== 'post') return true;
  return form.querySelector('input[type=hidden]') !== null || document.scripts.length === 0;
}

/** The one place a secret is typed: by the field's handle, through pages/secret-field.ts. */
function typeSecret(page: Page, entry: Entry, budget: ActionBudget): Promise<boolean> {
  return fillSecret(page, byHandle(page, entry.handle), entry.secret ?? 'secret', entry.value, { timeoutMs: budget.timeoutMs() });
}

/** Clicks a control (or presses Enter in a field) without waiting for the navigation it may start. */
export async function press(page: Page, control: string | undefined, fallbackField: string | undefined, budget: ActionBudget): Promise<'control' | 'enter'> {
  // noWaitAfter: a slow login service must hold the journey's own bounded wait, not the click.
  if (control !== undefined) {
    await byHandle(page, control).click({ noWaitAfter: true, timeout: budget.timeoutMs() });
    return 'control';
  }
  if (fallbackField !== undefined) await byHandle(page, fallbackField).press('Enter', { noWaitAfter: true, timeout: budget.timeoutMs() });
  return 'enter';
}

/** Pressed one control that submits nothing typed (a method option, a decline, a continue). */
export async function pressOnly(page: Page, look: Look, control: string, budget: ActionBudget): Promise<Submission> {
  await press(page, control, undefined, budget);
  return { submitted: true, fingerprint: look.fingerprint, how: 'control' };
}

/** A screen's default answer to an error after it was submitted: nothing more to try. */
export function refusedBy(error: ScreenError): never {
  throw new ScreenFailure('unexpected_page', `the screen says "${error.text}"`);
}
