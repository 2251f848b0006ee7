/**
 * The words of login screens, per language: the second thing recognition looks at, after structure
 * (autocomplete tokens, input types, the form's own submit button) and before names. Cognito's managed
 * login is localised through `lang` (de, en, es, fr, id, it, ja, ko, pt-BR, zh-CN, zh-TW); the classic
 * hosted UI is English only.
 *
 * To add a language, add one entry to LANGUAGES; every concept may be left out. Terms are plain text,
 * matched case-insensitively anywhere in the text of a label, button or message (so keep them
 * specific: "code" alone would also match "passcode", which is fine, but "in" would match anything).
 */

export type Concept =
  /** label of the username/e-mail field */
  | 'username'
  | 'password'
  /** the first step's button of a two-step sign-in */
  | 'next'
  | 'signIn'
  /** one-time code / authenticator app */
  | 'oneTimeCode'
  | 'newPassword'
  /** setting up MFA: scan a QR code, associate an authenticator */
  | 'mfaSetup'
  /** a code sent by SMS */
  | 'sms'
  /** a code sent by e-mail */
  | 'emailCode'
  /** a code was sent somewhere (by SMS or e-mail: the masked destination tells which) */
  | 'codeSent'
  | 'passkey'
  /** "Not now", "Skip": declines an offer */
  | 'decline'
  /** the password option of a sign-in method choice */
  | 'methodPassword'
  | 'forgotPassword'
  /** the reset screen behind the forgot-password link: its heading, title or button */
  | 'resetPassword'
  | 'errorIncorrect'
  | 'errorLocked'
  | 'errorCodeUsed'
  | 'errorCodeMismatch'
  /** the service's own error page */
  | 'errorPage';

export type Vocabulary = Partial<Record<Concept, readonly string[]>>;

