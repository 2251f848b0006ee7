/**
 * The form recogniser: gives the visible fields and buttons of whatever screen the browser shows their
 * roles, in ONE round trip to the page per look. Modelled on the browsers' password managers, which
 * recognise login forms they never saw, in every language (Chromium's form_data_parser.cc, Firefox's
 * LoginManagerChild/LoginHelper):
 *
 *   1. LOGIN_*_SELECTOR overrides, when they match a visible element;
 *   2. structure: autocomplete tokens (username, email, current-password, new-password,
 *      one-time-code), input types, the last text field before the first password field of the same
 *      form, one-time-code fields set apart, the form's own submit button (the only or the default one);
 *   3. words, in every language of pages/language.ts (labels, placeholders, button texts, messages);
 *   4. names: ids and names such as Cognito's (signInFormUsername) or user/login/email/otp/code.
 *
 * Only visible elements count: the classic hosted UI renders the whole form twice, one copy hidden.
 * Elements get a stable handle (a data attribute) that page objects turn into locators; a re-render
 * replaces elements, so their handles disappear with them, which is how a re-render is noticed.
 * Values never leave the page: only their lengths do.
 */
import type { Locator, Page } from '@playwright/test';
import { wordsOfAllLanguages } from './language.js';
import { adaptLegacyLook, type LegacyLook } from './legacy-look.js';
import type { Look, RecogniserOverrides } from './look.js';

export const HANDLE_ATTRIBUTE = 'data-login-harness';
/** Set by each look on the fields (and the submit button) it gave a role: `[data-login-harness-role="username"]`. */
export const ROLE_ATTRIBUTE = `${HANDLE_ATTRIBUTE}-role`;

export type { ButtonIntent, FieldRole, Look, RecogniserOverrides, ScreenErrorKind, SeenButton, SeenField } from './look.js';

/**
 * What the screen looks like, in a form cheap to compare: the path, each visible field's kind, whether
 * it carries a handle and holds a value, the buttons' texts and any alert. It changes when the page
 * navigates, re-renders (handles gone), empties a field, or shows a message.
 */
const FINGERPRINT = String.raw`() => {
  const visible = (el) => { const r = el.getBoundingClientRect(); if (r.width <= 0 || r.height <= 0) return false; const s = getComputedStyle(el); return s.visibility !== 'hidden' && s.display !== 'none'; };
  const parts = [location.pathname];
  for (const el of document.querySelectorAll('input:not([type=hidden]), textarea, button, [role=button], [role=alert], #loginErrorMessage')) {
    if (!visible(el)) continue;
    if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') parts.push('i' + el.type + (el.hasAttribute('${HANDLE_ATTRIBUTE}') ? 'h' : '') + (el.value.length > 0 ? 'v' : ''));
    else parts.push('b' + (el.innerText || el.value || '').trim().slice(0, 80));
  }
  return parts.join('|');
}`;

