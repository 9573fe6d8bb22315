/**
 * `policy-index verify` and the library functions behind it: published long tables (CSV and
 * xlsx) against any rubric and answer sets, exactly or at display precision, and the
 * publisher's own inconsistencies.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPublishedCsv } from '../src/analysis/verify/published.js';
import { checkPublishedConsistency, verifyPublishedScores } from '../src/analysis/verify/verify.js';
import { main } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/io.js';
import type { Diagnostic } from '../src/diagnostics/index.js';
import { loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import type { PublishedScore } from '../src/node/mipex/import.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verify-published-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), cwd: process.cwd() };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}

/** The workbook's published scores (examples/mipex/published-scores.json, read from the workbook's cells). */
const mipexPublished = (): PublishedScore[] => (JSON.parse(readFileSync('examples/mipex/published-scores.json', 'utf8')) as { scores: PublishedScore[] }).scores;

const longCsv = (rows: readonly { country: string; year: number; node: string; value: string | number }[]) => ['country,year,node,value', ...rows.map((r) => `${r.country},${r.year},${r.node},${r.value}`)].join('\n') + '\n';

describe('policy-index verify on the MIPEX published scores', () => {
  it('reproduces every score of the workbook exported as a long CSV', async () => {
    const published = mipexPublished();
    expect(published.length).toBe(9093);
    const csv = join(dir, 'mipex.csv');
    writeFileSync(csv, longCsv(published));
    const r = await run(['verify', 'mipex-2020', 'examples/mipex', '--published', csv, '--format', 'json']);
    const json = JSON.parse(r.out);
    expect(Object.keys(json).slice(0, 4)).toEqual(['compared', 'agreed', 'disagreements', 'diagnostics']);
    expect(json.disagreements).toEqual([]);
    expect(json.compared).toBe(9093);
    expect(json.agreed).toBe(9093);
    expect(json.diagnostics.filter((d: Diagnostic) => d.severity === 'error')).toEqual([]);
    // The core workbook's published parents agree with its published parts.
    expect(json.inconsistencies).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('--at-display compares with values the publisher rounded', async () => {
    // Whole numbers, half-up, as MIPEX publishes them: rounded here from the workbook's values.
    const rounded = mipexPublished().map((p) => ({ ...p, value: new Decimal(p.value).toFixed(0, Decimal.ROUND_HALF_UP) }));
    const csv = join(dir, 'mipex-rounded.csv');
    writeFileSync(csv, longCsv(rounded));
    const atDisplay = JSON.parse((await run(['verify', 'mipex-2020', 'examples/mipex', '--published', csv, '--at-display', '--format', 'json'])).out);
    expect(atDisplay.disagreements).toEqual([]);
    expect(atDisplay.agreed).toBe(9093);
    const exact = await run(['verify', 'mipex-2020', 'examples/mipex', '--published', csv, '--format', 'json']);
    expect(exact.code).toBe(1);
    const unrounded = mipexPublished().filter((p) => !Number.isInteger(p.value)).length;
    expect(JSON.parse(exact.out).disagreements.length).toBe(unrounded);
  });
});

describe('policy-index verify on the demo index', () => {
  // Northland 2024: local vote yes (100), consultative body appointed (50); the voice area is
  // their minimum, 50.
  it('agrees with correct values and reports a wrong one with its line', async () => {
    const good = join(dir, 'demo-good.csv');
    writeFileSync(good, 'country,year,node,value\nNO,2024,local-vote,100\nNO,2024,consultative-body,50\nNO,2024,voice,50.0\n');
    const ok = await run(['verify', 'examples/demo/rubric', 'examples/demo/answers', '--published', good, '--format', 'json']);
    expect(JSON.parse(ok.out)).toMatchObject({ compared: 3, agreed: 3, disagreements: [], inconsistencies: [] });
    expect(ok.code).toBe(0);

    const bad = join(dir, 'demo-bad.csv');
    writeFileSync(bad, 'country,year,node,value\nNO,2024,local-vote,100\nNO,2024,voice,70\n');
    const r = await run(['verify', 'examples/demo/rubric', 'examples/demo/answers', '--published', bad, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ compared: 2, agreed: 1 });
    expect(json.disagreements).toEqual([
      { country: 'NO', year: 2024, node: 'voice', published: 70, computed: 50, publishedText: '70', computedText: '50', source: { file: expect.stringContaining('demo-bad.csv'), line: 3, column: 15 } },
    ]);
    const text = await run(['verify', 'examples/demo/rubric', 'examples/demo/answers', '--published', bad]);
    expect(text.code).toBe(1);
    expect(text.out).toContain('NO 2024 voice: published 70, computed 50');
  });

  it('reports unknown nodes, bad rows and a missing answer set', async () => {
    const csv = join(dir, 'demo-rows.csv');
    writeFileSync(csv, 'country,year,node,value\nNO,2024,voise,50\nQQ,2024,voice,50\nNO,20x4,voice,50\nNO,2024,voice,fifty\nNO,2031,voice,50\n');
    const r = await run(['verify', 'examples/demo/rubric', 'examples/demo/answers', '--published', csv, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    const at = (code: string) => json.diagnostics.filter((d: Diagnostic) => d.code === code).map((d: Diagnostic) => [d.line, d.column]);
    expect(at('PUBLISHED_UNKNOWN_NODE')).toEqual([[2, 15]]);
    expect(json.diagnostics.find((d: Diagnostic) => d.code === 'PUBLISHED_UNKNOWN_NODE').hint).toBe('Did you mean "voice"?');
    expect(at('PUBLISHED_INVALID_VALUE')).toEqual([[3, 1], [4, 4], [5, 15]]);
    expect(json.disagreements).toMatchObject([{ country: 'NO', year: 2031, node: 'voice', computed: null, reason: 'no answer set for NO 2031' }]);
  });

  it('reads country names, never a short name as a regional (NUTS) code', async () => {
    // Country names in every case: the same scores as the codes.
    const named = join(dir, 'demo-named.csv');
    writeFileSync(named, 'country,year,node,value\nNorway,2024,local-vote,100\nNORWAY,2024,consultative-body,50\nthe Kingdom of Norway,2024,voice,50\n');
    const ok = await run(['verify', 'examples/demo/rubric', 'examples/demo/answers', '--published', named, '--format', 'json']);
    expect(JSON.parse(ok.out)).toMatchObject({ compared: 3, agreed: 3, disagreements: [] });
    expect(ok.code).toBe(0);
    // CHAD, PERU, BENIN and INDIA look like NUTS codes (CH + AD …) but are countries.
    const r = readPublishedCsv('country,year,node,value\nCHAD,2024,a,1\nPERU,2024,a,1\nBENIN,2024,a,1\nINDIA,2024,a,1\nKorea, Rep.,2024,a,1\n'.replace('Korea, Rep.', '"Korea, Rep."'));
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.map((v) => v.country)).toEqual(['TD', 'PE', 'BJ', 'IN', 'KR']);
    // A NUTS code is read only where the column is declared regional.
    const nuts = 'country,year,node,value\nDE1,2024,a,1\n';
    expect(readPublishedCsv(nuts).diagnostics).toMatchObject([{ code: 'PUBLISHED_INVALID_VALUE', line: 2, column: 1, hint: expect.stringMatching(/regional/) }]);
    expect(readPublishedCsv(nuts, { regional: true }).value!.map((v) => v.country)).toEqual(['DE1']);
    // An unknown country gets a bounded did-you-mean; a declared unit is read by its name.
    expect(readPublishedCsv('country,year,node,value\nNorwya,2024,a,1\n').diagnostics[0]).toMatchObject({ code: 'PUBLISHED_INVALID_VALUE', line: 2, column: 1, hint: 'Did you mean "Norway"?' });
    expect(readPublishedCsv('country,year,node,value\nNorthland,2024,a,1\n', { units: [{ code: 'NO', name: 'Northland' }] }).value!.map((v) => v.country)).toEqual(['NO']);
  });

  it('reads the table from an .xlsx sheet with renamed columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Scores');
    ws.addRow(['Economy', 'Year', 'Indicator', 'Score']);
    ws.addRow(['NO', 2024, 'voice', 50]);
    ws.addRow(['NO', 2024, 'local-vote', 0]);
    const path = join(dir, 'demo.xlsx');
    writeFileSync(path, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const r = await run(['verify', 'examples/demo/rubric', 'examples/demo/answers', '--published', path, '--country-column', 'Economy', '--node-column', 'Indicator', '--value-column', 'Score', '--format', 'json']);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ compared: 2, agreed: 1 });
    expect(json.disagreements).toMatchObject([{ node: 'local-vote', published: 0, computed: 100, source: { cell: 'Scores!D3' } }]);
    expect(r.code).toBe(1);
    const missing = await run(['verify', 'examples/demo/rubric', 'examples/demo/answers', '--published', path, '--format', 'json']);
    expect(JSON.parse(missing.out).diagnostics.map((d: Diagnostic) => d.code)).toContain('PUBLISHED_MISSING_COLUMN');
    expect(missing.code).toBe(1);
  });

  it('needs --published (usage error)', async () => {
    expect((await run(['verify', 'examples/demo/rubric', 'examples/demo/answers'])).code).toBe(2);
    expect((await run(['verify', '--help'])).out).toMatch(/^Usage: policy-index verify /);
  });
});

