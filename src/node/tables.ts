/**
 * Answer tables on disk: reading CSV and .xlsx files into grids, and the wide table as .xlsx.
 * Imported answer sets are written by `writeAnswerSetFiles` (answer-files.ts). Node-only.
 *
 * @module
 */
import type { AnswerSet } from '../answers/types.js';
import type { Result } from '../diagnostics/index.js';
import type { Rubric } from '../rubric/types.js';
import { answerTable } from '../tables/export.js';
import { csvCellGrid, type CellGrid } from '../tables/grid.js';
import { MAX_FILE_BYTES, readTextFile } from './files.js';
import { readFileBytes } from './safe-fs.js';
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
