/**
 * Turns what the string-built recogniser reports into the Look of pages/look.ts, so page objects and
 * the journey are written against one contract while that recogniser is being replaced. It derives
 * only what the old report already implies; nothing here reads the page.
 */
import type { ControlKind, Look, OneTimeCodeChannel, ScreenError, SeenButton, SeenField } from './look.js';

/** What the string-built recogniser returns: the Look minus the fields it never knew. */
export interface LegacyLook extends Omit<Look, 'buttons' | 'roles' | 'error' | 'errorPending' | 'busy' | 'cues'> {
  buttons: Array<Omit<SeenButton, 'kind' | 'primary' | 'intents'> & { intents: string[] }>;
  fields: SeenField[];
  roles: Omit<Look['roles'], 'continue' | 'forgotPassword'>;
  error?: Omit<ScreenError, 'source'>;
  /** an error box shown but still empty (visible, no text yet) */
  errorPending?: boolean;
  /** a busy indicator, or a "Loading…" message in an alert */
  busy?: boolean;
  cues: Omit<Look['cues'], 'codeChannel' | 'consent'> & { sms: boolean; emailCode: boolean; codeSent: boolean; sentToEmail: boolean; sentToPhone: boolean };
}

export function adaptLegacyLook(raw: LegacyLook): Look {
  const { error, errorPending, busy, ...rest } = raw;
  const { sms, emailCode, codeSent, sentToEmail, sentToPhone, ...cues } = raw.cues;
  const buttons: SeenButton[] = raw.buttons.map((button) => ({
    ...button,
    intents: button.intents as SeenButton['intents'],
    kind: (button.choice ? 'choice' : 'button') satisfies ControlKind,
    primary: button.handle === raw.roles.submit,
  }));
  const forgotPassword = buttons.find((button) => button.intents.includes('forgotPassword'))?.handle;
  const actions = buttons.filter((button) => !button.choice && !button.intents.includes('forgotPassword'));
  const lone = raw.fields.length === 0 && actions.length === 1 ? actions[0]?.handle : undefined;
  const channel: OneTimeCodeChannel | undefined = sms ? 'SMS' : emailCode ? 'e-mail' : codeSent ? (sentToPhone || !sentToEmail ? 'SMS' : 'e-mail') : undefined;
  return {
    ...rest,
    buttons,
    roles: { ...raw.roles, ...(forgotPassword !== undefined ? { forgotPassword } : {}), ...(lone !== undefined ? { continue: lone } : {}) },
    ...(error !== undefined ? { error: { ...error, source: 'words' as const } } : {}),
    errorPending: errorPending ?? false,
    busy: busy ?? false,
    cues: { ...cues, ...(channel !== undefined ? { codeChannel: channel } : {}), consent: false },
  };
}
