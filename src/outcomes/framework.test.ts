import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectOutcomeLayout, parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML, OUTCOME_AREAS } from './index.js';

const MINIMAL = `schemaVersion: 1
id: demo
version: 1.0.0
title: Demo
cohorts:
  - { id: native, title: Native-born }
  - { id: non-eu-born, title: Born outside the EU }
indicators:
  - id: employment-rate
    area: employment
    title: Employment rate
    definition: Share employed.
    unit: percent
    direction: higher-is-better
    cohorts: [native, non-eu-born]
    gaps:
      - { id: gap, kind: difference-pp, cohort: non-eu-born, reference: native }
    source: { publisher: Eurostat }
`;

const codes = (text: string) => parseOutcomeFramework(text, 'f.yaml').diagnostics.map((d) => [d.code, d.line, d.column]);

describe('the shipped Zaragoza framework', () => {
  const { value, diagnostics } = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML, 'zaragoza.yaml');

  it('is the text of rubrics/outcomes/zaragoza.yaml, imported as text, and valid', () => {
    expect(readFileSync(new URL('../../rubrics/outcomes/zaragoza.yaml', import.meta.url), 'utf8')).toBe(ZARAGOZA_FRAMEWORK_YAML);
    expect(diagnostics).toEqual([]);
  });

  it('covers the four areas with the common core indicators and the panel series', () => {
    const ids = value!.indicators.map((i) => i.id);
    for (const id of [
      'employment-rate', 'unemployment-rate', 'activity-rate',
      'low-educational-attainment', 'low-achievers-15', 'tertiary-attainment-30-34', 'early-leavers',
      'median-net-income', 'at-risk-of-poverty-rate', 'self-perceived-health', 'property-ownership',
      'naturalisation-rate', 'long-term-residence-share', 'elected-representatives',
      'highly-educated-employment-rate', 'temporary-contract-rate', 'incarceration-rate', 'poverty-rate',
    ]) expect(ids).toContain(id);
    expect(new Set(value!.indicators.map((i) => i.area))).toEqual(new Set(OUTCOME_AREAS));
    const tables = Object.fromEntries(value!.indicators.map((i) => [i.id, i.source.table]));
    expect(tables).toMatchObject({ 'highly-educated-employment-rate': 'lfsa_ergaedn', 'temporary-contract-rate': 'lfsa_etpgan', 'incarceration-rate': 'crim_pris_ctz', 'poverty-rate': 'ilc_peps05' });
  });

  it('detects the layout of both shared files from their headers', () => {
    expect(detectOutcomeLayout(value!, ['Year', 'Country', 'Cohort', 'Value', 'Metric']).layout?.id).toBe('eurostat-long');
    expect(detectOutcomeLayout(value!, ['Year', 'Country', 'EU_Migrant', 'Extra_EU_Migrant', 'Native', 'Gap_ExtraEU_vs_Native_PP', 'Metric', 'Ratio_Foreign_vs_Native']).layout?.id).toBe('eurostat-wide');
    expect(detectOutcomeLayout(value!, ['country', 'year', 'indicator', 'cohort', 'value']).layout?.id).toBe('policy-index-long');
    const none = detectOutcomeLayout(value!, ['Land', 'Jahr']);
    expect(none.layout).toBeUndefined();
    expect(none.fits[0]!.missing.length).toBeGreaterThan(0);
  });
});

describe('parseOutcomeFramework', () => {
  it('accepts a minimal framework and fills in defaults', () => {
    const { value, diagnostics } = parseOutcomeFramework(MINIMAL);
    expect(diagnostics).toEqual([]);
    expect(value!.indicators[0]).toMatchObject({ range: { min: 0, max: 100 }, precision: 1, gaps: [{ precision: 1, title: 'non-eu-born − native' }] });
    expect(value!.layouts.map((l) => l.id)).toEqual(['policy-index-long']);
  });

  it('reports an unknown field at the key, with a suggestion', () => {
    const { diagnostics } = parseOutcomeFramework(MINIMAL.replace('    direction:', '    directon:'), 'f.yaml');
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SCHEMA_UNKNOWN_FIELD', file: 'f.yaml', line: 14, column: 5, hint: 'Did you mean "direction"?' }));
  });

  it('reports a missing field, a wrong type and a value not allowed, with positions', () => {
    expect(codes(MINIMAL.replace('title: Demo\n', ''))).toContainEqual(['SCHEMA_MISSING_FIELD', 1, 1]);
    expect(codes(MINIMAL.replace('unit: percent', 'unit: [percent]'))).toEqual([['SCHEMA_INVALID_VALUE', 13, 11]]);
    expect(codes(MINIMAL.replace('unit: percent', 'unit: percentage'))).toEqual([['SCHEMA_INVALID_VALUE', 13, 11]]);
    expect(codes(MINIMAL.replace('area: employment', 'area: 3'))).toEqual([['SCHEMA_INVALID_VALUE', 10, 11]]);
    expect(codes(MINIMAL.replace('title: Demo', 'title: 42'))).toEqual([['SCHEMA_INVALID_TYPE', 4, 8]]);
    expect(codes(MINIMAL.replace('schemaVersion: 1', 'schemaVersion: 2'))).toEqual([['SCHEMA_VERSION_UNSUPPORTED', 1, 16]]);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(codes('id: [unclosed\n')[0]![0]).toBe('YAML_SYNTAX');
  });

  it('checks cross references: cohorts, gaps, units, ranges, layouts', () => {
    expect(codes(MINIMAL.replace('cohorts: [native, non-eu-born]', 'cohorts: [native, martian]'))).toEqual([
      ['OUTCOME_FRAMEWORK_REFERENCE', 15, 23],
      ['OUTCOME_FRAMEWORK_REFERENCE', 17, 49],
    ]);
    expect(codes(MINIMAL.replace('unit: percent', 'unit: count'))).toEqual([['OUTCOME_FRAMEWORK_REFERENCE', 17, 26]]);
    expect(codes(MINIMAL.replace('unit: percent', 'unit: percent\n    range: { min: 0, max: 120 }'))).toEqual([['OUTCOME_FRAMEWORK_REFERENCE', 14, 27]]);
    expect(codes(MINIMAL.replace('reference: native', 'reference: non-eu-born'))).toEqual([['OUTCOME_FRAMEWORK_REFERENCE', 17, 73]]);
    expect(codes(MINIMAL.replace('  - { id: non-eu-born, title: Born outside the EU }', '  - { id: non-eu-born, title: Born outside the EU }\n  - { id: native, title: Again }'))).toContainEqual(['OUTCOME_FRAMEWORK_REFERENCE', 8, 11]);
    const layout = `${MINIMAL}layouts:\n  - id: w\n    format: wide\n    columns: { country: C, year: Y }\n    cohortColumns: { N: native, M: moon-born }\n`;
    expect(codes(layout)).toEqual([
      ['OUTCOME_FRAMEWORK_REFERENCE', 22, 14],
      ['OUTCOME_FRAMEWORK_REFERENCE', 23, 36],
    ]);
  });

  it('narrows the range when the framework says so', () => {
    const { value } = parseOutcomeFramework(MINIMAL.replace('unit: percent', 'unit: percent\n    range: { min: 10, max: 90 }'));
    expect(value!.indicators[0]!.range).toEqual({ min: 10, max: 90 });
  });
});
