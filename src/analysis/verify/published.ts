/**
 * Published scores from a long table: one row per country, year, node (or variant) and value.
 * Browser-safe: CSV text is parsed here; spreadsheets are read into the same rows by the
 * node-only reader (`policy-index/node`).
 *
 * Values are kept as the decimal text the publisher wrote, so that no comparison goes through
 * a double.
 *
 * @module
 */
import type { Diagnostic } from '../../diagnostics/index.js';
import { DiagnosticLimiter } from '../../diagnostics/limit.js';
import { readCsvRecords } from '../../source/csv.js';
import { UnitResolver, type DeclaredUnit } from '../../units/resolve.js';
import { didYouMean } from '../../source/suggest.js';
import { readDecimalText } from '../../exact/index.js';

/** One published score. */
export interface PublishedValue {
  /** The unit's code: ISO 3166-1 alpha-2 for a country written as any code or name, an ISO 3166-2 or declared unit's code otherwise. */
  country: string;
  year: number;
  /** A node id or alias of the rubric, or a variant id, as written. */
  node: string;
  /** The value as the publisher wrote it (a decimal text such as `52.78`, within the limits of the decimal grammar: at most 400 digits, exponent within ±400). */
  value: string;
  /** Where the row is: file and line (CSV), or file and cell (`Sheet1!D7`, spreadsheets). */
  source: { file: string; line?: number; column?: number; cell?: string };
}

/** Column names of the long layout. */
export interface PublishedColumns {
  country: string;
  year: string;
  node: string;
  value: string;
}

/** The default long layout: `country,year,node,value`. */
export const PUBLISHED_COLUMNS: Readonly<PublishedColumns> = { country: 'country', year: 'year', node: 'node', value: 'value' };

/** Options for {@link readPublishedCsv} and {@link readPublishedRows}. */
export interface ReadPublishedOptions {
  /** Name of the table in diagnostics (default `published.csv`). */
  file?: string;
  /** Column names, where they differ from `country,year,node,value` (matched case-insensitively). */
  columns?: Partial<PublishedColumns>;
  /** Units the country table does not know (a units file, {@link loadUnits}). */
  units?: readonly DeclaredUnit[];
  /** The country column holds regional codes: NUTS codes such as `DE1` are read as regions (names still come first). */
  regional?: boolean;
}

/** One cell of a table, with where it is. */
export interface PublishedCell {
  text: string;
  line?: number;
  column?: number;
  /** Spreadsheet address such as `Scores!B7`. */
  cell?: string;
}

function at(file: string, c: PublishedCell | undefined): Pick<Diagnostic, 'file' | 'line' | 'column' | 'path'> {
  if (!c) return { file };
  return { file, ...(c.line !== undefined ? { line: c.line, column: c.column ?? 1 } : {}), ...(c.cell !== undefined ? { path: [c.cell] } : {}) };
}

