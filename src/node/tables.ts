/**
 * Answer tables on disk: reading CSV and .xlsx files into grids, writing imported answer sets
 * as one YAML file per country and year, and writing the wide table as .xlsx. Node-only.
 *
 * @module
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatAnswerSet, updateAnswerSetText } from '../answers/format.js';
import type { AnswerSet } from '../answers/types.js';
import type { Diagnostic, Result } from '../diagnostics/index.js';
import type { Rubric } from '../rubric/types.js';
import { answerTable } from '../tables/export.js';
import { csvCellGrid, type CellGrid } from '../tables/grid.js';
import { MAX_FILE_BYTES, readTextFile } from './files.js';
import { InputFiles, outputGuard, outputPath, readFileBytes } from './safe-fs.js';
import { loadExcelJs } from './xlsx/exceljs.js';
import { xlsxCellGrids } from './xlsx/read-table.js';

/** Options for {@link readAnswerTableFile}. */
export interface ReadAnswerTableOptions {
  /** Only this worksheet (xlsx). */
  sheet?: string;
  /** Name used in diagnostics (default: the path). */
  display?: string;
}

/** What {@link readAnswerTableFile} returns: the grids, and the country and year a questionnaire names. */
export interface AnswerTableFile {
  grids: CellGrid[];
  defaults: { country?: string; year?: number };
}

/** The sheet of a questionnaire that names the country and year (two columns: field, value). */
export const QUESTIONNAIRE_ABOUT_SHEET = 'About';

/**
 * Reads a CSV or .xlsx file into table grids. For a workbook with an `About` sheet (as
 * `policy-index questionnaire` writes), its `country` and `year` rows become the defaults for
 * sheets without such columns.
 *
 * @example
 * ```ts
 * import { readAnswerTableFile } from 'policy-index/node';
 * const { value } = readAnswerTableFile('answers.csv');
 * value?.grids[0]?.rows.length;
 * ```
 */
export function readAnswerTableFile(path: string, options: ReadAnswerTableOptions = {}): Result<AnswerTableFile> {
  const display = options.display ?? path;
  if (/\.xlsx$/i.test(path)) {
    // Only a regular file, and at most five times the text limit (pipes and devices are refused, never read).
    const read = readFileBytes(path, display, { maxBytes: MAX_FILE_BYTES * 5 });
    if (!read.value) return { diagnostics: read.diagnostics };
    const bytes = read.value;
    const r = xlsxCellGrids(bytes, display, options.sheet);
    if (!r.value) return { diagnostics: r.diagnostics };
    const defaults: AnswerTableFile['defaults'] = {};
    const about = r.value.find((g) => g.sheet === QUESTIONNAIRE_ABOUT_SHEET);
    for (const row of about?.rows ?? []) {
      const key = row.cells[0]?.text.trim().toLowerCase();
      const value = row.cells[1]?.text.trim() ?? '';
      if (key === 'country' && value) defaults.country = value;
      if (key === 'year' && /^\d{4}$/.test(value)) defaults.year = Number(value);
    }
    return { value: { grids: r.value.filter((g) => g !== about), defaults }, diagnostics: r.diagnostics };
  }
  const text = readTextFile(path, display);
  if (text.value === undefined) return { diagnostics: text.diagnostics };
  const g = csvCellGrid(text.value, display);
  return { value: { grids: [g.value!], defaults: {} }, diagnostics: g.diagnostics };
}

