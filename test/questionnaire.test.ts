import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { importAnswerTable, validateAnswerSet } from '../src/index.js';
import { loadAnswerSetFile, loadRubricFile, readAnswerTableFile } from '../src/node/index.js';
import { captureIO, DEMO_RUBRIC, NORTHLAND, ROOT } from './engine-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'pi-questionnaire-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const demo = loadRubricFile(DEMO_RUBRIC).value!;
const northland = loadAnswerSetFile(NORTHLAND).value!;

describe('the expert questionnaire', async () => {
  const path = join(dir, 'q.xlsx');
  const io = captureIO();
  const code = await main(['questionnaire', DEMO_RUBRIC, '--answers', NORTHLAND, '--out', path], io);

  it('is written', () => {
    expect(code, io.err()).toBe(0);
  });

  it('opens in exceljs: a sheet per area, a row per question, drop-downs, protection', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(['About', 'Options', ...demo.root.children.map((a) => a.title.slice(0, 31))]);
    expect(wb.getWorksheet('Options')!.state).toBe('hidden');
    const family = wb.getWorksheet(demo.root.children[1]!.title.slice(0, 31))!;
    expect(family.getRow(1).values).toEqual([undefined, 'question', 'wording', 'answer', 'citation', 'citations', 'sourceUrl', 'comment', 'status', 'previous answer', 'changed']);
    const row = family.getRow(3);
    expect(row.getCell(1).value).toBe('income-level');
    expect(row.getCell(3).value).toBe('The level of basic welfare');
    expect(row.getCell(9).value).toBe('The level of basic welfare');
    const v = row.getCell(3).dataValidation;
    expect(v.type).toBe('list');
    const ref = /Options!\$A\$(\d+):\$([A-Z]+)\$\d+/.exec(String(v.formulae[0]))!;
    const listed = (wb.getWorksheet('Options')!.getRow(Number(ref[1])).values as unknown[]).slice(1);
    expect(listed).toEqual(['No income requirement', 'The level of basic welfare', 'More than basic welfare', 'unknown', 'not applicable']);
    expect((family as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    expect(row.getCell(3).protection?.locked).toBe(false);
    expect(row.getCell(1).protection?.locked).not.toBe(false);
    expect(wb.getWorksheet('About')!.getCell('B2').value).toBe('NO');
    expect(wb.getWorksheet('About')!.getCell('B3').value).toBe(2025);
  });

  it('reads back with the fast reader and imports to the previous answers for the next year', () => {
    const file = readAnswerTableFile(path);
    expect(file.diagnostics).toEqual([]);
    expect(file.value!.defaults).toEqual({ country: 'NO', year: 2025 });
    const r = importAnswerTable(file.value!.grids, demo, { defaults: file.value!.defaults });
    expect(r.diagnostics).toEqual([]);
    const set = r.value![0]!;
    expect([set.country, set.year]).toEqual(['NO', 2025]);
    expect(validateAnswerSet(demo, set).filter((d) => d.severity === 'error')).toEqual([]);
    for (const [id, a] of northland.answers) {
      expect(set.answers.get(id)?.value, id).toEqual(a.value);
      expect(set.answers.get(id)?.evidence.citations, id).toEqual(a.evidence.citations);
      expect(set.answers.get(id)?.evidence.comment, id).toEqual(a.evidence.comment);
    }
  });

  it('import-table reads a filled-in questionnaire and names bad cells sheet!cell', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const family = wb.getWorksheet(demo.root.children[1]!.title.slice(0, 31))!;
    family.getRow(3).getCell(3).value = 'Above welfare level';
    const bad = join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const io2 = captureIO(dir);
    expect(await main(['import-table', bad, '--rubric', DEMO_RUBRIC, '--out', join(dir, 'out')], io2)).toBe(1);
    expect(io2.err()).toContain(`'${family.name}'!C3`);
    expect(io2.err()).toContain('TABLE_INVALID_VALUE');
    family.getRow(3).getCell(3).value = 'More than basic welfare';
    const good = join(dir, 'good.xlsx');
    await wb.xlsx.writeFile(good);
    expect(await main(['import-table', good, '--rubric', DEMO_RUBRIC, '--out', join(dir, 'out')], captureIO(dir))).toBe(0);
    const written = loadAnswerSetFile(join(dir, 'out/NO/NO-2025.yaml')).value!;
    expect(written.answers.get('income-level')?.value).toBe('above');
  });

  it('refuses to replace an existing file without --force', async () => {
    writeFileSync(join(dir, 'exists.xlsx'), 'mine');
    const io3 = captureIO();
    expect(await main(['questionnaire', DEMO_RUBRIC, '--out', join(dir, 'exists.xlsx')], io3)).toBe(1);
    expect(readFileSync(join(dir, 'exists.xlsx'), 'utf8')).toBe('mine');
    void ROOT;
  });
});
