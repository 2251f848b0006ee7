/*
 * Managed login drawn the way a Cloudscape app draws it: Form, FormField, Input, Button, Alert, Link,
 * Tiles, Skeleton, Spinner from @cloudscape-design/components, messages from its I18nProvider. The
 * first step is rendered on the server (pre-rendered at build time) and hydrated; every later step
 * is drawn here after the previous step's fetch() answer, without a page load. Element ids are
 * Cloudscape's own (React useId: `formField:R...:` on the server, `formField:r1:` in the browser).
 *
 * Written with createElement rather than JSX so the repository's TypeScript setup stays as it is.
 */
import { createElement as h, useState, type FormEvent, type ReactNode } from 'react';
import {
  Box,
  Button,
  Container,
  Form,
  FormField,
  Header,
  Input,
  Link,
  SpaceBetween,
  Spinner,
  Tiles,
  type InputProps,
} from '@cloudscape-design/components';
import { I18nProvider, type I18nProviderProps } from '@cloudscape-design/components/i18n';
import { DESTINATION_SLOT, type CloudscapePageConfig, type CloudscapeStep, type StepAnswer } from './protocol.js';

/** The screen on show: the step and what the server told about it. */
interface Screen {
  step: CloudscapeStep;
  action: string;
  username: string;
  setupKey?: string;
  destination?: string;
}

interface StepProps {
  config: CloudscapePageConfig;
  screen: Screen;
  /** Posts the step's fields; resolves with the refusal to show, or undefined when the app moved on. */
  submit: (fields: Record<string, string>) => Promise<string | undefined>;
  /** A refusal the server put in the page itself (a form posted without script). */
  initialError: string | null;
}

/** A refusal goes to the form (Form errorText, an error Alert) or under a field, as the page is set up. */
function placeError(config: CloudscapePageConfig, error: string | null): { form: string | null; field: string | null } {
  return config.behaviour.errorAsField ? { form: null, field: error } : { form: error, field: null };
}

function field(label: string, input: InputProps & { name?: string }, errorText?: string | null): ReactNode {
  return h(FormField, { label, errorText: errorText ?? undefined }, h(Input, input));
}

function forgotLink(config: CloudscapePageConfig): ReactNode {
  return h(Link, { href: `/forgotPassword?${config.rawQuery}` }, config.texts.forgotPassword);
}

interface LayoutProps {
  children?: ReactNode;
  title: string;
  intro?: ReactNode;
  error: string | null;
  busy: boolean;
  primary: string;
  secondary?: ReactNode;
  onSubmit: () => void;
  footer?: ReactNode;
}

/** One step: a <form> around Cloudscape's Form, as Cloudscape documents (Form renders no <form>). */
function StepLayout(props: LayoutProps): ReactNode {
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    props.onSubmit();
  };
  const actions = h(
    SpaceBetween,
    { direction: 'horizontal', size: 'xs' },
    props.secondary,
    h(Button, { variant: 'primary', formAction: 'submit', loading: props.busy }, props.primary),
  );
  return h(
    'form',
    { method: 'post', noValidate: true, onSubmit },
    h(
      Form,
      {
        header: h(Header, { variant: 'h1', description: props.intro }, props.title),
        errorText: props.error ?? undefined,
        actions,
      },
      h(Container, null, h(SpaceBetween, { size: 'l' }, props.children)),
    ),
    props.footer === undefined ? null : h(Box, { margin: { top: 'm' }, textAlign: 'center' }, props.footer),
  );
}

/** Runs a step's POST and keeps its busy flag and refusal. */
function useStepSubmit(submit: StepProps['submit'], initialError: string | null): {
  busy: boolean;
  error: string | null;
  setError: (error: string | null) => void;
  run: (fields: Record<string, string>, onRefused?: () => void) => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialError);
  const run = (fields: Record<string, string>, onRefused?: () => void): void => {
    if (busy) return;
    setBusy(true);
    setError(null);
    void submit(fields).then((refusal) => {
      setBusy(false);
      if (refusal !== undefined) {
        setError(refusal);
        onRefused?.();
      }
    });
  };
  return { busy, error, setError, run };
}

