/**
 * The canary run behind tests/e2e/no-secrets.spec.ts: one login with trace and screenshots on,
 * every reporter CI uses, and the redaction reporter last, all writing under CANARY_ARTIFACTS_DIR.
 * Not part of the suite (the main configuration has no project here): no-secrets.spec.ts starts it
 * as a child run with a canary TEST_PASSWORD and OAUTH_CLIENT_SECRET and no .env.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// eslint-disable-next-line no-restricted-imports -- a configuration, not a test: it needs defineConfig
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../lib/journey/browser.js';
import { loadConfig } from '../../lib/config/config.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(process.env.CANARY_ARTIFACTS_DIR ?? 'canary-artifacts');
const config = loadConfig();

export default defineConfig({
  testDir: here,
  testMatch: '*.canary.ts',
  outputDir: join(root, 'test-results'),
  workers: 1,
  timeout: 30_000,
  reporter: [
    ['allure-playwright', { resultsDir: join(root, 'allure-results'), detail: true }],
    ['junit', { outputFile: join(root, 'reports', 'junit.xml') }],
    ['html', { open: 'never', outputFolder: join(root, 'playwright-report') }],
    ['../../lib/reporters/redact-reporter.ts'],
  ],
  use: {
    trace: 'on',
    screenshot: 'on',
    launchOptions: chromiumLaunchOptions({ chromiumPath: config.chromiumPath, headless: true }),
  },
});
