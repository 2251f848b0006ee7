/**
 * npm run scan-artifacts as .ci/run uses it: exit 1 listing file, entry and kind when artifacts
 * hold a configured secret, never the value; --redact cleans them; exit 0 when clean.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { test, expect } from '../../fixtures/index.js';
import { runNpmScript, runScript } from './run-cli.js';

test.describe('npm run scan-artifacts', () => {
  test('fails naming each file and kind, never the value; --redact leaves nothing to find', async () => {
    const root = mkdtempSync(join(tmpdir(), 'scan-cli-'));
    try {
      const password = `Canary pa55! ${randomBytes(4).toString('hex')}`;
      const env = { TEST_PASSWORD: password };
      mkdirSync(join(root, 'trace'));
      const log = join(root, 'health-check.log');
      writeFileSync(log, `typed ${password}\n`);
      const trace = join(root, 'trace', 'trace.zip');
      writeFileSync(trace, zipSync({ 'resources/body.dat': strToU8(new URLSearchParams({ password }).toString()) }));

      const found = await runNpmScript('scan-artifacts', ['--path', root], env);
      expect(found.exitCode, found.stderr).toBe(1);
      expect(found.stdout.split('\n').filter(Boolean).sort()).toEqual([`${log}: TEST_PASSWORD (plain)`, `${trace} › resources/body.dat: TEST_PASSWORD (url-encoded)`]);
      expect(found.stderr).toContain('2 secret finding(s) in 2 file(s)');
      for (const output of [found.stdout, found.stderr]) {
        expect(output).not.toContain(password);
        expect(output).not.toContain(new URLSearchParams({ p: password }).toString().slice(2));
      }

      const redacted = await runScript('scan-artifacts', ['--path', root, '--redact', '--format', 'json'], env);
      expect(redacted.exitCode, redacted.stderr).toBe(0);
      expect(JSON.parse(redacted.stdout)).toEqual({ clean: true, findings: [] });
      expect(readFileSync(log, 'utf8')).toBe('typed [REDACTED]\n');

      const usage = await runScript('scan-artifacts', ['--format', 'xml'], env);
      expect(usage.exitCode).toBe(2);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a --path that does not exist is a usage error (exit 2) naming it, not a clean scan', async () => {
    const root = mkdtempSync(join(tmpdir(), 'scan-cli-'));
    try {
      const missing = join(root, 'does-not-exist');
      const run = await runScript('scan-artifacts', ['--path', root, '--path', missing]);
      expect(run.exitCode, run.stderr).toBe(2);
      expect(run.stderr).toContain(`--path "${missing}": no such file or folder, nothing scanned`);
      expect(run.stdout).toBe('');
      // The default folders may be missing: a run that wrote no report is clean, not a mistake.
      const defaults = await runScript('scan-artifacts', ['--path', root]);
      expect(defaults.exitCode, defaults.stderr).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
