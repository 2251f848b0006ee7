// @ts-check
import js from '@eslint/js';
import playwright from 'eslint-plugin-playwright';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-results/', 'playwright-report/', 'allure-results/', 'allure-report/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', window: 'readonly', document: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['tests/**/*.ts', 'fixtures/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      // Tests must import test/expect from fixtures/, which adds the harness fixtures.
      'no-restricted-imports': ['error', { paths: [{ name: '@playwright/test', message: "Import { test, expect } from fixtures/ instead.", allowTypeImports: true }] }],
      'playwright/expect-expect': ['error', { assertFunctionNames: ['expect', 'expectFailure', 'expectExit'] }],
    },
  },
  {
    files: ['fixtures/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
