/**
 * The fingerprint: what the screen looks like, cheap to compare. It changes when the page navigates,
 * re-renders (handles gone), empties or fills a field, marks one invalid, shows or hides a control,
 * or shows, changes or clears an error or a busy indicator (hidden live regions included: Cloudscape
 * announces a refusal there and nowhere a role=alert would show it).
 */
import { HANDLE_ATTRIBUTE } from './attributes.js';
import { isInput, isTextArea, isVisible, textOf, type Walk } from './dom.js';
import { readErrors } from './errors.js';
import type { Words } from './words.js';

const CONTROL = 'button, input[type=submit], input[type=button], input[type=image], [role=button]';

export function fingerprintOf(walk: Walk, words: Words): string {
  const parts = [location.pathname];
  for (const { el } of walk.elements) {
    if (isInput(el) || isTextArea(el)) {
      if (el.type === 'hidden' || !isVisible(el)) continue;
      const checked = isInput(el) && (el.type === 'radio' || el.type === 'checkbox') ? (el.checked ? 'c' : '') : el.value.length > 0 ? 'v' : '';
      parts.push(`i${el.type}${el.hasAttribute(HANDLE_ATTRIBUTE) ? 'h' : ''}${checked}${el.getAttribute('aria-invalid') === 'true' ? '!' : ''}`);
    } else if (el.matches(CONTROL) && isVisible(el)) {
      parts.push(`b${textOf(el).slice(0, 80)}${el.getAttribute('aria-disabled') === 'true' || el.hasAttribute('disabled') ? '-' : ''}`);
    }
  }
  parts.push(...readErrors(walk, words).fingerprint);
  return parts.join('|');
}
