/**
 * Table import with hostile header names, mapping keys and options: names are data (never
 * object properties), options out of range are diagnostics (API) or usage errors (CLI), and
 * every position is inside the file. Migration reads every answer file through the YAML loader.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { migrateAnswerText } from '../src/editions/migrate-document.js';
import { csvCellGrid, importAnswerTable, loadTableMapping, type TableMapping } from '../src/index.js';
import { loadRubricFile } from '../src/node/index.js';
import { captureIO, DEMO_RUBRIC, hasStackTrace, NORTHLAND } from './engine-helpers.js';

const demo = loadRubricFile(DEMO_RUBRIC).value!;
const yesNo = demo.questions.find((q) => q.type === 'yes-no')!.id;
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'pi-table-options-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const grid = (text: string) => csvCellGrid(text, 't.csv').value!;

/** Every diagnostic's position is inside the text (1-based line and column). */
function insideText(text: string, diagnostics: readonly { line?: number; column?: number }[]) {
  const lines = text.split('\n');
  for (const d of diagnostics) {
    if (d.line === undefined) continue;
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.column ?? 1).toBeGreaterThanOrEqual(1);
    expect(d.column ?? 1).toBeLessThanOrEqual(Math.max(1, lines[d.line - 1]!.length + 1));
  }
}

describe('header names and mapping keys are data, never object properties', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
    it(`a header cell "${name}" with a mapping that has columns`, () => {
      const mapping = loadTableMapping('schemaVersion: 1\ncolumns: { Land: country }\n').value!;
      const text = `Land,year,${yesNo},${name}\nAT,2024,yes,x\n`;
      const r = importAnswerTable(grid(text), demo, { mapping });
      expect(r.value).toHaveLength(1);
      expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TABLE_UNKNOWN_COLUMN', 1, text.indexOf(`,${name}`) + 2]]);
    });
  }

  it('a mapping renames and maps values keyed by such names', () => {
    const mapping = loadTableMapping('schemaVersion: 1\ncolumns: { toString: country, hasOwnProperty: year }\nvalues: { "*": { valueOf: "yes" } }\n');
    expect(mapping.diagnostics).toEqual([]);
    const r = importAnswerTable(grid(`toString,hasOwnProperty,${yesNo}\nAT,2024,valueOf\n`), demo, { mapping: mapping.value! });
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.[0]?.answers.get(yesNo)?.value).toBe('yes');
  });

  it('a metadata column named like an object property is an own key of the metadata', () => {
    const r = importAnswerTable(grid(`country,year,${yesNo},metadata.toString,metadata.valueOf\nAT,2024,yes,a,b\n`), demo);
    expect(r.diagnostics).toEqual([]);
    const metadata = r.value![0]!.metadata!;
    expect(Object.keys(metadata)).toEqual(['toString', 'valueOf']);
    expect(metadata.toString).toBe('a');
  });
});

