/**
 * A look no screen matches: something drawn that nobody recognises fails at once (after a moment for a
 * script still drawing) with what was seen; a page that draws nothing gets its fair share of the budget
 * and up to two reloads (a first load without a form happens).
 */
import type { Look } from '../../pages/look.js';
import { describeLook } from '../../pages/recognise.js';
import { ScreenFailure } from '../../pages/screen.js';
import type { UnknownScreenState } from './journey-state.js';
import type { WaitFor } from './watch.js';

/** Reloads of a page that draws nothing recognisable. */
const MAX_RELOADS = 2;
/** Something is drawn but no screen matches: how long a script-rendered page may still settle. */
const UNKNOWN_SETTLE_MS = 1_000;

export interface UnknownScreenContext {
  /** where the browser is, without its query */
  where: string;
  /** the screens the journey knows, for the message */
  lookedFor: string[];
  timeoutMs: number;
  /**
   * Whether the document may be reloaded: not when a form submission (a POST) brought it, since a
   * reload sends that form again (a second password attempt).
   */
  reloadable: boolean;
}

/** What to do about a look no screen matches: wait for a change, reload, or fail with what was seen. */
export function onUnknownScreen(unknown: UnknownScreenState, look: Look, context: UnknownScreenContext): WaitFor | 'reload' {
  if (look.drawn) {
    unknown.blankSince = undefined;
    if (look.fingerprint !== unknown.unknownFingerprint || unknown.unknownSince === undefined) {
      unknown.unknownFingerprint = look.fingerprint;
      unknown.unknownSince = Date.now();
    }
    if (Date.now() - unknown.unknownSince >= UNKNOWN_SETTLE_MS) {
      throw new ScreenFailure(
        'unexpected_page',
        `no known screen on ${context.where}: ${describeLook(look)}; looked for: ${context.lookedFor.join(', ')}. If this is the login screen, set LOGIN_USERNAME_SELECTOR, LOGIN_PASSWORD_SELECTOR and LOGIN_SUBMIT_SELECTOR`,
      );
    }
    return { fingerprint: look.fingerprint, quietMs: 250 };
  }
  unknown.unknownSince = undefined;
  // Nothing drawn yet. A page with no script will never draw: its fair share is short.
  const fairShare = look.empty && look.scriptless ? 1_000 : Math.min(5_000, Math.max(1_500, context.timeoutMs / 6));
  unknown.blankSince ??= Date.now();
  const waited = Date.now() - unknown.blankSince;
  if (waited >= fairShare) {
    if (!context.reloadable) {
      // A page with a script may still draw (the journey's deadline bounds the wait); one without never will.
      if (look.empty && look.scriptless) throw new ScreenFailure('unexpected_page', `the login service answered a form with an empty page at ${context.where} (title "${look.title}"); not reloading it, which would send the form again`);
      return { fingerprint: look.fingerprint, quietMs: 250 };
    }
    if (unknown.reloads < MAX_RELOADS) {
      unknown.reloads += 1;
      unknown.blankSince = undefined;
      return 'reload';
    }
    if (look.empty) throw new ScreenFailure('unexpected_page', `the login service sent an empty page at ${context.where} (title "${look.title}"), also after ${MAX_RELOADS} reloads`);
  }
  return { fingerprint: look.fingerprint, quietMs: Math.max(100, fairShare - waited) };
}
