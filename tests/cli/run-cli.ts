/**
 * Runs a harness command as a pipeline would, as a whole process, and collects what it printed.
 * The child never sees the developer's .env or the test runner's embedded server: each test says
 * exactly which target it wants.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HARNESS_VARIABLE } from '../../lib/config/environment.js';

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export const EMPTY_ENV_FILE = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'harness-cli-'));
  const file = join(dir, 'empty.env');
  writeFileSync(file, '');
  // One per worker process; gone when the worker exits, so runs leave no harness-cli-* behind.
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return file;
})();

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!HARNESS_VARIABLE.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

/** `npm run -s <script> -- <args>`, with the given extra environment on a clean one. */
export function runNpmScript(script: string, args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CliRun> {
  return run('npm', ['run', '-s', script, '--', '--env-file', EMPTY_ENV_FILE, ...args], cleanEnv(env), timeoutMs);
}

/**
 * The same command without npm in front: `node scripts/run.mjs <script>`, which is what the npm
 * script runs. npm's own start-up costs a few hundred ms per run; the tests that check the npm
 * scripts themselves use runNpmScript.
 */
export function runScript(script: string, args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CliRun> {
  // `--`: Node 20 would otherwise take the command's --env-file as its own (nodejs/node#54232).
  return run(process.execPath, ['--', 'scripts/run.mjs', script, '--env-file', EMPTY_ENV_FILE, ...args], cleanEnv(env), timeoutMs);
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number, cwd?: string): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], ...(cwd !== undefined ? { cwd } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr, durationMs: performance.now() - started });
    });
  });
}
