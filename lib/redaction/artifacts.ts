/**
 * Walks artifact folders and hands every piece of text in them to a transform: plain files (JUnit
 * XML, Allure JSON, logs, error-context.md), the entries of zip files (Playwright traces, also when
 * Allure or the HTML report copied them) and the report data the HTML report embeds in index.html as
 * a base64 zip. Images, video and other binary content pass untouched; a file is rewritten only
 * when its text changed, so untouched traces stay byte-identical.
 */
import { randomBytes } from 'node:crypto';
import { chmod, lstat, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type * as Fflate from 'fflate';
import type { RedactionMode } from './text-rules.js';
import { TOKEN_LEDGER_FILE, parseLedger } from './token-ledger.js';

/** Where a piece of text lives: a file, and inside it a zip entry path such as `trace.zip › resources/x.dat`. */
export interface ArtifactLocation {
  file: string;
  entry?: string;
}

/** Returns the new text; returning `text` unchanged leaves the artifact as it is. */
export type TextTransform = (text: string, location: ArtifactLocation, mode: RedactionMode) => string;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMBEDDED_ZIP = /(data:application\/zip;base64,)([A-Za-z0-9+/=]+)/g;

/** Already-compressed or binary content: never text, and not worth deflating again in a zip. */
const BINARY_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.bmp', '.ico', '.webm', '.mp4', '.woff', '.woff2', '.ttf', '.otf', '.eot', '.pdf', '.gz', '.br', '.zst', '.wasm']);

/** Tool code shipped with reports and traces (viewer apps, copied test sources): names there are program text. */
const CODE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.css', '.map', '.ts', '.html', '.htm']);

export function modeForFile(path: string): RedactionMode {
  return CODE_EXTENSIONS.has(extname(path).toLowerCase()) ? 'values' : 'full';
}

export function modeForEntry(entryName: string): RedactionMode {
  // A trace's src/ holds the test sources shown next to its actions; resources/*.html are recorded pages.
  return entryName.startsWith('src/') ? 'values' : 'full';
}

export interface ArtifactFiles {
  files: string[];
  /** token hashes from every ledger found under the paths */
  tokenHashes: Set<string>;
}

/**
 * Every regular file under `paths` (files or folders; missing ones are skipped), ledgers set apart.
 * With `modifiedSince` (epoch ms), only files written since then: what one run left.
 */
export async function collectArtifacts(paths: readonly string[], options: { modifiedSince?: number | undefined } = {}): Promise<ArtifactFiles> {
  const files: string[] = [];
  const tokenHashes = new Set<string>();
  const visit = async (path: string): Promise<void> => {
    const stats = await lstat(path).catch(() => undefined);
    if (!stats || stats.isSymbolicLink()) return;
    if (stats.isDirectory()) {
      const names = (await readdir(path)).sort();
      for (const name of names) await visit(join(path, name));
    } else if (stats.isFile()) {
      if (basename(path) === TOKEN_LEDGER_FILE) {
        for (const hash of parseLedger(await readFile(path, 'utf8'))) tokenHashes.add(hash);
      } else if (options.modifiedSince === undefined || stats.mtimeMs >= options.modifiedSince) {
        files.push(path);
      }
    }
  };
  for (const path of paths) await visit(path);
  return { files: [...new Set(files)], tokenHashes };
}

/**
 * fflate, loaded by the first file to transform: every command's logger reaches this module through
 * lib/redaction/redact.ts, and fflate builds its tables when loaded, which get-code's start need not pay for.
 */
let zip: typeof Fflate | undefined;

/** Applies `transform` to the text in one file; rewrites the file (same mode) if anything changed. */
export async function transformFile(file: string, transform: TextTransform): Promise<boolean> {
  zip ??= await import('fflate');
  const original = await readFile(file);
  const updated = transformBytes(original, file, { file }, modeForFile(file), transform);
  if (updated === undefined) return false;
  await replaceFile(file, updated);
  return true;
}

/** The new content, or undefined when nothing changed (or the content is binary). */
function transformBytes(bytes: Uint8Array, name: string, location: ArtifactLocation, mode: RedactionMode, transform: TextTransform): Uint8Array | undefined {
  if (isZip(bytes)) return transformZip(bytes, location, transform);
  if (BINARY_EXTENSIONS.has(extname(name).toLowerCase())) return undefined;
  const text = decodeText(bytes);
  if (text === undefined) return undefined;
  const updated = transformText(text, location, mode, transform);
  return updated === text ? undefined : Buffer.from(updated, 'utf8');
}

function transformText(text: string, location: ArtifactLocation, mode: RedactionMode, transform: TextTransform): string {
  // Embedded zips (the HTML report's data) are redacted as zips; the text around them as text.
  let result = '';
  let last = 0;
  for (const match of text.matchAll(EMBEDDED_ZIP)) {
    const [whole, prefix = '', base64 = ''] = match;
    const start = match.index ?? 0;
    result += transform(text.slice(last, start), location, mode);
    const zip = Buffer.from(base64, 'base64');
    const embedded: ArtifactLocation = { file: location.file, entry: joinEntry(location.entry, 'embedded zip') };
    const updated = isZip(zip) ? transformZip(zip, embedded, transform) : undefined;
    result += updated === undefined ? whole : `${prefix}${Buffer.from(updated).toString('base64')}`;
    last = start + whole.length;
  }
  if (last === 0) return transform(text, location, mode);
  return result + transform(text.slice(last), location, mode);
}

function transformZip(bytes: Uint8Array, location: ArtifactLocation, transform: TextTransform): Uint8Array | undefined {
  if (zip === undefined) throw new Error('fflate is loaded by transformFile before any zip is read');
  let entries: Record<string, Uint8Array>;
  try {
    entries = zip.unzipSync(bytes);
  } catch {
    // Not a readable zip after all (truncated upload, other format): leave it, the scan cannot see in either.
    return undefined;
  }
  let changed = false;
  const rebuilt: Fflate.Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    const entryLocation: ArtifactLocation = { file: location.file, entry: joinEntry(location.entry, name) };
    const updated = name.endsWith('/') ? undefined : transformBytes(data, name, entryLocation, modeForEntry(name), transform);
    if (updated !== undefined) changed = true;
    const content = updated ?? data;
    rebuilt[name] = BINARY_EXTENSIONS.has(extname(name).toLowerCase()) ? [content, { level: 0 }] : [content, { level: 6 }];
  }
  return changed ? zip.zipSync(rebuilt) : undefined;
}

function joinEntry(outer: string | undefined, inner: string): string {
  return outer === undefined ? inner : `${outer} › ${inner}`;
}

function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, index) => bytes[index] === byte);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.subarray(0, 65_536).includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Write-then-rename, keeping the file's mode: a crash mid-write never leaves half an artifact. */
async function replaceFile(file: string, content: Uint8Array): Promise<void> {
  const { mode } = await lstat(file);
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.redacting`);
  try {
    await writeFile(temporary, content, { mode: mode & 0o777 });
    await chmod(temporary, mode & 0o777);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
