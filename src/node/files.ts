/**
 * File-system loaders (Node only).
 *
 * @module
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { readTextFile } from './safe-fs.js';
import { byCodePoint } from '../text/order.js';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic, Result } from '../diagnostics/index.js';
import { loadRubric } from '../rubric/load.js';
import type { Rubric } from '../rubric/types.js';
import { loadAnswerSet } from '../answers/load.js';
import type { AnswerSet } from '../answers/types.js';

export { MAX_FILE_BYTES, readTextFile } from './safe-fs.js';

const INDEX_NAMES = ['index.yaml', 'index.yml', 'rubric.yaml', 'rubric.yml'];

/**
 * Finds the index file of a rubric given a file or a folder (`index.yaml`, `index.yml`,
 * `rubric.yaml` or `rubric.yml` inside it).
 *
 * @example
 * ```ts
 * import { resolveRubricIndex } from 'policy-index/node';
 * resolveRubricIndex('examples/demo/rubric'); // 'examples/demo/rubric/index.yaml'
 * resolveRubricIndex('no/such/folder'); // undefined
 * ```
 */
export function resolveRubricIndex(path: string): string | undefined {
  try {
    if (statSync(path).isDirectory()) {
      for (const name of INDEX_NAMES) {
        try {
          if (statSync(join(path, name)).isFile()) return join(path, name);
        } catch {
          /* try the next name */
        }
      }
      return undefined;
    }
    return path;
  } catch {
    return undefined;
  }
}

/**
 * Loads a rubric from its index file or folder, reading included area files from inside the
 * rubric folder only (symbolic links that point outside are refused).
 *
 * @example
 * ```ts
 * import { loadRubricFile } from 'policy-index/node';
 * const { value: rubric, diagnostics } = loadRubricFile('rubrics/mipex-2020');
 * ```
 */
export function loadRubricFile(path: string): Result<Rubric> & { sources: Record<string, string> } {
  const index = resolveRubricIndex(path);
  if (!index) {
    return { diagnostics: [{ code: 'FILE_NOT_FOUND', severity: 'error', message: `No rubric found at "${path}" (expected a YAML file, or a folder with index.yaml).`, file: path }], sources: {} };
  }
  const text = readTextFile(index);
  if (text.value === undefined) return { diagnostics: text.diagnostics, sources: {} };
  const folder = resolve(index, '..');
  let realFolder = folder;
  try {
    realFolder = realpathSync(folder);
  } catch {
    /* keep the plain path */
  }
  const file = index.split(sep).join('/');
  const readDiagnostics: Diagnostic[] = [];
  const result = loadRubric(text.value, {
    file,
    readFile: (rel) => {
      const full = resolve(folder, rel);
      let real: string;
      try {
        real = realpathSync(full);
      } catch {
        return undefined;
      }
      const inside = relative(realFolder, real);
      if (inside.startsWith('..') || resolve(realFolder, inside) !== real) return undefined;
      const read = readTextFile(real, full.split(sep).join('/'));
      // Why an include could not be read (a pipe, a device, too large, UTF-16) is said beside the loader's FILE_NOT_FOUND.
      for (const item of read.diagnostics.filter((d) => d.code !== 'FILE_NOT_FOUND')) readDiagnostics.push(item);
      return read.value;
    },
  });
  return readDiagnostics.length ? { ...result, diagnostics: [...result.diagnostics, ...readDiagnostics] } : result;
}

/** Deepest folder level searched below a folder named on the command line. */
export const MAX_FOLDER_DEPTH = 16;

/** Most folder entries looked at in one search. */
export const MAX_FOLDER_ENTRIES = 100_000;

/**
 * Lists input files: files as given, folders searched recursively (in name order) for files
 * with one of the given extensions — by default `.yaml`/`.yml`, the answer-set files.
 *
 * A search never leaves the folder it was given: a symbolic link to a folder outside it (or to
 * a folder already searched, such as a link to itself) is not followed and is reported with
 * `FOLDER_LINK_SKIPPED`; each file is listed once even when several links lead to it; folders
 * deeper than {@link MAX_FOLDER_DEPTH} levels are reported (`FOLDER_TOO_DEEP`), and a search
 * stops after {@link MAX_FOLDER_ENTRIES} entries (`FOLDER_TOO_MANY_FILES`). Pipes, devices and
 * other non-regular files with a wanted extension are reported (`FILE_NOT_REGULAR`), never opened.
 *
 * @example
 * ```ts
 * import { expandAnswerPaths } from 'policy-index/node';
 * expandAnswerPaths(['examples/demo/answers']).files;
 * // ['examples/demo/answers/northland-2024.yaml', 'examples/demo/answers/southland-2024.yaml']
 * ```
 */
