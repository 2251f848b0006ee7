import type { Locator, Page } from '@playwright/test';
import { wordsPattern } from './language.js';
import type { Look, ScreenError } from './look.js';
import { lookAt } from './recognise.js';
import { ScreenFailure, refusedBy, type JourneyContext, type JourneyScreen, type Submission } from './screen.js';

/**
 * RFC 6749's syntax for an `error` value (appendix A.7: printable ASCII without `"` and `\`), without
 * surrounding spaces: what a code on the page or in its URL must look like to be reported as one.
 */
const ERROR_CODE_SYNTAX = /^[\x21\x23-\x5B\x5D-\x7E](?:[\x20\x21\x23-\x5B\x5D-\x7E]*[\x21\x23-\x5B\x5D-\x7E])?$/;

/**
 * The service's own error page: what Cognito shows instead of redirecting when the client or the
 * redirect URI is not registered. Its path, wording and code are not documented (the classic UI
 * serves `/error?error=redirect_mismatch` with "An error was encountered with the requested page."),
 * so it is recognised the way the login screens are: by structure (nothing to fill in, an error
 * shown) and by the words of every language in pages/language.ts, never by its path.
 */
export class ErrorPage implements JourneyScreen {
  readonly name = 'service error page';
  readonly step = 'Read the error page';
  readonly sends = 'nothing';
  readonly page: Page;
  /** the page's error text: its error element, or else the sentence that says it is an error page */
  readonly message: Locator;

  constructor(page: Page) {
    this.page = page;
    this.message = page
      .locator('[role=alert], [aria-live=assertive], [id*=error i], [class*=error i]')
      .or(page.getByText(wordsPattern('errorPage')))
      .filter({ visible: true })
      .first();
  }

  /**
   * No field to fill in (so no login or code screen with an error on it), and an error shown or
   * named; a page that is still loading is no error page, whatever its alert says.
   */
  matches(look: Look): boolean {
    return look.fields.length === 0 && !look.busy && (look.cues.errorPage || look.error !== undefined);
  }

  /** Ends the journey: the service refused the authorize request (or what followed it) on its own page. */
  async act(_look: Look, context: JourneyContext): Promise<Submission> {
    const code = (await this.code(context.budget.timeoutMs()).catch(() => undefined)) ?? 'unknown';
    throw new ScreenFailure('authorization_error', `login service showed its error page${context.signedIn ? ' after sign-in' : ''}: error=${code}`);
  }

  answerError(error: ScreenError): void {
    refusedBy(error);
  }

  async isCurrent(): Promise<boolean> {
    return this.matches(await lookAt(this.page));
  }

  /**
   * The error code: the OAuth `error` parameter of the page's own URL, else an error element that
   * holds nothing but a well-formed code; undefined when the page names none.
   */
  async code(timeoutMs = 5_000): Promise<string | undefined> {
    const fromUrl = new URL(this.page.url()).searchParams.get('error');
    if (fromUrl !== null && ERROR_CODE_SYNTAX.test(fromUrl)) return fromUrl;
    const look = await lookAt(this.page).catch(() => undefined);
    const text = look?.error?.text.trim();
    if (text !== undefined && /^[a-z][a-z0-9_.-]*$/i.test(text)) return text;
    // Some pages show the code in an element of its own next to a longer sentence.
    const elements = this.page.locator('[id*=error i], [class*=error i]').filter({ visible: true });
    const count = Math.min(await elements.count(), 5);
    for (let index = 0; index < count; index += 1) {
      const candidate = (await elements.nth(index).textContent({ timeout: Math.max(1, timeoutMs) }))?.trim();
      if (candidate && /^[a-z][a-z0-9_.-]*$/i.test(candidate)) return candidate;
    }
    return undefined;
  }

  /** What the page says, for a person: its error element or the sentence naming the error. */
  async errorText(): Promise<string | undefined> {
    const look = await lookAt(this.page);
    if (look.error !== undefined) return look.error.text;
    if ((await this.message.count()) === 0) return undefined;
    return (await this.message.textContent())?.trim() || undefined;
  }
}

