import type { Locator, Page } from '@playwright/test';

/**
 * The service's own error page (`/error?error=redirect_mismatch`): what Cognito shows instead of
 * redirecting when the client or redirect URI is not registered.
 */
export class ErrorPage {
  readonly page: Page;
  readonly message: Locator;
  readonly errorCode: Locator;

  constructor(page: Page) {
    this.page = page;
    this.message = page.getByText(/an error was encountered with the requested page/i);
    this.errorCode = page.locator('#errorCode');
  }

  async isCurrent(): Promise<boolean> {
    return new URL(this.page.url()).pathname === '/error' || (await this.message.count()) > 0;
  }

  /** The error code, from the page or else from its URL. */
  async code(): Promise<string | undefined> {
    if ((await this.errorCode.count()) > 0) {
      const text = (await this.errorCode.first().textContent())?.trim();
      if (text) return text;
    }
    return new URL(this.page.url()).searchParams.get('error') ?? undefined;
  }
}
