/**
 * The policy–outcome view: policy values (any policy score the caller picks) beside one
 * outcome gap series, matched by country and year, with Pearson and Spearman correlations
 * (rendered as an SVG scatter plot and as text by `report/policy-outcome.ts`). Correlations across countries describe an
 * association; they say nothing about the effect of a policy.
 *
 * Only real countries are matched: aggregates (EU27_2020, EA19 …), regions and unknown codes
 * are left out on both sides. Pure functions, no file system.
 *
 * @module
 */
import type { Diagnostic } from '../diagnostics/index.js';
import { parseCsv } from '../source/csv.js';
import { normaliseCountryCode } from '../units/countries.js';
import { pearsonCorrelation, spearmanCorrelation } from './correlation.js';

import { byCodePoint } from '../text/order.js';

/** One policy value of one country and year (e.g. a MIPEX overall or area score). */
export interface PolicyValue {
  country: string;
  year: number;
  value: number;
}

/** One point of an outcome gap series (see `gapSeries` in the outcomes module). */
export interface OutcomeSeriesPoint {
  country: string;
  year: number;
  value: number;
}

/** Options for {@link buildPolicyOutcomeView}. */
export interface PolicyOutcomeOptions {
  /** Outcome year = policy year + lagYears (default 0: same year). */
  lagYears?: number;
  /** Only pairs whose policy year is this year. */
  policyYear?: number;
  /** Axis label of the policy values (default `Policy score`). */
  policyLabel?: string;
  /** Axis label of the outcome series (default `Outcome gap`). */
  outcomeLabel?: string;
}

/** One matched country-year. */
export interface PolicyOutcomePair {
  country: string;
  countryName?: string;
  policyYear: number;
  outcomeYear: number;
  policy: number;
  outcome: number;
}

/** A correlation coefficient with its sample size; `r` is null when it is undefined (n < 3 or no variation). */
export interface CorrelationResult {
  method: 'pearson' | 'spearman';
  r: number | null;
  n: number;
  /** Why `r` is null, when it is. */
  reason?: string;
}

/** The result of {@link buildPolicyOutcomeView}. */
export interface PolicyOutcomeView {
  readonly kind: 'policy-outcome-view';
  pairs: PolicyOutcomePair[];
  pearson: CorrelationResult;
  spearman: CorrelationResult;
  /** Always states that the figures describe an association, not an effect. */
  interpretation: string;
  policyLabel: string;
  outcomeLabel: string;
  lagYears: number;
}

/** The sentence every view carries. */
export const ASSOCIATION_NOTE =
  'Correlation across countries describes an association between policy and outcome values, not an effect of policy: both may reflect other differences between countries, and the direction of influence is unknown.';

function correlation(method: 'pearson' | 'spearman', xs: number[], ys: number[]): CorrelationResult {
  const r = method === 'pearson' ? pearsonCorrelation(xs, ys) : spearmanCorrelation(xs, ys);
  if (r !== null) return { method, r, n: xs.length };
  return { method, r: null, n: xs.length, reason: xs.length < 3 ? 'fewer than three matched countries' : 'one of the two series does not vary' };
}

/**
 * Matches policy values with an outcome gap series by country (normalised: `EL` = `GR`) and
 * year (outcome year = policy year + `lagYears`), leaving out aggregates, regions, unknown
 * codes, non-finite values and duplicate country-years (each reported as a diagnostic), and
 * computes Pearson's and Spearman's correlation with their n.
 *
 * @example
 * ```ts
 * import { buildPolicyOutcomeView } from 'policy-index';
 * const { value } = buildPolicyOutcomeView(
 *   [{ country: 'AT', year: 2019, value: 46 }, { country: 'SE', year: 2019, value: 86 }, { country: 'EL', year: 2019, value: 46 }, { country: 'EU27_2020', year: 2019, value: 50 }],
 *   [{ country: 'AT', year: 2019, value: -12.1 }, { country: 'SE', year: 2019, value: -20.4 }, { country: 'GR', year: 2019, value: -3.2 }],
 *   { policyLabel: 'MIPEX overall', outcomeLabel: 'Employment gap (pp)' },
 * );
 * value.pairs.map((p) => p.country); // ['AT', 'GR', 'SE']
 * value.pearson.n;                   // 3
 * ```
 */
