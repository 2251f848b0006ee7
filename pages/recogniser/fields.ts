/**
 * Fields and their roles, structure first (as browsers' password managers do): autocomplete tokens,
 * input types, the last text field before the first password field of the same form; then words of
 * labels (in every language); then names and ids. One-time-code fields are set apart first, so a
 * code field is never taken for a username.
 */
import type { FieldRole, RecogniserOverrides } from '../look.js';
import { clean, isInput, isTextArea, isVisible, referencedText, textOf, type Walk, type Walked } from './dom.js';
import type { Words } from './words.js';

export type FieldElement = HTMLInputElement | HTMLTextAreaElement;

export interface Field {
  walked: Walked;
  el: FieldElement;
  type: string;
  tokens: string[];
  /** what a person reads as the field's name: labels, aria-label(ledby), placeholder, nearby text; lower case */
  label: string;
  /** the name and id, lower case */
  names: string;
  role: FieldRole;
}

export interface FieldRoles {
  fields: Field[];
  username?: Field | undefined;
  password?: Field | undefined;
  newPasswords: Field[];
  oneTimeCode?: Field | undefined;
  /** the field the screen is about: the submit control is looked for near it */
  primary?: Field | undefined;
}

const NOT_TYPED = /^(hidden|submit|button|image|reset|file|checkbox|radio|range|color)$/;
const TEXT_LIKE = /^(text|email|tel|search|url|number)$/;
const CODE_NAMES = /otp|totp|mfa|one.?time|(^|[^a-z])code|authcode|token|passcode/;
const USER_NAMES = /user|login|e-?mail|account|ident|signin|loginfmt|identifier/;
const NEW_NAMES = /new|confirm|repeat|again|verify/;

/** A LOGIN_*_SELECTOR override's first visible match in any root; an invalid selector is reported, not thrown. */
export function overrideMatch(walk: Walk, selector: string | undefined, what: string, invalid: string[]): Walked | undefined {
  if (!selector) return undefined;
  try {
    for (const walked of walk.elements) if (walked.el.matches(selector) && isVisible(walked.el)) return walked;
  } catch {
    invalid.push(what);
  }
  return undefined;
}

export function readFields(walk: Walk, words: Words, overrides: RecogniserOverrides, invalid: string[]): FieldRoles {
  const fields: Field[] = [];
  for (const walked of walk.elements) {
    const el = walked.el;
    if (!(isInput(el) || isTextArea(el))) continue;
    const type = (isInput(el) ? el.type || 'text' : 'textarea').toLowerCase();
    if (NOT_TYPED.test(type) || !isVisible(el)) continue;
    const tokens = (el.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/);
    fields.push({ walked, el, type, tokens, label: labelOf(el), names: `${el.getAttribute('name') ?? ''} ${el.id}`.toLowerCase(), role: 'other' });
  }
  for (const field of fields) {
    if (isOneTimeCode(field, words)) field.role = 'oneTimeCode';
    else if (field.type === 'password') field.role = isNewPassword(field, words) ? 'newPassword' : 'password';
  }
  const passwordOverride = overrideMatch(walk, overrides.password, 'LOGIN_PASSWORD_SELECTOR', invalid);
  const overridden = passwordOverride && fields.find((f) => f.el === passwordOverride.el);
  if (overridden) overridden.role = 'password';
  const passwords = fields.filter((f) => f.role === 'password');
  // Two or more password fields and no current one marked: Chromium reads them as new + confirmation.
  if (passwords.length >= 2 && !overridden && !passwords.some((f) => f.tokens.includes('current-password'))) for (const f of passwords) f.role = 'newPassword';
  const password = fields.find((f) => f.role === 'password');
  const username = findUsername(walk, fields, password, words, overrides, invalid);
  if (username) username.role = 'username';
  const newPasswords = fields.filter((f) => f.role === 'newPassword');
  const oneTimeCode = fields.find((f) => f.role === 'oneTimeCode');
  return { fields, username, password, newPasswords, oneTimeCode, primary: password ?? username ?? oneTimeCode ?? newPasswords[0] };
}

function findUsername(walk: Walk, fields: Field[], password: Field | undefined, words: Words, overrides: RecogniserOverrides, invalid: string[]): Field | undefined {
  const overridden = overrideMatch(walk, overrides.username, 'LOGIN_USERNAME_SELECTOR', invalid);
  if (overridden) return fields.find((f) => f.el === overridden.el);
  const candidates = fields.filter((f) => f.role === 'other' && textLike(f));
  const byToken = candidates.find((f) => f.tokens.includes('username') || f.tokens.includes('email') || f.tokens.includes('webauthn'));
  if (byToken) return byToken;
  if (password) {
    // Structure: the last text field before the first password field, in the same form when it has one.
    const sameForm = candidates.filter((f) => f.walked.order < password.walked.order && (!password.el.form || f.el.form === password.el.form));
    return sameForm.at(-1);
  }
  if (fields.some((f) => f.role === 'newPassword')) return undefined;
  // No password field: a username alone (first step of two), recognised by type, then words, then names.
  return candidates.find((f) => f.type === 'email') ?? candidates.find((f) => f.label !== '' && words.username.test(f.label)) ?? candidates.find((f) => USER_NAMES.test(f.names));
}

function textLike(field: Field): boolean {
  return TEXT_LIKE.test(field.type) || field.type === 'textarea';
}

function isOneTimeCode(field: Field, words: Words): boolean {
  const { tokens, type } = field;
  if (tokens.includes('one-time-code')) return true;
  if (type === 'password' || tokens.includes('username') || tokens.includes('email') || tokens.includes('current-password') || tokens.includes('new-password')) return false;
  if (!textLike(field)) return false;
  if (field.label !== '' && words.oneTimeCode.test(field.label) && !words.username.test(field.label)) return true;
  if (CODE_NAMES.test(field.names)) return true;
  const max = field.el.maxLength;
  return (field.el.inputMode === 'numeric' || type === 'number' || type === 'tel') && max > 0 && max <= 8;
}

function isNewPassword(field: Field, words: Words): boolean {
  if (field.tokens.includes('new-password')) return true;
  if (field.tokens.includes('current-password')) return false;
  return words.newPassword.test(field.label) || NEW_NAMES.test(field.names);
}

/**
 * What a person reads as the field's name: its labels, aria-label, aria-labelledby, placeholder and
 * title; failing all of those, the short text right around it (a floating label drawn as a sibling,
 * "E-mail:" before a field in a table cell).
 */
export function labelOf(el: FieldElement): string {
  const parts: string[] = [];
  for (const label of Array.from(el.labels ?? [])) parts.push(textOf(label));
  parts.push(el.getAttribute('aria-label') ?? '', referencedText(el, 'aria-labelledby'), el.getAttribute('placeholder') ?? '', el.getAttribute('title') ?? '');
  let label = clean(parts.join(' '));
  if (label === '') label = nearbyText(el);
  return label.toLowerCase().slice(0, 200);
}

function nearbyText(el: Element): string {
  let node: Element | null = el.parentElement;
  for (let depth = 0; node && depth < 3; depth += 1, node = node.parentElement) {
    if (node.querySelectorAll('input, textarea, select').length > 1) break;
    const text = clean(node.textContent);
    if (text !== '') return text.length <= 60 ? text : '';
  }
  const previous = el.previousElementSibling;
  return previous ? clean(previous.textContent).slice(0, 60) : '';
}
