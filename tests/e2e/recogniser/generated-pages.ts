/**
 * The table's cases in every language of Cognito's managed login: a one-time code sent by e-mail, by
 * SMS, or read from an authenticator app; an offer to add a passkey; a "Continue" interstitial. The
 * sentences are worded as products word them in each language; each is drawn in a different page
 * shape, so no shape's markup carries a case.
 */
import type { Case } from './table.js';

export type Lang = 'de' | 'en' | 'es' | 'fr' | 'id' | 'it' | 'ja' | 'ko' | 'pt-BR' | 'zh-CN' | 'zh-TW';

interface Sentences {
  emailed: string;
  texted: string;
  app: string;
  codeLabel: string;
  verify: string;
  passkeyTitle: string;
  passkeyBody: string;
  addPasskey: string;
  notNow: string;
  welcome: string;
  continue: string;
}

export const SENTENCES: Record<Lang, Sentences> = {
  en: { emailed: 'We emailed a 6-digit code to t***@e***.com. Enter it below to sign in.', texted: 'We texted a code to +*******1234. It may take a minute to arrive.', app: 'Enter the 6-digit code from your authenticator app.', codeLabel: 'Code', verify: 'Verify', passkeyTitle: 'Sign in faster with a passkey', passkeyBody: 'Use your fingerprint, face or screen lock next time.', addPasskey: 'Add a passkey', notNow: 'Not now', welcome: 'Welcome back, Alex', continue: 'Continue' },
  de: { emailed: 'Wir haben einen 6-stelligen Code an t***@e***.com gesendet.', texted: 'Wir haben Ihnen einen Code per SMS an +*******1234 gesendet.', app: 'Geben Sie den 6-stelligen Code aus Ihrer Authentifizierungs-App ein.', codeLabel: 'Code', verify: 'Bestätigen', passkeyTitle: 'Schneller anmelden mit einem Passkey', passkeyBody: 'Melden Sie sich künftig mit Fingerabdruck, Gesichtserkennung oder Displaysperre an.', addPasskey: 'Passkey erstellen', notNow: 'Jetzt nicht', welcome: 'Willkommen zurück', continue: 'Weiter' },
  es: { emailed: 'Hemos enviado un código de 6 dígitos a t***@e***.com.', texted: 'Te enviamos un código por SMS al +*******1234.', app: 'Introduce el código de 6 dígitos de tu aplicación de autenticación.', codeLabel: 'Código', verify: 'Verificar', passkeyTitle: 'Inicia sesión más rápido con una llave de acceso', passkeyBody: 'Usa tu huella digital, tu rostro o el bloqueo de pantalla.', addPasskey: 'Crear llave de acceso', notNow: 'Ahora no', welcome: 'Hola de nuevo', continue: 'Continuar' },
  fr: { emailed: 'Nous avons envoyé un code à 6 chiffres à t***@e***.com.', texted: 'Nous vous avons envoyé un code par SMS au +*******1234.', app: "Saisissez le code à 6 chiffres de votre application d'authentification.", codeLabel: 'Code', verify: 'Vérifier', passkeyTitle: "Connectez-vous plus rapidement avec une clé d'accès", passkeyBody: "Utilisez votre empreinte digitale, votre visage ou le verrouillage de l'écran.", addPasskey: "Créer une clé d'accès", notNow: 'Pas maintenant', welcome: 'Bon retour parmi nous', continue: 'Continuer' },
  id: { emailed: 'Kami telah mengirim kode 6 digit ke t***@e***.com.', texted: 'Kami telah mengirim kode melalui SMS ke +*******1234.', app: 'Masukkan kode 6 digit dari aplikasi autentikator Anda.', codeLabel: 'Kode', verify: 'Verifikasi', passkeyTitle: 'Masuk lebih cepat dengan kunci sandi', passkeyBody: 'Gunakan sidik jari, wajah, atau kunci layar Anda.', addPasskey: 'Buat kunci sandi', notNow: 'Jangan sekarang', welcome: 'Selamat datang kembali', continue: 'Lanjutkan' },
  it: { emailed: 'Abbiamo inviato un codice di 6 cifre a t***@e***.com.', texted: 'Abbiamo inviato un codice tramite SMS al numero +*******1234.', app: "Inserisci il codice a 6 cifre dell'app di autenticazione.", codeLabel: 'Codice', verify: 'Verifica', passkeyTitle: 'Accedi più velocemente con una passkey', passkeyBody: "Usa l'impronta digitale, il volto o il blocco schermo.", addPasskey: 'Crea una passkey', notNow: 'Non ora', welcome: 'Bentornato', continue: 'Continua' },
  'pt-BR': { emailed: 'Enviamos um código de 6 dígitos para t***@e***.com.', texted: 'Enviamos um código por SMS para +*******1234.', app: 'Insira o código de 6 dígitos do seu aplicativo autenticador.', codeLabel: 'Código', verify: 'Verificar', passkeyTitle: 'Faça login mais rápido com uma chave de acesso', passkeyBody: 'Use sua impressão digital, seu rosto ou o bloqueio de tela.', addPasskey: 'Criar chave de acesso', notNow: 'Agora não', welcome: 'Bem-vindo de volta', continue: 'Continuar' },
  ja: { emailed: 't***@e***.com に 6 桁のコードを送信しました。', texted: '+*******1234 に SMS でコードを送信しました。', app: '認証アプリに表示されている 6 桁のコードを入力してください。', codeLabel: 'コード', verify: '確認', passkeyTitle: 'パスキーでより速くサインイン', passkeyBody: '指紋、顔、画面ロックでサインインできます。', addPasskey: 'パスキーを作成', notNow: '今はしない', welcome: 'おかえりなさい', continue: '続行' },
  ko: { emailed: 't***@e***.com(으)로 6자리 코드를 보냈습니다.', texted: '+*******1234 번호로 문자 메시지를 통해 코드를 보냈습니다.', app: '인증 앱에 표시된 6자리 코드를 입력하세요.', codeLabel: '코드', verify: '확인', passkeyTitle: '패스키로 더 빠르게 로그인하세요', passkeyBody: '지문, 얼굴 또는 화면 잠금으로 로그인할 수 있습니다.', addPasskey: '패스키 만들기', notNow: '나중에', welcome: '다시 오신 것을 환영합니다', continue: '계속' },
  'zh-CN': { emailed: '我们已向 t***@e***.com 发送了 6 位验证码。', texted: '我们已通过短信向 +*******1234 发送了验证码。', app: '请输入身份验证器应用中显示的 6 位验证码。', codeLabel: '验证码', verify: '验证', passkeyTitle: '使用通行密钥更快登录', passkeyBody: '下次可使用指纹、面孔或屏幕锁定登录。', addPasskey: '创建通行密钥', notNow: '以后再说', welcome: '欢迎回来', continue: '继续' },
  'zh-TW': { emailed: '我們已將 6 位數驗證碼傳送至 t***@e***.com。', texted: '我們已透過簡訊將驗證碼傳送至 +*******1234。', app: '請輸入驗證器應用程式中的 6 位數代碼。', codeLabel: '驗證碼', verify: '驗證', passkeyTitle: '使用密碼金鑰更快速登入', passkeyBody: '下次可使用指紋、臉孔或螢幕鎖定登入。', addPasskey: '建立密碼金鑰', notNow: '現在不要', welcome: '歡迎回來', continue: '繼續' },
};

