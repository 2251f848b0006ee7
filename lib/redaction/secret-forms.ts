/**
 * The shapes a secret value takes on its way into an artifact. A password typed into the form
 * reaches the trace plain (DOM snapshot), form-encoded (`password=Pa55%21` in the POST body),
 * JSON-escaped (trace lines, Allure results), XML/HTML-escaped (JUnit, snapshots) and, for the client
 * secret, base64 inside `Authorization: Basic base64(client_id:secret)`, at any byte offset.
 */

/** One regular expression per secret, with the name of the form each match is in. */
export interface SecretMatcher {
  /** global; every match is a whole occurrence of the secret in one of its forms */
  regex: RegExp;
  form(match: string): string;
}

/** Base64 fragments shorter than this would match random base64 far too often. */
const MIN_BASE64_FORM_LENGTH = 6;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** `application/x-www-form-urlencoded`, as browsers and URLSearchParams write it (space → +). */
export function formEncode(text: string): string {
  return new URLSearchParams({ v: text }).toString().slice(2);
}

/** The text forms the secret travels in before any base64 (Basic auth form-encodes the secret first). */
export function textForms(secret: string): string[] {
  return unique([secret, encodeURIComponent(secret), formEncode(secret)]);
}

/**
 * Base64 (and base64url) of `text` as it appears inside a longer base64 string: `text` may start at
 * byte offset 0, 1 or 2 of a 3-byte group, so there are three encodings; each is trimmed to the
 * characters that depend only on `text`, not on the bytes around it.
 */
export function base64Forms(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const forms: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Characters 0..skip-1 carry bits of the unknown prefix; the tail after `last` the unknown suffix.
    const skip = offset === 0 ? 0 : offset + 1;
    const last = Math.floor(((offset + bytes.length) * 8) / 6);
    const form = encoded.slice(skip, last);
    if (form.length >= MIN_BASE64_FORM_LENGTH) {
      forms.push(form, form.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return unique(forms);
}

/**
 * Literal forms of a secret: plain, URL- and form-encoded (both hex cases), JSON- and HTML-escaped,
 * and base64/base64url at the three alignments of each text form. Matching uses per-character
 * alternatives (secretMatcher), which also cover mixtures; this list documents and tests them.
 */
export function secretForms(secret: string): string[] {
  if (secret.length === 0) return [];
  const text = textForms(secret);
  const lowerHex = text.map((form) => form.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  const json = JSON.stringify(secret).slice(1, -1);
  const html = secret.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]?.[0] ?? char);
  return unique([...text, ...lowerHex, json, html, ...text.flatMap(base64Forms)]);
}

/**
 * Above this length a secret is matched by its literal forms (secretForms) instead of per-character
 * alternatives: the per-character expression grows about 60-fold and V8 refuses it for a password of
 * a few thousand characters, with an error message quoting the expression, i.e. the password.
 */
const PER_CHARACTER_MAX_LENGTH = 256;

/** A regular expression for every form of `secret`, and a way to tell which form a match is in. */
export function secretMatcher(secret: string): SecretMatcher {
  if (secret.length > PER_CHARACTER_MAX_LENGTH) return literalMatcher(secret);
  const perChar = [...secret].map(charPattern).join('');
  const base64 = unique(textForms(secret).flatMap(base64Forms))
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  // A match must not start inside a JSON escape such as `\n`: then it is not the secret.
  const source = `(?<!(?<!\\\\)(?:\\\\\\\\)*\\\\)(?:${perChar})${base64.length > 0 ? `|${base64.join('|')}` : ''}`;
  const b64 = new Set(textForms(secret).flatMap(base64Forms));
  return {
    regex: new RegExp(source, 'g'),
    form(match) {
      if (match === secret) return 'plain';
      if (b64.has(match)) return /[-_]/.test(match) && !/[+/]/.test(match) ? 'base64url' : 'base64';
      // An encoding was used where the match has more of its marks than the secret itself.
      const more = (mark: RegExp) => count(match, mark) > count(secret, mark);
      const forms: string[] = [];
      if (more(/%[0-9A-Fa-f]{2}/g) || more(/\+/g)) forms.push('url-encoded');
      if (more(/\\/g)) forms.push('json-escaped');
      if (more(/&(?:#[xX]?[0-9A-Fa-f]+|[a-z]+);/g)) forms.push('html-escaped');
      return forms.length > 0 ? forms.join(', ') : 'encoded';
    },
  };
}

function literalMatcher(secret: string): SecretMatcher {
  const b64 = new Set(textForms(secret).flatMap(base64Forms));
  const forms = secretForms(secret).sort((a, b) => b.length - a.length);
  let regex: RegExp;
  try {
    regex = new RegExp(forms.map(escapeRegExp).join('|'), 'g');
  } catch {
    // Never let the engine's message (which quotes the expression) escape; the plain form still goes.
    regex = new RegExp(escapeRegExp(secret), 'g');
  }
  return {
    regex,
    form: (match) => (match === secret ? 'plain' : b64.has(match) ? 'base64' : 'encoded'),
  };
}

const HTML_ENTITIES: Record<string, string[]> = {
  '&': ['&amp;'],
  '<': ['&lt;'],
  '>': ['&gt;'],
  '"': ['&quot;'],
  "'": ['&#39;', '&apos;'],
};

const JSON_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A hex digit in either case: encoders disagree (`%2F` from browsers, `%2f` from some libraries). */
const hexPattern = (hex: string) => [...hex].map((digit) => (/[a-f]/i.test(digit) ? `[${digit.toUpperCase()}${digit.toLowerCase()}]` : digit)).join('');

/** Every way one character of a secret can be written in a URL, a form body, JSON, HTML or XML. */
function charPattern(char: string): string {
  const alternatives: string[] = [];
  const codePoint = char.codePointAt(0) ?? 0;
  // URL: each UTF-8 byte as %XX, also double-encoded (%25XX) as in a redirect parameter.
  const bytes = [...Buffer.from(char, 'utf8')];
  alternatives.push(bytes.map((byte) => `%(?:25)?${hexPattern(byte.toString(16).padStart(2, '0'))}`).join(''));
  if (char === ' ') alternatives.push('\\+');
  // JSON: \uXXXX (surrogate pairs for astral characters) and the short escapes, also escaped twice
  // (JSON inside a JSON string: an error message quoting a response body, in a trace line).
  const units = char.length === 1 ? [codePoint] : [char.charCodeAt(0), char.charCodeAt(1)];
  alternatives.push(units.map((unit) => `\\\\(?:\\\\)?u${hexPattern(unit.toString(16).padStart(4, '0'))}`).join(''));
  const jsonEscape = JSON_ESCAPES[char];
  if (jsonEscape) {
    alternatives.push(escapeRegExp(JSON.stringify(jsonEscape).slice(1, -1)), escapeRegExp(jsonEscape));
  }
  // HTML and XML: named and numeric character references.
  for (const entity of HTML_ENTITIES[char] ?? []) alternatives.push(escapeRegExp(entity));
  alternatives.push(`&#0*${codePoint};`, `&#[xX]0*${hexPattern(codePoint.toString(16))};`);
  alternatives.push(escapeRegExp(char));
  return `(?:${alternatives.join('|')})`;
}

const count = (text: string, mark: RegExp) => text.match(mark)?.length ?? 0;

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
