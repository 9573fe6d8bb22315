import { describe, expect, it } from 'vitest';
import { loadOutcomeData, parseOutcomeFramework, selectOutcomeObservations, ZARAGOZA_FRAMEWORK_YAML, type OutcomeFramework } from './index.js';

const framework: OutcomeFramework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
const HEAD = 'country,year,indicator,cohort,value\n';
const load = (name: string, text: string, options = {}) => loadOutcomeData([{ name, text }], framework, options);
const brief = (name: string, text: string) => load(name, text).diagnostics.map((d) => [d.code, d.line, d.column]);

describe('loadOutcomeData — long CSV', () => {
  it('reads valid rows and normalises country codes', () => {
    const { value, diagnostics, summary } = load('a.csv', `${HEAD}EL,2019,employment-rate,native,60.1\nUK,2019,employment-rate,native,78\n`);
    expect(diagnostics).toEqual([]);
    expect(value!.kind).toBe('outcome-dataset');
    expect(value!.observations.map((o) => [o.country, o.originalCountry, o.value, o.text, o.status, o.line, o.column])).toEqual([
      ['GR', 'EL', 60.1, '60.1', 'valid', 2, 32],
      ['GB', 'UK', 78, '78', 'valid', 3, 32],
    ]);
    expect(summary).toMatchObject({ observations: 2, valid: 2, files: [{ name: 'a.csv', format: 'csv', layout: 'policy-index-long', records: 2 }] });
  });

  it('reports unknown indicators and cohorts by line and column, with hints', () => {
    const d = load('a.csv', `${HEAD}AT,2019,employment-rat,native,60\nAT,2019,employment-rate,martian,60\nAT,2019,naturalisation-rate,native,3\n`).diagnostics;
    expect(d.map((x) => [x.code, x.line, x.column])).toEqual([
      ['OUTCOME_UNKNOWN_INDICATOR', 2, 9],
      ['OUTCOME_UNKNOWN_COHORT', 3, 25],
      ['OUTCOME_UNKNOWN_COHORT', 4, 36],
    ]);
    expect(d[0]!.hint).toBe('Did you mean "employment-rate"?');
  });

  it('reports non-numbers, bad years and impossible values; skips empty and ":" cells', () => {
    const text = `${HEAD}AT,2019,employment-rate,native,6O\nAT,20x9,employment-rate,native,60\nAT,2019,employment-rate,non-eu-born,100.5\nAT,2019,employment-rate,eu-born,-1\nAT,2019,employment-rate,foreign-born,:\nAT,2018,employment-rate,foreign-born,\n`;
    expect(brief('a.csv', text)).toEqual([
      ['OUTCOME_NOT_A_NUMBER', 2, 32],
      ['OUTCOME_NOT_A_NUMBER', 3, 4],
      ['OUTCOME_IMPOSSIBLE_VALUE', 4, 37],
      ['OUTCOME_IMPOSSIBLE_VALUE', 5, 33],
    ]);
    const { value, summary } = load('a.csv', text);
    expect(value!.observations.map((o) => o.status)).toEqual(['invalid', 'invalid', 'invalid']);
    expect(summary.rejectedRecords).toBe(1);
  });

  it('checks per-100k and ratio units', () => {
    expect(brief('a.csv', `${HEAD}AT,2019,incarceration-rate,nationals,100001\nAT,2019,median-net-income,native,-5\n`).map((d) => d[0])).toEqual(['OUTCOME_IMPOSSIBLE_VALUE', 'OUTCOME_IMPOSSIBLE_VALUE']);
  });

  it('reports duplicate rows (also across aliases and files) and keeps them out', () => {
    const a = `${HEAD}GR,2019,employment-rate,native,60\nEL,2019,employment-rate,native,61\n`;
    const { value, diagnostics } = loadOutcomeData([{ name: 'a.csv', text: a }, { name: 'b.csv', text: `${HEAD}GR,2019,employment-rate,native,60\n` }], framework);
    expect(diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['OUTCOME_DUPLICATE_ROW', 'a.csv', 3],
      ['OUTCOME_DUPLICATE_ROW', 'b.csv', 2],
    ]);
    expect(selectOutcomeObservations(value!)).toEqual([]);
    expect(selectOutcomeObservations(value!, { keepInvalid: true })).toHaveLength(3);
  });

  it('keeps aggregates and regions apart, with one note per code', () => {
    const text = `${HEAD}EU27_2020,2019,employment-rate,native,73\nEU27_2020,2018,employment-rate,native,72\nUKC-L,2019,employment-rate,native,75\nZZ,2019,employment-rate,native,70\nAT,2019,employment-rate,native,76\n`;
    const { value, diagnostics } = load('a.csv', text);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line, d.actual])).toEqual([
      ['OUTCOME_COUNTRY_CODE', 'info', 2, 'EU27_2020'],
      ['OUTCOME_COUNTRY_CODE', 'info', 4, 'UKC-L'],
      ['OUTCOME_COUNTRY_CODE', 'warning', 5, 'ZZ'],
    ]);
    expect(value!.observations.map((o) => o.countryKind)).toEqual(['aggregate', 'aggregate', 'region', 'unknown', 'country']);
    expect(selectOutcomeObservations(value!).map((o) => o.country)).toEqual(['AT']);
    expect(selectOutcomeObservations(value!, { include: ['aggregate'] }).map((o) => o.country)).toEqual(['EU27_2020', 'EU27_2020']);
  });

  it('reports a header that fits no layout, and missing columns of a forced layout', () => {
    expect(brief('a.csv', 'land,jahr,wert\nAT,2019,3\n')).toEqual([['OUTCOME_NO_LAYOUT', 1, 1]]);
    expect(load('a.csv', 'Country,Year,Metric\n', { layout: 'eurostat-long' }).diagnostics.map((d) => [d.code, d.expected])).toEqual([
      ['CSV_MISSING_COLUMN', 'Cohort'],
      ['CSV_MISSING_COLUMN', 'Value'],
    ]);
  });

  it('passes CSV syntax errors through and skips the broken record', () => {
    const { diagnostics, summary } = load('a.csv', `${HEAD}AT,2019,employment-rate,native\nAT,2019,employment-rate,native,70\n`);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['CSV_SYNTAX', 2]]);
    expect(summary.valid).toBe(1);
  });
});

