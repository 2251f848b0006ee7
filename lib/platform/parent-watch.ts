/**
 * Signals sent to `npm run get-code` must reach get-code. npm forwards SIGINT and SIGTERM to the
 * process it started, but on POSIX that process is `sh -c "node bin/rayteams-login.mjs get-code"`,
 * and dash (Debian's and Ubuntu's sh) does not exec its last command: the shell stays between npm
 * and node and passes nothing on.
 *   - SIGTERM to npm: the shell dies, npm exits, node (and Chromium) run on, orphaned.
 *   - SIGINT to npm: the shell defers it until node exits by itself (Ctrl+C in a terminal works
 *     only because the terminal signals the whole process group).
 * `exec` in the npm script would fix both but needs a POSIX shell (Windows has none), and an
 * `.npmrc` `script-shell` would change how every script and every dependency's install script runs.
 * So the command itself watches its parent, every 200 ms:
 *   - orphaned (the parent is gone; on Windows, where ppid never changes, the parent no longer
 *     runs): it raises SIGTERM on itself, so the same cancellation as a direct SIGTERM runs;
 *   - Linux, parent is a shell: a shell waiting for its only child wakes up only for a signal (or
 *     that child's exit). Its voluntary context switches (/proc/PID/status) counted while it waits
 *     in do_wait tell that it received one it caught and kept: that is SIGINT (SIGTERM would have
 *     killed it), so it raises SIGINT on itself.
 * macOS's /bin/sh is bash, which execs a single command, and on Windows Ctrl+C reaches every
 * process of the console: there the watch only ever sees orphaning.
 */
import { readFileSync } from 'node:fs';

export interface ParentWatchOptions {
  intervalMs?: number;
  /** how to raise a signal on this process (tests inject a recorder) */
  raise?: (signal: 'SIGINT' | 'SIGTERM') => void;
  platform?: NodeJS.Platform;
}

const SHELLS = new Set(['sh', 'dash', 'ash', 'busybox']);

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** On POSIX a real signal (the process's handlers, Playwright's and the harness's, run as usual); on Windows, where a signal to oneself terminates at once, the event its handlers listen to. */
export function raiseOnSelf(signal: 'SIGINT' | 'SIGTERM'): void {
  if (process.platform === 'win32') process.emit(signal, signal);
  else process.kill(process.pid, signal);
}

/** Starts the watch; returns a function that stops it. Never keeps the process alive. */
export function watchParent(options: ParentWatchOptions = {}): () => void {
  const parent = process.ppid;
  const platform = options.platform ?? process.platform;
  const raise = options.raise ?? raiseOnSelf;
  // Started by init (a container's entry point) or by nothing we can see: nothing to watch.
  if (!parent || parent === 1) return () => undefined;

  const isShell = platform === 'linux' && SHELLS.has((read(`/proc/${parent}/comm`) ?? '').trim());
  let switches: number | undefined;
  const shellSwitches = (): number | undefined => {
    // Counted only while the shell sits in wait(): then nothing but a signal wakes it.
    if ((read(`/proc/${parent}/wchan`) ?? '').trim() !== 'do_wait') return undefined;
    const match = /^voluntary_ctxt_switches:\s*(\d+)/m.exec(read(`/proc/${parent}/status`) ?? '');
    return match?.[1] !== undefined ? Number(match[1]) : undefined;
  };

  let done = false;
  const timer = setInterval(() => {
    if (done) return;
    const orphaned = platform === 'win32' ? !isAlive(parent) : process.ppid !== parent;
    if (orphaned) {
      done = true;
      clearInterval(timer);
      raise('SIGTERM');
      return;
    }
    if (!isShell) return;
    const now = shellSwitches();
    if (now === undefined) return;
    if (switches === undefined || now <= switches) {
      switches = now;
      return;
    }
    done = true;
    clearInterval(timer);
    raise('SIGINT');
  }, options.intervalMs ?? 200);
  timer.unref();
  return () => {
    done = true;
    clearInterval(timer);
  };
}
