/**
 * One Playwright codebase for local runs, CI and the development stage. Without OAUTH_BASE_URL the
 * embedded RayTeams-compatible server is started as the webServer on a free port, and its URL is
 * handed to the workers through RAYTEAMS_EMBEDDED_URL.
 */
import { createServer } from 'node:net';
import { defineConfig, type Project } from '@playwright/test';
import { chromiumLaunchOptions } from './lib/journey/browser.js';
import { EMBEDDED_URL_VARIABLE, describeTarget, loadConfig } from './lib/config/config.js';
import { registerEmbeddedServer } from './lib/config/embedded.js';
import { EMBEDDED_SERVER } from './mock-server/embedded-module.js';
import { mockSettingsFrom } from './mock-server/settings.js';
import { ensureRecogniserBundle } from './scripts/recogniser-bundle.mjs';

// Tests import pages/recognise.ts from the sources: its in-page bundle must be as new as they are.
await ensureRecogniserBundle();

// The MOCK_* settings are the embedded server's: its module reads and checks them.
registerEmbeddedServer(EMBEDDED_SERVER);

const config = loadConfig();
const isCI = Boolean(process.env.CI);
// Set by the workflows (CI): annotations on the pull request's diff and a summary of failures.
const githubReporter = process.env.HARNESS_GITHUB_REPORTER === '1';
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

/**
 * Two tiers of one suite. `npm test` runs the loop: typecheck, lint, the unit and protocol tests
 * and the journey's core on the embedded server (recogniser, safety rules, callback capture,
 * tokens, protocol errors, the secret field), in well under two minutes on 2 cores. `npm run test:rest` runs the rest:
 * the sweeps over every login shape and language, foreign screens and challenges, faults and
 * evidence, the secret scan of a traced run, the whole-process CLI tests and the mock as a remote
 * stage. CI runs both (.ci/run); `npm run test:all` and a bare `npx playwright test` run everything.
 * scripts/test.mjs sets the variable; a test belongs to exactly one tier.
 */
const TIER_VARIABLE = 'HARNESS_TEST_TIER';
const TIERS = ['loop', 'rest', 'all'] as const;
type Tier = (typeof TIERS)[number];
const tierAsked = process.env[TIER_VARIABLE] ?? 'all';
if (!(TIERS as readonly string[]).includes(tierAsked)) throw new Error(`${TIER_VARIABLE} must be one of ${TIERS.join(', ')}; got "${tierAsked}"`);
const tier = tierAsked as Tier;

/** A project of this suite: `stageUnderTest` is the fixtures' option (fixtures/index.ts). */
type HarnessProject = Project<object, { stageUnderTest: string | undefined }>;

/** Which of a project's files the loop runs: all, none, only some, or all but some. */
type LoopShare = 'all' | 'none' | { only: RegExp } | { except: RegExp };

/** The project as this run's tier has it, or nothing when none of its files are in the tier. */
function inTier(project: HarnessProject, share: LoopShare): HarnessProject[] {
  if (tier === 'all') return [project];
  const inLoop = tier === 'loop';
  if (share === 'all' || share === 'none') return (share === 'all') === inLoop ? [project] : [];
  const ignored = project.testIgnore === undefined ? [] : [project.testIgnore].flat();
  if ('only' in share) return [inLoop ? { ...project, testMatch: share.only } : { ...project, testIgnore: [...ignored, share.only] }];
  return [inLoop ? { ...project, testIgnore: [...ignored, share.except] } : { ...project, testMatch: share.except }];
}

/** Projects that never sign in at the shared servers (npm run test:fast runs just these). */
const WITHOUT_SERVERS = new Set(['unit', 'mock-server']);

/** The projects named on the command line (`--project x`, `--project=x`); none named means all. */
function projectsAsked(argv: readonly string[]): string[] {
  return argv.flatMap((arg, index) => (arg === '--project' ? [argv[index + 1] ?? ''] : arg.startsWith('--project=') ? [arg.slice('--project='.length)] : []));
}

// Decided once in the main process, where the command line is; the workers inherit the answer.
const SERVERS_VARIABLE = 'RAYTEAMS_TEST_SERVERS';
const asked = projectsAsked(process.argv);
process.env[SERVERS_VARIABLE] ??= asked.length > 0 && asked.every((name) => WITHOUT_SERVERS.has(name)) ? 'off' : 'on';
const withServers = process.env[SERVERS_VARIABLE] === 'on';