/** Reads the rows of a published table one at a time (see {@link readPublishedRows}), keeping none of them. */
function publishedRowReader(header: readonly PublishedCell[], options: ReadPublishedOptions): { row: (row: readonly PublishedCell[]) => void; finish: () => { value?: PublishedValue[]; diagnostics: Diagnostic[] } } {
  const file = options.file ?? 'published.csv';
  const names = { ...PUBLISHED_COLUMNS, ...options.columns };
  const diagnostics: Diagnostic[] = [];
  const headings = header.map((c) => c.text.trim().toLowerCase());
  const index = {} as Record<keyof PublishedColumns, number>;
  for (const key of Object.keys(PUBLISHED_COLUMNS) as (keyof PublishedColumns)[]) {
    const i = headings.indexOf(names[key].trim().toLowerCase());
    if (i < 0) {
      const hint = didYouMean(names[key], header.map((c) => c.text));
      diagnostics.push({
        code: 'PUBLISHED_MISSING_COLUMN',
        severity: 'error',
        message: `The published table has no column "${names[key]}" (the ${key} of each score).`,
        ...at(file, header[0]),
        expected: Object.values(names).join(', '),
        actual: header.map((c) => c.text).join(', '),
        ...(hint ? { hint } : {}),
      });
    }
    index[key] = i;
  }
  if (diagnostics.length) return { row: () => {}, finish: () => ({ diagnostics }) };
  const out: PublishedValue[] = [];
  const seen = new Map<string, PublishedCell>();
  // Country cells are codes or names: one resolver (and one bounded did-you-mean) per table.
  const units = new UnitResolver(options.units ?? []);
  // A table may repeat one problem on every row: the first of each code are listed, the rest counted.
  const limiter = new DiagnosticLimiter(diagnostics);
  const readRow = (row: readonly PublishedCell[]): void => {
    const cell = (key: keyof PublishedColumns): PublishedCell | undefined => row[index[key]];
    const text = (key: keyof PublishedColumns) => cell(key)?.text.trim() ?? '';
    if (row.every((c) => c.text.trim() === '')) return;
    const bad = (key: keyof PublishedColumns, message: string, extra: Partial<Diagnostic> = {}) =>
      limiter.add('PUBLISHED_INVALID_VALUE', file, () => ({ code: 'PUBLISHED_INVALID_VALUE', severity: 'error', message, ...at(file, cell(key) ?? row[0]), actual: text(key), ...extra }));
    const valueText = text('value');
    if (valueText === '') return; // nothing published in this row
    const found = units.resolve(text('country'), { regional: options.regional === true });
    if (!('unit' in found)) {
      bad('country', found.message, found.hint ? { hint: found.hint } : {});
      return;
    }
    const code = found.unit;
    const year = Number(text('year'));
    if (!/^\d{4}$/.test(text('year')) || !Number.isInteger(year)) {
      bad('year', `"${text('year')}" is not a year.`, { expected: 'a four-digit year' });
      return;
    }
    const node = text('node');
    if (node === '') {
      bad('node', 'The row names no node or variant.');
      return;
    }
    // The one decimal grammar, with its limits on digits and exponent: a short text such as
    // `1e99999999` is refused here instead of costing seconds and gigabytes later.
    const number = readDecimalText(valueText);
    if (!number.ok) {
      bad('value', number.message, { expected: number.expected });
      return;
    }
    const key = `${code.code}/${year}/${node}`;
    const earlier = seen.get(key);
    if (earlier) {
      limiter.add('PUBLISHED_DUPLICATE', file, () => ({
        code: 'PUBLISHED_DUPLICATE',
        severity: 'error',
        message: `${code.code} ${year} ${node} is published twice${earlier.line !== undefined ? ` (first on line ${earlier.line})` : earlier.cell ? ` (first in ${earlier.cell})` : ''}; the second is ignored.`,
        ...at(file, cell('value')),
      }));
      return;
    }
    const v = cell('value')!;
    seen.set(key, v);
    out.push({
      country: code.code,
      year,
      node,
      value: valueText,
      source: { file, ...(v.line !== undefined ? { line: v.line, column: v.column ?? 1 } : {}), ...(v.cell !== undefined ? { cell: v.cell } : {}) },
    });
  };
  const finish = () => {
    limiter.finish();
    return { value: out, diagnostics };
  };
  return { row: readRow, finish };
}

/**
 * Reads published scores from a header row and data rows of cells (any table source). Every
 * unusable row is a diagnostic naming its cell; empty values are skipped (nothing published).
 *
 * @example
 * ```ts
 * import { readPublishedRows } from 'policy-index';
 * const cell = (text: string) => ({ text });
 * const { value } = readPublishedRows([cell('country'), cell('year'), cell('node'), cell('value')], [[cell('CA'), cell('2019'), cell('a'), cell('50')]]);
 * value?.[0]; // { country: 'CA', year: 2019, node: 'a', value: '50', source: { file: 'published.csv' } }
 * ```
 */
export function readPublishedRows(header: readonly PublishedCell[], rows: Iterable<readonly PublishedCell[]>, options: ReadPublishedOptions = {}): { value?: PublishedValue[]; diagnostics: Diagnostic[] } {
  const reader = publishedRowReader(header, options);
  for (const row of rows) reader.row(row);
  return reader.finish();
}

/**
 * Reads published scores from CSV text in the long layout (header `country,year,node,value`
 * by default), with `file:line:column` diagnostics.
 *
 * @example
 * ```ts
 * import { readPublishedCsv } from 'policy-index';
 * const { value } = readPublishedCsv('country,year,node,value\nCA,2019,a,50\n', { file: 'scores.csv' });
 * value?.[0]?.source; // { file: 'scores.csv', line: 2, column: 11 }
 * ```
 */
export function readPublishedCsv(text: string, options: ReadPublishedOptions = {}): { value?: PublishedValue[]; diagnostics: Diagnostic[] } {
  const file = options.file ?? 'published.csv';
  const cells = (fields: readonly { value: string; line: number; column: number }[]) => fields.map((f) => ({ text: f.value, line: f.line, column: f.column }));
  // One record at a time: a large table's rows are read and dropped, never all kept.
  let reader: ReturnType<typeof publishedRowReader> | undefined;
  const parsed = readCsvRecords(text, { file }, (record, i) => {
    if (i === 0) reader = publishedRowReader(cells(record.fields), { ...options, file });
    else reader!.row(cells(record.fields));
  });
  if (!reader) {
    return { diagnostics: [...parsed.diagnostics, { code: 'PUBLISHED_MISSING_COLUMN', severity: 'error', message: 'The published table is empty: it has no header row.', file, line: 1, column: 1 }] };
  }
  const read = reader.finish();
  return { ...(read.value ? { value: read.value } : {}), diagnostics: [...parsed.diagnostics, ...read.diagnostics] };
}
