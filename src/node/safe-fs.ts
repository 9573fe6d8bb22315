/**
 * The one place where files are read and written (Node only).
 *
 * Reading: only regular files are read (a named pipe or a device such as `/dev/zero` is a
 * `FILE_NOT_REGULAR` diagnostic, checked before the file is opened, and the file is opened
 * non-blocking), never more than {@link MAX_FILE_BYTES} bytes, and UTF-16 text is recognised
 * and reported (`FILE_UTF16`) instead of being parsed as garbage.
 *
 * Writing: every output path is built from checked name parts below an output folder and is
 * checked, after resolving symbolic links, to stay inside that folder
 * (`OUTPUT_OUTSIDE_FOLDER`); no output may be an input file, compared by real path and by
 * device and inode, so that symbolic and hard links to an input are caught too
 * (`CLI_WOULD_OVERWRITE_INPUT`); an existing folder, pipe or device is never a target
 * (`OUTPUT_NOT_A_FILE`).
 *
 * @module
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic, Result } from '../diagnostics/index.js';

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

// Name parts of output paths: no separators, no `.`/`..`, no control or reserved characters.
const UNSAFE_PART = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f]/;

/**
 * Whether one name part is safe to use as a file or folder name in an output path: not empty,
 * not `.` or `..`, no separator, no control or reserved character, no leading or trailing space
 * and no trailing dot.
 *
 * @example
 * ```ts
 * import { isSafePathPart } from 'policy-index/node';
 * isSafePathPart('CA-2019.yaml'); // true
 * isSafePathPart('../pwned');     // false
 * ```
 */
export function isSafePathPart(part: string): boolean {
  return part !== '' && part !== '.' && part !== '..' && part.length <= 200 && !UNSAFE_PART.test(part) && part.trim() === part && !/\.$/.test(part);
}

/** One planned output file. */
export interface OutputFile {
  /** Absolute path. */
  path: string;
  text: string;
}

/**
 * Builds the path of an output file below `root` from name parts (e.g. `['CA', 'CA-2019.yaml']`),
 * refusing parts that are empty, `.` or `..`, contain a separator, or contain control or
 * reserved characters.
 *
 * @example
 * ```ts
 * import { outputPath } from 'policy-index/node';
 * outputPath('/tmp/out', ['CA', 'CA-2019.yaml']).value; // '/tmp/out/CA/CA-2019.yaml'
 * outputPath('/tmp/out', ['..', 'x.yaml']).diagnostics[0]?.code; // 'OUTPUT_OUTSIDE_FOLDER'
 * ```
 */
export function outputPath(root: string, parts: readonly string[]): Result<string> {
  const bad = parts.find((p) => !isSafePathPart(p));
  if (bad !== undefined || parts.length === 0) {
    const shown = JSON.stringify(bad ?? '');
    return { diagnostics: [{ code: 'OUTPUT_OUTSIDE_FOLDER', severity: 'error', message: `The output name part ${shown} is not a plain file or folder name; nothing is written for it.` }] };
  }
  return { value: join(resolve(root), ...parts), diagnostics: [] };
}

