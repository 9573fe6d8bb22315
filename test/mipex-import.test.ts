/**
 * The MIPEX workbook importer on small workbooks built here with exceljs, shaped like the
 * official one: drift in codes and rows, junk cells, unknown codes, an empty sheet, regional
 * and unexplained values, unpublished years, and a workbook whose published strand score
 * contradicts its indicators.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnswerSet } from '../src/answers/load.js';
import { importMipexCommand } from '../src/cli/import-mipex.js';
import type { CliIO } from '../src/cli/io.js';
import { verifyWorkbookCommand } from '../src/cli/verify-workbook.js';
import { runCommand } from '../src/cli/command.js';
import type { Diagnostic } from '../src/diagnostics/index.js';
import { loadRubricFile } from '../src/node/files.js';
import { importMipexWorkbook } from '../src/node/mipex/import.js';
import { verifyWorkbook } from '../src/node/mipex/verify.js';
import { renderMipexFiles, writeMipexAnswerSets } from '../src/node/mipex/write.js';
import type { Rubric } from '../src/rubric/types.js';
import { findScoredNode, scoreAnswerSet } from '../src/scoring/score.js';

type Cells = Record<string, ExcelJS.CellValue>;

interface Column {
  code: string;
  /** Write the code in the sub-indicator row. */
  sub?: boolean;
  values?: Record<number, ExcelJS.CellValue>;
  comments?: Record<number, string>;
}

const letter = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : letter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));
const formula = (result: number | { error: string }, text = 'AVERAGE(E1)'): ExcelJS.CellValue => ({ formula: text, result } as ExcelJS.CellFormulaValue);

/** A strand block at `start` with one Year | Score | Comments triplet per column; returns the next free row. */
function block(cells: Cells, start: number, title: string, years: number[], columns: Column[]): number {
  cells[`A${start}`] = 'Policy strand';
  cells[`B${start}`] = title;
  const labels = ['Indicator', 'Sub-indicator', 'Title', 'Description', 'Answer options'];
  labels.forEach((l, i) => (cells[`A${start + 1 + i}`] = l));
  const header = start + 6;
  columns.forEach((c, i) => {
    const [yc, sc, cc] = [letter(1 + 3 * i), letter(2 + 3 * i), letter(3 + 3 * i)];
    cells[`${yc}${header}`] = 'Year';
    cells[`${sc}${header}`] = 'Score';
    cells[`${cc}${header}`] = 'Comments';
    cells[`${sc}${start + (c.sub ? 2 : 1)}`] = c.code;
    cells[`${sc}${start + 3}`] = `Title of ${c.code.trim()}`;
    years.forEach((y, k) => {
      const row = header + 1 + k;
      cells[`${yc}${row}`] = y;
      const v = c.values?.[y];
      if (v !== undefined) cells[`${sc}${row}`] = v;
      const comment = c.comments?.[y];
      if (comment !== undefined) cells[`${cc}${row}`] = comment;
    });
  });
  return header + years.length + 2;
}

function overall(cells: Cells, years: number[], values: Record<number, [ExcelJS.CellValue?, ExcelJS.CellValue?, ExcelJS.CellValue?]> = {}): number {
  cells.A1 = 'Overall Scores';
  cells.A2 = 'Year';
  cells.B2 = 'Overall Score (with health)';
  cells.C2 = 'Overall Score (with/out health)';
  cells.D2 = 'Overall Score (with/out health and education)';
  years.forEach((y, k) => {
    cells[`A${3 + k}`] = y;
    (values[y] ?? []).forEach((v, j) => {
      if (v !== undefined) cells[`${'BCD'[j]}${3 + k}`] = v;
    });
  });
  return 3 + years.length + 2;
}

const STRAND_TITLES: Record<string, string> = {
  a: 'Labour Market Mobility Strand',
  b: 'Family Reunion Strand',
  c: 'Education Strand',
  d: 'Political Participation Strand',
  e: 'Permanent Residence Strand',
  f: 'Citizenship Strand',
  g: 'Antidiscrimination Strand',
  h: 'Health Strand',
};

