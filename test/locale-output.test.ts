/**
 * Output does not depend on the locale or the time zone: the CLI run in child processes under
 * LC_ALL=C and LC_ALL=et_EE.UTF-8 (Estonian sorts "z" between "s" and "t") gives byte-identical
 * output, in code-point order.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_SOURCES } from './helpers/run-sources.js';
import { mipexSheetCells, tinyXlsx } from './helpers/tiny-xlsx.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const LOCALES = [
  { LC_ALL: 'C', LANG: 'C', TZ: 'UTC' },
  { LC_ALL: 'et_EE.UTF-8', LANG: 'et_EE.UTF-8', TZ: 'Pacific/Kiritimati' },
];

function cli(args: string[], env: Record<string, string>, cwd: string): string {
  const r = spawnSync(process.execPath, [...RUN_SOURCES, join(ROOT, 'src/cli/bin.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env, POLICY_INDEX_DOCS_URL: '' },
  });
  expect(r.error).toBeUndefined();
  return `exit ${r.status}\n${r.stdout}`;
}

describe('output is the same in every locale', () => {
  it('the runtime really sorts differently under et_EE (so the test can fail)', () => {
    const r = spawnSync(process.execPath, ['-e', "process.stdout.write(['TR','ZA','SE'].sort((a,b)=>a.localeCompare(b)).join(','))"], { encoding: 'utf8', env: { ...process.env, ...LOCALES[1] } });
    expect(r.stdout).toBe('SE,ZA,TR');
  });

  it('score --format csv, trend --format csv, outcomes gaps --format csv and import-mipex published-scores.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-locale-'));
    mkdirSync(join(dir, 'answers'));
    const se = readFileSync(join(ROOT, 'test/fixtures/scorecard/answers/SE-2024.yaml'), 'utf8');
    for (const cc of ['SE', 'TR', 'ZA']) writeFileSync(join(dir, 'answers', `${cc}-2024.yaml`), se.replace(/^country: SE$/m, `country: ${cc}`));
    const csv = ['Year,Country,Cohort,Value,Metric'];
    for (const cc of ['ZA', 'SE', 'TR']) csv.push(`2019,${cc},Native,80,Poverty_Rate`, `2019,${cc},Extra_EU_Migrant,70.5,Poverty_Rate`);
    writeFileSync(join(dir, 'outcomes.csv'), csv.join('\n') + '\n');
    writeFileSync(join(dir, 'book.xlsx'), tinyXlsx(['ZA', 'TR', 'SE'].map((name) => ({ name, cells: mipexSheetCells() }))));

    const outputs = LOCALES.map((env, i) => {
      const score = cli(['score', join(ROOT, 'examples/demo/rubric'), 'answers', '--format', 'csv', '--quiet'], env, dir);
      const gaps = cli(['outcomes', 'gaps', 'outcomes.csv', '--format', 'csv'], env, dir);
      const trend = cli(['trend', join(ROOT, 'examples/demo/rubric'), 'answers', '--format', 'csv'], env, dir);
      cli(['import-mipex', 'book.xlsx', '--out', `out${i}`], env, dir);
      const published = readFileSync(join(dir, `out${i}`, 'published-scores.json'), 'utf8');
      return { score, gaps, published, trend };
    });
    expect(outputs[1]!.score).toBe(outputs[0]!.score);
    expect(outputs[1]!.gaps).toBe(outputs[0]!.gaps);
    expect(outputs[1]!.published).toBe(outputs[0]!.published);
    expect(outputs[1]!.trend).toBe(outputs[0]!.trend);
    // Code-point order: TR before ZA.
    const countries = (text: string, col: number) => [...new Set(text.split('\n').slice(2).filter(Boolean).map((l) => l.split(',')[col]))];
    expect(countries(outputs[0]!.score, 0)).toEqual(['SE', 'TR', 'ZA']);
    expect(outputs[0]!.gaps).toMatch(/SE[\s\S]*TR[\s\S]*ZA/);
    expect(outputs[0]!.trend).toMatch(/^exit 0\n/);
    expect(countries(outputs[0]!.trend, 0)).toEqual(['SE', 'TR', 'ZA']);
    expect([...new Set((JSON.parse(outputs[0]!.published).scores as { country: string }[]).map((s) => s.country))]).toEqual(['SE', 'TR', 'ZA']);
  }, 180_000);

  it('the library orderings: text, diagnostics and published-score cells', () => {
    // Texts Estonian orders differently (z between s and t; š, ž, õ, ä, ö, ü after z), a sheet's
    // cells across single- and double-letter columns and rows 9 and 10, and diagnostics by file.
    const script = `
      import { byCodePoint } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/text/order.ts')).href)};
      import { sortDiagnostics } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/index.ts')).href)};
      import { renderMipexFiles } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/node/index.ts')).href)};
      const words = ['zebra', 'tee', 'sõna', 'šokk', 'äri', 'öö', 'Zürich', 'sauna', 'Õun', 'z', 't', 's'];
      const diagnostics = sortDiagnostics(words.map((file) => ({ code: 'YAML_SYNTAX', severity: 'error', message: 'm', file })));
      const cells = ['SE!AA9', 'SE!B10', 'SE!B9', 'SE!Z10', 'SE!AB1', 'SE!C9'];
      const published = JSON.parse(renderMipexFiles({ answerSets: [], diagnostics: [], sheets: [], rubric: 'mipex@2020',
        workbook: { file: 'book.xlsx', sha256: '' },
        published: cells.map((cell, i) => ({ country: 'SE', originalSheet: 'SE', year: 2019, node: 'n' + i, value: i, cell })) }).get('published-scores.json'));
      process.stdout.write(JSON.stringify({ words: [...words].sort(byCodePoint), diagnostics: diagnostics.map((d) => d.file), cells: published.scores.map((s) => s.cell) }));
    `;
    const outputs = LOCALES.map((env) => {
      const r = spawnSync(process.execPath, [...RUN_SOURCES, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
      expect(r.stderr).toBe('');
      return r.stdout;
    });
    expect(outputs[1]).toBe(outputs[0]);
    const got = JSON.parse(outputs[0]!) as { words: string[]; diagnostics: string[]; cells: string[] };
    const codePoints = (w: string) => [...w].map((c) => c.codePointAt(0)!.toString(16).padStart(6, '0')).join(' ');
    const expected = [...got.words].sort((a, b) => (codePoints(a) < codePoints(b) ? -1 : 1));
    expect(got.words).toEqual(expected);
    expect(got.words.slice(0, 4)).toEqual(['Zürich', 's', 'sauna', 'sõna']);
    expect(got.diagnostics).toEqual(expected);
    // Column letters as text, then rows by number (B9 before B10, which text order would swap).
    expect(got.cells).toEqual(['SE!AA9', 'SE!AB1', 'SE!B9', 'SE!B10', 'SE!C9', 'SE!Z10']);
  }, 120_000);
});
