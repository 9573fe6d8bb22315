/**
 * Large generated outcome files (many duplicates, impossible values, unit breaks, shares, two
 * files of the same name) against a plain reference of the rules (test/reference-outcomes.ts):
 * the same diagnostics in the same order, the same statuses and problems, the same summary.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadOutcomeData, parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML, type OutcomeFramework } from '../src/index.js';
import { referenceOutcomeLoad, type RefFile } from './reference-outcomes.js';
import { rng } from './fuzz/fuzz.js';

const framework: OutcomeFramework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
const COUNTRIES = ['AT', 'BE', 'DE', 'FR', 'IT', 'PT', 'SE', 'EL', 'EU27_2020'];
const INDICATORS = ['employment-rate', 'poverty-rate', 'median-net-income'];
const METRICS = ['Poverty_Rate', 'Highly_Educated_Employment_Rate', 'Temporary_Contract_Rate'];
const CROSS = new Set(['OUTCOME_DUPLICATE_ROW', 'OUTCOME_UNIT_BREAK', 'OUTCOME_UNIT_MISMATCH']);

function generate(seed: number): RefFile[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const value = (wrongUnit: number): string => (r() < 0.02 ? 'x' : r() < wrongUnit ? String(Math.round(r() * 900 + 101) * 10) : (Math.round(r() * 1000) / 10).toString());
  const cohortsOf = (indicator: string): readonly string[] => framework.indicators.find((x) => x.id === indicator)!.cohorts;
  // Random rows: many duplicates, and in one year most values in a wrong unit.
  const long = (rows: number, from: number, years: number): string => {
    const out = ['country,year,indicator,cohort,value'];
    const broken = from + Math.floor(r() * years);
    for (let i = 0; i < rows; i++) {
      const indicator = pick(INDICATORS);
      const year = from + Math.floor(r() * years);
      out.push(`${pick(COUNTRIES)},${year},${indicator},${pick(cohortsOf(indicator))},${value(year === broken ? 0.7 : 0.03)}`);
    }
    return out.join('\n');
  };
  // Every country, year, indicator and cohort once (a few twice): unit breaks show.
  const grid = (from: number): string => {
    const out = ['country,year,indicator,cohort,value'];
    const broken = from + Math.floor(r() * 4);
    for (const indicator of INDICATORS) for (let year = from; year < from + 4; year++) for (const country of COUNTRIES) for (const cohort of cohortsOf(indicator)) {
      const row = `${country},${year},${indicator},${cohort},${value(year === broken ? 0.6 : 0.05)}`;
      out.push(row);
      if (r() < 0.05) out.push(r() < 0.5 ? row : `${country},${year},${indicator},${cohort},${value(0.1)}`);
    }
    return out.join('\n');
  };
  // One row per country, year and metric (a few twice); an impossible value takes its row out.
  const wide = (from: number): string => {
    const out = ['Year,Country,EU_Migrant,Extra_EU_Migrant,Native,Total_Migrant,Metric'];
    const broken = from + Math.floor(r() * 4);
    for (const metric of METRICS) for (let year = from; year < from + 4; year++) for (const country of COUNTRIES) {
      for (let k = r() < 0.1 ? 2 : 1; k > 0; k--) {
        const cells = Array.from({ length: 4 }, () => (r() < 0.1 ? '' : value(year === broken ? 0.5 : 0.05)));
        out.push(`${year},${country},${cells.join(',')},${metric}`);
      }
    }
    return out.join('\n');
  };
  // Cohort values adding up to 100 in most country-years.
  const shares = (from: number): string => {
    const out = ['country,year,indicator,cohort,value'];
    for (const c of COUNTRIES) {
      for (let y = from; y < from + 6; y++) {
        const v = Math.round(r() * 1000) / 10;
        out.push(`${c},${y},employment-rate,native,${v}`, `${c},${y},employment-rate,foreign-born,${r() < 0.95 ? Math.round((100 - v) * 10) / 10 : v}`);
        if (r() < 0.05) out.push(`${c},${y},employment-rate,eu-born,${value(0.3)}`);
      }
    }
    return out.join('\n');
  };
  // A few countries, some years with exactly three of them in a wrong unit.
  const few = (from: number): string => {
    const out = ['country,year,indicator,cohort,value'];
    const countries = COUNTRIES.slice(0, 3 + Math.floor(r() * 4));
    for (let year = from; year < from + 6; year++) {
      const wrong = Math.floor(r() * (countries.length + 1));
      countries.forEach((c, i) => out.push(`${c},${year},poverty-rate,native,${i < wrong ? 5000 : 20}`));
    }
    return out.join('\n');
  };
  return [
    { name: 'd.csv', text: few(2040), layout: 'long' },
    // Shares in two files of one name: rows of both start on the same lines.
    { name: 'e.csv', text: shares(1970), layout: 'long' },
    { name: 'e.csv', text: shares(1960), layout: 'long' },
    { name: 'a.csv', text: long(2500 + Math.floor(r() * 2000), 2000, 4), layout: 'long' },
    // The same name: its lines are the same records as a.csv's.
    { name: 'a.csv', text: long(400, 2000, 6), layout: 'long' },
    { name: 'w.csv', text: wide(2020), layout: 'wide' },
    { name: 's.csv', text: shares(1990), layout: 'long' },
    { name: 'b.csv', text: grid(2010), layout: 'long' },
    { name: 'c.csv', text: r() < 0.5 ? shares(1980) : grid(2030), layout: 'long' },
  ];
}

describe('loadOutcomeData on large generated files, against a plain reference', () => {
  it('gives the same diagnostics, observations and summary', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const files = generate(seed);
        const got = loadOutcomeData(files.map(({ name, text }) => ({ name, text })), framework);
        const want = referenceOutcomeLoad(files, framework);
        const view = got.diagnostics.map((d) => ({ code: d.code, file: d.file, line: d.line, column: d.column, ...(CROSS.has(d.code) || d.message.includes(' not listed;') ? { message: d.message } : {}) }));
        expect(view).toEqual(want.diagnostics);
        expect(got.value!.observations).toEqual(want.observations.map(({ record: _record, ...o }) => o));
        expect(got.summary).toMatchObject(want.summary);
      }),
      { numRuns: 12 },
    );
  });

  it('lists the first 1,000 duplicates of a file and counts every other one', () => {
    const row = 'AT,2019,employment-rate,native,60';
    const text = ['country,year,indicator,cohort,value', ...Array.from({ length: 2_501 }, () => row)].join('\n');
    const { diagnostics, summary } = loadOutcomeData([{ name: 'a.csv', text }, { name: 'b.csv', text }], framework);
    const a = diagnostics.filter((d) => d.file === 'a.csv');
    const b = diagnostics.filter((d) => d.file === 'b.csv');
    expect(a).toHaveLength(1_001);
    expect(a[1_000]).toMatchObject({ code: 'OUTCOME_DUPLICATE_ROW', line: 1_003, column: 32, message: '1500 more OUTCOME_DUPLICATE_ROW problems in this file are not listed; the first 1000 are.' });
    // Every row of b.csv repeats a.csv's value: 1,000 listed from line 2, 1,501 counted.
    expect(b[0]).toMatchObject({ line: 2, hint: 'The first is at a.csv:2.' });
    expect(b[1_000]).toMatchObject({ line: 1_002, message: '1501 more OUTCOME_DUPLICATE_ROW problems in this file are not listed; the first 1000 are.' });
    expect(summary).toMatchObject({ observations: 5_002, valid: 1, invalid: 5_001 });
  });
});
