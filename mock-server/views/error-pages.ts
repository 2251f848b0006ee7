import { escapeHtml } from '../html.js';
import { layout } from './layout.js';

/** Cognito's generic error screen, used when it will not redirect (e.g. redirect_mismatch). */
export function authorizationErrorPage(errorCode: string): string {
  return layout(
    'Error',
    `<div class="container"><div class="card">
<h1>Error</h1>
<p>An error was encountered with the requested page.</p>
<p id="errorCode">${escapeHtml(errorCode)}</p>
</div></div>`,
  );
}

export function forbiddenPage(): string {
  return layout(
    'Forbidden',
    `<div class="container"><div class="card">
<h1>Forbidden</h1>
<p>The request could not be verified (missing or invalid CSRF token). Reload the page and try again.</p>
</div></div>`,
  );
}

export function serverErrorPage(): string {
  return layout(
    'Something went wrong',
    `<div class="container"><div class="card">
<h1>Something went wrong</h1>
<p>An internal error occurred. Please try again later.</p>
</div></div>`,
  );
}

export function notFoundPage(): string {
  return layout('Not found', '<div class="container"><div class="card"><h1>Not found</h1></div></div>');
}
