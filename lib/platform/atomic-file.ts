/**
 * Writes a file so that readers see either the old or the new content, never a half-written one
 * (node_exporter's textfile collector and the next health check may read at any moment), and so
 * that a file holding codes or tokens is never readable by others, not even for a moment.
 *
 * Every failure is a FileWriteError naming the file (exit 2: the caller's set-up to fix), and fails
 * fast: Node's recursive mkdir loops forever under /proc (`--out /proc/nope/x` spun until the
 * watchdog), so directories are made one level at a time.
 */
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { HarnessError } from '../errors.js';

/** Owner read/write only, the default: codes, verifiers and tokens must not be group- or world-readable. */
export const PRIVATE_FILE_MODE = 0o600;

/** A result, state, metrics or summary file that cannot be written: says which, and why (errno only). */
export class FileWriteError extends HarnessError {
  readonly path: string;
  readonly code: string | undefined;

  constructor(path: string, cause: unknown) {
    const code = (cause as { code?: unknown } | null)?.code;
    super('usage', `cannot write ${path}: ${typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'FileWriteError';
    this.path = path;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

/**
 * Temporary files being written right now. A signal handler (lib/platform/cancellation.ts) removes them, so
 * an interrupted write leaves no `.tmp` behind; only SIGKILL can.
 */
export const pendingTemporaryFiles = new Set<string>();

/** mkdir -p, one level at a time, so a path that cannot exist fails at once instead of spinning. */
export async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    try {
      if (!(await stat(current)).isDirectory()) throw Object.assign(new Error(`${current} is not a directory`), { code: 'ENOTDIR' });
      break;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
      const parent = dirname(current);
      if (parent === current) throw error;
      missing.unshift(current);
      current = parent;
    }
  }
  for (const path of missing) {
    await mkdir(path).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    });
  }
}

/**
 * `mode` defaults to 0600; pass e.g. 0o644 for a file other users must read (metrics). The mode is
 * the temporary file's from its creation, so the target never has a wider one, even briefly.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode: number = PRIVATE_FILE_MODE): Promise<void> {
  const dir = dirname(path);
  // Same directory as the target: rename() is atomic only within one file system. The dot prefix
  // keeps the collector (which reads *.prom) from picking up the temporary file.
  const temporary = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await makeDirectory(dir);
    pendingTemporaryFiles.add(temporary);
    // 'wx' (O_EXCL): never write into a file someone else prepared under that name.
    const handle = await open(temporary, 'wx', mode);
    try {
      // open() applies the umask, which can only narrow the mode; chmod makes it exactly `mode`.
      await handle.chmod(mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new FileWriteError(path, error);
  } finally {
    pendingTemporaryFiles.delete(temporary);
  }
}

/** appendFile with the same failure: a FileWriteError naming the file (e.g. $GITHUB_STEP_SUMMARY). */
export async function appendFileChecked(path: string, data: string): Promise<void> {
  try {
    await makeDirectory(dirname(path));
    await appendFile(path, data);
  } catch (error) {
    throw new FileWriteError(path, error);
  }
}
