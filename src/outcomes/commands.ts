/**
 * Pure cores of the `policy-index outcomes …` commands: they take file names and texts and
 * return diagnostics, summaries, rows and rendered strings. Reading files, printing and exit
 * codes belong to the CLI.
 *
 * @module
 */
import { csvField } from '../source/csv.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { loadOutcomeData, type OutcomeFile, type OutcomeLoadOptions, type OutcomeLoadSummary } from './data.js';
import { parseOutcomeFramework } from './framework.js';
import { computeGaps, computeTrends, type OutcomeGapOptions, type OutcomeTrendOptions } from './gaps.js';
import type { OutcomeDataset, OutcomeFramework, OutcomeGapRow, OutcomeMissingGap, OutcomeTrendRow } from './types.js';
import { ZARAGOZA_FRAMEWORK_YAML } from './zaragoza.js';

/**
 * Counts of a validation run.
 *
 * @example
 * ```ts
 * import { validateOutcomeFiles } from 'policy-index';
 * validateOutcomeFiles([{ name: 'a.csv', text: 'country,year,indicator,cohort,value\n' }]).summary.errors; // 0
 * ```
 */
export interface OutcomeValidationSummary extends OutcomeLoadSummary {
  framework?: { id: string; version: string };
  errors: number;
  warnings: number;
  infos: number;
}

/**
 * Options of the command cores.
 *
 * @example
 * ```ts
 * import type { OutcomeCommandOptions } from 'policy-index';
 * const options: OutcomeCommandOptions = { frameworkFile: 'rubrics/outcomes/zaragoza.yaml' };
 * ```
 */
export interface OutcomeCommandOptions extends OutcomeLoadOptions {
  /** Name of the framework text in diagnostics (default `zaragoza.yaml` for the built-in framework, else `<framework>`). */
  frameworkFile?: string;
}

function summarise(load: OutcomeLoadSummary | undefined, diagnostics: readonly Diagnostic[], framework?: OutcomeFramework): OutcomeValidationSummary {
  return {
    ...(load ?? { files: [], observations: 0, valid: 0, suspect: 0, invalid: 0, rejectedRecords: 0 }),
    ...(framework ? { framework: { id: framework.id, version: framework.version } } : {}),
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    infos: diagnostics.filter((d) => d.severity === 'info').length,
  };
}

function loadAll(
  files: readonly OutcomeFile[],
  frameworkText: string | undefined,
  options: OutcomeCommandOptions,
): { framework?: OutcomeFramework; dataset?: OutcomeDataset; diagnostics: Diagnostic[]; summary: OutcomeValidationSummary } {
  const fw = parseOutcomeFramework(frameworkText ?? ZARAGOZA_FRAMEWORK_YAML, options.frameworkFile ?? (frameworkText === undefined ? 'zaragoza.yaml' : '<framework>'));
  if (!fw.value) return { diagnostics: fw.diagnostics, summary: summarise(undefined, fw.diagnostics) };
  const loaded = loadOutcomeData(files, fw.value, options);
  const diagnostics = [...fw.diagnostics, ...loaded.diagnostics];
  return { framework: fw.value, ...(loaded.value ? { dataset: loaded.value } : {}), diagnostics, summary: summarise(loaded.summary, diagnostics, fw.value) };
}

/**
 * The core of `policy-index outcomes validate`: reads outcome files (CSV or YAML, told apart
 * by extension) against a framework (default: the built-in Zaragoza framework) and returns
 * every diagnostic with a summary. `ok` is false when any diagnostic is an error.
 *
 * @example
 * ```ts
 * import { validateOutcomeFiles } from 'policy-index';
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,101\n';
 * const { ok, diagnostics, summary } = validateOutcomeFiles([{ name: 'a.csv', text: csv }]);
 * ok;                     // false
 * diagnostics[0]!.code;   // 'OUTCOME_IMPOSSIBLE_VALUE'
 * summary.invalid;        // 1
 * ```
 */
export function validateOutcomeFiles(
  files: readonly OutcomeFile[],
  frameworkText?: string,
  options: OutcomeCommandOptions = {},
): { ok: boolean; diagnostics: Diagnostic[]; summary: OutcomeValidationSummary } {
  const { diagnostics, summary } = loadAll(files, frameworkText, options);
  return { ok: !hasErrors(diagnostics), diagnostics, summary };
}

/**
 * Options of {@link computeOutcomeGaps}.
 *
 * @example
 * ```ts
 * import type { OutcomeGapCommandOptions } from 'policy-index';
 * const options: OutcomeGapCommandOptions = { gaps: ['non-eu-born-vs-native'], keepInvalid: false };
 * ```
 */
export interface OutcomeGapCommandOptions extends OutcomeCommandOptions, OutcomeGapOptions {
  frameworkText?: string;
}