/** Blocks without values for every strand the sheet lacks, so that it has all eight. */
function otherStrands(cells: Cells, row: number, years: number[], present: string[]): number {
  for (const [code, title] of Object.entries(STRAND_TITLES)) if (!present.includes(code)) row = block(cells, row, title, years, [{ code }]);
  return row;
}

async function workbook(sheets: Record<string, Cells>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, cells] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const [ref, value] of Object.entries(cells)) ws.getCell(ref).value = value;
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

// Sheet "UK" (→ GB): citizenship and anti-discrimination for 2018 (no published strand score,
// one stray value) and 2019 (published), with the drift seen in the real workbook.
const F_2019 = (100 + 67 + 50 + 50) / 4;
const G_2019 = ((100 + 50 + 100) / 3 + 75 + (100 + 67 + 0) / 3) / 3;

function ukSheet(fPublished = F_2019): Cells {
  const cells: Cells = {};
  let row = overall(cells, [2018, 2019], { 2019: [undefined, formula({ error: '#DIV/0!' }), undefined] });
  row = block(cells, row, 'Citizenship Strand', [2018, 2019], [
    { code: 'f', values: { 2018: formula({ error: '#DIV/0!' }), 2019: formula(fPublished) } },
    { code: 'fa98', values: { 2018: 50, 2019: 100 }, comments: { 2019: 'Ten years before 2015; see https://example.org/act#s5.' } },
    { code: 'fb102_new', values: { 2019: 67 } },
    { code: 'fb_new ', values: { 2019: formula(50) } },
    { code: ' fb104a', sub: true, values: { 2019: 50 } },
    { code: 'fb105a', sub: true, values: { 2019: 100 } },
    { code: 'fb106', sub: true, values: { 2019: 0 } },
    { code: ' fb107 ', sub: true, values: { 2019: 50 } },
    { code: 'fd115ab', sub: true, values: { 2019: 50 } },
  ]);
  row = block(cells, row, 'Antidiscrimination Strand', [2018, 2019], [
    { code: 'g', values: { 2019: formula(G_2019) } },
    { code: 'ga117', values: { 2019: 'see the comment' } },
    { code: 'gb', values: { 2019: formula((100 + 50 + 100) / 3) } },
    { code: 'gb123', sub: true, values: { 2019: 100 } },
    { code: 'gb124', sub: true, values: { 2019: 50 } },
    { code: 'gb125', sub: true, values: { 2019: 100 } },
    { code: 'gb126', sub: true },
    { code: 'gc_new (128, 129, 133, 135)', values: { 2019: 75 } },
    { code: 'gd136', values: { 2019: 100 } },
    { code: 'gd137gd140', values: { 2019: 67 } },
    { code: 'gd144', values: { 2019: 0 } },
    { code: 'gz999', values: { 2019: 100 } },
  ]);
  otherStrands(cells, row, [2018, 2019], ['f', 'g']);
  return cells;
}

// Sheet "BE": education 2019 with a 75 that two communities' answers explain and a 42 nothing explains.
function beSheet(ca49: ExcelJS.CellValue = 42): Cells {
  const cells: Cells = {};
  let row = overall(cells, [2019]);
  row = block(cells, row, 'Education Strand', [2019], [
    { code: 'c', values: { 2019: formula(75) } },
    { code: 'ca49', values: { 2019: ca49 } },
    { code: 'cb50', values: { 2019: 75 } },
  ]);
  otherStrands(cells, row, [2019], ['c']);
  return cells;
}

// Sheet "CA": a unitary state whose education cell holds 75, the mean of two option scores.
function caSheet(): Cells {
  const cells: Cells = {};
  let row = overall(cells, [2019]);
  row = block(cells, row, 'Education Strand', [2019], [
    { code: 'c', values: { 2019: formula(75) } },
    { code: 'cb50', values: { 2019: 75 } },
  ]);
  otherStrands(cells, row, [2019], ['c']);
  return cells;
}

