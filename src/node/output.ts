/**
 * The one writer of output files (Node only). Every command and API function that writes files
 * goes through {@link writeOutputFiles}:
 *
 * - an output is never one of the command's inputs, compared by real path and by device and
 *   inode, so that symbolic and hard links to an input are caught too, with or without `force`
 *   (`OUTPUT_IS_INPUT`);
 * - an output stays inside its output folder after symbolic links are resolved
 *   (`OUTPUT_OUTSIDE_FOLDER`); the output folder itself must be a folder or not exist yet
 *   (`OUTPUT_NOT_A_FOLDER`: a file, a link to nothing or to itself, a file in its path);
 * - a target that is an existing folder, named pipe, socket or device is refused, checked with
 *   `lstat`/`stat` and never opened, so that nothing can block (`OUTPUT_NOT_A_FILE`);
 * - one overwrite rule: an existing file is replaced only with `force` (`OUTPUT_EXISTS`);
 * - every output is checked before any is written, including the caller's check that the text
 *   reads back (`check`); then each file is written to a temporary file in its folder and renamed
 *   into place, so that an interrupted run leaves nothing half-written and a hard link at the
 *   target is replaced, never written through.
 *
 * @module
 */
import { chmodSync, lstatSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic, Result } from '../diagnostics/index.js';
import { InputFiles, readFileBytes, realPathOf } from './safe-fs.js';

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFile()) return 'a file';
  return 'not a regular file';
}

