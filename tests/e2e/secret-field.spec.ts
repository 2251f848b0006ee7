/**
 * Typing a secret (pages/secret-field.ts): Playwright focuses the field, the DevTools protocol inserts
 * the text. React-style listeners see `input`; no key event carries a character; no function, global
 * or event of any other frame hands the value out; a field gone or not focused is reported; a page
 * that hangs is cut off by the action's slice of the deadline, never by a library default.
 */
import type { Page } from '@playwright/test';
import { fillSecret } from '../../pages/secret-field.js';
import { test, expect } from '../../fixtures/index.js';
import { startForeignService, type ForeignService } from './foreign-screens/server.js';
import { credentialsWithSpy, startSpy, type Spy } from './spy-frame.js';
import { UUID } from './helpers.js';

const SECRET = 'Typed-Pa55word!';

const FORM = `<form><input type="text" id="other"><input type="password" id="pw" data-login-harness="3"></form>
<script>
  window.events = [];
  window.keys = '';
  const field = document.getElementById('pw');
  for (const kind of ['input', 'change', 'focus']) field.addEventListener(kind, () => window.events.push(kind));
  for (const kind of ['keydown', 'keypress', 'keyup']) document.addEventListener(kind, (e) => { window.keys += e.key; }, true);
</script>`;

const field = (page: Page, handle = '3') => page.locator(`[data-login-harness="${handle}"]`);

// @local-only: pages of its own, nothing of the stage.
test.describe('fillSecret', { tag: '@local-only' }, () => {
  test('types the value into the field, with the input events a script-rendered form listens for and no key events', async ({ page }) => {
    await page.setContent(FORM);
    expect(await fillSecret(page, field(page), 'password', SECRET, { timeoutMs: 5_000 })).toBe(true);
    expect(await page.evaluate(() => (document.getElementById('pw') as HTMLInputElement).value)).toBe(SECRET);
    expect(await page.evaluate(() => (window as unknown as { events: string[] }).events)).toContain('input');
    // insertText is an IME-style commit: a key logger on the page sees no characters.
    expect(await page.evaluate(() => (window as unknown as { keys: string }).keys)).toBe('');
  });

  test('replaces what the field held', async ({ page }) => {
    await page.setContent(FORM);
    await page.locator('#pw').fill('old-value');
    expect(await fillSecret(page, field(page), 'password', SECRET, { timeoutMs: 5_000 })).toBe(true);
    await expect(page.locator('#pw')).toHaveValue(SECRET);
  });

  test('no binding or global of the harness is left in the page', async ({ page }) => {
    await page.setContent(FORM);
    await fillSecret(page, field(page), 'password', SECRET, { timeoutMs: 5_000 });
    const globals = await page.evaluate(() => Object.keys(window).filter((key) => /secret|harness|binding/i.test(key)));
    expect(globals).toEqual([]);
  });

  test('a field gone by then (a re-render) is reported, not waited for', async ({ page }) => {
    await page.setContent(FORM);
    const started = performance.now();
    expect(await fillSecret(page, field(page, '9'), 'password', SECRET, { timeoutMs: 5_000 })).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test('focus stolen by another field before the text goes in: nothing is typed anywhere', async ({ page }) => {
    await page.setContent(FORM.replace('<script>', '<script>document.getElementById("pw").addEventListener("focus", () => setTimeout(() => {}, 0) && document.getElementById("other").focus());'));
    expect(await fillSecret(page, field(page), 'password', SECRET, { timeoutMs: 5_000 })).toBe(false);
    await expect(page.locator('#other')).toHaveValue('');
    await expect(page.locator('#pw')).toHaveValue('');
  });

  test('a page that hangs while typing is cut off by the slice of the deadline it was given', async ({ page }) => {
    await page.setContent(FORM.replace('<script>', '<script>document.getElementById("pw").addEventListener("focus", () => { for (;;) {} });'));
    const started = performance.now();
    await expect(fillSecret(page, field(page), 'password', SECRET, { timeoutMs: 1_000 })).rejects.toThrow(/typing the password took longer than 1000 ms|Timeout 1\d\d\dms exceeded|timeout/i);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

test.describe('a cross-origin frame on the login page', { tag: '@local-only' }, () => {
  let spy: Spy;
  let service: ForeignService;

  test.afterEach(async () => {
    await service?.close();
    await spy?.close();
  });

  test('gets nothing of the password while the journey signs in; the page key logger sees no characters', async ({ config, signInForCode }) => {
    spy = await startSpy();
    service = await startForeignService([credentialsWithSpy(config.user, spy)]);
    const result = await signInForCode({ config: { ...config, target: { kind: 'embedded', baseUrl: service.url }, selectors: { username: undefined, password: undefined, submit: undefined } } });
    expect(result.code).toMatch(UUID);
    const reports = spy.reports();
    // The spy ran all along (it would have reported the password had it been reachable) …
    expect(reports).toContain('heartbeat');
    // … could not reach the top document …
    expect(reports).not.toContain('top document reachable');
    // … and never saw the password, whole or in characters.
    expect(reports.filter((report) => report.includes(config.user.password))).toEqual([]);
    expect(reports.filter((report) => report.startsWith('main key'))).toEqual([]);
    expect(reports.filter((report) => report.startsWith('__') || report.startsWith('global'))).toEqual([]);
  });
});
