/**
 * No secret in any artifact. A child Playwright run (tests/canary/) signs in with a canary password
 * and client secret, trace and screenshots on, with the html, junit and allure reporters and the
 * redaction reporter last, and leaks every secret it holds into stdout and attachments. Its
 * artifacts must hold none of them afterwards, and its trace must still open in show-trace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { Secret } from 'otpauth';
import { test, expect } from '../../fixtures/index.js';
import { saveFailureArtifacts, startTrace } from '../../lib/health/artifacts.js';
import { REDACTED, TOKEN_LEDGER_FILE, redactText, scanArtifacts } from '../../lib/redaction/redact.js';
import { cleanEnv } from '../cli/run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLAYWRIGHT_CLI = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');
const CANARY_CONFIG = join(ROOT, 'tests', 'canary', 'playwright.config.ts');

/** The parent runner's own variables would make the child think it is one of our workers. */
const RUNNER_VARIABLE = /^(TEST_WORKER_INDEX|TEST_PARALLEL_INDEX|PW_|PWTEST_|PLAYWRIGHT_(?!BROWSERS_PATH))/;

interface ChildRun {
  exitCode: number | null;
  output: string;
}

function runChild(args: string[], env: Record<string, string>, cwd: string): Promise<ChildRun> {
  const childEnv = Object.fromEntries(Object.entries(cleanEnv(env)).filter(([key]) => !RUNNER_VARIABLE.test(key)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, output }));
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Serves a trace with `playwright show-trace` and resolves with the viewer's URL. */
function showTrace(trace: string): Promise<{ url: string; server: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [PLAYWRIGHT_CLI, 'show-trace', '--host', '127.0.0.1', '--port', '0', trace], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Listening on (http\S+)/.exec(output)?.[1];
      if (url) resolve({ url, server });
    });
    server.on('error', reject);
    server.on('close', (code) => reject(new Error(`show-trace exited with ${code}: ${output}`)));
  });
}

