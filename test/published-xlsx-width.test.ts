/**
 * A published-score sheet with a huge header row: each data row is handed on with the cells it
 * has, not padded to the header's width (counted, not timed).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';

const counter = vi.hoisted(() => ({ cells: 0 }));
vi.mock('../src/analysis/verify/published.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/analysis/verify/published.js')>();
  return {
    ...original,
    readPublishedRows: (header: readonly unknown[], rows: readonly (readonly unknown[])[], options: Parameters<typeof original.readPublishedRows>[2]) => {
      // Cells present (holes of a sparse row are no cells).
      counter.cells = Object.keys(header).length + rows.reduce((n, r) => n + Object.keys(r).length, 0);
      return original.readPublishedRows(header as never, rows as never, options);
    },
  };
});

import { readPublishedXlsx } from '../src/node/published.js';

async function sheet(width: number, rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Scores');
  ['country', 'year', 'node', 'value'].forEach((t, i) => (ws.getCell(1, i + 1).value = t));
  ws.getCell(1, width).value = 'note';
  for (let r = 0; r < rows; r++) ['AT', 2019, `n${r}`, 50].forEach((t, i) => (ws.getCell(r + 2, i + 1).value = t));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('a published sheet with a wide header row', () => {
  it('costs the cells it has, whatever the width of its header', async () => {
    const rows = 1_000;
    const narrow = readPublishedXlsx(await sheet(5, rows), { file: 'p.xlsx' });
    const narrowCells = counter.cells;
    const wide = readPublishedXlsx(await sheet(5_000, rows), { file: 'p.xlsx' });
    const wideCells = counter.cells;
    expect(wide.diagnostics).toEqual([]);
    expect(wide.value).toEqual(narrow.value);
    expect(wide.value).toHaveLength(rows);
    expect(wide.value![0]!.source).toEqual({ file: 'p.xlsx', cell: 'Scores!D2' });
    // The wide header costs its own width once (its empty cells are empty names), no more.
    expect(wideCells - narrowCells).toBe(5_000 - 5);
  });

  it('a column the header lacks is still found by its name', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Scores');
    ['country', 'year', 'node'].forEach((t, i) => (ws.getCell(1, i + 1).value = t));
    ws.getCell(1, 9).value = 'valeu';
    ws.getCell(2, 1).value = 'AT';
    const r = readPublishedXlsx(new Uint8Array(await wb.xlsx.writeBuffer()), { file: 'p.xlsx' });
    expect(r.diagnostics.map((d) => [d.code, d.hint])).toEqual([['PUBLISHED_MISSING_COLUMN', 'Did you mean "valeu"?']]);
  });
});
