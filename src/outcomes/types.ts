/**
 * Types of the outcome model: the framework (indicators, cohorts, gaps, CSV layouts), the
 * loaded data and the computed gaps and trends. Outcome values describe how migrants fare;
 * these types share nothing with policy answer sets or score inputs, and every dataset and
 * result carries a `kind` discriminant and a unique-symbol brand so that it cannot be passed
 * where a policy answer set is expected.
 *
 * @module
 */
import type { CountryCodeKind } from '../units/countries.js';

/**
 * The four areas of the EU common indicators of migrant integration ("Zaragoza" indicators).
 *
 * @example
 * ```ts
 * import type { OutcomeArea } from 'policy-index';
 * const area: OutcomeArea = 'social-inclusion';
 * ```
 */
export type OutcomeArea = 'employment' | 'education' | 'social-inclusion' | 'active-citizenship';

/**
 * The areas, in reporting order.
 *
 * @example
 * ```ts
 * import { OUTCOME_AREAS } from 'policy-index';
 * OUTCOME_AREAS[0]; // 'employment'
 * ```
 */
export const OUTCOME_AREAS: readonly OutcomeArea[] = ['employment', 'education', 'social-inclusion', 'active-citizenship'];

/**
 * Units an indicator can be measured in. Each implies the range of possible values:
 * `percent` 0–100, `per-100k` 0–100 000, `per-1000` 0–1000, `ratio`, `currency`, `count`
 * at least 0, `years` 0–150, `index` anything.
 *
 * @example
 * ```ts
 * import type { OutcomeUnit } from 'policy-index';
 * const unit: OutcomeUnit = 'per-100k';
 * ```
 */
export type OutcomeUnit = 'percent' | 'ratio' | 'per-100k' | 'per-1000' | 'currency' | 'count' | 'years' | 'index';

/**
 * The units, for schemas and documentation.
 *
 * @example
 * ```ts
 * import { OUTCOME_UNITS } from 'policy-index';
 * OUTCOME_UNITS.includes('percent'); // true
 * ```
 */
export const OUTCOME_UNITS: readonly OutcomeUnit[] = ['percent', 'ratio', 'per-100k', 'per-1000', 'currency', 'count', 'years', 'index'];

/**
 * Whether a higher value means migrants (or anyone) fare better or worse.
 *
 * @example
 * ```ts
 * import type { OutcomeDirection } from 'policy-index';
 * const direction: OutcomeDirection = 'lower-is-better'; // e.g. unemployment
 * ```
 */
export type OutcomeDirection = 'higher-is-better' | 'lower-is-better';

/**
 * How a gap between two cohorts is computed: `difference-pp` (percentage points, only for
 * `percent` indicators), `difference` (in the indicator's unit) or `ratio` (cohort ÷ reference).
 *
 * @example
 * ```ts
 * import type { OutcomeGapKind } from 'policy-index';
 * const kind: OutcomeGapKind = 'difference-pp';
 * ```
 */
export type OutcomeGapKind = 'difference-pp' | 'difference' | 'ratio';

/**
 * A population group whose outcomes are measured (natives, EU-born, non-EU-born …).
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * framework.cohorts.find((c) => c.id === 'non-eu-born')?.title; // 'Born outside the EU'
 * ```
 */
export interface OutcomeCohort {
  id: string;
  title: string;
  description?: string;
}

/**
 * A gap between two cohorts of one indicator, always recomputed from cohort values.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * framework.indicators[0]!.gaps[0]; // { id: 'non-eu-born-vs-native', kind: 'difference-pp', cohort: 'non-eu-born', reference: 'native', … }
 * ```
 */
export interface OutcomeGapDefinition {
  id: string;
  kind: OutcomeGapKind;
  /** The cohort whose value comes first (e.g. `non-eu-born`). */
  cohort: string;
  /** The cohort it is compared with (e.g. `native`). */
  reference: string;
  title: string;
  /** Decimal places of the reported gap. */
  precision: number;
}

/**
 * Where an indicator's figures come from.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * framework.indicators.find((i) => i.id === 'poverty-rate')!.source.table; // 'ilc_peps05'
 * ```
 */
export interface OutcomeSource {
  publisher: string;
  /** The publisher's table code, e.g. Eurostat `lfsa_ergaedn`. */
  table?: string;
  url?: string;
  note?: string;
}

/**
 * One descriptive outcome indicator.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const employment = framework.indicators.find((i) => i.id === 'employment-rate')!;
 * [employment.area, employment.unit, employment.range]; // ['employment', 'percent', { min: 0, max: 100 }]
 * ```
 */
export interface OutcomeIndicator {
  id: string;
  area: OutcomeArea;
  title: string;
  definition: string;
  unit: OutcomeUnit;
  /** The valid range: the unit's possible range, narrowed by the framework if it says so. */
  range: { min: number | null; max: number | null };
  direction: OutcomeDirection;
  /** Cohorts for which values may be given. */
  cohorts: string[];
  gaps: OutcomeGapDefinition[];
  /** Decimal places of reported values. */
  precision: number;
  source: OutcomeSource;
}

