/**
 * The recogniser's table (table.ts): every page through the real recogniser in Chromium, served from
 * one local origin. A failing case names the page, and the difference between what the look reported
 * and what the page's marks and JSON expect.
 *
 * Reading a page takes milliseconds; a browser context per case took seconds. So each worker opens ONE
 * page and navigates it from case to case: every case is still a fresh document from a real origin
 * (its own CSP header, same-origin iframes, scripts that draw the page), and nothing of the last case
 * survives a navigation.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../../../fixtures/index.js';
import { byHandle, lookAt, type Look } from '../../../pages/recognise.js';
import { loadCases, type Case } from './table.js';
import { startTableServer, type TableServer } from './server.js';

const cases = loadCases();
const ROLES = ['username', 'password', 'oneTimeCode', 'submit', 'decline', 'methodPassword', 'continue', 'forgotPassword'] as const;

let server: TableServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  server = await startTableServer(cases);
  page = await (await browser.newContext()).newPage();
});

test.afterAll(async () => {
  await page.context().close();
  await server.close();
});

/** The roles the page's marks expect, from every frame (data-expect="submit continue"). */
async function markedRoles(page: Page): Promise<string[]> {
  const marks = await Promise.all(page.frames().map((frame) => frame.locator('[data-expect]').evaluateAll((els) => els.map((el) => el.getAttribute('data-expect') ?? ''))));
  return [...new Set(marks.flat().flatMap((mark) => mark.split(/\s+/)).filter((role) => role !== ''))].sort();
}

/** Each reported role, checked against the mark of the element its handle names. */
async function reportedRoles(page: Page, look: Look): Promise<string[]> {
  const reported: string[] = [];
  const check = async (role: string, handle: string): Promise<void> => {
    const element = byHandle(page, handle);
    const mark = (await element.getAttribute('data-expect', { timeout: 10_000 })) ?? '';
    reported.push(mark.split(/\s+/).includes(role) ? role : `${role} on an element marked "${mark}" (${await element.evaluate((el) => el.outerHTML.slice(0, 100))})`);
  };
  for (const role of ROLES) {
    const handle = look.roles[role];
    if (handle !== undefined) await check(role, handle);
  }
  for (const handle of look.roles.newPasswords) await check('newPassword', handle);
  return [...new Set(reported)].sort();
}

/** Opens the case's page; one that draws itself is given until its text shows. */
async function openCase(page: Page, c: Case): Promise<void> {
  await page.goto(`${server.url}/${c.name}.html`);
  if (c.expected.waitFor !== undefined) await page.getByText(c.expected.waitFor).first().waitFor({ state: 'visible' });
}

function summarise(c: Case, look: Look): Record<string, unknown> {
  const expected = c.expected;
  const actual: Record<string, unknown> = {};
  if (expected.busy !== undefined) actual.busy = look.busy;
  if (expected.errorPending !== undefined) actual.errorPending = look.errorPending;
  if (expected.error !== undefined) {
    actual.error =
      expected.error === null || look.error === undefined
        ? (look.error ?? null)
        : {
            ...(expected.error.kind !== undefined ? { kind: look.error.kind } : {}),
            ...(expected.error.source !== undefined ? { source: look.error.source } : {}),
            ...(expected.error.includes !== undefined ? { includes: look.error.text.includes(expected.error.includes) ? expected.error.includes : look.error.text } : {}),
          };
  }
  if (expected.cues !== undefined) {
    const cues: Record<string, unknown> = {};
    for (const key of Object.keys(expected.cues) as Array<keyof Look['cues']>) cues[key] = key === 'codeChannel' ? (look.cues.codeChannel ?? null) : look.cues[key];
    actual.cues = cues;
  }
  if (expected.drawn !== undefined) actual.drawn = look.drawn;
  if (expected.classic !== undefined) actual.classic = look.classic;
  if (expected.fieldRoles !== undefined) {
    const counts: Record<string, number> = {};
    for (const field of look.fields) counts[field.role] = (counts[field.role] ?? 0) + 1;
    actual.fieldRoles = counts;
  }
  if (expected.intents !== undefined) {
    const intents: Record<string, unknown> = {};
    for (const text of Object.keys(expected.intents)) intents[text] = look.buttons.find((b) => b.text === text)?.intents ?? 'no such control';
    actual.intents = intents;
  }
  if (expected.submit !== undefined) {
    const submit = look.buttons.find((b) => b.handle === look.roles.submit);
    actual.submit = { ...(expected.submit.kind !== undefined ? { kind: submit?.kind } : {}), ...(expected.submit.primary !== undefined ? { primary: submit?.primary } : {}) };
  }
  return actual;
}

test.describe('the recogniser reads pages written by others', { tag: '@local-only' }, () => {
  for (const c of cases) {
    test(`${c.name}: ${c.expected.about}`, async () => {
      await openCase(page, c);
      const look = await lookAt(page, c.expected.overrides ?? {});
      expect(await reportedRoles(page, look), 'roles reported (each on an element marked with it)').toEqual(await markedRoles(page));
      const { about: _about, csp: _csp, overrides: _overrides, waitFor: _waitFor, ...checked } = c.expected;
      expect(summarise(c, look)).toEqual(checked);
    });
  }
});
