/**
 * The one place where files are read (Node only), and the record of a command's input files
 * that the one writer (`output.ts`) protects.
 *
 * Reading: only regular files are read (a named pipe or a device such as `/dev/zero` is a
 * `FILE_NOT_REGULAR` diagnostic, checked before the file is opened, and the file is opened
 * non-blocking), never more than {@link MAX_FILE_BYTES} bytes, and UTF-16 text is recognised
 * and reported (`FILE_UTF16`) instead of being parsed as garbage.
 *
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Result } from '../diagnostics/index.js';

/** Largest file read, in bytes (20 MiB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Options for {@link readFileBytes} and {@link readTextFile}. */
export interface ReadFileOptions {
  /** Largest size accepted, in bytes (default {@link MAX_FILE_BYTES}). */
  maxBytes?: number;
}

/**
 * Reads a regular file's bytes, returning a diagnostic instead of throwing or blocking: a
 * folder, named pipe, socket or device is `FILE_NOT_REGULAR` (checked before opening), a file
 * over the size limit `FILE_TOO_LARGE`, a missing or unreadable one `FILE_NOT_FOUND`.
 *
 * @example
 * ```ts
 * import { readFileBytes } from 'policy-index/node';
 * readFileBytes('package.json').value?.length; // > 0
 * readFileBytes('/dev/zero').diagnostics[0]?.code; // 'FILE_NOT_REGULAR'
 * ```
 */
export function readFileBytes(path: string, display = path, options: ReadFileOptions = {}): Result<Buffer> {
  const max = options.maxBytes ?? MAX_FILE_BYTES;
  const fail = (code: 'FILE_NOT_FOUND' | 'FILE_NOT_REGULAR' | 'FILE_TOO_LARGE', message: string): Result<Buffer> => ({
    diagnostics: [{ code, severity: 'error', message, file: display, ...(code === 'FILE_TOO_LARGE' ? { line: 1, column: 1 } : {}) }],
  });
  let st: Stats;
  try {
    st = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail('FILE_NOT_FOUND', code === 'ELOOP' ? `"${display}" is a symbolic link that leads back to itself.` : `Cannot read "${display}"${code ? ` (${code})` : ''}.`);
  }
  if (st.isDirectory()) return fail('FILE_NOT_FOUND', `"${display}" is a folder, not a file.`);
  if (!st.isFile()) return fail('FILE_NOT_REGULAR', `"${display}" is ${kindOf(st)}, not a regular file; it is not read.`);
  if (st.size > max) return fail('FILE_TOO_LARGE', `"${display}" is ${st.size} bytes; the limit is ${max}.`);
  let fd: number | undefined;
  try {
    // Non-blocking, so that a file swapped for a pipe after the check cannot hang the read.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const fst = fstatSync(fd);
    if (!fst.isFile()) return fail('FILE_NOT_REGULAR', `"${display}" is ${kindOf(fst)}, not a regular file; it is not read.`);
    // Read at most max + 1 bytes: a file that grows while it is read is still cut off. The
    // buffer fits the file as stated (plus one byte, to see the end), and grows if it must.
    // Not zero-filled: only the bytes read are ever returned.
    let buffer = Buffer.allocUnsafe(Math.min(max + 1, Math.max(fst.size + 1, 4096)));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.min(max + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, total);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
      if (total > max) return fail('FILE_TOO_LARGE', `"${display}" is more than ${max} bytes; the limit is ${max}.`);
      // A short read that gives the whole file as stated is its end: no further call needed.
      if (total === fst.size && total < buffer.length) break;
    }
    return { value: buffer.subarray(0, total), diagnostics: [] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail('FILE_NOT_FOUND', `Cannot read "${display}"${code ? ` (${code})` : ''}.`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether bytes look like UTF-16 text: a UTF-16 byte-order mark, or NUL bytes in every other position. */
function utf16Kind(bytes: Uint8Array): 'LE' | 'BE' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'BE';
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd > half * 0.4 && even === 0) return 'LE';
  if (even > half * 0.4 && odd === 0) return 'BE';
  return undefined;
}

/**
 * Reads a UTF-8 text file (a leading byte-order mark is dropped), with the checks of
 * {@link readFileBytes}; a UTF-16 file is a `FILE_UTF16` diagnostic.
 *
 * @example
 * ```ts
 * import { readTextFile } from 'policy-index/node';
 * readTextFile('package.json').value?.startsWith('{'); // true
 * readTextFile('no/such/file.yaml').diagnostics[0]?.code; // 'FILE_NOT_FOUND'
 * ```
 */
export function readTextFile(path: string, display = path, options: ReadFileOptions = {}): Result<string> {
  const bytes = readFileBytes(path, display, options);
  if (!bytes.value) return { diagnostics: bytes.diagnostics };
  const utf16 = utf16Kind(bytes.value);
  if (utf16) {
    return { diagnostics: [{ code: 'FILE_UTF16', severity: 'error', message: `"${display}" is encoded as UTF-16 (${utf16 === 'LE' ? 'little' : 'big'}-endian); save it as UTF-8.`, file: display, line: 1, column: 1 }] };
  }
  return { value: bytes.value.toString('utf8').replace(/^\uFEFF/, ''), diagnostics: [] };
}

/** Real path when the file exists, else the real path of its nearest existing folder joined with the rest. */
export function realPathOf(path: string): string {
  const full = resolve(path);
  const rest: string[] = [];
  let at = full;
  for (;;) {
    try {
      // The system's realpath: one call, where Node's own walks the path with an lstat per part.
      const real = realpathSync.native(at);
      return rest.length ? join(real, ...rest.reverse()) : real;
    } catch {
      const up = dirname(at);
      if (up === at) return full;
      rest.push(basename(at));
      at = up;
    }
  }
}

/**
 * The input files of a command, remembered by real path and by device and inode, so that an
 * output path can be checked against them whichever link it goes through.
 *
 * @example
 * ```ts
 * import { InputFiles } from 'policy-index/node';
 * const inputs = new InputFiles(['package.json']);
 * inputs.includes('./package.json'); // true
 * ```
 */
export class InputFiles {
  readonly #paths = new Set<string>();
  readonly #inodes = new Set<string>();

  constructor(paths: Iterable<string> = []) {
    for (const p of paths) this.add(p);
  }

  /** Adds an input file (a path that does not exist is remembered by path only). */
  add(path: string): void {
    this.#paths.add(resolve(path));
    this.#paths.add(realPathOf(path));
    try {
      const st = statSync(path);
      if (st.isFile()) this.#inodes.add(`${st.dev}:${st.ino}`);
    } catch {
      /* not there: the paths suffice */
    }
  }

  /** Whether writing `path` would write one of the inputs (same path, a link to one, or a hard link). */
  includes(path: string): boolean {
    if (this.#paths.has(resolve(path)) || this.#paths.has(realPathOf(path))) return true;
    try {
      const st = statSync(path);
      return this.#inodes.has(`${st.dev}:${st.ino}`);
    } catch {
      return false;
    }
  }

  /** The remembered real paths. */
  paths(): string[] {
    return [...this.#paths];
  }
}
