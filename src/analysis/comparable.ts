/**
 * What may be compared: the one rule for the variant a page or command compares on, and the one
 * rule for the year it shows by default. Every ranking, scorecard, comparison, trend and report
 * takes both from here.
 *
 * - A unit-year has a **complete score** on a variant when that variant's top score is defined
 *   (`status: 'scored'`) and none of the variant's areas was left out of it for want of a score
 *   (each is scored, or not applicable by the rubric's rules): a top score that a lenient
 *   missing-data policy computed from some areas only is not complete. A unit-year with no
 *   complete score on any variant (e.g. a year in which only a few questions were answered) has
 *   no complete score.
 * - The **comparable variant** of a set of results is the preferred variant (the rubric's default
 *   unless asked) when every result with a complete score on some variant has a complete score
 *   on it; else the first variant in rubric order for which that holds; else none. Results
 *   without a complete score do not veto the choice: they cannot be compared on any variant.
 * - The **default year** of one unit is its latest year with a complete score on the comparable
 *   variant (its latest year when it has none); the default year of a ranking is the year in
 *   which the most units have a complete score on the comparable variant, the later year on a
 *   tie, so that one unit with a newer (or partial) answer set does not empty the ranking.
 *
 * Pure functions of {@link ScoreResult} values.
 *
 * @module
 */
import type { RubricVariant } from '../rubric/types.js';
import type { ScoreResult } from '../scoring/types.js';

/** The variants of a rubric and its default (a `Rubric` will do). */
export interface VariantChoices {
  variants: readonly Pick<RubricVariant, 'id'>[];
  defaultVariant: string;
}

/**
 * Whether a result has a complete score: on `variant` when given, else on some variant.
 *
 * @example
 * ```ts
 * import { hasCompleteScore, type ScoreResult } from 'policy-index';
 * declare const result: ScoreResult;
 * hasCompleteScore(result, 'without-health'); // false when an area of that variant has no score
 * ```
 */
export function hasCompleteScore(result: ScoreResult, variant?: string): boolean {
  const areaStatus = new Map(result.root.children.map((a) => [a.id, a.status]));
  const complete = (v: ScoreResult['variants'][number]) => v.status === 'scored' && v.areas.every((a) => areaStatus.get(a) !== 'missing');
  return result.variants.some((v) => (variant === undefined || v.id === variant) && complete(v));
}

/** Variant ids in order of preference: `preferred` first, then the others in rubric order. */
export function variantPreference(choices: VariantChoices, preferred = choices.defaultVariant): string[] {
  const ids = choices.variants.map((v) => v.id);
  return ids.includes(preferred) ? [preferred, ...ids.filter((id) => id !== preferred)] : ids;
}

/**
 * The variant to compare `results` on: the preferred one (default: the rubric's default) when
 * every result with a complete score has a complete score on it, else the first such variant in
 * rubric order, else undefined (no variant is comparable, or no result has a complete score).
 *
 * @example
 * ```ts
 * import { comparableVariant, type Rubric, type ScoreResult } from 'policy-index';
 * declare const rubric: Rubric, results: ScoreResult[];
 * comparableVariant(rubric, results) ?? 'no variant is scored in every year shown';
 * ```
 */
export function comparableVariant(choices: VariantChoices, results: readonly ScoreResult[], preferred = choices.defaultVariant): string | undefined {
  const scored = results.filter((r) => hasCompleteScore(r));
  if (scored.length === 0) return undefined;
  return variantPreference(choices, preferred).find((id) => scored.every((r) => hasCompleteScore(r, id)));
}

/** The variant choices of a set of results when no rubric is at hand: their variants, in rubric order, and the variant their root carries. */
export function variantChoicesOf(results: readonly ScoreResult[]): VariantChoices {
  const first = results[0];
  return { variants: first?.variants ?? [], defaultVariant: first?.variant ?? '' };
}

/** Options for {@link defaultYear}. */
export interface DefaultYearOptions {
  /** The unit whose year is chosen; without it, the year of a ranking of every unit. */
  unit?: string;
  /** The variant a complete score is asked on (default: the {@link comparableVariant} of all the results). */
  variant?: string;
}

/**
 * The year a page or command shows unless asked: for one unit, its latest year with a complete
 * score on the comparable variant (else its latest year); for a ranking, the year in which the
 * most units have a complete score on it (the later year on a tie; else the latest year).
 * Undefined when there is no result (for the unit).
 *
 * @example
 * ```ts
 * import { defaultYear, type Rubric, type ScoreResult } from 'policy-index';
 * declare const rubric: Rubric, results: ScoreResult[];
 * defaultYear(rubric, results, { unit: 'AE' }); // 2020 when its 2021 answer set scores no top score
 * defaultYear(rubric, results); // the year most units are ranked in
 * ```
 */
export function defaultYear(choices: VariantChoices, results: readonly ScoreResult[], options: DefaultYearOptions = {}): number | undefined {
  const variant = options.variant ?? comparableVariant(choices, results);
  const complete = (r: ScoreResult) => (variant === undefined ? hasCompleteScore(r) : hasCompleteScore(r, variant));
  const pool = options.unit === undefined ? results : results.filter((r) => r.country === options.unit);
  if (pool.length === 0) return undefined;
  const latest = pool.reduce((m, r) => Math.max(m, r.year), -Infinity);
  if (options.unit !== undefined) {
    const years = pool.filter(complete).map((r) => r.year);
    return years.length ? years.reduce((m, y) => Math.max(m, y)) : latest;
  }
  const units = new Map<number, Set<string>>();
  for (const r of pool) if (complete(r)) (units.get(r.year) ?? units.set(r.year, new Set()).get(r.year)!).add(r.country);
  let best: number | undefined;
  let bestCount = 0;
  for (const [y, set] of units) if (set.size > bestCount || (set.size === bestCount && y > best!)) [best, bestCount] = [y, set.size];
  return best ?? latest;
}
