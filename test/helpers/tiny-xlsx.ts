/**
 * A tiny .xlsx writer for hostile-input tests: stored (uncompressed) zip entries, inline-string
 * cells, and sheet names written exactly as given (spreadsheet programs and exceljs refuse names
 * such as `../../pwned`, which is the point here).
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip file of stored entries. */
export function zipStored(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  const count = Object.keys(entries).length;
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Cells by A1 reference; strings are written as inline strings unless `raw` XML text is wanted. */
export type TinyCells = Record<string, string | number>;

/**
 * An .xlsx file with the given sheets. Sheet names are XML-escaped but otherwise written as
 * given; `rawName: true` writes the name without escaping (to plant entities such as `&constructor;`).
 */
export function tinyXlsx(sheets: { name: string; cells: TinyCells; rawName?: boolean; rawStrings?: boolean }[]): Buffer {
  const entries: Record<string, string> = {};
  const sheetTags: string[] = [];
  const rels: string[] = [];
  sheets.forEach((sheet, i) => {
    const n = i + 1;
    sheetTags.push(`<sheet name="${sheet.rawName ? sheet.name : xml(sheet.name)}" sheetId="${n}" r:id="rId${n}"/>`);
    rels.push(`<Relationship Id="rId${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/>`);
    const byRow = new Map<number, string[]>();
    for (const [ref, value] of Object.entries(sheet.cells)) {
      const row = Number(/\d+$/.exec(ref)![0]);
      const cell =
        typeof value === 'number'
          ? `<c r="${ref}"><v>${value}</v></c>`
          : `<c r="${ref}" t="inlineStr"><is><t>${sheet.rawStrings ? value : xml(value)}</t></is></c>`;
      byRow.set(row, [...(byRow.get(row) ?? []), cell]);
    }
    const rows = [...byRow].sort((a, b) => a[0] - b[0]).map(([r, cells]) => `<row r="${r}">${cells.join('')}</row>`);
    entries[`xl/worksheets/sheet${n}.xml`] = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  });
  entries['xl/workbook.xml'] =
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheetTags.join('')}</sheets></workbook>`;
  entries['xl/_rels/workbook.xml.rels'] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
  return zipStored(entries);
}

/**
 * The cells of a minimal sheet in the MIPEX core-set layout: the overall-score block and a
 * citizenship strand for 2019 with a published strand score and one answered indicator.
 */
export function mipexSheetCells(extra: TinyCells = {}): TinyCells {
  return {
    A1: 'Overall Scores',
    A2: 'Year',
    B2: 'Overall Score (with health)',
    A3: 2019,
    B3: 50,
    A5: 'Policy strand',
    B5: 'Citizenship Strand',
    A6: 'Indicator',
    A7: 'Sub-indicator',
    A8: 'Title',
    A9: 'Description',
    A10: 'Answer options',
    B6: 'f',
    E6: 'fa98',
    A11: 'Year',
    B11: 'Score',
    C11: 'Comments',
    D11: 'Year',
    E11: 'Score',
    F11: 'Comments',
    A12: 2019,
    B12: 100,
    D12: 2019,
    E12: 100,
    ...extra,
  };
}
