/**
 * Which declared column layout a CSV header fits. Column names compare without regard to case
 * or surrounding spaces.
 *
 * @module
 */
import type { OutcomeFramework, OutcomeLayout } from './types.js';

/**
 * How a header fits one layout.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * import { detectOutcomeLayout } from 'policy-index';
 * detectOutcomeLayout(framework, ['Country', 'Year']).fits[0]!.missing.length > 0; // true
 * ```
 */
export interface OutcomeLayoutFit {
  layout: OutcomeLayout;
  /** Required columns of the layout that the header lacks (for wide layouts, "a cohort column" when none is present). */
  missing: string[];
  /** Header columns the layout does not explain (neither required, cohort nor ignored). */
  unknown: string[];
  /** How many header columns the layout explains. */
  explained: number;
}

/**
 * The result of {@link detectOutcomeLayout}.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * import { detectOutcomeLayout } from 'policy-index';
 * detectOutcomeLayout(framework, ['Country', 'Year']).layout; // undefined
 * ```
 */
export interface OutcomeLayoutDetection {
  /** The best layout whose required columns are all present. */
  layout?: OutcomeLayout;
  /** How the header fits every layout, best first. */
  fits: OutcomeLayoutFit[];
}

/** Normalises a column name for comparison. */
export function columnKey(name: string): string {
  return name.trim().toLowerCase();
}

/** The required columns of a layout (cohort columns of wide layouts are not individually required). */
export function requiredColumns(layout: OutcomeLayout): string[] {
  const c = layout.columns;
  const list = [c.country, c.year];
  if (c.indicator) list.push(c.indicator);
  if (layout.format === 'long') list.push(layout.columns.cohort, layout.columns.value);
  return list;
}

/**
 * Says how a CSV header fits each layout of a framework and picks the best one: all required
 * columns present, then most header columns explained, then fewest unexplained ones, then the
 * order of declaration.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, detectOutcomeLayout, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * detectOutcomeLayout(framework, ['Year', 'Country', 'Cohort', 'Value', 'Metric']).layout?.id; // 'eurostat-long'
 * detectOutcomeLayout(framework, ['country', 'year', 'indicator', 'cohort', 'value']).layout?.id; // 'policy-index-long'
 * ```
 */
export function detectOutcomeLayout(framework: OutcomeFramework, header: readonly string[]): OutcomeLayoutDetection {
  const present = new Set(header.map(columnKey));
  const fits: (OutcomeLayoutFit & { order: number })[] = framework.layouts.map((layout, order) => {
    const required = requiredColumns(layout);
    const missing = required.filter((name) => !present.has(columnKey(name)));
    const known = new Set([...required, ...layout.ignoreColumns].map(columnKey));
    if (layout.format === 'wide') {
      const cohortColumns = Object.keys(layout.cohortColumns).map(columnKey);
      for (const c of cohortColumns) known.add(c);
      if (!cohortColumns.some((c) => present.has(c))) missing.push(`a cohort column (${Object.keys(layout.cohortColumns).join(', ')})`);
    }
    const unknown = header.filter((h) => !known.has(columnKey(h)));
    return { layout, missing, unknown, explained: header.length - unknown.length, order };
  });
  fits.sort((a, b) => a.missing.length - b.missing.length || b.explained - a.explained || a.unknown.length - b.unknown.length || a.order - b.order);
  const best = fits[0];
  return {
    ...(best && best.missing.length === 0 ? { layout: best.layout } : {}),
    fits: fits.map(({ order: _order, ...fit }) => fit),
  };
}
