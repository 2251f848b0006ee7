/**
 * Every way a login can fail, named as the health check reports it, with the exit
 * code DESIGN.md promises to the pipelines that call get-code and health-check.
 */
import { classifyPlaywrightError } from './journey/playwright-errors.js';
import { safeText } from './redaction/output-text.js';
import { safeUrl, safeUrlsIn } from './redaction/safe-url.js';

/** A message is one line; several configuration problems together can be long, but not unbounded. */
const MESSAGE_LIMIT = 4_000;

export const FAILURE_EXIT_CODES = {
  usage: 2,
  config: 2,
  credentials_rejected: 3,
  account_locked: 3,
  /** the screen asks for a one-time code and TEST_TOTP_SECRET is not set */
  mfa_required: 3,
  /** two one-time codes in a row were refused (clock skew, wrong secret) */
  mfa_rejected: 3,
  /** the pool requires MFA and the account has none: the harness never enrols a device */
  mfa_setup_required: 3,
  /** the code goes by SMS or e-mail, which the harness cannot read */
  mfa_unsupported: 3,
  /** the account has a temporary password: the harness never sets a new one */
  password_change_required: 3,
  server_error: 4,
  authorization_error: 4,
  token_error: 4,
  // the platform API refused the fresh access token (health check's GET /v1.0/me probe)
  api_error: 4,
  timeout: 5,
  network: 5,
  unexpected_page: 6,
  bad_code: 6,
  state_mismatch: 6,
  /** the browser was sent to a callback that is not the registered redirect URI (another host spelling, port or path) */
  redirect_mismatch: 6,
  // A bug in the harness, not a login result: 1 is "degraded" and 6 "contract broken", so a free
  // code (sysexits.h EX_SOFTWARE) keeps pipelines and alerts from reading it as either.
  internal: 70,
} as const;

export type FailureReason = keyof typeof FAILURE_EXIT_CODES;

/** Failures a retry can cure; everything else (above all rejected credentials) must not be retried. */
export const TRANSIENT_REASONS: ReadonlySet<FailureReason> = new Set(['timeout', 'network']);

/**
 * A failure of the harness or of the service under test. The message is one line a person can act
 * on and never contains a secret: callers build it from names and public facts only.
 */
export class HarnessError extends Error {
  readonly reason: FailureReason;
  /** The last URL the browser showed, with secrets stripped; helps answer "where did it stop?" */
  readonly lastUrl: string | undefined;

  constructor(reason: FailureReason, message: string, options: { cause?: unknown; lastUrl?: string } = {}) {
    // Every message may quote what a login service or a configuration value said: made safe to print here, once for all.
    super(safeText(message, MESSAGE_LIMIT), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HarnessError';
    this.reason = reason;
    this.lastUrl = options.lastUrl === undefined ? undefined : safeUrl(options.lastUrl);
  }

  get exitCode(): number {
    return FAILURE_EXIT_CODES[this.reason];
  }
}

export function isHarnessError(error: unknown): error is HarnessError {
  return error instanceof HarnessError;
}

/** Maps anything thrown to a HarnessError, so scripts always have a reason and an exit code. */
export function toHarnessError(error: unknown): HarnessError {
  if (isHarnessError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const playwright = classifyPlaywrightError(error);
  if (playwright === 'timeout' || /timed out/i.test(message)) return new HarnessError('timeout', firstLine(message), { cause: error });
  if (playwright === 'network' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|fetch failed/i.test(message)) {
    return new HarnessError('network', firstLine(message), { cause: error });
  }
  // A page, context or browser closed under an action (a crash, a failure racing the clean-up) is
  // the browser going away, not a bug of ours: a network failure as far as the login is concerned.
  if (playwright === 'closed') return new HarnessError('network', `the browser closed before the login finished (${firstLine(message)})`, { cause: error });
  // The page went somewhere the journey did not expect while Playwright acted on it.
  if (playwright === 'navigated' || playwright === 'interrupted') return new HarnessError('unexpected_page', firstLine(message), { cause: error });
  // Anything else is not a fact about the login service: a bug here (a TypeError, a failed
  // assertion), reported as such instead of as "contract broken".
  return new HarnessError('internal', `internal error (a bug in the harness): ${firstLine(message)}`, { cause: error });
}

function firstLine(text: string): string {
  // A library's message can quote URLs with codes and states in their queries.
  return safeUrlsIn(text.split('\n')[0]?.trim() ?? text);
}
