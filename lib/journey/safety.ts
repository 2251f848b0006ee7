/**
 * The journey's safety rules: what must hold before anything is submitted. A password attempt is
 * precious (five wrong ones lock the account for everyone using it), so each rule ends the run with a
 * named reason rather than guess:
 *
 *   1. the password goes only to a screen where the username field was identified, or after the
 *      username step was submitted on this journey;
 *   2. the same password is never submitted twice, unless the service drew a new document and showed
 *      no error;
 *   3. an error box that is empty or still changing is waited on for a bounded moment first, and one
 *      that stays empty after the password ends the run;
 *   4. a busy indicator is never an error: the journey waits for it;
 *   5. a screen nobody recognises is unexpected_page, naming what was seen (unknown-screen.ts).
 *
 * Plus: Enter counts only if it caused traffic, and an error is the answer to the last submission,
 * read by the page object that was submitted.
 */
import type { Look } from '../../pages/look.js';
import { describeLook } from '../../pages/recognise.js';
import { ScreenFailure, type JourneyScreen } from '../../pages/screen.js';
import { QUIET_MS, fateOf, stillHolding, type JourneyState, type LastSubmission } from './journey-state.js';
import type { Traffic } from './traffic.js';
import type { WaitFor } from './watch.js';

/** The bounded moment an empty or changing error box (or a screen that answered without a change) gets. */
export const ERROR_SETTLE_MS = 1_500;
/** An error text must read the same this long before it is taken as the answer. */
const ERROR_STEADY_MS = 200;
/** How often one screen may be acted on before the journey gives up on it. */
const MAX_ACTS_PER_SCREEN = 4;

export type Next = 'act' | WaitFor;

const waitOn = (look: Look, quietMs: number): WaitFor => ({ fingerprint: look.fingerprint, quietMs: Math.max(50, quietMs) });

/** Rules 3 and 4: a busy screen, an empty error box, or an error text that is still changing. */
export function settleScreen(state: JourneyState, look: Look): WaitFor | undefined {
  if (look.busy) return waitOn(look, 250);
  if (look.errorPending) {
    if (stillHolding(state, 'an empty error box', ERROR_SETTLE_MS)) return waitOn(look, 100);
    if (state.last?.screen.sends === 'password') {
      throw new ScreenFailure('unexpected_page', `the screen shows an empty error box ${ERROR_SETTLE_MS} ms after the password was submitted; not submitting it again: ${describeLook(look)}`);
    }
    return undefined;
  }
  if (look.error !== undefined && state.last !== undefined && !state.last.errorAnswered) {
    const held = stillHolding(state, `error: ${look.error.text}`, ERROR_SETTLE_MS);
    if (held && Date.now() - (state.holding?.since ?? 0) < ERROR_STEADY_MS) return waitOn(look, ERROR_STEADY_MS);
  }
  return undefined;
}

/**
 * An error on the screen, read as the answer to the last submission by the page object that was
 * submitted: it ends the journey (a refusal) or lets the screen be tried again (a code already used).
 * A form that refused fields it shows empty, when nothing went out, lost what was typed to a late
 * hydration: it is typed again, never read as refused credentials.
 */
export function answerError(state: JourneyState, traffic: Traffic, look: Look): void {
  const last = state.last;
  if (look.error === undefined || last === undefined || last.errorAnswered) return;
  last.errorAnswered = true;
  if (typedValueLost(last, traffic, look)) return;
  if (last.screen.sends === 'password') state.errorAfterPassword = true;
  last.screen.answerError(look.error);
}

function typedValueLost(last: LastSubmission, traffic: Traffic, look: Look): boolean {
  const empty = (handle: string | undefined) => handle !== undefined && look.fields.some((field) => field.handle === handle && field.valueLength === 0);
  const emptied = empty(look.roles.username) || empty(look.roles.password) || empty(look.roles.oneTimeCode);
  // A refusal by the service comes with traffic; a form that checks its own (emptied) fields sends nothing.
  return emptied && traffic.since(last.mark).sent === 0;
}

/** Rules 1 and 2, Enter only if it caused traffic, and the bound on acting on one screen. */
export function mayAct(state: JourneyState, traffic: Traffic, screen: JourneyScreen, look: Look): Next {
  if (screen.sends === 'password' && look.roles.username === undefined && !state.usernameSubmitted) {
    throw new ScreenFailure('unexpected_page', `a password field with no username field, and no username was entered on this journey; the password is not sent to a screen that is not understood: ${describeLook(look)}`);
  }
  const last = state.last;
  if (last !== undefined && last.screen === screen && !last.errorAnswered) {
    const again = submittedAgain(state, traffic, last, look);
    if (again !== 'act') return again;
  }
  if (screen.sends === 'password' && state.passwordsSent > 0) {
    const redrawn = state.passwordSentAt !== undefined && traffic.since(state.passwordSentAt).documents > 0;
    if (!redrawn || state.errorAfterPassword) {
      throw new ScreenFailure('unexpected_page', `the password was submitted once on this journey and the ${screen.name} screen asks for it again without a new page; not submitting it twice: ${describeLook(look)}`);
    }
    if (stillHolding(state, `a password screen drawn again: ${look.fingerprint}`, ERROR_SETTLE_MS)) return waitOn(look, 200);
  }
  const times = (state.acted.get(screen) ?? 0) + 1;
  if (times > MAX_ACTS_PER_SCREEN) throw new ScreenFailure('unexpected_page', `the ${screen.name} screen was still shown after ${MAX_ACTS_PER_SCREEN} tries: ${describeLook(look)}`);
  return 'act';
}

/** The screen just submitted is shown again with no error: wait for the submission, or say why not to act again. */
function submittedAgain(state: JourneyState, traffic: Traffic, last: LastSubmission, look: Look): Next {
  const fate = fateOf(last, traffic);
  if (fate === 'on its way') return { fingerprint: look.fingerprint, since: last.mark };
  if (fate === 'undecided') return { fingerprint: look.fingerprint, since: last.mark, quietMs: QUIET_MS - (Date.now() - last.pressedAt) };
  if (fate === 'silent') {
    if (last.how === 'enter') throw new ScreenFailure('unexpected_page', `no submit control and Enter did nothing: ${describeLook(look)}`);
    // The control was inert (a form not hydrated yet, or drawn again): nothing went out, so it may be pressed again.
    return 'act';
  }
  if (fate === 'answered') {
    // A script-driven screen may still show the answer (or navigate): a bounded moment, then a reason.
    if (stillHolding(state, `answered: ${look.fingerprint}`, ERROR_SETTLE_MS)) return { fingerprint: look.fingerprint, since: last.mark, quietMs: 200 };
    if (last.screen.sends === 'password' || last.screen.sends === 'oneTimeCode') {
      throw new ScreenFailure('unexpected_page', `the login service answered the ${last.screen.name} screen, but it neither changed nor showed an error; not submitting it again: ${describeLook(look)}`);
    }
  }
  return 'act';
}
