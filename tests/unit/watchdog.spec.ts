import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../../fixtures/index.js';
import { loadConfig } from '../../lib/config/config.js';
import { toHealthJson } from '../../lib/health/report.js';
import { overrunResult, publishHealthResult } from '../../lib/health/run.js';

const CHILD = fileURLToPath(new URL('./watchdog-child.ts', import.meta.url));

test.describe('watchdog', () => {
  test('on an overrun the command publishes its result, then exits 5', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-watchdog-'));
    try {
      const marker = join(dir, 'published');
      const run = spawnSync(process.execPath, ['--import', 'tsx', CHILD, marker], { encoding: 'utf8', timeout: 30_000 });
      expect(run.status, run.stderr).toBe(5);
      expect(run.stderr).toMatch(/gave up after 200 ms \[timeout\]/);
      expect(readFileSync(marker, 'utf8')).toBe('published');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the health check overrun result writes state, metrics and JSON with reason timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-watchdog-'));
    try {
      const stateFile = join(dir, 'state.json');
      const metricsFile = join(dir, 'login.prom');
      const config = loadConfig({ env: { HEALTH_STATE_FILE: stateFile }, envFile: '/dev/null' });
      const result = overrunResult(config, new Date(Date.now() - 1_000), 900);
      const report = await publishHealthResult(config, result, { metricsFile });
      expect(report.exitCode).toBe(5);
      expect(toHealthJson(result)).toMatchObject({ status: 'failed', reason: 'timeout' });
      expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ status: 'failed' });
      expect(readFileSync(metricsFile, 'utf8')).toMatch(/login_health_failure_reason\{[^}]*reason="timeout"\} 1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
