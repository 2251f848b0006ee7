/**
 * Hand-written screens in the styles other login services use, deliberately unlike the mock's markup:
 * other languages, other field names, no labels, extra forms and hidden copies, challenges after the
 * password. Each takes the expected credentials so it can refuse wrong ones as a real service would.
 */
import * as OTPAuth from 'otpauth';
import { page, type ForeignStep } from './server.js';

export interface Credentials {
  username: string;
  password: string;
}

const alert = (error: string | undefined, how: 'role' | 'class' = 'role') =>
  error === undefined ? '' : how === 'role' ? `<div role="alert">${error}</div>` : `<p class="form-error">${error}</p>`;

/** Korean, one step: labels only, generated-looking names. */
export function koreanCredentials(user: Credentials): ForeignStep {
  return {
    render: ({ action, error }) =>
      page(
        '로그인',
        `<main><h1>로그인</h1>${alert(error)}<form method="post" action="${action}">
<div><label for="f1">사용자 이름</label><input id="f1" name="f_1" type="text"></div>
<div><label for="f2">비밀번호</label><input id="f2" name="f_2" type="password"></div>
<a href="#">비밀번호를 잊으셨나요?</a>
<button type="submit">로그인</button></form></main>`,
        'ko',
      ),
    accept: (form) => (form.get('f_1') === user.username && form.get('f_2') === user.password ? undefined : '사용자 이름 또는 암호가 잘못되었습니다.'),
  };
}

/** Japanese, two steps: the username with 次へ, then the password with サインイン; the error in a plain paragraph. */
export function japaneseTwoStep(user: Credentials): ForeignStep[] {
  return [
    {
      render: ({ action, error }) =>
        page('サインイン', `<h1>サインイン</h1>${alert(error, 'class')}<form method="post" action="${action}"><label>ユーザー名<input name="loginName" type="text"></label><button>次へ</button></form>`, 'ja'),
      accept: (form) => (form.get('loginName') === user.username ? undefined : 'ユーザー名を入力してください。'),
    },
    {
      render: ({ action, error }) =>
        page('サインイン', `<h1>パスワードを入力</h1>${alert(error, 'class')}<form method="post" action="${action}"><label>パスワード<input name="secretWord" type="password"></label><button>サインイン</button></form>`, 'ja'),
      accept: (form) => (form.get('secretWord') === user.password ? undefined : 'ユーザー名またはパスワードが正しくありません。'),
    },
  ];
}

/** A conventional form: name="user_id", no labels, a "Log on" button, a search form before it, a hidden copy. */
export function conventionalForm(user: Credentials): ForeignStep {
  const form = (action: string) => `<form method="post" action="${action}">
<input name="user_id"><input name="passwd" type="password"><input type="checkbox" name="remember">
<button type="submit">Log on</button><button type="submit" formaction="/register">Register</button></form>`;
  return {
    render: ({ action, error }) =>
      page(
        'Portal',
        `<header><form action="/search"><input type="search" name="q"><button>Go</button></form></header>
<div style="display:none">${form(action)}</div>${error === undefined ? '' : `<span class="error">${error}</span>`}${form(action)}`,
      ),
    accept: (form) => (form.get('user_id') === user.username && form.get('passwd') === user.password ? undefined : 'Invalid username or password'),
  };
}

/**
 * A script-rendered form that is inert at first and is rendered again, empty, after `hydrateMs`
 * (what was typed before is lost), like a server-rendered app whose script hydrates late.
 */
export function lateHydration(user: Credentials, hydrateMs: number): ForeignStep {
  return {
    render: ({ action }) =>
      page(
        'Sign in',
        `<div id="root"><form onsubmit="return false"><label>Email<input type="email" name="email"></label><label>Password<input type="password" name="pw"></label><button>Sign in</button></form></div>
<script>setTimeout(function () { document.getElementById('root').innerHTML = '<form method="post" action="${action}"><label>Email<input type="email" name="email"></label><label>Password<input type="password" name="pw"></label><button>Sign in</button></form>'; }, ${hydrateMs});</script>`,
      ),
    accept: (form) => (form.get('email') === user.username && form.get('pw') === user.password ? undefined : 'Incorrect username or password.'),
  };
}

/** Draws nothing on its first load (the script never runs its render); a reload shows `then`. */
export function blankFirstRender(then: ForeignStep): ForeignStep {
  return {
    render: (context) => (context.renders === 1 ? page('Sign in', '<div id="root"></div><script>/* the render never comes */</script>') : then.render(context)),
    ...(then.accept ? { accept: then.accept } : {}),
  };
}

/** A page that never becomes usable: it says it is loading, forever. */
export const neverUsable: ForeignStep = { render: () => page('Sign in', '<p>Loading…</p><script>/* never draws */</script>') };

/** An empty document. */
export const emptyPage: ForeignStep = { render: () => '' };

/** Something no login: a search form. */
export const searchScreen: ForeignStep = {
  render: () => page('Find a store', '<form action="/search"><input type="search" name="q" placeholder="Search"><button>Search</button></form>'),
};

