import type { IncomingMessage, ServerResponse } from 'node:http';
import { appendSetCookie, parseCookies, serializeCookie } from './http.js';
import { MORE_MANAGED_TEXTS } from './i18n-more-languages.js';

/**
 * Managed login is localised through `lang` on the authorize request; the choice
 * sticks in a cookie, as Cognito's does. The classic hosted UI is English only.
 */
export const LANGS = ['en', 'ko', 'ja', 'de', 'es', 'fr', 'id', 'it', 'pt-BR', 'zh-CN', 'zh-TW'] as const;
export type Lang = (typeof LANGS)[number];

/** Where the language choice is remembered between screens and visits. */
export const LANG_COOKIE = 'cognito-lang';

export function isLang(value: string | null | undefined): value is Lang {
  return value !== null && value !== undefined && (LANGS as readonly string[]).includes(value);
}

/**
 * `lang` from the request wins (and is remembered); an unsupported one falls back
 * to English like Cognito does; then the cookie; then the server's default.
 */
export function resolveLang(
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  fallback: Lang,
): Lang {
  const asked = query.get('lang');
  if (asked !== null && asked !== '') {
    const lang = isLang(asked) ? asked : 'en';
    appendSetCookie(res, serializeCookie(LANG_COOKIE, lang, { maxAgeSeconds: 30 * 24 * 3600 }));
    return lang;
  }
  const remembered = parseCookies(req).get(LANG_COOKIE);
  return isLang(remembered) ? remembered : fallback;
}

/** Every sentence a managed-login screen shows. */
export interface ManagedTexts {
  signInTitle: string;
  username: string;
  password: string;
  next: string;
  signIn: string;
  signingInAs: string;
  forgotPassword: string;
  enterUsername: string;
  incorrect: string;
  locked: string;
  somethingWrong: string;
  networkError: string;
  // Screens after the password.
  totpTitle: string;
  totpIntro: string;
  code: string;
  verify: string;
  smsTitle: string;
  smsIntro: (destination: string) => string;
  emailTitle: string;
  emailIntro: (destination: string) => string;
  codeMismatch: string;
  codeReused: string;
  setupTitle: string;
  setupIntro: string;
  setupKey: string;
  newPasswordTitle: string;
  newPasswordIntro: string;
  newPassword: string;
  confirmPassword: string;
  passwordsDiffer: string;
  changePassword: string;
  choiceTitle: string;
  choiceIntro: string;
  choicePassword: string;
  choiceEmail: string;
  choiceSms: string;
  choicePasskey: string;
  passkeyUnavailable: string;
  passkeyTitle: string;
  passkeyIntro: string;
  passkeyAdd: string;
  passkeyNotNow: string;
  // Password reset, in managed login's own words (not classic's).
  resetTitle: string;
  resetIntro: string;
  sendCode: string;
  resetConfirmTitle: string;
  resetConfirmIntro: (destination: string) => string;
  resetPassword: string;
  backToSignIn: string;
  invalidResetCode: string;
  errorTitle: string;
  errorText: string;
}