/**
 * What {@link computeOutcomeGaps} returns.
 *
 * @example
 * ```ts
 * import { computeOutcomeGaps } from 'policy-index';
 * const { rows, missing, diagnostics, summary } = computeOutcomeGaps([{ name: 'a.csv', text: 'country,year,indicator,cohort,value\n' }]);
 * ```
 */
export interface OutcomeGapCommandResult {
  rows: OutcomeGapRow[];
  missing: OutcomeMissingGap[];
  diagnostics: Diagnostic[];
  summary: OutcomeValidationSummary;
}

/**
 * The core of `policy-index outcomes gaps`: loads and validates the files, then computes the
 * declared gaps from valid country values (see {@link OutcomeGapOptions} to select
 * indicators, gaps, countries, years, or to keep invalid values or aggregates).
 *
 * @example
 * ```ts
 * import { computeOutcomeGaps, renderOutcomeGapsCsv } from 'policy-index';
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76.1\nAT,2019,employment-rate,non-eu-born,60.2\n';
 * const { rows } = computeOutcomeGaps([{ name: 'a.csv', text: csv }], { gaps: ['non-eu-born-vs-native'] });
 * rows[0]!.value; // '-15.9'
 * renderOutcomeGapsCsv(rows).split('\n')[0]; // 'country,year,indicator,gap,cohort,reference,cohort_value,reference_value,value,unit,cohort_disadvantaged,status'
 * ```
 */
export function computeOutcomeGaps(files: readonly OutcomeFile[], options: OutcomeGapCommandOptions = {}): OutcomeGapCommandResult {
  const { framework, dataset, diagnostics, summary } = loadAll(files, options.frameworkText, options);
  if (!framework || !dataset) return { rows: [], missing: [], diagnostics, summary };
  const gaps = computeGaps(framework, dataset, options);
  const all = [...diagnostics, ...gaps.diagnostics];
  return { rows: [...gaps.value.rows], missing: [...gaps.value.missing], diagnostics: all, summary: summarise(summary, all, framework) };
}

/**
 * Options of {@link computeOutcomeTrendRows}.
 *
 * @example
 * ```ts
 * import type { OutcomeTrendCommandOptions } from 'policy-index';
 * const options: OutcomeTrendCommandOptions = { series: 'cohort' };
 * ```
 */
export interface OutcomeTrendCommandOptions extends OutcomeCommandOptions, OutcomeTrendOptions {
  frameworkText?: string;
}

/**
 * Like {@link computeOutcomeGaps}, for trends: the change of each cohort value and gap between
 * the first and last year with valid data.
 *
 * @example
 * ```ts
 * import { computeOutcomeTrendRows } from 'policy-index';
 * const csv = 'country,year,indicator,cohort,value\nAT,2015,employment-rate,native,74\nAT,2019,employment-rate,native,76.5\n';
 * computeOutcomeTrendRows([{ name: 'a.csv', text: csv }], { series: 'cohort' }).rows[0]!.change; // '2.5'
 * ```
 */
export function computeOutcomeTrendRows(
  files: readonly OutcomeFile[],
  options: OutcomeTrendCommandOptions = {},
): { rows: OutcomeTrendRow[]; diagnostics: Diagnostic[]; summary: OutcomeValidationSummary } {
  const { framework, dataset, diagnostics, summary } = loadAll(files, options.frameworkText, options);
  if (!framework || !dataset) return { rows: [], diagnostics, summary };
  return { rows: [...computeTrends(framework, dataset, options).value.rows], diagnostics, summary };
}

// ── Rendering ──────────────────────────────────────────────────────────────────

type Column<T> = [header: string, get: (row: T) => string];

const GAP_COLUMNS: Column<OutcomeGapRow>[] = [
  ['country', (r) => r.country],
  ['year', (r) => String(r.year)],
  ['indicator', (r) => r.indicator],
  ['gap', (r) => r.gap],
  ['cohort', (r) => r.cohort],
  ['reference', (r) => r.reference],
  ['cohort_value', (r) => r.cohortValue],
  ['reference_value', (r) => r.referenceValue],
  ['value', (r) => r.value],
  ['unit', (r) => r.unit],
  ['cohort_disadvantaged', (r) => (r.cohortDisadvantaged === null ? '' : String(r.cohortDisadvantaged))],
  ['status', (r) => r.status],
];

const TREND_COLUMNS: Column<OutcomeTrendRow>[] = [
  ['country', (r) => r.country],
  ['indicator', (r) => r.indicator],
  ['series', (r) => r.series],
  ['id', (r) => r.id],
  ['first_year', (r) => String(r.firstYear)],
  ['last_year', (r) => String(r.lastYear)],
  ['points', (r) => String(r.points)],
  ['first_value', (r) => r.firstValue],
  ['last_value', (r) => r.lastValue],
  ['change', (r) => r.change],
  ['change_per_year', (r) => r.changePerYear],
  ['unit', (r) => r.unit],
];


