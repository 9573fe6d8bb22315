/**
 * Fills a scorecard's outcomes slot from outcome data: for one country, each indicator's cohort
 * values and first declared gap in the latest year up to the scorecard's year. Outcomes are
 * shown beside the policy scores; nothing here feeds a score.
 *
 * @module
 */
import { computeGaps } from '../outcomes/gaps.js';
import { selectOutcomeObservations } from '../outcomes/select.js';
import type { OutcomeDataset, OutcomeFramework, OutcomeGapTable } from '../outcomes/types.js';
import { normaliseCountryCode } from '../units/countries.js';
import type { OutcomeEntry } from './schema.js';

/** Options for {@link buildOutcomeEntries}. */
export interface OutcomeEntryOptions {
  /** Use data of this year or, failing that, the latest earlier year (default: the latest year). */
  year?: number;
  /** How many years before `year` to look back for data (default 5). */
  maxYearsBack?: number;
  /** Gaps computed once for all countries (computed here otherwise). */
  gaps?: OutcomeGapTable;
}

/**
 * The outcome entries of one country for its scorecard: one per indicator with valid data.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, loadOutcomeData, ZARAGOZA_FRAMEWORK_YAML } from '../outcomes/index.js';
 * import { buildOutcomeEntries } from './outcomes.js';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * const csv = 'country,year,indicator,cohort,value\nAT,2019,employment-rate,native,76\nAT,2019,employment-rate,non-eu-born,60\n';
 * const data = loadOutcomeData([{ name: 'a.csv', text: csv }], framework).value!;
 * buildOutcomeEntries(framework, data, 'AT', { year: 2019 })[0]!.gap; // { kind: 'difference-pp', value: -16, label: … }
 * ```
 */
export function buildOutcomeEntries(framework: OutcomeFramework, dataset: OutcomeDataset, country: string, options: OutcomeEntryOptions = {}): OutcomeEntry[] {
  const code = normaliseCountryCode(country).code;
  const observations = selectOutcomeObservations(dataset, { countries: [code] });
  if (observations.length === 0) return [];
  const gaps = options.gaps ?? computeGaps(framework, dataset, { countries: [code] }).value;
  const back = options.maxYearsBack ?? 5;
  const entries: OutcomeEntry[] = [];
  for (const indicator of framework.indicators) {
    const own = observations.filter((o) => o.indicator === indicator.id);
    if (own.length === 0) continue;
    const years = [...new Set(own.map((o) => o.year))].filter((y) => options.year === undefined || (y <= options.year && y >= options.year - back)).sort((a, b) => b - a);
    const year = years[0];
    if (year === undefined) continue;
    const cohortTitle = (id: string) => framework.cohorts.find((c) => c.id === id)?.title ?? id;
    const cohorts = indicator.cohorts
      .map((id) => ({ id, label: cohortTitle(id), value: own.find((o) => o.year === year && o.cohort === id)?.value ?? null }))
      .filter((c) => c.value !== null);
    const gapDef = indicator.gaps[0];
    const gapRow = gapDef ? gaps.rows.find((r) => r.country === code && r.year === year && r.indicator === indicator.id && r.gap === gapDef.id) : undefined;
    entries.push({
      indicator: indicator.id,
      title: indicator.title,
      unit: indicator.unit,
      cohorts,
      gap: gapDef
        ? {
            kind: gapDef.kind,
            value: gapRow ? gapRow.valueNumber : null,
            label: `${cohortTitle(gapDef.cohort)} vs ${cohortTitle(gapDef.reference)}${gapDef.kind === 'ratio' ? ' (ratio)' : ' (percentage points)'}`,
          }
        : null,
      year,
      source: {
        publisher: indicator.source.publisher,
        ...(indicator.source.table ? { title: `${indicator.source.publisher} ${indicator.source.table}` } : {}),
        ...(indicator.source.url ? { url: indicator.source.url } : {}),
      },
    });
  }
  return entries;
}
