/**
 * The tables of the `outcomes` commands: gap and trend rows as aligned text (numbers
 * right-aligned), CSV or JSON, and the validation summary as a few lines of text.
 *
 * @module
 */
import type { OutcomeGapCommandResult, OutcomeValidationSummary } from '../outcomes/commands.js';
import type { OutcomeGapRow, OutcomeTrendRow } from '../outcomes/types.js';
import { csvField } from '../source/csv.js';
import { alignedTable } from './text-table.js';

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
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((_, j) => /^-?\d+(\.\d+)?$/.test(cells[j + 1]![i]!) || cells[j + 1]![i] === ''));
  return alignedTable(cells, { right: (i) => numeric[i]! }).join('\n') + '\n';
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