test.describe('no secret in any artifact', () => {
  // The trace viewer runs on a service worker, which the suite's contexts block (they guard callbacks).
  test.use({ serviceWorkers: 'allow' });

  test('a traced, screenshotted canary login leaves no secret after redaction, and its trace still opens', async ({ page }) => {
    test.setTimeout(120_000);
    const id = randomBytes(4).toString('hex');
    const password = `Canary "pa55" !&/+ ${id}`;
    const clientSecret = `canary-client-secret-${id}`;
    // Base32, as authenticator apps are given it; the child's embedded server asks this account for TOTP.
    const totpSecret = new Secret({ size: 20 }).base32;
    const root = mkdtempSync(join(tmpdir(), 'canary-run-'));
    try {
      // cwd without a .env and a clean environment: the child signs in at its own embedded server.
      const run = await runChild([PLAYWRIGHT_CLI, 'test', '--config', CANARY_CONFIG], { TEST_PASSWORD: password, OAUTH_CLIENT_SECRET: clientSecret, TEST_TOTP_SECRET: totpSecret, MOCK_USER_MFA: 'totp', CANARY_ARTIFACTS_DIR: root }, root);
      const canaries = [
        { name: 'TEST_PASSWORD', value: password },
        { name: 'OAUTH_CLIENT_SECRET', value: clientSecret },
        { name: 'TEST_TOTP_SECRET', value: totpSecret },
      ];
      const ledger = readFileSync(join(root, 'test-results', TOKEN_LEDGER_FILE), 'utf8').trim().split('\n');
      // The child prints what its test leaked; this test's own trace and report must not carry it.
      const output = redactText(run.output, canaries, { tokenHashes: ledger });
      expect(run.exitCode, output).toBe(0);
      expect(output).toContain('1 passed');
      const replaced = Number(/redact: (\d+) secret occurrence/.exec(output)?.[1] ?? 0);
      expect(replaced).toBeGreaterThanOrEqual(10);
      // The hashes of the verifier, the one-time code, the code and the three tokens: nothing else, and never a value.
      expect(ledger).toHaveLength(6);

      // The scan finds nothing: not the canaries in any form, no token, code or verifier.
      expect(await scanArtifacts([root], canaries)).toEqual([]);
      const files = filesUnder(root);
      for (const file of files) expect(readFileSync(file).includes(id), file).toBe(false);

      // The secrets were there, and redaction reached every kind of artifact.
      const junit = readFileSync(join(root, 'reports', 'junit.xml'), 'utf8');
      expect(junit).toContain(`with ${REDACTED}; client secret ${REDACTED}`);
      expect(junit).toContain(`refresh token ${REDACTED}`);
      // The TOTP secret by value, the one-time code (six digits, named by nothing) by its hash.
      expect(junit).toContain(`totp secret ${REDACTED}; one-time code ${REDACTED}`);
      // A bare code and verifier, named by nothing, are known by their hashes.
      expect(junit).toContain(`the code was ${REDACTED} and its verifier ${REDACTED}`);
      const allure = files.filter((file) => file.includes('allure-results')).map((file) => readFileSync(file, 'latin1'));
      expect(allure.some((text) => text.includes(`"name":"redeemed with code_verifier=${REDACTED}"`))).toBe(true);
      const reportHtml = readFileSync(join(root, 'playwright-report', 'index.html'), 'utf8');
      const reportData = unzipSync(Buffer.from(/data:application\/zip;base64,([A-Za-z0-9+/=]+)/.exec(reportHtml)?.[1] ?? '', 'base64'));
      expect(Object.values(reportData).some((entry) => strFromU8(entry).includes(`code_verifier=${REDACTED}`))).toBe(true);

      const traceFile = files.find((file) => file.includes('test-results') && file.endsWith('trace.zip')) ?? '';
      const trace = unzipSync(readFileSync(traceFile));
      const texts = Object.entries(trace).filter(([name]) => /\.(trace|network|dat)$/.test(name));
      expect(texts.some(([, data]) => strFromU8(data).includes(`password=${REDACTED}`))).toBe(true);
      expect(texts.some(([, data]) => strFromU8(data).includes(`"__playwright_value_":"${REDACTED}"`))).toBe(true);
      for (const [name, data] of texts.filter(([entry]) => !entry.endsWith('.dat'))) {
        for (const line of strFromU8(data).split('\n').filter(Boolean)) expect(() => JSON.parse(line), name).not.toThrow();
      }

      // The redacted trace opens in the trace viewer with its actions readable.
      const { url, server } = await showTrace(traceFile);
      try {
        await page.goto(url);
        for (const step of ['Open login screen', 'Sign in', 'Exchange code']) {
          await expect(page.getByText(step, { exact: true }).first()).toBeVisible({ timeout: 15_000 });
        }
      } finally {
        server.kill();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a failure screenshot never shows a password, even in a type="text" field or echoed as text', async ({ browser }) => {
    // A context traced as the health check traces an attempt. The runner traces every context of
    // its browser too (retain-on-failure, --trace on): the evidence must leave the runner's trace
    // running, or the runner fails the test with "Must start tracing before stopping".
    const context = await browser.newContext();
    await startTrace(context);
    const page = await context.newPage();
    const password = `Canary-${randomBytes(6).toString('hex')}`;
    const screen = (value: string, echo: string) =>
      `<!doctype html><body style="font: 20px monospace"><form><input type="text" id="u" value="tester@example.com"><input type="text" id="p" value="${value}"></form><p>${echo}</p></body>`;
    const dir = mkdtempSync(join(tmpdir(), 'harness-screenshot-'));
    try {
      await page.setContent(screen(password, `You typed ${password}`));
      const {
        saved: [shot],
      } = await saveFailureArtifacts(context, page, { dir: join(dir, 'secret'), attempt: 1, secrets: [password], redact: undefined });
      // The same screen as a person would see it with both fields emptied and the echo masked.
      await page.setContent(screen('', 'You typed \u2022\u2022\u2022\u2022'));
      await page.evaluate(() => {
        for (const input of Array.from(document.querySelectorAll('input'))) input.value = '';
      });
      const reference = await page.screenshot();
      // Control: the image does change with what the field shows, so equality below means something.
      await page.locator('#p').fill(password);
      const unmasked = await page.screenshot();

      expect(shot, 'a screenshot was saved').toBeDefined();
      expect(unmasked.equals(reference)).toBe(false);
      expect(readFileSync(shot ?? '').equals(reference), 'screenshot equals the emptied screen').toBe(true);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