let rubric: Rubric;
let dir: string;
const codes = (ds: readonly Diagnostic[]) => ds.map((d) => d.code);
const find = (ds: readonly Diagnostic[], code: string) => ds.filter((d) => d.code === code);

beforeAll(() => {
  rubric = loadRubricFile('rubrics/mipex-2020').value!;
  dir = mkdtempSync(join(tmpdir(), 'mipex-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importMipexWorkbook', () => {
  it('copes with code drift, codes in the sub-indicator row, junk cells and unknown codes', async () => {
    const bytes = await workbook({ UK: ukSheet(), XX: {} });
    const r = await importMipexWorkbook(bytes, { rubric, file: 'small.xlsx' });
    expect(r.answerSets.map((s) => `${s.country}-${s.year}`)).toEqual(['GB-2019']);
    const set = r.answerSets[0]!;
    expect(set.originalCode).toBe('UK');
    const value = (q: string) => set.answers.get(q)?.value;
    expect(value('fa102_new')).toBe('conditional-birthright'); // written fb102_new
    expect(value('gc')).toBe('three'); // written gc_new (128, 129, 133, 135)
    expect(value('fd115ab')).toBe('broad-exemptions'); // code in the sub-indicator row
    expect(value('fb107')).toBe('shorter-sentences'); // code with blanks around it
    expect(value('ga117')).toBe('unknown'); // junk text
    expect(value('gb126')).toBe('unknown'); // empty in a published year
    expect(set.answers.has('fb_new')).toBe(false); // composites are not answers
    expect(set.answers.get('fa98')?.evidence).toEqual({
      citations: [{ url: 'https://example.org/act#s5' }],
      comment: 'Ten years before 2015; see https://example.org/act#s5.',
      sourceUrl: 'https://example.org/act#s5',
    });

    const junk = find(r.diagnostics, 'IMPORT_JUNK_CELL');
    expect(junk).toHaveLength(1);
    expect(junk[0]!.message).toContain('UK!E25');
    expect(junk[0]).toMatchObject({ severity: 'warning', file: 'small.xlsx', path: ['UK', 'E25'] });

    const unknown = find(r.diagnostics, 'IMPORT_UNKNOWN_CODE');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.message).toContain('UK!AI18');
    expect(unknown[0]!.message).toContain('gz999');

    const unpublished = find(r.diagnostics, 'IMPORT_UNPUBLISHED_YEAR');
    expect(unpublished).toHaveLength(1);
    expect(unpublished[0]!.severity).toBe('info');
    expect(unpublished[0]!.message).toContain('UK!E14:E14');
    expect(unpublished[0]!.message).toContain('2018');

    // XX is no country's code, so its empty sheet is only noted.
    const empty = r.diagnostics.find((d) => d.message.includes('XX!A1'));
    expect(empty).toMatchObject({ code: 'IMPORT_LAYOUT_DRIFT', severity: 'info' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['IMPORT_UNKNOWN_CODE']);
    expect(r.sheets).toEqual([{ sheet: 'UK', country: 'GB', answerSets: 1, answers: 16, published: 4 }]);

    expect(r.published.map((p) => `${p.node}@${p.cell}`).sort()).toEqual(['f@UK!B15', 'fb_new@UK!K15', 'g@UK!B25', 'gb@UK!H25'].sort());
    expect(r.published.find((p) => p.node === 'f')).toEqual({ country: 'GB', originalSheet: 'UK', year: 2019, node: 'f', value: F_2019, cell: 'UK!B15' });

    const scored = scoreAnswerSet(rubric, set, { reportMissing: false });
    expect(findScoredNode(scored.root, 'f')?.value).toBe(F_2019);
    expect(findScoredNode(scored.root, 'g')?.value).toBeCloseTo(G_2019, 12);
  });

  it("records Belgium's 75 as a recorded mean of regional answers and reports an unexplained 42", async () => {
    const r = await importMipexWorkbook(await workbook({ BE: beSheet() }), { rubric });
    const set = r.answerSets[0]!;
    const cb50 = set.answers.get('cb50')!;
    expect(cb50.byRegion).toBeUndefined();
    expect(cb50.value).toBeUndefined();
    expect(cb50).toMatchObject({ recordedScore: '75', regions: 'not-recorded' });
    expect(cb50.evidence.comment).toContain('BE!H13');
    expect(set.answers.get('ca49')?.value).toBe('unknown');
    const regional = find(r.diagnostics, 'IMPORT_REGIONAL_ANSWER');
    expect(regional).toHaveLength(1);
    expect(regional[0]).toMatchObject({ severity: 'warning', path: ['BE', 'H13'], actual: '75' });
    expect(regional[0]!.message).not.toMatch(/BE-VLG|BE-WAL/);
    const unexplained = find(r.diagnostics, 'IMPORT_UNEXPLAINED_VALUE');
    expect(unexplained).toHaveLength(1);
    expect(unexplained[0]).toMatchObject({ severity: 'error', path: ['BE', 'E13'], actual: '42' });
    expect(unexplained[0]!.message).toContain('BE!E13');
    const scored = scoreAnswerSet(rubric, set, { reportMissing: false });
    const node = findScoredNode(scored.root, 'cb50')!;
    expect(node.score).toBe('75');
    expect(node.answer?.label).toBe('75: mean of regional answers; which region gave which is not recorded');
    expect(node.answer).toMatchObject({ recordedScore: '75', regionsNotRecorded: true });
    expect(findScoredNode(scored.root, 'c')?.score).toBe('75');
  });

  it('fails the import of a unitary state whose cell would need an invented regional split', async () => {
    const r = await importMipexWorkbook(await workbook({ CA: caSheet() }), { rubric, file: 'ca.xlsx' });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'IMPORT_UNEXPLAINED_VALUE', path: ['CA', 'E13'], actual: '75' });
    expect(errors[0]!.message).toContain('not declared to have sub-national answers');
    const cb50 = r.answerSets[0]!.answers.get('cb50')!;
    expect(cb50.value).toBe('unknown');
    expect(cb50.byRegion).toBeUndefined();
    expect(cb50.recordedScore).toBeUndefined();
    // The same 75 for Belgium is accepted only because Belgium is declared; undeclared, it fails too.
    const undeclared = await importMipexWorkbook(await workbook({ BE: beSheet(100) }), { rubric, subnational: [] });
    expect(codes(undeclared.diagnostics.filter((d) => d.severity === 'error'))).toEqual(['IMPORT_UNEXPLAINED_VALUE']);
    // … and a declared unit still cannot hold a value no combination of its answers gives.
    const odd = await importMipexWorkbook(await workbook({ BE: beSheet(60) }), { rubric });
    expect(find(odd.diagnostics, 'IMPORT_UNEXPLAINED_VALUE')).toHaveLength(1);
  });

  it('reports an empty country sheet and a missing block as errors', async () => {
    const partial: Cells = {};
    block(partial, overall(partial, [2019]), 'Education Strand', [2019], [{ code: 'c', values: { 2019: formula(50) } }, { code: 'ca49', values: { 2019: 50 } }]);
    const r = await importMipexWorkbook(await workbook({ FR: {}, DE: partial }), { rubric, file: 'gaps.xlsx' });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.path?.join('!')])).toEqual([
      ['IMPORT_LAYOUT', 'FR!A1'],
      ['IMPORT_LAYOUT', 'DE!A1'],
    ]);
    expect(errors[0]!.message).toContain('Country sheet FR is empty');
    expect(errors[1]!.message).toContain('no block for Labour Market Mobility (a)');
    expect(errors[1]!.message).not.toContain('(c)');
  });

  it('does not take a comment cell of 0 as evidence', async () => {
    const cells = beSheet(50);
    cells.F14 = { formula: 'IF(X1="","",X1)', result: 0 } as ExcelJS.CellFormulaValue;
    const r = await importMipexWorkbook(await workbook({ BE: cells }), { rubric });
    expect(r.answerSets[0]!.answers.get('ca49')).toMatchObject({ value: 'one', evidence: { citations: [] } });
    expect(r.answerSets[0]!.answers.get('ca49')!.evidence.comment).toBeUndefined();
  });

  it('reports an unreadable file instead of throwing', async () => {
    const r = await importMipexWorkbook(new Uint8Array([1, 2, 3]), { rubric, file: 'junk.xlsx' });
    expect(codes(r.diagnostics)).toEqual(['IMPORT_UNREADABLE']);
    const missing = await importMipexWorkbook(join(dir, 'nope.xlsx'), { rubric });
    expect(codes(missing.diagnostics)).toEqual(['IMPORT_UNREADABLE']);
  });
});