/** Username (and, on the one-step page, password) on the first step. */
function FirstStep({ config, screen, submit, initialError }: StepProps): ReactNode {
  const t = config.texts;
  const oneStep = screen.step === 'sign-in';
  const drift = config.behaviour.selectorDrift;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const { busy, error, run } = useStepSubmit(submit, initialError);
  const shown = placeError(config, error);
  const usernameInput: InputProps & { name?: string } = drift
    ? { name: 'login_identifier', value: username, autoComplete: false, onChange: (e) => setUsername(e.detail.value) }
    : { name: 'username', type: 'email', value: username, autoComplete: 'username', onChange: (e) => setUsername(e.detail.value) };
  const onSubmit = (): void => {
    if (username.trim() === '') return setMissing(true);
    setMissing(false);
    const usernameName = drift ? 'login_identifier' : 'username';
    run(oneStep ? { [usernameName]: username, password } : { [usernameName]: username }, () => {
      if (!config.behaviour.passwordKept) setPassword('');
    });
  };
  const forgotHere = oneStep || !config.behaviour.forgotOnStep2;
  return h(
    StepLayout,
    {
      title: t.signInTitle,
      error: shown.form,
      busy,
      primary: oneStep ? t.signIn : t.next,
      onSubmit,
      footer: forgotHere ? forgotLink(config) : undefined,
    },
    field(drift ? t.identifier : t.username, usernameInput, missing ? t.enterUsername : oneStep ? null : shown.field),
    oneStep
      ? field(
          t.password,
          { name: 'password', type: 'password', value: password, autoComplete: 'current-password', onChange: (e) => setPassword(e.detail.value) },
          shown.field,
        )
      : null,
  );
}

/** The password step, drawn in the browser after "Next". */
function PasswordStep({ config, screen, submit, initialError }: StepProps): ReactNode {
  const t = config.texts;
  const [password, setPassword] = useState('');
  const { busy, error, run } = useStepSubmit(submit, initialError);
  const shown = placeError(config, error);
  const onSubmit = (): void =>
    run({ password }, () => {
      if (!config.behaviour.passwordKept) setPassword('');
    });
  return h(
    StepLayout,
    {
      title: t.signInTitle,
      intro: `${t.signingInAs} ${screen.username}`,
      error: shown.form,
      busy,
      primary: t.signIn,
      onSubmit,
      footer: config.behaviour.forgotOnStep2 ? forgotLink(config) : undefined,
    },
    field(
      t.password,
      { name: 'password', type: 'password', value: password, autoComplete: 'current-password', autoFocus: true, onChange: (e) => setPassword(e.detail.value) },
      shown.field,
    ),
  );
}

/** A one-time code: TOTP, a code sent by SMS or e-mail, or the first code of a new authenticator. */
function CodeStep({ config, screen, submit, initialError }: StepProps): ReactNode {
  const t = config.texts;
  const [code, setCode] = useState('');
  const { busy, error, run } = useStepSubmit(submit, initialError);
  const shown = placeError(config, error);
  const destination = screen.destination ?? '';
  const heading: Record<string, [string, string]> = {
    totp: [t.totpTitle, t.totpIntro],
    sms: [t.smsTitle, t.smsIntro.replace(DESTINATION_SLOT, destination)],
    email: [t.emailTitle, t.emailIntro.replace(DESTINATION_SLOT, destination)],
    'mfa-setup': [t.setupTitle, t.setupIntro],
  };
  const [title, intro] = heading[screen.step] ?? [t.totpTitle, t.totpIntro];
  return h(
    StepLayout,
    { title, intro, error: shown.form, busy, primary: t.verify, onSubmit: () => run({ code }, () => setCode('')) },
    screen.step === 'mfa-setup' ? h(FormField, { label: t.setupKey }, h(Box, { variant: 'code' }, screen.setupKey ?? '')) : null,
    field(
      t.code,
      { name: 'code', value: code, inputMode: 'numeric', autoComplete: 'one-time-code', autoFocus: true, onChange: (e) => setCode(e.detail.value) },
      shown.field,
    ),
  );
}

function NewPasswordStep({ config, submit, initialError }: StepProps): ReactNode {
  const t = config.texts;
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, run } = useStepSubmit(submit, initialError);
  const shown = placeError(config, error);
  return h(
    StepLayout,
    {
      title: t.newPasswordTitle,
      intro: t.newPasswordIntro,
      error: shown.form,
      busy,
      primary: t.changePassword,
      onSubmit: () => run({ new_password: password, confirm_password: again }),
    },
    field(t.newPassword, { name: 'new_password', type: 'password', value: password, autoComplete: 'new-password', onChange: (e) => setPassword(e.detail.value) }),
    field(
      t.confirmPassword,
      { name: 'confirm_password', type: 'password', value: again, autoComplete: 'new-password', onChange: (e) => setAgain(e.detail.value) },
      shown.field,
    ),
  );
}

