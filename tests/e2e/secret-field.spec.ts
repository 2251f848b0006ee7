/**
 * Typing a secret (pages/secret-field.ts): the page fetches the value through the binding, sets it
 * the way React's managed login notices, and says when the field is gone; a page that hangs is cut
 * off by the action's slice of the deadline, never by a library default.
 */
import { fillSecret } from '../../pages/secret-field.js';
import { test, expect } from '../../fixtures/index.js';

const SECRET = 'Typed-Pa55word!';

const FORM = `<form><input type="password" id="pw" data-login-harness="3"></form>
<script>
  window.events = [];
  const field = document.getElementById('pw');
  for (const kind of ['input', 'change', 'focus']) field.addEventListener(kind, () => window.events.push(kind));
</script>`;

// @local-only: a page of its own, nothing of the stage; once is enough.
test.describe('fillSecret', { tag: '@local-only' }, () => {
  test('types the value into the field, with the events a script-rendered form listens for', async ({ page }) => {
    await page.setContent(FORM);
    expect(await fillSecret(page, '[data-login-harness="3"]', 'password', SECRET, { timeoutMs: 5_000 })).toBe(true);
    expect(await page.evaluate(() => (document.getElementById('pw') as HTMLInputElement).value.length)).toBe(SECRET.length);
    expect(await page.evaluate(() => (window as unknown as { events: string[] }).events)).toEqual(['focus', 'input', 'change']);
  });

  test('a field gone by then (a re-render) is reported, not waited for; the value is not left pending', async ({ page }) => {
    await page.setContent(FORM);
    expect(await fillSecret(page, '[data-login-harness="9"]', 'password', SECRET, { timeoutMs: 5_000 })).toBe(false);
    // The binding hands out only what is pending: a lookup of the same name now gets nothing.
    expect(await page.evaluate(() => (window as unknown as Record<string, (name: string) => Promise<string | null>>).__loginHarnessSecret?.('password'))).toBeNull();
  });

  test('a page that hangs while typing is cut off by the slice of the deadline it was given', async ({ page }) => {
    await page.setContent(FORM.replace('<script>', '<script>document.getElementById("pw").addEventListener("focus", () => { for (;;) {} });'));
    const started = performance.now();
    await expect(fillSecret(page, '[data-login-harness="3"]', 'password', SECRET, { timeoutMs: 1_000 })).rejects.toThrow(/typing the password took longer than 1000 ms/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