describe('verifyWorkbook', () => {
  it('agrees on a consistent workbook', async () => {
    const r = await verifyWorkbook(await workbook({ UK: ukSheet(), BE: beSheet() }), { rubric });
    expect(r.disagreements).toEqual([]);
    expect(r.compared).toBe(5);
    expect(r.agreed).toBe(5);
  });

  it('reports a published strand score that contradicts its indicators', async () => {
    const r = await verifyWorkbook(await workbook({ UK: ukSheet(80) }), { rubric });
    expect(r.compared).toBe(4);
    expect(r.agreed).toBe(3);
    expect(r.disagreements).toEqual([{ country: 'GB', year: 2019, node: 'f', published: 80, computed: F_2019 }]);
  });
});

describe('writeMipexAnswerSets', () => {
  it('writes loadable, byte-identical files on rerun and never replaces other files', async () => {
    const bytes = await workbook({ UK: ukSheet(), BE: beSheet() });
    const result = await importMipexWorkbook(bytes, { rubric });
    const out = join(dir, 'out');
    const first = writeMipexAnswerSets(result, out);
    expect(first.diagnostics).toEqual([]);
    expect(first.written).toEqual(['BE/BE-2019.yaml', 'GB/GB-2019.yaml', 'published-scores.json']);
    const text = readFileSync(join(out, 'GB/GB-2019.yaml'), 'utf8');
    expect(text).toContain('sha256 ' + result.workbook.sha256);
    expect(text).toContain('Migrant Integration Policy Index 2020');
    const again = writeMipexAnswerSets(await importMipexWorkbook(bytes, { rubric }), out);
    expect(again.diagnostics).toEqual([]);
    expect(readFileSync(join(out, 'GB/GB-2019.yaml'), 'utf8')).toBe(text);

    const loaded = loadAnswerSet(text, { file: 'GB-2019.yaml' });
    expect(loaded.diagnostics).toEqual([]);
    expect(findScoredNode(scoreAnswerSet(rubric, loaded.value!, { reportMissing: false }).root, 'f')?.value).toBe(F_2019);

    writeFileSync(join(out, 'BE/BE-2019.yaml'), 'hand-written answers\n');
    const refused = writeMipexAnswerSets(result, out);
    expect(codes(refused.diagnostics)).toEqual(['OUTPUT_EXISTS']);
    expect(readFileSync(join(out, 'BE/BE-2019.yaml'), 'utf8')).toBe('hand-written answers\n');
    expect(renderMipexFiles(result).get('GB/GB-2019.yaml')).toBe(text);
  });

  it('refuses to overwrite the workbook it read', async () => {
    const path = join(dir, 'published-scores.json');
    writeFileSync(path, await workbook({ UK: ukSheet() }));
    const result = await importMipexWorkbook(path, { rubric });
    const w = writeMipexAnswerSets(result, dir);
    expect(codes(w.diagnostics)).toEqual(['OUTPUT_IS_INPUT']);
    expect(w.written).toEqual(['GB/GB-2019.yaml']);
  });
});

