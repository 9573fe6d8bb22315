import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv, readCsvRecords, type CsvRecord } from './csv.js';

const values = (text: string, options = {}) => {
  const { value } = parseCsv(text, options);
  return [value.header?.fields.map((f) => f.value), ...value.records.map((r) => r.fields.map((f) => f.value))];
};

describe('parseCsv', () => {
  it('reads a plain header and records with line and column positions', () => {
    const { value, diagnostics } = parseCsv('a,bb,c\n1,22,333\n');
    expect(diagnostics).toEqual([]);
    expect(value.header!.line).toBe(1);
    expect(value.records[0]!.line).toBe(2);
    expect(value.records[0]!.fields.map((f) => [f.value, f.line, f.column])).toEqual([
      ['1', 2, 1],
      ['22', 2, 3],
      ['333', 2, 6],
    ]);
  });

  it('handles quotes, escaped quotes and delimiters inside quotes', () => {
    expect(values('a,b\n"x,y","say ""hi"""\n')).toEqual([['a', 'b'], ['x,y', 'say "hi"']]);
    expect(parseCsv('a,b\n"",x\n').value.records[0]!.fields[0]).toEqual({ value: '', line: 2, column: 1, quoted: true, endLine: 2, endColumn: 3 });
  });

  it('handles CRLF, a byte-order mark, blank lines and a missing final newline', () => {
    const { value, diagnostics } = parseCsv('\uFEFFa,b\r\n1,2\r\n\r\n3,4');
    expect(diagnostics).toEqual([]);
    expect(value.header!.fields[0]).toEqual({ value: 'a', line: 1, column: 1, quoted: false, endLine: 1, endColumn: 2 });
    expect(value.records.map((r) => [r.line, r.fields.map((f) => f.value)])).toEqual([
      [2, ['1', '2']],
      [4, ['3', '4']],
    ]);
  });

  it('keeps embedded newlines and counts physical lines after them', () => {
    const { value, diagnostics } = parseCsv('a,b\n"line 1\nline 2",x\ny,z\n');
    expect(diagnostics).toEqual([]);
    expect(value.records[0]!.fields[0]!.value).toBe('line 1\nline 2');
    expect(value.records[0]!.line).toBe(2);
    expect(value.records[0]!.endLine).toBe(3);
    expect(value.records[0]!.fields[1]).toMatchObject({ value: 'x', line: 3, column: 9 });
    expect(value.records[1]!.line).toBe(4);
  });

  it('keeps CRLF inside quoted fields', () => {
    expect(parseCsv('a\r\n"x\r\ny"\r\n').value.records[0]!.fields[0]!.value).toBe('x\r\ny');
  });

  it('keeps an empty last field', () => {
    expect(values('a,b,c\n1,2,\n')).toEqual([['a', 'b', 'c'], ['1', '2', '']]);
  });

  it('reports an unclosed quote at the opening quote', () => {
    const { diagnostics } = parseCsv('a,b\n1,"open\n2,3\n');
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'CSV_SYNTAX', line: 2, column: 3 })]);
  });

  it('reports text after a closing quote and a quote inside an unquoted field', () => {
    const after = parseCsv('a,b\n"x"y,2\n');
    expect(after.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_SYNTAX', line: 2, column: 4, actual: 'y' })]);
    expect(after.value.records[0]!.fields[0]!.value).toBe('xy');
    const inside = parseCsv('a,b\n1,x"y\n');
    expect(inside.diagnostics).toEqual([expect.objectContaining({ code: 'CSV_SYNTAX', line: 2, column: 4 })]);
  });

  it('reports records with the wrong number of fields, by line', () => {
    const { diagnostics } = parseCsv('a,b\n1,2\n1,2,3\n1\n', { file: 'x.csv' });
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.actual])).toEqual([
      ['CSV_SYNTAX', 'x.csv', 3, 5, '3 fields'],
      ['CSV_SYNTAX', 'x.csv', 4, 1, '1 fields'],
    ]);
  });

  it('supports other delimiters and header-less input', () => {
    const { value } = parseCsv('1;2\n3;4\n', { delimiter: ';', header: false });
    expect(value.header).toBeUndefined();
    expect(value.records.map((r) => r.fields.map((f) => f.value))).toEqual([['1', '2'], ['3', '4']]);
  });

  it('round-trips any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é') });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 5 })), (rows) => {
        const text = rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';
        const { value, diagnostics } = parseCsv(text, { header: false });
        expect(diagnostics).toEqual([]);
        expect(value.records.map((r) => r.fields.map((f) => f.value))).toEqual(rows);
      }),
    );
  });

  it('gives every field a position where its text starts, and reads the same record by record', () => {
    const piece = fc.constantFrom('a', 'bc', ',', '"', '""', '\n', '\r', '\r\n', ' ', 'é', '\uFEFF');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.boolean(), (pieces, header) => {
        const text = pieces.join('');
        const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
        // Offsets of line starts, counting CR, LF and CRLF as one line end each.
        const lineStarts = [start];
        for (let i = start; i < text.length; i++) {
          if (text[i] === '\r' && text[i + 1] === '\n') i++;
          if (text[i] === '\r' || text[i] === '\n') lineStarts.push(i + 1);
        }
        const offset = (line: number, column: number): number => lineStarts[line - 1]! + column - 1;
        const whole = parseCsv(text, { header, strictFieldCount: true });
        const records = [...(whole.value.header ? [whole.value.header] : []), ...whole.value.records];
        for (const record of records) {
          for (const f of record.fields) {
            const at = offset(f.line, f.column);
            if (f.quoted) expect(text[at]).toBe('"');
            else {
              expect(text.slice(at, at + f.value.length)).toBe(f.value);
              expect([f.endLine, f.endColumn]).toEqual([f.line, f.column + f.value.length]);
            }
            expect(offset(f.endLine!, f.endColumn!)).toBeLessThanOrEqual(text.length);
          }
        }
        const seen: CsvRecord[] = [];
        const one = readCsvRecords(text, { header, strictFieldCount: true }, (record, index) => {
          expect(index).toBe(seen.length);
          seen.push(record);
        });
        expect(seen).toEqual(records);
        expect(one).toEqual({ diagnostics: whole.diagnostics, records: records.length });
      }),
      { numRuns: 500 },
    );
  });
});