/** Options for {@link writeAnswerSetFiles}. */
export interface WriteAnswerSetFilesOptions {
  /** Replace existing files (keeping their comments and key order). */
  force?: boolean;
  /** Paths that must never be written (e.g. the input table). */
  protect?: readonly string[];
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
 * with {@link updateAnswerSetText}, keeping its comments and key order. If any target exists
 * without `force`, nothing is written. Nothing is written outside `outDir`.
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
  const guard = outputGuard(root, inputs);
  const diagnostics: Diagnostic[] = [];
  const plan: { rel: string; target: string; text: string; exists: boolean; old?: string }[] = [];
  for (const set of sets) {
    const where = /^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/.test(set.country) && Number.isInteger(set.year) ? outputPath(root, [set.country, `${set.country}-${set.year}.yaml`]) : undefined;
    if (!where?.value) {
      diagnostics.push({ code: 'ANSWERS_INVALID_COUNTRY', severity: 'error', message: `Cannot name a file for "${set.country}" ${set.year}.` });
      continue;
    }
    const rel = `${set.country}/${set.country}-${set.year}.yaml`;
    const target = where.value;
    const checked = guard.check(target);
    if (checked.refused) {
      diagnostics.push(checked.refused);
      continue;
    }
    let text = formatAnswerSet(set);
    let previous: string | undefined;
    if (checked.exists) {
      if (!options.force) {
        diagnostics.push({ code: 'CLI_WOULD_OVERWRITE_INPUT', severity: 'error', message: `"${rel}" exists in the output folder; nothing was written.`, file: target, hint: 'Pass --force to update existing files (their comments and key order are kept).' });
        continue;
      }
      const old = readTextFile(target, target);
      if (old.value === undefined) {
        for (const d of old.diagnostics) diagnostics.push(d);
        continue;
      }
      previous = old.value;
      try {
        text = updateAnswerSetText(old.value, set);
      } catch {
        diagnostics.push({ code: 'FILE_NOT_FOUND', severity: 'error', message: `Cannot read "${target}" as an answer set to update.`, file: target });
        continue;
      }
    }
    plan.push({ rel, target, text, exists: checked.exists, ...(previous !== undefined ? { old: previous } : {}) });
  }
  const result: WriteAnswerSetFilesResult = { written: [], unchanged: [], diagnostics };
  if (diagnostics.some((d) => d.severity === 'error')) return result;
  for (const p of plan) {
    try {
      // The text read for the update above: the file is not read a second time.
      if (p.exists && p.old === p.text) {
        result.unchanged.push(p.rel);
        continue;
      }
      const late = guard.beforeWrite(p.target);
      if (late) {
        diagnostics.push(late);
        continue;
      }
      // A new file is created exclusively: a link or file put there since the check is never written through.
      writeFileSync(p.target, p.text, p.exists ? {} : { flag: 'wx' });
      result.written.push(p.rel);
    } catch (e) {
      diagnostics.push({ code: 'OUTPUT_WRITE_FAILED', severity: 'error', message: `Cannot write "${p.target}" (${(e as NodeJS.ErrnoException).code ?? String(e)}).`, file: p.target });
    }
  }
  return result;
}

/**
 * The wide answer table as an .xlsx workbook (one sheet `Answers`, text cells), written with
 * the optional `exceljs` package.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import type { AnswerSet, Rubric } from 'policy-index';
 * import { answerTableXlsx } from 'policy-index/node';
 * declare const rubric: Rubric, sets: AnswerSet[];
 * const { value } = await answerTableXlsx(rubric, sets);
 * if (value) writeFileSync('answers.xlsx', value);
 * ```
 */
export async function answerTableXlsx(rubric: Rubric, sets: readonly AnswerSet[]): Promise<Result<Uint8Array>> {
  const ExcelJS = await loadExcelJs();
  if (!ExcelJS.value) return { diagnostics: ExcelJS.diagnostics };
  const t = answerTable(rubric, sets);
  const wb = new ExcelJS.value.Workbook();
  const ws = wb.addWorksheet('Answers');
  // Every cell is text, so that `040` or `1.50` stay as written.
  for (const r of [t.header, ...t.rows]) ws.addRow(r.map((c) => c));
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
  const buf = await wb.xlsx.writeBuffer();
  return { value: new Uint8Array(buf as ArrayBuffer), diagnostics: [] };
}