/**
 * Column names shared by both layout formats.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * framework.layouts[0]!.columns; // { country: 'Country', year: 'Year', cohort: 'Cohort', value: 'Value', indicator: 'Metric' }
 * ```
 */
export interface OutcomeLayoutColumns {
  country: string;
  year: string;
  /** Column naming the indicator (omit when the layout fixes one indicator with `indicator`). */
  indicator?: string;
}

/**
 * A tidy long CSV layout: one row per country, year, indicator and cohort.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const long = framework.layouts.find((l) => l.format === 'long')!;
 * long.cohortLabels?.Extra_EU_Migrant; // 'non-eu-born'
 * ```
 */
export interface OutcomeLongLayout {
  id: string;
  format: 'long';
  title: string;
  columns: OutcomeLayoutColumns & { cohort: string; value: string };
  /** A fixed indicator for files without an indicator column. */
  indicator?: string;
  /** Labels used in the file → indicator ids (ids themselves are always accepted). */
  indicatorLabels: Record<string, string>;
  /** Labels used in the file → cohort ids (ids themselves are always accepted). */
  cohortLabels: Record<string, string>;
  /**
   * Labels that mean a different cohort for one indicator: indicator id → (label → cohort id).
   * For a series whose rows carry the same labels as the others but are broken down another
   * way (by citizenship rather than country of birth, say). Checked before `cohortLabels`.
   */
  cohortLabelsByIndicator?: Record<string, Record<string, string>>;
  /** Columns that are read past without a warning. */
  ignoreColumns: string[];
}

/**
 * A wide CSV layout: one row per country, year and indicator, one column per cohort.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const wide = framework.layouts.find((l) => l.id === 'eurostat-wide')!;
 * wide.ignoreColumns; // ['Gap_ExtraEU_vs_Native_PP', 'Ratio_Foreign_vs_Native']
 * ```
 */
export interface OutcomeWideLayout {
  id: string;
  format: 'wide';
  title: string;
  columns: OutcomeLayoutColumns;
  indicator?: string;
  indicatorLabels: Record<string, string>;
  /** Column name → cohort id. */
  cohortColumns: Record<string, string>;
  /** Cohort columns that mean a different cohort for one indicator: indicator id → (column → cohort id). */
  cohortColumnsByIndicator?: Record<string, Record<string, string>>;
  /** Columns that are read past, such as a file's own gap or ratio columns (gaps are always recomputed). */
  ignoreColumns: string[];
}

/**
 * A CSV column layout declared by a framework.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * framework.layouts.map((l) => `${l.id} (${l.format})`); // ['eurostat-long (long)', 'eurostat-wide (wide)', 'policy-index-long (long)']
 * ```
 */
export type OutcomeLayout = OutcomeLongLayout | OutcomeWideLayout;

/**
 * A checked outcome framework: indicators, cohorts and CSV layouts.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * [framework.kind, framework.id, framework.indicators.length]; // ['outcome-framework', 'zaragoza', 18]
 * ```
 */
export interface OutcomeFramework {
  readonly kind: 'outcome-framework';
  id: string;
  version: string;
  title: string;
  description?: string;
  citation?: string;
  cohorts: OutcomeCohort[];
  indicators: OutcomeIndicator[];
  /** Declared layouts, followed by the built-in `policy-index-long` layout. */
  layouts: OutcomeLayout[];
  /** Rules used to spot values in the wrong unit. */
  checks: OutcomeChecks;
}

/**
 * Thresholds of the unit plausibility checks.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * framework.checks; // { unitBreakShare: 0.5, sharesRowShare: 0.8, sharesTolerance: 2 }
 * ```
 */
export interface OutcomeChecks {
  /**
   * Share of the country rows of one indicator and year in one file that must be impossible
   * before the rest of those rows are treated as being in the same wrong unit (default 0.5).
   */
  unitBreakShare: number;
  /**
   * Share of the multi-cohort rows of an indicator in one file whose cohort values add up to
   * 100 (± `sharesTolerance`) before the indicator is reported as holding shares (default 0.8).
   */
  sharesRowShare: number;
  /** Tolerance around 100 for the shares check (default 2). */
  sharesTolerance: number;
}

declare const outcomeBrand: unique symbol;

/**
 * The brand carried (as a type only) by every outcome dataset and result: a unique symbol no
 * other part of policy-index knows, so no outcome value is assignable to a policy type.
 *
 * @example
 * ```ts
 * import type { OutcomeBrand, OutcomeDataset } from 'policy-index';
 * type IsBranded = OutcomeDataset extends OutcomeBrand ? true : false; // true
 * ```
 */
export type OutcomeBrand = { readonly [outcomeBrand]: 'outcome' };

/**
 * How trustworthy an observation is after validation.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n';
 * const dataset = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * dataset.observations.map((o) => o.status); // ['valid', 'valid']
 * ```
 */