const page = (lang: string, body: string): string => `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${lang}</title></head><body>${body}</body></html>`;

function emailed(lang: Lang, s: Sentences): Case {
  // Cloudscape-like: a form with a FormField whose input has a generated id and one-time-code autocomplete.
  const html = page(lang, `<form class="awsui_form_1xupv"><p class="awsui_text_x">${s.emailed}</p><div class="awsui_root_14mhv"><label for="formField:rb:">${s.codeLabel}</label><input id="formField:rb:" autocomplete="one-time-code" inputmode="numeric" data-expect="oneTimeCode"></div><button type="submit" class="awsui_variant-primary_vjswe" data-expect="submit">${s.verify}</button></form>`);
  return { name: `code-email-${lang}`, html, expected: { about: `an e-mail one-time code in ${lang}`, cues: { codeChannel: 'e-mail' }, fieldRoles: { oneTimeCode: 1 }, error: null } };
}

function texted(lang: Lang, s: Sentences): Case {
  // Plain markup, no form: a numeric field named only "code" and a role=button.
  const html = page(lang, `<div class="panel"><h2>${s.codeLabel}</h2><div>${s.texted}</div><input name="code" maxlength="6" data-expect="oneTimeCode"><div role="button" tabindex="0" class="btn-primary" data-expect="submit">${s.verify}</div></div>`);
  return { name: `code-sms-${lang}`, html, expected: { about: `an SMS one-time code in ${lang}`, cues: { codeChannel: 'SMS' }, fieldRoles: { oneTimeCode: 1 }, error: null } };
}

function fromApp(lang: Lang, s: Sentences): Case {
  // Bootstrap-like: a tel field with maxlength 6 and no name, the sentence as its label.
  const html = page(lang, `<form><div class="mb-3"><label for="t" class="form-label">${s.app}</label><input id="t" type="tel" maxlength="6" class="form-control" data-expect="oneTimeCode"></div><input type="submit" class="btn btn-primary" value="${s.verify}" data-expect="submit"></form>`);
  return { name: `code-app-${lang}`, html, expected: { about: `an authenticator-app code in ${lang}`, cues: { codeChannel: 'authenticator app' }, fieldRoles: { oneTimeCode: 1 }, error: null } };
}

function passkeyOffer(lang: Lang, s: Sentences): Case {
  const html = page(lang, `<main><h1>${s.passkeyTitle}</h1><p>${s.passkeyBody}</p><button class="primary">${s.addPasskey}</button><button class="secondary" data-expect="decline">${s.notNow}</button></main>`);
  return { name: `passkey-offer-${lang}`, html, expected: { about: `an offer to add a passkey in ${lang}`, cues: { passkey: true }, intents: { [s.notNow]: ['decline'] }, error: null } };
}

function interstitial(lang: Lang, s: Sentences, index: number): Case {
  // Every other language draws its one action as a link styled as a button.
  const action = index % 2 === 0 ? `<button type="button" class="btn btn-primary" data-expect="continue">${s.continue}</button>` : `<a href="/next" class="button button--primary" data-expect="continue">${s.continue}</a>`;
  const html = page(lang, `<section><h1>${s.welcome}</h1><p>t***@e***.com</p>${action}</section>`);
  return { name: `continue-${lang}`, html, expected: { about: `a "${s.continue}" interstitial in ${lang}`, error: null, busy: false, drawn: true } };
}

export function generatedCases(): Case[] {
  return (Object.entries(SENTENCES) as Array<[Lang, Sentences]>).flatMap(([lang, s], index) => [emailed(lang, s), texted(lang, s), fromApp(lang, s), passkeyOffer(lang, s), interstitial(lang, s, index)]);
}
