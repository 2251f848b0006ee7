// @ts-check
import js from '@eslint/js';
import playwright from 'eslint-plugin-playwright';
import tseslint from 'typescript-eslint';

/** House rule: the configuration is read once, by lib/config/config.ts (its raw variables by lib/config/environment.ts); nothing else reads process.env. */
const NO_PROCESS_ENV = {
  'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through lib/config/config.ts (loadConfig); process.env is read there only.' }],
};

/** House rule: the mock stands for the remote service, and page objects know screens, not the harness. */
const NO_LIB_IMPORTS = {
  'no-restricted-imports': ['error', { patterns: [{ group: ['**/lib', '**/lib/**'], message: 'mock-server/ and pages/ import nothing from lib/: they must not share the harness code they test against.' }] }],
};

/** Page objects may read Playwright's errors the one way the harness does: that reader knows Playwright, not the harness. */
const NO_LIB_IMPORTS_BUT_PLAYWRIGHT_ERRORS = {
  'no-restricted-imports': [
    'error',
    { patterns: [{ regex: '(^|/)lib(/(?!journey/playwright-errors\\.js$).*)?$', message: 'pages/ import nothing from lib/ but lib/journey/playwright-errors.ts: page objects know screens, not the harness.' }] },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'pages/recogniser/generated/', 'test-results/', 'playwright-report/', 'allure-results/', 'allure-report/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', window: 'readonly', document: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      ...NO_PROCESS_ENV,
    },
  },
  {
    // Named exceptions to "process.env only in lib/config/config.ts", each for a reason:
    files: [
      'lib/config/config.ts', // the one place
      'lib/config/environment.ts', // the one place's source of raw variables (environment over .env), split off so get-code can start Chromium before zod loads
      'playwright.config.ts', // CI detection, and hands the embedded server's URL to the workers
      'tests/canary/playwright.config.ts', // the canary child run's own folder, set by its parent test
      'lib/reporters/redact-reporter.ts', // Playwright's reporter output variables (PLAYWRIGHT_*_OUTPUT_*), not harness settings
      'scripts/bench/**', // bench references: deliberately minimal yardsticks that check nothing
      'tests/cli/run-cli.ts', // builds each child process's environment from the runner's
      'lib/journey/browser.ts', // machine facts (PATH, Program Files, LOCALAPPDATA) to find a browser, not harness settings
      'scripts/setup.mjs', // runs before anything is installed: npm's own path, to start npm without a shell
      'scripts/setup-browser.ts', // hands the environment to apt-get and Playwright's installer
      'scripts/bench-targets.ts', // builds the measured child processes' environment, as scripts/bench/** does
      'scripts/stage-matrix.ts', // builds each child run's environment, pointing it at a mock stage
      'scripts/test.mjs', // hands the tier (HARNESS_TEST_TIER) to Playwright's process
      'tests/cli/pack.ts', // npm's own path, to run npm in the scratch project without a shell
      'tests/unit/health-workflow.spec.ts', // PATH for the workflow's script run as a child process
      'tests/unit/monitoring-tools.ts', // PATH, to find promtool and the Pushgateway
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['mock-server/**/*.ts'],
    rules: NO_LIB_IMPORTS,
  },
  {
    files: ['pages/**/*.ts'],
    rules: NO_LIB_IMPORTS_BUT_PLAYWRIGHT_ERRORS,
  },
  {
    files: ['tests/**/*.ts', 'fixtures/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      // Tests must import test/expect from fixtures/, which adds the harness fixtures.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@playwright/test', message: 'Import { test, expect } from fixtures/ instead.', allowTypeImports: true },
            { name: 'node:timers/promises', message: 'No fixed sleeps in tests: drive a clock, wait for a condition, or disable this on the line with a comment saying why.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Promise'] > ArrowFunctionExpression > CallExpression[callee.name='setTimeout'][arguments.0.type='Identifier']",
          message: 'No fixed sleeps in tests: drive a clock, wait for a condition, or disable this on the line with a comment saying why.',
        },
      ],
      'playwright/expect-expect': ['error', { assertFunctionNames: ['expect', 'expectFailure', 'expectExit'] }],
      // A fixed wait makes a test slow on a fast machine and flaky on a busy one; where one is
      // really needed, disable this on the line with a comment saying why.
      'playwright/no-wait-for-timeout': 'error',
    },
  },
  {
    files: ['fixtures/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
