/**
 * Text that someone else controls (a login service's error codes, error descriptions, page titles
 * and screen texts; a configuration value echoed in an error) made safe to print. Printed raw, it
 * could write its own lines into our output: a newline followed by `::error::` or `::add-mask::` is
 * a GitHub Actions workflow command, an ANSI or OSC escape rewrites a terminal (or hides text in a
 * CI log), a carriage return overwrites the line before it. So:
 *
 * - escape sequences (CSI, OSC, other ESC sequences) are removed;
 * - control characters become visible: `\n` → ␤, other C0 controls → their Control Picture (␀…␟),
 *   DEL → ␡, C1 controls and Unicode line/paragraph separators → `�`; bidirectional overrides are
 *   removed (they make text read differently from what it is);
 * - the text cannot start a workflow command: a leading `::` is broken up;
 * - it is bounded, with `…` where it was cut.
 */

/** Longest piece of someone else's text in one of our messages. */
export const OUTSIDE_TEXT_LIMIT = 300;

// eslint-disable-next-line no-control-regex -- escape sequences are what this removes
const ESCAPE_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u009d[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[P^_X][^\u001b]*(?:\u001b\\)?|\u001b[ -/]*[0-~]?/g;
// eslint-disable-next-line no-control-regex -- control characters are what this escapes
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (char === '\n') return '\u2424';
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}

/** `text` with escapes removed, controls made visible, no leading `::`, at most `limit` characters. */
export function safeText(text: string, limit = OUTSIDE_TEXT_LIMIT): string {
  let safe = text.replace(ESCAPE_SEQUENCES, '').replace(BIDI, '').replace(CONTROL, visible);
  // A workflow command is a line starting with `::` (leading blanks allowed).
  safe = safe.replace(/^(\s*):(?=:)/, '$1:\u200b');
  if (safe.length > limit) safe = `${safe.slice(0, Math.max(0, limit - 1))}…`;
  return safe;
}

/** Whether printing `text` as it is would be safe (tests and assertions). */
export function isSafeText(text: string): boolean {
  return safeText(text, Number.MAX_SAFE_INTEGER) === text;
}
