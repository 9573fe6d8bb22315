import { describe, expect, it, vi } from 'vitest';

describe('without the optional exceljs package', () => {
  it('xlsx writers give a clear diagnostic instead of failing', async () => {
    vi.resetModules();
    vi.doMock('exceljs', () => {
      throw new Error("Cannot find package 'exceljs'");
    });
    const { answerTableXlsx, questionnaireXlsx, loadRubricFile } = await import('../src/node/index.js');
    const { DEMO_RUBRIC } = await import('./engine-helpers.js');
    const rubric = loadRubricFile(DEMO_RUBRIC).value!;
    for (const r of [await answerTableXlsx(rubric, []), await questionnaireXlsx(rubric)]) {
      expect(r.value).toBeUndefined();
      expect(r.diagnostics.map((d) => [d.code, d.hint])).toEqual([['TABLE_XLSX_UNAVAILABLE', 'Run `npm install exceljs`, or write CSV.']]);
    }
    vi.doUnmock('exceljs');
  });
});
