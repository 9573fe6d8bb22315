/**
 * File-system loaders (Node only).
 *
 * @module
 */
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic, Result } from '../diagnostics/index.js';
import { loadRubric } from '../rubric/load.js';
import type { Rubric } from '../rubric/types.js';
import { loadAnswerSet } from '../answers/load.js';
import type { AnswerSet } from '../answers/types.js';

/** Largest file read, in bytes. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Reads a UTF-8 text file (without a byte-order mark), returning a diagnostic instead of throwing.
 *
 * @example
 * ```ts
 * import { readTextFile } from 'policy-index/node';
 * readTextFile('package.json').value?.startsWith('{'); // true
 * readTextFile('no/such/file.yaml').diagnostics[0]?.code; // 'FILE_NOT_FOUND'
 * ```
 */
export function readTextFile(path: string, display = path): Result<string> {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { diagnostics: [{ code: 'FILE_NOT_FOUND', severity: 'error', message: `"${display}" is a folder, not a file.`, file: display }] };
    if (st.size > MAX_FILE_BYTES) return { diagnostics: [{ code: 'FILE_TOO_LARGE', severity: 'error', message: `"${display}" is ${st.size} bytes; the limit is ${MAX_FILE_BYTES}.`, file: display, line: 1, column: 1 }] };
    return { value: readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), diagnostics: [] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { diagnostics: [{ code: 'FILE_NOT_FOUND', severity: 'error', message: `Cannot read "${display}"${code ? ` (${code})` : ''}.`, file: display }] };
  }
}

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
  return loadRubric(text.value, {
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
      return readTextFile(real).value;
    },
  });
}

/**
 * Lists input files: files as given, folders searched recursively (in name order) for files
 * with one of the given extensions — by default `.yaml`/`.yml`, the answer-set files.
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
  const walk = (dir: string, depth: number) => {
    if (depth > 16) return;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      diagnostics.push({ code: 'FILE_NOT_FOUND', severity: 'error', message: `Cannot read the folder "${dir}".`, file: dir });
      return;
    }
    for (const e of entries) {
      if (e.startsWith('.')) continue;
      const full = join(dir, e);
      let st;
      try {
        st = statSync(full);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(full, depth + 1);
      else if (wanted.has(e.slice(e.lastIndexOf('.') + 1).toLowerCase())) files.push(full);
    }
  };
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) walk(p, 0);
      else files.push(p);
    } catch {
      diagnostics.push({ code: 'FILE_NOT_FOUND', severity: 'error', message: `"${p}" does not exist.`, file: p });
    }
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
    diagnostics.push(...r.diagnostics);
    if (r.text !== undefined) sources[f.split(sep).join('/')] = r.text;
    if (r.value) sets.push(r.value);
  }
  return { value: sets, diagnostics, sources };
}
