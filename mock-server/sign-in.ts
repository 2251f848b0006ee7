import type { ServerContext } from './context.js';
import { MANAGED_TEXTS, type Lang } from './i18n.js';
import type { LoginUi } from './types.js';

export type SignInOutcome = 'signed-in' | 'rejected' | 'locked';

/** The classic hosted UI's words (English only). */
export const MESSAGES = {
  rejected: 'Incorrect username or password.',
  locked: 'Password attempts exceeded',
} as const;

export function isManaged(ui: LoginUi): boolean {
  return ui === 'managed' || ui === 'managed-two-step' || ui === 'managed-two-page' || isCloudscape(ui);
}

/** Managed login drawn by the Cloudscape bundle rather than by hand-written HTML. */
export function isCloudscape(ui: LoginUi): boolean {
  return ui === 'managed-cloudscape' || ui === 'managed-cloudscape-one-step';
}

/** The message for a failed sign-in, in the screen's language. */
export function failureMessage(ui: LoginUi, lang: Lang, outcome: Exclude<SignInOutcome, 'signed-in'>): string {
  if (!isManaged(ui)) return MESSAGES[outcome];
  const t = MANAGED_TEXTS[lang];
  return outcome === 'locked' ? t.locked : t.incorrect;
}

/**
 * The credential check behind every login screen shape. Failures are counted only
 * for users that exist, as Cognito does; unknown users get the same message so the
 * screen does not reveal which usernames exist.
 */
export function signIn(ctx: ServerContext, username: string, password: string): SignInOutcome {
  if (username === '' || password === '') return 'rejected';
  if (ctx.users.exists(username) && ctx.lockouts.isLocked(username)) return 'locked';
  if (ctx.users.passwordMatches(username, password)) {
    ctx.lockouts.recordSuccess(username);
    return 'signed-in';
  }
  if (!ctx.users.exists(username)) return 'rejected';
  return ctx.lockouts.recordFailure(username) ? 'locked' : 'rejected';
}
