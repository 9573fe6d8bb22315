/**
 * Published scores from a spreadsheet (.xlsx), in the long layout of `readPublishedRows`.
 * Node-only: it reads the file's bytes with the package's fast xlsx reader.
 *
 * @module
 */
import type { Diagnostic } from '../diagnostics/index.js';
import { readPublishedRows, type PublishedCell, type PublishedValue, type ReadPublishedOptions } from '../analysis/verify/published.js';
import { D } from '../answers/exact.js';
import { columnName } from '../tables/grid.js';
import { readXlsxCells, type XlsxCell } from './mipex/xlsx-cells.js';

/** Options for {@link readPublishedXlsx}. */
export interface ReadPublishedXlsxOptions extends ReadPublishedOptions {
  /** The sheet holding the table (default: the first sheet). */
  sheet?: string;
}

function cellText(cell: XlsxCell | undefined): string {
  if (!cell || cell.value === null) return '';
  // Numbers as their shortest decimal text: what the spreadsheet shows at full precision.
  return typeof cell.value === 'number' ? new D(cell.value).toFixed() : String(cell.value);
}

/**
 * Reads published scores from an .xlsx table whose first non-empty row is the header
 * (`country,year,node,value` by default). Diagnostics name the cell (`Scores!D7`).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readPublishedXlsx } from 'policy-index/node';
 * const { value, diagnostics } = readPublishedXlsx(readFileSync('scores.xlsx'), { file: 'scores.xlsx' });
 * ```
 */
export function readPublishedXlsx(bytes: Uint8Array, options: ReadPublishedXlsxOptions = {}): { value?: PublishedValue[]; diagnostics: Diagnostic[] } {
  const file = options.file ?? 'published.xlsx';
  let sheets;
  try {
    sheets = readXlsxCells(bytes);
  } catch (e) {
    return { diagnostics: [{ code: 'IMPORT_UNREADABLE', severity: 'error', message: `"${file}" could not be read as an .xlsx workbook (${e instanceof Error ? e.message : String(e)}).`, file }] };
  }
  const sheet = options.sheet === undefined ? sheets[0] : sheets.find((s) => s.name === options.sheet);
  if (!sheet) {
    const names = sheets.map((s) => s.name).join(', ');
    return { diagnostics: [{ code: 'PUBLISHED_MISSING_COLUMN', severity: 'error', message: options.sheet === undefined ? `"${file}" has no sheet.` : `"${file}" has no sheet "${options.sheet}" (it has: ${names}).`, file }] };
  }
  const rowNumbers = [...sheet.rows.keys()].sort((a, b) => a - b);
  if (rowNumbers.length === 0) return { diagnostics: [{ code: 'PUBLISHED_MISSING_COLUMN', severity: 'error', message: `Sheet "${sheet.name}" of "${file}" is empty.`, file }] };
  // Only the cells the sheet has: a row is a sparse list (a cell at column n sits at index n - 1),
  // so a huge header row costs its own cells once, not its width again on every data row.
  const rowCells = (r: number): PublishedCell[] => {
    const cells: PublishedCell[] = [];
    for (const [c, value] of sheet.rows.get(r)!) cells[c - 1] = { text: cellText(value), cell: `${sheet.name}!${columnName(c)}${r}` };
    return cells;
  };
  const [headerRow, ...dataRows] = rowNumbers;
  // The header is read as names: its empty cells are empty names.
  const header = Array.from(rowCells(headerRow!), (c, i) => c ?? { text: '', cell: `${sheet.name}!${columnName(i + 1)}${headerRow}` });
  return readPublishedRows(header, dataRows.map((r) => rowCells(r)), { ...options, file });
}
