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

/** The zip entries of an .xlsx file, by name, inflated on demand. */
function zipEntries(buf: Buffer): Map<string, () => Buffer> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const count = buf.readUInt16LE(eocd + 10);
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
      if (method === 8) return inflateRawSync(data);
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

const ATTR_PATTERNS = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | undefined {
  let re = ATTR_PATTERNS.get(name);
  if (!re) ATTR_PATTERNS.set(name, (re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  const m = re.exec(attrs);
  return m ? decode(m[1]!) : undefined;
}

/** Text of the `<t>` runs inside an element (shared string or inline string), phonetic runs excluded. */
function runsText(xml: string): string {
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += decode(m[1] ?? '');
  // Spreadsheet applications escape characters XML cannot carry as `_xHHHH_`.
  return out.includes('_x') ? out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : out;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)].map((m) => runsText(m[1] ?? ''));
}

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
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
            const col = dc ? letters : colLetters(colNumber(letters) + dCol);
            const row = dr ? digits : String(Number(digits) + dRow);
            return `${pre}${sheet ?? ''}${dc}${col}${dr}${row}`;
          }),
    )
    .join('');
}

function parseSheet(name: string, xml: string, strings: readonly string[]): XlsxSheet {
  const rows = new Map<number, Map<number, XlsxCell>>();
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  let lastRow = 0;
  const data = /<sheetData\b[^>]*?(?:\/>|>([\s\S]*?)<\/sheetData>)/.exec(xml)?.[1] ?? '';
  for (const rm of data.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(attr(rm[1]!, 'r') ?? lastRow + 1);
    lastRow = r;
    let lastCol = 0;
    const body = rm[2];
    if (!body) continue;
    for (const cm of body.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cm[1]!;
      const ref = attr(attrs, 'r');
      const refMatch = ref ? /^([A-Z]+)(\d+)$/.exec(ref) : null;
      const col = refMatch ? colNumber(refMatch[1]!) : lastCol + 1;
      const row = refMatch ? Number(refMatch[2]) : r;
      lastCol = col;
      const inner = cm[2];
      if (!inner) continue;
      const type = attr(attrs, 't') ?? 'n';
      const fm = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(inner);
      const v = /<v\b[^>]*?>([\s\S]*?)<\/v>/.exec(inner)?.[1];
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
        const is = /<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner)?.[1];
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
      if (cell.value === null && cell.error === undefined && cell.formula === undefined) continue;
      let line = rows.get(row);
      if (!line) rows.set(row, (line = new Map()));
      line.set(col, cell);
    }
  }
  return { name, rows };
}

/**
 * Reads every worksheet of an .xlsx file, in workbook order.
 *
 * @example
 * ```ts
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
  for (const m of workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const name = attr(m[1]!, 'name') ?? '';
    const rid = attr(m[1]!, 'r:id') ?? /\sr:id="([^"]*)"|\s\w+:id="([^"]*)"/.exec(m[1]!)?.slice(1).find(Boolean);
    const path = rid ? rels.get(rid) : undefined;
    const xml = path ? text(path.replace(/\/\.\//g, '/')) : undefined;
    if (xml === undefined || !xml.includes('<worksheet')) continue;
    sheets.push(parseSheet(name, xml, strings));
  }
  return sheets;
}
