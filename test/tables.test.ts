import { cpSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import {
  answerTableCsv,
  csvCellGrid,
  formatAnswerSet,
  importAnswerTable,
  loadAnswerSet,
  loadTableMapping,
  loadUnits,
  scoreAnswerSet,
  type AnswerSet,
  type Rubric,
} from '../src/index.js';
import { expandAnswerPaths, loadAnswerSetFile, loadRubricFile, xlsxCellGrids } from '../src/node/index.js';
import { captureIO, DEMO_RUBRIC, NORTHLAND, ROOT, SOUTHLAND } from './engine-helpers.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'pi-tables-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const mipex = loadRubricFile(join(ROOT, 'rubrics/mipex-2020')).value!;
const demo = loadRubricFile(DEMO_RUBRIC).value!;
const mipexFiles = expandAnswerPaths([join(ROOT, 'examples/mipex')]).files;
const mipexSets = mipexFiles.map((f) => loadAnswerSetFile(f).value!);

function scores(rubric: Rubric, set: AnswerSet): string {
  const r = scoreAnswerSet(rubric, set, { reportMissing: false });
  const walk = (n: (typeof r)['root']): string[] => [`${n.id}=${n.value ?? n.status}`, ...n.children.flatMap(walk)];
  return JSON.stringify([r.variants.map((v) => [v.id, v.value ?? v.status]), walk(r.root)]);
}

const csvSets = (text: string, rubric: Rubric, file = 'table.csv') => importAnswerTable(csvCellGrid(text, file).value!, rubric);

describe('MIPEX answers round-trip through the wide table', () => {
  it('every shipped answer set comes back byte-identical, with the same scores', () => {
    expect(mipexSets.length).toBeGreaterThan(500);
    const csv = answerTableCsv(mipex, mipexSets);
    const r = csvSets(csv, mipex, 'mipex.csv');
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.length).toBe(mipexSets.length);
    const back = new Map(r.value!.map((s) => [`${s.country}-${s.year}`, s]));
    let regional = 0;
    mipexFiles.forEach((file, i) => {
      const original = mipexSets[i]!;
      const imported = back.get(`${original.country}-${original.year}`)!;
      // The shipped file is its header comment followed by exactly what formatAnswerSet writes.
      const body = readFileSync(file, 'utf8').replace(/^(#.*\n)+\n?/, '');
      expect(formatAnswerSet(imported), file).toBe(body);
      expect(scores(mipex, imported), file).toBe(scores(mipex, original));
      if ([...original.answers.values()].some((a) => a.byRegion || a.recordedScore !== undefined)) regional++;
    });
    expect(regional).toBeGreaterThan(0);
    // The table carries evidence, regional answers and "no answer" cells.
    const header = csv.slice(0, csv.indexOf('\n')).split(',');
    expect(header.some((h) => h.endsWith('.comment'))).toBe(true);
    expect(header.some((h) => h.endsWith('.citations'))).toBe(true);
    expect(header.some((h) => h.endsWith('.recordedScore'))).toBe(true);
  });

  it('through the CLI: export-table, then import-table --force over the shipped files changes nothing', async () => {
    const dir = tmp();
    const io = captureIO();
    expect(await main(['export-table', 'mipex-2020', 'examples/mipex', '--format', 'csv'], io)).toBe(0);
    writeFileSync(join(dir, 'mipex.csv'), io.out());
    cpSync(join(ROOT, 'examples/mipex'), join(dir, 'answers'), { recursive: true });
    const io2 = captureIO(dir);
    expect(await main(['import-table', 'mipex.csv', '--rubric', 'mipex-2020', '--out', 'answers', '--force', '--format', 'json'], io2)).toBe(0);
    const summary = JSON.parse(io2.out());
    expect(summary.written).toEqual([]);
    expect(summary.unchanged.length).toBe(mipexFiles.length);
    for (const f of mipexFiles.slice(0, 50)) expect(readFileSync(join(dir, 'answers', f.slice(join(ROOT, 'examples/mipex').length)), 'utf8')).toBe(readFileSync(f, 'utf8'));
  });
});

describe('import-table contract', () => {
  const table = ['country,year,reunion-allowed,local-vote', 'AUT,2019,Yes,no', '040,2020,yes,No', 'EL,2019,Y,0', 'KSV,2019,true,N', ''].join('\n');

  it('reads country,year,<question id>… and writes <dir>/<CC>/<CC>-<year>.yaml', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'table.csv'), table);
    const io = captureIO(dir);
    expect(await main(['import-table', 'table.csv', '--rubric', DEMO_RUBRIC, '--out', 'out'], io)).toBe(0);
    const files = readdirSync(join(dir, 'out'), { recursive: true }).map(String).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual(['AT/AT-2019.yaml', 'AT/AT-2020.yaml', 'GR/GR-2019.yaml', 'XK/XK-2019.yaml'].map((f) => f.split('/').join(sep)));
    const at = loadAnswerSet(readFileSync(join(dir, 'out/AT/AT-2019.yaml'), 'utf8')).value!;
    expect(at.rubric).toEqual({ id: 'welcome-demo', version: '1.0.0' });
    expect(at.answers.get('reunion-allowed')?.value).toBe('yes');
    expect(at.answers.get('local-vote')?.value).toBe('no');
    const xk = loadAnswerSet(readFileSync(join(dir, 'out/XK/XK-2019.yaml'), 'utf8')).value!;
    expect([xk.answers.get('reunion-allowed')?.value, xk.answers.get('local-vote')?.value]).toEqual(['yes', 'no']);
  });

  it('never overwrites without --force; with it, keeps comments and key order', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'table.csv'), table);
    expect(await main(['import-table', 'table.csv', '--rubric', DEMO_RUBRIC, '--out', 'out'], captureIO(dir))).toBe(0);
    const path = join(dir, 'out/AT/AT-2019.yaml');
    const edited = readFileSync(path, 'utf8').replace('country: AT', '# checked by hand\ncountry: AT').replace('  local-vote: no', '  local-vote: no # see the 2019 act');
    writeFileSync(path, edited);
    const io = captureIO(dir);
    expect(await main(['import-table', 'table.csv', '--rubric', DEMO_RUBRIC, '--out', 'out'], io)).toBe(1);
    expect(io.err()).toContain('OUTPUT_EXISTS');
    expect(readFileSync(path, 'utf8')).toBe(edited);
    writeFileSync(join(dir, 'table.csv'), table.replace('AUT,2019,Yes,no', 'AUT,2019,No,yes'));
    expect(await main(['import-table', 'table.csv', '--rubric', DEMO_RUBRIC, '--out', 'out', '--force'], captureIO(dir))).toBe(0);
    const after = readFileSync(path, 'utf8');
    // Changed values are replaced; comments, also the one on a changed value, stay.
    expect(after).toBe(edited.replace('reunion-allowed: yes', 'reunion-allowed: no').replace('local-vote: no #', 'local-vote: yes #'));
  });

  it('names the cell of a bad value, with a did-you-mean, and writes nothing', async () => {
    const r = csvSets('country,year,income-level\nAT,2019,welfar\n', demo);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column, d.hint])).toEqual([['TABLE_INVALID_VALUE', 2, 9, 'Did you mean "welfare"?']]);
    const dir = tmp();
    writeFileSync(join(dir, 't.csv'), 'country,year,income-level\nAT,2019,welfar\n');
    const io = captureIO(dir);
    expect(await main(['import-table', 't.csv', '--rubric', DEMO_RUBRIC, '--out', 'out'], io)).toBe(1);
    expect(io.err()).toContain('t.csv:2:9');
    expect(readdirSync(dir)).toEqual(['t.csv']);
  });

  it('matches labels, case and numbers; empty is unknown, "-" is no answer', () => {
    const r = csvSets('country,year,income-level,sectors,permit-wait,waiting-period,job-services\nAT,2019,the level of BASIC welfare,Private sector; self,3.5,,-\n', demo);
    expect(r.diagnostics).toEqual([]);
    const s = r.value![0]!;
    expect(s.answers.get('income-level')?.value).toBe('welfare');
    expect(s.answers.get('sectors')?.value).toEqual(['private', 'self']);
    expect(s.answers.get('permit-wait')?.value).toBe(3.5);
    expect(s.answers.get('waiting-period')?.value).toBe('unknown');
    expect(s.answers.has('job-services')).toBe(false);
  });

  it('reports unknown and ambiguous countries, aggregates, bad years, unknown columns and duplicate rows', () => {
    const r = csvSets('country,year,local-vot\nAtlantis,2019,yes\nEU27_2020,2019,yes\nAT,19,yes\nAT,2019,yes\nAUT,2019,no\n', demo);
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([
      'TABLE_UNKNOWN_COLUMN 1:14',
      'TABLE_UNKNOWN_COUNTRY 2:1',
      'TABLE_UNKNOWN_COUNTRY 3:1',
      'TABLE_INVALID_YEAR 4:4',
      'TABLE_DUPLICATE_ROW 6:1',
    ]);
    expect(r.diagnostics[0]!.hint).toBe('Did you mean "local-vote"?');
    // ZAR is the World Bank's code for DR Congo, not a region of South Africa.
    expect(csvSets('country,year,local-vote\nZAR,2019,yes\n', demo).value![0]!.country).toBe('CD');
  });

  it('reads the long layout with regional answers and evidence', () => {
    const r = csvSets(
      'country,year,question,region,answer,comment,status\nSE,2024,consultative-body,SE-AB,elected,,\nSE,2024,consultative-body,SE-M,none,,\nSE,2024,local-vote,,No,Not in any region.,final\n',
      demo,
    );
    expect(r.diagnostics).toEqual([]);
    const s = r.value![0]!;
    expect(s.answers.get('consultative-body')?.byRegion).toEqual({ 'SE-AB': 'elected', 'SE-M': 'none' });
    expect(s.answers.get('local-vote')?.evidence).toEqual({ citations: [], comment: 'Not in any region.', status: 'final' });
  });

  it('applies a mapping file to columns and values', () => {
    const mapping = loadTableMapping('schemaVersion: 1\ncolumns: { Land: country, Jahr: year, Wahlrecht: local-vote }\nvalues: { "*": { Ja: "yes", Nein: "no" } }\n').value!;
    const r = importAnswerTable(csvCellGrid('Land,Jahr,Wahlrecht\nDE,2020,nein\n').value!, demo, { mapping });
    expect(r.diagnostics).toEqual([]);
    expect(r.value![0]!.answers.get('local-vote')?.value).toBe('no');
    expect(loadTableMapping('schemaVersion: 1\ncolums: {}\n').diagnostics.map((d) => [d.code, d.hint])).toEqual([['SCHEMA_UNKNOWN_FIELD', 'Did you mean "columns"?']]);
  });
});