/** What a TOTP-checking service remembers: every code it was sent, and the time steps it accepted. */
export class TotpVerifier {
  readonly totp: OTPAuth.TOTP;
  readonly codesSeen: string[] = [];
  readonly usedSteps = new Set<number>();

  /** `now`: the service's clock (epoch ms); a test shares it with the harness's authenticator (tests/e2e/helpers.ts sharedClock). */
  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  }

  /** The time step the service is in now. */
  step(): number {
    return this.totp.counter({ timestamp: this.now() });
  }

  /** Cognito's rule: a code is good in its window (one either side for skew), once. */
  check(code: string | null): string | undefined {
    this.codesSeen.push(code ?? '');
    const delta = code === null ? null : this.totp.validate({ token: code, window: 1, timestamp: this.now() });
    if (delta === null) return 'Invalid code received for user';
    const step = this.step() + delta;
    if (this.usedSteps.has(step)) return 'Your software token has already been used once.';
    this.usedSteps.add(step);
    return undefined;
  }
}

/** The one-time-code screen: classic-like English with autocomplete, or Korean with no autocomplete at all. */
export function oneTimeCodeStep(verifier: TotpVerifier, lang: 'en' | 'ko'): ForeignStep {
  const field =
    lang === 'en'
      ? '<label for="totp">Enter the code from your authenticator app</label><input id="totp" name="totpCode" autocomplete="one-time-code" inputmode="numeric" maxlength="6"><input type="submit" name="signInSubmitButton" value="Sign in" aria-label="submit">'
      : '<p>인증 앱에 표시된 코드를 입력하세요.</p><input name="v" type="text" inputmode="numeric" maxlength="6"><button>확인</button>';
  return {
    render: ({ action, error }) => page(lang === 'en' ? 'Multi-factor authentication' : '다단계 인증', `${alert(error)}<form method="post" action="${action}">${field}</form>`, lang),
    accept: (form) => verifier.check(form.get('totpCode') ?? form.get('v')),
  };
}

export const smsCodeStep: ForeignStep = {
  render: ({ action }) =>
    page('Verify', `<p>We sent a code by SMS to the phone number ending in 1234.</p><form method="post" action="${action}"><label>Code<input name="code" autocomplete="one-time-code"></label><button>Sign in</button></form>`),
};

export const mfaSetupStep: ForeignStep = {
  render: ({ action }) =>
    page(
      'Set up MFA',
      `<h1>Set up an authenticator app</h1><p>Scan the QR code with your authenticator app, then enter the code it shows.</p>
<img alt="QR code" width="120" height="120" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><form method="post" action="${action}"><label>Code<input name="code" autocomplete="one-time-code"></label><button>Verify</button></form>`,
    ),
};

export const newPasswordStep: ForeignStep = {
  render: ({ action }) =>
    page(
      'Change password',
      `<h1>Change Password</h1><p>Please enter a new password.</p><form method="post" action="${action}"><label>New Password<input type="password" name="newPassword"></label><label>Enter New Password Again<input type="password" name="confirm"></label><button>Send</button></form>`,
    ),
};

/** Choice-based sign-in: buttons for each method, no fields. */
export function methodChoiceStep(lang: 'en' | 'ko'): ForeignStep {
  const [title, password, passkey, email] = lang === 'en' ? ['Choose a sign-in method', 'Password', 'Passkey', 'Email code'] : ['로그인 방법 선택', '비밀번호', '패스키', '이메일 코드'];
  return {
    render: ({ action }) =>
      page(title, `<h1>${title}</h1><form method="post" action="${action}"><button name="method" value="passkey">${passkey}</button><button name="method" value="password">${password}</button><button name="method" value="email">${email}</button></form>`, lang),
    accept: (form) => (form.get('method') === 'password' ? undefined : `method ${form.get('method') ?? 'none'} is not what the test wanted`),
  };
}

export function passwordAloneStep(user: Credentials): ForeignStep {
  return {
    render: ({ action, error }) => page('Password', `${alert(error)}<form method="post" action="${action}"><label>Password<input type="password" name="p"></label><button>Continue</button></form>`),
    accept: (form) => (form.get('p') === user.password ? undefined : 'Incorrect username or password.'),
  };
}

/** The offer to add a passkey after sign-in; "Add" would enrol one (the test counts that). */
export function passkeyOfferStep(lang: 'en' | 'ja'): ForeignStep {
  const [title, add, decline] = lang === 'en' ? ['Add a passkey?', 'Add passkey', 'Not now'] : ['パスキーを追加しますか?', 'パスキーを追加', '後で'];
  return {
    render: ({ action }) => page(title, `<h1>${title}</h1><form method="post" action="${action}"><button name="choice" value="add">${add}</button><button name="choice" value="skip">${decline}</button></form>`, lang),
    accept: (form) => (form.get('choice') === 'skip' ? undefined : 'enrolment attempted'),
  };
}
