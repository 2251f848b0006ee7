import { MANAGED_TEXTS } from '../i18n.js';
import type { LoginView } from './login-view.js';
import { managedScreenPage, type ManagedField, type ManagedStep } from './managed-screen.js';

/**
 * - `one-step`: username and password together;
 * - `two-step`: username, "Next", then password, drawn client-side, one POST;
 * - `identifier`: the username alone, posted to its own path (choice-based sign-in
 *   and the managed-two-page variant);
 * - `password`: the password alone, for a username the server already holds.
 */
export type ManagedLoginMode = 'one-step' | 'two-step' | 'identifier' | 'password';

export function managedLoginPage(view: LoginView, mode: ManagedLoginMode): string {
  const t = MANAGED_TEXTS[view.lang];
  const usernameField: ManagedField = view.selectorDrift
    ? { name: 'login_identifier', label: 'Identifier', type: 'text', autocomplete: 'off' }
    : { name: 'username', label: t.username, type: 'text', autocomplete: 'username' };
  const passwordField: ManagedField = {
    name: 'password',
    label: t.password,
    type: 'password',
    autocomplete: 'current-password',
  };
  const identifierStep: ManagedStep = {
    fields: [usernameField],
    buttons: [{ text: t.next }],
    emptyMessage: t.enterUsername,
  };
  const steps: ManagedStep[] =
    mode === 'one-step'
      ? [{ fields: [usernameField, passwordField], buttons: [{ text: t.signIn }] }]
      : mode === 'two-step'
        ? [identifierStep, { fields: [passwordField], buttons: [{ text: t.signIn }], echo: { text: t.signingInAs, field: usernameField.name } }]
        : mode === 'identifier'
          ? [identifierStep]
          : [{ fields: [passwordField], buttons: [{ text: t.signIn }] }];
  return managedScreenPage({
    lang: view.lang,
    title: t.signInTitle,
    heading: t.signInTitle,
    ...(mode === 'password' && view.username !== undefined ? { intro: `${t.signingInAs} ${view.username}` } : {}),
    action: view.action ?? `/login?${view.rawQuery}`,
    csrfToken: view.csrfToken,
    error: view.error ?? null,
    steps,
    links: [{ href: `/forgotPassword?${view.rawQuery}`, text: t.forgotPassword }],
    hydrationMs: view.lateHydrationMs,
    somethingWrong: t.somethingWrong,
    networkError: t.networkError,
  });
}