function toCsv<T>(rows: readonly T[], columns: Column<T>[]): string {
  const lines = [columns.map(([h]) => h).join(',')];
  for (const row of rows) lines.push(columns.map(([, get]) => csvField(get(row))).join(','));
  return lines.join('\n') + '\n';
}

function toText<T>(rows: readonly T[], columns: Column<T>[]): string {
  const cells = [columns.map(([h]) => h), ...rows.map((row) => columns.map(([, get]) => get(row)))];
  const widths = columns.map((_, i) => cells.reduce((m, r) => Math.max(m, r[i]!.length), -Infinity));
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((_, j) => /^-?\d+(\.\d+)?$/.test(cells[j + 1]![i]!) || cells[j + 1]![i] === ''));
  const line = (r: string[]): string => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n') + '\n';
}

/**
 * Renders gap rows as an aligned plain-text table (numbers right-aligned).
 *
 * @example
 * ```ts
 * import { computeOutcomeGaps, renderOutcomeGapsText } from 'policy-index';
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n';
 * renderOutcomeGapsText(computeOutcomeGaps([{ name: 'a.csv', text: csv }]).rows).split('\n')[0]!.startsWith('country'); // true
 * ```
 */
export function renderOutcomeGapsText(rows: readonly OutcomeGapRow[]): string {
  return toText(rows, GAP_COLUMNS);
}

/**
 * Renders gap rows as CSV (RFC 4180, LF line ends, header row).
 *
 * @example
 * ```ts
 * import { renderOutcomeGapsCsv } from 'policy-index';
 * renderOutcomeGapsCsv([]); // 'country,year,indicator,gap,cohort,reference,cohort_value,reference_value,value,unit,cohort_disadvantaged,status\n'
 * ```
 */
export function renderOutcomeGapsCsv(rows: readonly OutcomeGapRow[]): string {
  return toCsv(rows, GAP_COLUMNS);
}

/**
 * Renders a gap result as JSON (two-space indentation): rows, missing gaps and the summary.
 *
 * @example
 * ```ts
 * import { computeOutcomeGaps, renderOutcomeGapsJson } from 'policy-index';
 * const result = computeOutcomeGaps([{ name: 'a.csv', text: 'country,year,indicator,cohort,value\n' }]);
 * JSON.parse(renderOutcomeGapsJson(result)).rows; // []
 * ```
 */
export function renderOutcomeGapsJson(result: Pick<OutcomeGapCommandResult, 'rows' | 'missing'> & { summary?: OutcomeValidationSummary }): string {
  return JSON.stringify({ rows: result.rows, missing: result.missing, ...(result.summary ? { summary: result.summary } : {}) }, null, 2) + '\n';
}

/**
 * Renders trend rows as text, CSV or JSON.
 *
 * @example
 * ```ts
 * import { renderOutcomeTrends } from 'policy-index';
 * renderOutcomeTrends([], 'csv'); // 'country,indicator,series,id,first_year,last_year,points,first_value,last_value,change,change_per_year,unit\n'
 * ```
 */
export function renderOutcomeTrends(rows: readonly OutcomeTrendRow[], format: 'text' | 'csv' | 'json'): string {
  if (format === 'json') return JSON.stringify({ rows }, null, 2) + '\n';
  return format === 'csv' ? toCsv(rows, TREND_COLUMNS) : toText(rows, TREND_COLUMNS);
}

/**
 * Renders a validation summary as a few lines of text.
 *
 * @example
 * ```ts
 * import { validateOutcomeFiles, renderOutcomeValidationSummary } from 'policy-index';
 * const { summary } = validateOutcomeFiles([{ name: 'a.csv', text: 'country,year,indicator,cohort,value\n' }]);
 * renderOutcomeValidationSummary(summary).includes('a.csv'); // true
 * ```
 */
export function renderOutcomeValidationSummary(summary: OutcomeValidationSummary): string {
  const lines: string[] = [];
  if (summary.framework) lines.push(`framework ${summary.framework.id}@${summary.framework.version}`);
  for (const f of summary.files) {
    lines.push(`${f.name}: ${f.format}${f.layout ? ` (layout ${f.layout})` : ''}, ${f.records} records, ${f.observations} values`);
  }
  lines.push(
    `${summary.observations} values: ${summary.valid} valid, ${summary.suspect} suspect, ${summary.invalid} invalid; ${summary.rejectedRecords} records rejected`,
    `${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} notes`,
  );
  return lines.join('\n') + '\n';
}