const LOOK = String.raw`(args) => {
  const esc = (s) => s.replace(/[.*+?^\${}()|[\]\\]/g, '\\$&');
  const re = {};
  for (const key of Object.keys(args.words)) re[key] = new RegExp(args.words[key].map(esc).join('|'), 'i');
  const ATTR = args.attribute;
  const handle = (el) => {
    let id = el.getAttribute(ATTR);
    if (!id) { window.__loginHarnessSeq = (window.__loginHarnessSeq || 0) + 1; id = String(window.__loginHarnessSeq); el.setAttribute(ATTR, id); }
    return id;
  };
  const visible = (el) => { const r = el.getBoundingClientRect(); if (r.width <= 0 || r.height <= 0) return false; const s = getComputedStyle(el); return s.visibility !== 'hidden' && s.display !== 'none'; };
  const clean = (text) => (text || '').replace(/\s+/g, ' ').trim();
  const before = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  const invalidOverrides = [];
  const override = (selector, what) => {
    if (!selector) return undefined;
    let list;
    try { list = document.querySelectorAll(selector); } catch (e) { invalidOverrides.push(what); return undefined; }
    for (const el of list) if (visible(el)) return el;
    return undefined;
  };
  const labelOf = (el) => {
    const parts = [];
    if (el.labels) for (const label of el.labels) parts.push(label.innerText || label.textContent);
    const ariaLabel = el.getAttribute('aria-label'); if (ariaLabel) parts.push(ariaLabel);
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) for (const id of labelledBy.split(/\s+/)) { const node = document.getElementById(id); if (node) parts.push(node.textContent); }
    const placeholder = el.getAttribute('placeholder'); if (placeholder) parts.push(placeholder);
    return clean(parts.join(' ')).toLowerCase().slice(0, 200);
  };

  // Fields
  const SKIP = /^(hidden|submit|button|image|reset|file|checkbox|radio|range|color)$/;
  const fieldEls = [...document.querySelectorAll('input, textarea')].filter((el) => !SKIP.test((el.type || '').toLowerCase()) && visible(el));
  const info = fieldEls.map((el) => {
    const type = (el.type || 'text').toLowerCase();
    const tokens = (el.getAttribute('autocomplete') || '').toLowerCase().split(/\s+/);
    const label = labelOf(el);
    const names = ((el.getAttribute('name') || '') + ' ' + (el.id || '')).toLowerCase();
    return { el, type, tokens, label, names };
  });
  const textLike = (f) => /^(text|email|tel|search|url|number)$/.test(f.type) || f.el.tagName === 'TEXTAREA';
  const isOneTimeCode = (f) => {
    if (f.tokens.includes('one-time-code')) return true;
    if (f.type === 'password' || f.tokens.includes('username') || f.tokens.includes('email') || f.tokens.includes('current-password') || f.tokens.includes('new-password')) return false;
    if (!textLike(f)) return false;
    if (f.label && re.oneTimeCode.test(f.label) && !re.username.test(f.label)) return true;
    if (/otp|totp|mfa|one.?time|(^|[^a-z])code|authcode|token/.test(f.names)) return true;
    const max = f.el.maxLength;
    return (f.el.inputMode === 'numeric' || f.type === 'number' || f.type === 'tel') && max > 0 && max <= 8;
  };
  const roleOf = new Map();
  for (const f of info) {
    if (isOneTimeCode(f)) roleOf.set(f.el, 'oneTimeCode');
    else if (f.type === 'password') {
      const isNew = f.tokens.includes('new-password') || (!f.tokens.includes('current-password') && (re.newPassword.test(f.label) || /new|confirm|repeat|again/.test(f.names)));
      roleOf.set(f.el, isNew ? 'newPassword' : 'password');
    }
  }
  const passwordOverride = override(args.overrides.password, 'LOGIN_PASSWORD_SELECTOR');
  if (passwordOverride) roleOf.set(passwordOverride, 'password');
  const passwords = info.filter((f) => roleOf.get(f.el) === 'password');
  // Two or more password fields and no current one marked: Chromium reads them as new + confirmation.
  if (passwords.length >= 2 && !passwordOverride && !passwords.some((f) => f.tokens.includes('current-password'))) for (const f of passwords) roleOf.set(f.el, 'newPassword');
  const password = info.find((f) => roleOf.get(f.el) === 'password');

  let username = override(args.overrides.username, 'LOGIN_USERNAME_SELECTOR');
  const candidates = info.filter((f) => !roleOf.has(f.el) && textLike(f));
  if (!username) username = (candidates.find((f) => f.tokens.includes('username') || f.tokens.includes('email') || f.tokens.includes('webauthn')) || {}).el;
  if (!username && password) {
    // Structure: the last text field before the first password field, in the same form when it has one.
    const sameForm = candidates.filter((f) => before(f.el, password.el) && (!password.el.form || f.el.form === password.el.form));
    username = (sameForm[sameForm.length - 1] || {}).el;
  }
  if (!username && !password && !info.some((f) => roleOf.get(f.el) === 'newPassword')) {
    // No password field: a username alone (first step of two), recognised by type, then words, then names.
    username = (candidates.find((f) => f.type === 'email') || candidates.find((f) => f.label && re.username.test(f.label)) || candidates.find((f) => /user|login|e-?mail|account|ident|signin/.test(f.names)) || {}).el;
  }
  if (username) roleOf.set(username, 'username');

  // Buttons, and radio options of a method choice
  const buttonEls = [...document.querySelectorAll('button, input[type=submit], input[type=button], input[type=image], [role=button]')].filter(visible);
  const textOf = (el) => clean(el.tagName === 'INPUT' ? el.value || el.getAttribute('aria-label') || '' : el.innerText || el.getAttribute('aria-label') || el.getAttribute('title') || '');
  const intentsOf = (text) => {
    const intents = [];
    if (re.forgotPassword.test(text)) return ['forgotPassword'];
    if (re.next.test(text)) intents.push('next');
    if (re.signIn.test(text)) intents.push('signIn');
    if (re.decline.test(text)) intents.push('decline');
    if (re.passkey.test(text)) intents.push('passkey');
    else if (re.methodPassword.test(text)) intents.push('methodPassword');
    return intents;
  };
  const buttons = buttonEls.map((el) => ({ el, text: textOf(el), choice: false }));
  for (const link of document.querySelectorAll('a')) if (visible(link) && re.forgotPassword.test(textOf(link))) buttons.push({ el: link, text: textOf(link), choice: false });
  for (const radio of document.querySelectorAll('input[type=radio]')) {
    const label = radio.labels && radio.labels[0];
    const target = visible(radio) ? radio : label && visible(label) ? label : undefined;
    if (target) buttons.push({ el: target, text: clean(label ? label.innerText : radio.getAttribute('aria-label') || radio.value), choice: true });
  }
  const seenButtons = buttons.map((b) => ({ handle: handle(b.el), text: b.text.slice(0, 60), intents: intentsOf(b.text), choice: b.choice, el: b.el }));

  const primary = password || username || info.find((f) => roleOf.get(f.el) === 'oneTimeCode') || info.find((f) => roleOf.get(f.el) === 'newPassword');
  const primaryEl = primary && primary.el ? primary.el : primary;
  let submit = override(args.overrides.submit, 'LOGIN_SUBMIT_SELECTOR');
  if (!submit && primaryEl) {
    const form = primaryEl.form;
    const submits = form ? buttonEls.filter((el) => el.form === form && (el.tagName === 'BUTTON' ? (el.getAttribute('type') || 'submit').toLowerCase() === 'submit' : /^(submit|image)$/.test(el.type))) : [];
    const worded = (list) => list.find((el) => { const i = intentsOf(textOf(el)); return i.includes('signIn') || i.includes('next'); });
    if (submits.length === 1) submit = submits[0];
    else if (submits.length > 1) submit = worded(submits) || submits[0];
    else {
      const after = buttonEls.filter((el) => before(primaryEl, el) && !intentsOf(textOf(el)).some((i) => i === 'decline' || i === 'forgotPassword' || i === 'passkey'));
      submit = worded(after) || (after.length === 1 ? after[0] : undefined) || worded(buttonEls);
    }
  }

  // Errors: by structure first (alerts, Cognito's error paragraph, error elements), then their words.
  let error;
  const busy = [...document.querySelectorAll('[aria-busy=true], [role=progressbar], progress')].some(visible) || [...document.querySelectorAll('[role=alert], [aria-live]')].some((el) => visible(el) && /^(loading|wird geladen|読み込み中|로드 중|cargando|chargement)\b|(…|\.\.\.)$/i.test(clean(el.innerText)));
  const errorPending = [...document.querySelectorAll('[role=alert], #loginErrorMessage, [aria-live=assertive]')].some((el) => visible(el) && !clean(el.innerText));
  const errorEls = [...document.querySelectorAll('[role=alert], #loginErrorMessage, [aria-live=assertive], [class*=error i], [id*=error i]')].filter((el) => el.tagName !== 'INPUT' && visible(el) && clean(el.innerText));
  const errorEl = errorEls.find((el) => el.matches('[role=alert], #loginErrorMessage')) || errorEls.find((el) => clean(el.innerText).length < 300);
  if (errorEl && !(busy && /(…|\.\.\.)$/.test(clean(errorEl.innerText)))) {
    const text = clean(errorEl.innerText).slice(0, 300);
    const kind = re.errorLocked.test(text) ? 'locked' : re.errorCodeUsed.test(text) ? 'codeUsed' : re.errorCodeMismatch.test(text) ? 'codeMismatch' : re.errorIncorrect.test(text) ? 'incorrect' : 'other';
    error = { text, kind };
  }

  const bodyText = clean(document.body ? document.body.innerText : '').slice(0, 5000);
  const qr = [...document.querySelectorAll('canvas, img, svg')].some((el) => visible(el) && /qr/i.test((el.getAttribute('alt') || '') + ' ' + (el.getAttribute('aria-label') || '') + ' ' + (el.getAttribute('class') || '') + ' ' + (el.id || '')));
  const cues = {
    mfaSetup: re.mfaSetup.test(bodyText),
    qr,
    sms: re.sms.test(bodyText),
    emailCode: re.emailCode.test(bodyText),
    codeSent: re.codeSent.test(bodyText),
    sentToEmail: /[^\s@]+@[^\s@]+\.[a-z*]{2,}/i.test(bodyText),
    sentToPhone: /\+[0-9*][0-9*\s-]{5,}/.test(bodyText),
    passkey: re.passkey.test(bodyText),
    newPassword: re.newPassword.test(bodyText),
    errorPage: re.errorPage.test(bodyText),
    oneTimeCode: re.oneTimeCode.test(bodyText),
  };
  const fields = info.map((f) => ({ handle: handle(f.el), role: roleOf.get(f.el) || 'other', type: f.type, valueLength: (f.el.value || '').length }));
  // The roles, on the elements too, so page objects' locators can name them (ROLE_ATTRIBUTE).
  for (const el of document.querySelectorAll('[' + ATTR + '-role]')) el.removeAttribute(ATTR + '-role');
  for (const f of info) if (roleOf.has(f.el)) f.el.setAttribute(ATTR + '-role', roleOf.get(f.el));
  if (submit) submit.setAttribute(ATTR + '-role', 'submit');
  const roleHandle = (role) => { const f = info.find((x) => roleOf.get(x.el) === role); return f ? handle(f.el) : undefined; };
  const decline = seenButtons.find((b) => b.intents.includes('decline'));
  const methodPassword = seenButtons.find((b) => b.intents.includes('methodPassword'));
  const fingerprint = (${FINGERPRINT})();
  return {
    title: clean(document.title).slice(0, 120),
    path: location.pathname,
    fields,
    buttons: seenButtons.map(({ el, ...rest }) => rest),
    roles: {
      username: username ? handle(username) : undefined,
      password: roleHandle('password'),
      newPasswords: info.filter((f) => roleOf.get(f.el) === 'newPassword').map((f) => handle(f.el)),
      oneTimeCode: roleHandle('oneTimeCode'),
      submit: submit ? handle(submit) : undefined,
      decline: decline ? decline.handle : undefined,
      methodPassword: methodPassword ? methodPassword.handle : undefined,
    },
    error,
    errorPending,
    busy,
    cues,
    drawn: fields.length > 0 || seenButtons.length > 0,
    empty: document.readyState === 'complete' && bodyText === '' && fields.length === 0 && seenButtons.length === 0,
    scriptless: document.scripts.length === 0,
    classic: !!document.querySelector('input[type=hidden][name=_csrf]'),
    invalidOverrides,
    fingerprint,
  };
}`;

