// Small shared pieces of the login-screen specs.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect } from '../../fixtures/index.js';
import { UUID_PATTERN } from '../../lib/config/config.js';
import type { FailureReason } from '../../lib/errors.js';
import { HarnessError } from '../../lib/errors.js';
import type { TotpClock } from '../../lib/journey/totp.js';

/** A UUID, as RayTeams issues codes (version 4 from the embedded server). */
export const UUID = new RegExp(UUID_PATTERN);

/**
 * An OAuth `error` value as RFC 6749 (appendix A.7) allows it: printable ASCII without `"` and `\`.
 * Stage-safe tests check this shape where the service's exact code is not documented.
 */
export const OAUTH_ERROR_CODE = /^[\x21\x23-\x5B\x5D-\x7E](?:[\x20\x21\x23-\x5B\x5D-\x7E]*[\x21\x23-\x5B\x5D-\x7E])?$/;

/** The codes RFC 6749 §4.1.2.1 lets an authorization endpoint send back to the redirect URI. */
export const AUTHORIZATION_ERROR_CODES = ['invalid_request', 'unauthorized_client', 'access_denied', 'unsupported_response_type', 'invalid_scope', 'server_error', 'temporarily_unavailable'] as const;

/** A state needing every kind of escaping: spaces, &, =, +, %, #, quotes, non-ASCII. */
export const AWKWARD_STATE = `s p&a=c+e%20/?#'"<é>`;

/**
 * A username no stage has. Negative-credential tests use it against a real stage, so no run can
 * count failures against (and lock) the real test account.
 */
export function unknownUsername(): string {
  return `no-such-user-${randomBytes(6).toString('hex')}@example.invalid`;
}

export function wrongPassword(): string {
  return `Wrong-${randomBytes(6).toString('hex')}!`;
}

/** Awaits a journey that must fail, and checks the harness names the right reason and cause. */
export async function expectFailure(journey: Promise<unknown>, reason: FailureReason, message: RegExp): Promise<HarnessError> {
  const error: unknown = await journey.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, `expected the journey to fail with ${reason}`).toBeInstanceOf(HarnessError);
  const failure = error as HarnessError;
  expect({ reason: failure.reason, message: failure.message }).toEqual({ reason, message: expect.stringMatching(message) });
  return failure;
}


/**
 * The callback URL, once the browser shows the harness's stand-in page for it. The journey returns
 * as soon as the request is caught, which can be a moment before the page commits it.
 */
export async function shownCallback(page: Page, redirectUri: string): Promise<URL> {
  await page.waitForURL((url) => `${url.origin}${url.pathname}` === redirectUri, { waitUntil: 'commit', timeout: 5_000 });
  return new URL(page.url());
}

/**
 * One clock for a test's server and the harness's authenticator: real time plus what the harness
 * waited for. Waiting for the next 30-second window moves both at once, so the server judges the
 * code by the window the harness waited for, and the test takes no 30 s.
 */
export function sharedClock(): { server: () => number; totp: TotpClock; movedMs: () => number } {
  // It starts a second into a 30-second window, so sign-ins that take less than the rest of it
  // share that window: the one after the first must wait, never cross into the next by chance.
  const startMs = 30_000 - (Date.now() % 30_000) + 1_000;
  let movedMs = 0;
  const now = () => Date.now() + startMs + movedMs;
  return {
    server: now,
    totp: {
      now,
      sleep: (ms) => {
        movedMs += ms;
        return Promise.resolve();
      },
    },
    movedMs: () => movedMs,
  };
}
