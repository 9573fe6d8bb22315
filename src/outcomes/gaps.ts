/**
 * Gaps between cohorts and their trends over years, always recomputed from cohort values with
 * exact decimal arithmetic and reported at the framework's declared precision. Nothing here
 * turns an outcome into a score.
 *
 * @module
 */
import { cmp, decimalTextValue, div, fromNumber, isZero, ONE, sub, ZERO, type Exact } from '../exact/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { countryName } from '../units/countries.js';
import { selectOutcomeObservations, type OutcomeSelectionOptions } from './select.js';
import type {
  OutcomeDataset,
  OutcomeFramework,
  OutcomeGapDefinition,
  OutcomeGapRow,
  OutcomeGapTable,
  OutcomeIndicator,
  OutcomeMissingGap,
  OutcomeObservation,
  OutcomeObservationStatus,
  OutcomeTrendRow,
  OutcomeTrendTable,
} from './types.js';
import { fixed } from './units.js';

import { byCodePoint } from '../text/order.js';

/**
 * Options for {@link computeGaps}.
 *
 * @example
 * ```ts
 * import type { OutcomeGapOptions } from 'policy-index';
 * const options: OutcomeGapOptions = { indicators: ['employment-rate'], gaps: ['non-eu-born-vs-native'] };
 * ```
 */
export interface OutcomeGapOptions extends OutcomeSelectionOptions {
  /** Only these gap ids. */
  gaps?: readonly string[];
}

interface ExactGap {
  row: OutcomeGapRow;
  exact: Exact;
  at: OutcomeObservation;
}

const STATUS_RANK: Record<OutcomeObservationStatus, number> = { valid: 0, suspect: 1, invalid: 2 };

function gapUnit(indicator: OutcomeIndicator, gap: OutcomeGapDefinition): string {
  return gap.kind === 'difference-pp' ? 'pp' : gap.kind === 'ratio' ? 'ratio' : indicator.unit;
}

function disadvantaged(indicator: OutcomeIndicator, gap: OutcomeGapDefinition, exact: Exact): boolean | null {
  const side = cmp(exact, gap.kind === 'ratio' ? ONE : ZERO);
  if (side === 0) return null;
  return indicator.direction === 'higher-is-better' ? side < 0 : side > 0;
}

