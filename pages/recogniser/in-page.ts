/**
 * The recogniser's entry in the page: one call per round trip, one request each (a look, a
 * fingerprint, a read-back, a wait for a change). scripts/recogniser-bundle.mjs bundles this module
 * with esbuild into one function; pages/recognise.ts sends that function to the page. Nothing in
 * here may evaluate a string: pages under `script-src 'self'` forbid it.
 */
import type { Look, RecogniserOverrides } from '../look.js';
import { ROLE_ATTRIBUTE } from './attributes.js';
import { clean, pageText, walkPage, type Walk } from './dom.js';
import { readControls, type Control } from './controls.js';
import { readCues } from './cues.js';
import { readErrors } from './errors.js';
import { readFields, type Field } from './fields.js';
import { fingerprintOf } from './fingerprint.js';
import { handleOf, resolveHandle } from './handles.js';
import { compileWords, type Words } from './words.js';

export type Request =
  | { op: 'look'; overrides: RecogniserOverrides }
  | { op: 'fingerprint' }
  | { op: 'readBack'; handles: string[] }
  | { op: 'waitForChange'; fingerprint: string; timeoutMs: number; pollMs: number };

export interface ReadBack {
  lengths: Array<number | undefined>;
  fingerprint: string;
}

export type Change = 'changed' | 'unchanged';

export function run(request: Request): Look | string | ReadBack | Promise<Change> {
  const words = compileWords();
  switch (request.op) {
    case 'look':
      return look(words, request.overrides);
    case 'fingerprint':
      return fingerprintOf(walkPage(false), words);
    case 'readBack':
      return { lengths: request.handles.map(valueLength), fingerprint: fingerprintOf(walkPage(false), words) };
    case 'waitForChange':
      return waitForChange(words, request.fingerprint, request.timeoutMs, request.pollMs);
  }
}

function valueLength(handle: string): number | undefined {
  const el = resolveHandle(handle) as HTMLInputElement | undefined;
  return el && typeof el.value === 'string' ? el.value.length : undefined;
}

/** Polls in the page (a timer, no string to evaluate) until the fingerprint differs or the time is up. */
function waitForChange(words: Words, fingerprint: string, timeoutMs: number, pollMs: number): Promise<Change> {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const check = (): void => {
      if (fingerprintOf(walkPage(false), words) !== fingerprint) resolve('changed');
      else if (Date.now() >= until) resolve('unchanged');
      else setTimeout(check, Math.min(pollMs, Math.max(0, until - Date.now())));
    };
    check();
  });
}

function look(words: Words, overrides: RecogniserOverrides): Look {
  const walk = walkPage(true);
  const invalidOverrides: string[] = [];
  const fields = readFields(walk, words, overrides, invalidOverrides);
  const controls = readControls(walk, words, fields, overrides.submit, invalidOverrides);
  const errors = readErrors(walk, words);
  const text = pageText(walk);
  const fieldHandle = (field: Field | undefined): string | undefined => (field ? handleOf(field.walked) : undefined);
  const controlHandle = (control: Control | undefined): string | undefined => (control ? handleOf(control.target) : undefined);
  markRoles(walk, fields.fields, controls.submit);
  const buttons = controls.controls.map((c) => ({ handle: handleOf(c.target), text: c.text, intents: c.intents, kind: c.kind, choice: c.kind === 'choice', primary: c.primary }));
  const fieldList = fields.fields.map((f) => ({ handle: handleOf(f.walked), role: f.role, type: f.type, valueLength: f.el.value.length }));
  const anyDocument = walk.documents.map(({ doc }) => doc);
  return {
    title: clean(document.title).slice(0, 120),
    path: location.pathname,
    fields: fieldList,
    buttons,
    roles: {
      username: fieldHandle(fields.username),
      password: fieldHandle(fields.password),
      newPasswords: fields.newPasswords.map((f) => handleOf(f.walked)),
      oneTimeCode: fieldHandle(fields.oneTimeCode),
      submit: controlHandle(controls.submit),
      decline: controlHandle(controls.decline),
      methodPassword: controlHandle(controls.methodPassword),
      continue: controlHandle(controls.continue),
      forgotPassword: controlHandle(controls.forgotPassword),
    },
    error: errors.error,
    errorPending: errors.errorPending,
    busy: errors.busy,
    cues: readCues(walk, text, words, fields.oneTimeCode !== undefined),
    drawn: fieldList.length > 0 || buttons.length > 0,
    empty: document.readyState === 'complete' && text === '' && fieldList.length === 0 && buttons.length === 0,
    scriptless: document.scripts.length === 0,
    classic: anyDocument.some((doc) => doc.querySelector('input[type=hidden][name=_csrf]') !== null),
    invalidOverrides,
    fingerprint: fingerprintOf(walk, words),
  };
}

/** The roles, on the elements too, so page objects' locators can name them (`[data-login-harness-role="username"]`). */
function markRoles(walk: Walk, fields: Field[], submit: Control | undefined): void {
  for (const { el } of walk.elements) if (el.hasAttribute(ROLE_ATTRIBUTE)) el.removeAttribute(ROLE_ATTRIBUTE);
  for (const field of fields) if (field.role !== 'other') field.el.setAttribute(ROLE_ATTRIBUTE, field.role);
  if (submit) submit.target.el.setAttribute(ROLE_ATTRIBUTE, 'submit');
}
