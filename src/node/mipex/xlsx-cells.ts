/**
 * A small, fast reader of the cells of an .xlsx workbook: values, cached formula results,
 * spreadsheet errors and formula texts (shared formulas translated to each cell). No styles,
 * no dates (numbers stay numbers), no drawings.
 *
 * It exists because reading a whole workbook through a general spreadsheet library costs
 * seconds; here the zip container is opened with `node:zlib` and the sheet XML is scanned
 * once. Throws on a damaged or non-xlsx file; callers turn that into a diagnostic.
 *
 * Node-only.
 *
 * @module
 */
import { inflateRawSync } from 'node:zlib';
import { columnName, columnNumber } from '../../tables/grid.js';

/** One non-empty cell. */
export interface XlsxCell {
  /** Number, text, `TRUE`/`FALSE`; for a formula its cached result; `null` when empty or an error. */
  value: number | string | null;
  /** Spreadsheet error such as `#DIV/0!` (a value or a formula's cached result). */
  error?: string;
  /** Formula text without `=`, shared formulas translated to this cell. */
  formula?: string;
}

/** One worksheet: its cells by 1-based row, then 1-based column. */
export interface XlsxSheet {
  name: string;
  rows: Map<number, Map<number, XlsxCell>>;
}

/**
 * Safety limits of the reader. A real workbook is far below every one of them; a file above
 * one is refused with an {@link XlsxLimitError} before memory or time run away.
 */
export const XLSX_LIMITS = {
  /** Largest .xlsx file, in bytes. */
  fileBytes: 100 * 1024 * 1024,
  /** Most zip entries. */
  entries: 10_000,
  /** Largest inflated zip entry, in bytes. */
  entryBytes: 200 * 1024 * 1024,
  /** Most bytes inflated from one file, all entries together. */
  totalBytes: 300 * 1024 * 1024,
  /** Highest ratio of inflated to compressed size, for entries above 1 MB inflated. */
  ratio: 100,
  /** Most non-empty cells read from one workbook. */
  cells: 2_000_000,
  /** Highest row number (the spreadsheet format's own limit). */
  rows: 1_048_576,
  /** Highest column number (the spreadsheet format's own limit). */
  columns: 16_384,
} as const;

/** A workbook exceeds one of {@link XLSX_LIMITS}. */
export class XlsxLimitError extends Error {
  override readonly name = 'XlsxLimitError';
}

/** The zip entries of an .xlsx file, by name, inflated on demand. */
function zipEntries(buf: Buffer): Map<string, () => Buffer> {
  if (buf.length > XLSX_LIMITS.fileBytes) throw new XlsxLimitError(`the file is ${buf.length} bytes; the limit is ${XLSX_LIMITS.fileBytes}`);
  if (buf.length < 22) throw new Error('not a zip file (too short)');
  let inflated = 0;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const count = buf.readUInt16LE(eocd + 10);
  if (count > XLSX_LIMITS.entries) throw new XlsxLimitError(`the zip has ${count} entries; the limit is ${XLSX_LIMITS.entries}`);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, () => Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('damaged zip central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    out.set(name, () => {
      if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`damaged zip entry ${name}`);
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      if (method === 0) return data;
      if (method === 8) {
        // Inflate at most what the limits allow: a zip bomb stops here with bounded memory.
        const room = Math.min(XLSX_LIMITS.entryBytes, XLSX_LIMITS.totalBytes - inflated, Math.max(1024 * 1024, data.length * XLSX_LIMITS.ratio));
        let out: Buffer;
        try {
          out = inflateRawSync(data, { maxOutputLength: Math.max(1, room) });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
            throw new XlsxLimitError(`the zip entry ${name} inflates to more than ${room} bytes (limits: ${XLSX_LIMITS.entryBytes} per entry, ${XLSX_LIMITS.totalBytes} in all, ${XLSX_LIMITS.ratio} times its compressed size)`);
          }
          throw e;
        }
        inflated += out.length;
        return out;
      }
      throw new Error(`unsupported zip compression method ${method} for ${name}`);
    });
  }
  return out;
}

// The five XML entities only (a Map, so that `&constructor;` is no entity); anything else stays as written.
const ENTITY: ReadonlyMap<string, string> = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,8}|#\d{1,8}|[a-zA-Z]+);/g, (m, e: string) => {
    if (e.startsWith('#')) {
      const cp = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITY.get(e) ?? m;
  });
}

