import { escapeHtml } from '../html.js';
import { MANAGED_TEXTS, type Lang } from '../i18n.js';
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

/**
 * Managed login's error screen: its own words and structure (an alert and the
 * code in small print), in the remembered language.
 */
export function managedErrorPage(errorCode: string, lang: Lang): string {
  const t = MANAGED_TEXTS[lang];
  return layout(
    t.errorTitle,
    `<main class="container"><div class="card" role="alert">
<h2>${escapeHtml(t.errorTitle)}</h2>
<p>${escapeHtml(t.errorText)}</p>
<small>error: <span data-testid="error-code">${escapeHtml(errorCode)}</span></small>
</div></main>`,
    '',
    lang,
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
