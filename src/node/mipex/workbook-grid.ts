/**
 * The cells of one worksheet of the MIPEX workbook, as the reader sees them: a grid of the
 * non-empty cells indexed by row and column, the plain {@link RawCell} form of a cell, the small
 * text tests the layout is found by, and diagnostics positioned at a cell.
 *
 * Node-only, like the rest of the workbook reader.
 *
 * @module
 */
import type { Diagnostic, Severity } from '../../diagnostics/index.js';
import type { DiagnosticCode } from '../../diagnostics/codes.js';
import { columnName } from '../../tables/grid.js';
import type { XlsxCell, XlsxSheet } from './xlsx-cells.js';

/** One cell as read: the value (cached result for formulas), the error if any, the formula text. */
export interface RawCell {
  /** Sheet-qualified address, e.g. `CA!Q14`. */
  ref: string;
  /** Number or text; for a formula cell its cached result; `null` when empty or an error. */
  value: number | string | null;
  /** Spreadsheet error such as `#DIV/0!`, from the value or the cached formula result. */
  error?: string;
  /** Formula text without the leading `=`, shared formulas translated to this cell. */
  formula?: string;
}

/**
 * The diagnostics of one reading of a workbook, in the one {@link Diagnostic} shape with codes
 * of the table: `IMPORT_UNREADABLE` and `IMPORT_LIMIT` for the file, and for the layout of a
 * sheet `IMPORT_LAYOUT` (an error: part of the sheet could not be read) or
 * `IMPORT_LAYOUT_DRIFT` (a warning or note: the reader worked around it).
 */
export class WorkbookDiagnostics {
  readonly list: Diagnostic[] = [];
  /** @param file the name the workbook is reported under */
  constructor(readonly file: string) {}

  /** A problem with the file as a whole. */
  whole(code: Extract<DiagnosticCode, 'IMPORT_UNREADABLE' | 'IMPORT_LIMIT' | 'IMPORT_LAYOUT'>, message: string): void {
    this.list.push({ code, severity: 'error', message, file: this.file });
  }

  /** A problem at one cell (`row`, `col` 1-based) of sheet `sheet`. */
  at(sheet: string, row: number, col: number, code: Extract<DiagnosticCode, 'IMPORT_LIMIT' | 'IMPORT_LAYOUT' | 'IMPORT_LAYOUT_DRIFT'>, severity: Severity, message: string): void {
    this.list.push(workbookCellDiagnostic(this.file, sheet, row, col, { code, severity, message }));
  }

  /** A layout problem at a cell: `IMPORT_LAYOUT` when it is an error, `IMPORT_LAYOUT_DRIFT` otherwise. */
  layout(sheet: string, row: number, col: number, severity: Severity, message: string): void {
    this.at(sheet, row, col, severity === 'error' ? 'IMPORT_LAYOUT' : 'IMPORT_LAYOUT_DRIFT', severity, message);
  }
}

/**
 * A diagnostic positioned at a workbook cell: the message starts with the cell's address
 * (`CA!Q14: …`), `line` and `column` are the cell's 1-based row and column (as for the cells of
 * a table, see `cellDiagnostic`), and `path` is `[sheet, 'Q14']`.
 */
function workbookCellDiagnostic(file: string, sheet: string, row: number, col: number, d: Omit<Diagnostic, 'file' | 'line' | 'column' | 'path'>): Diagnostic {
  const address = `${columnName(col)}${row}`;
  return { ...d, message: `${sheet}!${address}: ${d.message}`, file, line: row, column: col, path: [sheet, address] };
}

export interface GridCell {
  row: number;
  col: number;
  cell: XlsxCell;
}

/** The non-empty cells of one worksheet, indexed by row then column. */
export class Grid {
  readonly rows = new Map<number, Map<number, GridCell>>();
  constructor(readonly sheetName: string) {}

  add(row: number, col: number, cell: XlsxCell): void {
    let r = this.rows.get(row);
    if (!r) this.rows.set(row, (r = new Map()));
    r.set(col, { row, col, cell });
  }

  get(row: number, col: number): GridCell | undefined {
    return this.rows.get(row)?.get(col);
  }

  private sorted: number[] | undefined;
  private readonly sortedCells = new Map<number, GridCell[]>();

  /** Row numbers in order; sorted once (the grid is complete before it is read). */
  sortedRows(): readonly number[] {
    return (this.sorted ??= [...this.rows.keys()].sort((a, b) => a - b));
  }

  /** Row numbers in order from the first one greater than `after`. */
  *rowsAfter(after: number): Generator<number> {
    const rows = this.sortedRows();
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid]! <= after) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < rows.length; i++) yield rows[i]!;
  }

  cellsOf(row: number): readonly GridCell[] {
    let cells = this.sortedCells.get(row);
    if (!cells) this.sortedCells.set(row, (cells = [...(this.rows.get(row)?.values() ?? [])].sort((a, b) => a.col - b.col)));
    return cells;
  }

  ref(row: number, col: number): string {
    return `${this.sheetName}!${columnName(col)}${row}`;
  }

  text(row: number, col: number): string {
    const c = this.get(row, col);
    return c ? cellText(c.cell) : '';
  }

  raw(row: number, col: number): RawCell {
    const c = this.get(row, col);
    const ref = this.ref(row, col);
    return c ? toRawCell(ref, c.cell) : { ref, value: null };
  }
}

function cellScalar(cell: XlsxCell): { value: number | string | null; error?: string } {
  return cell.error !== undefined ? { value: null, error: cell.error } : { value: cell.value };
}

function toRawCell(ref: string, cell: XlsxCell): RawCell {
  const { value, error } = cellScalar(cell);
  const out: RawCell = { ref, value };
  if (error !== undefined) out.error = error;
  if (cell.formula !== undefined) out.formula = cell.formula;
  return out;
}

export function cellText(cell: XlsxCell): string {
  const { value } = cellScalar(cell);
  return value === null ? '' : String(value);
}

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** {@link norm} of a cell that may be a label or heading; long texts (comments) give `''` cheaply. */
export function labelText(cell: XlsxCell): string {
  const v = cell.value;
  if (v === null || cell.error !== undefined) return '';
  if (typeof v !== 'string') return String(v);
  return v.length > 120 ? '' : norm(v);
}

export function cleanCode(s: string): string | null {
  const t = s.replace(/\s+/g, ' ').trim();
  return t === '' || t.toLowerCase() === 'null' ? null : t;
}

/** A year written in a cell: a whole number (or numeric text) between 1900 and 2200. */
export function yearOf(c: GridCell | undefined): number | undefined {
  if (!c) return undefined;
  const { value } = cellScalar(c.cell);
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{4}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1900 && n <= 2200 ? n : undefined;
}

export function isEmptyRaw(c: RawCell): boolean {
  return c.value === null && c.error === undefined && c.formula === undefined;
}

export function isBlankComment(c: RawCell): boolean {
  return c.error === undefined && c.formula === undefined && (c.value === null || (typeof c.value === 'string' && c.value.trim() === ''));
}

/** The grid of the non-empty cells of a worksheet (cells covered by a merge hold no value in the file, so only the merge's first cell is there). */
export function sheetGrid(ws: XlsxSheet): Grid {
  const grid = new Grid(ws.name);
  for (const [r, row] of ws.rows) {
    for (const [c, cell] of row) {
      const { value, error } = cellScalar(cell);
      if (value === null && error === undefined && cell.formula === undefined) continue;
      if (typeof value === 'string' && value.trim() === '' && error === undefined) continue;
      grid.add(r, c, cell);
    }
  }
  return grid;
}
