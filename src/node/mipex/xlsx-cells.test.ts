import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsxCells, translateFormula } from './xlsx-cells.js';

describe('readXlsxCells', () => {
  it('reads values, cached results, errors and formulas as written by a spreadsheet library', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('CA');
    ws.getCell('A1').value = 'Policy strand';
    ws.getCell('B2').value = 50;
    ws.getCell('C3').value = { formula: 'AVERAGE(B2,D2)', result: 0 } as ExcelJS.CellFormulaValue;
    ws.getCell('D4').value = { formula: 'AVERAGE(E9)', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
    ws.getCell('E5').value = 'line one\r\nline two & <more>';
    wb.addWorksheet('empty');
    const [ca, empty] = readXlsxCells(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(ca!.name).toBe('CA');
    expect(ca!.rows.get(1)?.get(1)).toEqual({ value: 'Policy strand' });
    expect(ca!.rows.get(2)?.get(2)).toEqual({ value: 50 });
    expect(ca!.rows.get(3)?.get(3)).toEqual({ value: 0, formula: 'AVERAGE(B2,D2)' });
    expect(ca!.rows.get(4)?.get(4)).toEqual({ value: null, error: '#DIV/0!', formula: 'AVERAGE(E9)' });
    expect(ca!.rows.get(5)?.get(5)).toEqual({ value: 'line one\nline two & <more>' });
    expect(empty!.rows.size).toBe(0);
  });

  it('throws on bytes that are not a workbook', () => {
    expect(() => readXlsxCells(new Uint8Array([80, 75, 3, 4]))).toThrow();
  });
});

describe('translateFormula', () => {
  it('shifts relative references only', () => {
    expect(translateFormula('AVERAGE(E10,((H10+K10)/2),$B$3,B$3,Sheet2!C5,"A1")', 2, 1)).toBe('AVERAGE(F12,((I12+L12)/2),$B$3,C$3,Sheet2!D7,"A1")');
    expect(translateFormula('0.67*AI45+0.33*AL45', 1, 0)).toBe('0.67*AI46+0.33*AL46');
    expect(translateFormula('LOG10(A1)', 1, 0)).toBe('LOG10(A2)');
  });
});
