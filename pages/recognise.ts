/**
 * The form recogniser, Node side: gives the visible fields and controls of whatever screen the
 * browser shows their roles, in ONE round trip to the page per look. Modelled on the browsers'
 * password managers, which recognise login forms they never saw, in every language (Chromium's
 * form_data_parser.cc, Firefox's LoginManagerChild/LoginHelper):
 *
 *   1. LOGIN_*_SELECTOR overrides, when they match a visible element;
 *   2. structure: autocomplete tokens, input types, the last text field before the first password
 *      field of the same form, one-time-code fields set apart, the form's own submit control; errors
 *      by role, live region, invalid field and error styling; busy indicators;
 *   3. words, in every language of pages/language.ts (labels, placeholders, control texts, messages);
 *   4. names: ids and names such as Cognito's (signInFormUsername) or user/login/email/otp/code.
 *
 * The reading itself runs in the page: pages/recogniser/ (typed modules, bundled into one function
 * by scripts/recogniser-bundle.mjs; docs/recogniser.md). It reads open shadow roots and same-origin
 * iframes too. Elements get a stable handle (a data attribute) that byHandle() turns into a locator,
 * through the iframe when there is one. Values never leave the page: only their lengths do.
 */
import type { FrameLocator, Locator, Page } from '@playwright/test';
import { classifyPlaywrightError, isReRender } from '../lib/journey/playwright-errors.js';
import type { Look, RecogniserOverrides } from './look.js';
import { FRAME_ATTRIBUTE, FRAME_SEPARATOR, HANDLE_ATTRIBUTE, ROLE_ATTRIBUTE } from './recogniser/attributes.js';
import { IN_PAGE_SOURCE } from './recogniser/generated/in-page-source.js';
import type { Change, ReadBack, Request } from './recogniser/in-page.js';

export type * from './look.js';
export type { Change, ReadBack } from './recogniser/in-page.js';
export { FRAME_ATTRIBUTE, HANDLE_ATTRIBUTE, ROLE_ATTRIBUTE };

/** How often a wait for a change compares the fingerprint, in the page. */
const POLL_MS = 30;

/**
 * Sends the bundled recogniser and one request to the page: one round trip. The DevTools protocol
 * evaluates the expression, so a page's `Content-Security-Policy: script-src 'self'` does not stop
 * it (that policy forbids the PAGE's own eval; the recogniser evaluates no string itself).
 */
function inPage<T>(page: Page, request: Request): Promise<T> {
  return page.evaluate(`(${IN_PAGE_SOURCE})(${JSON.stringify(request)})`) as Promise<T>;
}

/** One look at the page: every visible field and control with its role, any error, busy state and the cues of the text. */
export async function lookAt(page: Page, overrides: RecogniserOverrides = {}): Promise<Look> {
  return inPage<Look>(page, { op: 'look', overrides: { username: overrides.username, password: overrides.password, submit: overrides.submit } });
}

/**
 * The CSS selector of the element a look gave `handle` to, in its own document. It does not go
 * through frames: prefer byHandle(), which does.
 */
export function handleSelector(handle: string): string {
  return `[${HANDLE_ATTRIBUTE}="${handle.split(FRAME_SEPARATOR).at(-1) ?? handle}"]`;
}

/** The element a look gave `handle` to, through the iframes that hold it (Playwright's CSS pierces open shadow roots). */
export function byHandle(page: Page, handle: string): Locator {
  const frames = handle.split(FRAME_SEPARATOR);
  const own = frames.pop() ?? handle;
  let scope: Page | FrameLocator = page;
  for (const frame of frames) scope = scope.frameLocator(`[${FRAME_ATTRIBUTE}="${frame}"]`);
  return scope.locator(`[${HANDLE_ATTRIBUTE}="${own}"]`);
}

/** Lengths of the values of these fields (never the values), and the screen's fingerprint, in one round trip. */
export async function readBack(page: Page, handles: string[]): Promise<ReadBack> {
  return inPage<ReadBack>(page, { op: 'readBack', handles });
}

/** The screen's fingerprint now (see pages/recogniser/fingerprint.ts). */
export async function fingerprintOf(page: Page): Promise<string> {
  return inPage<string>(page, { op: 'fingerprint' });
}

/**
 * Waits until the screen's fingerprint differs from `fingerprint` (a navigation counts as a change),
 * at most `timeoutMs`. The page polls (a timer in the page, no string evaluated there, so strict CSP
 * pages work); Node holds the deadline too, for a page whose scripts hang.
 */
export async function waitForChange(page: Page, fingerprint: string, timeoutMs: number): Promise<Change> {
  const budget = Math.max(1, timeoutMs);
  const polled = inPage<Change>(page, { op: 'waitForChange', fingerprint, timeoutMs: budget, pollMs: POLL_MS });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<Change>((resolve) => {
    timer = setTimeout(() => resolve('unchanged'), budget);
  });
  try {
    return await Promise.race([polled, deadline]);
  } catch (error) {
    if (classifyPlaywrightError(error) === 'closed') throw error;
    // The document went away under the wait (a navigation): that is a change too.
    if (isReRender(error)) return 'changed';
    throw error;
  } finally {
    clearTimeout(timer);
    // The page's own poll may still settle after the deadline: nobody waits for it.
    polled.catch(() => undefined);
  }
}

/** What a person would be told the screen shows: title, kinds of fields, control texts, busy or pending error. Never a value. */
export function describeLook(look: Look): string {
  const fields = look.fields.length > 0 ? look.fields.map((f) => (f.role === 'other' ? `${f.type} field` : `${f.role} field`)).join(', ') : 'no fields';
  const buttons = look.buttons.length > 0 ? look.buttons.map((b) => `"${b.text}"`).join(', ') : 'no buttons';
  const state = [look.busy ? ', busy' : '', look.errorPending ? ', an empty error box' : ''].join('');
  return `title "${look.title}", ${fields}, buttons ${buttons}${state}`;
}
