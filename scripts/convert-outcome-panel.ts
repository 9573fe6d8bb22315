/**
 * Converts the Eurostat outcome panel (tidy long CSV with columns Year, Country, Cohort, Value,
 * Metric) to the policy-index long format (country, year, indicator, cohort, value) with the
 * ids of the Zaragoza outcome framework, after validating every row.
 *
 *   npx tsx --import ./scripts/yaml-text.mjs scripts/convert-outcome-panel.ts <eurostat_master_panel.csv> [examples/outcomes/eurostat-panel.csv]
 *
 * Country codes are normalised (EL → GR, UK → GB); aggregates (EU27_2020, EA19 …) and NUTS
 * regions (UKC-L …) keep their codes, and the outcome loader keeps them apart from countries.
 * Values are copied exactly as written. The script refuses to write when validation reports
 * an error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { formatDiagnostics, hasErrors } from '../src/diagnostics/index.js';
import { loadOutcomeData, parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from '../src/outcomes/index.js';

const [input, output = 'examples/outcomes/eurostat-panel.csv'] = process.argv.slice(2);
if (!input) {
  console.error('usage: npx tsx --import ./scripts/yaml-text.mjs scripts/convert-outcome-panel.ts <eurostat_master_panel.csv> [output.csv]');
  process.exit(2);
}
const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML, 'rubrics/outcomes/zaragoza.yaml').value!;
const text = readFileSync(input, 'utf8');
const loaded = loadOutcomeData([{ name: input, text }], framework);
const problems = loaded.diagnostics.filter((d) => d.severity !== 'info');
if (problems.length > 0) console.error(formatDiagnostics(problems));
if (hasErrors(loaded.diagnostics) || !loaded.value) {
  console.error('Not converted: the panel has errors.');
  process.exit(1);
}
// Code-point order, so that the output does not depend on the locale.
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const rows = [...loaded.value.observations].sort(
  (a, b) => byCodePoint(a.indicator, b.indicator) || byCodePoint(a.country, b.country) || a.year - b.year || byCodePoint(a.cohort, b.cohort),
);
const lines = ['country,year,indicator,cohort,value', ...rows.map((o) => `${o.country},${o.year},${o.indicator},${o.cohort},${o.text}`)];
writeFileSync(output, lines.join('\n') + '\n');
console.log(`${output}: ${rows.length} values (${loaded.summary.files[0]?.layout ?? '?'} layout), ${new Set(rows.map((r) => r.country)).size} countries and aggregates.`);
