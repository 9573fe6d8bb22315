import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  computeGaps,
  computeOutcomeGaps,
  computeOutcomeTrendRows,
  computeTrends,
  gapSeries,
  loadOutcomeData,
  parseOutcomeFramework,
  validateOutcomeFiles,
  ZARAGOZA_FRAMEWORK_YAML,
} from './index.js';

const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
const HEAD = 'country,year,indicator,cohort,value\n';
const dataset = (csv: string) => loadOutcomeData([{ name: 'a.csv', text: HEAD + csv }], framework).value!;

describe('computeGaps', () => {
  it('recomputes percentage-point gaps exactly and rounds half away from zero', () => {
    // 0.1 + 0.2-style binary noise must not leak: 60.25 − 76.1 = −15.85 exactly → −15.9.
    const data = dataset('AT,2019,employment-rate,native,76.1\nAT,2019,employment-rate,non-eu-born,60.25\nAT,2019,employment-rate,eu-born,76.15\n');
    const { value } = computeGaps(framework, data, { gaps: ['non-eu-born-vs-native', 'eu-born-vs-native'] });
    expect(value.kind).toBe('outcome-gap-table');
    expect(value.rows.map((r) => [r.gap, r.value, r.valueNumber, r.unit, r.cohortValue, r.referenceValue, r.cohortDisadvantaged])).toEqual([
      ['eu-born-vs-native', '0.1', 0.1, 'pp', '76.2', '76.1', false],
      ['non-eu-born-vs-native', '-15.9', -15.9, 'pp', '60.3', '76.1', true],
    ]);
    expect(76.15 - 76.1).not.toBe(0.05); // the float result is noisy; the decimal one is not
  });

  it('reads direction: a positive gap is a disadvantage when lower is better', () => {
    const data = dataset('AT,2019,poverty-rate,native,13.2\nAT,2019,poverty-rate,non-eu-born,38.5\n');
    const row = computeGaps(framework, data, { gaps: ['non-eu-born-vs-native'] }).value.rows[0]!;
    expect([row.value, row.cohortDisadvantaged, row.direction]).toEqual(['25.3', true, 'lower-is-better']);
  });

  it('computes declared ratios at their precision and refuses a zero reference', () => {
    const data = dataset('AT,2019,median-net-income,native,24000\nAT,2019,median-net-income,non-eu-born,17000\nBE,2019,median-net-income,native,0\nBE,2019,median-net-income,non-eu-born,10\n');
    const { value, diagnostics } = computeGaps(framework, data, { gaps: ['non-eu-born-to-native'] });
    expect(value.rows.map((r) => [r.country, r.value, r.unit])).toEqual([['AT', '0.708', 'ratio']]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['OUTCOME_GAP_UNDEFINED', 4]]);
  });

  it('reports missing cohorts per country and gap, naming the years, and never guesses', () => {
    const data = dataset('AT,2017,employment-rate,native,75\nAT,2018,employment-rate,native,75\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n');
    const { value, diagnostics } = computeGaps(framework, data, { gaps: ['non-eu-born-vs-native'] });
    expect(value.rows).toHaveLength(1);
    expect(value.missing).toEqual([
      { country: 'AT', year: 2017, indicator: 'employment-rate', gap: 'non-eu-born-vs-native', missing: ['non-eu-born'] },
      { country: 'AT', year: 2018, indicator: 'employment-rate', gap: 'non-eu-born-vs-native', missing: ['non-eu-born'] },
    ]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'OUTCOME_MISSING_COHORT', severity: 'info', line: 2, message: expect.stringContaining('2017–2018') })]);
  });

  it('leaves aggregates, regions and invalid values out unless asked', () => {
    const data = dataset('EU27_2020,2019,employment-rate,native,73\nEU27_2020,2019,employment-rate,non-eu-born,60\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,160\n');
    expect(computeGaps(framework, data).value.rows).toEqual([]);
    expect(computeGaps(framework, data, { include: ['aggregate'], gaps: ['non-eu-born-vs-native'] }).value.rows.map((r) => [r.country, r.value])).toEqual([['EU27_2020', '-13.0']]);
    expect(computeGaps(framework, data, { keepInvalid: true, gaps: ['non-eu-born-vs-native'] }).value.rows.map((r) => [r.country, r.value, r.status])).toEqual([['AT', '84.0', 'invalid']]);
  });

  it('matches an independent difference for random values (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (a, b) => {
        const data = dataset(`AT,2019,employment-rate,native,${a / 10}\nAT,2019,employment-rate,non-eu-born,${b / 10}\n`);
        const row = computeGaps(framework, data, { gaps: ['non-eu-born-vs-native'] }).value.rows[0]!;
        const tenths = b - a; // exact in integer tenths
        expect(row.value).toBe(`${tenths < 0 ? '-' : ''}${Math.floor(Math.abs(tenths) / 10)}.${Math.abs(tenths) % 10}`);
      }),
      { numRuns: 60 },
    );
  });

  it('gives gap series for plotting', () => {
    const data = dataset('AT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n');
    expect(gapSeries(computeGaps(framework, data).value, 'employment-rate', 'non-eu-born-vs-native')).toEqual([{ country: 'AT', year: 2019, value: -16 }]);
  });
});