const WORDS = wordsOfAllLanguages();

/** One look at the page: every visible field and button with its role, any error, and the cues of the text. */
export async function lookAt(page: Page, overrides: RecogniserOverrides = {}): Promise<Look> {
  return adaptLegacyLook((await page.evaluate(`(${LOOK})(${JSON.stringify({ words: WORDS, attribute: HANDLE_ATTRIBUTE, overrides })})`)) as LegacyLook);
}

/** The CSS selector of the element a look gave `handle` to. */
export function handleSelector(handle: string): string {
  return `[${HANDLE_ATTRIBUTE}="${handle}"]`;
}

/** The element a look gave `handle` to. */
export function byHandle(page: Page, handle: string): Locator {
  return page.locator(handleSelector(handle));
}

/** Lengths of the values of these fields (never the values), and the screen's fingerprint, in one round trip. */
export async function readBack(page: Page, handles: string[]): Promise<{ lengths: Array<number | undefined>; fingerprint: string }> {
  return (await page.evaluate(
    `((handles) => ({ lengths: handles.map((h) => { const el = document.querySelector('[${HANDLE_ATTRIBUTE}="' + h + '"]'); return el ? el.value.length : undefined; }), fingerprint: (${FINGERPRINT})() }))(${JSON.stringify(handles)})`,
  )) as { lengths: Array<number | undefined>; fingerprint: string };
}

