/**
 * Output does not depend on the locale or the time zone: the CLI run in child processes under
 * LC_ALL=C and LC_ALL=et_EE.UTF-8 (Estonian sorts "z" between "s" and "t") gives byte-identical
 * output, in code-point order.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('score --format csv, outcomes gaps --format csv and import-mipex published-scores.json', () => {
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
      cli(['import-mipex', 'book.xlsx', '--out', `out${i}`], env, dir);
      const published = readFileSync(join(dir, `out${i}`, 'published-scores.json'), 'utf8');
      return { score, gaps, published };
    });
    expect(outputs[1]!.score).toBe(outputs[0]!.score);
    expect(outputs[1]!.gaps).toBe(outputs[0]!.gaps);
    expect(outputs[1]!.published).toBe(outputs[0]!.published);
    // Code-point order: TR before ZA.
    const countries = (text: string, col: number) => [...new Set(text.split('\n').slice(2).filter(Boolean).map((l) => l.split(',')[col]))];
    expect(countries(outputs[0]!.score, 0)).toEqual(['SE', 'TR', 'ZA']);
    expect(outputs[0]!.gaps).toMatch(/SE[\s\S]*TR[\s\S]*ZA/);
    expect([...new Set((JSON.parse(outputs[0]!.published).scores as { country: string }[]).map((s) => s.country))]).toEqual(['SE', 'TR', 'ZA']);
  }, 180_000);
});