/** The value of attribute `name` in an element's attribute text (`r="A1" t="s"`), entities decoded. */
function attr(attrs: string, name: string): string | undefined {
  const key = `${name}="`;
  for (let at = attrs.indexOf(key); at >= 0; at = attrs.indexOf(key, at + 1)) {
    const before = at === 0 ? 32 : attrs.charCodeAt(at - 1);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    const start = at + key.length;
    const end = attrs.indexOf('"', start);
    return end < 0 ? undefined : decode(attrs.slice(start, end));
  }
  return undefined;
}

/** A cell reference such as `AB12` as 1-based column and row; undefined unless 1–3 capitals and 1–7 digits. */
function cellRef(ref: string | undefined): { col: number; row: number } | undefined {
  if (ref === undefined) return undefined;
  let i = 0;
  while (i < ref.length && i < 4 && ref.charCodeAt(i) >= 65 && ref.charCodeAt(i) <= 90) i++;
  if (i === 0 || i > 3 || ref.length - i < 1 || ref.length - i > 7) return undefined;
  let row = 0;
  for (let j = i; j < ref.length; j++) {
    const c = ref.charCodeAt(j);
    if (c < 48 || c > 57) return undefined;
    row = row * 10 + (c - 48);
  }
  return { col: columnNumber(ref.slice(0, i)), row };
}

/** Text of the `<t>` runs inside an element (shared string or inline string), phonetic runs excluded. */
function runsText(xml: string): string {
  let body = xml;
  if (xml.includes('<rPh')) {
    body = '';
    let p = 0;
    for (let at = xml.indexOf('<rPh', p); at >= 0; at = xml.indexOf('<rPh', p)) {
      const end = xml.indexOf('</rPh>', at);
      if (end < 0) break;
      body += xml.slice(p, at);
      p = end + 6;
    }
    body += xml.slice(p);
  }
  let out = '';
  eachElement(body, 't', (_, text) => {
    out += decode(text ?? '');
  });
  // Spreadsheet applications escape characters XML cannot carry as `_xHHHH_`.
  return out.includes('_x') ? out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : out;
}

const isNameChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * Calls `each(attributes, body)` for every `<tag …>body</tag>` or `<tag …/>` in `xml`, in one
 * pass (body undefined for an empty element). Same matches as the lazy regular expression
 * `<tag\b[^>]*?(?:\/>|>([\s\S]*?)<\/tag>)`, but linear: once no closing tag is left, no later
 * element can close either, so scanning stops instead of retrying from every opening tag.
 * `each` returning `true` stops the scan.
 */
export function eachElement(xml: string, tag: string, each: (attrs: string, body: string | undefined) => boolean | void): void {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let closeAt = -2; // cached position of the next closing tag (-1: none left)
  for (let p = xml.indexOf(open); p >= 0; ) {
    const after = p + open.length;
    if (after < xml.length && isNameChar(xml.charCodeAt(after))) {
      p = xml.indexOf(open, after);
      continue;
    }
    const gt = xml.indexOf('>', after);
    if (gt < 0) return;
    if (xml.charCodeAt(gt - 1) === 47 /* / */ && gt - 1 >= after) {
      if (each(xml.slice(after, gt - 1), undefined) === true) return;
      p = xml.indexOf(open, gt + 1);
      continue;
    }
    if (closeAt !== -1 && closeAt < gt + 1) closeAt = xml.indexOf(close, gt + 1);
    if (closeAt < 0) return;
    if (each(xml.slice(after, gt), xml.slice(gt + 1, closeAt)) === true) return;
    p = xml.indexOf(open, closeAt + close.length);
  }
}

/** The first element `tag` in `xml` as `[whole, attributes, body]` (body undefined when empty), like a regular expression match. */
function firstElement(xml: string, tag: string): [string, string, string | undefined] | undefined {
  const open = `<${tag}`;
  for (let p = xml.indexOf(open); p >= 0; p = xml.indexOf(open, p + open.length)) {
    const after = p + open.length;
    if (after < xml.length && isNameChar(xml.charCodeAt(after))) continue;
    const gt = xml.indexOf('>', after);
    if (gt < 0) return undefined;
    if (xml.charCodeAt(gt - 1) === 47 /* / */ && gt - 1 >= after) return ['', xml.slice(after, gt - 1), undefined];
    const closeAt = xml.indexOf(`</${tag}>`, gt + 1);
    return closeAt < 0 ? undefined : ['', xml.slice(after, gt), xml.slice(gt + 1, closeAt)];
  }
  return undefined;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  eachElement(xml, 'si', (_, body) => {
    out.push(runsText(body ?? ''));
  });
  return out;
}

/** Shifts the relative A1 references of a formula by whole rows and columns (string literals untouched). */
export function translateFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(^|[^A-Za-z0-9_.$!])((?:'[^']*'|[A-Za-z0-9_]+)!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g, (m, pre: string, sheet: string | undefined, dc: string, letters: string, dr: string, digits: string) => {
            const col = dc ? letters : columnName(columnNumber(letters) + dCol);
            const row = dr ? digits : String(Number(digits) + dRow);
            return `${pre}${sheet ?? ''}${dc}${col}${dr}${row}`;
          }),
    )
    .join('');
}

