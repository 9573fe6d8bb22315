/**
 * CSV text → records with positions (RFC 4180: quoted fields, doubled quotes inside quotes,
 * CRLF or LF line ends, embedded line breaks in quoted fields, an optional byte-order mark).
 *
 * Every record keeps the 1-based line it starts on (the header is line 1) and every field the
 * line and column it starts at, so later stages can report `file:line:column` for any cell.
 * Problems become `CSV_SYNTAX` diagnostics; the parser never throws.
 *
 * @module
 */
import type { Diagnostic } from '../diagnostics/index.js';

/** One field of a record, with the position of its first character (the opening quote if quoted). */
export interface CsvField {
  /** The field's text with quotes removed and doubled quotes undone. */
  value: string;
  /** 1-based line the field starts on. */
  line: number;
  /** 1-based column the field starts at (a byte-order mark does not count). */
  column: number;
  /** Whether the field was quoted. */
  quoted: boolean;
  /** 1-based line the field ends on (after a closing quote, if quoted). */
  endLine?: number;
  /** 1-based column just after the field's last character. */
  endColumn?: number;
}

/** One record (row) of a CSV text. */
export interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  /** 1-based line the record ends on (differs from `line` when a quoted field spans lines). */
  endLine: number;
  fields: CsvField[];
}

/** A parsed CSV text. */
export interface CsvDocument {
  file: string;
  /** The first record, when `header` is true (the default). */
  header?: CsvRecord;
  /** All other records, in order. Blank lines are skipped. */
  records: CsvRecord[];
}

/** Options for {@link parseCsv}. */
export interface CsvParseOptions {
  /** Name of the text for diagnostics (default `<input>`). */
  file?: string;
  /** Field separator, one character (default `,`). */
  delimiter?: string;
  /** Whether the first record is a header (default true). */
  header?: boolean;
  /**
   * Whether every record must have as many fields as the header (default true). A record with
   * a different count is still returned, with a `CSV_SYNTAX` error.
   */
  strictFieldCount?: boolean;
  /** Most records read, header included (default 1 000 000); reading stops with a `CSV_LIMIT` error. */
  maxRecords?: number;
  /** Most fields in one record (default 10 000). */
  maxFields?: number;
  /** Longest field, in characters (default 1 000 000). */
  maxFieldLength?: number;
}

/**
 * Parses CSV text into records with line and column positions, collecting problems as
 * `CSV_SYNTAX` diagnostics (unbalanced quotes, text after a closing quote, a quote inside an
 * unquoted field, a wrong number of fields).
 *
 * @example
 * ```ts
 * import { parseCsv } from 'policy-index';
 * const { value, diagnostics } = parseCsv('country,value\r\nAT,"1,5"\n', { file: 'a.csv' });
 * value!.header!.fields.map((f) => f.value); // ['country', 'value']
 * value!.records[0]!.fields[1];              // { value: '1,5', line: 2, column: 4, quoted: true, endLine: 2, endColumn: 9 }
 * diagnostics;                               // []
 * ```
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): { value: CsvDocument; diagnostics: Diagnostic[] } {
  const all: CsvRecord[] = [];
  const { diagnostics } = readCsvRecords(text, options, (record) => {
    all.push(record);
  });
  const header = (options.header ?? true) ? all.shift() : undefined;
  return { value: { file: options.file ?? '<input>', ...(header ? { header } : {}), records: all }, diagnostics };
}

/**
 * What {@link readCsvRecords} gives back besides the records: the diagnostics {@link parseCsv}
 * gives, and how many records were read (the header included).
 */
export interface CsvReadSummary {
  diagnostics: Diagnostic[];
  records: number;
}

/**
 * {@link parseCsv} one record at a time: calls `onRecord` with each record in order (the header
 * first, as record 0) and keeps none of them, so a large text's fields need not all be alive at
 * once. The diagnostics are the same as {@link parseCsv}'s, in the same order (the field-count
 * checks come last), and are returned at the end. Not part of the public API.
 *
 * @example
 * ```ts
 * import { readCsvRecords } from './csv.js';
 * const lines: number[] = [];
 * readCsvRecords('a,b\n1,2\n3\n', {}, (record) => lines.push(record.line)).records; // 3
 * lines; // [1, 2, 3]
 * ```
 */
