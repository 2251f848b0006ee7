/**
 * CODE_PATTERN on a linear-time engine. JavaScript's RegExp backtracks: `^(a|aa)+$` or `^(.*a){20}$`
 * on a crafted code can block the event loop for minutes, and no deadline or watchdog can interrupt
 * a running regular expression. RE2 (here re2js, RE2 in plain JavaScript: no native build) matches in
 * time linear in the code's length whatever the pattern, so any pattern it accepts is safe. It does
 * not support what needs backtracking (backreferences such as \1, lookahead and lookbehind); such a
 * pattern is refused with what RE2 said.
 */
import { RE2JS } from 're2js';

/** What the callback check needs of a pattern; a RegExp fits too (tests pass literal ones). */
export interface CodePattern {
  readonly source: string;
  /** true when the pattern matches somewhere in `text` (like RegExp.test) */
  test(text: string): boolean;
}

/** Compiles `source` with RE2; throws an Error saying what RE2 does not support. */
export function compileCodePattern(source: string): CodePattern {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : 'cannot parse';
    throw new Error(`not a pattern RE2 accepts (${why}); RE2 has no backreferences or lookaround, see https://github.com/google/re2/wiki/Syntax`, { cause: error });
  }
  return { source, test: (text) => compiled.test(text) };
}