describe('loadOutcomeData — wide CSV', () => {
  const WIDE = 'Year,Country,EU_Migrant,Extra_EU_Migrant,Native,Gap_ExtraEU_vs_Native_PP,Metric,Ratio_Foreign_vs_Native\n';

  it('maps cohort columns, ignores the file gap columns and skips empty cells', () => {
    const { value, diagnostics, summary } = load('w.csv', `${WIDE}2019,AT,82.1,65.9,86.7,999,Highly_Educated_Employment_Rate,\n2019,BE,,60,80,,Temporary_Contract_Rate,\n`);
    expect(diagnostics).toEqual([]);
    expect(summary.files[0]!.layout).toBe('eurostat-wide');
    expect(value!.observations.map((o) => [o.country, o.indicator, o.cohort, o.text, o.line, o.column])).toEqual([
      ['AT', 'highly-educated-employment-rate', 'native', '86.7', 2, 19],
      ['AT', 'highly-educated-employment-rate', 'eu-born', '82.1', 2, 9],
      ['AT', 'highly-educated-employment-rate', 'non-eu-born', '65.9', 2, 14],
      ['BE', 'temporary-contract-rate', 'native', '80', 3, 13],
      ['BE', 'temporary-contract-rate', 'non-eu-born', '60', 3, 10],
    ]);
  });

  it('warns about columns the layout does not know', () => {
    expect(brief('w.csv', 'Year,Country,Native,Extra_EU_Migrant,Metric,Remark\n')).toEqual([['OUTCOME_UNKNOWN_COLUMN', 1, 45]]);
  });

  it('flags indicators whose cohort values add up to 100 as shares (unit mismatch)', () => {
    const rows = ['AT', 'BE', 'DE', 'DK', 'FR', 'IT'].map((c, i) => `2019,${c},,${30 + i},${70 - i},,Incarceration_Rate_Per_100k,`).join('\n');
    const { value, diagnostics } = load('w.csv', `${WIDE}${rows}\n`);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['OUTCOME_UNIT_MISMATCH', 'warning', 2]]);
    expect(value!.observations.every((o) => o.status === 'suspect')).toBe(true);
    expect(selectOutcomeObservations(value!)).toEqual([]);
  });

  it('treats the possible-looking rows of a year whose rows are mostly impossible as a unit break', () => {
    const impossible = ['AT', 'BE', 'DE', 'ES'].map((c) => `2016,${c},70,90,400,,Poverty_Rate,`);
    const text = `${WIDE}${impossible.join('\n')}\n2016,MT,14.9,20.9,33.1,,Poverty_Rate,\n2016,EU,28.1,47.9,22.5,,Poverty_Rate,\n2015,MT,18.3,30.5,21.6,,Poverty_Rate,\n`;
    const { value, diagnostics } = load('w.csv', text);
    expect(diagnostics.filter((d) => d.code !== 'OUTCOME_COUNTRY_CODE').map((d) => [d.code, d.line])).toEqual([
      ['OUTCOME_IMPOSSIBLE_VALUE', 2],
      ['OUTCOME_IMPOSSIBLE_VALUE', 3],
      ['OUTCOME_IMPOSSIBLE_VALUE', 4],
      ['OUTCOME_IMPOSSIBLE_VALUE', 5],
      ['OUTCOME_UNIT_BREAK', 6],
    ]);
    // The aggregate row (EU) and the other year are untouched.
    expect(value!.observations.filter((o) => o.status === 'valid').map((o) => `${o.country} ${o.year}`)).toEqual(['EU 2016', 'EU 2016', 'EU 2016', 'MT 2015', 'MT 2015', 'MT 2015']);
  });
});