export function readCsvRecords(text: string, options: CsvParseOptions, onRecord: (record: CsvRecord, index: number) => void): CsvReadSummary {
  const file = options.file ?? '<input>';
  const delimiter = options.delimiter ?? ',';
  const useHeader = options.header ?? true;
  const strict = options.strictFieldCount ?? true;
  const maxRecords = options.maxRecords ?? 1_000_000;
  const maxFields = options.maxFields ?? 10_000;
  const maxFieldLength = options.maxFieldLength ?? 1_000_000;
  let stopped = false;
  const limit = (message: string, line: number, column: number): void => {
    diagnostics.push({ code: 'CSV_LIMIT', severity: 'error', message, file, line, column });
    stopped = true;
  };
  const diagnostics: Diagnostic[] = [];
  const syntax = (message: string, line: number, column: number, extra: Partial<Diagnostic> = {}): void => {
    diagnostics.push({ code: 'CSV_SYNTAX', severity: 'error', message, file, line, column, ...extra });
  };
  // Every record should have as many fields as the first (the header, if there is one); these
  // diagnostics follow all others, and none are given when reading stopped at a limit.
  let expected: number | undefined;
  const fieldCounts: Diagnostic[] = [];
  let count = 0;

  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i; // offset of the first character of the current line
  const n = text.length;
  // Characters are compared by code unit; a delimiter that is not one character never matches.
  const delim = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
  const QUOTE = 0x22;
  const CR = 0x0d;
  const LF = 0x0a;

  const atLineEnd = (pos: number): boolean => {
    if (pos >= n) return true;
    const c = text.charCodeAt(pos);
    return c === LF || c === CR;
  };
  const skipLineEnd = (pos: number): number => (text.charCodeAt(pos) === CR && text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1);

  while (i < n && !stopped) {
    // Blank line: skip.
    const first = text.charCodeAt(i);
    if (first === LF || first === CR) {
      i = skipLineEnd(i);
      line++;
      lineStart = i;
      continue;
    }
    if (count >= maxRecords) {
      limit(`The text has more than ${maxRecords} records; the rest is not read.`, line, 1);
      break;
    }
    const record: CsvRecord = { line, endLine: line, fields: [] };
    const fields = record.fields;
    for (;;) {
      if (fields.length >= maxFields) {
        limit(`A record has more than ${maxFields} fields; the rest of the text is not read.`, line, i - lineStart + 1);
        break;
      }
      const fieldLine = line;
      const column = i - lineStart + 1;
      let value: string;
      let quoted = false;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        quoted = true;
        i++;
        // The value is the text between the quotes with each doubled quote undone; line breaks
        // inside are kept as written. It is taken in slices between quotes.
        value = '';
        let from = i;
        let closed = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              value += text.slice(from, i + 1);
              i += 2;
              from = i;
              continue;
            }
            value += text.slice(from, i);
            closed = true;
            i++;
            break;
          }
          if (c === CR || c === LF) {
            i = skipLineEnd(i);
            line++;
            lineStart = i;
            continue;
          }
          i++;
        }
        if (!closed) {
          value += text.slice(from, i);
          syntax('A quoted field is never closed.', fieldLine, column, { hint: 'Add the closing quote, or double any quote inside the field ("").' });
        } else if (!atLineEnd(i) && text.charCodeAt(i) !== delim) {
          const start = i;
          while (!atLineEnd(i) && text.charCodeAt(i) !== delim) i++;
          syntax('Text follows the closing quote of a field.', line, start - lineStart + 1, {
            actual: text.slice(start, i),
            hint: 'Put the whole field inside the quotes, and double any quote inside it ("").',
          });
          value += text.slice(start, i);
        }
        if (value.length > maxFieldLength) limit(`A field is ${value.length} characters long; the limit is ${maxFieldLength} (a quote left open makes one huge field). The rest of the text is not read.`, fieldLine, column);
      } else {
        const start = i;
        let quote = -1;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          if (c === QUOTE && quote < 0) quote = i;
          i++;
        }
        value = text.slice(start, i);
        if (value.length > maxFieldLength) limit(`A field is ${value.length} characters long; the limit is ${maxFieldLength}. The rest of the text is not read.`, line, column);
        if (quote >= 0) {
          syntax('A quote appears inside an unquoted field.', line, quote - lineStart + 1, {
            hint: 'Quote the whole field and double the quote inside it ("").',
          });
        }
      }
      fields.push({ value, line: fieldLine, column, quoted, endLine: line, endColumn: i - lineStart + 1 });
      if (stopped) break;
      if (i < n && text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      break;
    }
    record.endLine = line;
    if (stopped) break;
    if (expected === undefined) expected = fields.length;
    else if (strict && fields.length !== expected) {
      // The first field too many, or the last one: its own line (a quoted field may start lines below the record).
      const at = fields.length > expected ? fields[expected]! : fields[fields.length - 1]!;
      fieldCounts.push({
        code: 'CSV_SYNTAX',
        severity: 'error',
        message: `The record has ${fields.length} field${fields.length === 1 ? '' : 's'}; the ${useHeader ? 'header has' : 'first record has'} ${expected}.`,
        file,
        line: at.line,
        column: at.column,
        expected: `${expected} fields`,
        actual: `${fields.length} fields`,
      });
    }
    onRecord(record, count++);
    if (i < n) {
      i = skipLineEnd(i);
      line++;
      lineStart = i;
    }
  }

  if (!stopped) for (const d of fieldCounts) diagnostics.push(d);
  return { diagnostics, records: count };
}

