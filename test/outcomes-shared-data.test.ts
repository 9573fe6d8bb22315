/**
 * The outcome model against copies of the real Eurostat outcome files kept in the repository:
 * the clean long panel (test/fixtures/outcomes/eurostat_master_panel.csv, converted into
 * examples/outcomes/eurostat-panel.csv) and the flawed wide file
 * (test/fixtures/outcomes/eurostat_insights.csv).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  computeGaps,
  gapSeries,
  loadOutcomeData,
  parseOutcomeFramework,
  selectOutcomeObservations,
  validateOutcomeFiles,
  ZARAGOZA_FRAMEWORK_YAML,
} from '../src/outcomes/index.js';
import { buildPolicyOutcomeView } from '../src/analysis/policy-outcome.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
const WIDE = 'test/fixtures/outcomes/eurostat_insights.csv';
const LONG = 'test/fixtures/outcomes/eurostat_master_panel.csv';
const wideText = read(WIDE);
const wide = loadOutcomeData([{ name: WIDE, text: wideText }], framework);

// Independent reading of the raw wide file with a plain split (no quoting in this file).
const rawLines = wideText.split('\n');
const header = rawLines[0]!.split(',');
const col = (name: string) => header.indexOf(name);
const rawRows = rawLines.slice(1).map((l, i) => ({ line: i + 2, f: l.split(',') })).filter((r) => r.f.length === header.length);
const cohortCols = ['EU_Migrant', 'Extra_EU_Migrant', 'Native'].map(col);
const povertyRows = rawRows.filter((r) => r.f[col('Metric')] === 'Poverty_Rate');
const over100 = povertyRows.filter((r) => cohortCols.some((c) => r.f[c] !== '' && Number(r.f[c]) > 100)).map((r) => r.line);

describe('the flawed wide file (eurostat_insights.csv)', () => {
  it('is read with the wide layout, detected from its header, without syntax or column problems', () => {
    expect(wide.summary.files[0]).toMatchObject({ format: 'csv', layout: 'eurostat-wide', records: rawRows.length });
    expect(wide.diagnostics.filter((d) => ['CSV_SYNTAX', 'OUTCOME_NO_LAYOUT', 'OUTCOME_UNKNOWN_COLUMN', 'OUTCOME_UNKNOWN_INDICATOR', 'OUTCOME_UNKNOWN_COHORT', 'OUTCOME_DUPLICATE_ROW', 'OUTCOME_NOT_A_NUMBER'].includes(d.code))).toEqual([]);
  });

  it('reports every Poverty_Rate row with a value above 100, by line', () => {
    const impossible = wide.diagnostics.filter((d) => d.code === 'OUTCOME_IMPOSSIBLE_VALUE');
    expect(new Set(impossible.map((d) => d.line))).toEqual(new Set(over100));
    expect(over100.length).toBe(307);
    for (const d of impossible) expect(d).toMatchObject({ severity: 'error', file: WIDE, column: expect.any(Number) });
    // The cell the diagnostic points at really holds the impossible value.
    for (const d of impossible.slice(0, 20)) {
      const line = rawLines[d.line! - 1]!;
      expect(line.slice(d.column! - 1).split(',')[0]).toBe(d.actual);
      expect(Number(d.actual)).toBeGreaterThan(100);
    }
  });

  it('also catches the count rows of small countries whose values stay below 100 (unit break)', () => {
    const flagged = new Set(wide.diagnostics.filter((d) => d.code === 'OUTCOME_IMPOSSIBLE_VALUE' || d.code === 'OUTCOME_UNIT_BREAK').map((d) => d.line));
    const aggregates = new Set(['EU', 'EA']);
    const countryRowsFrom2015 = povertyRows.filter((r) => Number(r.f[col('Year')]) >= 2015 && !aggregates.has(r.f[col('Country')]!)).map((r) => r.line);
    expect(countryRowsFrom2015.length).toBe(378);
    expect(flagged).toEqual(new Set(countryRowsFrom2015));
    expect(wide.diagnostics.filter((d) => d.code === 'OUTCOME_UNIT_BREAK')).toHaveLength(71);
    // Aggregate rows of those years are percentages and are not flagged; nothing before 2015 is.
    const before = povertyRows.filter((r) => Number(r.f[col('Year')]) < 2015).map((r) => r.line);
    for (const line of before) expect(flagged.has(line)).toBe(false);
  });

  it('keeps every flawed Poverty_Rate value out of the results unless keepInvalid is set', () => {
    const flawedLines = new Set(wide.diagnostics.filter((d) => d.code === 'OUTCOME_IMPOSSIBLE_VALUE' || d.code === 'OUTCOME_UNIT_BREAK').map((d) => d.line));
    const usable = selectOutcomeObservations(wide.value!, { include: ['country', 'aggregate', 'region', 'unknown'] });
    expect(usable.filter((o) => flawedLines.has(o.line))).toEqual([]);
    const poverty = computeGaps(framework, wide.value!, { indicators: ['poverty-rate'] }).value.rows;
    expect(poverty.filter((r) => r.year >= 2015)).toEqual([]);
    expect(poverty.length).toBeGreaterThan(0);
    expect(Math.max(...poverty.map((r) => Math.abs(r.valueNumber)))).toBeLessThan(100);
    const kept = computeGaps(framework, wide.value!, { indicators: ['poverty-rate'], keepInvalid: true }).value.rows;
    expect(kept.filter((r) => r.year >= 2015).every((r) => r.status === 'invalid')).toBe(true);
    expect(kept.some((r) => r.year >= 2015)).toBe(true);
  });

  it('surfaces the incarceration shares as a unit mismatch and keeps them out', () => {
    const mismatch = wide.diagnostics.filter((d) => d.code === 'OUTCOME_UNIT_MISMATCH');
    expect(mismatch).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('incarceration-rate is declared in per-100k') })]);
    // Independently: most incarceration rows with two cohorts add up to 100 ± 2.
    const inc = rawRows.filter((r) => r.f[col('Metric')] === 'Incarceration_Rate_Per_100k').map((r) => cohortCols.map((c) => r.f[c]!).filter((v) => v !== '').map(Number)).filter((v) => v.length >= 2);
    const shares = inc.filter((v) => Math.abs(v.reduce((a, b) => a + b, 0) - 100) <= 2);
    expect(shares.length / inc.length).toBeGreaterThan(0.9);
    expect(computeGaps(framework, wide.value!, { indicators: ['incarceration-rate'] }).value.rows).toEqual([]);
  });

  it('never uses the file\'s own gap column', () => {
    const rows = computeGaps(framework, wide.value!, { indicators: ['highly-educated-employment-rate'], gaps: ['non-eu-born-vs-native'] }).value.rows;
    const at1995 = rows.find((r) => r.country === 'AT' && r.year === 1995)!;
    const raw = rawRows.find((r) => r.f[col('Country')] === 'AT' && r.f[col('Year')] === '1995' && r.f[col('Metric')] === 'Highly_Educated_Employment_Rate')!;
    const expected = Number(raw.f[col('Extra_EU_Migrant')]) - Number(raw.f[col('Native')]);
    expect(Math.abs(at1995.valueNumber - expected)).toBeLessThanOrEqual(0.05);
  });
});

describe('the clean long panel (eurostat_master_panel.csv)', () => {
  const text = read(LONG);
  const long = loadOutcomeData([{ name: LONG, text }], framework);

  it('validates with the long layout and no errors or warnings', () => {
    expect(long.summary.files[0]!.layout).toBe('eurostat-long');
    expect(long.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(long.summary).toMatchObject({ observations: 9747, valid: 9747, invalid: 0, suspect: 0 });
    expect(new Set(long.diagnostics.map((d) => d.code))).toEqual(new Set(['OUTCOME_COUNTRY_CODE']));
  });

  it('flags aggregates and regions and never joins them as countries', () => {
    const kinds = new Map(long.value!.observations.map((o) => [o.originalCountry, o.countryKind]));
    for (const code of ['EU27_2020', 'EU28', 'EU27_2007', 'EA', 'EA18', 'EA19', 'EA20', 'EA21', 'EU']) expect(kinds.get(code), code).toBe('aggregate');
    for (const code of ['UKC-L', 'UKM', 'UKN']) expect(kinds.get(code), code).toBe('region');
    const gaps = computeGaps(framework, long.value!).value.rows;
    expect(gaps.every((r) => r.countryKind === 'country')).toBe(true);
    expect(new Set(gaps.map((r) => r.country)).has('GR')).toBe(true);
    expect(gaps.some((r) => ['EL', 'UK'].includes(r.country))).toBe(false);
  });

  it('is exactly what examples/outcomes/eurostat-panel.csv holds after conversion', () => {
    const rows = [...long.value!.observations].sort((a, b) => a.indicator.localeCompare(b.indicator) || a.country.localeCompare(b.country) || a.year - b.year || a.cohort.localeCompare(b.cohort));
    const expected = ['country,year,indicator,cohort,value', ...rows.map((o) => `${o.country},${o.year},${o.indicator},${o.cohort},${o.text}`)].join('\n') + '\n';
    expect(read('examples/outcomes/eurostat-panel.csv')).toBe(expected);
  });

  it('the converted example and the YAML example validate without errors', () => {
    const result = validateOutcomeFiles([
      { name: 'eurostat-panel.csv', text: read('examples/outcomes/eurostat-panel.csv') },
      { name: 'three-countries-2019.yaml', text: read('examples/outcomes/three-countries-2019.yaml') },
    ]);
    // The YAML file repeats values of the panel, so the only errors are the duplicates it makes.
    expect(new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))).toEqual(new Set(['OUTCOME_DUPLICATE_ROW']));
    expect(validateOutcomeFiles([{ name: 'three-countries-2019.yaml', text: read('examples/outcomes/three-countries-2019.yaml') }]).diagnostics).toEqual([]);
    expect(validateOutcomeFiles([{ name: 'eurostat-panel.csv', text: read('examples/outcomes/eurostat-panel.csv') }]).ok).toBe(true);
  });

  it('feeds the policy–outcome view with countries only', () => {
    const series = gapSeries(computeGaps(framework, long.value!, { include: ['country', 'aggregate', 'region'] }).value, 'highly-educated-employment-rate', 'non-eu-born-vs-native');
    expect(series.some((p) => p.country === 'EU27_2020')).toBe(true);
    const policy = [
      { country: 'AT', year: 2019, value: 46 },
      { country: 'EL', year: 2019, value: 46 },
      { country: 'SE', year: 2019, value: 86 },
      { country: 'PT', year: 2019, value: 81 },
      { country: 'EU27_2020', year: 2019, value: 50 },
      { country: 'UKC-L', year: 2019, value: 56 },
    ];
    const { value, diagnostics } = buildPolicyOutcomeView(policy, series);
    expect(value.pairs.map((p) => p.country)).toEqual(['AT', 'GR', 'PT', 'SE']);
    expect(diagnostics.every((d) => d.code === 'OUTCOME_COUNTRY_CODE')).toBe(true);
    const reported = diagnostics.map((d) => `${d.file} ${d.actual}`);
    expect(reported).toEqual(expect.arrayContaining(['<policy> EU27_2020', '<policy> UKC-L', '<outcome> EU27_2020']));
  });
});
