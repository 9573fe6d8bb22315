/**
 * Outcome data: loading large generated outcome files (the fuzz campaign's bound is 2 s for
 * any input, on a busy machine). The texts are generated here, never committed:
 *
 * - 120,000 rows copied at random from examples/outcomes/eurostat-panel.csv, as the fuzz
 *   campaign's large inputs are (about 5.5 MB; most rows are duplicates);
 * - 120,000 distinct rows (countries × years × indicators × cohorts), all valid;
 * - the whole panel as YAML: one entry per country, year and indicator with its cohort values
 *   (9,747 values, about 0.4 MB; most of its time is the YAML parser's).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOutcomeData } from '../src/outcomes/data.js';
import { parseOutcomeFramework } from '../src/outcomes/framework.js';
import type { Bench } from './run.js';
import { rng } from '../test/fuzz/fuzz.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

/** `rows` lines of the panel picked at random after its header (test/fuzz/fuzz.ts bigCsv). */
function copiedRows(panel: string, rows: number): string {
  const r = rng(7);
  const lines = panel.split('\n');
  const out = [lines[0]!];
  for (let i = rows; i > 0; i--) out.push(lines[1 + Math.floor(r() * (lines.length - 1))]!);
  return out.join('\n');
}

/** Every country × year × indicator × cohort of the framework once, until `rows` rows. */
function distinctRows(framework: NonNullable<ReturnType<typeof parseOutcomeFramework>['value']>, rows: number): string {
  const countries = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'NO', 'CH', 'IS'];
  const out = ['country,year,indicator,cohort,value'];
  for (let year = 1900; out.length <= rows; year++) {
    for (const c of countries) for (const indicator of framework.indicators) for (const cohort of indicator.cohorts) {
      if (out.length > rows) break;
      const max = indicator.range.max ?? 1000;
      out.push(`${c},${year},${indicator.id},${cohort},${((out.length * 7919) % (max * 10)) / 10}`);
    }
  }
  return out.join('\n');
}

/** The panel as YAML entries with `values`. */
function panelYaml(panel: string): string {
  const groups = new Map<string, string[]>();
  for (const line of panel.split('\n').slice(1)) {
    const [country, year, indicator, cohort, value] = line.split(',');
    if (!value) continue;
    const key = `${country},${year},${indicator}`;
    groups.set(key, [...(groups.get(key) ?? []), `${cohort}: ${value}`]);
  }
  const out = ['schemaVersion: 1', 'framework: zaragoza', 'observations:'];
  for (const [key, values] of groups) {
    const [country, year, indicator] = key.split(',');
    out.push(`  - { country: ${country}, year: ${year}, indicator: ${indicator}, values: { ${values.join(', ')} } }`);
  }
  return out.join('\n') + '\n';
}

export async function run(bench: Bench): Promise<void> {
  const framework = parseOutcomeFramework(read('rubrics/outcomes/zaragoza.yaml'), 'framework.yaml').value!;
  const panel = read('examples/outcomes/eurostat-panel.csv');
  const copied = copiedRows(panel, 120_000);
  const distinct = distinctRows(framework, 120_000);
  const yaml = panelYaml(panel);
  const mb = (t: string) => (t.length / 1e6).toFixed(1);

  bench.section('outcome data (generated at run time)');
  await bench.time(`loadOutcomeData: 120,000 panel rows copied at random (${mb(copied)} MB CSV)`, () => loadOutcomeData([{ name: 'data.csv', text: copied }], framework), { iterations: 10, warmup: 2 });
  await bench.time(`loadOutcomeData: 120,000 distinct valid rows (${mb(distinct)} MB CSV)`, () => loadOutcomeData([{ name: 'data.csv', text: distinct }], framework), { iterations: 10, warmup: 2 });
  await bench.time(`loadOutcomeData: the panel as YAML entries (${mb(yaml)} MB)`, () => loadOutcomeData([{ name: 'data.yaml', text: yaml }], framework), { iterations: 10, warmup: 2 });
}
