/**
 * Controls: what a person can press. Buttons, input[type=submit|image|button], [role=button], links,
 * and the options of a choice (radios, Cloudscape Tiles and RadioGroup, which name their radios
 * through aria-labelledby). Each gets intents from its words, and the screen gets its roles: the
 * submit control of the main form, decline, the password option, an interstitial's one action, the
 * forgot-password link.
 */
import type { ButtonIntent, ControlKind } from '../look.js';
import { clean, isButtonElement, isInput, isVisible, referencedText, textOf, type Walk, type Walked } from './dom.js';
import { overrideMatch, type FieldRoles } from './fields.js';
import type { Words } from './words.js';

export interface Control {
  walked: Walked;
  /** the element to press: the control, or a radio's visible label/tile when the radio itself is drawn hidden */
  target: Walked;
  text: string;
  intents: ButtonIntent[];
  kind: ControlKind;
  primary: boolean;
  enabled: boolean;
  /** submits its form when pressed (a submit button, input[type=submit|image]) */
  submitsForm: boolean;
}

export interface ControlRoles {
  controls: Control[];
  submit?: Control | undefined;
  decline?: Control | undefined;
  methodPassword?: Control | undefined;
  continue?: Control | undefined;
  forgotPassword?: Control | undefined;
}

const PRESSABLE = 'button, input[type=submit], input[type=button], input[type=image], [role=button], a[href]';
/** Class names that draw the main action: Bootstrap, Material, Cloudscape (hashed awsui_variant-primary_…), Fluent and the like. */
const PRIMARY_CLASS = /(^|[\s_-])(primary|cta|btn-primary|button--primary|variant-primary|mdc-button--raised|mdc-button--unelevated|raised|default|submit|login-button|signin-button)([\s_-]|$)/i;
/** Link classes that draw a link as a button. */
const BUTTONISH_CLASS = /(^|[\s_-])(btn|button)([\s_-]|$)/i;
/** A control naming another identity provider signs in elsewhere: never the form's submit or an interstitial's action. */
const FEDERATED = /\b(google|apple|facebook|microsoft|amazon|github|gitlab|linkedin|twitter|kakao|naver|line|yahoo|saml|sso)\b/i;

export function readControls(walk: Walk, words: Words, fields: FieldRoles, overrideSubmit: string | undefined, invalid: string[]): ControlRoles {
  const controls: Control[] = [];
  const seen = new Set<Element>();
  for (const walked of walk.elements) {
    const el = walked.el;
    if (isInput(el) && el.type === 'radio') {
      const choice = readChoice(walked, words);
      if (choice) controls.push(choice);
      continue;
    }
    if (el.getAttribute('role') === 'radio' && isVisible(el)) {
      controls.push(makeControl(walked, walked, textOf(el) || (el.getAttribute('aria-label') ?? ''), 'choice', words, ''));
      continue;
    }
    if (!el.matches(PRESSABLE) || !isVisible(el) || insideSeen(el, seen)) continue;
    seen.add(el);
    const kind: ControlKind = el.tagName === 'A' && el.getAttribute('role') !== 'button' ? 'link' : 'button';
    const text = controlText(el);
    if (kind === 'link' && text === '') continue;
    controls.push(makeControl(walked, walked, text, kind, words, ''));
  }
  const roles: ControlRoles = { controls };
  const overridden = overrideMatch(walk, overrideSubmit, 'LOGIN_SUBMIT_SELECTOR', invalid);
  roles.submit = overridden ? (controls.find((c) => c.walked.el === overridden.el) ?? makeControl(overridden, overridden, controlText(overridden.el), 'button', words, '')) : findSubmit(controls, fields);
  const choices = controls.filter((c) => c.kind === 'choice');
  roles.decline = controls.find((c) => c.enabled && c.intents.includes('decline'));
  roles.methodPassword = choices.find((c) => c.intents.includes('methodPassword')) ?? controls.find((c) => c.enabled && c.intents.includes('methodPassword'));
  roles.forgotPassword = controls.find((c) => c.intents.includes('forgotPassword'));
  if (fields.fields.length === 0 && choices.length === 0) roles.continue = findContinue(controls);
  return roles;
}

function insideSeen(el: Element, seen: Set<Element>): boolean {
  for (let node = el.parentElement; node; node = node.parentElement) if (seen.has(node)) return true;
  return false;
}

function controlText(el: Element): string {
  if (isInput(el)) return clean(el.value || el.getAttribute('aria-label') || el.getAttribute('alt') || el.getAttribute('title'));
  return textOf(el) || clean(el.getAttribute('aria-label') || referencedText(el, 'aria-labelledby') || el.getAttribute('title'));
}

