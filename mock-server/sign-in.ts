import type { ServerContext } from './context.js';

export type SignInOutcome = 'signed-in' | 'rejected' | 'locked';

export const MESSAGES = {
  rejected: 'Incorrect username or password.',
  locked: 'Password attempts exceeded',
} as const;

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
