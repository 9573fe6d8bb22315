/** A minimal .xlsx writer for tests: a zip (stored or deflated entries) of hand-written XML. */
import { deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Deflate the entry (default true). */
  deflate?: boolean;
}

/** Builds a zip file from entries (CRC fields are left 0: the reader does not check them). */
export function buildZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.deflate === false ? e.data : deflateRawSync(e.data);
    const method = e.deflate === false ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Sheet XML for rows of values (strings as inline strings). */
export function sheetXml(rows: readonly (readonly (string | number | null)[])[]): string {
  const body = rows
    .map((row, r) => `<row r="${r + 1}">${row.map((v, c) => (v === null ? '' : typeof v === 'number' ? `<c r="${colLetters(c + 1)}${r + 1}"><v>${v}</v></c>` : `<c r="${colLetters(c + 1)}${r + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`)).join('')}</row>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/** The XML parts of a workbook with the given sheets (name → sheet XML). */
export function workbookParts(sheets: readonly { name: string; xml: string }[]): ZipEntry[] {
  const wb = `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
  const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`;
  return [
    { name: 'xl/workbook.xml', data: Buffer.from(wb) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels) },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(s.xml) })),
  ];
}

/** A small country sheet in the layout the MIPEX reader expects (one strand, two indicators, two years). */
export function smallMipexSheet(): (string | number | null)[][] {
  return [
    ['Year', 'MIPEX with health', 'MIPEX without health', 'MIPEX without health and education'],
    [2019, 50, 50, 50],
    [],
    ['Policy strand', 'Labour Market Mobility'],
    ['Indicator', null, 'LMM', null, null, '1', null, null, '2'],
    ['Sub-indicator', null, null, null, null, null, null, null, null],
    ['Title', null, 'strand', null, null, 'one', null, null, 'two'],
    ['Description', null, null],
    ['Answer options', null, null],
    [null, 'Year', 'Score', 'Comments', 'Year', 'Score', 'Comments', 'Year', 'Score', 'Comments'],
    [2018, 2018, 50, null, 2018, 100, 'ok', 2018, 0, null],
    [2019, 2019, 50, null, 2019, 100, null, 2019, 0, null],
  ];
}