export function buildPolicyOutcomeView(
  policy: readonly PolicyValue[],
  outcome: readonly OutcomeSeriesPoint[],
  options: PolicyOutcomeOptions = {},
): { value: PolicyOutcomeView; diagnostics: Diagnostic[] } {
  const lag = options.lagYears ?? 0;
  const diagnostics: Diagnostic[] = [];
  const index = (side: 'policy' | 'outcome', list: readonly (PolicyValue | OutcomeSeriesPoint)[]): Map<string, { country: string; name?: string; year: number; value: number }> => {
    const map = new Map<string, { country: string; name?: string; year: number; value: number }>();
    const apart = new Map<string, number>();
    list.forEach((p, i) => {
      const n = normaliseCountryCode(p.country);
      if (n.kind !== 'country') {
        apart.set(n.original, (apart.get(n.original) ?? 0) + 1);
        return;
      }
      if (!Number.isFinite(p.value) || !Number.isInteger(p.year)) {
        diagnostics.push({ code: 'OUTCOME_NOT_A_NUMBER', severity: 'error', message: `The ${side} entry for ${p.country} ${p.year} has no finite value or whole year; it is left out.`, file: `<${side}>`, path: [side, i] });
        return;
      }
      const key = `${n.code}\u0000${p.year}`;
      if (map.has(key)) {
        diagnostics.push({ code: 'OUTCOME_DUPLICATE_ROW', severity: 'error', message: `The ${side} values give ${n.code} ${p.year} twice; the first is used.`, file: `<${side}>`, path: [side, i] });
        return;
      }
      map.set(key, { country: n.code, ...(n.name ? { name: n.name } : {}), year: p.year, value: p.value });
    });
    for (const [code, count] of apart) {
      const kind = normaliseCountryCode(code).kind;
      diagnostics.push({
        code: 'OUTCOME_COUNTRY_CODE',
        severity: kind === 'unknown' ? 'warning' : 'info',
        message: `"${code}" is ${kind === 'aggregate' ? 'an aggregate' : kind === 'region' ? 'a region' : 'not a known country code'}; its ${count} ${side} value${count === 1 ? ' is' : 's are'} not matched.`,
        file: `<${side}>`,
        actual: code,
      });
    }
    return map;
  };
  const policyIndex = index('policy', policy);
  const outcomeIndex = index('outcome', outcome);
  const pairs: PolicyOutcomePair[] = [];
  for (const p of policyIndex.values()) {
    if (options.policyYear !== undefined && p.year !== options.policyYear) continue;
    const o = outcomeIndex.get(`${p.country}\u0000${p.year + lag}`);
    if (!o) continue;
    pairs.push({ country: p.country, ...(p.name ? { countryName: p.name } : {}), policyYear: p.year, outcomeYear: o.year, policy: p.value, outcome: o.value });
  }
  pairs.sort((a, b) => byCodePoint(a.country, b.country) || a.policyYear - b.policyYear);
  const xs = pairs.map((p) => p.policy);
  const ys = pairs.map((p) => p.outcome);
  return {
    value: {
      kind: 'policy-outcome-view',
      pairs,
      pearson: correlation('pearson', xs, ys),
      spearman: correlation('spearman', xs, ys),
      interpretation: ASSOCIATION_NOTE,
      policyLabel: options.policyLabel ?? 'Policy score',
      outcomeLabel: options.outcomeLabel ?? 'Outcome gap',
      lagYears: lag,
    },
    diagnostics,
  };
}

/**
 * Reads policy values from CSV text with columns `country`, `year`, `value` (case-insensitive),
 * reporting problems with line and column.
 *
 * @example
 * ```ts
 * import { parsePolicyValuesCsv } from './policy-outcome.js';
 * parsePolicyValuesCsv('country,year,value\nAT,2019,46\n', 'mipex.csv').value; // [{ country: 'AT', year: 2019, value: 46 }]
 * ```
 */
export function parsePolicyValuesCsv(text: string, file = '<policy>'): { value?: PolicyValue[]; diagnostics: Diagnostic[] } {
  const { value: doc, diagnostics } = parseCsv(text, { file });
  const names = (doc.header?.fields ?? []).map((f) => f.value.trim().toLowerCase());
  const col = { country: names.indexOf('country'), year: names.indexOf('year'), value: names.indexOf('value') };
  for (const [name, i] of Object.entries(col)) {
    if (i < 0) diagnostics.push({ code: 'CSV_MISSING_COLUMN', severity: 'error', message: `The policy values need a "${name}" column.`, file, line: 1, column: 1, expected: name });
  }
  if (col.country < 0 || col.year < 0 || col.value < 0) return { diagnostics };
  const out: PolicyValue[] = [];
  for (const record of doc.records) {
    const country = record.fields[col.country];
    const year = record.fields[col.year];
    const value = record.fields[col.value];
    if (!country || !year || !value) continue;
    if (value.value.trim() === '') continue;
    if (!/^\d{4}$/.test(year.value.trim())) {
      diagnostics.push({ code: 'OUTCOME_NOT_A_NUMBER', severity: 'error', message: `The year ${JSON.stringify(year.value)} is not a four-digit year.`, file, line: year.line, column: year.column });
      continue;
    }
    const v = value.value.trim();
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v)) {
      diagnostics.push({ code: 'OUTCOME_NOT_A_NUMBER', severity: 'error', message: `The value ${JSON.stringify(value.value)} is not a number.`, file, line: value.line, column: value.column });
      continue;
    }
    out.push({ country: country.value.trim(), year: Number(year.value), value: Number(v) });
  }
  return { value: out, diagnostics };
}

