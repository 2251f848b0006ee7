/**
 * The process tree under a pid, read from /proc (Linux): what a signal test must see gone.
 */
import { readFileSync, readdirSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  state: string;
  comm: string;
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split at the last ")".
    const close = stat.lastIndexOf(')');
    const [state = '', ppid = '0'] = stat.slice(close + 2).split(' ');
    return { pid, ppid: Number(ppid), state, comm: stat.slice(stat.indexOf('(') + 1, close) };
  } catch {
    return undefined;
  }
}

/** Every process below `root` (children, grandchildren, ...), with its command name. */
export function descendants(root: number): Proc[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((proc): proc is Proc => proc !== undefined);
  const found: Proc[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const proc of all.filter((candidate) => candidate.ppid === parent)) {
      found.push(proc);
      queue.push(proc.pid);
    }
  }
  return found;
}

/** Still running: present and neither a zombie nor dead (a container's init may never reap zombies). */
export function running(procs: readonly Proc[]): string[] {
  return procs
    .map((proc) => readProc(proc.pid))
    .filter((proc): proc is Proc => proc !== undefined && proc.state !== 'Z' && proc.state !== 'X')
    .map((proc) => `${proc.pid} ${proc.comm}`);
}

export function killAll(procs: readonly Proc[]): void {
  for (const proc of procs) {
    try {
      process.kill(proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