describe('the publisher\'s own inconsistencies', () => {
  // A hand-made table in the shape of the MIPEX EU 2020–2024 workbook's Slovenia 2024
  // education: the strand is published as 52.78 while its own seven indicators average 45.24.
  const indicators: [string, string][] = [
    ['ca45ca47', '50'],
    ['ca49', '33'],
    ['cb50', '100'],
    ['cb51', '44.44'],
    ['cb53', '0'],
    ['cd60', '50'],
    ['cc59cd64', '39.24'],
  ];
  const table = (strand: string) => longCsv([...indicators.map(([node, value]) => ({ country: 'SI', year: 2024, node, value })), { country: 'SI', year: 2024, node: 'c', value: strand }]);

  it('recomputes a published parent from its published children', () => {
    const rubric = loadRubricFile('rubrics/mipex-2020').value!;
    const published = readPublishedCsv(table('52.78'), { file: 'si.csv' }).value!;
    const found = checkPublishedConsistency(rubric, published);
    expect(found).toEqual([
      { country: 'SI', year: 2024, node: 'c', published: '52.78', recomputed: '45.24', children: indicators.map(([id, v]) => `${id}=${v}`), source: { file: 'si.csv', line: 9, column: 11 } },
    ]);
    // The same table with the strand the indicators give is consistent.
    expect(checkPublishedConsistency(rubric, readPublishedCsv(table('45.24')).value!)).toEqual([]);
    // So is one rounded to the precision it is written with (45.2 for 45.24).
    expect(checkPublishedConsistency(rubric, readPublishedCsv(table('45.2')).value!)).toEqual([]);
  });

  it('keeps it apart from rubric/answer disagreements', () => {
    const rubric = loadRubricFile('rubrics/mipex-2020').value!;
    const published = readPublishedCsv(table('52.78'), { file: 'si.csv' }).value!;
    const r = verifyPublishedScores(rubric, [], published);
    expect(r.inconsistencies).toHaveLength(1);
    const warning = r.diagnostics.filter((d) => d.code === 'PUBLISHED_INCONSISTENT');
    expect(warning).toHaveLength(1);
    expect(warning[0]).toMatchObject({ severity: 'warning', file: 'si.csv', line: 9, expected: '45.24', actual: '52.78' });
    expect(warning[0]!.message).toContain('contradict each other');
    // Without answers every score disagrees; the strand's disagreement carries the mark.
    expect(r.disagreements.filter((d) => d.publisherInconsistent).map((d) => d.node)).toEqual(['c']);
  });

  it('demo: a published minimum that contradicts its published parts', () => {
    const rubric = loadRubricFile('examples/demo/rubric').value!;
    const answers = loadAnswerSetFiles(['examples/demo/answers']).value!;
    const published = readPublishedCsv('country,year,node,value\nNO,2024,local-vote,100\nNO,2024,consultative-body,50\nNO,2024,voice,100\n').value!;
    const r = verifyPublishedScores(rubric, answers, published);
    expect(r.inconsistencies.map((i) => [i.node, i.published, i.recomputed])).toEqual([['voice', '100', '50']]);
    expect(r.disagreements.map((d) => [d.node, d.publisherInconsistent])).toEqual([['voice', true]]);
  });
});