/** `lstat` or `stat`, undefined when nothing is there or the path cannot be followed (a link loop, a file in the path). */
function statOrUndefined(path: string, follow: boolean): Stats | undefined {
  try {
    // No exception for a path that is not there (the common case for a new output): much cheaper.
    return follow ? statSync(path, { throwIfNoEntry: false }) : lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
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
  /** The text (written as UTF-8) or the bytes. */
  text: string | Uint8Array;
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

/**
 * Checks a folder that outputs are to be written into (made when missing): it must be a folder,
 * or not exist yet below an existing folder. A file, a named pipe, a symbolic link to nothing
 * or to itself, or a file standing where one of its parent folders should be is an
 * `OUTPUT_NOT_A_FOLDER` diagnostic. Returns undefined when the folder may be used.
 *
 * @param display how the path is shown in the message
 * @example
 * ```ts
 * import { checkOutputFolder } from 'policy-index/node';
 * checkOutputFolder('package.json')?.code; // 'OUTPUT_NOT_A_FOLDER'
 * checkOutputFolder('no/such/folder/yet'); // undefined
 * ```
 */
export function checkOutputFolder(path: string, display: string = path): Diagnostic | undefined {
  const refuse = (message: string): Diagnostic => ({ code: 'OUTPUT_NOT_A_FOLDER', severity: 'error', message, file: display });
  let at = resolve(path);
  for (;;) {
    const lst = statOrUndefined(at, false);
    if (lst) {
      const st = statOrUndefined(at, true);
      const shown = at === resolve(path) ? `"${display}"` : `"${display}" lies below "${at}", which`;
      if (!st) return refuse(`${shown} is a symbolic link that leads nowhere (or back to itself); a folder is to be made there.`);
      if (!st.isDirectory()) return refuse(`${shown} is ${kindOf(st)}; a folder is to be made there.`);
      return undefined;
    }
    const up = dirname(at);
    if (up === at) return undefined;
    at = up;
  }
}

/**
 * Checks one output path: that it stays inside `root` after resolving symbolic links (when a
 * root is given), is not an input (by real path or device and inode), and is not an existing
 * folder, pipe or device, nor a symbolic link to nothing. Returns the diagnostic, or undefined
 * when the path may be written. Whether an existing file may be replaced is not checked here
 * (see {@link writeOutputFiles}).
 *
 * @param display how the path is shown in the message
 * @example
 * ```ts
 * import { checkOutputPath, InputFiles } from 'policy-index/node';
 * checkOutputPath('package.json', { inputs: new InputFiles(['package.json']) })?.code; // 'OUTPUT_IS_INPUT'
 * ```
 */
export function checkOutputPath(path: string, options: { root?: string; inputs?: InputFiles; display?: string } = {}): Diagnostic | undefined {
  const display = options.display ?? path;
  const diag = (code: 'OUTPUT_OUTSIDE_FOLDER' | 'OUTPUT_NOT_A_FILE' | 'OUTPUT_IS_INPUT', message: string): Diagnostic => ({ code, severity: 'error', message, file: display });
  if (options.root !== undefined) {
    const root = realPathOf(options.root);
    const target = realPathOf(path);
    if (target === root || leaves(root, target)) {
      return diag('OUTPUT_OUTSIDE_FOLDER', `"${display}" would be written outside the output folder (to "${target}"); it is not written.`);
    }
  }
  if (options.inputs?.includes(path)) return diag('OUTPUT_IS_INPUT', `Writing "${display}" would overwrite an input file; choose another output path.`);
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
 * thousands of files: each folder is resolved once (its real path must lie inside `root`'s, and
 * it must be a folder or not exist yet), and a file that does not exist yet only needs an
 * `lstat` and a comparison with the inputs' paths; an existing file gets the full check.
 * {@link writeOutputFiles} uses it; call it directly only to check without writing.
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
    let refused: Diagnostic | undefined;
    if (leaves(rootReal, real)) {
      refused = { code: 'OUTPUT_OUTSIDE_FOLDER', severity: 'error', message: `"${display(dir)}" lies outside the output folder (at "${real}"); nothing is written in it.`, file: display(dir) };
    } else refused = checkOutputFolder(dir, display(dir));
    const f = refused ? { refused, real } : { real };
    folders.set(dir, f);
    return f;
  };
  return {
    check(path) {
      const f = folder(dirname(path), false);
      if (f.refused) return { refused: f.refused, exists: false };
      const lst = statOrUndefined(path, false);
      if (lst) {
        // A link gets the full check (where it leads); anything else is checked as it stands in its checked folder.
        const refused = lst.isSymbolicLink()
          ? checkOutputPath(path, { root, inputs, display: display(path) })
          : inputs.includes(path)
            ? { code: 'OUTPUT_IS_INPUT' as const, severity: 'error' as const, message: `Writing "${display(path)}" would overwrite an input file; choose another output path.`, file: display(path) }
            : !lst.isFile()
              ? { code: 'OUTPUT_NOT_A_FILE' as const, severity: 'error' as const, message: `"${display(path)}" is ${kindOf(lst)}; a file is to be written there. Give a file name.`, file: display(path) }
              : undefined;
        return refused ? { refused, exists: true } : { exists: true };
      }
      if (inputPaths.has(path) || inputPaths.has(join(f.real, basename(path)))) {
        return { refused: { code: 'OUTPUT_IS_INPUT', severity: 'error', message: `Writing "${display(path)}" would overwrite an input file; choose another output path.`, file: display(path) }, exists: false };
      }
      return { exists: false };
    },
    beforeWrite(path) {
      const dir = dirname(path);
      if (made.has(dir)) return folders.get(dir)?.refused;
      const before = folder(dir, true).refused;
      if (before) return before;
      try {
        mkdirSync(dir, { recursive: true });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { code: 'OUTPUT_WRITE_FAILED', severity: 'error', message: `Cannot make the folder "${display(dir)}"${code ? ` (${code})` : ''}.`, file: display(dir) };
      }
      made.add(dir);
      return folder(dir, true).refused;
    },
  };
}

/** Options for {@link writeOutputFiles}. */
export interface WriteOutputFilesOptions {
  /** The output folder: every file must stay inside it after symbolic links are resolved. Without it, each file's own folder is checked. */
  root?: string;
  /** The command's inputs: never written, whatever link leads to them, with or without `force`. */
  inputs?: InputFiles;
  /**
   * Whether an existing file may be replaced: `true` for every file, a function to decide per
   * file (e.g. only files this program wrote), `false` (default) for none (`OUTPUT_EXISTS`).
   */
  force?: boolean | ((path: string) => boolean);
  /** How a path is shown in diagnostics. */
  display?: (path: string) => string;
  /** Hint of the `OUTPUT_EXISTS` diagnostic (default: pass --force). */
  existsHint?: string;
  /**
   * A check of each file's content before anything is written, e.g. that it reads back: any
   * error means that nothing is written (the diagnostics are returned, warnings too).
   */
  check?: (file: OutputFile) => readonly Diagnostic[];
  /**
   * Write the files that pass their checks and report the others (default: when any file is
   * refused, none is written).
   */
  skipRefused?: boolean;
}

/** What {@link writeOutputFiles} did. */
export interface WriteOutputFilesResult {
  /** Paths written (renamed into place), in the order given. */
  written: string[];
  /** Paths left alone because the file already holds exactly the content (only where replacing was allowed). */
  unchanged: string[];
  diagnostics: Diagnostic[];
}

let tempCounter = 0;

/** Temporary files made by {@link writeOutputFiles} and not yet renamed into place or removed. */
const pendingTemps = new Set<string>();

/**
 * Removes the temporary files of a write that is under way (none once {@link writeOutputFiles}
 * has returned): for a process that is stopping early, e.g. on Ctrl-C, so that it leaves no
 * partial file behind.
 */
export function removePendingOutputTemps(): void {
  for (const temp of pendingTemps) {
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
  }
  pendingTemps.clear();
}

function sameBytes(path: string, text: string | Uint8Array): boolean {
  const want = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const have = readFileBytes(path, path, { maxBytes: want.length + 1 }).value;
  return have !== undefined && have.equals(want);
}

/**
 * Writes output files, the one way files are written. Every file is checked first (see the
 * module notes: inputs, output folder, folders/pipes/devices, the overwrite rule and the
 * caller's `check`); unless `skipRefused`, one refused file means nothing is written. Each file
 * is then written to a temporary file beside it and renamed into place; a file that already
 * holds the same content is left alone (`unchanged`). If a write fails, the temporary files are
 * removed and nothing is renamed.
 *
 * @example
 * ```ts
 * import { writeOutputFiles, InputFiles } from 'policy-index/node';
 * const { written, diagnostics } = writeOutputFiles([{ path: '/tmp/out/a.txt', text: 'a' }], { root: '/tmp/out', inputs: new InputFiles(), force: true });
 * ```
 */
export function writeOutputFiles(files: readonly OutputFile[], options: WriteOutputFilesOptions = {}): WriteOutputFilesResult {
  const show = options.display ?? ((p: string) => p);
  const inputs = options.inputs ?? new InputFiles();
  const mayReplace = (p: string): boolean => (typeof options.force === 'function' ? options.force(p) : options.force === true);
  const result: WriteOutputFilesResult = { written: [], unchanged: [], diagnostics: [] };
  const diagnostics = result.diagnostics;
  const rootRefused = options.root !== undefined ? checkOutputFolder(options.root, show(options.root)) : undefined;
  if (rootRefused) {
    diagnostics.push(rootRefused);
    return result;
  }
  // One guard per output folder: below `root`, or each file's own folder.
  const guards = new Map<string, OutputGuard>();
  const guardFor = (path: string): OutputGuard => {
    const root = options.root ?? dirname(path);
    let g = guards.get(root);
    if (!g) guards.set(root, (g = outputGuard(root, inputs, show)));
    return g;
  };
  const planned: { file: OutputFile; exists: boolean }[] = [];
  const seen = new Set<string>();
  let refusedAny = false;
  for (const file of files) {
    const path = resolve(file.path);
    const shown = show(path);
    const refuse = (d: Diagnostic) => {
      diagnostics.push(d);
      refusedAny = true;
    };
    if (seen.has(path)) {
      refuse({ code: 'OUTPUT_EXISTS', severity: 'error', message: `"${shown}" would be written twice in one run; only one file can have that name.`, file: shown });
      continue;
    }
    seen.add(path);
    const checked = options.root !== undefined ? guardFor(path).check(path) : (() => {
      const folderRefused = checkOutputFolder(dirname(path), show(dirname(path)));
      if (folderRefused) return { refused: folderRefused, exists: false };
      const refused = checkOutputPath(path, { inputs, display: shown });
      return { ...(refused ? { refused } : {}), exists: statOrUndefined(path, false) !== undefined };
    })();
    if (checked.refused) {
      refuse(checked.refused);
      continue;
    }
    if (checked.exists && !mayReplace(path)) {
      refuse({ code: 'OUTPUT_EXISTS', severity: 'error', message: `"${shown}" exists; it is not replaced.`, file: shown, hint: options.existsHint ?? 'Pass --force to replace it, or choose another output path.' });
      continue;
    }
    const problems = options.check?.(file) ?? [];
    for (const d of problems) diagnostics.push(d);
    if (problems.some((d) => d.severity === 'error')) {
      refusedAny = true;
      continue;
    }
    planned.push({ file: { path, text: file.text }, exists: checked.exists });
  }
  if (refusedAny && !options.skipRefused) return result;

  // Write every file to a temporary file beside its target, then rename them all into place.
  const temps: { temp: string; path: string }[] = [];
  const removeTemps = () => {
    for (const t of temps) {
      pendingTemps.delete(t.temp);
      try {
        unlinkSync(t.temp);
      } catch {
        /* already gone */
      }
    }
  };
  for (const { file, exists } of planned) {
    const path = file.path;
    if (exists && sameBytes(path, file.text)) {
      result.unchanged.push(path);
      continue;
    }
    const late = options.root !== undefined ? guardFor(path).beforeWrite(path) : (() => {
      try {
        mkdirSync(dirname(path), { recursive: true });
        return checkOutputFolder(dirname(path), show(dirname(path)));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { code: 'OUTPUT_WRITE_FAILED' as const, severity: 'error' as const, message: `Cannot make the folder "${show(dirname(path))}"${code ? ` (${code})` : ''}.`, file: show(dirname(path)) };
      }
    })();
    if (late) {
      diagnostics.push(late);
      removeTemps();
      return { ...result, written: [] };
    }
    const temp = join(dirname(path), `.${basename(path).slice(0, 180)}.${process.pid}-${++tempCounter}.tmp`);
    try {
      // Created exclusively: nothing put at the temporary name is ever written through.
      pendingTemps.add(temp);
      writeFileSync(temp, file.text, { flag: 'wx' });
      temps.push({ temp, path });
      // A replaced file keeps its permissions.
      const before = exists ? statOrUndefined(path, true) : undefined;
      if (before?.isFile()) chmodSync(temp, before.mode & 0o7777);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      diagnostics.push({ code: 'OUTPUT_WRITE_FAILED', severity: 'error', message: `Cannot write "${show(path)}"${code ? ` (${code})` : ''}.`, file: show(path) });
      // A temporary file cut short (a full disk) goes too; one that was never made is not there to remove.
      if (code === 'EEXIST') pendingTemps.delete(temp);
      else if (!temps.some((t) => t.temp === temp)) temps.push({ temp, path });
      removeTemps();
      return { ...result, written: [] };
    }
  }
  // Checked once more just before the renames: nothing may have become an input, a folder or a pipe meanwhile.
  for (const t of temps) {
    const late = options.root !== undefined ? guardFor(t.path).check(t.path).refused : checkOutputPath(t.path, { inputs, display: show(t.path) });
    if (late) {
      diagnostics.push(late);
      removeTemps();
      return { ...result, written: [] };
    }
  }
  for (let i = 0; i < temps.length; i++) {
    const t = temps[i]!;
    try {
      renameSync(t.temp, t.path);
      pendingTemps.delete(t.temp);
      result.written.push(t.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      diagnostics.push({ code: 'OUTPUT_WRITE_FAILED', severity: 'error', message: `Cannot write "${show(t.path)}"${code ? ` (${code})` : ''}.`, file: show(t.path) });
      removeTemps();
      return result;
    }
  }
  return result;
}
