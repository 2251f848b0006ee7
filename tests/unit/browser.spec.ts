/**
 * Browser discovery per platform, on a fake machine: which browser the harness picks on Linux,
 * macOS and Windows, and why, whatever the host running the test.
 */
import { test, expect } from '../../fixtures/index.js';
import { findChromium, type Machine } from '../../lib/journey/browser.js';
import { isHarnessError } from '../../lib/errors.js';

function machine(platform: NodeJS.Platform, files: string[], options: { playwright?: string; env?: Record<string, string> } = {}): Machine {
  const present = new Set(files);
  return {
    platform,
    exists: (path) => present.has(path),
    env: options.env ?? {},
    playwrightExecutable: () => options.playwright,
  };
}

const PLAYWRIGHT = '/home/u/.cache/ms-playwright/chromium-1200/chrome-linux/chrome';

test.describe('findChromium', () => {
  test('CHROMIUM_PATH wins on every platform, and a missing one is a configuration error', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const choice = findChromium({ chromiumPath: '/x/chrome' }, machine(platform, ['/x/chrome', PLAYWRIGHT], { playwright: PLAYWRIGHT }));
      expect(choice).toMatchObject({ source: 'CHROMIUM_PATH', executablePath: '/x/chrome' });
      expect(choice.why).toContain('CHROMIUM_PATH');
      let error: unknown;
      try {
        findChromium({ chromiumPath: '/missing' }, machine(platform, [PLAYWRIGHT], { playwright: PLAYWRIGHT }));
      } catch (caught) {
        error = caught;
      }
      expect(isHarnessError(error) && error.reason).toBe('config');
    }
  });

  test("Playwright's own Chromium comes before any system browser", () => {
    const choice = findChromium({}, machine('linux', [PLAYWRIGHT, '/usr/bin/chromium-headless-shell'], { playwright: PLAYWRIGHT }));
    expect(choice).toMatchObject({ source: 'playwright', executablePath: undefined });
  });

  test('linux: the headless shell for headless runs, full Chromium when headed', () => {
    const files = ['/usr/lib/chromium/chromium-headless-shell', '/usr/lib/chromium/chromium'];
    expect(findChromium({ headless: true }, machine('linux', files, { playwright: PLAYWRIGHT }))).toMatchObject({ source: 'system-headless-shell', executablePath: '/usr/lib/chromium/chromium-headless-shell' });
    expect(findChromium({ headless: false }, machine('linux', files))).toMatchObject({ source: 'system-chromium', executablePath: '/usr/lib/chromium/chromium' });
    expect(findChromium({}, machine('linux', ['/usr/bin/google-chrome']))).toMatchObject({ source: 'chrome' });
  });

  test('darwin: Chrome, then Edge, then Chromium from /Applications or ~/Applications', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const edge = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    const userChromium = '/Users/u/Applications/Chromium.app/Contents/MacOS/Chromium';
    const env = { HOME: '/Users/u' };
    expect(findChromium({}, machine('darwin', [chrome, edge], { env }))).toMatchObject({ source: 'chrome', executablePath: chrome });
    expect(findChromium({}, machine('darwin', [edge, userChromium], { env }))).toMatchObject({ source: 'msedge', executablePath: edge });
    expect(findChromium({}, machine('darwin', [userChromium], { env }))).toMatchObject({ source: 'system-chromium', executablePath: userChromium });
    // Linux locations mean nothing on a Mac.
    expect(() => findChromium({}, machine('darwin', ['/usr/bin/chromium'], { env }))).toThrow(/No Chromium found/);
  });

  test('win32: Chrome and Edge under Program Files, a per-user install under LOCALAPPDATA', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' };
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const userChrome = 'C:\\Users\\u\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect(findChromium({}, machine('win32', [edge, chrome], { env }))).toMatchObject({ source: 'chrome', executablePath: chrome });
    expect(findChromium({}, machine('win32', [edge], { env }))).toMatchObject({ source: 'msedge', executablePath: edge });
    const choice = findChromium({ headless: false }, machine('win32', [userChrome], { env }));
    expect(choice).toMatchObject({ source: 'chrome', executablePath: userChrome });
    expect(choice.why).toMatch(/Google Chrome at .*because Playwright's own Chromium is not installed/);
    expect(() => findChromium({}, machine('win32', [], { env }))).toThrow(/No Chromium found.*CHROMIUM_PATH/);
  });
});