describe('loadOutcomeData — YAML', () => {
  it('reads grouped and single values with positions', () => {
    const text = `schemaVersion: 1
framework: zaragoza
observations:
  - { country: AT, year: 2019, indicator: employment-rate, values: { native: 76.1, non-eu-born: "60.20" } }
  - country: SE
    year: 2019
    indicator: employment-rate
    cohort: native
    value: 140
`;
    const { value, diagnostics } = load('d.yaml', text);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['OUTCOME_IMPOSSIBLE_VALUE', 9, 12]]);
    expect(value!.observations.map((o) => [o.country, o.cohort, o.text, o.line, o.column, o.status])).toEqual([
      ['AT', 'native', '76.1', 4, 78, 'valid'],
      ['AT', 'non-eu-born', '60.20', 4, 97, 'valid'],
      ['SE', 'native', '140', 9, 12, 'invalid'],
    ]);
  });

  it('reports schema problems of entries and unknown cohorts with positions', () => {
    const text = `observations:
  - { country: AT, year: 2019, indicator: employment-rate, values: { natives: 70 } }
  - { country: AT, year: 2019, indicator: employment-rate, cohort: native }
  - { country: AT, yaer: 2019, indicator: employment-rate, cohort: native, value: 3 }
framework: other
`;
    const d = load('d.yaml', text).diagnostics;
    const sorted = [...d].sort((a, b) => a.line! - b.line! || b.column! - a.column!);
    expect(sorted.map((x) => [x.code, x.line, x.column])).toEqual([
      ['OUTCOME_UNKNOWN_COHORT', 2, 70],
      ['SCHEMA_INVALID_VALUE', 3, 5],
      ['SCHEMA_UNKNOWN_FIELD', 4, 20],
      ['SCHEMA_MISSING_FIELD', 4, 5],
      ['OUTCOME_FRAMEWORK_REFERENCE', 5, 12],
    ]);
    expect(sorted[0]!.hint).toBe('Did you mean "native"?');
  });
});
