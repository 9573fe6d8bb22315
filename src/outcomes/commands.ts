/**
 * Pure cores of the `policy-index outcomes …` commands: they take file names and texts and
 * return diagnostics, summaries and rows (rendered by `report/outcome-tables.ts`). Reading
 * files, printing and exit codes belong to the CLI.
 *
 * @module
 */
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