describe('published values and tolerances through the one decimal grammar, with limits', () => {
  // A parent with its children, so that the consistency check works with every value.
  const huge = (value: string) => `country,year,node,value\nNO,2024,local-vote,100\nNO,2024,consultative-body,50\nNO,2024,voice,${value}\n`;

  it.each(['1e99999999', '1e10000000', '1e999999999999999999999999999999', '-1e-99999999', `${'9'.repeat(401)}`])('%s beside its parent and sibling: a positioned diagnostic at once', async (value) => {
    const csv = join(dir, 'huge.csv');
    writeFileSync(csv, huge(value));
    const started = performance.now();
    const r = await run(['verify', 'examples/demo/rubric', 'examples/demo/answers', '--published', csv, '--format', 'json']);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out);
    const bad = json.diagnostics.filter((d: Diagnostic) => d.code === 'PUBLISHED_INVALID_VALUE');
    expect(bad.map((d: Diagnostic) => [d.line, d.column])).toEqual([[4, 15]]);
    expect(bad[0].message).toMatch(/exponent|digits/);
    expect(json).toMatchObject({ compared: 2, agreed: 2 });
  });

  it('the same values given to the API directly are diagnostics, never thrown or slow', () => {
    const rubric = loadRubricFile('examples/demo/rubric').value!;
    const answers = loadAnswerSetFiles(['examples/demo/answers']).value!;
    const published = readPublishedCsv(huge('50')).value!;
    const started = performance.now();
    for (const value of ['1e99999999', '1e999999999999999999999999999999', 'fifty', ' ']) {
      const rows = published.map((p) => (p.node === 'voice' ? { ...p, value } : p));
      const r = verifyPublishedScores(rubric, answers, rows);
      expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['PUBLISHED_INVALID_VALUE', 4]]);
      expect(r).toMatchObject({ compared: 2, agreed: 2, inconsistencies: [] });
      expect(checkPublishedConsistency(rubric, rows)).toEqual([]);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a tolerance that is not a non-negative decimal is a diagnostic through the API, a usage error on the command line', async () => {
    const rubric = loadRubricFile('examples/demo/rubric').value!;
    const answers = loadAnswerSetFiles(['examples/demo/answers']).value!;
    const published = readPublishedCsv(huge('50')).value!;
    for (const tolerance of ['1,5', '-1', '1e99999999', 'NaN', Number.NaN, -1, Number.POSITIVE_INFINITY, {} as unknown as string]) {
      const r = verifyPublishedScores(rubric, answers, published, { tolerance });
      expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([['PUBLISHED_INVALID_OPTION', ['tolerance']]]);
      expect(r.compared).toBe(0);
      expect(checkPublishedConsistency(rubric, published, { tolerance })).toEqual([]);
    }
    // Valid ones, as text and as numbers.
    for (const tolerance of ['0', '0.5', '1e-9', '.5', 0, 0.5]) expect(verifyPublishedScores(rubric, answers, published, { tolerance })).toMatchObject({ compared: 3, agreed: 3, diagnostics: [] });
    const csv = join(dir, 'tolerance.csv');
    writeFileSync(csv, huge('50'));
    for (const t of ['1,5', '1e99999999', '-0.1']) {
      const r = await run(['verify', 'examples/demo/rubric', 'examples/demo/answers', '--published', csv, '--tolerance', t]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--tolerance');
    }
  });

  it('a tolerance compares exactly: 50.0000000001 agrees within 1e-10 and not within 1e-11', () => {
    const rubric = loadRubricFile('examples/demo/rubric').value!;
    const answers = loadAnswerSetFiles(['examples/demo/answers']).value!;
    const published = readPublishedCsv('country,year,node,value\nNO,2024,voice,50.0000000001\n').value!;
    expect(verifyPublishedScores(rubric, answers, published, { tolerance: '1e-10' }).agreed).toBe(1);
    expect(verifyPublishedScores(rubric, answers, published, { tolerance: '1e-11' }).agreed).toBe(0);
  });
});
