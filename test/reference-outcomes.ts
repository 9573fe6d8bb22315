/**
 * A small, independent reference for the checks `loadOutcomeData` makes across records, for
 * tests. It reads only plain generated CSV (no quotes, no syntax problems; long files with the
 * columns `country,year,indicator,cohort,value`, wide files in the framework's `eurostat-wide`
 * layout without `cohortColumnsByIndicator` metrics) and follows the rules as written, the
 * plain way: text keys, one pass per rule, every diagnostic made and then the list capped.
 */
import { normaliseCountryCode } from '../src/units/countries.js';
import type { OutcomeFramework, OutcomeObservation } from '../src/outcomes/types.js';

export interface RefFile {
  name: string;
  text: string;
  layout: 'long' | 'wide';
}

export interface RefDiagnostic {
  code: string;
  file: string;
  line: number;
  column: number;
  message?: string;
}

/** An observation as the loader gives it, with the record it belongs to. */
export interface RefObservation extends Omit<OutcomeObservation, 'countryKind'> {
  countryKind: string;
  /** File name and line, as records are told apart. */
  record: string;
}

export interface RefResult {
  diagnostics: RefDiagnostic[];
  observations: RefObservation[];
  summary: { observations: number; valid: number; suspect: number; invalid: number };
}

const LISTED = 1_000;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Reads the files and applies every rule; messages are kept only for the cross-record codes. */
export function referenceOutcomeLoad(files: readonly RefFile[], framework: OutcomeFramework): RefResult {
  const diagnostics: RefDiagnostic[] = [];
  const obs: RefObservation[] = [];
  const wide = framework.layouts.find((l) => l.id === 'eurostat-wide');
  for (const file of files) {
    const lines = file.text.split('\n');
    const header = lines[0]!.split(',');
    const notes = new Map<string, { line: number; column: number }>();
    lines.slice(1).forEach((row, k) => {
      if (row === '') return;
      const line = k + 2;
      const cells = row.split(',');
      const columns: number[] = [];
      let c = 1;
      for (const cell of cells) {
        columns.push(c);
        c += cell.length + 1;
      }
      const at = (name: string): number => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
      const iCountry = at(file.layout === 'long' ? 'country' : 'Country');
      const country = normaliseCountryCode(cells[iCountry]!);
      if (country.kind !== 'country' && !notes.has(country.code)) notes.set(country.code, { line, column: columns[iCountry]! });
      const year = Number(cells[at(file.layout === 'long' ? 'year' : 'Year')]);
      const indicatorText = cells[at(file.layout === 'long' ? 'indicator' : 'Metric')]!;
      const indicatorId = file.layout === 'long' ? indicatorText : wide!.indicatorLabels[indicatorText]!;
      const indicator = framework.indicators.find((i) => i.id === indicatorId)!;
      const values: [string, number][] =
        file.layout === 'long' ? [[cells[at('cohort')]!, at('value')]] : Object.entries(wide!.format === 'wide' ? wide!.cohortColumns : {}).map(([col, cohort]) => [cohort, at(col)]);
      for (const [cohort, i] of values) {
        const text = cells[i]!;
        if (text === '') continue;
        const o: RefObservation = {
          country: country.code, countryKind: country.kind, originalCountry: country.original, year, indicator: indicator.id, cohort,
          value: NUMBER.test(text) ? Number(text) : Number.NaN, text, status: 'valid', problems: [], file: file.name, line, column: columns[i]!, record: `${file.name}:${line}`,
        };
        if (!NUMBER.test(text)) {
          diagnostics.push({ code: 'OUTCOME_NOT_A_NUMBER', file: file.name, line, column: columns[i]! });
          o.status = 'invalid';
          o.problems.push('OUTCOME_NOT_A_NUMBER');
        } else if ((indicator.range.min !== null && o.value < indicator.range.min) || (indicator.range.max !== null && o.value > indicator.range.max)) {
          diagnostics.push({ code: 'OUTCOME_IMPOSSIBLE_VALUE', file: file.name, line, column: columns[i]! });
          o.status = 'invalid';
          o.problems.push('OUTCOME_IMPOSSIBLE_VALUE');
        }
        obs.push(o);
      }
    });
    for (const [, n] of notes) diagnostics.push({ code: 'OUTCOME_COUNTRY_CODE', file: file.name, line: n.line, column: n.column });
  }

  const mark = (o: RefObservation, status: 'invalid' | 'suspect', code: string): void => {
    if (status === 'invalid' || o.status === 'valid') o.status = status;
    if (!o.problems.includes(code)) o.problems.push(code);
  };
  const groupBy = <K>(list: readonly RefObservation[], key: (o: RefObservation) => K): Map<K, RefObservation[]> => {
    const m = new Map<K, RefObservation[]>();
    for (const o of list) m.set(key(o), [...(m.get(key(o)) ?? []), o]);
    return m;
  };

  // Duplicates, in order; the first value is kept unless the two differ.
  const first = new Map<string, RefObservation>();
  for (const o of obs) {
    const key = [o.country, o.year, o.indicator, o.cohort].join('|');
    const f = first.get(key);
    if (!f) {
      first.set(key, o);
      continue;
    }
    const same = f.text === o.text || f.value === o.value;
    diagnostics.push({
      code: 'OUTCOME_DUPLICATE_ROW', file: o.file, line: o.line, column: o.column,
      message: `A second value for ${o.country} ${o.year} ${o.indicator} ${o.cohort}${same ? ' (the same value)' : ` (${o.text}; the first is ${f.text})`}.`,
    });
    mark(o, 'invalid', 'OUTCOME_DUPLICATE_ROW');
    if (!same) mark(f, 'invalid', 'OUTCOME_DUPLICATE_ROW');
  }

  // An impossible value takes its whole record out.
  for (const group of groupBy(obs, (o) => o.record).values()) {
    if (group.length > 1 && group.some((o) => o.problems.includes('OUTCOME_IMPOSSIBLE_VALUE'))) for (const o of group) mark(o, 'invalid', 'OUTCOME_IMPOSSIBLE_VALUE');
  }

  // Unit breaks.
  const countryObs = obs.filter((o) => o.countryKind === 'country');
  for (const block of groupBy(countryObs, (o) => `${o.file}|${o.indicator}|${o.year}`).values()) {
    const groups = [...groupBy(block, (o) => o.record).values()];
    const impossible = groups.filter((g) => g.some((o) => o.problems.includes('OUTCOME_IMPOSSIBLE_VALUE')));
    if (impossible.length < 3 || impossible.length / groups.length < framework.checks.unitBreakShare) continue;
    const unit = framework.indicators.find((i) => i.id === block[0]!.indicator)!.unit;
    for (const g of groups) {
      if (impossible.includes(g) || g.every((o) => o.status === 'invalid')) continue;
      const f = g[0]!;
      diagnostics.push({
        code: 'OUTCOME_UNIT_BREAK', file: f.file, line: f.line, column: f.column,
        message: `The ${f.indicator} values of ${f.originalCountry} ${f.year} are possible, but ${impossible.length} of the ${groups.length} country rows of ${f.year} in this file are impossible for ${unit}, so these are taken to be in the same wrong unit.`,
      });
      for (const o of g) mark(o, 'invalid', 'OUTCOME_UNIT_BREAK');
    }
  }

  // Shares.
  const tol = framework.checks.sharesTolerance;
  for (const list of groupBy(obs.filter((o) => o.status !== 'invalid'), (o) => `${o.file}|${o.indicator}`).values()) {
    const rows = [...groupBy(list, (o) => `${o.country}|${o.year}`).values()];
    const multi = rows.filter((r) => r.length >= 2);
    const shares = multi.filter((r) => Math.abs(r.reduce((s, o) => s + o.value, 0) - 100) <= tol);
    if (shares.length < 5 || shares.length / multi.length < framework.checks.sharesRowShare) continue;
    const minLine = Math.min(...shares.map((r) => r[0]!.line));
    const f = shares.find((r) => r[0]!.line === minLine)![0]!;
    const lines = list.map((o) => o.line);
    const unit = framework.indicators.find((i) => i.id === f.indicator)!.unit;
    diagnostics.push({
      code: 'OUTCOME_UNIT_MISMATCH', file: f.file, line: f.line, column: f.column,
      message: `${f.indicator} is declared in ${unit}, but in ${shares.length} of ${multi.length} rows of this file with several cohorts the cohort values add up to 100 ± ${tol}, as shares of a whole do; its ${list.length} values (lines ${Math.min(...lines)}–${Math.max(...lines)}) are kept out of results.`,
    });
    for (const o of list) mark(o, 'suspect', 'OUTCOME_UNIT_MISMATCH');
  }

  // The first 1,000 of each code and file, then one that counts the rest where the first of them was.
  const seen = new Map<string, number>();
  const kept: RefDiagnostic[] = [];
  const rest = new Map<string, { first: RefDiagnostic; n: number }>();
  for (const d of diagnostics) {
    const key = `${d.file}|${d.code}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n <= LISTED) kept.push(d);
    else if (rest.has(key)) rest.get(key)!.n++;
    else rest.set(key, { first: d, n: 1 });
  }
  for (const { first: d, n } of rest.values()) {
    kept.push({ code: d.code, file: d.file, line: d.line, column: d.column, message: `${n} more ${d.code} problem${n === 1 ? '' : 's'} in this file ${n === 1 ? 'is' : 'are'} not listed; the first ${LISTED} are.` });
  }
  const count = (s: string): number => obs.filter((o) => o.status === s).length;
  return { diagnostics: kept, observations: obs, summary: { observations: obs.length, valid: count('valid'), suspect: count('suspect'), invalid: count('invalid') } };
}
