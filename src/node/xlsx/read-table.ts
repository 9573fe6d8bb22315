/**
 * Worksheets of an .xlsx file as table grids, through the fast cell reader. Node-only.
 *
 * @module
 */
import type { Diagnostic, Result } from '../../diagnostics/index.js';
import type { CellGrid, GridRow } from '../../tables/grid.js';
import { readXlsxCells } from '../mipex/xlsx-cells.js';

/** Most worksheets read from one workbook. */
export const MAX_SHEETS = 500;
/** Most cells read from one workbook. */
export const MAX_CELLS = 5_000_000;

/**
 * Reads every worksheet (or only `sheet`) of an .xlsx file into table grids: cell text as
 * shown for text, the shortest round-tripping decimal for numbers, `TRUE`/`FALSE` for
 * booleans, a formula's cached result for formulas.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { xlsxCellGrids } from 'policy-index/node';
 * const { value } = xlsxCellGrids(readFileSync('answers.xlsx'), 'answers.xlsx');
 * value?.[0]?.sheet; // the first sheet's name
 * ```
 */
export function xlsxCellGrids(bytes: Uint8Array, file: string, sheet?: string): Result<CellGrid[]> {
  let sheets;
  try {
    sheets = readXlsxCells(bytes);
  } catch (e) {
    return { diagnostics: [{ code: 'IMPORT_UNREADABLE', severity: 'error', message: `"${file}" cannot be read as an .xlsx workbook (${(e as Error).message}).`, file }] };
  }
  const diagnostics: Diagnostic[] = [];
  if (sheets.length > MAX_SHEETS) return { diagnostics: [{ code: 'FILE_TOO_LARGE', severity: 'error', message: `"${file}" has ${sheets.length} sheets; the limit is ${MAX_SHEETS}.`, file }] };
  const chosen = sheet === undefined ? sheets : sheets.filter((s) => s.name === sheet);
  if (sheet !== undefined && chosen.length === 0) {
    return { diagnostics: [{ code: 'TABLE_LAYOUT', severity: 'error', message: `"${file}" has no sheet "${sheet}"; it has ${sheets.map((s) => `"${s.name}"`).join(', ')}.`, file }] };
  }
  let cells = 0;
  const grids: CellGrid[] = [];
  for (const s of chosen) {
    const rows: GridRow[] = [];
    for (const r of [...s.rows.keys()].sort((a, b) => a - b)) {
      const row = s.rows.get(r)!;
      const out: GridRow = { line: r, cells: [] };
      for (const [c, cell] of row) {
        if (++cells > MAX_CELLS) return { diagnostics: [{ code: 'FILE_TOO_LARGE', severity: 'error', message: `"${file}" has more than ${MAX_CELLS} cells.`, file }] };
        const text = cell.value === null ? (cell.error ?? '') : String(cell.value);
        out.cells[c - 1] = { text, line: r, column: c };
      }
      rows.push(out);
    }
    grids.push({ file, sheet: s.name, rows });
  }
  return { value: grids, diagnostics };
}
