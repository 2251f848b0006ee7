/**
 * Writes a file so that readers see either the old or the new content, never a half-written one
 * (node_exporter's textfile collector and the next health check may read at any moment), and so
 * that a file holding codes or tokens is never readable by others, not even for a moment.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Owner read/write only, the default: codes, verifiers and tokens must not be group- or world-readable. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * `mode` defaults to 0600; pass e.g. 0o644 for a file other users must read (metrics). The mode is
 * the temporary file's from its creation, so the target never has a wider one, even briefly.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode: number = PRIVATE_FILE_MODE): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  // Same directory as the target: rename() is atomic only within one file system. The dot prefix
  // keeps the collector (which reads *.prom) from picking up the temporary file.
  const temporary = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
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
    await rm(temporary, { force: true });
    throw error;
  }
}
