import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnName, columnNumber } from '../../tables/grid.js';
import { readMipexWorkbook, sheetCountry } from './read-workbook.js';

type Cells = Record<string, ExcelJS.CellValue>;

async function workbookBytes(sheets: Record<string, Cells>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, cells] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const [ref, value] of Object.entries(cells)) ws.getCell(ref).value = value;
  }
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** A country sheet shaped like the MIPEX one: overall block, then one strand block. */
function minimalSheet(options: { shift?: number; blankScoreHeading?: boolean } = {}): Cells {
  const s = options.shift ?? 0;
  const r = (n: number): number => n + s;
  const cells: Cells = {
    A1: 'Overall Scores',
    A2: 'Year',
    B2: 'Overall Score (with health)',
    C2: 'Overall Score (with/out health)',
    D2: 'Overall Score (with/out health and education)',
    A3: 2018,
    A4: 2019,
    C3: { formula: `AVERAGE(B${r(14)})`, result: 50 } as ExcelJS.CellFormulaValue,
    D3: { formula: `AVERAGE(B${r(14)})`, result: 50 } as ExcelJS.CellFormulaValue,
    D4: { formula: `AVERAGE(B${r(15)})`, result: 0 } as ExcelJS.CellFormulaValue,
  };
  const put = (col: string, row: number, v: ExcelJS.CellValue): void => {
    cells[`${col}${r(row)}`] = v;
  };
  put('A', 7, 'Policy strand');
  put('B', 7, 'Labour Market Mobility Strand');
  const labels: [number, string][] = [
    [8, 'Indicator'],
    [9, 'Sub-indicator'],
    [10, 'Title '],
    [11, 'Description '],
    [12, 'Answer options '],
  ];
  for (const [row, label] of labels) for (const col of ['A', 'D', 'G']) put(col, row, label);
  put('B', 8, 'a');
  put('E', 8, ' aa1 ');
  put('H', 9, 'aa1x');
  put('B', 10, 'Labour Market Mobility');
  put('E', 10, 'Immediate  access');
  put('H', 10, 'A part of it');
  put('E', 11, 'A question.');
  put('E', 12, '100 - yes\n50 - partly\n0 - no');
  for (const [y, sc, c] of [['A', 'B', 'C'], ['D', 'E', 'F'], ['G', 'H', 'I']] as const) {
    put(y, 13, 'Year');
    put(sc, 13, 'Score');
    put(c, 13, 'Comments');
  }
  if (options.blankScoreHeading) delete cells[`E${r(13)}`];
  for (const [row, year] of [[14, 2018], [15, 2019]] as const) {
    for (const col of ['A', 'D', 'G']) put(col, row, year);
  }
  put('B', 14, { formula: `AVERAGE(E${r(14)})`, result: 50 } as ExcelJS.CellFormulaValue);
  put('B', 15, { sharedFormula: `B${r(14)}`, result: 0 } as ExcelJS.CellSharedFormulaValue);
  put('E', 14, 50);
  put('F', 14, 'a comment');
  put('E', 15, 0);
  put('H', 14, { formula: `AVERAGE(E${r(14)},E${r(15)})`, result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellFormulaValue);
  return cells;
}

describe('readMipexWorkbook', () => {
  it('reads a minimal sheet with one strand block', async () => {
    const { value, diagnostics } = await readMipexWorkbook(await workbookBytes({ UK: minimalSheet() }));
    expect(diagnostics).toEqual([]);
    const sheet = value!.sheets[0]!;
    expect(sheet).toMatchObject({ name: 'UK', country: 'GB' });
    expect(sheet.overall).toEqual([
      {
        year: 2018,
        withoutHealth: { ref: 'UK!C3', value: 50, formula: 'AVERAGE(B14)' },
        withoutHealthEducation: { ref: 'UK!D3', value: 50, formula: 'AVERAGE(B14)' },
      },
      // a cached result of 0 must survive (exceljs's value copy drops falsy results)
      { year: 2019, withoutHealthEducation: { ref: 'UK!D4', value: 0, formula: 'AVERAGE(B15)' } },
    ]);
    expect(sheet.strands).toHaveLength(1);
    const strand = sheet.strands[0]!;
    expect(strand.title).toBe('Labour Market Mobility Strand');
    expect(strand.headerRow).toBe(13);
    expect(strand.columns.map((c) => [c.indicatorCode, c.subIndicatorCode, c.rawCode, c.scoreColumn, c.commentsColumn])).toEqual([
      ['a', null, 'a', 'B', 'C'],
      ['aa1', null, ' aa1 ', 'E', 'F'],
      ['aa1', 'aa1x', 'aa1x', 'H', 'I'],
    ]);
    const [total, aa1, sub] = strand.columns;
    expect(total!.years).toEqual([
      { year: 2018, score: { ref: 'UK!B14', value: 50, formula: 'AVERAGE(E14)' } },
      { year: 2019, score: { ref: 'UK!B15', value: 0, formula: 'AVERAGE(E15)' } },
    ]);
    expect(aa1).toMatchObject({
      title: 'Immediate access',
      descriptionCellRef: 'UK!E11',
      optionsText: '100 - yes\n50 - partly\n0 - no',
      years: [
        { year: 2018, score: { ref: 'UK!E14', value: 50 }, comment: { ref: 'UK!F14', value: 'a comment' } },
        { year: 2019, score: { ref: 'UK!E15', value: 0 } },
      ],
    });
    expect(sub!.years[0]!.score).toEqual({ ref: 'UK!H14', value: null, error: '#DIV/0!', formula: 'AVERAGE(E14,E15)' });
    expect(sub!.years[1]!.score).toEqual({ ref: 'UK!H15', value: null });
  });

  it('finds blocks by their labels, not by row numbers, and copes with a blank heading', async () => {
    const { value, diagnostics } = await readMipexWorkbook(
      await workbookBytes({ TU: minimalSheet({ shift: 5, blankScoreHeading: true }) }),
    );
    const sheet = value!.sheets[0]!;
    expect(sheet.country).toBe('TR');
    expect(sheet.strands[0]!.headerRow).toBe(18);
    expect(sheet.strands[0]!.columns.map((c) => c.scoreColumn)).toEqual(['B', 'E', 'H']);
    expect(sheet.strands[0]!.columns[1]!.years[0]!.score).toEqual({ ref: 'TU!E19', value: 50 });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'IMPORT_LAYOUT_DRIFT', severity: 'info', file: 'workbook.xlsx', line: 18, column: 4, path: ['TU', 'D18'], message: expect.stringMatching(/^TU!D18: The 'Score' heading after this 'Year' cell is blank/) }),
    ]);
  });

  it('skips junk and empty sheets with diagnostics', async () => {
    const bytes = await workbookBytes({
      Notes: { A1: 'Read me', B7: 42, C3: 'nothing here' },
      Empty: {},
      CA: minimalSheet(),
    });
    const { value, diagnostics } = await readMipexWorkbook(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(value!.sheets.map((s) => s.name)).toEqual(['CA']);
    expect(diagnostics.map((d) => [d.code, d.severity, d.path?.join('!'), d.line, d.column])).toEqual([
      ['IMPORT_LAYOUT_DRIFT', 'warning', 'Notes!A1', 1, 1],
      ['IMPORT_LAYOUT_DRIFT', 'warning', 'Notes!A1', 1, 1],
      ['IMPORT_LAYOUT_DRIFT', 'info', 'Empty!A1', 1, 1],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('no overall-score header row'),
      expect.stringContaining("no 'Policy strand' block"),
      "Empty!A1: Sheet 'Empty' is empty and was skipped.",
    ]);
  });

  it('reports an empty country sheet as an error: it would leave a country out', async () => {
    const { diagnostics } = await readMipexWorkbook(await workbookBytes({ CA: minimalSheet(), AT: {} }), { file: 'mipex.xlsx' });
    expect(diagnostics).toEqual([
      { code: 'IMPORT_LAYOUT', severity: 'error', message: 'AT!A1: Country sheet AT is empty: none of its scores can be imported or verified.', file: 'mipex.xlsx', line: 1, column: 1, path: ['AT', 'A1'] },
    ]);
  });

  it('reports a block without a header row and a sheet name that is not a country', async () => {
    const { value, diagnostics } = await readMipexWorkbook(
      await workbookBytes({ Summary: { A1: 'Policy strand', B1: 'Something', A2: 'Indicator', B2: 'x' } }),
    );
    expect(value!.sheets).toEqual([{ name: 'Summary', country: 'Summary', overall: [], strands: [] }]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.path?.join('!')])).toEqual([
      ['IMPORT_LAYOUT_DRIFT', 'warning', 'Summary!A1'],
      ['IMPORT_LAYOUT_DRIFT', 'warning', 'Summary!A1'],
      ['IMPORT_LAYOUT', 'error', 'Summary!A1'],
    ]);
    expect(diagnostics[2]!.message).toContain("has no 'Year | Score | Comments' header row");
  });

  it('returns a diagnostic, not an exception, for bytes that are not an xlsx file', async () => {
    const result = await readMipexWorkbook(new TextEncoder().encode('this is not a spreadsheet'));
    expect(result.value).toBeUndefined();
    expect(result.diagnostics).toEqual([{ code: 'IMPORT_UNREADABLE', severity: 'error', message: expect.stringMatching(/^The workbook could not be read as an \.xlsx file: /), file: 'workbook.xlsx' }]);
  });

  it('returns a diagnostic for a missing file', async () => {
    const result = await readMipexWorkbook('/nonexistent/dir/mipex.xlsx');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['IMPORT_UNREADABLE']);
    expect(result.diagnostics[0]!.file).toBe('/nonexistent/dir/mipex.xlsx');
  });
});

describe('helpers', () => {
  it('maps sheet names to ISO codes and column numbers to letters', () => {
    expect([sheetCountry('UK'), sheetCountry('TU'), sheetCountry('de'), sheetCountry('Notes')]).toEqual(['GB', 'TR', 'DE', undefined]);
    expect([columnName(1), columnName(26), columnName(27), columnName(52), columnName(703)]).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
    for (const n of [1, 26, 27, 52, 702, 703, 16_384]) expect(columnNumber(columnName(n))).toBe(n);
  });
});
