/**
 * A table as rows of text cells with positions: what CSV files and spreadsheet sheets both
 * become before answers are read from them.
 *
 * @module
 */
import type { Diagnostic, Result } from '../diagnostics/index.js';
import { parseCsv, restoreCsvFormulaText } from '../source/csv.js';

/** One cell: its text and where it is (CSV: line and column; sheet: row and column number). */
export interface GridCell {
  text: string;
  line: number;
  column: number;
}

/** One row of a table. */
export interface GridRow {
  /** 1-based line (CSV) or row number (sheet). */
  line: number;
  cells: (GridCell | undefined)[];
}

/** A CSV text or one worksheet, as rows of cells. */
export interface CellGrid {
  /** The file name used in diagnostics. */
  file: string;
  /** The sheet name, for worksheets; cells are then named `Sheet!C14`. */
  sheet?: string;
  rows: GridRow[];
}

/**
 * Spreadsheet column letters for a 1-based column number (1 → A, 27 → AA); the one converter
 * for column letters, with {@link columnNumber} its inverse.
 */
export function columnName(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The 1-based column number of spreadsheet column letters (A → 1, AA → 27; upper case). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** How a cell is named in messages: `Sheet!C14` in a workbook, `file:line:column` in CSV. */
export function cellName(grid: CellGrid, cell: { line: number; column: number }): string {
  if (grid.sheet !== undefined) return `${/^[A-Za-z0-9_]+$/.test(grid.sheet) ? grid.sheet : `'${grid.sheet.replace(/'/g, "''")}'`}!${columnName(cell.column)}${cell.line}`;
  return `${grid.file}:${cell.line}:${cell.column}`;
}

/** A diagnostic positioned at a cell. */
export function cellDiagnostic(grid: CellGrid, cell: { line: number; column: number }, d: Omit<Diagnostic, 'file' | 'line' | 'column'>): Diagnostic {
  return { ...d, message: grid.sheet !== undefined ? `${cellName(grid, cell)}: ${d.message}` : d.message, file: grid.file, line: cell.line, column: cell.column };
}

/**
 * Reads CSV text into a table grid (every record, the header included, as a row).
 *
 * @example
 * ```ts
 * import { csvCellGrid } from 'policy-index';
 * const grid = csvCellGrid('country,year\nAT,2019\n', 'a.csv').value!;
 * grid.rows[1]!.cells[0]; // { text: 'AT', line: 2, column: 1 }
 * ```
 */
export function csvCellGrid(text: string, file = '<input>'): Result<CellGrid> {
  const parsed = parseCsv(text, { file, header: false, strictFieldCount: false });
  const rows: GridRow[] = parsed.value.records.map((r) => ({ line: r.line, cells: r.fields.map((f) => ({ text: restoreCsvFormulaText(f), line: f.line, column: f.column })) }));
  return { value: { file, rows }, diagnostics: parsed.diagnostics };
}