describe('CLI', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    const cli: CliIO = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), cwd: dir };
    return { cli, out, err };
  };

  it('verify-workbook prints the comparison as JSON and exits 1 on disagreement', async () => {
    writeFileSync(join(dir, 'bad.xlsx'), await workbook({ UK: ukSheet(80) }));
    const { cli, out } = io();
    expect(await runCommand(verifyWorkbookCommand, ['bad.xlsx', '--format', 'json'], cli)).toBe(1);
    const json = JSON.parse(out.join(''));
    expect(Object.keys(json)).toEqual(['compared', 'agreed', 'disagreements', 'diagnostics', 'sheets']);
    expect(json).toMatchObject({ compared: 4, agreed: 3, disagreements: [{ country: 'GB', year: 2019, node: 'f', published: 80, computed: F_2019 }] });
    expect(json.diagnostics.map((d: Diagnostic) => d.code)).toContain('IMPORT_JUNK_CELL');
    expect(json.sheets).toEqual([{ sheet: 'UK', country: 'GB', answerSets: 1, answers: 16, published: 4, compared: 4, agreed: 3 }]);

    // An import error alone (here a missing block, every compared score agreeing) also fails
    // the check, and the JSON says why.
    const partial: Cells = {};
    block(partial, overall(partial, [2019]), 'Education Strand', [2019], [{ code: 'c', values: { 2019: formula(50) } }, { code: 'ca49', values: { 2019: 50 } }]);
    writeFileSync(join(dir, 'partial.xlsx'), await workbook({ DE: partial }));
    const de = io();
    expect(await runCommand(verifyWorkbookCommand, ['partial.xlsx', '--format', 'json'], de.cli)).toBe(1);
    const deJson = JSON.parse(de.out.join(''));
    expect(deJson).toMatchObject({ compared: 1, agreed: 1, disagreements: [] });
    expect(deJson.diagnostics.filter((d: Diagnostic) => d.severity === 'error').map((d: Diagnostic) => d.code)).toEqual(['IMPORT_LAYOUT']);
    const deText = io();
    expect(await runCommand(verifyWorkbookCommand, ['partial.xlsx'], deText.cli)).toBe(1);
    expect(deText.out.join('')).toContain('the comparison is incomplete');

    writeFileSync(join(dir, 'good.xlsx'), await workbook({ BE: beSheet(75) }));
    const good = io();
    expect(await runCommand(verifyWorkbookCommand, ['good.xlsx'], good.cli)).toBe(0);
    expect(good.out.join('')).toContain('Compared 1 published scores: 1 agree, 0 disagree.');
    expect(good.err.join('')).not.toMatch(/\n\s+at /);
  });

  it('import-mipex writes the answer sets; both commands have --help', async () => {
    writeFileSync(join(dir, 'be.xlsx'), await workbook({ BE: beSheet() }));
    const { cli, out, err } = io();
    // The unexplained 42 is an error, so the import exits 1 but still writes the files.
    expect(await runCommand(importMipexCommand, ['be.xlsx', '--out', 'cli-out'], cli)).toBe(1);
    expect(out.join('')).toContain('Imported 1 answer sets');
    expect(err.join('')).toContain('IMPORT_UNEXPLAINED_VALUE');
    const written = readFileSync(join(dir, 'cli-out/BE/BE-2019.yaml'), 'utf8');
    expect(written).toContain('recordedScore: 75');
    expect(written).toContain('regions: not-recorded');
    expect(written).not.toContain('BE-VLG');
    const reloaded = loadAnswerSet(written, { file: 'BE-2019.yaml' });
    expect(reloaded.diagnostics).toEqual([]);
    expect(findScoredNode(scoreAnswerSet(rubric, reloaded.value!, { reportMissing: false }).root, 'cb50')?.score).toBe('75');
    for (const command of [importMipexCommand, verifyWorkbookCommand]) {
      const h = io();
      expect(await runCommand(command, ['--help'], h.cli)).toBe(0);
      expect(h.out.join('')).toMatch(/^Usage: policy-index /);
    }
  });
});
