/**
 * LOGIN_*_SELECTOR overrides, checked before a browser starts. The recogniser reads them in the page
 * with document.querySelectorAll, so they are plain CSS: Playwright's other engines (`xpath=`,
 * `text=`, `role=`, `internal:…`), its `>>` chains and its own pseudo-classes (`:has-text()`,
 * `:visible`…) would only fail after the login page loaded, so they are refused here, by a small
 * parser of our own (Playwright's is internal and changes between versions). `css=…` is accepted
 * and means the CSS after it.
 *
 * The check is at the level of tokens: brackets, parentheses and strings balanced, `#` and `.`
 * followed by a name, combinators between compound selectors, attribute selectors well-formed.
 * What it lets through that a browser still refuses is caught by the recogniser as "not a valid
 * CSS selector".
 */

export type SelectorCheck = { ok: true; css: string } | { ok: false; problem: string };

/** Pseudo-classes only Playwright's CSS engine knows: document.querySelectorAll throws on them. */
const PLAYWRIGHT_PSEUDO = /:(has-text|text|text-is|text-matches|visible|nth-match|light|left-of|right-of|above|below|near)(?![\w-])/i;
const ENGINE_PREFIX = /^([a-z_][\w:-]*)\s*=/i;

export function checkSelector(raw: string): SelectorCheck {
  let selector = raw.trim();
  const engine = ENGINE_PREFIX.exec(selector)?.[1];
  if (engine !== undefined) {
    if (engine.toLowerCase() !== 'css') return { ok: false, problem: `the selector engine "${engine}=" is not supported; give plain CSS (the login screen is searched with document.querySelectorAll)` };
    selector = selector.slice(selector.indexOf('=') + 1).trim();
  }
  if (selector.startsWith('//') || selector.startsWith('(//')) return { ok: false, problem: 'an XPath is not supported; give plain CSS (the login screen is searched with document.querySelectorAll)' };
  const problem = cssProblem(selector);
  return problem === undefined ? { ok: true, css: selector } : { ok: false, problem: `not a valid CSS selector: ${problem}` };
}

const NAME_START = /[-_a-zA-Z\u00a0-\uffff\\]/;

function cssProblem(selector: string): string | undefined {
  if (selector === '') return 'empty';
  if (PLAYWRIGHT_PSEUDO.test(selector)) return `${PLAYWRIGHT_PSEUDO.exec(selector)?.[0] ?? 'a pseudo-class'} is Playwright's, not CSS`;
  const closers: string[] = [];
  /** true right after a combinator, a comma or an opening bracket: a compound selector must follow */
  let expectCompound = true;
  let inAttribute = false;
  for (let i = 0; i < selector.length; i += 1) {
    const char = selector[i] as string;
    if (char === '\\') {
      if (i + 1 >= selector.length) return 'ends in a lone backslash';
      i += 1;
      expectCompound = false;
      continue;
    }
    if (char === '"' || char === "'") {
      const end = closingQuote(selector, i);
      if (end === -1) return `unclosed string starting at position ${i + 1}`;
      if (!inAttribute && closers.at(-1) !== ')') return `a string outside an attribute selector or function at position ${i + 1}`;
      i = end;
      continue;
    }
    if (char === '>' && selector[i + 1] === '>' && !inAttribute) return '">>" chains are Playwright\'s, not CSS';
    if (char === '[') {
      if (inAttribute) return `"[" inside an attribute selector at position ${i + 1}`;
      inAttribute = true;
      closers.push(']');
      if (!/^\s*[-_a-zA-Z\\*|]/.test(selector.slice(i + 1))) return `an attribute selector without a name at position ${i + 1}`;
      expectCompound = false;
      continue;
    }
    if (char === '(') {
      closers.push(')');
      expectCompound = true;
      continue;
    }
    if (char === ']' || char === ')') {
      if (closers.pop() !== char) return `unbalanced "${char}" at position ${i + 1}`;
      if (char === ']') inAttribute = false;
      expectCompound = false;
      continue;
    }
    if (inAttribute) continue;
    if (char === '#' || char === '.') {
      if (!NAME_START.test(selector[i + 1] ?? '') || (selector[i + 1] === '-' && /\d/.test(selector[i + 2] ?? ''))) return `"${char}" not followed by a name at position ${i + 1}`;
      expectCompound = false;
      continue;
    }
    if (char === '>' || char === '+' || char === '~' || char === ',') {
      // Inside :is()/:has() a selector may start with a combinator (`:has(> img)`).
      if (expectCompound && !(closers.at(-1) === ')' && char !== ',')) return `"${char}" with nothing before it at position ${i + 1}`;
      expectCompound = true;
      continue;
    }
    if (/\s/.test(char)) continue;
    if (char === ':' ) {
      if (!/^::?[-_a-zA-Z]/.test(selector.slice(i))) return `":" not followed by a pseudo-class name at position ${i + 1}`;
      if (selector[i + 1] === ':') i += 1;
      expectCompound = false;
      continue;
    }
    if (/[=!@$%^&;{}<?`]/.test(char) && closers.at(-1) !== ')') return `unexpected "${char}" at position ${i + 1}`;
    expectCompound = false;
  }
  if (closers.length > 0) return `unclosed "${closers.at(-1) === ']' ? '[' : '('}"`;
  if (expectCompound) return 'ends with a combinator or a comma';
  return undefined;
}

function closingQuote(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === quote) return i;
  }
  return -1;
}