function parseSheet(name: string, xml: string, strings: readonly string[], budget: { cells: number }): XlsxSheet {
  const rows = new Map<number, Map<number, XlsxCell>>();
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  let lastRow = 0;
  const data = firstElement(xml, 'sheetData')?.[2] ?? '';
  eachElement(data, 'row', (rowAttrs, body) => {
    const r = Number(attr(rowAttrs, 'r') ?? lastRow + 1);
    lastRow = r;
    let lastCol = 0;
    if (!body) return;
    eachElement(body, 'c', (attrs, inner) => {
      const ref = cellRef(attr(attrs, 'r'));
      const col = ref ? ref.col : lastCol + 1;
      const row = ref ? ref.row : r;
      lastCol = col;
      if (!inner) return;
      if (!(row >= 1 && row <= XLSX_LIMITS.rows) || col > XLSX_LIMITS.columns) {
        throw new XlsxLimitError(`sheet '${name}' has a cell at row ${row}, column ${col}, beyond the format's ${XLSX_LIMITS.rows} rows and ${XLSX_LIMITS.columns} columns`);
      }
      const type = attr(attrs, 't') ?? 'n';
      const fm = firstElement(inner, 'f');
      const v = firstElement(inner, 'v')?.[2];
      const cell: XlsxCell = { value: null };
      if (fm) {
        const fattrs = fm[1]!;
        const text = fm[2] !== undefined ? decode(fm[2]) : '';
        const si = attr(fattrs, 'si');
        if (attr(fattrs, 't') === 'shared' && si !== undefined) {
          if (text !== '') {
            shared.set(si, { formula: text, row, col });
            cell.formula = text;
          } else {
            const master = shared.get(si);
            if (master) cell.formula = translateFormula(master.formula, row - master.row, col - master.col);
          }
        } else if (text !== '') cell.formula = text;
      }
      if (type === 'inlineStr') {
        const is = firstElement(inner, 'is')?.[2];
        cell.value = is === undefined ? null : runsText(is);
      } else if (v !== undefined) {
        if (type === 's') cell.value = strings[Number(v)] ?? null;
        else if (type === 'str' || type === 'd') cell.value = decode(v);
        else if (type === 'b') cell.value = v.trim() === '1' ? 'TRUE' : 'FALSE';
        else if (type === 'e') cell.error = decode(v);
        else {
          const n = Number(v);
          if (Number.isFinite(n)) cell.value = n;
          else cell.error = '#NUM!';
        }
      }
      if (cell.value === null && cell.error === undefined && cell.formula === undefined) return;
      if (--budget.cells < 0) throw new XlsxLimitError(`the workbook has more than ${XLSX_LIMITS.cells} non-empty cells`);
      let line = rows.get(row);
      if (!line) rows.set(row, (line = new Map()));
      line.set(col, cell);
    });
  });
  return { name, rows };
}

/**
 * Reads every worksheet of an .xlsx file, in workbook order.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readXlsxCells } from './xlsx-cells.js';
 * const sheets = readXlsxCells(readFileSync('book.xlsx'));
 * sheets[0]?.rows.get(1)?.get(1)?.value; // the value of A1
 * ```
 */
export function readXlsxCells(bytes: Uint8Array): XlsxSheet[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipEntries(buf);
  // XML parsers read every line break as a line feed.
  const text = (name: string): string | undefined => entries.get(name)?.().toString('utf8').replace(/\r\n?/g, '\n');
  const workbook = text('xl/workbook.xml');
  if (workbook === undefined) throw new Error('not an .xlsx workbook (no xl/workbook.xml)');
  const rels = new Map<string, string>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id && target) rels.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const strings = sharedStrings(text('xl/sharedStrings.xml'));
  const sheets: XlsxSheet[] = [];
  const budget = { cells: XLSX_LIMITS.cells };
  for (const m of workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const name = attr(m[1]!, 'name') ?? '';
    const rid = attr(m[1]!, 'r:id') ?? /\sr:id="([^"]*)"|\s\w+:id="([^"]*)"/.exec(m[1]!)?.slice(1).find(Boolean);
    const path = rid ? rels.get(rid) : undefined;
    const xml = path ? text(path.replace(/\/\.\//g, '/')) : undefined;
    if (xml === undefined || !xml.includes('<worksheet')) continue;
    sheets.push(parseSheet(name, xml, strings, budget));
  }
  return sheets;
}