/** A plain decimal number (optionally signed, with a fraction or exponent): left as it is. */
const PLAIN_NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Writes one CSV field: quoted when it holds a comma, quote or line break or starts or ends
 * with white space. A text cell that a spreadsheet would run as a formula — one starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return — is neutralised the OWASP way: prefixed with a
 * single quote and quoted. Numbers (and text that is a plain number such as `-3.5`) stay as
 * they are, so numeric columns remain numeric, and so does a lone `-`. Empty for null and undefined.
 *
 * @example
 * ```ts
 * import { csvField } from 'policy-index';
 * csvField('a,b');          // '"a,b"'
 * csvField(42);             // '42'
 * csvField('-3.5');         // '-3.5'
 * csvField('=HYPERLINK(1)'); // `"'=HYPERLINK(1)"`
 * ```
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // Text already starting with quotes before a formula sign gets one more, so that reading
  // the field back ({@link csvFieldText}'s counterpart {@link restoreCsvFormulaText}) is exact.
  // A lone '-' (a table's "no answer") carries no formula and stays as it is.
  const neutralise = typeof value !== 'number' && s !== '-' && NEUTRALISED.test(s) && !PLAIN_NUMBER.test(s);
  if (neutralise) s = `'${s}`;
  return neutralise || /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Text a spreadsheet would run as a formula, possibly behind quotes that a writer added. */
const NEUTRALISED = /^'*[=+\-@\t\r]/;

/**
 * Undoes {@link csvField}'s formula neutralisation when reading a table back: a quoted field
 * whose text is a single quote followed by (quotes and) a formula sign loses that one quote.
 * Unquoted fields and other text are returned as they are.
 *
 * @example
 * ```ts
 * import { restoreCsvFormulaText } from 'policy-index';
 * restoreCsvFormulaText({ value: "'-", line: 1, column: 1, quoted: true }); // '-'
 * ```
 */
export function restoreCsvFormulaText(field: CsvField): string {
  return field.quoted && field.value.startsWith("'") && NEUTRALISED.test(field.value.slice(1)) && !PLAIN_NUMBER.test(field.value.slice(1)) ? field.value.slice(1) : field.value;
}
