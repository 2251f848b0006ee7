import { MANAGED_TEXTS, type Lang } from '../i18n.js';
import { managedScreenPage } from './managed-screen.js';

/**
 * Managed login's password reset, in its own words (not classic's "Forgot your
 * password?" / "Reset my password"), localised like the sign-in screen.
 */
export interface ManagedResetView {
  lang: Lang;
  action: string;
  csrfToken: string;
  loginHref: string;
  error?: string;
}

function common(view: ManagedResetView) {
  const t = MANAGED_TEXTS[view.lang];
  return {
    lang: view.lang,
    action: view.action,
    csrfToken: view.csrfToken,
    error: view.error ?? null,
    links: [{ href: view.loginHref, text: t.backToSignIn }],
    hydrationMs: null,
    somethingWrong: t.somethingWrong,
    networkError: t.networkError,
  };
}

export function managedForgotPasswordPage(view: ManagedResetView): string {
  const t = MANAGED_TEXTS[view.lang];
  return managedScreenPage({
    ...common(view),
    title: t.resetTitle,
    heading: t.resetTitle,
    intro: t.resetIntro,
    steps: [
      {
        fields: [{ name: 'username', label: t.username, type: 'text', autocomplete: 'username' }],
        buttons: [{ text: t.sendCode }],
        emptyMessage: t.enterUsername,
      },
    ],
  });
}

export function managedConfirmForgotPasswordPage(view: ManagedResetView, destination: string): string {
  const t = MANAGED_TEXTS[view.lang];
  return managedScreenPage({
    ...common(view),
    title: t.resetConfirmTitle,
    heading: t.resetConfirmTitle,
    intro: t.resetConfirmIntro(destination),
    steps: [
      {
        fields: [
          { name: 'code', label: t.code, type: 'text', autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6 },
          { name: 'password', label: t.newPassword, type: 'password', autocomplete: 'new-password' },
          { name: 'confirmPassword', label: t.confirmPassword, type: 'password', autocomplete: 'new-password' },
        ],
        buttons: [{ text: t.resetPassword }],
      },
    ],
  });
}