describe('import-table units: names, declared units, mapped cells', () => {
  it('reads country names in every form, and never a short name as a regional code', () => {
    const r = csvSets('country,year,local-vote\n"Korea, Rep.",2019,yes\nTürkiye,2019,yes\nTurkey,2020,yes\nSt. Lucia,2019,no\nCHAD,2019,no\nPERU,2019,no\nCote d\'Ivoire,2019,no\n', demo);
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.map((s) => `${s.country} ${s.year}`)).toEqual(['CI 2019', 'KR 2019', 'LC 2019', 'PE 2019', 'TD 2019', 'TR 2019', 'TR 2020']);
    const bad = csvSets('country,year,local-vote\nAustira,2019,yes\nDE1,2019,yes\n', demo);
    expect(bad.diagnostics.map((d) => [d.code, d.line, d.column, d.hint])).toEqual([
      ['TABLE_UNKNOWN_COUNTRY', 2, 1, 'Did you mean "Austria"?'],
      ['TABLE_UNKNOWN_COUNTRY', 3, 1, 'A regional (NUTS) code is read only in a column declared regional.'],
    ]);
  });

  it('declared units from a units file win over built-in names, and carry their name', () => {
    const units = loadUnits('schemaVersion: 1\nunits:\n  - { code: XC, name: Northern Cyprus, aliases: [TRNC], parent: Cyprus }\n  - { code: US-GA, name: Georgia, parent: United States }\n');
    expect(units.diagnostics).toEqual([]);
    expect(units.value).toEqual([
      { code: 'XC', name: 'Northern Cyprus', aliases: ['TRNC'], parent: 'CY' },
      { code: 'US-GA', name: 'Georgia', parent: 'US' },
    ]);
    const r = importAnswerTable(csvCellGrid('country,year,local-vote\nTRNC,2019,yes\nGeorgia,2019,no\nGE,2019,no\n').value!, demo, { units: units.value! });
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.map((s) => [s.country, s.countryName])).toEqual([['GE', undefined], ['US-GA', 'Georgia'], ['XC', 'Northern Cyprus']]);
    // Every set loads back as an answer file.
    for (const s of r.value!) expect(loadAnswerSet(formatAnswerSet(s)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a units file\'s problems are diagnostics with their position', () => {
    const r = loadUnits('schemaVersion: 1\nunits:\n  - { code: XC, name: Northern Cyprus, parent: Atlantis }\n  - { code: XC, name: Cyprus North }\n  - { code: xd, name: Other }\n  - { code: XE, name: TRNC, aliases: [Northern Cyprus] }\n', 'units.yaml');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['SCHEMA_INVALID_VALUE', 'units.yaml', 5]]);
    const semantic = loadUnits('schemaVersion: 1\nunits:\n  - { code: XC, name: Northern Cyprus, parent: Atlantis }\n  - { code: XC, name: Cyprus North }\n  - { code: XE, name: TRNC, aliases: [Northern Cyprus] }\n  - { code: XF, name: Loop, parent: XG }\n  - { code: XG, name: Pool, parent: XF }\n', 'units.yaml');
    expect(semantic.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['UNITS_INVALID', 4],
      ['UNITS_INVALID', 5],
      ['UNITS_INVALID', 3],
      ['UNITS_INVALID', 6],
      ['UNITS_INVALID', 7],
    ]);
    expect(semantic.diagnostics[2]!.message).toContain('Atlantis');
  });

  it('a mapping maps and declares units, skips columns, and reports keys that match nothing', () => {
    const mapping = loadTableMapping(
      'schemaVersion: 1\ncolumns: { Land: country, Jahr: year, Wahlrecht: local-vote, Notizen: skip }\nunits:\n  "Kosovo*": XK\n  Quebec: { code: CA-QC, parent: CA }\n',
      'mapping.yaml',
    ).value!;
    const r = importAnswerTable(csvCellGrid('Land,Jahr,Wahlrecht,Notizen\nKosovo*,2019,yes,see the law\nQuebec,2019,no,\n').value!, demo, { mapping });
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.map((s) => [s.country, s.countryName])).toEqual([['CA-QC', 'Quebec'], ['XK', undefined]]);
    const bad = loadTableMapping('schemaVersion: 1\ncolumns: { Land: country, Jhar: year }\nvalues:\n  local-vot: { Ja: yes }\nunits:\n  Narnia: Atlantis\n', 'mapping.yaml').value!;
    const b = importAnswerTable(csvCellGrid('Land,Jahr,local-vote\nAT,2019,yes\n').value!, demo, { mapping: bad });
    expect(b.diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.hint])).toEqual([
      ['TABLE_MAPPING_UNKNOWN', 'mapping.yaml', 6, 3, expect.stringMatching(/units file/)],
      ['TABLE_UNKNOWN_COLUMN', '<input>', 1, 6, undefined],
      ['TABLE_LAYOUT', '<input>', 1, 1, undefined],
      ['TABLE_MAPPING_UNKNOWN', 'mapping.yaml', 2, 27, 'Did you mean "Jahr"?'],
      ['TABLE_MAPPING_UNKNOWN', 'mapping.yaml', 4, 3, 'Did you mean "local-vote"?'],
    ]);
  });

  it('through the CLI: a mapping\'s units write answer files that load', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'table.csv'), 'Land,Jahr,local-vote\nNordzypern,2019,yes\nTürkei,2019,no\n');
    writeFileSync(join(dir, 'mapping.yaml'), 'schemaVersion: 1\ncolumns: { Land: country, Jahr: year }\nunits:\n  Nordzypern: { code: XC, name: Northern Cyprus, parent: CY }\n  Türkei: Türkiye\n');
    const io = captureIO(dir);
    expect(await main(['import-table', 'table.csv', '--rubric', DEMO_RUBRIC, '--mapping', 'mapping.yaml', '--out', 'out'], io)).toBe(0);
    const xc = loadAnswerSet(readFileSync(join(dir, 'out/XC/XC-2019.yaml'), 'utf8'));
    expect(xc.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(xc.value).toMatchObject({ country: 'XC', countryName: 'Northern Cyprus' });
    expect(loadAnswerSet(readFileSync(join(dir, 'out/TR/TR-2019.yaml'), 'utf8')).value?.country).toBe('TR');
  });

  it('through the CLI: --units reads a units file; its problems stop the import with their position', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'table.csv'), 'country,year,local-vote\nTRNC,2019,yes\n');
    writeFileSync(join(dir, 'units.yaml'), 'schemaVersion: 1\nunits:\n  - { code: XC, name: Northern Cyprus, aliases: [TRNC], parent: CY }\n');
    const io = captureIO(dir);
    expect(await main(['import-table', 'table.csv', '--rubric', DEMO_RUBRIC, '--units', 'units.yaml', '--out', 'out'], io)).toBe(0);
    expect(loadAnswerSet(readFileSync(join(dir, 'out/XC/XC-2019.yaml'), 'utf8')).value).toMatchObject({ country: 'XC', countryName: 'Northern Cyprus' });
    writeFileSync(join(dir, 'bad-units.yaml'), 'schemaVersion: 1\nunits:\n  - { code: XC, name: Northern Cyprus, parent: Atlantis }\n');
    const bad = captureIO(dir);
    expect(await main(['import-table', 'table.csv', '--rubric', DEMO_RUBRIC, '--units', 'bad-units.yaml', '--out', 'out2'], bad)).toBe(1);
    expect(bad.err() + bad.out()).toMatch(/bad-units\.yaml:3:\d+ error UNITS_INVALID/);
    expect(readdirSync(dir)).not.toContain('out2');
  });
});

