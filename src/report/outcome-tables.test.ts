import { describe, expect, it } from 'vitest';
import { computeOutcomeGaps, computeOutcomeTrendRows, validateOutcomeFiles } from '../outcomes/index.js';
import { renderOutcomeGapsCsv, renderOutcomeGapsJson, renderOutcomeGapsText, renderOutcomeTrends, renderOutcomeValidationSummary } from './outcome-tables.js';

const HEAD = 'country,year,indicator,cohort,value\n';

describe('outcome tables', () => {
  const files = [{ name: 'a.csv', text: `${HEAD}AT,2019,employment-rate,native,76.1\nAT,2019,employment-rate,non-eu-born,"60,2"\nAT,2019,employment-rate,eu-born,70\n` }];

  it('the validation summary names each file with its layout and counts', () => {
    const { summary } = validateOutcomeFiles(files);
    expect(renderOutcomeValidationSummary(summary)).toContain('a.csv: csv (layout policy-index-long), 3 records, 3 values');
  });

  it('gaps render as text, CSV and JSON', () => {
    const result = computeOutcomeGaps(files);
    expect(renderOutcomeGapsCsv(result.rows)).toBe(
      'country,year,indicator,gap,cohort,reference,cohort_value,reference_value,value,unit,cohort_disadvantaged,status\nAT,2019,employment-rate,eu-born-vs-native,eu-born,native,70.0,76.1,-6.1,pp,true,valid\n',
    );
    const text = renderOutcomeGapsText(result.rows).split('\n');
    expect(text[0]).toMatch(/^country\s+year\s+indicator/);
    expect(text[2]).toContain('-6.1');
    expect(JSON.parse(renderOutcomeGapsJson(result))).toMatchObject({ rows: [{ value: '-6.1' }], missing: expect.any(Array), summary: { invalid: 1 } });
  });

  it('trend rows render in all formats', () => {
    const { rows } = computeOutcomeTrendRows([{ name: 'a.csv', text: `${HEAD}AT,2015,employment-rate,native,74\nAT,2019,employment-rate,native,76.5\n` }], { series: 'cohort' });
    expect(renderOutcomeTrends(rows, 'csv').split('\n')[1]).toBe('AT,employment-rate,cohort,native,2015,2019,2,74.0,76.5,2.5,0.625,percent');
    expect(JSON.parse(renderOutcomeTrends(rows, 'json')).rows).toHaveLength(1);
    expect(renderOutcomeTrends(rows, 'text')).toContain('0.625');
  });
});