export const MANAGED_TEXTS: Readonly<Record<Lang, ManagedTexts>> = {
  en: {
    signInTitle: 'Sign in',
    username: 'Username',
    password: 'Password',
    next: 'Next',
    signIn: 'Sign in',
    signingInAs: 'Signing in as',
    forgotPassword: 'Forgot password?',
    enterUsername: 'Enter your username.',
    incorrect: 'Incorrect username or password.',
    locked: 'Password attempts exceeded',
    somethingWrong: 'Something went wrong',
    networkError: 'Network error. Please try again.',
    totpTitle: 'Multi-factor authentication',
    totpIntro: 'Enter the code from your authenticator app.',
    code: 'Code',
    verify: 'Verify',
    smsTitle: 'Check your text messages',
    smsIntro: (d) => `We sent a code to ${d}. Enter it below.`,
    emailTitle: 'Check your email',
    emailIntro: (d) => `We sent a code to ${d}. Enter it below.`,
    codeMismatch: 'Invalid code received for user',
    codeReused: 'Your software token has already been used once.',
    setupTitle: 'Set up multi-factor authentication',
    setupIntro: 'Scan the QR code with your authenticator app, or enter the setup key, then enter the code the app shows.',
    setupKey: 'Setup key',
    newPasswordTitle: 'Set a new password',
    newPasswordIntro: 'You must change your password to continue.',
    newPassword: 'New password',
    confirmPassword: 'Confirm new password',
    passwordsDiffer: 'Passwords do not match.',
    changePassword: 'Change password',
    choiceTitle: 'Choose a sign-in method',
    choiceIntro: 'How do you want to sign in?',
    choicePassword: 'Password',
    choiceEmail: 'Email message',
    choiceSms: 'Text message (SMS)',
    choicePasskey: 'Passkey',
    passkeyUnavailable: 'Passkeys are not available on this device.',
    passkeyTitle: 'Sign in faster with a passkey',
    passkeyIntro: 'Use your fingerprint, face or screen lock to sign in next time.',
    passkeyAdd: 'Add a passkey',
    passkeyNotNow: 'Not now',
    resetTitle: 'Reset your password',
    resetIntro: 'Enter your username. We will send you a code to reset your password.',
    sendCode: 'Send code',
    resetConfirmTitle: 'Enter the code',
    resetConfirmIntro: (d) => `We sent a code to ${d}.`,
    resetPassword: 'Reset password',
    backToSignIn: 'Back to sign in',
    invalidResetCode: 'Invalid verification code provided, please try again.',
    errorTitle: 'Something went wrong',
    errorText: 'We could not process your sign-in request. Return to the application and try again.',
  },
  ko: {
    signInTitle: '로그인',
    username: '사용자 이름',
    password: '비밀번호',
    next: '다음',
    signIn: '로그인',
    signingInAs: '다음 계정으로 로그인:',
    forgotPassword: '비밀번호를 잊으셨나요?',
    enterUsername: '사용자 이름을 입력하세요.',
    incorrect: '사용자 이름 또는 비밀번호가 잘못되었습니다.',
    locked: '암호 시도 횟수를 초과했습니다.',
    somethingWrong: '문제가 발생했습니다.',
    networkError: '네트워크 오류입니다. 다시 시도하세요.',
    totpTitle: '다중 인증',
    totpIntro: '인증 앱에 표시된 코드를 입력하세요.',
    code: '코드',
    verify: '확인',
    smsTitle: '문자 메시지를 확인하세요',
    smsIntro: (d) => `${d}(으)로 코드를 보냈습니다. 아래에 입력하세요.`,
    emailTitle: '이메일을 확인하세요',
    emailIntro: (d) => `${d}(으)로 코드를 보냈습니다. 아래에 입력하세요.`,
    codeMismatch: '잘못된 코드가 입력되었습니다.',
    codeReused: '이 소프트웨어 토큰은 이미 사용되었습니다.',
    setupTitle: '다중 인증 설정',
    setupIntro: '인증 앱으로 QR 코드를 스캔하거나 설정 키를 입력한 다음, 앱에 표시된 코드를 입력하세요.',
    setupKey: '설정 키',
    newPasswordTitle: '새 비밀번호 설정',
    newPasswordIntro: '계속하려면 비밀번호를 변경해야 합니다.',
    newPassword: '새 비밀번호',
    confirmPassword: '새 비밀번호 확인',
    passwordsDiffer: '비밀번호가 일치하지 않습니다.',
    changePassword: '비밀번호 변경',
    choiceTitle: '로그인 방법 선택',
    choiceIntro: '어떤 방법으로 로그인하시겠습니까?',
    choicePassword: '비밀번호',
    choiceEmail: '이메일 메시지',
    choiceSms: '문자 메시지(SMS)',
    choicePasskey: '패스키',
    passkeyUnavailable: '이 기기에서는 패스키를 사용할 수 없습니다.',
    passkeyTitle: '패스키로 더 빠르게 로그인',
    passkeyIntro: '다음부터 지문, 얼굴 인식 또는 화면 잠금으로 로그인하세요.',
    passkeyAdd: '패스키 추가',
    passkeyNotNow: '나중에',
    resetTitle: '비밀번호 재설정',
    resetIntro: '사용자 이름을 입력하세요. 비밀번호를 재설정할 수 있는 코드를 보내 드립니다.',
    sendCode: '코드 보내기',
    resetConfirmTitle: '코드 입력',
    resetConfirmIntro: (d) => `${d}(으)로 코드를 보냈습니다.`,
    resetPassword: '비밀번호 재설정',
    backToSignIn: '로그인으로 돌아가기',
    invalidResetCode: '잘못된 확인 코드입니다. 다시 시도하세요.',
    errorTitle: '문제가 발생했습니다',
    errorText: '로그인 요청을 처리할 수 없습니다. 애플리케이션으로 돌아가 다시 시도하세요.',
  },
  ja: {
    signInTitle: 'サインイン',
    username: 'ユーザー名',
    password: 'パスワード',
    next: '次へ',
    signIn: 'サインイン',
    signingInAs: 'サインインするアカウント:',
    forgotPassword: 'パスワードをお忘れですか?',
    enterUsername: 'ユーザー名を入力してください。',
    incorrect: 'ユーザー名またはパスワードが正しくありません。',
    locked: 'パスワードの試行回数を超えました。',
    somethingWrong: '問題が発生しました。',
    networkError: 'ネットワークエラーです。もう一度お試しください。',
    totpTitle: '多要素認証',
    totpIntro: '認証アプリに表示されているコードを入力してください。',
    code: 'コード',
    verify: '確認',
    smsTitle: 'テキストメッセージを確認してください',
    smsIntro: (d) => `${d} にコードを送信しました。以下に入力してください。`,
    emailTitle: 'メールを確認してください',
    emailIntro: (d) => `${d} にコードを送信しました。以下に入力してください。`,
    codeMismatch: '無効なコードが入力されました。',
    codeReused: 'このソフトウェアトークンは既に使用されています。',
    setupTitle: '多要素認証の設定',
    setupIntro: '認証アプリで QR コードをスキャンするか、セットアップキーを入力してから、アプリに表示されたコードを入力してください。',
    setupKey: 'セットアップキー',
    newPasswordTitle: '新しいパスワードの設定',
    newPasswordIntro: '続行するにはパスワードを変更する必要があります。',
    newPassword: '新しいパスワード',
    confirmPassword: '新しいパスワードの確認',
    passwordsDiffer: 'パスワードが一致しません。',
    changePassword: 'パスワードを変更',
    choiceTitle: 'サインイン方法の選択',
    choiceIntro: 'どの方法でサインインしますか?',
    choicePassword: 'パスワード',
    choiceEmail: 'メールメッセージ',
    choiceSms: 'テキストメッセージ (SMS)',
    choicePasskey: 'パスキー',
    passkeyUnavailable: 'このデバイスではパスキーを使用できません。',
    passkeyTitle: 'パスキーでより速くサインイン',
    passkeyIntro: '次回から指紋、顔認証、または画面ロックでサインインできます。',
    passkeyAdd: 'パスキーを追加',
    passkeyNotNow: '後で',
    resetTitle: 'パスワードのリセット',
    resetIntro: 'ユーザー名を入力してください。パスワードをリセットするためのコードを送信します。',
    sendCode: 'コードを送信',
    resetConfirmTitle: 'コードを入力',
    resetConfirmIntro: (d) => `${d} にコードを送信しました。`,
    resetPassword: 'パスワードをリセット',
    backToSignIn: 'サインインに戻る',
    invalidResetCode: '無効な確認コードです。もう一度お試しください。',
    errorTitle: '問題が発生しました',
    errorText: 'サインインリクエストを処理できませんでした。アプリケーションに戻ってもう一度お試しください。',
  },
  ...MORE_MANAGED_TEXTS,
};
