/**
 * Times one whole process, as a pipeline would see it: from spawn until its output is closed.
 * Each child gets exactly the environment the bench gives it, never the developer's `.env`.
 */
import { spawn } from 'node:child_process';

export interface TimedRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

export interface Command {
  file: string;
  args: string[];
}

/** Variables the harness reads: stripped from the inherited environment so only the bench's count. */
const HARNESS_VARIABLE = /^(OAUTH_|RAYTEAMS_|TEST_|CODE_|LOGIN_|HEALTH_|MOCK_|CHROMIUM_PATH$|GITHUB_OUTPUT$)/;

export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!HARNESS_VARIABLE.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

export function timeProcess(command: Command, options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Its own process group, so a hung run is killed with everything it started (npm → node → Chromium).
    const child = spawn(command.file, command.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr, ms, timedOut });
    });
  });
}
