/**
 * npm run setup's decisions on Linux, macOS and Windows, on a fake machine with fake installers:
 * which browser it settles on, what it downloads or installs to get there, and what it says.
 * Also: no npm script needs a POSIX shell (Windows has none).
 */
import { readFileSync } from 'node:fs';
import { test, expect } from '../../fixtures/index.js';
import { setUpBrowser, setUpMonitoringTools, type SetupActions, type SetupMachine } from '../../scripts/setup-browser.js';

const PLAYWRIGHT = '/cache/ms-playwright/chromium/chrome';
const WIN_CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const MAC_EDGE = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';

interface Fake {
  machine: SetupMachine;
  actions: SetupActions;
  calls: string[];
  said: string[];
}

function fake(platform: NodeJS.Platform, files: string[], options: { root?: boolean; commands?: string[]; download?: boolean; aptGives?: string[] } = {}): Fake {
  const present = new Set(files);
  const calls: string[] = [];
  const said: string[] = [];
  const commands = new Set(options.commands ?? []);
  const machine: SetupMachine = {
    platform,
    exists: (path) => present.has(path),
    env: { PROGRAMFILES: 'C:\\Program Files', HOME: '/Users/u' },
    playwrightExecutable: () => PLAYWRIGHT,
    isRoot: options.root ?? false,
    hasCommand: (name) => commands.has(name),
  };
  const actions: SetupActions = {
    installPlaywrightChromium() {
      calls.push('playwright install chromium');
      if (options.download) present.add(PLAYWRIGHT);
      return options.download ?? false;
    },
    aptInstall(packages) {
      calls.push(`apt-get install ${packages.join(' ')}`);
      for (const file of options.aptGives ?? []) present.add(file);
      for (const name of packages) commands.add(name === 'prometheus' ? 'promtool' : name);
      return true;
    },
    say: (line) => said.push(line),
  };
  return { machine, actions, calls, said };
}

