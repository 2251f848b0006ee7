/**
 * Errors and busy indicators, by structure first: an alert role, Cognito's error paragraph, an
 * aria-live region, an invalid field's described-by text (Cloudscape's FormField error), an
 * error-styled box (Cloudscape's Alert of type error, Bootstrap's alert-danger); words alone last.
 * A loading indicator is never an error, and an error box drawn while still empty is reported as
 * pending, so nothing is submitted again before its text has arrived.
 */
import type { ScreenError, ScreenErrorKind } from '../look.js';
import { clean, isVisible, referencedText, textOf, type Walk } from './dom.js';
import type { Words } from './words.js';

export interface ErrorState {
  error?: ScreenError | undefined;
  errorPending: boolean;
  busy: boolean;
  /** what a change of errors or busy state changes in the fingerprint: texts of every error container, hidden live regions included */
  fingerprint: string[];
}

/** Error-styled boxes: class names or ids saying error/danger, as design systems draw them. */
const ERROR_STYLED = /(^|[\s_-])(error|errors|danger|alert-danger|invalid-feedback|text-danger|is-invalid|type-error|error-message|errormessage|feedback-error|has-error|o-form-error|ulp-error|kc-feedback-text)(?=[\s_-]|$)/i;
/** Drawn as loading: spinners, loaders, skeletons. */
const BUSY_STYLED = /(^|[\s_-])(spinner|spin|loading|loader|skeleton|progress-circular|circular-progress)(?=[\s_-]|$)/i;
const ERROR_TEXT_LIMIT = 300;

interface Found {
  text: string;
  source: ScreenError['source'];
  rank: number;
}

const RANK: Record<ScreenError['source'], number> = { alert: 0, field: 1, styled: 2, live: 3, words: 4 };

export function readErrors(walk: Walk, words: Words): ErrorState {
  const found: Found[] = [];
  const fingerprint: string[] = [];
  let pending = false;
  let busy = false;
  const consider = (text: string, source: ScreenError['source'], visibleBox: boolean): void => {
    if (text === '') {
      if (visibleBox && source !== 'live' && source !== 'field') pending = true;
      return;
    }
    if (text.length <= 120 && (words.loading.test(text) || words.whole.loading.test(text))) {
      busy = true;
      return;
    }
    found.push({ text: text.slice(0, ERROR_TEXT_LIMIT), source, rank: RANK[source] });
  };
  for (const { el } of walk.elements) {
    if (el.getAttribute('aria-busy') === 'true' && isVisible(el)) busy = true;
    const role = el.getAttribute('role');
    if (role === 'progressbar' && isVisible(el)) busy = true;
    const className = el.getAttribute('class') ?? '';
    if (BUSY_STYLED.test(className) && !holdsControls(el) && isVisible(el)) busy = true;
    if (role === 'status') {
      const text = clean(el.textContent);
      fingerprint.push(`s${text.slice(0, 80)}`);
      if (text !== '' && words.loading.test(text) && isVisible(el)) busy = true;
      continue;
    }
    if (role === 'alert' || el.id === 'loginErrorMessage') {
      const visible = isVisible(el);
      const text = visible ? textOf(el) : '';
      fingerprint.push(`a${text.slice(0, 120)}`);
      if (visible || clean(el.textContent) !== '') consider(visible ? text : '', 'alert', visible);
      continue;
    }
    const live = el.getAttribute('aria-live');
    if (live === 'assertive' || live === 'polite') {
      // Off-screen live regions (Cloudscape announces errors through one) count by their text content.
      const text = clean(el.textContent);
      fingerprint.push(`l${text.slice(0, 120)}`);
      // Live regions announce progress too ("Code sent", "3 results"): only error words make one an error.
      if (text !== '' && isErrorWorded(text, words)) consider(text, 'live', false);
      else if (text !== '' && words.loading.test(text) && text.length <= 120) busy = true;
      continue;
    }
    if (el.getAttribute('aria-invalid') === 'true') {
      const text = clean(`${referencedText(el, 'aria-errormessage')} ${referencedText(el, 'aria-describedby')}`);
      fingerprint.push(`f${text.slice(0, 120)}`);
      if (isVisible(el)) consider(text, 'field', false);
      continue;
    }
    if ((ERROR_STYLED.test(className) || ERROR_STYLED.test(el.id)) && el.tagName !== 'INPUT' && el.tagName !== 'FORM' && el.tagName !== 'BODY' && !holdsControls(el)) {
      if (!isVisible(el)) continue;
      const text = textOf(el);
      fingerprint.push(`e${text.slice(0, 120)}`);
      if (text.length < ERROR_TEXT_LIMIT) consider(text, 'styled', true);
    }
  }
  if (found.length === 0) found.push(...wordedErrors(walk, words));
  found.sort((a, b) => a.rank - b.rank);
  const best = found[0];
  const error = best ? { text: best.text, kind: kindOf(best.text, words), source: best.source } : undefined;
  if (busy) fingerprint.push('busy');
  return { error, errorPending: pending && !error, busy, fingerprint };
}

/** Contains something to fill in or press: a form or a page section, not an error box. */
function holdsControls(el: Element): boolean {
  return el.querySelector('input:not([type=hidden]), textarea, select, button, form') !== null;
}

function isErrorWorded(text: string, words: Words): boolean {
  return words.error.test(text) || words.errorIncorrect.test(text) || words.errorLocked.test(text) || words.errorCodeUsed.test(text) || words.errorCodeMismatch.test(text);
}

/** Last: a short paragraph that says, in so many words, that the credentials or the code were refused. */
function wordedErrors(walk: Walk, words: Words): Found[] {
  const found: Found[] = [];
  for (const { el } of walk.elements) {
    if (!/^(P|DIV|SPAN|LI|STRONG|B|FONT|TD|EM)$/.test(el.tagName) || el.children.length > 2 || el.closest('label, button, a, form label')) continue;
    const text = clean(el.textContent);
    if (text === '' || text.length > 100) continue;
    // Refusals only: lockout words ("locked", "ロック", "잠금") also describe a screen lock in ordinary sentences.
    if ((words.errorIncorrect.test(text) || words.errorCodeMismatch.test(text)) && isVisible(el)) {
      found.push({ text, source: 'words', rank: RANK.words });
      break;
    }
  }
  return found;
}

export function kindOf(text: string, words: Words): ScreenErrorKind {
  if (words.errorLocked.test(text)) return 'locked';
  if (words.errorCodeUsed.test(text)) return 'codeUsed';
  if (words.errorCodeMismatch.test(text)) return 'codeMismatch';
  if (words.errorIncorrect.test(text)) return 'incorrect';
  return 'other';
}