export type Change = 'changed' | 'unchanged';

/**
 * Waits until the screen's fingerprint differs from `fingerprint` (a navigation counts as a change),
 * at most `timeoutMs`.
 */
export async function waitForChange(page: Page, fingerprint: string, timeoutMs: number): Promise<Change> {
  try {
    await page.waitForFunction(`(${FINGERPRINT})() !== ${JSON.stringify(fingerprint)}`, undefined, { timeout: Math.max(1, timeoutMs), polling: 30 });
    return 'changed';
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return 'unchanged';
    // The document went away under the wait (a navigation): that is a change too.
    if (error instanceof Error && /context was destroyed|navigat|Target page, context or browser has been closed/i.test(error.message)) {
      if (/has been closed/.test(error.message)) throw error;
      return 'changed';
    }
    throw error;
  }
}

/** What a person would be told the screen shows: title, kinds of fields, button texts. Never a value. */
export function describeLook(look: Look): string {
  const fields = look.fields.length > 0 ? look.fields.map((f) => (f.role === 'other' ? `${f.type} field` : `${f.role} field`)).join(', ') : 'no fields';
  const buttons = look.buttons.length > 0 ? look.buttons.map((b) => `"${b.text}"`).join(', ') : 'no buttons';
  return `title "${look.title}", ${fields}, buttons ${buttons}`;
}