describe('demo index through tables', () => {
  const demoSets = [NORTHLAND, SOUTHLAND].map((f) => loadAnswerSetFile(f).value!);

  it('export-table --format xlsx reads back with the fast reader to the same answer sets', async () => {
    const dir = tmp();
    expect(await main(['export-table', DEMO_RUBRIC, 'examples/demo/answers', '--format', 'xlsx', '--out', join(dir, 'demo.xlsx')], captureIO())).toBe(0);
    const grids = xlsxCellGrids(readFileSync(join(dir, 'demo.xlsx')), 'demo.xlsx').value!;
    const r = importAnswerTable(grids, demo);
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.map((s) => formatAnswerSet(s))).toEqual(demoSets.map((s) => formatAnswerSet(s)));
    // A bad cell is named sheet!cell.
    const bad = importAnswerTable([{ ...grids[0]!, rows: grids[0]!.rows.map((row, i) => (i === 1 ? { ...row, cells: row.cells.map((c) => (c && c.text === 'welfare' ? { ...c, text: 'welfar' } : c)) } : row)) }], demo);
    expect(bad.diagnostics.map((d) => d.message.split(':')[0])).toEqual([expect.stringMatching(/^Answers![A-Z]+2$/)]);
  });

  it('export-table --force never writes over a folder or over an answer file read from a folder argument', async () => {
    const dir = tmp();
    cpSync(join(ROOT, 'examples/demo/answers'), join(dir, 'answers'), { recursive: true });
    const answerFile = join(dir, 'answers', readdirSync(join(dir, 'answers')).find((f) => f.endsWith('.yaml'))!);
    const before = readFileSync(answerFile, 'utf8');
    mkdirSync(join(dir, 'elsewhere'));
    for (const [out, code] of [['answers', 'OUTPUT_IS_INPUT'], ['elsewhere', 'OUTPUT_NOT_A_FILE']] as const) {
      const folder = captureIO(dir);
      expect(await main(['export-table', DEMO_RUBRIC, 'answers', '--format', 'csv', '--out', out, '--force'], folder)).toBe(1);
      expect(folder.err()).toContain(code);
      expect(folder.err()).not.toContain('INTERNAL_ERROR');
    }
    linkSync(answerFile, join(dir, 'hard-link.csv'));
    for (const out of [answerFile, join(dir, 'hard-link.csv')]) {
      const io = captureIO(dir);
      expect(await main(['export-table', DEMO_RUBRIC, 'answers', '--format', 'csv', '--out', out, '--force'], io)).toBe(1);
      expect(io.err()).toContain('OUTPUT_IS_INPUT');
    }
    expect(readFileSync(answerFile, 'utf8')).toBe(before);
  });

  it('the demo table (CSV and xlsx) imports, validates and makes a report', async () => {
    const dir = tmp();
    expect(await main(['export-table', DEMO_RUBRIC, 'examples/demo/answers', '--format', 'xlsx', '--out', join(dir, 'demo.xlsx')], captureIO())).toBe(0);
    for (const [input, out] of [[join(ROOT, 'examples/tables/demo-wide.csv'), 'from-csv'], [join(dir, 'demo.xlsx'), 'from-xlsx']] as const) {
      const io = captureIO(dir);
      expect(await main(['import-table', input, '--rubric', DEMO_RUBRIC, '--out', out], io), io.err()).toBe(0);
      const v = captureIO(dir);
      expect(await main(['validate', DEMO_RUBRIC, out, '--format', 'json'], v), v.err()).toBe(0);
      const r = captureIO(dir);
      expect(await main(['report', out, '--rubric', DEMO_RUBRIC, '--out', `site-${out}`], r), r.err()).toBe(0);
      expect(readdirSync(join(dir, `site-${out}`))).toContain('index.html');
    }
    expect(readFileSync(join(dir, 'from-xlsx/NO/NO-2024.yaml'), 'utf8')).toBe(readFileSync(join(dir, 'from-csv/NO/NO-2024.yaml'), 'utf8'));
  });

  it('the example table under examples/tables is what the script makes from the demo answers', () => {
    const shipped = readFileSync(join(ROOT, 'examples/tables/demo-wide.csv'), 'utf8');
    expect(shipped).toBe(answerTableCsv(demo, demoSets));
  });
});