/** Choice-based sign-in: the methods as Tiles, values named after Cognito's challenges. */
function ChoiceStep({ config, submit, initialError }: StepProps): ReactNode {
  const t = config.texts;
  const [method, setMethod] = useState<string | null>(null);
  const { busy, error, run } = useStepSubmit(submit, initialError);
  const items = [
    { value: 'PASSWORD', label: t.choicePassword },
    { value: 'EMAIL_OTP', label: t.choiceEmail },
    { value: 'SMS_OTP', label: t.choiceSms },
    { value: 'WEB_AUTHN', label: t.choicePasskey },
  ];
  return h(
    StepLayout,
    { title: t.choiceTitle, error, busy, primary: t.next, onSubmit: () => run({ action: method ?? '' }) },
    h(FormField, { label: t.choiceIntro, stretch: true }, h(Tiles, { value: method, items, columns: 1, onChange: (e) => setMethod(e.detail.value) })),
  );
}

/** The offer to add a passkey; "Not now" goes on to the application. */
function PasskeyOfferStep({ config, submit, initialError }: StepProps): ReactNode {
  const t = config.texts;
  const { busy, error, run } = useStepSubmit(submit, initialError);
  const notNow = h(Button, { variant: 'link', formAction: 'none', disabled: busy, onClick: () => run({ action: 'skip' }) }, t.passkeyNotNow);
  return h(
    StepLayout,
    { title: t.passkeyTitle, error, busy, primary: t.passkeyAdd, secondary: notNow, onSubmit: () => run({ action: 'add' }) },
    h(Box, { variant: 'p' }, t.passkeyIntro),
  );
}

const STEPS: Record<Exclude<CloudscapeStep, 'identifier' | 'sign-in'>, (props: StepProps) => ReactNode> = {
  password: PasswordStep,
  choice: ChoiceStep,
  'new-password': NewPasswordStep,
  totp: CodeStep,
  sms: CodeStep,
  email: CodeStep,
  'mfa-setup': CodeStep,
  'passkey-offer': PasskeyOfferStep,
};

/** Posts a step the way the real page does: fetch, JSON back, CSRF token in a header. */
async function postStep(config: CloudscapePageConfig, action: string, fields: Record<string, string>): Promise<StepAnswer> {
  let response: Response;
  try {
    response = await fetch(action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-Token': config.csrfToken },
      body: new URLSearchParams(fields).toString(),
    });
  } catch {
    return { error: config.texts.networkError };
  }
  try {
    const answer = (await response.json()) as StepAnswer;
    if (typeof answer.error === 'string' || typeof answer.redirect === 'string') return answer;
  } catch {
    // An HTML error page (a 500) is not an answer this page understands.
  }
  return { error: config.texts.somethingWrong };
}

export interface LoginAppProps {
  config: CloudscapePageConfig;
  /** Cloudscape's own messages (aria labels of error icons and the like) in every language offered. */
  messages: ReadonlyArray<I18nProviderProps.Messages>;
}

export function LoginApp({ config, messages }: LoginAppProps): ReactNode {
  const [screen, setScreen] = useState<Screen>({
    step: config.step,
    action: config.action,
    username: config.username ?? '',
    ...(config.setupKey === undefined ? {} : { setupKey: config.setupKey }),
    ...(config.destination === undefined ? {} : { destination: config.destination }),
  });
  const [leaving, setLeaving] = useState(false);

  const submit = async (fields: Record<string, string>): Promise<string | undefined> => {
    const answer = await postStep(config, screen.action, fields);
    if (answer.error !== undefined) return answer.error;
    const redirect = answer.redirect ?? '';
    if (answer.challenge !== undefined) {
      setScreen({
        step: answer.challenge,
        action: redirect,
        username: answer.username ?? fields['username'] ?? fields['login_identifier'] ?? screen.username,
        ...(answer.setupKey === undefined ? {} : { setupKey: answer.setupKey }),
        ...(answer.destination === undefined ? {} : { destination: answer.destination }),
      });
      return undefined;
    }
    setLeaving(true);
    window.location.assign(redirect);
    return undefined;
  };

  // The page's own refusal belongs to the step the page opened on.
  const initialError = screen.action === config.action ? (config.error ?? null) : null;
  let body: ReactNode;
  if (leaving) body = h(Box, { textAlign: 'center', padding: 'xxl' }, h(Spinner, { size: 'large' }));
  else if (screen.step === 'identifier' || screen.step === 'sign-in') {
    body = h(FirstStep, { config, screen, submit, initialError });
  } else {
    // Keyed by step, so a step reached twice (a code after a code) starts with empty fields.
    body = h(STEPS[screen.step], { key: `${screen.step}:${screen.action}`, config, screen, submit, initialError });
  }
  return h(I18nProvider, { locale: config.lang, messages, children: h('main', { className: 'login-page' }, body) });
}