// The main process picks the port once; workers inherit the variable and so agree on the URL.
let embeddedPort: number | undefined;
if (withServers && config.target.kind === 'embedded' && config.target.baseUrl === undefined) {
  embeddedPort = await freePort();
  process.env[EMBEDDED_URL_VARIABLE] = `http://127.0.0.1:${embeddedPort}`;
}

// The stage-safe e2e tests also run against a second local server used as a REMOTE stage, drawn
// unlike the default (managed login in Korean, steps on their own paths, another unknown-client
// error): a test leaning on one screen's wording or paths fails there. All shapes and languages:
// npm run test:stage-matrix.
const STAGE_URL_VARIABLE = 'RAYTEAMS_STAGE_PROJECT_URL';
let stagePort: number | undefined;
if (withServers && tier !== 'loop' && config.target.kind === 'embedded' && process.env[STAGE_URL_VARIABLE] === undefined) {
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
  // Two workers on two cores: four were tried, but e2e and CLI tests each drive a Chromium (CLI tests
  // a whole child process as well), and four of them starve the tests that time a deadline.
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
              // Labels parentSuite = project, suite = spec file, subSuite = describe titles: the tree
              // allurerc.mjs groups by. Tags (`{ tag: '@smoke' }`) become labels, never title text.
              suiteTitle: true,
              environmentInfo: {
                target: describeTarget(config),
                client_id: config.client.id,
                login_ui: config.target.kind === 'embedded' ? (mockSettingsFrom(config.target.settings).loginUi ?? 'classic') : 'as served by the stage',
                node: process.version,
              },
            },
          ],
          // Locally too (`npx playwright show-report`), never opened by itself.
          ['html', { open: 'never', outputFolder: 'playwright-report' }],
        ] as const)),
    ...(isCI && !listOnly ? ([['junit', { outputFile: 'reports/junit.xml' }]] as const) : []),
    ...(githubReporter && !listOnly ? ([['github']] as const) : []),
    // LAST: onEnd runs in list order, so the html and junit files exist when this scrubs secrets
    // out of them, the traces and the Allure results (lib/redaction/redact.ts). A listing writes
    // nothing to scrub, and must not rewrite the files of a run in progress (tests list the suite).
    ...(listOnly ? [] : ([['./lib/reporters/redact-reporter.ts']] as const)),
  ],
  // No retries: a flaky test is a bug to fix at its cause, not a pass.
  retries: 0,
  use: {
    // Kept for a failed test only, locally and in CI, so the first failure has its trace; the
    // redaction reporter (last) scrubs the kept ones. No screencast: a film strip is pictures,
    // which redaction cannot read (a field that shows what was typed).
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    // As in the harness's own contexts (lib/journey/browser.ts): a service worker's fetches escape the callback capture.
    serviceWorkers: 'block',
    launchOptions: chromiumLaunchOptions({ chromiumPath: config.chromiumPath, headless: true }),
  },
  projects: [
    ...inTier({ name: 'unit', testDir: './tests/unit' }, 'all'),
    // The mock's protocol, over HTTP only: with unit, the fast lane (npm run test:fast).
    ...inTier({ name: 'mock-server', testDir: './tests/mock-server', testIgnore: /-browser\.spec\.ts$/ }, 'all'),
    // The mock's screens drawn and driven in Chromium (a megabyte of Cloudscape script per load).
    ...inTier({ name: 'mock-server-browser', testDir: './tests/mock-server', testMatch: /-browser\.spec\.ts$/ }, 'none'),
    // The loop keeps the journey's core; the sweeps, foreign screens, challenges, the screens beside
    // the login form and the traced secret scan sign in dozens of times each, at Cloudscape too, and
    // deadline.spec times whole get-code processes against pages that never finish.
    ...inTier({ name: 'e2e', testDir: './tests/e2e' }, { except: /[\\/](ui-shapes|foreign-screens|foreign-schemes|challenges|credentials|forgot-password|evidence|faults|no-secrets|deadline)\.spec\.ts$/ }),
    // Each CLI test starts whole processes, with a browser of their own: seconds each.
    ...inTier({ name: 'cli', testDir: './tests/cli' }, 'none'),
    ...(stageUrl !== undefined
      ? inTier({ name: 'e2e-stage-managed-ko', testDir: './tests/e2e', testIgnore: /no-secrets/, grepInvert: /@local-only/, use: { stageUnderTest: stageUrl } }, 'none')
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