test.describe('npm run setup: the browser', () => {
  test("Playwright's own Chromium, once installed, is used everywhere without downloading again", () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const f = fake(platform, [PLAYWRIGHT]);
      expect(setUpBrowser(undefined, f.machine, f.actions)?.source).toBe('playwright');
      expect(f.calls).toEqual([]);
      expect(f.said.join('\n')).toMatch(/browser: Playwright's own Chromium, because it is installed/);
    }
  });

  test('linux: a system Chromium is used as it is (offline, no download)', () => {
    const f = fake('linux', ['/usr/bin/chromium-headless-shell'], { root: true, commands: ['apt-get'] });
    expect(setUpBrowser(undefined, f.machine, f.actions)).toMatchObject({ source: 'system-headless-shell' });
    expect(f.calls).toEqual([]);
    expect(f.said.join('\n')).toMatch(/browser: the system's Chromium headless shell at \/usr\/bin\/chromium-headless-shell, because/);
  });

  test("linux as root with apt and only the full system Chromium: Debian's headless shell is added and used; without root, Chromium as it is", () => {
    const f = fake('linux', ['/usr/lib/chromium/chromium'], { root: true, commands: ['apt-get'], aptGives: ['/usr/lib/chromium/chromium-headless-shell'] });
    expect(setUpBrowser(undefined, f.machine, f.actions)).toMatchObject({ source: 'system-headless-shell', executablePath: '/usr/lib/chromium/chromium-headless-shell' });
    expect(f.calls).toEqual(['apt-get install chromium-headless-shell']);
    expect(f.said.join('\n')).toMatch(/browser: the system's Chromium headless shell at .*\(installed with apt\)/);

    const user = fake('linux', ['/usr/lib/chromium/chromium'], { root: false, commands: ['apt-get'] });
    expect(setUpBrowser(undefined, user.machine, user.actions)).toMatchObject({ source: 'system-chromium' });
    expect(user.calls).toEqual([]);
  });

  test('linux as root with apt and no browser: download first, then Debian packages', () => {
    const f = fake('linux', [], { root: true, commands: ['apt-get'], download: false, aptGives: ['/usr/lib/chromium/chromium-headless-shell'] });
    expect(setUpBrowser(undefined, f.machine, f.actions)).toMatchObject({ source: 'system-headless-shell' });
    expect(f.calls).toEqual(['playwright install chromium', 'apt-get install chromium-headless-shell chromium']);
    expect(f.said.join('\n')).toMatch(/installed with apt/);
  });

  test('linux without root: no apt, a clear failure with advice', () => {
    const f = fake('linux', [], { root: false, commands: ['apt-get'] });
    expect(setUpBrowser(undefined, f.machine, f.actions)).toBeUndefined();
    expect(f.calls).toEqual(['playwright install chromium']);
    expect(f.said.join('\n')).toMatch(/could not install a browser[\s\S]*apt-get install chromium chromium-headless-shell[\s\S]*playwright install --with-deps chromium/);
  });

  test("win32 and darwin: Playwright's download first, the installed Chrome or Edge when it fails", () => {
    const windows = fake('win32', [WIN_CHROME], { download: false });
    expect(setUpBrowser(undefined, windows.machine, windows.actions)).toMatchObject({ source: 'chrome', executablePath: WIN_CHROME });
    expect(windows.calls).toEqual(['playwright install chromium']);
    expect(windows.said.join('\n')).toMatch(/browser: Google Chrome at .*download failed/);

    const mac = fake('darwin', [MAC_EDGE], { download: true });
    expect(setUpBrowser(undefined, mac.machine, mac.actions)?.source).toBe('playwright');
    expect(mac.calls).toEqual(['playwright install chromium']);

    const bare = fake('darwin', [], { root: true, commands: ['apt-get'] });
    expect(setUpBrowser(undefined, bare.machine, bare.actions)).toBeUndefined();
    expect(bare.calls).toEqual(['playwright install chromium']);
  });

  test('CHROMIUM_PATH is used as given, and a missing one is reported, not silently replaced', () => {
    const f = fake('win32', ['D:\\chrome.exe', WIN_CHROME]);
    expect(setUpBrowser('D:\\chrome.exe', f.machine, f.actions)).toMatchObject({ source: 'CHROMIUM_PATH' });
    const missing = fake('linux', ['/usr/bin/chromium']);
    expect(setUpBrowser('/nope', missing.machine, missing.actions)).toBeUndefined();
    expect(missing.said.join('\n')).toMatch(/CHROMIUM_PATH points to \/nope/);
  });
});

test.describe('npm run setup: monitoring tools', () => {
  test('apt installs prometheus and prometheus-pushgateway as root on Linux, only what is missing', () => {
    const f = fake('linux', [], { root: true, commands: ['apt-get', 'promtool'] });
    setUpMonitoringTools(f.machine, f.actions);
    expect(f.calls).toEqual(['apt-get install prometheus-pushgateway']);
    const complete = fake('linux', [], { root: true, commands: ['apt-get', 'promtool', 'prometheus-pushgateway'] });
    setUpMonitoringTools(complete.machine, complete.actions);
    expect(complete.calls).toEqual([]);
  });

  test('skipped quietly without root, without apt, on macOS and Windows', () => {
    for (const f of [fake('linux', [], { root: false, commands: ['apt-get'] }), fake('linux', [], { root: true }), fake('darwin', [], { root: true, commands: ['apt-get'] }), fake('win32', [])]) {
      setUpMonitoringTools(f.machine, f.actions);
      expect(f.calls).toEqual([]);
      expect(f.said).toEqual([]);
    }
  });
});

test('no npm script needs a POSIX shell: no bash, sh, exec or POSIX-only command', () => {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const posixOnly = /(^|[\s;&|(])(bash|sh|exec|env|export|rm|cp|mv|mkdir|cat|chmod|sleep|kill|which|grep|sed)(\s|$)|\$\(|`|\$[A-Z_]|\|\||[<>]|\b\.\/|&$|(^|\s)\/(usr|bin|tmp)\//;
  for (const [name, command] of Object.entries(scripts)) {
    expect(command, `npm script "${name}"`).not.toMatch(posixOnly);
  }
  expect(scripts.setup).toBe('node scripts/setup.mjs');
});
