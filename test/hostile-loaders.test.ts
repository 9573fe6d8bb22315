import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Alias } from 'yaml';
import { loadRubric } from '../src/rubric/load.js';
import { loadAnswerSet } from '../src/answers/load.js';
import { parseYamlSource } from '../src/source/yaml-source.js';
import { parseCsv } from '../src/source/csv.js';
import { suggest } from '../src/source/suggest.js';
import { loadOutcomeData } from '../src/outcomes/data.js';
import { parseOutcomeFramework } from '../src/outcomes/framework.js';
import { readMipexWorkbook } from '../src/node/mipex/read-workbook.js';
import { verifyWorkbook } from '../src/node/mipex/verify.js';
import { eachElement, XLSX_LIMITS } from '../src/node/mipex/xlsx-cells.js';
import { buildZip, sheetXml, smallMipexSheet, workbookParts } from './fuzz/xlsx-builder.js';
import { ROOT } from './engine-helpers.js';

const fixture = (name: string): string => readFileSync(join(ROOT, 'test/fixtures/hostile/loaders', name), 'utf8');
const framework = parseOutcomeFramework(readFileSync(join(ROOT, 'rubrics/outcomes/zaragoza.yaml'), 'utf8')).value!;

describe('hostile loader inputs (regressions)', () => {
  it('an empty variants list is a diagnostic, not a TypeError', () => {
    const r = loadRubric(fixture('empty-variants.yaml'), { file: 'r.yaml' });
    expect(r.value).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === 'RUBRIC_VARIANT')!;
    expect(d).toMatchObject({ file: 'r.yaml', line: 5, column: 1 });
  });

  it('10,000 forbidden keys each get a diagnostic at their own line', () => {
    const r = parseYamlSource(fixture('constructor-keys.yaml'), 'k.yaml');
    const ds = r.diagnostics.filter((d) => d.code === 'YAML_FORBIDDEN_KEY');
    expect(ds).toHaveLength(10_000);
    expect(ds[9_999]).toMatchObject({ line: 10_000, column: 4 });
  });

  it('a repeated key among 20,000 is found by our own check, with its position', () => {
    const r = loadAnswerSet(fixture('many-answer-keys.yaml'), { file: 'a.yaml' });
    const dup = r.diagnostics.filter((d) => d.code === 'YAML_DUPLICATE_KEY');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ file: 'a.yaml', line: 20_006, column: 3 });
  });

  it('entry and key-length limits give diagnostics', () => {
    const many = parseYamlSource('[' + '1,'.repeat(20) + '1]', 'l.yaml', { maxEntries: 10 });
    expect(many.diagnostics.map((d) => d.code)).toEqual(['YAML_TOO_MANY_ENTRIES']);
    const long = parseYamlSource(`${'k'.repeat(1_001)}: 1\n`, 'k.yaml');
    expect(long.diagnostics.map((d) => d.code)).toEqual(['YAML_KEY_TOO_LONG']);
  });

  it('YAML above 1,000,000 characters is FILE_TOO_LARGE before parsing; at the limit it is read', () => {
    const over = parseYamlSource(`a: ${'x'.repeat(999_998)}`, 'big.yaml');
    expect(over.diagnostics).toMatchObject([{ code: 'FILE_TOO_LARGE', file: 'big.yaml', line: 1, column: 1 }]);
    const at = parseYamlSource(`a: ${'x'.repeat(999_997)}`, 'big.yaml');
    expect(at.diagnostics).toEqual([]);
  });

  it('a mostly broken YAML text (shuffled outcome lines) is given up after the first errors', () => {
    const text = fixture('shuffled-outcome-lines.yaml');
    const r = loadOutcomeData([{ name: 'o.yaml', text }], framework);
    const lines = text.split(/\r\n|\r|\n/);
    expect(r.diagnostics.length).toBe(51);
    expect(r.diagnostics.every((d) => d.code === 'YAML_SYNTAX' && d.file === 'o.yaml')).toBe(true);
    expect(r.diagnostics[50]!.message).toMatch(/More syntax errors follow/);
    for (const d of r.diagnostics) {
      expect(d.line!).toBeLessThanOrEqual(lines.length);
      expect(d.column!).toBeLessThanOrEqual(lines[d.line! - 1]!.length + 1);
    }
    // The same text repeated to 900,000 characters stops at the same place: parsing stopped early.
    const long = loadOutcomeData([{ name: 'o.yaml', text: text.repeat(30).slice(0, 900_000) }], framework);
    expect(long.diagnostics.map((d) => [d.line, d.column])).toEqual(r.diagnostics.map((d) => [d.line, d.column]));
  });

  it('a quoted CSV cell over several lines ends where its closing quote is', () => {
    const text = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,"1\n2\n"\n';
    const r = loadOutcomeData([{ name: 'q.csv', text }], framework);
    expect(r.diagnostics).toMatchObject([{ code: 'OUTCOME_NOT_A_NUMBER', file: 'q.csv', line: 2, column: 32, endLine: 4, endColumn: 2 }]);
  });

  it('duplicate rows beyond the first 1,000 of a file are counted in one more diagnostic', () => {
    const rows = ['country,year,indicator,cohort,value'];
    for (let i = 0; i < 3_001; i++) rows.push('AT,2019,employment-rate,native,70');
    const r = loadOutcomeData([{ name: 'd.csv', text: rows.join('\n') }], framework);
    const dup = r.diagnostics.filter((d) => d.code === 'OUTCOME_DUPLICATE_ROW');
    expect(dup).toHaveLength(1_001);
    expect(dup[999]).toMatchObject({ line: 1_002, column: 32 });
    expect(dup[1_000]).toMatchObject({ file: 'd.csv', line: 1_003, column: 32, message: '2000 more OUTCOME_DUPLICATE_ROW problems in this file are not listed; the first 1000 are.' });
  });

  it('no suggestion is computed for a long string', () => {
    expect(suggest('x'.repeat(100_000), ['title'])).toBeUndefined();
    expect(suggest('titel', ['title'])).toBe('title');
  });

  it('a huge CSV field is a CSV_LIMIT diagnostic inside the file', () => {
    const text = fixture('long-cell.csv');
    const r = parseCsv(text, { file: 'c.csv', maxFieldLength: 100_000 });
    expect(r.diagnostics).toMatchObject([{ code: 'CSV_LIMIT', line: 2, column: 9 }]);
  });

  it('a wrong field count after a quoted field over several lines is reported on the line of the field', () => {
    const r = parseCsv('a,b,c,d\n1,"\nqqqqqqqq",zz\n', { file: 'x.csv' });
    const d = r.diagnostics.find((x) => x.message.startsWith('The record has'))!;
    expect(d).toMatchObject({ code: 'CSV_SYNTAX', line: 3, column: 11 });
  });

  it('an unclosed quote and lone CR line ends do not throw and stay inside the file', () => {
    const text = fixture('unclosed-quote.csv');
    const r = loadOutcomeData([{ name: 'u.csv', text }], framework);
    const lines = text.split(/\r\n|\r|\n/);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    for (const d of r.diagnostics) if (d.file === 'u.csv') expect(d.line!).toBeLessThanOrEqual(lines.length);
  });

  it('130,000 CSV rows load without a stack overflow', () => {
    const rows = ['country,year,indicator,cohort,value'];
    for (let i = 0; i < 130_000; i++) rows.push(`AT,${1900 + (i % 100)},nope${i % 7},natives,1`);
    expect(() => loadOutcomeData([{ name: 'big.csv', text: rows.join('\n') }], framework)).not.toThrow();
  });

  it('the XML element scanner matches the regular expression it replaces and stops at unclosed tags', () => {
    const xml = '<si><t>a</t></si><si/><sis>x</sis><si a="1">b</si><si>open';
    const got: (string | undefined)[] = [];
    eachElement(xml, 'si', (_, body) => {
      got.push(body);
    });
    const re = [...xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)].map((m) => m[1]);
    expect(got).toEqual(re);
    let n = 0;
    eachElement('<si>'.repeat(200_000), 'si', () => {
      n++;
    });
    expect(n).toBe(0);
  });

  it('a sheet named constructor is read without a TypeError', async () => {
    const bytes = buildZip(workbookParts([{ name: 'constructor', xml: sheetXml(smallMipexSheet()) }]));
    const r = await readMipexWorkbook(bytes);
    expect(r.diagnostics.every((d) => typeof d.message === 'string')).toBe(true);
  });

  it('a zip bomb fails fast with a limit diagnostic', async () => {
    const huge = Buffer.alloc(XLSX_LIMITS.entryBytes + 1024, 0x20);
    const parts = workbookParts([{ name: 'AT', xml: sheetXml(smallMipexSheet()) }]);
    parts[2]!.data = Buffer.concat([Buffer.from('<worksheet><sheetData>'), huge]);
    const r = await readMipexWorkbook(buildZip(parts));
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: 'IMPORT_LIMIT', severity: 'error' }]);
  });

  it('a block with a huge Year/Score header grid is a limit diagnostic naming its header cell, not a heap exhaustion', async () => {
    // Formerly: 6,000 × 6,000 header cells made verify-workbook run out of heap after 52 s.
    const triplets = 3_000;
    const years = 1_000;
    const rows = smallMipexSheet();
    const start = rows.length + 2; // 1-based row of the new block's title row
    rows.push([], ['Policy strand', 'Citizenship']);
    rows.push(['Indicator'], ['Sub-indicator'], ['Title'], ['Description'], ['Answer options']);
    const header: (string | number | null)[] = [null];
    for (let t = 0; t < triplets; t++) header.push('Year', 'Score', 'Comments');
    rows.push(header);
    for (let y = 0; y < years; y++) rows.push([1900 + (y % 200)]);
    const bytes = buildZip(workbookParts([{ name: 'AT', xml: sheetXml(rows) }]));
    const r = await readMipexWorkbook(bytes);
    const limit = r.diagnostics.filter((d) => d.code === 'IMPORT_LIMIT');
    expect(limit).toHaveLength(1);
    expect(limit[0]!.message).toContain(`${triplets} column triplets and ${years} year rows`);
    expect(limit[0]).toMatchObject({ line: start + 6, column: 1, path: ['AT', `A${start + 6}`] });
    expect(limit[0]!.message).toMatch(new RegExp(`^AT!A${start + 6}: `));
    // The block before it is still read; verify-workbook fails on the skipped block.
    expect(r.value?.sheets[0]?.strands.map((s) => s.title)).toEqual(['Labour Market Mobility']);
    const verified = await verifyWorkbook(bytes);
    expect(verified.diagnostics).toContainEqual(expect.objectContaining({ code: 'IMPORT_LIMIT', severity: 'error', message: expect.stringContaining(`${triplets} column triplets`) }));
  });

  it('aliases are resolved in one pass over the document, not by walking it again for every alias', () => {
    // Formerly quadratic: the YAML library's Alias.resolve(doc) visits the whole document each
    // time, and an 18 KB framework with a nest of aliases took over 2 s.
    const resolve = vi.spyOn(Alias.prototype, 'resolve');
    try {
      const filler = Array.from({ length: 2_000 }, (_, i) => `k${i}: [${i}, ${i + 1}]`).join('\n');
      const text = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c]\n${filler}\n`;
      const r = parseYamlSource(text, 'x.yaml');
      expect(r.diagnostics).toEqual([]);
      const v = r.value as Record<string, string[][][][]>;
      expect(v.d).toHaveLength(3);
      expect(v.d![2]![9]![9]).toEqual(Array(10).fill('x'));
      // The last anchor of a name before an alias is the one it means, as YAML says.
      const redefined = parseYamlSource('a: &n 1\nb: *n\nc: &n 2\nd: *n\n', 'y.yaml').value;
      expect(redefined).toEqual({ a: 1, b: 1, c: 2, d: 2 });
      expect(resolve).not.toHaveBeenCalled();
    } finally {
      resolve.mockRestore();
    }
  });

  it('a cell beyond the format\'s columns is a limit diagnostic', async () => {
    const xml = '<worksheet><sheetData><row r="1"><c r="ZZZ1"><v>1</v></c></row></sheetData></worksheet>';
    const r = await readMipexWorkbook(buildZip(workbookParts([{ name: 'AT', xml }])));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['IMPORT_LIMIT']);
  });
});

describe('positions in CRLF texts', () => {
  it('an offset between the CR and the LF of a line end is the CR\'s column, never a column past the line', async () => {
    const { offsetRanger } = await import('../src/source/yaml-source.js');
    const at = offsetRanger('ab\r\ncd');
    // Offset 3 is the LF after "ab\r": its column would be 4 on a line of two characters.
    expect(at([3, 3])).toMatchObject({ line: 1, column: 3 });
    expect(at([2, 3])).toMatchObject({ line: 1, column: 3 });
    expect(at([4, 5])).toMatchObject({ line: 2, column: 1, endLine: 2, endColumn: 2 });
  });
});
