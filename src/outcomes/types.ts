/**
 * Types of the outcome model: the framework (indicators, cohorts, gaps, CSV layouts), the
 * loaded data and the computed gaps and trends. Outcome values describe how migrants fare;
 * these types share nothing with policy answer sets or score inputs, and every dataset and
 * result carries a `kind` discriminant and a unique-symbol brand so that it cannot be passed
 * where a policy answer set is expected.
 *
 * @module
 */
import type { CountryCodeKind } from '../source/countries.js';

/** The four areas of the EU common indicators of migrant integration ("Zaragoza" indicators). */
export type OutcomeArea = 'employment' | 'education' | 'social-inclusion' | 'active-citizenship';

/** The areas, in reporting order. */
export const OUTCOME_AREAS: readonly OutcomeArea[] = ['employment', 'education', 'social-inclusion', 'active-citizenship'];

/**
 * Units an indicator can be measured in. Each implies the range of possible values:
 * `percent` 0–100, `per-100k` 0–100 000, `per-1000` 0–1000, `ratio`, `currency`, `count`
 * at least 0, `years` 0–150, `index` anything.
 */
export type OutcomeUnit = 'percent' | 'ratio' | 'per-100k' | 'per-1000' | 'currency' | 'count' | 'years' | 'index';

/** The units, for schemas and documentation. */
export const OUTCOME_UNITS: readonly OutcomeUnit[] = ['percent', 'ratio', 'per-100k', 'per-1000', 'currency', 'count', 'years', 'index'];

/** Whether a higher value means migrants (or anyone) fare better or worse. */
export type OutcomeDirection = 'higher-is-better' | 'lower-is-better';

/**
 * How a gap between two cohorts is computed: `difference-pp` (percentage points, only for
 * `percent` indicators), `difference` (in the indicator's unit) or `ratio` (cohort ÷ reference).
 */
export type OutcomeGapKind = 'difference-pp' | 'difference' | 'ratio';

/** A population group whose outcomes are measured (natives, EU-born, non-EU-born …). */
export interface OutcomeCohort {
  id: string;
  title: string;
  description?: string;
}

/** A gap between two cohorts of one indicator, always recomputed from cohort values. */
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

/** Where an indicator's figures come from. */
export interface OutcomeSource {
  publisher: string;
  /** The publisher's table code, e.g. Eurostat `lfsa_ergaedn`. */
  table?: string;
  url?: string;
  note?: string;
}

/** One descriptive outcome indicator. */
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

/** Column names shared by both layout formats. */
export interface OutcomeLayoutColumns {
  country: string;
  year: string;
  /** Column naming the indicator (omit when the layout fixes one indicator with `indicator`). */
  indicator?: string;
}

/** A tidy long CSV layout: one row per country, year, indicator and cohort. */
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
  /** Columns that are read past without a warning. */
  ignoreColumns: string[];
}

/** A wide CSV layout: one row per country, year and indicator, one column per cohort. */
export interface OutcomeWideLayout {
  id: string;
  format: 'wide';
  title: string;
  columns: OutcomeLayoutColumns;
  indicator?: string;
  indicatorLabels: Record<string, string>;
  /** Column name → cohort id. */
  cohortColumns: Record<string, string>;
  /** Columns that are read past, such as a file's own gap or ratio columns (gaps are always recomputed). */
  ignoreColumns: string[];
}

/** A CSV column layout declared by a framework. */
export type OutcomeLayout = OutcomeLongLayout | OutcomeWideLayout;

/** A checked outcome framework: indicators, cohorts and CSV layouts. */
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

/** Thresholds of the unit plausibility checks. */
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
 */
export type OutcomeBrand = { readonly [outcomeBrand]: 'outcome' };

/** How trustworthy an observation is after validation. */
export type OutcomeObservationStatus = 'valid' | 'suspect' | 'invalid';

/** One value: one country (or aggregate/region), year, indicator and cohort. */
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

/** Outcome data loaded from one or more files and validated against a framework. */
export type OutcomeDataset = OutcomeBrand & {
  readonly kind: 'outcome-dataset';
  readonly framework: { id: string; version: string };
  readonly files: readonly string[];
  /** Every observation read, including suspect and invalid ones (see `status`). */
  readonly observations: readonly OutcomeObservation[];
};

/** One computed gap of one country and year. */
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

/** A gap that could not be computed because a cohort has no (usable) value. */
export interface OutcomeMissingGap {
  country: string;
  year: number;
  indicator: string;
  gap: string;
  missing: string[];
}

/** The result of computing gaps. */
export type OutcomeGapTable = OutcomeBrand & {
  readonly kind: 'outcome-gap-table';
  readonly rows: readonly OutcomeGapRow[];
  readonly missing: readonly OutcomeMissingGap[];
};

/** The change of one series (a cohort's value or a gap) of one country between two years. */
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

/** The result of computing trends. */
export type OutcomeTrendTable = OutcomeBrand & {
  readonly kind: 'outcome-trend-table';
  readonly rows: readonly OutcomeTrendRow[];
};
