/**
 * Redaction of one piece of text: the configured secrets in every form, the tokens recorded in the
 * run's ledger, token shapes and secret-named values. Scanning is the same pass with the
 * replacements counted instead of kept, so the scan finds exactly what redaction would remove.
 */
import { REDACTED } from './marker.js';
import { NAMED_VALUES, TOKEN_SHAPES } from './patterns.js';
import { secretMatcher, type SecretMatcher } from './secret-forms.js';
import { ONE_TIME_CODE_CANDIDATE, TOKEN_CANDIDATE, isSeenOneTimeCode, isSeenToken } from './token-ledger.js';

/** A secret with a name for findings ("TEST_PASSWORD (url-encoded)"); the value is never reported. */
export interface NamedSecret {
  name: string;
  value: string;
}

export type SecretInput = string | NamedSecret;

/**
 * `full`: recorded data (trace lines, network bodies, results, logs): every rule.
 * `values`: tool code shipped with reports (viewer JavaScript, copied sources): only secret values
 * and token shapes, since a name rule such as `&code=` would mangle program text there.
 */
export type RedactionMode = 'full' | 'values';

export interface TextRules {
  secrets: readonly SecretInput[];
  /** SHA-256 hashes of tokens the run received (token-ledger.ts) */
  tokenHashes?: ReadonlySet<string> | undefined;
  mode?: RedactionMode;
}

interface Rule {
  regex: RegExp;
  /** the finding's kind, or undefined when this match is not a secret after all */
  kindOf(match: string): string | undefined;
}

const matcherCache = new Map<string, SecretMatcher>();

function cachedMatcher(secret: string): SecretMatcher {
  let matcher = matcherCache.get(secret);
  if (!matcher) {
    // A handful of secrets per process; the bound only stops a pathological caller.
    if (matcherCache.size > 64) matcherCache.clear();
    matcher = secretMatcher(secret);
    matcherCache.set(secret, matcher);
  }
  return matcher;
}

/**
 * Shorter secrets are not searched for as text: replacing every "ab1" in a log mangles it and shows
 * where the secret occurs, i.e. reveals it. The CLI warns that such a secret is weak instead.
 */
export const MIN_REDACTED_SECRET_LENGTH = 4;

export function normaliseSecrets(secrets: readonly SecretInput[]): NamedSecret[] {
  const seen = new Set<string>();
  const named: NamedSecret[] = [];
  for (const secret of secrets) {
    const entry = typeof secret === 'string' ? { name: 'secret', value: secret } : secret;
    if (entry.value.length < MIN_REDACTED_SECRET_LENGTH || seen.has(entry.value)) continue;
    seen.add(entry.value);
    named.push(entry);
  }
  // Longer secrets first, so a secret containing another is replaced whole.
  return named.sort((a, b) => b.value.length - a.value.length);
}

function rulesFor(options: TextRules): Rule[] {
  const rules: Rule[] = normaliseSecrets(options.secrets).map(({ name, value }) => {
    const matcher = cachedMatcher(value);
    return { regex: matcher.regex, kindOf: (match) => `${name} (${matcher.form(match)})` };
  });
  const hashes = options.tokenHashes;
  if (hashes && hashes.size > 0) {
    rules.push({ regex: TOKEN_CANDIDATE, kindOf: (match) => (isSeenToken(match, hashes) ? 'token seen in the run' : undefined) });
    rules.push({ regex: ONE_TIME_CODE_CANDIDATE, kindOf: (match) => (isSeenOneTimeCode(match, hashes) ? 'one-time code entered in the run' : undefined) });
  }
  for (const shape of TOKEN_SHAPES) rules.push({ regex: shape.regex, kindOf: () => shape.kind });
  if ((options.mode ?? 'full') === 'full') {
    for (const shape of NAMED_VALUES) rules.push({ regex: shape.regex, kindOf: () => shape.kind });
  }
  return rules;
}

/** Replaces every secret in `text`; `onFinding` hears the kind of each replacement, never its value. */
export function applyTextRules(text: string, options: TextRules, onFinding?: (kind: string) => void): { text: string; replacements: number } {
  let replacements = 0;
  let result = text;
  for (const rule of rulesFor(options)) {
    result = result.replace(rule.regex, (match) => {
      const kind = rule.kindOf(match);
      if (kind === undefined) return match;
      replacements += 1;
      onFinding?.(kind);
      return REDACTED;
    });
  }
  return { text: result, replacements };
}
