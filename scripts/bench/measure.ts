/**
 * Times one whole process, as a pipeline would see it: from spawn until its output is closed.
 * Each child gets exactly the environment the bench gives it, never the developer's `.env`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { HARNESS_VARIABLE } from '../../lib/config/environment.js';

export interface TimedRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** CPU time (user + system) of the whole process tree; null where the OS does not tell (not Linux) */
  cpuMs: number | null;
  timedOut: boolean;
}

export interface Command {
  file: string;
  args: string[];
}

export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!HARNESS_VARIABLE.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

export function timeProcess(command: Command, options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const cpuBefore = childrenCpuMs();
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
      const cpuAfter = childrenCpuMs();
      const cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
      resolve({ exitCode, stdout, stderr, ms, cpuMs, timedOut });
    });
  });
}

/**
 * CPU time of this process's waited-for children, grandchildren included (Linux /proc, 10 ms steps).
 * One child runs at a time, so the difference around a run is that run's whole tree, Chromium too.
 * Wall time is what a pipeline waits for; CPU time says how much of it was work rather than waiting
 * for other engineers' processes on a busy machine.
 */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name in parentheses: cutime and cstime are the 16th and 17th overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}
