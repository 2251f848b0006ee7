/**
 * Cues: what the screen's words (and a few elements) say about it, for the screens after the password:
 * MFA set-up, which channel a one-time code comes from, a passkey offer, a consent page, the
 * service's error page.
 */
import type { Look, OneTimeCodeChannel } from '../look.js';
import { isVisible, type Walk } from './dom.js';
import type { Words } from './words.js';

/** A masked e-mail address as screens show the destination: j***@e***.com, t****@example.com. */
const MASKED_EMAIL = /[^\s@]+@[^\s@]+\.[a-z*]{2,}|[a-z0-9*]+\*+@[^\s@]+/i;
/** A masked phone number: +*******1234, +82 10-****-5678, ending in 1234. */
const MASKED_PHONE = /\+[0-9*][0-9*\s-]{5,}|\*{2,}[\s-]?\d{2,4}\b/;

export function readCues(walk: Walk, text: string, words: Words, hasCodeField: boolean): Look['cues'] {
  const qr = walk.elements.some(({ el }) => /^(CANVAS|IMG|SVG|svg)$/.test(el.tagName) && /qr/i.test(`${el.getAttribute('alt') ?? ''} ${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('class') ?? ''} ${el.id}`) && isVisible(el));
  const sms = words.sms.test(text);
  const emailCode = words.emailCode.test(text);
  const codeSent = words.codeSent.test(text);
  const sentToEmail = MASKED_EMAIL.test(text);
  const sentToPhone = MASKED_PHONE.test(text);
  const oneTimeCode = words.oneTimeCode.test(text);
  return {
    mfaSetup: words.mfaSetup.test(text),
    qr,
    codeChannel: hasCodeField || oneTimeCode ? codeChannel(text, words, { sms, emailCode, codeSent, sentToEmail, sentToPhone }) : undefined,
    passkey: words.passkey.test(text),
    newPassword: words.newPassword.test(text),
    errorPage: words.errorPage.test(text),
    oneTimeCode,
    consent: words.consent.test(text),
    sms,
    emailCode,
    codeSent,
    sentToEmail,
    sentToPhone,
  };
}

interface Said {
  sms: boolean;
  emailCode: boolean;
  codeSent: boolean;
  sentToEmail: boolean;
  sentToPhone: boolean;
}

/**
 * Where the code comes from: an e-mail or SMS sentence names it; an authenticator app by name;
 * "we sent a code to …" by the masked destination it shows. Undefined when nothing says.
 */
function codeChannel(text: string, words: Words, said: Said): OneTimeCodeChannel | undefined {
  if (said.emailCode && !said.sms) return 'e-mail';
  if (said.sms && !said.emailCode) return 'SMS';
  if (words.authenticatorApp.test(text)) return 'authenticator app';
  if (said.codeSent || said.emailCode || said.sms) {
    if (said.sentToEmail && !said.sentToPhone) return 'e-mail';
    if (said.sentToPhone) return 'SMS';
    return said.emailCode ? 'e-mail' : said.sms ? 'SMS' : undefined;
  }
  return undefined;
}