function groupObservations(observations: readonly OutcomeObservation[]): Map<string, Map<string, OutcomeObservation>> {
  const groups = new Map<string, Map<string, OutcomeObservation>>();
  for (const o of observations) {
    const key = `${o.country}\u0000${o.year}\u0000${o.indicator}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = new Map()));
    // With keepInvalid a duplicate may appear twice; the first one read wins.
    if (!g.has(o.cohort)) g.set(o.cohort, o);
  }
  return groups;
}

function exactGaps(
  framework: OutcomeFramework,
  dataset: OutcomeDataset,
  options: OutcomeGapOptions,
): { gaps: ExactGap[]; missing: (OutcomeMissingGap & { at: OutcomeObservation })[]; undefinedRatios: ExactGap['at'][] } {
  const indicators = new Map(framework.indicators.map((i) => [i.id, i]));
  const wanted = options.gaps ? new Set(options.gaps) : undefined;
  const gaps: ExactGap[] = [];
  const missing: (OutcomeMissingGap & { at: OutcomeObservation })[] = [];
  const undefinedRatios: OutcomeObservation[] = [];
  for (const cohorts of groupObservations(selectOutcomeObservations(dataset, options)).values()) {
    const any = cohorts.values().next().value as OutcomeObservation;
    const indicator = indicators.get(any.indicator);
    if (!indicator) continue;
    for (const gap of indicator.gaps) {
      if (wanted && !wanted.has(gap.id)) continue;
      const a = cohorts.get(gap.cohort);
      const b = cohorts.get(gap.reference);
      if (!a || !b) {
        missing.push({ country: any.country, year: any.year, indicator: indicator.id, gap: gap.id, missing: [gap.cohort, gap.reference].filter((c) => !cohorts.has(c)), at: a ?? b ?? any });
        continue;
      }
      const x = decimalTextValue(a.text);
      const y = decimalTextValue(b.text);
      if (gap.kind === 'ratio' && isZero(y)) {
        undefinedRatios.push(b);
        continue;
      }
      const exact = gap.kind === 'ratio' ? div(x, y) : sub(x, y);
      const value = fixed(exact, gap.precision);
      const name = countryName(a.country);
      const status = STATUS_RANK[a.status] >= STATUS_RANK[b.status] ? a.status : b.status;
      gaps.push({
        exact,
        at: a,
        row: {
          country: a.country,
          ...(name ? { countryName: name } : {}),
          countryKind: a.countryKind,
          year: a.year,
          indicator: indicator.id,
          gap: gap.id,
          kind: gap.kind,
          cohort: gap.cohort,
          reference: gap.reference,
          cohortValue: fixed(x, indicator.precision),
          referenceValue: fixed(y, indicator.precision),
          value,
          valueNumber: Number(value),
          unit: gapUnit(indicator, gap),
          direction: indicator.direction,
          cohortDisadvantaged: disadvantaged(indicator, gap, exact),
          status,
        },
      });
    }
  }
  const order = (a: { country: string; indicator: string; year: number }, b: typeof a): number => byCodePoint(a.indicator, b.indicator) || byCodePoint(a.country, b.country) || a.year - b.year;
  gaps.sort((a, b) => order(a.row, b.row) || byCodePoint(a.row.gap, b.row.gap));
  missing.sort((a, b) => order(a, b) || byCodePoint(a.gap, b.gap));
  return { gaps, missing, undefinedRatios };
}

function years(list: readonly number[]): string {
  const sorted = [...new Set(list)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j;
  }
  return parts.join(', ');
}

/**
 * Computes the declared gaps (e.g. non-EU-born minus native-born, in percentage points) for
 * every country and year that has values, from the cohort values, with exact decimal
 * arithmetic; the file's own gap columns are never used. A gap whose cohort has no usable
 * value is listed under `missing` and reported as `OUTCOME_MISSING_COHORT` (one diagnostic per
 * country, indicator, gap and missing cohort, naming the years) — never guessed.
 *
 * By default only valid values of countries enter (no aggregates, regions, suspect or invalid
 * values); see {@link OutcomeGapOptions}.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, computeGaps, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76.1\nAT,2019,employment-rate,non-eu-born,60.25\n';
 * const data = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * const { value } = computeGaps(framework, data, { gaps: ['non-eu-born-vs-native'] });
 * value!.rows[0]!.value; // '-15.9' (60.25 − 76.1 = −15.85, rounded half away from zero)
 * ```
 */
export function computeGaps(framework: OutcomeFramework, dataset: OutcomeDataset, options: OutcomeGapOptions = {}): { value: OutcomeGapTable; diagnostics: Diagnostic[] } {
  const { gaps, missing, undefinedRatios } = exactGaps(framework, dataset, options);
  const diagnostics: Diagnostic[] = [];
  const grouped = new Map<string, { first: OutcomeObservation; years: number[]; m: OutcomeMissingGap; cohort: string }>();
  for (const m of missing) {
    for (const cohort of m.missing) {
      const key = `${m.country}\u0000${m.indicator}\u0000${m.gap}\u0000${cohort}`;
      const g = grouped.get(key);
      if (g) g.years.push(m.year);
      else grouped.set(key, { first: m.at, years: [m.year], m, cohort });
    }
  }
  for (const { first, years: ys, m, cohort } of grouped.values()) {
    diagnostics.push({
      code: 'OUTCOME_MISSING_COHORT',
      severity: 'info',
      message: `No gap ${m.gap} of ${m.indicator} for ${m.country} in ${years(ys)}: the cohort ${cohort} has no usable value.`,
      file: first.file,
      line: first.line,
      column: first.column,
    });
  }
  for (const o of undefinedRatios) {
    diagnostics.push({ code: 'OUTCOME_GAP_UNDEFINED', severity: 'info', message: `No ratio for ${o.indicator} ${o.country} ${o.year}: the ${o.cohort} value is zero.`, file: o.file, line: o.line, column: o.column });
  }
  const table = { kind: 'outcome-gap-table', rows: gaps.map((g) => g.row), missing: missing.map(({ at: _at, ...m }) => m) } as const;
  return { value: table as unknown as OutcomeGapTable, diagnostics };
}

/**
 * Options for {@link computeTrends}.
 *
 * @example
 * ```ts
 * import type { OutcomeTrendOptions } from 'policy-index';
 * const options: OutcomeTrendOptions = { series: 'gap', fromYear: 2010 };
 * ```
 */
export interface OutcomeTrendOptions extends OutcomeGapOptions {
  /** Which series: cohort values, gaps or both (default `both`). */
  series?: 'cohort' | 'gap' | 'both';
}

/**
 * The change of each series (each cohort's value and each gap) of each country between its
 * first and last year with a usable value (within `fromYear`–`toYear` when given), with the
 * average change per year. Computed exactly, then rounded to the declared precision. Series
 * with fewer than two years are left out.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, computeTrends, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = [
 *   'country,year,indicator,cohort,value',
 *   'AT,2015,employment-rate,native,74', 'AT,2015,employment-rate,non-eu-born,58',
 *   'AT,2019,employment-rate,native,76', 'AT,2019,employment-rate,non-eu-born,63',
 * ].join('\n');
 * const data = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * const gap = computeTrends(framework, data, { series: 'gap', gaps: ['non-eu-born-vs-native'] }).value.rows[0]!;
 * [gap.firstValue, gap.lastValue, gap.change, gap.changePerYear]; // ['-16.0', '-13.0', '3.0', '0.750']
 * ```
 */
export function computeTrends(framework: OutcomeFramework, dataset: OutcomeDataset, options: OutcomeTrendOptions = {}): { value: OutcomeTrendTable; diagnostics: Diagnostic[] } {
  const series = options.series ?? 'both';
  const indicators = new Map(framework.indicators.map((i) => [i.id, i]));
  type Point = { year: number; exact: Exact };
  const lines = new Map<string, { head: Omit<OutcomeTrendRow, 'firstYear' | 'lastYear' | 'points' | 'firstValue' | 'lastValue' | 'change' | 'changeNumber' | 'changePerYear'>; precision: number; points: Point[] }>();
  const add = (key: string, head: (typeof lines extends Map<string, infer V> ? V : never)['head'], precision: number, p: Point): void => {
    const line = lines.get(key);
    if (line) line.points.push(p);
    else lines.set(key, { head, precision, points: [p] });
  };
  if (series !== 'gap') {
    for (const o of selectOutcomeObservations(dataset, options)) {
      const ind = indicators.get(o.indicator);
      if (!ind) continue;
      add(`${o.country}\u0000${o.indicator}\u0000cohort\u0000${o.cohort}`, { country: o.country, countryKind: o.countryKind, indicator: o.indicator, series: 'cohort', id: o.cohort, unit: ind.unit }, ind.precision, {
        year: o.year,
        exact: decimalTextValue(o.text),
      });
    }
  }
  if (series !== 'cohort') {
    for (const g of exactGaps(framework, dataset, options).gaps) {
      const ind = indicators.get(g.row.indicator)!;
      const def = ind.gaps.find((d) => d.id === g.row.gap)!;
      add(`${g.row.country}\u0000${g.row.indicator}\u0000gap\u0000${g.row.gap}`, { country: g.row.country, countryKind: g.row.countryKind, indicator: g.row.indicator, series: 'gap', id: g.row.gap, unit: g.row.unit }, def.precision, {
        year: g.row.year,
        exact: g.exact,
      });
    }
  }
  const rows: OutcomeTrendRow[] = [];
  for (const { head, precision, points } of lines.values()) {
    const byYear = new Map<number, Exact>();
    for (const p of points) if (!byYear.has(p.year)) byYear.set(p.year, p.exact);
    if (byYear.size < 2) continue;
    const ys = [...byYear.keys()].sort((a, b) => a - b);
    const firstYear = ys[0]!;
    const lastYear = ys[ys.length - 1]!;
    const first = byYear.get(firstYear)!;
    const last = byYear.get(lastYear)!;
    const change = sub(last, first);
    const changeText = fixed(change, precision);
    rows.push({
      ...head,
      firstYear,
      lastYear,
      points: ys.length,
      firstValue: fixed(first, precision),
      lastValue: fixed(last, precision),
      change: changeText,
      changeNumber: Number(changeText),
      changePerYear: fixed(div(change, fromNumber(lastYear - firstYear)), precision + 2),
    });
  }
  rows.sort((a, b) => byCodePoint(a.indicator, b.indicator) || byCodePoint(a.country, b.country) || byCodePoint(a.series, b.series) || byCodePoint(a.id, b.id));
  return { value: { kind: 'outcome-trend-table', rows } as unknown as OutcomeTrendTable, diagnostics: [] };
}

/**
 * One point of a gap series, the input of the policy–outcome view.
 *
 * @example
 * ```ts
 * import type { OutcomeGapPoint } from 'policy-index';
 * const point: OutcomeGapPoint = { country: 'AT', year: 2019, value: -16 };
 * ```
 */
export interface OutcomeGapPoint {
  country: string;
  year: number;
  value: number;
}

/**
 * The points of one gap of one indicator, for plotting or for the policy–outcome view.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, computeGaps, gapSeries, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n';
 * const table = computeGaps(framework, loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!).value;
 * gapSeries(table, 'employment-rate', 'non-eu-born-vs-native'); // [{ country: 'AT', year: 2019, value: -16 }]
 * ```
 */
export function gapSeries(table: OutcomeGapTable, indicator: string, gap: string): OutcomeGapPoint[] {
  return table.rows.filter((r) => r.indicator === indicator && r.gap === gap).map((r) => ({ country: r.country, year: r.year, value: r.valueNumber }));
}
