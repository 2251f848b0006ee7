import { MANAGED_TEXTS, type Lang } from '../i18n.js';
import { managedScreenPage, type ManagedField, type ManagedScreenConfig } from './managed-screen.js';

/** Managed login's screens after the password (and its method choice), localised. */

export interface ManagedChallengeView {
  lang: Lang;
  action: string;
  csrfToken: string;
  error?: string;
}

function screen(view: ManagedChallengeView, parts: Pick<ManagedScreenConfig, 'title' | 'heading' | 'steps'> & Partial<ManagedScreenConfig>): string {
  const t = MANAGED_TEXTS[view.lang];
  return managedScreenPage({
    lang: view.lang,
    action: view.action,
    csrfToken: view.csrfToken,
    error: view.error ?? null,
    links: [],
    hydrationMs: null,
    somethingWrong: t.somethingWrong,
    networkError: t.networkError,
    ...parts,
  });
}

function codeField(label: string): ManagedField {
  return { name: 'code', label, type: 'text', autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6 };
}

export function managedTotpPage(view: ManagedChallengeView): string {
  const t = MANAGED_TEXTS[view.lang];
  return screen(view, {
    title: t.totpTitle,
    heading: t.totpTitle,
    intro: t.totpIntro,
    steps: [{ fields: [codeField(t.code)], buttons: [{ text: t.verify }] }],
  });
}

export function managedDeliveredCodePage(view: ManagedChallengeView, medium: 'sms' | 'email', destination: string): string {
  const t = MANAGED_TEXTS[view.lang];
  const title = medium === 'sms' ? t.smsTitle : t.emailTitle;
  return screen(view, {
    title,
    heading: title,
    intro: medium === 'sms' ? t.smsIntro(destination) : t.emailIntro(destination),
    steps: [{ fields: [codeField(t.code)], buttons: [{ text: t.verify }] }],
  });
}

export function managedMfaSetupPage(view: ManagedChallengeView, secret: string): string {
  const t = MANAGED_TEXTS[view.lang];
  return screen(view, {
    title: t.setupTitle,
    heading: t.setupTitle,
    intro: t.setupIntro,
    detail: { label: t.setupKey, value: secret },
    steps: [{ fields: [codeField(t.code)], buttons: [{ text: t.verify }] }],
  });
}

export function managedNewPasswordPage(view: ManagedChallengeView): string {
  const t = MANAGED_TEXTS[view.lang];
  return screen(view, {
    title: t.newPasswordTitle,
    heading: t.newPasswordTitle,
    intro: t.newPasswordIntro,
    steps: [
      {
        fields: [
          { name: 'newPassword', label: t.newPassword, type: 'password', autocomplete: 'new-password' },
          { name: 'confirmNewPassword', label: t.confirmPassword, type: 'password', autocomplete: 'new-password' },
        ],
        buttons: [{ text: t.changePassword }],
      },
    ],
  });
}

/** Cognito's names for the methods, posted as `action`. */
export const SIGN_IN_METHODS = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] as const;

export function managedChoicePage(view: ManagedChallengeView): string {
  const t = MANAGED_TEXTS[view.lang];
  return screen(view, {
    title: t.choiceTitle,
    heading: t.choiceTitle,
    intro: t.choiceIntro,
    steps: [
      {
        fields: [],
        buttons: [
          { text: t.choicePasskey, action: 'WEB_AUTHN' },
          { text: t.choiceEmail, action: 'EMAIL_OTP' },
          { text: t.choiceSms, action: 'SMS_OTP' },
          { text: t.choicePassword, action: 'PASSWORD' },
        ],
      },
    ],
  });
}

export function managedPasskeyOfferPage(view: ManagedChallengeView): string {
  const t = MANAGED_TEXTS[view.lang];
  return screen(view, {
    title: t.passkeyTitle,
    heading: t.passkeyTitle,
    intro: t.passkeyIntro,
    steps: [
      {
        fields: [],
        buttons: [
          { text: t.passkeyAdd, action: 'add' },
          { text: t.passkeyNotNow, action: 'skip', secondary: true },
        ],
      },
    ],
  });
}