/** Whether the real path `real` lies outside the real folder `root` (the folder itself is inside). */
function leaves(root: string, real: string): boolean {
  const rel = relative(root, real);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

function statOrUndefined(path: string, follow: boolean): Stats | undefined {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Checks one output path: that it stays inside `root` after resolving symbolic links (when a
 * root is given), is not an input (by real path or device and inode), and is not an existing
 * folder, pipe or device. Returns the diagnostic, or undefined when the path may be written.
 *
 * @param display how the path is shown in the message
 * @example
 * ```ts
 * import { checkOutputPath, InputFiles } from 'policy-index/node';
 * checkOutputPath('package.json', { inputs: new InputFiles(['package.json']) })?.code; // 'CLI_WOULD_OVERWRITE_INPUT'
 * ```
 */
export function checkOutputPath(path: string, options: { root?: string; inputs?: InputFiles; display?: string } = {}): Diagnostic | undefined {
  const display = options.display ?? path;
  const diag = (code: 'OUTPUT_OUTSIDE_FOLDER' | 'OUTPUT_NOT_A_FILE' | 'CLI_WOULD_OVERWRITE_INPUT', message: string): Diagnostic => ({ code, severity: 'error', message, file: display });
  if (options.root !== undefined) {
    const root = realPathOf(options.root);
    const target = realPathOf(path);
    if (target === root || leaves(root, target)) {
      return diag('OUTPUT_OUTSIDE_FOLDER', `"${display}" would be written outside the output folder (to "${target}"); it is not written.`);
    }
  }
  if (options.inputs?.includes(path)) return diag('CLI_WOULD_OVERWRITE_INPUT', `Writing "${display}" would overwrite an input file; choose another output path.`);
  const st = statOrUndefined(path, true);
  if (st && !st.isFile()) return diag('OUTPUT_NOT_A_FILE', `"${display}" is ${kindOf(st)}; a file is to be written there. Give a file name.`);
  if (!st && statOrUndefined(path, false)?.isSymbolicLink()) return diag('OUTPUT_OUTSIDE_FOLDER', `"${display}" is a symbolic link to nothing; it is not written through.`);
  return undefined;
}

/** Checks of many output files below one folder, made once per folder (see {@link outputGuard}). */
export interface OutputGuard {
  /** Whether `path` may be written, and whether something is there now. */
  check(path: string): { refused?: Diagnostic; exists: boolean };
  /** Makes the file's folder (once) and checks it again, just before the file is written. */
  beforeWrite(path: string): Diagnostic | undefined;
}

/**
 * The checks of {@link checkOutputPath} for many files below `root`, fast enough for tens of
 * thousands of files: each folder is resolved once (its real path must lie inside `root`'s),
 * and a file that does not exist yet only needs an `lstat` and a comparison with the inputs'
 * paths; an existing file gets the full check. Write new files with the `wx` flag, so that
 * nothing put at their place after the check is written through.
 *
 * @example
 * ```ts
 * import { InputFiles, outputGuard } from 'policy-index/node';
 * const guard = outputGuard('/tmp/out', new InputFiles());
 * guard.check('/tmp/out/CA/CA-2019.yaml').refused; // undefined
 * ```
 */
export function outputGuard(root: string, inputs: InputFiles, display: (path: string) => string = (p) => p): OutputGuard {
  const rootReal = realPathOf(root);
  const inputPaths = new Set(inputs.paths());
  const folders = new Map<string, { refused?: Diagnostic; real: string }>();
  const made = new Set<string>();
  const folder = (dir: string, fresh: boolean): { refused?: Diagnostic; real: string } => {
    const known = fresh ? undefined : folders.get(dir);
    if (known) return known;
    const real = realPathOf(dir);
    const st = statSync(dir, { throwIfNoEntry: false });
    let refused: Diagnostic | undefined;
    if (leaves(rootReal, real)) {
      refused = { code: 'OUTPUT_OUTSIDE_FOLDER', severity: 'error', message: `"${display(dir)}" lies outside the output folder (at "${real}"); nothing is written in it.`, file: display(dir) };
    } else if (st && !st.isDirectory()) {
      refused = { code: 'OUTPUT_NOT_A_FILE', severity: 'error', message: `"${display(dir)}" is ${st.isFile() ? 'a file' : kindOf(st)}; a folder is to be made there.`, file: display(dir) };
    }
    const f = refused ? { refused, real } : { real };
    folders.set(dir, f);
    return f;
  };
  return {
    check(path) {
      const f = folder(dirname(path), false);
      if (f.refused) return { refused: f.refused, exists: false };
      const lst = lstatSync(path, { throwIfNoEntry: false });
      if (lst) {
        const refused = checkOutputPath(path, { root, inputs, display: display(path) });
        return refused ? { refused, exists: true } : { exists: true };
      }
      if (inputPaths.has(path) || inputPaths.has(join(f.real, basename(path)))) {
        return { refused: { code: 'CLI_WOULD_OVERWRITE_INPUT', severity: 'error', message: `Writing "${display(path)}" would overwrite an input file; choose another output path.`, file: display(path) }, exists: false };
      }
      return { exists: false };
    },
    beforeWrite(path) {
      const dir = dirname(path);
      if (made.has(dir)) return folders.get(dir)?.refused;
      mkdirSync(dir, { recursive: true });
      made.add(dir);
      return folder(dir, true).refused;
    },
  };
}

/**
 * Writes output files after checking every one of them with {@link checkOutputPath}: when any
 * check fails nothing is written and the diagnostics are returned. Folders are created as needed.
 *
 * @example
 * ```ts
 * import { writeOutputFiles, InputFiles } from 'policy-index/node';
 * const { written, diagnostics } = writeOutputFiles([{ path: '/tmp/out/a.txt', text: 'a' }], { root: '/tmp/out', inputs: new InputFiles() });
 * ```
 */
export function writeOutputFiles(files: readonly OutputFile[], options: { root?: string; inputs?: InputFiles; display?: (path: string) => string } = {}): { written: string[]; diagnostics: Diagnostic[] } {
  const show = options.display ?? ((p: string) => p);
  const check = (p: string) => checkOutputPath(p, { ...(options.root !== undefined ? { root: options.root } : {}), ...(options.inputs ? { inputs: options.inputs } : {}), display: show(p) });
  const diagnostics = files.map((f) => check(f.path)).filter((d): d is Diagnostic => d !== undefined);
  if (diagnostics.length) return { written: [], diagnostics };
  const written: string[] = [];
  for (const f of files) {
    try {
      mkdirSync(dirname(f.path), { recursive: true });
      // Checked again just before writing: a folder created above cannot have moved the target.
      const late = check(f.path);
      if (late) {
        diagnostics.push(late);
        continue;
      }
      writeFileSync(f.path, f.text);
      written.push(f.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      diagnostics.push({ code: 'OUTPUT_WRITE_FAILED', severity: 'error', message: `Cannot write "${show(f.path)}"${code ? ` (${code})` : ''}.`, file: show(f.path) });
    }
  }
  return { written, diagnostics };
}
