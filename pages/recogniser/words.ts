/**
 * The language table (pages/language.ts), compiled once per look into one regular expression per
 * concept, every language at once: a page may mix languages (an English button on a Korean page).
 */
import { CONCEPTS, patternOf, wordsOfAllLanguages, type Concept } from '../language.js';

export type Words = Record<Concept, RegExp> & { whole: Record<'continue' | 'loading', RegExp> };

export function compileWords(): Words {
  const terms = wordsOfAllLanguages();
  const words = {} as Record<Concept, RegExp>;
  for (const concept of CONCEPTS) words[concept] = patternOf(terms[concept]);
  return Object.assign(words, { whole: { continue: patternOf(terms.continue, { whole: true }), loading: patternOf(terms.loading, { whole: true }) } });
}
