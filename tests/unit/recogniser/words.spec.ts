/**
 * The word table (pages/language.ts), family by family, in all 11 languages of Cognito's managed
 * login: the sentences products show for a code sent by e-mail or SMS or read from an app, a passkey
 * offer and its "not now", and an interstitial's "Continue".
 */
import { test, expect } from '../../../fixtures/index.js';
import { LANGUAGES, patternOf, wordsPattern, type Concept } from '../../../pages/language.js';
import { SENTENCES, type Lang } from '../../e2e/recogniser/generated-pages.js';

const LANGS = Object.keys(SENTENCES) as Lang[];
const FAMILIES: Concept[] = ['emailCode', 'sms', 'codeSent', 'authenticatorApp', 'passkey', 'decline', 'continue', 'loading', 'consent'];

test.describe('the word table', () => {
  test('covers every family in every Cognito language', () => {
    expect(Object.keys(LANGUAGES).sort()).toEqual([...LANGS].sort());
    const missing = LANGS.flatMap((lang) => FAMILIES.filter((concept) => (LANGUAGES[lang]?.[concept] ?? []).length === 0).map((concept) => `${lang}.${concept}`));
    expect(missing).toEqual([]);
  });

  for (const lang of LANGS) {
    const s = SENTENCES[lang];
    const own = (concept: Concept, whole = false): RegExp => patternOf(LANGUAGES[lang]?.[concept] ?? [], { whole });

    test(`${lang}: a code sent by e-mail is told from one sent by SMS and one from an app`, () => {
      // E-mail: named, or "we sent a code" with an address shown; never read as SMS or an app.
      expect(own('emailCode').test(s.emailed) || own('codeSent').test(s.emailed)).toBe(true);
      expect(own('sms').test(s.emailed)).toBe(false);
      expect(own('authenticatorApp').test(s.emailed)).toBe(false);
      expect(own('sms').test(s.texted)).toBe(true);
      expect(own('emailCode').test(s.texted)).toBe(false);
      expect(own('authenticatorApp').test(s.app)).toBe(true);
      expect(own('sms').test(s.app) || own('emailCode').test(s.app)).toBe(false);
    });

    test(`${lang}: a passkey offer and its "${s.notNow}"`, () => {
      expect(own('passkey').test(s.passkeyTitle)).toBe(true);
      expect(own('decline').test(s.notNow)).toBe(true);
      expect(own('decline').test(s.addPasskey)).toBe(false);
    });

    test(`${lang}: "${s.continue}" is an interstitial's whole action`, () => {
      expect(own('continue', true).test(s.continue)).toBe(true);
      expect(own('continue', true).test(`${s.continue} `)).toBe(true);
    });
  }

  test('"Continue with Google" is not a Continue, and a gap term spans a number', () => {
    expect(wordsPattern('continue', { whole: true }).test('Continue with Google')).toBe(false);
    expect(wordsPattern('continue', { whole: true }).test('Continue →')).toBe(true);
    expect(wordsPattern('codeSent').test('Wir haben einen 6-stelligen Code an t***@e***.com gesendet.')).toBe(true);
    expect(wordsPattern('codeSent').test('Wir haben einen Moment gewartet.')).toBe(false);
  });

  test('loading words are not error words', () => {
    for (const text of ['Loading...', 'Wird geladen', 'Cargando…', '読み込み中', '로드 중', '加载中', '載入中']) {
      expect(wordsPattern('loading').test(text), text).toBe(true);
      expect(wordsPattern('errorIncorrect').test(text), text).toBe(false);
    }
  });
});
