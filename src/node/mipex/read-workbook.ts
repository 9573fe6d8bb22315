/**
 * A raw, layout-tolerant reader for the MIPEX "core set" policy-indicator workbook
 * (MIPEX 2020, Solano & Huddleston, Migration Policy Group & CIDOB, mipex.eu).
 *
 * The reader turns every country sheet into plain data without interpreting it:
 * codes, titles and answer-option texts as written, and for every year the score
 * cell (value, cached formula result, formula text, spreadsheet error) and the
 * comment cell. Blocks and rows are located by their label cells ("Policy strand",
 * "Indicator", "Sub-indicator", "Title", "Description", "Answer options", and the
 * "Year | Score | Comments" header), never by fixed row numbers, so sheets whose
 * blocks are shifted or whose columns differ are still read. Problems are reported
 * as diagnostics; the reader never throws on bad input.
 *
 * Node-only: it reads files (cells are read by the small xlsx reader in `xlsx-cells.ts`).
 */
import { readFile } from 'node:fs/promises';
import { readXlsxCells, XlsxLimitError, type XlsxCell, type XlsxSheet } from './xlsx-cells.js';
import { columnName } from '../../tables/grid.js';

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

/** Severity of a {@link RawDiagnostic}. */
export type RawDiagnosticSeverity = 'error' | 'warning' | 'info';

/** A problem found while reading the workbook, as plain data. */
export interface RawDiagnostic {
  /** Stable SCREAMING_SNAKE code, e.g. `WORKBOOK_UNREADABLE`. */
  code: string;
  severity: RawDiagnosticSeverity;
  /** One sentence. */
  message: string;
  /** Sheet-qualified cell address, e.g. `CA!Q14`, when the problem has a place. */
  cell?: string;
}

/** One year row of the overall-score block at the top of a sheet. */
export interface RawOverallRow {
  year: number;
  withHealth?: RawCell;
  withoutHealth?: RawCell;
  withoutHealthEducation?: RawCell;
}

/** One year of one column triplet (Year | Score | Comments). */
export interface RawYear {
  year: number;
  score: RawCell;
  comment?: RawCell;
}

/** One column triplet of a strand block: the strand itself, an indicator or a sub-indicator. */
export interface RawColumn {
  /**
   * Indicator code (trimmed, inner whitespace collapsed). For a sub-indicator column, the
   * code of the nearest indicator column to its left in the same block (its composite parent).
   */
  indicatorCode: string | null;
  /** Sub-indicator code (trimmed), or `null` for strand and indicator columns. */
  subIndicatorCode: string | null;
  /** The code exactly as written in the sheet (sub-indicator code for sub-indicator columns). */
  rawCode: string;
  /** Address of the cell the code was read from, e.g. `CA!Q5` (the indicator-row cell when no code was found). */
  codeCellRef: string;
  title: string;
  /** Address of the description cell (the text itself is not copied). */
  descriptionCellRef: string;
  optionsText: string;
  /** Column letter of the score cells, e.g. `Q`. */
  scoreColumn: string;
  /** Column letter of the comment cells, e.g. `R`. */
  commentsColumn: string;
  years: RawYear[];
}

/** One "Policy strand" block. The first column is the strand score itself. */
export interface RawStrand {
  title: string;
  /** 1-based row number of the Year | Score | Comments header. */
  headerRow: number;
  columns: RawColumn[];
}

/** One country sheet. */
export interface RawSheet {
  /** Sheet name as in the file, e.g. `UK`. */
  name: string;
  /** ISO 3166-1 alpha-2 code (`UK` → `GB`, `TU` → `TR`). */
  country: string;
  overall: RawOverallRow[];
  strands: RawStrand[];
}

/** The whole workbook as plain data. */
export interface RawWorkbook {
  sheets: RawSheet[];
}

/** What {@link readMipexWorkbook} returns: a value when anything could be read, and diagnostics. */
export interface ReadMipexWorkbookResult {
  value?: RawWorkbook;
  diagnostics: RawDiagnostic[];
}

