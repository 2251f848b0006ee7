/**
 * The head start (lib/journey/head-start.ts): get-code starts Chromium before its configuration is read, and
 * takes that browser over only when the checked configuration asks for the same launch. A guess that
 * is wrong or failed costs a second launch, never a wrong browser; a configuration mistake still
 * exits 2 with nothing about Chromium said and no browser left running.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { chromiumLaunchOptions, launchChromium } from '../../lib/journey/browser.js';
import { startChromiumEarly, takeOverOrLaunch, type HeadStart } from '../../lib/journey/head-start.js';
import { test, expect } from '../../fixtures/index.js';
import { EMPTY_ENV_FILE, cleanEnv, run, runScript } from './run-cli.js';

test.describe('head start', () => {
  const opened: Browser[] = [];

  test.afterEach(async () => {
    await Promise.all(opened.splice(0).map((browser) => browser.close().catch(() => undefined)));
  });

  test('no browser for --help or --version, and none when the guess cannot be made', () => {
    expect(startChromiumEarly(['--help'], { env: {} })).toBeUndefined();
    expect(startChromiumEarly(['-h'], { env: {} })).toBeUndefined();
    expect(startChromiumEarly(['--version'], { env: {} })).toBeUndefined();
    // Reported later, by the real launch after the configuration check; the head start stays silent.
    expect(startChromiumEarly(['--env-file', EMPTY_ENV_FILE], { env: { CHROMIUM_PATH: join(tmpdir(), 'no-such-chromium') } })).toBeUndefined();
    expect(startChromiumEarly(['--env-file', join(tmpdir(), 'no-such-dir', 'harness.env')], { env: {} })).toBeUndefined();
  });

  test('a command line get-code refuses starts no browser: the head start reads it with the command\'s own parser', () => {
    // Each of these exits 2 before any login; a browser started for it would be thrown away.
    for (const argv of [['--timeout', 'soon'], ['--timeout', '500'], ['--no-such-flag'], ['--count']]) {
      expect(startChromiumEarly(['--env-file', EMPTY_ENV_FILE, ...argv], { env: {} }), argv.join(' ')).toBeUndefined();
    }
  });

  test('the same launch is taken over: one browser, with the first code\'s context and page open', async () => {
    const headStart = startChromiumEarly(['--env-file', EMPTY_ENV_FILE, '--quiet'], { env: {} });
    expect(headStart, 'a head start for a plain get-code command line').toBeDefined();
    const early = await (headStart as HeadStart).browser;
    opened.push(early);
    expect(early.contexts()).toHaveLength(1);
    expect(early.contexts()[0]?.pages()).toHaveLength(1);

    const browser = await takeOverOrLaunch(headStart, { headless: true, timeoutMs: 30_000 });
    expect(browser).toBe(early);
    expect(browser.isConnected()).toBe(true);
  });

  test('the launch gets what is left of the run\'s budget, counted from the run\'s start', async () => {
    // A run that started 5 s ago with --timeout 2000 has nothing left: the launch gives up at once.
    const late = startChromiumEarly(['--env-file', EMPTY_ENV_FILE, '--timeout', '2000'], { env: {}, runStartedAt: Date.now() - 5_000 });
    await expect((late as HeadStart).browser).rejects.toThrow('Chromium did not start within what was left of the budget (1 ms)');
    // The same command line at its start has the whole budget.
    const onTime = startChromiumEarly(['--env-file', EMPTY_ENV_FILE, '--timeout', '20000'], { env: {} });
    opened.push(await (onTime as HeadStart).browser);
  });

  test('a different launch closes the head start and launches what the configuration asks for', async () => {
    const early = await launchChromium({ headless: true, timeoutMs: 30_000 });
    opened.push(early);
    // As if the guess had read another CHROMIUM_PATH than the checked configuration.
    const wrongGuess: HeadStart = { launch: { executablePath: join(tmpdir(), 'another-chromium'), headless: true }, browser: Promise.resolve(early) };

    const browser = await takeOverOrLaunch(wrongGuess, { headless: true, timeoutMs: 30_000 });
    opened.push(browser);
    expect(browser).not.toBe(early);
    expect(browser.isConnected()).toBe(true);
    await expect.poll(() => early.isConnected(), { message: 'the head start is closed', timeout: 10_000 }).toBe(false);
  });

  test('a failed head start is replaced by a launch of its own', async () => {
    const failed: HeadStart = { launch: { headless: true }, browser: Promise.reject(new Error('the guessed launch failed')) };
    failed.browser.catch(() => undefined);
    // The same launch as the failed one, so only the fallback can explain a working browser.
    const { executablePath } = chromiumLaunchOptions({ headless: true });
    const sameLaunch: HeadStart = { ...failed, launch: { executablePath, headless: true } };

    const browser = await takeOverOrLaunch(sameLaunch, { headless: true, timeoutMs: 30_000 });
    opened.push(browser);
    expect(browser.isConnected()).toBe(true);
  });
});

test.describe('get-code with a head start', () => {
  test('launches exactly one browser for a code', { tag: '@local-only' }, async () => {
    // DEBUG=pw:browser makes Playwright log each launch; the password is never in those lines.
    const result = await runScript('get-code', ['--quiet'], { DEBUG: 'pw:browser' }, 60_000);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.stderr.match(/<launching>/g) ?? []).toHaveLength(1);
  });

  // @linux-only: `ps` lists the browser's command line (its profile under our TMPDIR).
  test('a configuration mistake found after the head start exits 2 and leaves no browser running', { tag: ['@local-only', '@linux-only'] }, async () => {
    const temp = mkdtempSync(join(tmpdir(), 'harness-head-start-'));
    try {
      const result = await run(process.execPath, ['--', 'scripts/run.mjs', 'get-code', '--env-file', EMPTY_ENV_FILE, '--quiet'], cleanEnv({ TMPDIR: temp, CODE_TTL_SECONDS: '0x10', DEBUG: 'pw:browser' }), 60_000);
      expect(result.exitCode, result.stderr).toBe(2);
      // The browser had been started (Playwright's own log says so) before the mistake was found.
      expect(result.stderr).toContain('<launching>');
      const harnessLines = result.stderr.split('\n').filter((line) => !line.includes('pw:browser'));
      expect(harnessLines.join('\n')).toMatch(/CODE_TTL_SECONDS: must be a plain whole number/);
      expect(harnessLines.join('\n')).not.toMatch(/Chromium|page/);
      const running = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((line) => line.includes(temp) && !line.includes('ps -eo'));
      await expect.poll(running, { message: 'no browser left running', timeout: 5_000 }).toEqual([]);
      await expect.poll(() => readdirSync(temp), { message: 'no browser profile left behind', timeout: 5_000 }).toEqual([]);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});