export type OutcomeObservationStatus = 'valid' | 'suspect' | 'invalid';

/**
 * One value: one country (or aggregate/region), year, indicator and cohort.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n';
 * const dataset = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * const { country, cohort, value, line, column } = dataset.observations[0]!; // 'AT', 'native', 76, 2, 32
 * ```
 */
export interface OutcomeObservation {
  /** Normalised code (`GR` for `EL`); aggregates and regions keep their code. */
  country: string;
  countryKind: CountryCodeKind;
  /** The code as written in the file. */
  originalCountry: string;
  year: number;
  indicator: string;
  cohort: string;
  /** The value as a number. */
  value: number;
  /** The value exactly as written (used for exact decimal arithmetic). */
  text: string;
  /** `valid`, `suspect` (a unit warning) or `invalid` (an error); only valid ones enter results by default. */
  status: OutcomeObservationStatus;
  /** Codes of the diagnostics that concern this value. */
  problems: string[];
  file: string;
  line: number;
  column: number;
}

/**
 * Outcome data loaded from one or more files and validated against a framework.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n';
 * const dataset = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * [dataset.kind, dataset.observations.length]; // ['outcome-dataset', 2]
 * ```
 */
export type OutcomeDataset = OutcomeBrand & {
  readonly kind: 'outcome-dataset';
  readonly framework: { id: string; version: string };
  readonly files: readonly string[];
  /** Every observation read, including suspect and invalid ones (see `status`). */
  readonly observations: readonly OutcomeObservation[];
};

/**
 * One computed gap of one country and year.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n';
 * const dataset = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * import { computeGaps } from 'policy-index';
 * const row = computeGaps(framework, dataset).value.rows[0]!;
 * [row.gap, row.value, row.unit, row.cohortDisadvantaged]; // ['non-eu-born-vs-native', '-16.0', 'pp', true]
 * ```
 */
export interface OutcomeGapRow {
  country: string;
  countryName?: string;
  countryKind: CountryCodeKind;
  year: number;
  indicator: string;
  gap: string;
  kind: OutcomeGapKind;
  cohort: string;
  reference: string;
  /** Cohort value at the indicator's precision. */
  cohortValue: string;
  /** Reference value at the indicator's precision. */
  referenceValue: string;
  /** The gap at its declared precision (exact decimal arithmetic, then rounded half away from zero). */
  value: string;
  /** `value` as a number. */
  valueNumber: number;
  /** `pp`, `ratio` or the indicator's unit. */
  unit: string;
  direction: OutcomeDirection;
  /** Whether the cohort fares worse than the reference, given the indicator's direction (null when equal). */
  cohortDisadvantaged: boolean | null;
  /** `valid`, or the worst status of the inputs when invalid data were explicitly kept. */
  status: OutcomeObservationStatus;
}

/**
 * A gap that could not be computed because a cohort has no (usable) value.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n';
 * const dataset = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * import { computeGaps } from 'policy-index';
 * computeGaps(framework, dataset).value.missing.map((m) => m.gap); // ['eu-born-vs-native', 'foreign-born-vs-native']
 * ```
 */
export interface OutcomeMissingGap {
  country: string;
  year: number;
  indicator: string;
  gap: string;
  missing: string[];
}

/**
 * The result of computing gaps.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n';
 * const dataset = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * import { computeGaps } from 'policy-index';
 * computeGaps(framework, dataset).value.kind; // 'outcome-gap-table'
 * ```
 */
export type OutcomeGapTable = OutcomeBrand & {
  readonly kind: 'outcome-gap-table';
  readonly rows: readonly OutcomeGapRow[];
  readonly missing: readonly OutcomeMissingGap[];
};

/**
 * The change of one series (a cohort's value or a gap) of one country between two years.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n';
 * const dataset = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * import { computeTrends } from 'policy-index';
 * computeTrends(framework, dataset).value.rows; // [] — a trend needs two years
 * ```
 */
export interface OutcomeTrendRow {
  country: string;
  countryKind: CountryCodeKind;
  indicator: string;
  /** `cohort` or `gap`. */
  series: 'cohort' | 'gap';
  /** Cohort id or gap id. */
  id: string;
  unit: string;
  firstYear: number;
  lastYear: number;
  /** How many years have a value between first and last year. */
  points: number;
  firstValue: string;
  lastValue: string;
  /** lastValue − firstValue, at the series' precision. */
  change: string;
  changeNumber: number;
  /** change ÷ (lastYear − firstYear), at two more decimals than the series. */
  changePerYear: string;
}

/**
 * The result of computing trends.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n';
 * const dataset = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * import { computeTrends } from 'policy-index';
 * computeTrends(framework, dataset).value.kind; // 'outcome-trend-table'
 * ```
 */
export type OutcomeTrendTable = OutcomeBrand & {
  readonly kind: 'outcome-trend-table';
  readonly rows: readonly OutcomeTrendRow[];
};
