/**
 * Choosing the observations of a loaded outcome dataset that a computation uses (valid values of
 * countries by default), apart from reading the files (`loadOutcomeData`, in `data.ts`).
 *
 * @module
 */
import { normaliseCountryCode } from '../units/countries.js';
import type { OutcomeDataset, OutcomeObservation } from './types.js';

/**
 * Options shared by the computations that read a dataset.
 *
 * @example
 * ```ts
 * import type { OutcomeSelectionOptions } from 'policy-index';
 * const options: OutcomeSelectionOptions = { include: ['country', 'aggregate'], fromYear: 2015 };
 * ```
 */
export interface OutcomeSelectionOptions {
  /** Use suspect and invalid values too (they are flagged in results). Default false. */
  keepInvalid?: boolean;
  /** Which kinds of units to include (default: only countries). */
  include?: readonly ('country' | 'aggregate' | 'region' | 'unknown')[];
  /** Only these indicators. */
  indicators?: readonly string[];
  /** Only these countries (any accepted code, e.g. `EL`). */
  countries?: readonly string[];
  /** Only years from … to … (inclusive). */
  fromYear?: number;
  toYear?: number;
}

/**
 * The observations of a dataset that computations use: valid values of countries by default.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, selectOutcomeObservations, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nEL,2019,employment-rate,native,60\nEU27_2020,2019,employment-rate,native,73\n';
 * const data = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * selectOutcomeObservations(data).map((o) => o.country); // ['GR']
 * ```
 */
export function selectOutcomeObservations(dataset: OutcomeDataset, options: OutcomeSelectionOptions = {}): OutcomeObservation[] {
  const include = new Set(options.include ?? ['country']);
  const indicators = options.indicators ? new Set(options.indicators) : undefined;
  const countries = options.countries ? new Set(options.countries.map((c) => normaliseCountryCode(c).code)) : undefined;
  return dataset.observations.filter(
    (o) =>
      (options.keepInvalid || o.status === 'valid') &&
      include.has(o.countryKind) &&
      (!indicators || indicators.has(o.indicator)) &&
      (!countries || countries.has(o.country)) &&
      (options.fromYear === undefined || o.year >= options.fromYear) &&
      (options.toYear === undefined || o.year <= options.toYear),
  );
}
