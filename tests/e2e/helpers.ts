// Small shared pieces of the login-screen specs.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect } from '../../fixtures/index.js';
import { UUID_PATTERN } from '../../lib/config/config.js';
import type { FailureReason } from '../../lib/errors.js';
import { HarnessError } from '../../lib/errors.js';

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
