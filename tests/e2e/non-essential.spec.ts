/**
 * What the journey blocks to save time: images, fonts, media and third-party analytics, never what
 * the screen needs (its scripts and documents). Drives a page directly through the callback capture
 * the flow installs, with a counting HTTP server standing in for the login service's assets.
 */
import { test, expect } from '../../fixtures/index.js';
import { captureCallback } from '../../lib/journey/callback-capture.js';

// The analytics script is only ever requested with blocking on: the harness answers it inside the
// browser, so no look-up of an outside host is made.
const PAGE = (assets: string, options: { analytics: boolean }) => `<!doctype html>
<img src="${assets}/logo.png">
<script src="${assets}/app.js"></script>
${options.analytics ? '<script src="http://www.google-analytics.com/analytics.js"></script>' : ''}`;

test.describe('non-essential requests', { tag: '@local-only' }, () => {
  test('images and analytics are blocked, the screen\'s own scripts are not', async ({ page, callbackApp, config }) => {
    const assets = new URL(callbackApp.redirectUri).origin;
    const failed = new Map<string, string>();
    page.on('requestfailed', (request) => failed.set(new URL(request.url()).pathname, request.failure()?.errorText ?? ''));
    await captureCallback(page, config.client.redirectUri);

    await page.setContent(PAGE(assets, { analytics: true }), { waitUntil: 'load' });

    expect(failed.get('/logo.png')).toMatch(/^net::ERR_BLOCKED_BY_CLIENT/);
    // Blocked by the harness, not merely unreachable on a closed network.
    expect(failed.get('/analytics.js')).toMatch(/^net::ERR_BLOCKED_BY_CLIENT/);
    expect(failed.has('/app.js')).toBe(false);
    expect(callbackApp.hits()).toBe(1);
  });

  test('without blocking the same page fetches its image', async ({ page, callbackApp, config }) => {
    await captureCallback(page, config.client.redirectUri, { blockNonEssential: false });

    await page.setContent(PAGE(new URL(callbackApp.redirectUri).origin, { analytics: false }), { waitUntil: 'load' });

    expect(callbackApp.hits()).toBe(2);
  });
});