export const LANGUAGES: Readonly<Record<string, Vocabulary>> = {
  en: {
    username: ['username', 'user name', 'email', 'e-mail', 'user id', 'login id', 'account'],
    password: ['password'],
    next: ['next', 'continue'],
    signIn: ['sign in', 'sign-in', 'signin', 'log in', 'log on', 'login', 'logon', 'continue', 'submit'],
    oneTimeCode: ['authenticator', 'one-time', 'one time', 'verification code', 'authentication code', 'mfa code', 'totp', 'two-factor', '2fa', 'code'],
    newPassword: ['new password', 'change password', 'confirm password', 'set password', 'choose a password'],
    mfaSetup: ['set up', 'setup', 'scan', 'qr code', 'associate', 'register an authenticator', 'add an authenticator'],
    sms: ['sms', 'text message', 'phone number ending', 'sent to your phone', 'code by sms'],
    emailCode: ['sent to your email', 'sent to your e-mail', 'email code', 'e-mail code', 'code to your email', 'check your email', 'code by email', 'code by e-mail'],
    codeSent: ['we sent a code', 'sent a code to', 'have delivered the authentication code', 'code has been sent'],
    passkey: ['passkey'],
    decline: ['not now', 'skip', 'maybe later', 'no thanks', 'remind me later', 'later'],
    methodPassword: ['password'],
    forgotPassword: ['forgot', 'trouble logging on', 'trouble signing in', "can't sign in"],
    resetPassword: ['reset', 'forgot', 'recover'],
    errorIncorrect: ['incorrect username or password', 'incorrect', 'invalid username', 'invalid password', 'wrong password', 'user does not exist'],
    errorLocked: ['password attempts exceeded', 'attempts exceeded', 'locked', 'too many'],
    errorCodeUsed: ['already been used', 'already used'],
    errorCodeMismatch: ['code mismatch', 'invalid code', 'invalid verification code', 'wrong code', 'incorrect code', 'code is incorrect', 'invalid session'],
    errorPage: ['an error was encountered'],
  },
  ko: {
    username: ['사용자 이름', '사용자이름', '이메일', '아이디', '계정'],
    password: ['비밀번호', '암호'],
    next: ['다음', '계속'],
    signIn: ['로그인', '계속', '확인'],
    oneTimeCode: ['인증 코드', '인증코드', '인증자', '인증 앱', '일회용', '코드'],
    newPassword: ['새 비밀번호', '새 암호', '비밀번호 변경', '암호 변경', '비밀번호 확인', '암호 확인'],
    mfaSetup: ['설정', 'QR 코드', '스캔', '등록'],
    sms: ['SMS', '문자 메시지', '전화번호'],
    emailCode: ['이메일로 전송', '이메일로 보낸', '이메일 코드', '이메일을 확인'],
    codeSent: ['코드를 보냈습니다', '코드를 전송했습니다', '코드가 전송되었습니다'],
    passkey: ['패스키'],
    decline: ['나중에', '건너뛰기', '지금은 안 함', '지금은 하지 않음', '괜찮습니다'],
    methodPassword: ['비밀번호', '암호'],
    forgotPassword: ['잊으셨나요', '잊어버리셨나요', '비밀번호 찾기'],
    resetPassword: ['재설정', '잊으셨나요', '잊어버리셨나요', '비밀번호 찾기', '암호 찾기'],
    errorIncorrect: ['사용자 이름 또는 암호가 잘못', '사용자 이름 또는 비밀번호가 잘못', '잘못된 사용자 이름', '올바르지 않', '잘못되었습니다'],
    errorLocked: ['시도 횟수를 초과', '시도 횟수', '잠겼', '잠금'],
    errorCodeUsed: ['이미 사용'],
    errorCodeMismatch: ['코드가 일치하지', '잘못된 코드', '코드가 잘못', '유효하지 않은 코드'],
    errorPage: ['요청한 페이지에서 오류', '오류가 발생했습니다'],
  },
  ja: {
    username: ['ユーザー名', 'メールアドレス', 'eメール', 'ユーザーid', 'アカウント'],
    password: ['パスワード'],
    next: ['次へ', '続行'],
    signIn: ['サインイン', 'ログイン', '続行'],
    oneTimeCode: ['認証コード', '認証アプリ', 'ワンタイム', '確認コード', 'コード'],
    newPassword: ['新しいパスワード', 'パスワードの変更', 'パスワードを変更', 'パスワードの確認'],
    mfaSetup: ['設定', 'セットアップ', 'qr コード', 'qrコード', 'スキャン', '登録'],
    sms: ['sms', 'テキストメッセージ', '電話番号'],
    emailCode: ['メールで送信', 'メールに送信', 'メールを確認'],
    codeSent: ['コードを送信しました', 'コードを送信しました'],
    passkey: ['パスキー'],
    decline: ['後で', 'あとで', 'スキップ', '今はしない', '今は設定しない'],
    methodPassword: ['パスワード'],
    forgotPassword: ['お忘れ'],
    resetPassword: ['リセット', '再設定', 'お忘れ'],
    errorIncorrect: ['ユーザー名またはパスワードが正しくありません', '正しくありません', '間違って'],
    errorLocked: ['試行回数を超え', '試行回数', 'ロック'],
    errorCodeUsed: ['既に使用', 'すでに使用'],
    errorCodeMismatch: ['コードが一致しません', '無効なコード', 'コードが正しくありません'],
    errorPage: ['エラーが発生しました'],
  },
  de: {
    username: ['benutzername', 'e-mail', 'e-mail-adresse'],
    password: ['passwort', 'kennwort'],
    next: ['weiter'],
    signIn: ['anmelden', 'einloggen', 'weiter'],
    oneTimeCode: ['authentifizierungs', 'authenticator', 'einmal', 'bestätigungscode', 'code'],
    newPassword: ['neues passwort', 'neues kennwort', 'passwort ändern', 'passwort bestätigen'],
    mfaSetup: ['einrichten', 'qr-code', 'scannen'],
    sms: ['sms', 'textnachricht'],
    emailCode: ['per e-mail gesendet', 'an ihre e-mail'],
    codeSent: ['code gesendet', 'wir haben einen code'],
    passkey: ['passkey', 'hauptschlüssel'],
    decline: ['nicht jetzt', 'überspringen', 'später'],
    methodPassword: ['passwort', 'kennwort'],
    forgotPassword: ['vergessen'],
    resetPassword: ['zurücksetzen', 'vergessen'],
    errorIncorrect: ['falscher benutzername', 'falsches passwort', 'falsch', 'ungültig'],
    errorLocked: ['versuche überschritten', 'zu viele', 'gesperrt'],
    errorCodeUsed: ['bereits verwendet'],
    errorCodeMismatch: ['code stimmt nicht', 'ungültiger code', 'falscher code'],
  },
  es: {
    username: ['nombre de usuario', 'usuario', 'correo electrónico'],
    password: ['contraseña'],
    next: ['siguiente', 'continuar'],
    signIn: ['iniciar sesión', 'inicia sesión', 'continuar', 'acceder'],
    oneTimeCode: ['autenticador', 'código de verificación', 'código'],
    newPassword: ['nueva contraseña', 'cambiar contraseña', 'confirmar contraseña'],
    mfaSetup: ['configurar', 'código qr', 'escanear'],
    sms: ['sms', 'mensaje de texto'],
    emailCode: ['enviado a su correo', 'enviado a tu correo'],
    codeSent: ['enviado un código', 'hemos enviado un código'],
    passkey: ['clave de acceso', 'passkey'],
    decline: ['ahora no', 'omitir', 'más tarde'],
    methodPassword: ['contraseña'],
    forgotPassword: ['olvidó', 'olvidaste'],
    resetPassword: ['restablecer', 'olvidó', 'olvidaste'],
    errorIncorrect: ['incorrecto', 'incorrecta', 'no válid'],
    errorLocked: ['intentos', 'bloquead'],
    errorCodeUsed: ['ya se ha utilizado', 'ya se utilizó', 'ya ha sido utilizado'],
    errorCodeMismatch: ['código no coincide', 'código no válido', 'código incorrecto'],
  },
  fr: {
    username: ["nom d'utilisateur", 'nom d’utilisateur', 'adresse e-mail', 'e-mail', 'identifiant'],
    password: ['mot de passe'],
    next: ['suivant', 'continuer'],
    signIn: ['se connecter', 'connexion', 'continuer'],
    oneTimeCode: ['authentificat', 'code de vérification', 'code'],
    newPassword: ['nouveau mot de passe', 'changer le mot de passe', 'confirmer le mot de passe'],
    mfaSetup: ['configurer', 'code qr', 'scanner'],
    sms: ['sms', 'message texte'],
    emailCode: ['envoyé à votre adresse e-mail', 'envoyé par e-mail'],
    codeSent: ['envoyé un code', 'avons envoyé un code'],
    passkey: ["clé d'accès", 'clé d’accès', 'passkey'],
    decline: ['pas maintenant', 'ignorer', 'passer', 'plus tard'],
    methodPassword: ['mot de passe'],
    forgotPassword: ['oublié'],
    resetPassword: ['réinitialiser', 'oublié'],
    errorIncorrect: ['incorrect', 'non valide'],
    errorLocked: ['tentatives', 'verrouillé'],
    errorCodeUsed: ['déjà été utilisé', 'déjà utilisé'],
    errorCodeMismatch: ['code ne correspond pas', 'code non valide', 'code incorrect'],
  },
  id: {
    username: ['nama pengguna', 'email', 'surel'],
    password: ['kata sandi'],
    next: ['berikutnya', 'selanjutnya', 'lanjutkan'],
    signIn: ['masuk', 'lanjutkan'],
    oneTimeCode: ['autentikator', 'kode verifikasi', 'kode'],
    newPassword: ['kata sandi baru', 'ubah kata sandi', 'konfirmasi kata sandi'],
    mfaSetup: ['siapkan', 'atur', 'kode qr', 'pindai'],
    sms: ['sms', 'pesan teks'],
    emailCode: ['dikirim ke email'],
    codeSent: ['mengirim kode', 'telah mengirimkan kode'],
    passkey: ['kunci sandi', 'passkey'],
    decline: ['jangan sekarang', 'lewati', 'nanti'],
    methodPassword: ['kata sandi'],
    forgotPassword: ['lupa'],
    resetPassword: ['atur ulang', 'setel ulang', 'lupa'],
    errorIncorrect: ['salah', 'tidak valid'],
    errorLocked: ['percobaan', 'terkunci'],
    errorCodeUsed: ['sudah digunakan'],
    errorCodeMismatch: ['kode tidak cocok', 'kode tidak valid', 'kode salah'],
  },
  it: {
    username: ['nome utente', 'e-mail', 'indirizzo email'],
    password: ['password'],
    next: ['avanti', 'continua'],
    signIn: ['accedi', 'continua'],
    oneTimeCode: ['autenticazione', 'codice di verifica', 'codice'],
    newPassword: ['nuova password', 'cambia password', 'conferma password'],
    mfaSetup: ['configura', 'codice qr', 'scansiona'],
    sms: ['sms', 'messaggio di testo'],
    emailCode: ["inviato all'indirizzo e-mail", 'inviato via e-mail'],
    codeSent: ['inviato un codice', 'abbiamo inviato un codice'],
    passkey: ['passkey'],
    decline: ['non ora', 'salta', 'più tardi'],
    methodPassword: ['password'],
    forgotPassword: ['dimenticato', 'dimenticata'],
    resetPassword: ['reimposta', 'dimenticat'],
    errorIncorrect: ['errat', 'non corrett', 'non valid'],
    errorLocked: ['tentativi', 'bloccat'],
    errorCodeUsed: ['già stato utilizzato', 'già utilizzato'],
    errorCodeMismatch: ['codice non corrisponde', 'codice non valido', 'codice errato'],
  },
  'pt-BR': {
    username: ['nome de usuário', 'usuário', 'e-mail'],
    password: ['senha'],
    next: ['próximo', 'avançar', 'continuar'],
    signIn: ['entrar', 'fazer login', 'continuar'],
    oneTimeCode: ['autenticador', 'código de verificação', 'código'],
    newPassword: ['nova senha', 'alterar senha', 'confirmar senha'],
    mfaSetup: ['configurar', 'código qr', 'escanear', 'digitalizar'],
    sms: ['sms', 'mensagem de texto'],
    emailCode: ['enviado para seu e-mail', 'enviado ao seu e-mail'],
    codeSent: ['enviamos um código', 'enviado um código'],
    passkey: ['chave de acesso', 'passkey'],
    decline: ['agora não', 'pular', 'mais tarde'],
    methodPassword: ['senha'],
    forgotPassword: ['esqueceu', 'esqueci'],
    resetPassword: ['redefinir', 'esqueceu', 'esqueci'],
    errorIncorrect: ['incorreto', 'incorreta', 'inválid'],
    errorLocked: ['tentativas', 'bloquead'],
    errorCodeUsed: ['já foi usado', 'já foi utilizado'],
    errorCodeMismatch: ['código não corresponde', 'código inválido', 'código incorreto'],
  },
  'zh-CN': {
    username: ['用户名', '电子邮件', '邮箱', '账号'],
    password: ['密码'],
    next: ['下一步', '继续'],
    signIn: ['登录', '继续'],
    oneTimeCode: ['验证码', '身份验证器', '一次性', '代码'],
    newPassword: ['新密码', '更改密码', '确认密码'],
    mfaSetup: ['设置', '二维码', '扫描'],
    sms: ['短信'],
    emailCode: ['发送到您的电子邮件', '发送至您的邮箱'],
    codeSent: ['已发送验证码', '发送了验证码', '已将验证码发送'],
    passkey: ['通行密钥'],
    decline: ['以后再说', '暂不', '跳过', '稍后'],
    methodPassword: ['密码'],
    forgotPassword: ['忘记密码'],
    resetPassword: ['重置密码', '忘记密码'],
    errorIncorrect: ['用户名或密码不正确', '不正确', '错误'],
    errorLocked: ['尝试次数', '已锁定'],
    errorCodeUsed: ['已被使用', '已使用'],
    errorCodeMismatch: ['验证码不匹配', '验证码无效', '代码不匹配'],
  },
  'zh-TW': {
    username: ['使用者名稱', '電子郵件', '帳號'],
    password: ['密碼'],
    next: ['下一步', '繼續'],
    signIn: ['登入', '繼續'],
    oneTimeCode: ['驗證碼', '驗證器', '一次性', '代碼'],
    newPassword: ['新密碼', '變更密碼', '確認密碼'],
    mfaSetup: ['設定', 'qr 碼', 'qr code', '掃描'],
    sms: ['簡訊'],
    emailCode: ['傳送至您的電子郵件', '寄送至您的電子郵件'],
    codeSent: ['已傳送驗證碼', '已將驗證碼傳送'],
    passkey: ['密碼金鑰', '通行金鑰'],
    decline: ['以後再說', '略過', '跳過', '稍後'],
    methodPassword: ['密碼'],
    forgotPassword: ['忘記密碼'],
    resetPassword: ['重設密碼', '忘記密碼'],
    errorIncorrect: ['不正確', '錯誤'],
    errorLocked: ['嘗試次數', '已鎖定'],
    errorCodeUsed: ['已被使用', '已使用'],
    errorCodeMismatch: ['驗證碼不符', '驗證碼無效', '代碼不符'],
  },
};

