/**
 * Answer sets written as files, the one way: one YAML file per country and year at
 * `<out>/<CC>/<CC>-<year>.yaml`, its text made by `formatAnswerSet` (or written into the
 * existing file's text by `updateAnswerSetText`), read back with the answer loader before
 * anything is written, and written by the one writer (`output.ts`). Node-only.
 *
 * @module
 */
import { formatAnswerSet, updateAnswerSetText } from '../answers/format.js';
import { loadAnswerSet } from '../answers/load.js';
import type { AnswerSet } from '../answers/types.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { outputPath, writeOutputFiles, type OutputFile } from './output.js';
import { InputFiles, readTextFile } from './safe-fs.js';
import { relative, resolve, sep } from 'node:path';
import { lstatSync } from 'node:fs';

/** The name parts of an answer set's file below the output folder (`['CA', 'CA-2019.yaml']`), or undefined when its country or year cannot name a file. */
function answerSetFileParts(set: Pick<AnswerSet, 'country' | 'year'>): [string, string] | undefined {
  return /^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/.test(set.country) && Number.isInteger(set.year) ? [set.country, `${set.country}-${set.year}.yaml`] : undefined;
}

/**
 * The diagnostics of reading an answer-set text back with the answer loader, shown as `file`:
 * a writer calls it before writing, so that nothing it writes fails to load.
 */
function answerSetTextProblems(text: string, file: string): Diagnostic[] {
  return loadAnswerSet(text, { file }).diagnostics;
}

/** Options for {@link writeAnswerSetFiles}. */
export interface WriteAnswerSetFilesOptions {
  /**
   * Replace existing files: `true` for every file, or a function deciding per path. Without
   * it, an existing file is never replaced (`OUTPUT_EXISTS`) and nothing is written.
   */
  force?: boolean | ((path: string) => boolean);
  /** Paths that must never be written (e.g. the input table and the mapping), whatever link leads to them. */
  protect?: readonly string[];
  /**
   * How an existing file is replaced: `update` (default) writes the new answers into the
   * file's text, keeping its comments and key order; `replace` writes the new text.
   */
  existing?: 'update' | 'replace';
  /** Comment lines at the top of each new file (without `#`). */
  header?: (set: AnswerSet) => readonly string[];
  /** Further files written with the answer sets, by name parts below the output folder. */
  extraFiles?: readonly { parts: readonly string[]; text: string }[];
  /** Write the files that pass their checks and report the others (default: nothing is written when one is refused). */
  skipRefused?: boolean;
  /** How a path is shown in diagnostics (default: as it is). */
  display?: (path: string) => string;
  /** Hint of the diagnostic for an existing file that is not replaced. */
  existsHint?: string;
}

/** What {@link writeAnswerSetFiles} did, paths relative to the output folder. */
export interface WriteAnswerSetFilesResult {
  written: string[];
  unchanged: string[];
  diagnostics: Diagnostic[];
}

/**
 * Writes one YAML file per answer set at `<outDir>/<CC>/<CC>-<year>.yaml`. An existing file is
 * never replaced without `force`; with it, the new answers are written into the file's text
 * with {@link updateAnswerSetText}, keeping its comments and key order. Every text is read back
 * with the answer loader before anything is written; if any file is refused or fails to read
 * back, nothing is written. Nothing is written outside `outDir`, over a protected path or
 * through a link.
 *
 * @example
 * ```ts
 * import type { AnswerSet } from 'policy-index';
 * import { writeAnswerSetFiles } from 'policy-index/node';
 * declare const sets: AnswerSet[];
 * const { written, diagnostics } = writeAnswerSetFiles(sets, 'answers');
 * ```
 */
export function writeAnswerSetFiles(sets: readonly AnswerSet[], outDir: string, options: WriteAnswerSetFilesOptions = {}): WriteAnswerSetFilesResult {
  const root = resolve(outDir);
  const inputs = new InputFiles(options.protect ?? []);
  const diagnostics: Diagnostic[] = [];
  const files: OutputFile[] = [];
  const mayReplace = (p: string): boolean => (typeof options.force === 'function' ? options.force(p) : options.force === true);
  for (const set of sets) {
    // A name that would leave the folder is refused as such; any other country or year that cannot name a file as invalid.
    const where = outputPath(root, [set.country, `${set.country}-${set.year}.yaml`]);
    if (where.value === undefined || !answerSetFileParts(set)) {
      for (const d of where.value === undefined ? where.diagnostics : [{ code: 'ANSWERS_INVALID_COUNTRY' as const, severity: 'error' as const, message: `Cannot name a file for "${set.country}" ${set.year}.` }]) diagnostics.push(d);
      continue;
    }
    const target = where.value;
    let text = formatAnswerSet(set, options.header ? { header: options.header(set) } : {});
    // An existing regular file that may be replaced is updated in its own text (read only: the writer decides whether it may be written).
    if ((options.existing ?? 'update') === 'update' && mayReplace(target) && isRegularFile(target)) {
      const old = readTextFile(target, target);
      if (old.value !== undefined) text = updateAnswerSetText(old.value, set);
    }
    files.push({ path: target, text });
  }
  for (const extra of options.extraFiles ?? []) {
    const where = outputPath(root, extra.parts);
    if (where.value === undefined) for (const d of where.diagnostics) diagnostics.push(d);
    else files.push({ path: where.value, text: extra.text });
  }
  if (diagnostics.length && !options.skipRefused) return { written: [], unchanged: [], diagnostics };
  const yaml = new Set(files.slice(0, files.length - (options.extraFiles?.length ?? 0)).map((f) => f.path));
  const wrote = writeOutputFiles(files, {
    root,
    inputs,
    force: mayReplace,
    ...(options.display ? { display: options.display } : {}),
    existsHint: options.existsHint ?? ((options.existing ?? 'update') === 'update' ? 'Pass --force to update existing files (their comments and key order are kept).' : 'Pass --force to replace it, or choose another output folder.'),
    ...(options.skipRefused ? { skipRefused: true } : {}),
    check: (f) => (yaml.has(f.path) ? answerSetTextProblems(String(f.text), options.display ? options.display(f.path) : f.path).filter((d) => d.severity === 'error') : []),
  });
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  return { written: wrote.written.map(rel), unchanged: wrote.unchanged.map(rel), diagnostics: [...diagnostics, ...wrote.diagnostics] };
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}
