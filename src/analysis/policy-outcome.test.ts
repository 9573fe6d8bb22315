import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ASSOCIATION_NOTE,
  buildPolicyOutcomeView,
  parsePolicyValuesCsv,
} from './policy-outcome.js';
import { averageRanks, pearsonCorrelation, spearmanCorrelation } from './correlation.js';

// A separate, deliberately naive reference implementation (textbook formulas, no shared code).
function refPearson(x: number[], y: number[]): number {
  const n = x.length;
  const sx = x.reduce((a, b) => a + b, 0);
  const sy = y.reduce((a, b) => a + b, 0);
  const sxy = x.reduce((a, xi, i) => a + xi * y[i]!, 0);
  const sxx = x.reduce((a, xi) => a + xi * xi, 0);
  const syy = y.reduce((a, yi) => a + yi * yi, 0);
  return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
}
function refRanks(v: number[]): number[] {
  return v.map((vi) => {
    const below = v.filter((w) => w < vi).length;
    const equal = v.filter((w) => w === vi).length;
    return below + (equal + 1) / 2;
  });
}
const refSpearman = (x: number[], y: number[]) => refPearson(refRanks(x), refRanks(y));

// Raw pairs: MIPEX-like policy scores and employment gaps (percentage points) for eight countries.
const RAW: [string, number, number][] = [
  ['AT', 46, -20.8],
  ['BE', 69, -19.2],
  ['DE', 58, -13.5],
  ['EL', 46, -1.9],
  ['ES', 60, -7.4],
  ['FR', 56, -17.1],
  ['PT', 81, -15.4],
  ['SE', 86, -22.2],
];

describe('correlations', () => {
  it('match the reference implementation on the raw pairs', () => {
    const x = RAW.map((r) => r[1]);
    const y = RAW.map((r) => r[2]);
    expect(pearsonCorrelation(x, y)).toBeCloseTo(refPearson(x, y), 12);
    expect(spearmanCorrelation(x, y)).toBeCloseTo(refSpearman(x, y), 12);
  });

  it('average tied ranks', () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(averageRanks([1, 1, 1])).toEqual([2, 2, 2]);
  });

  it('are undefined for fewer than three pairs or no variation', () => {
    expect(pearsonCorrelation([1, 2], [3, 4])).toBeNull();
    expect(pearsonCorrelation([1, 2, 3], [4, 4, 4])).toBeNull();
    expect(spearmanCorrelation([2, 2, 2], [1, 2, 3])).toBeNull();
  });

  const pairs = fc.array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })), { minLength: 3, maxLength: 30 });

  it('Pearson lies in [-1, 1] and agrees with the reference (property)', () => {
    fc.assert(
      fc.property(pairs, (p) => {
        const x = p.map((q) => q[0]);
        const y = p.map((q) => q[1]);
        const r = pearsonCorrelation(x, y);
        if (r === null) return;
        expect(r).toBeGreaterThanOrEqual(-1);
        expect(r).toBeLessThanOrEqual(1);
        expect(r).toBeCloseTo(refPearson(x, y), 9);
      }),
    );
  });

  it('Spearman is unchanged by strictly increasing transforms and flips under decreasing ones (property)', () => {
    fc.assert(
      fc.property(pairs, (p) => {
        const x = p.map((q) => q[0]);
        const y = p.map((q) => q[1]);
        const r = spearmanCorrelation(x, y);
        const up = spearmanCorrelation(x.map((v) => v ** 3 + 7 * v), y.map((v) => Math.exp(v / 500)));
        const down = spearmanCorrelation(x.map((v) => -v), y);
        if (r === null) {
          expect(up).toBeNull();
          return;
        }
        expect(up).toBeCloseTo(r, 12);
        expect(down).toBeCloseTo(-r, 12);
      }),
    );
  });
});

describe('buildPolicyOutcomeView', () => {
  const policy = RAW.map(([country, p]) => ({ country, year: 2019, value: p }));
  const outcome = RAW.map(([country, , o]) => ({ country: country === 'EL' ? 'GR' : country, year: 2019, value: o }));

  it('matches by normalised country and year, and labels the result as association', () => {
    const { value, diagnostics } = buildPolicyOutcomeView(policy, outcome, { policyLabel: 'MIPEX overall', outcomeLabel: 'Employment gap (pp)' });
    expect(diagnostics).toEqual([]);
    expect(value.pairs.map((p) => p.country)).toEqual(['AT', 'BE', 'DE', 'ES', 'FR', 'GR', 'PT', 'SE']);
    expect(value.pearson).toEqual({ method: 'pearson', r: expect.closeTo(refPearson(RAW.map((r) => r[1]), RAW.map((r) => r[2])), 12), n: 8 });
    expect(value.spearman.n).toBe(8);
    expect(value.interpretation).toBe(ASSOCIATION_NOTE);
    expect(value.interpretation).toMatch(/association/);
    expect(value.interpretation).toMatch(/not an effect/);
  });

  it('never joins aggregates or regions, and reports duplicates and non-finite values', () => {
    const { value, diagnostics } = buildPolicyOutcomeView(
      [...policy, { country: 'EU27_2020', year: 2019, value: 55 }, { country: 'DE1', year: 2019, value: 50 }, { country: 'AT', year: 2019, value: 1 }, { country: 'FI', year: 2019, value: Number.NaN }],
      [...outcome, { country: 'EU27_2020', year: 2019, value: -10 }, { country: 'DE1', year: 2019, value: -9 }],
    );
    expect(value.pairs).toHaveLength(8);
    expect(value.pairs.find((p) => p.country === 'AT')!.policy).toBe(46);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['OUTCOME_COUNTRY_CODE', 'OUTCOME_COUNTRY_CODE', 'OUTCOME_COUNTRY_CODE', 'OUTCOME_COUNTRY_CODE', 'OUTCOME_DUPLICATE_ROW', 'OUTCOME_NOT_A_NUMBER']);
  });

  it('applies a lag and a policy year', () => {
    const later = outcome.map((o) => ({ ...o, year: 2021 }));
    expect(buildPolicyOutcomeView(policy, later).value.pairs).toEqual([]);
    const { value } = buildPolicyOutcomeView(policy, later, { lagYears: 2, policyYear: 2019 });
    expect(value.pairs[0]).toMatchObject({ policyYear: 2019, outcomeYear: 2021 });
    expect(value.pairs).toHaveLength(8);
  });

  it('says why a correlation is undefined', () => {
    const { value } = buildPolicyOutcomeView(policy.slice(0, 2), outcome);
    expect(value.pearson).toEqual({ method: 'pearson', r: null, n: 2, reason: 'fewer than three matched countries' });
  });
});

describe('parsePolicyValuesCsv', () => {
  it('reads country, year and value with positions for problems', () => {
    const { value, diagnostics } = parsePolicyValuesCsv('Country,Year,Value\nAT,2019,46\nSE,2019,high\nPT,19,81\nFI,2019,\n', 'p.csv');
    expect(value).toEqual([{ country: 'AT', year: 2019, value: 46 }]);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['OUTCOME_NOT_A_NUMBER', 3, 9],
      ['OUTCOME_NOT_A_NUMBER', 4, 4],
    ]);
    expect(parsePolicyValuesCsv('country,value\n').diagnostics.map((d) => d.code)).toEqual(['CSV_MISSING_COLUMN']);
  });
});
