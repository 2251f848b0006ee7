/**
 * The recogniser's table: HTML in, roles out. Each case is a page (pages/<name>.html, or one made by
 * generated-pages.ts) and what a look at it must report (pages/<name>.json). Elements carry their
 * expected role in the page itself: `data-expect="username"` (several roles: "submit continue").
 * Every role a look reports must point at an element marked with it, and every marked role must be
 * reported; the JSON adds what is not an element (error, busy, cues) and is checked key by key.
 *
 * To add a case: drop NAME.html (with data-expect marks) and NAME.json next to the others.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Look, OneTimeCodeChannel, ScreenError } from '../../../pages/look.js';
import { generatedCases } from './generated-pages.js';

export const PAGES_DIR = fileURLToPath(new URL('./pages/', import.meta.url));

export interface Expected {
  /** what the page stands for, for the test's title */
  about: string;
  /** served with this Content-Security-Policy header */
  csp?: string;
  overrides?: { username?: string; password?: string; submit?: string };
  busy?: boolean;
  errorPending?: boolean;
  /** null: no error at all */
  error?: null | { kind?: ScreenError['kind']; source?: ScreenError['source']; includes?: string };
  cues?: Partial<Omit<Look['cues'], 'codeChannel'>> & { codeChannel?: OneTimeCodeChannel | null };
  drawn?: boolean;
  classic?: boolean;
  /** counts of fields by role, e.g. { "other": 1 } for a field nobody should take for a username */
  fieldRoles?: Record<string, number>;
  /** intents of controls, by their text */
  intents?: Record<string, string[]>;
  /** kind and primary flag of the submit control */
  submit?: { kind?: string; primary?: boolean };
  /** before looking: click this selector, then wait for this text (a page that draws itself) */
  waitFor?: string;
}

export interface Case {
  name: string;
  html: string;
  expected: Expected;
}

export function loadCases(): Case[] {
  const files = readdirSync(PAGES_DIR).filter((file) => file.endsWith('.json')).sort();
  const fromFiles = files.map((file) => {
    const name = file.replace(/\.json$/, '');
    return { name, html: readFileSync(join(PAGES_DIR, `${name}.html`), 'utf8'), expected: JSON.parse(readFileSync(join(PAGES_DIR, file), 'utf8')) as Expected };
  });
  return [...fromFiles, ...generatedCases()];
}
