import type { Locator, Page } from '@playwright/test';
import { wordsPattern } from './language.js';
import { lookAt, type Look } from './recognise.js';
import type { Screen } from './screen.js';

/**
 * The service's own error page (`/error?error=redirect_mismatch`): what Cognito shows instead of
 * redirecting when the client or redirect URI is not registered.
 */
export class ErrorPage implements Screen {
  readonly name = 'service error page';
  readonly page: Page;
  readonly message: Locator;
  readonly errorCode: Locator;

  constructor(page: Page) {
    this.page = page;
    this.message = page.getByText(wordsPattern('errorPage'));
    this.errorCode = page.locator('#errorCode');
  }

  /** Cognito serves it on /error; its words say so in any language. */
  matches(look: Look): boolean {
    return (look.path === '/error' && look.roles.password === undefined) || look.cues.errorPage;
  }

  async isCurrent(): Promise<boolean> {
    return this.matches(await lookAt(this.page));
  }

  /** The error code, from the page or else from its URL. */
  async code(timeoutMs = 5_000): Promise<string | undefined> {
    if ((await this.errorCode.count()) > 0) {
      const text = (await this.errorCode.first().textContent({ timeout: Math.max(1, timeoutMs) }))?.trim();
      if (text) return text;
    }
    return new URL(this.page.url()).searchParams.get('error') ?? undefined;
  }
}