/** Sheet names that are not ISO 3166-1 alpha-2 codes, mapped to the code. */
const SHEET_COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', TU: 'TR', EL: 'GR' };

const LABELS = {
  strand: 'policy strand',
  indicator: 'indicator',
  subIndicator: 'sub-indicator',
  title: 'title',
  description: 'description',
  options: 'answer options',
} as const;

type LabelKey = Exclude<keyof typeof LABELS, 'strand'>;

interface GridCell {
  row: number;
  col: number;
  cell: XlsxCell;
}

/** Most answer cells (column triplets × year rows) read from one block; a real block has a few hundred. */
const MAX_BLOCK_CELLS = 200_000;

/** The non-empty cells of one worksheet, indexed by row then column. */
class Grid {
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

function formulaOf(cell: XlsxCell): string | undefined {
  return cell.formula;
}

function toRawCell(ref: string, cell: XlsxCell): RawCell {
  const { value, error } = cellScalar(cell);
  const out: RawCell = { ref, value };
  if (error !== undefined) out.error = error;
  if (cell.formula !== undefined) out.formula = cell.formula;
  return out;
}

function cellText(cell: XlsxCell): string {
  const { value } = cellScalar(cell);
  return value === null ? '' : String(value);
}

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** {@link norm} of a cell that may be a label or heading; long texts (comments) give `''` cheaply. */
function labelText(cell: XlsxCell): string {
  const v = cell.value;
  if (v === null || cell.error !== undefined) return '';
  if (typeof v !== 'string') return String(v);
  return v.length > 120 ? '' : norm(v);
}

function cleanCode(s: string): string | null {
  const t = s.replace(/\s+/g, ' ').trim();
  return t === '' || t.toLowerCase() === 'null' ? null : t;
}

/** A year written in a cell: a whole number (or numeric text) between 1900 and 2200. */
function yearOf(c: GridCell | undefined): number | undefined {
  if (!c) return undefined;
  const { value } = cellScalar(c.cell);
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{4}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1900 && n <= 2200 ? n : undefined;
}

function isEmptyRaw(c: RawCell): boolean {
  return c.value === null && c.error === undefined && c.formula === undefined;
}

function isBlankComment(c: RawCell): boolean {
  return c.error === undefined && c.formula === undefined && (c.value === null || (typeof c.value === 'string' && c.value.trim() === ''));
}

/** Maps a sheet name to an ISO alpha-2 code, or `undefined` if it does not look like one. */
export function sheetCountry(name: string): string | undefined {
  const t = name.trim().toUpperCase();
  const alias = SHEET_COUNTRY_ALIASES[t];
  if (alias) return alias;
  return /^[A-Z]{2}$/.test(t) ? t : undefined;
}

function toBuffer(input: Uint8Array | ArrayBuffer): Buffer {
  if (input instanceof ArrayBuffer) return Buffer.from(input);
  return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

/**
 * Reads the MIPEX core-set workbook into plain data.
 *
 * @param input a file path, or the file's bytes
 * @returns the sheets that could be read, and diagnostics; never throws on bad input
 * @example
 * ```ts
 * import { readMipexWorkbook } from './read-workbook.js';
 * const { value, diagnostics } = await readMipexWorkbook('data/mipex/mipex_core_2007-2019.xlsx');
 * value?.sheets.find((s) => s.country === 'GB')?.strands[0]?.title; // 'Labour Market Mobility Strand'
 * ```
 */
export async function readMipexWorkbook(input: string | Uint8Array | ArrayBuffer): Promise<ReadMipexWorkbookResult> {
  const diagnostics: RawDiagnostic[] = [];
  let worksheets: XlsxSheet[];
  try {
    const bytes = typeof input === 'string' ? await readFile(input) : toBuffer(input);
    worksheets = readXlsxCells(bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (e instanceof XlsxLimitError) {
      diagnostics.push({ code: 'WORKBOOK_LIMIT', severity: 'error', message: `The workbook exceeds a safety limit and was not read: ${why}.` });
      return { diagnostics };
    }
    diagnostics.push({
      code: 'WORKBOOK_UNREADABLE',
      severity: 'error',
      message: `The workbook could not be read as an .xlsx file: ${why.split('\n')[0]}.`,
    });
    return { diagnostics };
  }

  const sheets: RawSheet[] = [];
  const seenCountries = new Map<string, string>();
  for (const ws of worksheets) {
    try {
      const sheet = readSheet(ws, diagnostics);
      if (!sheet) continue;
      const prev = seenCountries.get(sheet.country);
      if (prev !== undefined) {
        diagnostics.push({
          code: 'WORKBOOK_DUPLICATE_COUNTRY',
          severity: 'warning',
          message: `Sheets '${prev}' and '${sheet.name}' are both for country ${sheet.country}.`,
          cell: `${sheet.name}!A1`,
        });
      } else seenCountries.set(sheet.country, sheet.name);
      sheets.push(sheet);
    } catch (e) {
      diagnostics.push({
        code: 'WORKBOOK_SHEET_UNREADABLE',
        severity: 'error',
        message: `Sheet '${ws.name}' could not be read: ${e instanceof Error ? e.message : String(e)}.`,
        cell: `${ws.name}!A1`,
      });
    }
  }
  if (sheets.length === 0) {
    diagnostics.push({
      code: 'WORKBOOK_NO_COUNTRY_SHEETS',
      severity: 'error',
      message: 'No sheet of the workbook has the layout of a MIPEX country sheet.',
    });
  }
  return { value: { sheets }, diagnostics };
}

function readSheet(ws: XlsxSheet, diagnostics: RawDiagnostic[]): RawSheet | undefined {
  const grid = new Grid(ws.name);
  // Cells covered by a merge hold no value in the file, so only the merge's first cell is read.
  for (const [r, row] of ws.rows) {
    for (const [c, cell] of row) {
      const { value, error } = cellScalar(cell);
      if (value === null && error === undefined && formulaOf(cell) === undefined) continue;
      if (typeof value === 'string' && value.trim() === '' && error === undefined) continue;
      grid.add(r, c, cell);
    }
  }

  if (grid.rows.size === 0) {
    diagnostics.push({
      code: 'WORKBOOK_SHEET_EMPTY',
      severity: 'info',
      message: `Sheet '${ws.name}' is empty and was skipped.`,
      cell: `${ws.name}!A1`,
    });
    return undefined;
  }

  // Rows whose label cell reads "Policy strand" start a block.
  const strandRows: { row: number; col: number }[] = [];
  for (const r of grid.sortedRows()) {
    const label = grid.cellsOf(r).find((c) => labelText(c.cell) === LABELS.strand);
    if (label) strandRows.push({ row: r, col: label.col });
  }
  const overall = readOverall(grid, strandRows[0]?.row ?? Number.POSITIVE_INFINITY, diagnostics);

  if (strandRows.length === 0) {
    diagnostics.push({
      code: 'WORKBOOK_BLOCK_NOT_FOUND',
      severity: 'warning',
      message: `Sheet '${ws.name}' has no 'Policy strand' block${overall.length > 0 ? '' : ' and no overall-score block'}; it was skipped.`,
      cell: `${ws.name}!A1`,
    });
    if (overall.length === 0) return undefined;
  }

  let country = sheetCountry(ws.name);
  if (country === undefined) {
    diagnostics.push({
      code: 'WORKBOOK_SHEET_COUNTRY_UNKNOWN',
      severity: 'warning',
      message: `Sheet name '${ws.name}' is not an ISO 3166-1 alpha-2 country code; the name is used as the country.`,
      cell: `${ws.name}!A1`,
    });
    country = ws.name.trim();
  }

  const allRows = grid.sortedRows();
  const lastRow = allRows[allRows.length - 1] ?? 0;
  const strands: RawStrand[] = [];
  strandRows.forEach((start, i) => {
    const end = strandRows[i + 1]?.row ?? lastRow + 1;
    const strand = readStrand(grid, start.row, start.col, end, diagnostics);
    if (strand) strands.push(strand);
  });

  return { name: ws.name, country, overall, strands };
}

function readOverall(grid: Grid, before: number, diagnostics: RawDiagnostic[]): RawOverallRow[] {
  // The header row has a "Year" cell and at least one cell mentioning an overall score.
  let header: { row: number; yearCol: number; variants: Map<number, keyof Omit<RawOverallRow, 'year'>> } | undefined;
  for (const r of grid.sortedRows()) {
    if (r >= before) break;
    const cells = grid.cellsOf(r);
    const yearCell = cells.find((c) => labelText(c.cell) === 'year');
    if (!yearCell) continue;
    const variants = new Map<number, keyof Omit<RawOverallRow, 'year'>>();
    for (const c of cells) {
      const t = labelText(c.cell);
      if (!t.includes('overall') && !t.includes('health')) continue;
      if (t.includes('education')) variants.set(c.col, 'withoutHealthEducation');
      else if (t.includes('with/out') || t.includes('without') || t.includes('w/o') || t.includes('excluding')) variants.set(c.col, 'withoutHealth');
      else if (t.includes('health')) variants.set(c.col, 'withHealth');
    }
    if (variants.size > 0) {
      header = { row: r, yearCol: yearCell.col, variants };
      break;
    }
  }
  if (!header) {
    diagnostics.push({
      code: 'WORKBOOK_OVERALL_NOT_FOUND',
      severity: 'warning',
      message: `Sheet '${grid.sheetName}' has no overall-score header row (a 'Year' cell next to overall-score headings).`,
      cell: `${grid.sheetName}!A1`,
    });
    return [];
  }
  const seen = new Set<string>();
  for (const v of header.variants.values()) {
    if (seen.has(v)) {
      diagnostics.push({
        code: 'WORKBOOK_OVERALL_VARIANT_REPEATED',
        severity: 'warning',
        message: `Two overall-score columns were both read as variant '${v}'; the rightmost wins.`,
        cell: grid.ref(header.row, header.yearCol),
      });
    }
    seen.add(v);
  }
  const out: RawOverallRow[] = [];
  for (const r of grid.rowsAfter(header.row)) {
    if (r >= before) break;
    const year = yearOf(grid.get(r, header.yearCol));
    if (year === undefined) {
      if (out.length > 0) break;
      continue;
    }
    const row: RawOverallRow = { year };
    for (const [col, variant] of header.variants) {
      const cell = grid.raw(r, col);
      if (!isEmptyRaw(cell)) row[variant] = cell;
    }
    out.push(row);
  }
  return out;
}

function readStrand(grid: Grid, startRow: number, labelCol: number, endRow: number, diagnostics: RawDiagnostic[]): RawStrand | undefined {
  const startRef = grid.ref(startRow, labelCol);
  let title = '';
  for (const c of grid.cellsOf(startRow)) {
    if (c.col > labelCol) {
      title = cellText(c.cell).trim();
      if (title) break;
    }
  }

  // Find label rows and the header row between this block's start and the next block.
  const labelRows: Partial<Record<LabelKey, number>> = {};
  let headerRow: number | undefined;
  for (const r of grid.rowsAfter(startRow)) {
    if (r >= endRow) break;
    const cells = grid.cellsOf(r);
    const texts = cells.map((c) => labelText(c.cell));
    if (texts.includes('year') && texts.some((t) => t === 'score')) {
      headerRow = r;
      break;
    }
    const first = texts.find((t) => t !== '');
    for (const key of Object.keys(LABELS) as (keyof typeof LABELS)[]) {
      if (key === 'strand') continue;
      if (first === LABELS[key] && labelRows[key] === undefined) labelRows[key] = r;
    }
  }
  if (headerRow === undefined) {
    diagnostics.push({
      code: 'WORKBOOK_HEADER_NOT_FOUND',
      severity: 'error',
      message: `The block '${title || '(untitled)'}' has no 'Year | Score | Comments' header row; it was skipped.`,
      cell: startRef,
    });
    return undefined;
  }
  for (const key of ['indicator', 'subIndicator', 'title', 'description', 'options'] as const) {
    if (labelRows[key] === undefined) {
      diagnostics.push({
        code: 'WORKBOOK_LABEL_ROW_MISSING',
        severity: key === 'indicator' ? 'error' : 'warning',
        message: `The block '${title || '(untitled)'}' has no '${LABELS[key]}' row.`,
        cell: startRef,
      });
    }
  }

  // Triplets: every "Score" header cell (with the "Year" cell before it and the next "Comments"
  // cell after it), plus every "Year" cell whose "Score" heading is blank but whose next column
  // carries a code.
  const headerCells = grid.cellsOf(headerRow).map((c) => ({ col: c.col, text: labelText(c.cell) }));
  const isYear = (t: string): boolean => t === 'year';
  const isScore = (t: string): boolean => t.startsWith('score');
  const isComments = (t: string): boolean => t.startsWith('comment');
  const hasCodeAt = (col: number): boolean =>
    [labelRows.indicator, labelRows.subIndicator].some((row) => row !== undefined && cleanCode(grid.text(row, col)) !== null);
  const triplets: { yearCol: number; scoreCol: number; commentsCol: number }[] = [];
  headerCells.forEach((h, i) => {
    let scoreCol: number | undefined;
    let yearCol: number;
    if (isScore(h.text)) {
      scoreCol = h.col;
      const before = headerCells[i - 1];
      yearCol = before && isYear(before.text) ? before.col : h.col - 1;
      if (!before || !isYear(before.text) || before.col !== h.col - 1) {
        diagnostics.push({
          code: 'WORKBOOK_HEADER_CELL_MISSING',
          severity: 'info',
          message: `The 'Year' heading before this 'Score' heading is missing; column ${columnName(yearCol)} is taken as its year column.`,
          cell: grid.ref(headerRow, h.col),
        });
      }
    } else if (isYear(h.text)) {
      const next = headerCells[i + 1];
      if (next && isScore(next.text)) return; // handled at the Score cell
      yearCol = h.col;
      const guess = h.col + 1;
      const ok = hasCodeAt(guess);
      diagnostics.push({
        code: ok ? 'WORKBOOK_HEADER_CELL_MISSING' : 'WORKBOOK_SCORE_COLUMN_MISSING',
        severity: ok ? 'info' : 'warning',
        message: ok
          ? `The 'Score' heading after this 'Year' cell is blank; column ${columnName(guess)} is read as the score column because it carries a code.`
          : `The 'Year' heading has no 'Score' column after it and no code above; the triplet was skipped.`,
        cell: grid.ref(headerRow, h.col),
      });
      if (!ok) return;
      scoreCol = guess;
    } else return;
    let commentsCol = scoreCol + 1;
    for (let j = i + 1; j < headerCells.length; j++) {
      const next = headerCells[j]!;
      if (next.col <= scoreCol) continue;
      if (isScore(next.text) || isYear(next.text)) break;
      if (isComments(next.text)) {
        commentsCol = next.col;
        break;
      }
    }
    triplets.push({ yearCol, scoreCol, commentsCol });
  });

  // Year rows: after the header, rows whose label column (or else any triplet) names a year.
  const yearRows: { row: number; year: number }[] = [];
  for (const r of grid.rowsAfter(headerRow)) {
    if (r >= endRow) break;
    let year = yearOf(grid.get(r, labelCol));
    for (const t of triplets) {
      if (year !== undefined) break;
      year = yearOf(grid.get(r, t.yearCol));
    }
    if (year !== undefined) yearRows.push({ row: r, year });
  }
  if (triplets.length * yearRows.length > MAX_BLOCK_CELLS) {
    diagnostics.push({
      code: 'WORKBOOK_LIMIT',
      severity: 'error',
      message: `The block '${title || '(untitled)'}' has ${triplets.length} column triplets and ${yearRows.length} year rows, more than the ${MAX_BLOCK_CELLS} answer cells one block may hold; it was skipped.`,
      cell: grid.ref(headerRow, labelCol),
    });
    return undefined;
  }
  if (yearRows.length === 0) {
    diagnostics.push({
      code: 'WORKBOOK_NO_YEAR_ROWS',
      severity: 'warning',
      message: `The block '${title || '(untitled)'}' has no year rows under its header.`,
      cell: grid.ref(headerRow, labelCol),
    });
  }

  const columns: RawColumn[] = [];
  let parent: string | null = null;
  for (const [index, t] of triplets.entries()) {
    const pick = (key: LabelKey): { text: string; row: number | undefined; ref: string } => {
      const row = labelRows[key];
      if (row === undefined) return { text: '', row, ref: grid.ref(headerRow, t.scoreCol) };
      const own = grid.text(row, t.scoreCol);
      const text = own || grid.text(row, t.commentsCol);
      return { text, row, ref: grid.ref(row, own || !text ? t.scoreCol : t.commentsCol) };
    };
    const ind = pick('indicator');
    const sub = pick('subIndicator');
    const indicatorWritten = cleanCode(ind.text);
    const subWritten = cleanCode(sub.text);
    let indicatorCode: string | null;
    let subIndicatorCode: string | null = null;
    let rawCode: string;
    let codeCellRef = ind.ref;
    if (indicatorWritten !== null) {
      indicatorCode = indicatorWritten;
      rawCode = ind.text;
      // The first triplet is the strand itself: it is nobody's composite parent.
      parent = index === 0 ? null : indicatorWritten;
      if (subWritten !== null) {
        diagnostics.push({
          code: 'WORKBOOK_CODE_AMBIGUOUS',
          severity: 'info',
          message: `Column ${columnName(t.scoreCol)} has both an indicator code '${indicatorWritten}' and a sub-indicator code '${subWritten}'; it is read as the indicator.`,
          cell: grid.ref(sub.row ?? headerRow, t.scoreCol),
        });
      }
    } else if (subWritten !== null) {
      indicatorCode = parent;
      subIndicatorCode = subWritten;
      rawCode = sub.text;
      codeCellRef = sub.ref;
      if (parent === null) {
        diagnostics.push({
          code: 'WORKBOOK_SUB_INDICATOR_WITHOUT_PARENT',
          severity: 'info',
          message: `Column ${columnName(t.scoreCol)} has only a sub-indicator code '${subWritten}' and no indicator column before it in the block.`,
          cell: grid.ref(sub.row ?? headerRow, t.scoreCol),
        });
      }
    } else {
      indicatorCode = null;
      rawCode = '';
      diagnostics.push({
        code: 'WORKBOOK_CODE_MISSING',
        severity: 'warning',
        message: `Column ${columnName(t.scoreCol)} of block '${title || '(untitled)'}' has neither an indicator nor a sub-indicator code.`,
        cell: grid.ref(labelRows.indicator ?? headerRow, t.scoreCol),
      });
    }

    const years: RawYear[] = [];
    for (const { row, year: rowYear } of yearRows) {
      const own = yearOf(grid.get(row, t.yearCol));
      if (own !== undefined && own !== rowYear) {
        diagnostics.push({
          code: 'WORKBOOK_YEAR_MISMATCH',
          severity: 'warning',
          message: `The year ${own} in this triplet differs from the row's year ${rowYear}; the row's year is used.`,
          cell: grid.ref(row, t.yearCol),
        });
      }
      const score = grid.raw(row, t.scoreCol);
      const entry: RawYear = { year: rowYear, score };
      const comment = grid.raw(row, t.commentsCol);
      if (!isBlankComment(comment)) entry.comment = comment;
      years.push(entry);
    }

    columns.push({
      indicatorCode,
      subIndicatorCode,
      rawCode,
      codeCellRef,
      title: pick('title').text.replace(/\s+/g, ' ').trim(),
      descriptionCellRef: grid.ref(labelRows.description ?? headerRow, t.scoreCol),
      optionsText: pick('options').text.trim(),
      scoreColumn: columnName(t.scoreCol),
      commentsColumn: columnName(t.commentsCol),
      years,
    });
  }
  if (columns.length === 0) {
    diagnostics.push({
      code: 'WORKBOOK_BLOCK_EMPTY',
      severity: 'warning',
      message: `The block '${title || '(untitled)'}' has no Year | Score | Comments triplets.`,
      cell: startRef,
    });
  }
  return { title, headerRow, columns };
}