export const CONCEPTS: readonly Concept[] = [
  'username',
  'password',
  'next',
  'signIn',
  'oneTimeCode',
  'newPassword',
  'mfaSetup',
  'sms',
  'emailCode',
  'codeSent',
  'passkey',
  'decline',
  'methodPassword',
  'forgotPassword',
  'resetPassword',
  'errorIncorrect',
  'errorLocked',
  'errorCodeUsed',
  'errorCodeMismatch',
  'errorPage',
];

/** Every language's terms for each concept, lower-cased and de-duplicated: what the recogniser matches. */
export function wordsOfAllLanguages(): Record<Concept, string[]> {
  const merged = {} as Record<Concept, string[]>;
  for (const concept of CONCEPTS) {
    const terms = new Set<string>();
    for (const vocabulary of Object.values(LANGUAGES)) for (const term of vocabulary[concept] ?? []) terms.add(term.toLowerCase());
    merged[concept] = [...terms];
  }
  return merged;
}

/** A regular expression for one concept in every language (for locators and messages in Node). */
export function wordsPattern(concept: Concept, options: { whole?: boolean } = {}): RegExp {
  const alternatives = wordsOfAllLanguages()[concept].map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const body = alternatives.join('|');
  return new RegExp(options.whole ? `^\\s*(?:${body})\\s*[.!?]?\\s*$` : body, 'i');
}
