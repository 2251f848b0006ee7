/**
 * One Playwright codebase for local runs, CI and the development stage. Without OAUTH_BASE_URL the
 * embedded RayTeams-compatible server is started as the webServer on a free port, and its URL is
 * handed to the workers through RAYTEAMS_EMBEDDED_URL.
 */
import { createServer } from 'node:net';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './lib/journey/browser.js';
import { EMBEDDED_URL_VARIABLE, describeTarget, loadConfig } from './lib/config/config.js';

const config = loadConfig();
const isCI = Boolean(process.env.CI);
const listOnly = process.argv.includes('--list');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// The main process picks the port once; workers inherit the variable and so agree on the URL.
let embeddedPort: number | undefined;
if (config.target.kind === 'embedded' && config.target.baseUrl === undefined) {
  embeddedPort = await freePort();
  process.env[EMBEDDED_URL_VARIABLE] = `http://127.0.0.1:${embeddedPort}`;
}

// The stage-safe e2e tests also run against a second local server used as a REMOTE stage, drawn
// unlike the default (managed login in Korean, steps on their own paths, another unknown-client
// error): a test leaning on one screen's wording or paths fails there. All shapes and languages:
// npm run test:stage-matrix.
const STAGE_URL_VARIABLE = 'RAYTEAMS_STAGE_PROJECT_URL';
let stagePort: number | undefined;
if (config.target.kind === 'embedded' && process.env[STAGE_URL_VARIABLE] === undefined) {
  stagePort = await freePort();
  process.env[STAGE_URL_VARIABLE] = `http://127.0.0.1:${stagePort}`;
}
const stageUrl = config.target.kind === 'embedded' ? process.env[STAGE_URL_VARIABLE] : undefined;

// stageUnderTest: the fixtures' option (fixtures/index.ts) that points a project at a remote stage.
export default defineConfig<object, { stageUnderTest: string | undefined }>({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: isCI,
  // Tests that read Linux's /proc (@linux-only) or need a POSIX shell (@posix) run only there.
  ...(process.platform === 'win32' ? { grepInvert: /@linux-only|@posix/ } : process.platform !== 'linux' ? { grepInvert: /@linux-only/ } : {}),
  // Two workers suit the 2-core machines this runs on; each e2e test owns a browser context.
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [
    ['list'],
    // `--list` runs nothing, so it writes no results: no Allure (it would record every test as
    // skipped), no HTML report.
    ...(listOnly
      ? []
      : ([
          // Each run starts from empty allure-results/, so the report shows this run only.
          ['./lib/reporters/fresh-results-reporter.ts', { resultsDir: 'allure-results' }],
          [
            'allure-playwright',
            {
              resultsDir: 'allure-results',
              // Only the journey's own steps ("Open login screen", "Sign in", "Capture callback",
              // "Exchange code") and attachments: Playwright's API calls would bury them.
              detail: false,
              suiteTitle: true,
              environmentInfo: {
                target: describeTarget(config),
                client_id: config.client.id,
                login_ui: config.target.kind === 'embedded' ? config.mock.loginUi : 'as served by the stage',
                node: process.version,
              },
            },
          ],
          // Locally too (`npx playwright show-report`), never opened by itself.
          ['html', { open: 'never', outputFolder: 'playwright-report' }],
        ] as const)),
    ...(isCI && !listOnly ? ([['junit', { outputFile: 'reports/junit.xml' }]] as const) : []),
    // LAST: onEnd runs in list order, so the html and junit files exist when this scrubs secrets
    // out of them, the traces and the Allure results (lib/redaction/redact.ts).
    ['./lib/reporters/redact-reporter.ts'],
  ],
  // A failure in CI is run once more with a trace: recording every test's trace costs about a tenth
  // of the suite's time, and a test that passes on retry is still reported as flaky.
  retries: isCI ? 1 : 0,
  use: {
    // No screencast: a film strip is pictures, which redaction cannot read (a field that shows what was typed).
    trace: { mode: 'on-first-retry', screenshots: false },
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    // As in the harness's own contexts (lib/journey/browser.ts): a service worker's fetches escape the callback capture.
    serviceWorkers: 'block',
    launchOptions: chromiumLaunchOptions({ chromiumPath: config.chromiumPath, headless: true }),
  },
  projects: [
    { name: 'unit', testDir: './tests/unit' },
    { name: 'mock-server', testDir: './tests/mock-server' },
    { name: 'e2e', testDir: './tests/e2e' },
    { name: 'cli', testDir: './tests/cli' },
    ...(stageUrl !== undefined
      ? [{ name: 'e2e-stage-managed-ko', testDir: './tests/e2e', testIgnore: /no-secrets/, grepInvert: /@local-only/, use: { stageUnderTest: stageUrl } }]
      : []),
  ],
  ...(embeddedPort !== undefined
    ? {
        webServer: [
          {
            command: `node bin/rayteams-login.mjs mock-server --port ${embeddedPort} --quiet`,
            url: `http://127.0.0.1:${embeddedPort}/health`,
            reuseExistingServer: false,
            timeout: 30_000,
            stdout: 'ignore',
            stderr: 'pipe',
          },
          ...(stagePort !== undefined
            ? [
                {
                  command: `node bin/rayteams-login.mjs mock-server --port ${stagePort} --quiet`,
                  env: { MOCK_LOGIN_UI: 'managed-two-page', MOCK_LOGIN_LANG: 'ko', MOCK_UNKNOWN_CLIENT_ERROR: 'invalid_request' },
                  url: `http://127.0.0.1:${stagePort}/health`,
                  reuseExistingServer: false,
                  timeout: 30_000,
                  stdout: 'ignore' as const,
                  stderr: 'pipe' as const,
                },
              ]
            : []),
        ],
      }
    : {}),
});
