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
 * as diagnostics (the one `Diagnostic` shape, `IMPORT_*` codes, positioned at their cell);
 * the reader never throws on bad input.
 *
 * Node-only: it reads files. Cells are read by the small xlsx reader in `xlsx-cells.ts`, held
 * in the grid of `workbook-grid.ts`, and the blocks of a sheet are found by `workbook-layout.ts`.
 */
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../../diagnostics/index.js';
import { countryName } from '../../units/countries.js';
import { readXlsxCells, XlsxLimitError, type XlsxSheet } from './xlsx-cells.js';
import { labelText, sheetGrid, WorkbookDiagnostics } from './workbook-grid.js';
import { LABELS, readOverall, readStrand, type RawOverallRow, type RawStrand } from './workbook-layout.js';

export type { RawCell } from './workbook-grid.js';
export type { RawOverallRow, RawStrand } from './workbook-layout.js';

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
  diagnostics: Diagnostic[];
}

/** Options of {@link readMipexWorkbook}. */
export interface ReadMipexWorkbookOptions {
  /** The name diagnostics give the workbook (default: the path, or `workbook.xlsx` for bytes). */
  file?: string;
}

/** Sheet names that are not ISO 3166-1 alpha-2 codes, mapped to the code. */
const SHEET_COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', TU: 'TR', EL: 'GR' };

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
export async function readMipexWorkbook(input: string | Uint8Array | ArrayBuffer, options: ReadMipexWorkbookOptions = {}): Promise<ReadMipexWorkbookResult> {
  const diagnostics = new WorkbookDiagnostics(options.file ?? (typeof input === 'string' ? input : 'workbook.xlsx'));
  let worksheets: XlsxSheet[];
  try {
    const bytes = typeof input === 'string' ? await readFile(input) : toBuffer(input);
    worksheets = readXlsxCells(bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (e instanceof XlsxLimitError) diagnostics.whole('IMPORT_LIMIT', `The workbook exceeds a safety limit and was not read: ${why}.`);
    else diagnostics.whole('IMPORT_UNREADABLE', `The workbook could not be read as an .xlsx file: ${why.split('\n')[0]}.`);
    return { diagnostics: diagnostics.list };
  }

  const sheets: RawSheet[] = [];
  const seenCountries = new Map<string, string>();
  for (const ws of worksheets) {
    try {
      const sheet = readSheet(ws, diagnostics);
      if (!sheet) continue;
      const prev = seenCountries.get(sheet.country);
      if (prev !== undefined) {
        diagnostics.layout(sheet.name, 1, 1, 'warning', `Sheets '${prev}' and '${sheet.name}' are both for country ${sheet.country}.`);
      } else seenCountries.set(sheet.country, sheet.name);
      sheets.push(sheet);
    } catch (e) {
      diagnostics.layout(ws.name, 1, 1, 'error', `Sheet '${ws.name}' could not be read: ${e instanceof Error ? e.message : String(e)}.`);
    }
  }
  if (sheets.length === 0) diagnostics.whole('IMPORT_LAYOUT', 'No sheet of the workbook has the layout of a MIPEX country sheet.');
  return { value: { sheets }, diagnostics: diagnostics.list };
}

/** Whether a sheet name is a country's (a known code, or one of the workbook's own such as `UK`). */
function isCountrySheet(name: string): boolean {
  const code = sheetCountry(name);
  return code !== undefined && countryName(code) !== undefined;
}

function readSheet(ws: XlsxSheet, diagnostics: WorkbookDiagnostics): RawSheet | undefined {
  const grid = sheetGrid(ws);
  if (grid.rows.size === 0) {
    // An empty country sheet would quietly leave a country out of verification: an error.
    if (isCountrySheet(ws.name)) diagnostics.layout(ws.name, 1, 1, 'error', `Country sheet ${ws.name} is empty: none of its scores can be imported or verified.`);
    else diagnostics.layout(ws.name, 1, 1, 'info', `Sheet '${ws.name}' is empty and was skipped.`);
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
    diagnostics.layout(ws.name, 1, 1, 'warning', `Sheet '${ws.name}' has no 'Policy strand' block${overall.length > 0 ? '' : ' and no overall-score block'}; it was skipped.`);
    if (overall.length === 0) return undefined;
  }

  let country = sheetCountry(ws.name);
  if (country === undefined) {
    diagnostics.layout(ws.name, 1, 1, 'warning', `Sheet name '${ws.name}' is not an ISO 3166-1 alpha-2 country code; the name is used as the country.`);
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
