/**
 * What the journey remembers between looks: small, typed, and nothing a page object could know.
 */
import type { LoginShape } from '../../pages/LoginPage.js';
import type { JourneyScreen } from '../../pages/screen.js';
import type { Traffic, TrafficMark } from './traffic.js';

/** How long a press may go without any request before the journey calls it one that did nothing. */
export const QUIET_MS = 500;

/** The last thing the journey pressed, until the next one. */
export interface LastSubmission {
  screen: JourneyScreen;
  how: 'control' | 'enter';
  /** the traffic just before the press */
  mark: TrafficMark;
  pressedAt: number;
  /** whether it went out: a request followed it, or the screen changed (a password is counted rather than risked) */
  went?: 'out' | 'nowhere';
  /** an error shown since was taken as the answer to it */
  errorAnswered: boolean;
  /** the screen pressed had the username field (alone or with the password) */
  carriesUsername: boolean;
}

/** A screen that draws nothing, or something nobody recognises, is given a moment (and a reload) before failing. */
export interface UnknownScreenState {
  reloads: number;
  /** since when the looks have seen nothing drawn; unset while something is */
  blankSince?: number;
  unknownSince?: number;
  unknownFingerprint?: string;
}

export interface JourneyState {
  last?: LastSubmission;
  /** a screen with the username field (alone or with the password) was submitted on this journey */
  usernameSubmitted: boolean;
  /** password submissions that went out, and the traffic at the last of them */
  passwordsSent: number;
  passwordSentAt?: TrafficMark;
  /** an error was shown in answer to a password */
  errorAfterPassword: boolean;
  acted: Map<JourneyScreen, number>;
  /** something the journey waits out for a bounded moment (an empty error box, a changing text), since when */
  holding?: { what: string; since: number };
  unknown: UnknownScreenState;
  loginShape?: LoginShape;
  /** performance.now() when a sign-in screen was first acted on, when sign-in was first submitted, when a code was first asked */
  loginScreenAt?: number;
  signInStarted?: number;
  codeStarted?: number;
}

export function newJourneyState(): JourneyState {
  return { usernameSubmitted: false, passwordsSent: 0, errorAfterPassword: false, acted: new Map(), unknown: { reloads: 0 } };
}

/**
 * Whether `what` has been held for less than `ms`: the first call for a new `what` starts the clock.
 * Keeps the waits for an empty error box, a changing error text or a silent screen bounded.
 */
export function stillHolding(state: JourneyState, what: string, ms: number): boolean {
  if (state.holding?.what !== what) state.holding = { what, since: Date.now() };
  return Date.now() - state.holding.since < ms;
}

/**
 * What became of the last submission, judged from its requests and their responses (a request count
 * alone can lag the screen): a new document, answered, still on its way, nothing sent at all after
 * QUIET_MS ("silent"), or too early to say.
 */
export type Fate = 'new document' | 'answered' | 'on its way' | 'silent' | 'undecided';

export function fateOf(last: LastSubmission, traffic: Traffic): Fate {
  const since = traffic.since(last.mark);
  if (since.documents > 0) return 'new document';
  if (since.sent > 0) return since.answered >= since.sent ? 'answered' : 'on its way';
  return Date.now() - last.pressedAt >= QUIET_MS ? 'silent' : 'undecided';
}

/**
 * Settles whether the last submission went out, once that is known, and counts a password that did:
 * the rule "never the same password twice" counts only what reached the service.
 */
export function settleLastSubmission(state: JourneyState, traffic: Traffic, screen: JourneyScreen): void {
  const last = state.last;
  if (last === undefined || last.went !== undefined) return;
  const fate = fateOf(last, traffic);
  if (fate === 'new document' || fate === 'answered' || fate === 'on its way' || screen !== last.screen) last.went = 'out';
  else if (fate === 'silent') last.went = 'nowhere';
  if (last.went === 'out' && last.carriesUsername) state.usernameSubmitted = true;
  if (last.went === 'out' && last.screen.sends === 'password') {
    state.passwordsSent += 1;
    state.passwordSentAt = last.mark;
  }
}