/** A radio option, named by its labels, aria-label, aria-labelledby (Tiles, RadioGroup) and its value. */
function readChoice(walked: Walked, words: Words): Control | undefined {
  const radio = walked.el as HTMLInputElement;
  const label = radio.labels?.[0];
  const name = clean([...Array.from(radio.labels ?? []).map(textOf), radio.getAttribute('aria-label') ?? '', referencedText(radio, 'aria-labelledby')].join(' '));
  let target: Walked | undefined = isVisible(radio) ? walked : undefined;
  if (!target && label && isVisible(label)) target = { ...walked, el: label };
  if (!target) return undefined;
  return makeControl(walked, target, name || radio.value, 'choice', words, radio.value);
}

function makeControl(walked: Walked, target: Walked, text: string, kind: ControlKind, words: Words, value: string): Control {
  const el = walked.el;
  const enabled = !((isButtonElement(el) || isInput(el)) && el.disabled) && el.getAttribute('aria-disabled') !== 'true';
  const submitsForm = isButtonElement(el) ? (el.getAttribute('type') ?? 'submit').toLowerCase() === 'submit' : isInput(el) && /^(submit|image)$/.test(el.type);
  const primary = kind !== 'choice' && (submitsForm || PRIMARY_CLASS.test(el.getAttribute('class') ?? ''));
  return { walked, target, text: text.slice(0, 60), intents: intentsOf(`${text} ${value}`.trim(), text, words), kind, primary, enabled, submitsForm };
}

export function intentsOf(named: string, shown: string, words: Words): ButtonIntent[] {
  if (words.forgotPassword.test(named)) return ['forgotPassword'];
  const intents: ButtonIntent[] = [];
  const federated = FEDERATED.test(shown);
  if (!federated && words.next.test(named)) intents.push('next');
  if (!federated && words.signIn.test(named)) intents.push('signIn');
  if (!federated && words.whole.continue.test(shown)) intents.push('continue');
  if (words.decline.test(named)) intents.push('decline');
  if (words.passkey.test(named)) intents.push('passkey');
  else if (words.methodPassword.test(named)) intents.push('methodPassword');
  return intents;
}

const AWAY: ButtonIntent[] = ['decline', 'forgotPassword', 'passkey'];

function worded(list: Control[]): Control | undefined {
  return list.find((c) => c.intents.includes('signIn') || c.intents.includes('next') || c.intents.includes('continue'));
}

/**
 * The main form's submit control: the form's own submit button (the only one, or the one worded as
 * sign-in/next); without one, the control after the main field that is worded or drawn as the main
 * action, a link drawn as a button included. A disabled submit button counts only when nothing
 * enabled does (some forms enable it once something is typed).
 */
function findSubmit(controls: Control[], fields: FieldRoles): Control | undefined {
  const anchor = fields.primary?.el;
  const choice = controls.find((c) => c.kind === 'choice');
  const form = anchor?.form ?? (choice ? (choice.walked.el as HTMLInputElement).form : null);
  if (!anchor && !choice) return undefined;
  const pressable = controls.filter((c) => c.kind !== 'choice' && !c.intents.some((i) => AWAY.includes(i)) && !FEDERATED.test(c.text));
  for (const enabledOnly of [true, false]) {
    const usable = pressable.filter((c) => c.enabled || !enabledOnly);
    const own = form ? usable.filter((c) => c.submitsForm && (c.walked.el as HTMLButtonElement).form === form) : [];
    if (own.length === 1) return own[0];
    if (own.length > 1) return worded(own) ?? own[0];
    const from = anchor ? (fields.primary?.walked.order ?? 0) : (choice?.walked.order ?? 0);
    const after = usable.filter((c) => c.walked.order > from && (c.kind === 'button' || c.primary || BUTTONISH_CLASS.test(c.walked.el.getAttribute('class') ?? '') || worded([c])));
    const found = worded(after.filter((c) => c.kind === 'button' || c.primary)) ?? worded(after) ?? after.find((c) => c.primary) ?? (after.filter((c) => c.kind === 'button').length === 1 ? after.find((c) => c.kind === 'button') : undefined);
    if (found) return found;
  }
  return undefined;
}

/** An interstitial's one action: the one enabled control worded "Continue" (in any language), or the one drawn as primary among several. */
function findContinue(controls: Control[]): Control | undefined {
  const continuing = controls.filter((c) => c.enabled && c.intents.includes('continue'));
  if (continuing.length === 1) return continuing[0];
  const primary = continuing.filter((c) => c.primary);
  return primary.length === 1 ? primary[0] : undefined;
}