describe('computeTrends', () => {
  it('reports change and change per year of cohort values and gaps', () => {
    const data = dataset(
      'AT,2015,employment-rate,native,74\nAT,2015,employment-rate,non-eu-born,58\nAT,2017,employment-rate,native,75\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,63\nBE,2019,employment-rate,native,70\n',
    );
    const { value } = computeTrends(framework, data, { gaps: ['non-eu-born-vs-native'] });
    expect(value.rows.map((r) => [r.country, r.series, r.id, r.firstYear, r.lastYear, r.points, r.firstValue, r.lastValue, r.change, r.changePerYear])).toEqual([
      ['AT', 'cohort', 'native', 2015, 2019, 3, '74.0', '76.0', '2.0', '0.500'],
      ['AT', 'cohort', 'non-eu-born', 2015, 2019, 2, '58.0', '63.0', '5.0', '1.250'],
      ['AT', 'gap', 'non-eu-born-vs-native', 2015, 2019, 2, '-16.0', '-13.0', '3.0', '0.750'],
    ]);
    expect(computeTrends(framework, data, { fromYear: 2017, series: 'cohort' }).value.rows.map((r) => [r.id, r.change])).toEqual([['native', '1.0']]);
  });
});

describe('command cores', () => {
  const files = [{ name: 'a.csv', text: `${HEAD}AT,2019,employment-rate,native,76.1\nAT,2019,employment-rate,non-eu-born,"60,2"\nAT,2019,employment-rate,eu-born,70\n` }];

  it('validate returns diagnostics and a summary', () => {
    const { ok, diagnostics, summary } = validateOutcomeFiles(files);
    expect(ok).toBe(false);
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([['OUTCOME_NOT_A_NUMBER', 'a.csv', 3, 37]]);
    expect(summary).toMatchObject({ framework: { id: 'zaragoza', version: '1.0.0' }, valid: 2, invalid: 1, errors: 1 });
  });

  it('validate reports framework errors instead of data errors', () => {
    const { ok, diagnostics } = validateOutcomeFiles(files, 'schemaVersion: 1\nid: x\n', { frameworkFile: 'x.yaml' });
    expect(ok).toBe(false);
    expect(diagnostics.every((d) => d.file === 'x.yaml')).toBe(true);
  });

  it('gaps keep the exact decimal text of their rows', () => {
    const result = computeOutcomeGaps(files);
    expect(result.rows.map((r) => [r.gap, r.value])).toEqual([['eu-born-vs-native', '-6.1']]);
  });

  it('trend rows give the change between the first and last year', () => {
    const { rows } = computeOutcomeTrendRows([{ name: 'a.csv', text: `${HEAD}AT,2015,employment-rate,native,74\nAT,2019,employment-rate,native,76.5\n` }], { series: 'cohort' });
    expect(rows.map((r) => r.change)).toEqual(['2.5']);
  });
});