describe('the header row option', () => {
  const text = `country,year,${yesNo}\nAT,2024,yes\n`;

  for (const headerRow of [0, -1, Number.NaN, 1.5, Number.POSITIVE_INFINITY]) {
    it(`headerRow ${headerRow} through the API is a diagnostic, not a throw, and nothing is read`, () => {
      const r = importAnswerTable(grid(text), demo, { headerRow });
      expect(r.value).toEqual([]);
      expect(r.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['TABLE_LAYOUT', 't.csv', 1, 1]]);
      expect(r.diagnostics[0]!.message).toContain('row number');
    });
  }

  it('a layout other than wide or long through the API is a diagnostic', () => {
    const r = importAnswerTable(grid(text), demo, { layout: 'tall' as 'wide' });
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TABLE_LAYOUT', 1, 1]]);
    expect(r.value).toEqual([]);
  });

  it('defaults and mappings of the wrong types through the API are diagnostics or ignored, never a throw', () => {
    for (const defaults of [{ country: 5 as unknown as string }, { year: 1.5 }, { year: Number.NaN }]) {
      const r = importAnswerTable(grid(`${yesNo}\nyes\n`), demo, { defaults });
      expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TABLE_LAYOUT', 1, 1]]);
    }
    const mapping = { schemaVersion: 1, columns: { Land: 5, country: {} }, values: { '*': { yes: {} }, [yesNo]: 'x' } } as unknown as TableMapping;
    const r = importAnswerTable(grid(`country,year,${yesNo}\nAT,2024,yes\n`), demo, { mapping });
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.[0]?.answers.get(yesNo)?.value).toBe('yes');
  });

  it('a header row past the end of the table is named, and the position stays inside the file', () => {
    const r = importAnswerTable(grid(text), demo, { headerRow: 31 });
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect([d.code, d.line, d.column]).toEqual(['TABLE_LAYOUT', 1, 1]);
    expect(d.message).toContain('only 2 rows');
    expect(d.message).not.toContain('no header row with a "country" column');
    insideText(text, r.diagnostics);
  });

  it('a header row that exists is used', () => {
    const r = importAnswerTable(grid(`title\n${text}`), demo, { headerRow: 2 });
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toHaveLength(1);
  });

  it('import-table --header-row out of range is a usage error (exit 2)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 't.csv'), text);
    for (const value of ['31', '3', '0', '-1', '1.5', 'NaN', '1e3', 'abc']) {
      const io = captureIO(dir);
      const code = await main(['import-table', 't.csv', '--rubric', DEMO_RUBRIC, '--out', 'out', '--header-row', value], io);
      expect(code, value).toBe(2);
      expect(io.err(), value).toContain('--header-row');
      expect(hasStackTrace(io.err())).toBe(false);
    }
    const io = captureIO(dir);
    expect(await main(['import-table', 't.csv', '--rubric', DEMO_RUBRIC, '--out', 'out', '--header-row', '1'], io)).toBe(0);
  });
});

describe('positions inside the file', () => {
  it('a cell a CSV row does not have is reported at the row\'s last cell, not past the end of its line', () => {
    const text = 'comment,citation,answeredBy,reviewedBy,question,answer\na\n';
    const r = importAnswerTable(grid(text), demo, { defaults: { country: 'AT', year: 2024 } });
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TABLE_UNKNOWN_COLUMN', 2, 1]]);
    insideText(text, r.diagnostics);
  });

  it('in a sheet it is the missing cell itself', () => {
    const sheet = { file: 'a.xlsx', sheet: 'A', rows: [{ line: 1, cells: ['question', 'answer'].map((text, i) => ({ text, line: 1, column: i + 1 })) }, { line: 2, cells: [undefined, { text: 'yes', line: 2, column: 2 }] }] };
    const r = importAnswerTable(sheet, demo, { defaults: { country: 'AT', year: 2024 } });
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['TABLE_UNKNOWN_COLUMN', 2, 1]]);
  });
});

describe('migration reads answer files through the YAML loader', () => {
  const original = readFileSync(NORTHLAND, 'utf8');
  const broken = [
    original.replace(/^country: .*$/m, 'country: *nowhere'),
    original.replace(/^answers:\n/m, 'answers:\n  extra: { answer: *nowhere }\n'),
    original.replace(/^answers:\n/m, 'answers:\n  extra: *nowhere\n'),
  ];

  it('an alias to no anchor is a positioned diagnostic and the text is left as it is', () => {
    for (const text of broken) {
      const out = migrateAnswerText(text, demo, [], demo, 'a.yaml');
      expect(out.changed).toBe(false);
      expect(out.text).toBe(text);
      const d = out.diagnostics.find((x) => x.severity === 'error')!;
      expect(d).toMatchObject({ code: 'YAML_SYNTAX', file: 'a.yaml' });
      expect(text.split('\n')[d.line! - 1]).toContain('*nowhere');
    }
  });

  it('migrate exits 1 with the diagnostic, writes nothing for that file and throws nothing', async () => {
    for (const text of broken) {
      const dir = tmp();
      writeFileSync(join(dir, 'a.yaml'), text);
      const io = captureIO(dir);
      const code = await main(['migrate', 'a.yaml', '--to', DEMO_RUBRIC, '--out', 'out'], io);
      expect(code).toBe(1);
      expect(io.err()).toContain('*nowhere');
      expect(hasStackTrace(io.err())).toBe(false);
      expect(() => readFileSync(join(dir, 'out', 'a.yaml'))).toThrow();
    }
  });
});