export function expandAnswerPaths(paths: readonly string[], extensions: readonly string[] = ['yaml', 'yml']): { files: string[]; diagnostics: Diagnostic[] } {
  const wanted = new Set(extensions.map((e) => e.toLowerCase()));
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  let entriesSeen = 0;
  let tooMany = false;
  const id = (st: { dev: number; ino: number }) => `${st.dev}:${st.ino}`;
  const addFile = (full: string, st: { dev: number; ino: number }) => {
    if (seenFiles.has(id(st))) return;
    seenFiles.add(id(st));
    files.push(full);
  };
  const walk = (dir: string, realRoot: string, depth: number) => {
    if (depth > MAX_FOLDER_DEPTH) {
      diagnostics.push({ code: 'FOLDER_TOO_DEEP', severity: 'warning', message: `"${dir}" lies more than ${MAX_FOLDER_DEPTH} folders deep; its files are not read.`, file: dir });
      return;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodePoint(a.name, b.name));
    } catch {
      diagnostics.push({ code: 'FILE_NOT_FOUND', severity: 'error', message: `Cannot read the folder "${dir}".`, file: dir });
      return;
    }
    for (const dirent of entries) {
      const e = dirent.name;
      if (tooMany) return;
      if (++entriesSeen > MAX_FOLDER_ENTRIES) {
        tooMany = true;
        diagnostics.push({ code: 'FOLDER_TOO_MANY_FILES', severity: 'error', message: `The folder search met more than ${MAX_FOLDER_ENTRIES} entries; the rest (from "${join(dir, e)}") are not read.`, file: dir });
        return;
      }
      if (e.startsWith('.')) continue;
      const full = join(dir, e);
      const wantedName = wanted.has(e.slice(e.lastIndexOf('.') + 1).toLowerCase());
      // A plain file of another kind needs no look at all.
      if (dirent.isFile() && !wantedName) continue;
      let st;
      let link = false;
      try {
        // The folder listing tells links from files; a file of unknown type is asked about.
        link = dirent.isSymbolicLink() || (!dirent.isFile() && !dirent.isDirectory() && lstatSync(full).isSymbolicLink());
        st = statSync(full);
      } catch (error) {
        if (link && wantedName) diagnostics.push({ code: 'FILE_NOT_FOUND', severity: 'error', message: `"${full}" is a symbolic link that leads nowhere${(error as NodeJS.ErrnoException).code === 'ELOOP' ? ' (it leads back to itself)' : ''}; it is not read.`, file: full });
        continue;
      }
      if (st.isDirectory()) {
        let realDir: string;
        try {
          realDir = realpathSync(full);
        } catch {
          continue;
        }
        const rel = relative(realRoot, realDir);
        if (link && (rel.startsWith('..') || isAbsolute(rel))) {
          diagnostics.push({ code: 'FOLDER_LINK_SKIPPED', severity: 'warning', message: `"${full}" is a link to a folder outside "${realRoot}"; it is not followed.`, file: full });
          continue;
        }
        if (seenDirs.has(id(st))) {
          diagnostics.push({ code: 'FOLDER_LINK_SKIPPED', severity: 'warning', message: `"${full}" leads back to a folder already searched; it is not searched again.`, file: full });
          continue;
        }
        seenDirs.add(id(st));
        walk(full, realRoot, depth + 1);
      } else if (wantedName) {
        if (st.isFile()) addFile(full, st);
        else diagnostics.push({ code: 'FILE_NOT_REGULAR', severity: 'error', message: `"${full}" is not a regular file (a pipe, socket or device); it is not read.`, file: full });
      }
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (error) {
      const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
      diagnostics.push({ code: 'FILE_NOT_FOUND', severity: 'error', message: loop ? `"${p}" is a symbolic link that leads back to itself.` : `"${p}" does not exist.`, file: p });
      continue;
    }
    if (st.isDirectory()) {
      if (seenDirs.has(id(st))) continue;
      seenDirs.add(id(st));
      let realRoot = resolve(p);
      try {
        realRoot = realpathSync(p);
      } catch {
        /* keep the plain path */
      }
      walk(p, realRoot, 0);
    } else if (st.isFile()) addFile(p, st);
    // Pipes and devices named directly are reported by the reader, before it opens them.
    else files.push(p);
  }
  return { files, diagnostics };
}

/**
 * Loads an answer set from a file.
 *
 * @example
 * ```ts
 * import { loadAnswerSetFile } from 'policy-index/node';
 * const { value } = loadAnswerSetFile('examples/demo/answers/northland-2024.yaml');
 * ```
 */
export function loadAnswerSetFile(path: string): Result<AnswerSet> & { text?: string } {
  const text = readTextFile(path);
  if (text.value === undefined) return { diagnostics: text.diagnostics };
  return { ...loadAnswerSet(text.value, { file: path.split(sep).join('/') }), text: text.value };
}

/**
 * Loads every answer set in the given files and folders (folders recursively), in path order.
 *
 * @example
 * ```ts
 * import { loadAnswerSetFiles } from 'policy-index/node';
 * const { value: sets } = loadAnswerSetFiles(['examples/demo/answers']);
 * ```
 */
export function loadAnswerSetFiles(paths: readonly string[]): Result<AnswerSet[]> & { sources: Record<string, string> } {
  const { files, diagnostics } = expandAnswerPaths(paths);
  const sets: AnswerSet[] = [];
  const sources: Record<string, string> = {};
  for (const f of files) {
    const r = loadAnswerSetFile(f);
    for (const item of r.diagnostics) diagnostics.push(item);
    if (r.text !== undefined) sources[f.split(sep).join('/')] = r.text;
    if (r.value) sets.push(r.value);
  }
  return { value: sets, diagnostics, sources };
}
