/**
 * The words of login screens, per language: the second thing recognition looks at, after structure
 * (autocomplete tokens, input types, the form's own submit button) and before names. Cognito's managed
 * login is localised through `lang` (de, en, es, fr, id, it, ja, ko, pt-BR, zh-CN, zh-TW); the classic
 * hosted UI is English only.
 *
 * To add a language, add one entry to LANGUAGES; every concept may be left out. Terms are plain text,
 * matched case-insensitively anywhere in the text of a label, button or message (so keep them
 * specific: "code" alone would also match "passcode", which is fine, but "in" would match anything).
 * One mark is special: "…" stands for a short gap of any text, for sentences that put a number or an
 * address in the middle ("wir haben einen … code" matches "Wir haben einen 6-stelligen Code").
 * Write the words as the products people use word them (Cognito, Google, Microsoft, Apple in that
 * language), not as a dictionary would; docs/recogniser.md says how to test a new language.
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
  /** a code sent by SMS: "We texted a code to…", "per SMS" */
  | 'sms'
  /** a code sent by e-mail: "We emailed a 6-digit code…", "per E-Mail gesendet" */
  | 'emailCode'
  /** a code was sent somewhere (by SMS or e-mail: the masked destination tells which) */
  | 'codeSent'
  /** the code comes from an authenticator app */
  | 'authenticatorApp'
  /** an interstitial's one action: matched against a control's WHOLE text ("Continue", not "Continue with Google") */
  | 'continue'
  /** a loading or busy message in an alert, status or live region: never an error */
  | 'loading'
  /** a consent page: an application asks for access to the account */
  | 'consent'
  /** a generic error word, for live regions that carry status messages as well as errors */
  | 'error'
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
    continue: ['continue', 'proceed', 'continue to …'],
    signIn: ['sign in', 'sign-in', 'signin', 'log in', 'log on', 'login', 'logon', 'continue', 'submit'],
    oneTimeCode: ['authenticator', 'one-time', 'one time', 'verification code', 'authentication code', 'mfa code', 'totp', 'two-factor', '2fa', 'code'],
    newPassword: ['new password', 'change password', 'confirm password', 'set password', 'choose a password'],
    mfaSetup: ['set up', 'setup', 'scan', 'qr code', 'associate', 'register an authenticator', 'add an authenticator'],
    sms: ['sms', 'text message', 'we texted', 'texted you', 'texted a', 'code we texted', 'sent to your phone', 'phone number ending', 'code by text'],
    emailCode: ['we emailed', 'emailed you', 'emailed a', 'code we emailed', 'sent to your email', 'sent to your e-mail', 'code to your email', 'check your email', 'check your inbox', 'code by email', 'code by e-mail', 'email code', 'e-mail code', 'sent an email'],
    codeSent: ['we sent a code', 'sent a code to', 'we sent a … code', 'we just sent', 'sent a verification code', 'have delivered the authentication code', 'code has been sent', 'code is on the way'],
    authenticatorApp: ['authenticator app', 'authentication app', 'authenticator application', 'google authenticator', 'microsoft authenticator', 'code from your authenticator', 'code generator app'],
    passkey: ['passkey', 'pass key'],
    decline: ['not now', 'skip', 'maybe later', 'no thanks', 'no, thanks', 'remind me later', 'later'],
    methodPassword: ['password'],
    forgotPassword: ['forgot', 'trouble logging on', 'trouble signing in', "can't sign in"],
    resetPassword: ['reset', 'forgot', 'recover'],
    errorIncorrect: ['incorrect username or password', 'incorrect', 'invalid email or password', 'wrong email or password', 'invalid credentials', 'unable to sign in', 'invalid username', 'invalid password', 'wrong password', 'user does not exist'],
    errorLocked: ['password attempts exceeded', 'attempts exceeded', 'locked', 'too many'],
    errorCodeUsed: ['already been used', 'already used'],
    errorCodeMismatch: ['code mismatch', 'invalid code', 'invalid verification code', 'wrong code', 'incorrect code', 'code is incorrect', 'invalid session'],
    errorPage: ['an error was encountered'],
    loading: ['loading', 'please wait', 'signing you in', 'redirecting', 'just a moment', 'one moment'],
    consent: ['wants to access your', 'would like to access', 'wants access to', 'is requesting access', 'requesting permission', 'authorize access', 'grant access', 'allow access', 'permissions requested'],
    error: ['error', 'failed', 'something went wrong', 'could not sign you in'],
  },
  ko: {
    username: ['사용자 이름', '사용자이름', '이메일', '아이디', '계정'],
    password: ['비밀번호', '암호'],
    next: ['다음', '계속'],
    continue: ['계속', '계속하기', '진행'],
    signIn: ['로그인', '계속', '확인'],
    oneTimeCode: ['인증 코드', '인증코드', '인증자', '인증 앱', '일회용', '코드'],
    newPassword: ['새 비밀번호', '새 암호', '비밀번호 변경', '암호 변경', '비밀번호 확인', '암호 확인'],
    mfaSetup: ['설정', 'QR 코드', '스캔', '등록'],
    sms: ['sms', '문자 메시지', '문자로', '전화번호'],
    emailCode: ['이메일로 전송', '이메일로 보낸', '이메일로 보냈습니다', '이메일로 발송', '이메일 코드', '이메일을 확인'],
    codeSent: ['코드를 보냈습니다', '코드를 전송했습니다', '코드가 전송되었습니다', '코드를 발송했습니다'],
    authenticatorApp: ['인증 앱', '인증 애플리케이션', '인증자 앱', 'otp 앱'],
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
    loading: ['로드 중', '로딩 중', '불러오는 중', '잠시 기다려', '로그인 중'],
    consent: ['액세스하려고 합니다', '접근 권한을 요청', '액세스 허용', '권한을 요청'],
    error: ['오류'],
  },
  ja: {
    username: ['ユーザー名', 'メールアドレス', 'eメール', 'ユーザーid', 'アカウント'],
    password: ['パスワード'],
    next: ['次へ', '続行'],
    continue: ['続行', '続ける'],
    signIn: ['サインイン', 'ログイン', '続行'],
    oneTimeCode: ['認証コード', '認証アプリ', 'ワンタイム', '確認コード', 'コード'],
    newPassword: ['新しいパスワード', 'パスワードの変更', 'パスワードを変更', 'パスワードの確認'],
    mfaSetup: ['設定', 'セットアップ', 'qr コード', 'qrコード', 'スキャン', '登録'],
    sms: ['sms', 'テキストメッセージ', 'ショートメッセージ', '末尾が'],
    emailCode: ['メールで送信', 'メールに送信', 'メールアドレスに送信', 'メールでお送り', 'メールを確認'],
    codeSent: ['コードを送信しました', 'コードを…送信しました', 'コードをお送りしました', 'コードを…お送りしました'],
    authenticatorApp: ['認証アプリ', 'オーセンティケーター', '認証システムアプリ'],
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
    loading: ['読み込み中', '読み込んでいます', 'お待ちください', 'サインインしています'],
    consent: ['へのアクセスを求めて', 'アクセスを許可', 'アクセスをリクエスト'],
    error: ['エラー'],
  },
  de: {
    username: ['benutzername', 'e-mail', 'e-mail-adresse'],
    password: ['passwort', 'kennwort'],
    next: ['weiter'],
    continue: ['weiter', 'fortfahren', 'fortsetzen', 'weiter zu …'],
    signIn: ['anmelden', 'einloggen', 'weiter'],
    oneTimeCode: ['authentifizierungs', 'authenticator', 'einmal', 'bestätigungscode', 'code'],
    newPassword: ['neues passwort', 'neues kennwort', 'passwort ändern', 'passwort bestätigen'],
    mfaSetup: ['einrichten', 'qr-code', 'scannen'],
    sms: ['sms', 'textnachricht', 'per sms', 'telefonnummer endend auf', 'an ihr telefon'],
    emailCode: ['per e-mail gesendet', 'per e-mail verschickt', 'per e-mail geschickt', 'an ihre e-mail', 'e-mail wurde versendet', 'wir haben ihnen eine e-mail', 'prüfen sie ihre e-mails', 'prüfen sie ihren posteingang', 'code per e-mail'],
    codeSent: ['code gesendet', 'wir haben einen code', 'wir haben einen … code', 'code an … gesendet', 'code an … geschickt', 'code wurde an', 'code ist unterwegs'],
    authenticatorApp: ['authenticator-app', 'authentifizierungs-app', 'authentifizierungsapp', 'authentifikator-app', 'authenticator app'],
    passkey: ['passkey', 'hauptschlüssel', 'zugangsschlüssel'],
    decline: ['jetzt nicht', 'nicht jetzt', 'überspringen', 'vielleicht später', 'später', 'nein, danke'],
    methodPassword: ['passwort', 'kennwort'],
    forgotPassword: ['vergessen'],
    resetPassword: ['zurücksetzen', 'vergessen'],
    errorIncorrect: ['falscher benutzername', 'falsches passwort', 'falsch', 'ungültig'],
    errorLocked: ['versuche überschritten', 'zu viele', 'gesperrt'],
    errorCodeUsed: ['bereits verwendet'],
    errorCodeMismatch: ['code stimmt nicht', 'ungültiger code', 'falscher code'],
    loading: ['wird geladen', 'lädt', 'bitte warten', 'wird angemeldet', 'einen moment'],
    consent: ['möchte auf ihr', 'möchte zugriff', 'zugriff erlauben', 'zugriff gewähren', 'fordert zugriff'],
    error: ['fehler', 'fehlgeschlagen'],
  },
  es: {
    username: ['nombre de usuario', 'usuario', 'correo electrónico'],
    password: ['contraseña'],
    next: ['siguiente', 'continuar'],
    continue: ['continuar', 'continuar a …'],
    signIn: ['iniciar sesión', 'inicia sesión', 'continuar', 'acceder'],
    oneTimeCode: ['autenticador', 'código de verificación', 'código'],
    newPassword: ['nueva contraseña', 'cambiar contraseña', 'confirmar contraseña'],
    mfaSetup: ['configurar', 'código qr', 'escanear'],
    sms: ['sms', 'mensaje de texto', 'teléfono que termina en'],
    emailCode: ['enviado a su correo', 'enviado a tu correo', 'por correo electrónico', 'te enviamos un correo', 'le enviamos un correo', 'revisa tu correo', 'revise su correo', 'te hemos enviado un correo'],
    codeSent: ['enviado un código', 'hemos enviado un código', 'enviamos un código', 'código se ha enviado', 'código fue enviado'],
    authenticatorApp: ['aplicación de autenticación', 'aplicación autenticadora', 'app de autenticación', 'aplicación de autenticador'],
    passkey: ['clave de acceso', 'llave de acceso', 'passkey'],
    decline: ['ahora no', 'omitir', 'más tarde', 'no, gracias', 'quizás más tarde'],
    methodPassword: ['contraseña'],
    forgotPassword: ['olvidó', 'olvidaste'],
    resetPassword: ['restablecer', 'olvidó', 'olvidaste'],
    errorIncorrect: ['incorrecto', 'incorrecta', 'no válid'],
    errorLocked: ['intentos', 'bloquead'],
    errorCodeUsed: ['ya se ha utilizado', 'ya se utilizó', 'ya ha sido utilizado'],
    errorCodeMismatch: ['código no coincide', 'código no válido', 'código incorrecto'],
    loading: ['cargando', 'espere', 'iniciando sesión'],
    consent: ['quiere acceder a', 'desea acceder a', 'solicita acceso', 'permitir acceso', 'conceder acceso'],
    error: ['error', 'no se pudo'],
  },
  fr: {
    username: ["nom d'utilisateur", 'nom d’utilisateur', 'adresse e-mail', 'e-mail', 'identifiant'],
    password: ['mot de passe'],
    next: ['suivant', 'continuer'],
    continue: ['continuer', 'poursuivre', 'continuer vers …'],
    signIn: ['se connecter', 'connexion', 'continuer'],
    oneTimeCode: ['authentificat', 'code de vérification', 'code'],
    newPassword: ['nouveau mot de passe', 'changer le mot de passe', 'confirmer le mot de passe'],
    mfaSetup: ['configurer', 'code qr', 'scanner'],
    sms: ['sms', 'message texte', 'numéro se terminant par'],
    emailCode: ['envoyé à votre adresse e-mail', 'envoyé par e-mail', 'envoyé par courriel', 'consultez votre boîte', 'vérifiez vos e-mails', 'code par e-mail', 'par e-mail à'],
    codeSent: ['envoyé un code', 'avons envoyé un code', 'code a été envoyé', 'vous avons envoyé un code'],
    authenticatorApp: ["application d'authentification", 'application d’authentification', "application d'authentificateur", 'application authenticator'],
    passkey: ["clé d'accès", 'clé d’accès', 'passkey'],
    decline: ['pas maintenant', 'ignorer', 'passer', 'plus tard', 'non merci'],
    methodPassword: ['mot de passe'],
    forgotPassword: ['oublié'],
    resetPassword: ['réinitialiser', 'oublié'],
    errorIncorrect: ['incorrect', 'non valide'],
    errorLocked: ['tentatives', 'verrouillé'],
    errorCodeUsed: ['déjà été utilisé', 'déjà utilisé'],
    errorCodeMismatch: ['code ne correspond pas', 'code non valide', 'code incorrect'],
    loading: ['chargement', 'veuillez patienter', 'connexion en cours'],
    consent: ['souhaite accéder', 'demande l’accès', "demande l'accès", 'autoriser l’accès', "autoriser l'accès"],
    error: ['erreur', 'échec'],
  },
  id: {
    username: ['nama pengguna', 'email', 'surel'],
    password: ['kata sandi'],
    next: ['berikutnya', 'selanjutnya', 'lanjutkan'],
    continue: ['lanjutkan', 'lanjut', 'teruskan', 'lanjutkan ke …'],
    signIn: ['masuk', 'lanjutkan'],
    oneTimeCode: ['autentikator', 'kode verifikasi', 'kode'],
    newPassword: ['kata sandi baru', 'ubah kata sandi', 'konfirmasi kata sandi'],
    mfaSetup: ['siapkan', 'atur', 'kode qr', 'pindai'],
    sms: ['sms', 'pesan teks', 'nomor telepon yang berakhiran'],
    emailCode: ['dikirim ke email', 'dikirim ke alamat email', 'melalui email', 'lewat email', 'periksa email'],
    codeSent: ['mengirim kode', 'mengirimkan kode', 'kami telah mengirim', 'kode telah dikirim'],
    authenticatorApp: ['aplikasi autentikator', 'aplikasi pengautentikasi', 'aplikasi authenticator'],
    passkey: ['kunci sandi', 'passkey'],
    decline: ['jangan sekarang', 'tidak sekarang', 'lewati', 'lain kali', 'nanti'],
    methodPassword: ['kata sandi'],
    forgotPassword: ['lupa'],
    resetPassword: ['atur ulang', 'setel ulang', 'lupa'],
    errorIncorrect: ['salah', 'tidak valid'],
    errorLocked: ['percobaan', 'terkunci'],
    errorCodeUsed: ['sudah digunakan'],
    errorCodeMismatch: ['kode tidak cocok', 'kode tidak valid', 'kode salah'],
    loading: ['memuat', 'harap tunggu', 'mohon tunggu'],
    consent: ['ingin mengakses', 'meminta akses', 'izinkan akses'],
    error: ['kesalahan', 'gagal'],
  },
  it: {
    username: ['nome utente', 'e-mail', 'indirizzo email'],
    password: ['password'],
    next: ['avanti', 'continua'],
    continue: ['continua', 'prosegui', 'continua su …'],
    signIn: ['accedi', 'continua'],
    oneTimeCode: ['autenticazione', 'codice di verifica', 'codice'],
    newPassword: ['nuova password', 'cambia password', 'conferma password'],
    mfaSetup: ['configura', 'codice qr', 'scansiona'],
    sms: ['sms', 'messaggio di testo', 'numero che termina con'],
    emailCode: ["inviato all'indirizzo e-mail", "inviato all'indirizzo email", 'inviato via e-mail', 'inviato tramite e-mail', 'controlla la tua e-mail', 'controlla la posta'],
    codeSent: ['inviato un codice', 'abbiamo inviato un codice', 'codice è stato inviato'],
    authenticatorApp: ['app di autenticazione', 'applicazione di autenticazione', 'app authenticator'],
    passkey: ['passkey', "chiave d'accesso", 'chiave di accesso'],
    decline: ['non ora', 'salta', 'più tardi', 'no, grazie'],
    methodPassword: ['password'],
    forgotPassword: ['dimenticato', 'dimenticata'],
    resetPassword: ['reimposta', 'dimenticat'],
    errorIncorrect: ['errat', 'non corrett', 'non valid'],
    errorLocked: ['tentativi', 'bloccat'],
    errorCodeUsed: ['già stato utilizzato', 'già utilizzato'],
    errorCodeMismatch: ['codice non corrisponde', 'codice non valido', 'codice errato'],
    loading: ['caricamento', 'attendere', 'accesso in corso'],
    consent: ['vuole accedere', 'richiede l’accesso', "richiede l'accesso", "consenti l'accesso"],
    error: ['errore'],
  },
  'pt-BR': {
    username: ['nome de usuário', 'usuário', 'e-mail'],
    password: ['senha'],
    next: ['próximo', 'avançar', 'continuar'],
    continue: ['continuar', 'prosseguir', 'continuar para …'],
    signIn: ['entrar', 'fazer login', 'continuar'],
    oneTimeCode: ['autenticador', 'código de verificação', 'código'],
    newPassword: ['nova senha', 'alterar senha', 'confirmar senha'],
    mfaSetup: ['configurar', 'código qr', 'escanear', 'digitalizar'],
    sms: ['sms', 'mensagem de texto', 'telefone terminado em'],
    emailCode: ['enviado para seu e-mail', 'enviado ao seu e-mail', 'enviado para o seu e-mail', 'enviamos um e-mail', 'código por e-mail', 'verifique seu e-mail'],
    codeSent: ['enviamos um código', 'enviado um código', 'código foi enviado'],
    authenticatorApp: ['aplicativo autenticador', 'app autenticador', 'aplicativo de autenticação'],
    passkey: ['chave de acesso', 'passkey'],
    decline: ['agora não', 'pular', 'mais tarde', 'não, obrigado'],
    methodPassword: ['senha'],
    forgotPassword: ['esqueceu', 'esqueci'],
    resetPassword: ['redefinir', 'esqueceu', 'esqueci'],
    errorIncorrect: ['incorreto', 'incorreta', 'inválid'],
    errorLocked: ['tentativas', 'bloquead'],
    errorCodeUsed: ['já foi usado', 'já foi utilizado'],
    errorCodeMismatch: ['código não corresponde', 'código inválido', 'código incorreto'],
    loading: ['carregando', 'aguarde'],
    consent: ['deseja acessar', 'quer acessar', 'solicita acesso', 'permitir acesso'],
    error: ['erro'],
  },
  'zh-CN': {
    username: ['用户名', '电子邮件', '邮箱', '账号'],
    password: ['密码'],
    next: ['下一步', '继续'],
    continue: ['继续'],
    signIn: ['登录', '继续'],
    oneTimeCode: ['验证码', '身份验证器', '一次性', '代码'],
    newPassword: ['新密码', '更改密码', '确认密码'],
    mfaSetup: ['设置', '二维码', '扫描'],
    sms: ['短信'],
    emailCode: ['发送到您的电子邮件', '发送至您的邮箱', '发送到您的邮箱', '通过电子邮件发送', '查看您的邮箱', '电子邮件验证码'],
    codeSent: ['已发送验证码', '发送了验证码', '发送了…验证码', '已将验证码发送', '验证码已发送'],
    authenticatorApp: ['身份验证器应用', '验证器应用', '身份验证应用'],
    passkey: ['通行密钥'],
    decline: ['以后再说', '暂时不要', '暂不', '跳过', '稍后'],
    methodPassword: ['密码'],
    forgotPassword: ['忘记密码'],
    resetPassword: ['重置密码', '忘记密码'],
    errorIncorrect: ['用户名或密码不正确', '不正确', '错误'],
    errorLocked: ['尝试次数', '已锁定'],
    errorCodeUsed: ['已被使用', '已使用'],
    errorCodeMismatch: ['验证码不匹配', '验证码无效', '代码不匹配'],
    loading: ['加载中', '正在加载', '请稍候', '正在登录'],
    consent: ['请求访问', '想要访问', '允许访问'],
    error: ['错误', '失败'],
  },
  'zh-TW': {
    username: ['使用者名稱', '電子郵件', '帳號'],
    password: ['密碼'],
    next: ['下一步', '繼續'],
    continue: ['繼續'],
    signIn: ['登入', '繼續'],
    oneTimeCode: ['驗證碼', '驗證器', '一次性', '代碼'],
    newPassword: ['新密碼', '變更密碼', '確認密碼'],
    mfaSetup: ['設定', 'qr 碼', 'qr code', '掃描'],
    sms: ['簡訊'],
    emailCode: ['傳送至您的電子郵件', '寄送至您的電子郵件', '寄到您的電子郵件', '透過電子郵件'],
    codeSent: ['已傳送驗證碼', '傳送了…驗證碼', '已將驗證碼傳送', '已將…驗證碼傳送', '驗證碼已傳送', '已寄送驗證碼'],
    authenticatorApp: ['驗證器應用程式', '驗證應用程式', '身分驗證器'],
    passkey: ['密碼金鑰', '通行金鑰'],
    decline: ['以後再說', '現在不要', '暫時不要', '略過', '跳過', '稍後'],
    methodPassword: ['密碼'],
    forgotPassword: ['忘記密碼'],
    resetPassword: ['重設密碼', '忘記密碼'],
    errorIncorrect: ['不正確', '錯誤'],
    errorLocked: ['嘗試次數', '已鎖定'],
    errorCodeUsed: ['已被使用', '已使用'],
    errorCodeMismatch: ['驗證碼不符', '驗證碼無效', '代碼不符'],
    loading: ['載入中', '正在載入', '請稍候', '正在登入'],
    consent: ['要求存取', '想要存取', '允許存取'],
    error: ['錯誤', '失敗'],
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
  'authenticatorApp',
  'continue',
  'loading',
  'consent',
  'error',
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

/** The gap mark of a term: any short run of text (a number, an address) in the middle of a sentence. */
export const GAP = '…';

/** A term as a regular expression source: its text literally, each "…" a gap of up to 60 characters. */
export function termSource(term: string): string {
  return term
    .split(GAP)
    .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.{0,60}?');
}

/**
 * One concept's terms as one regular expression: `whole` matches a short text that IS one of the
 * terms (a button's label, give or take punctuation and an arrow), otherwise a term anywhere in it.
 */
export function patternOf(terms: readonly string[], options: { whole?: boolean } = {}): RegExp {
  const body = terms.map(termSource).join('|') || '(?!)';
  return new RegExp(options.whole ? `^\\s*(?:${body})\\s*[.!?…:>»›→]*\\s*$` : body, 'i');
}

/** A regular expression for one concept in every language (for locators and messages in Node). */
export function wordsPattern(concept: Concept, options: { whole?: boolean } = {}): RegExp {
  return patternOf(wordsOfAllLanguages()[concept], options);
}
