/**
 * Bench reference (b): the least a playwright-core script does to get a code. Launch the browser,
 * open the authorize URL, fill the two fields, click, read the code off the callback request.
 * No configuration, no checks, no blocking of resources: the yardstick for get-code's overhead.
 *
 * CHROMIUM_PATH: the browser get-code would pick (the bench passes it); unset, Playwright's own.
 */
import { createRequire } from 'node:module';
import type * as Playwright from 'playwright-core';
import { authorizeUrl, referenceSetting } from './reference-request.js';

// The CommonJS entry: under Node 20 `import { chromium } from 'playwright-core'` (its ESM wrapper) costs
// about 0.2 s more CPU at start-up, which would flatter get-code; the yardstick must be the cheap way.
const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof Playwright;

const setting = referenceSetting();
const browser = await chromium.launch({
  ...(process.env.CHROMIUM_PATH ? { executablePath: process.env.CHROMIUM_PATH } : {}),
  // The same flags get-code passes (lib/journey/browser.ts): root needs --no-sandbox, a closed network the rest.
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  // The callback is a redirect hop after POST /login; the request event sees it, page.route would not.
  const callback = new Promise<URL>((resolve) => {
    page.on('request', (request) => {
      if (request.url().startsWith(setting.redirectUri)) resolve(new URL(request.url()));
    });
  });
  await page.goto(authorizeUrl(setting), { waitUntil: 'commit' });
  // The classic screen renders the form twice (mobile and desktop copies); only one is visible.
  await page.locator('input[name=username]:visible').fill(setting.username);
  await page.locator('input[name=password]:visible').fill(setting.password);
  await page.locator('input[name=signInSubmitButton]:visible').click();
  process.stdout.write(`${(await callback).searchParams.get('code') ?? ''}\n`);
} finally {
  await browser.close();
}
