/**
 * Trends over years, the one owner of the concept. A trend compares like with like:
 *
 * - one measure for every year shown: the {@link comparableVariant} of the results (or a
 *   variant or node asked for);
 * - an average over a set of units that stays the same from year to year: a line continues only
 *   while the same units are averaged ({@link peerSegments}); where the set changes it breaks
 *   and each part carries its count;
 * - every average and change the exact result of the scorer's rationals ({@link exactMean}),
 *   formatted once by the exact-number formatter, never re-read from rounded strings.
 *
 * Two views are built from these rules: the trend of one unit against its peers
 * ({@link comparableTrend}, used by scorecards and the report site) and every node of every
 * unit and year ({@link trendRows}, {@link trendLines}, used by the `trend` command). Both
 * choose their measure with {@link comparableVariant}, so the command and the scorecards give
 * the same numbers for the same answers.
 *
 * It lives in `analysis/` beside rankings and change attribution: a trend compares score
 * results across years. `editions/` is about rubric editions (diff, migration).
 *
 * Outcome trends (`outcomes/`) are another concept: descriptive indicators per cohort, never a
 * score, with no variants to choose and no peer set to hold constant; they do not use this module.
 *
 * Pure functions of {@link ScoreResult} values.
 *
 * @module
 */
import { add, div, ratio, type Exact, displayString, exactString, toNumber } from '../exact/index.js';
import type { Rubric, RubricNode, RubricVariant } from '../rubric/types.js';
import { attachExact, exactScore } from '../scoring/exact-value.js';
import { findScoredNode } from '../scoring/score.js';
import type { Figure, ScoreResult } from '../scoring/types.js';
import { byCodePoint } from '../text/order.js';
import { comparableVariant } from './comparable.js';
import type { DisplayRule } from './compare.js';
import { isPeer, type PeerGroup } from './peer-group.js';

/** An exact mean for the page: its figure (exact string, display string, number; null when no value is present) and how many values it has. */
export interface ExactAverage extends Figure {
  /** Values averaged (members with a score). */
  count: number;
}

/**
 * The exact mean of exact values (nulls skipped), rounded for display with the declared rule.
 *
 * @example
 * ```ts
 * import { exactMean } from 'policy-index';
 * exactMean([{ n: 100n, d: 3n }, { n: 100n, d: 3n }, { n: 100n, d: 1n }, { n: 250n, d: 3n }], { precision: 0, rounding: 'half-up' }).display; // '63'
 * ```
 */
export function exactMean(values: readonly (Exact | null)[], rule: DisplayRule): ExactAverage {
  const present = values.filter((v): v is Exact => v !== null);
  if (present.length === 0) return { score: null, display: null, value: null, count: 0 };
  const m = div(present.reduce<Exact>((s, v) => add(s, v), ratio(0n)), ratio(BigInt(present.length)));
  return attachExact({ score: exactString(m), display: displayString(m, rule.precision, rule.rounding), value: toNumber(m), count: present.length }, m);
}

/** The exact value of a result's variant score, or null. */
export function variantExact(result: ScoreResult, variant: string): Exact | null {
  const v = result.variants.find((x) => x.id === variant);
  return v && v.status === 'scored' ? exactScore(v) : null;
}

/** The exact value of a result's area score, or null. */
export function areaExact(result: ScoreResult, area: string): Exact | null {
  const n = result.root.children.find((c) => c.id === area);
  return n && n.status === 'scored' ? exactScore(n) : null;
}

/** Options for {@link comparableTrend}. */
export interface ComparableTrendOptions {
  /** The unit whose trend is drawn. */
  country: string;
  /** Variants in order of preference (the rubric's default first is usual). */
  variants: readonly Pick<RubricVariant, 'id' | 'title'>[];
  /** Years to show (default: every year the unit has a result). */
  years?: readonly number[];
  /** Peer group of the average line (default `all`). */
  peers?: PeerGroup;
  display: DisplayRule;
  /** Force one variant (e.g. the same for every scorecard of a report). */
  variant?: string;
  /** An area instead of a variant: the trend of one area's score. */
  area?: string;
}

/** One year of a {@link ComparableTrend}. */
export interface ComparableTrendPoint extends Figure {
  year: number;
  /** The peer average of this year over the trend's peer set (constant) or over the members present (broken). */
  peer: ExactAverage;
  /** Index of the peer line's segment: the line is drawn unbroken only within one segment. */
  segment: number;
}

/** A trend over years that compares like with like. */
export interface ComparableTrend {
  /** The variant measured (or the area, when an area trend was asked for). */
  measure: { kind: 'variant' | 'area'; id: string; title: string };
  /** Whether the measure has a score in every year shown. */
  everyYear: boolean;
  years: number[];
  /**
   * `constant`: the peer average is over the same units in every year (`members`);
   * `broken`: no two or more units are present in every year, so the line breaks wherever the
   * set of units changes and each year's count is shown.
   */
  peerMode: 'constant' | 'broken';
  /** The constant peer set (empty when broken). */
  members: string[];
  points: ComparableTrendPoint[];
}

/**
 * One unit's trend against its peers. The measure is the variant asked for, else the
 * {@link comparableVariant} of what the trend shows — the results of the unit and its peers in
 * the years shown (the order of `variants` is the order of preference) — else, when no variant
 * is comparable, the one the unit has a score on in most years. The peer average is over the units of the peer group
 * with a score on that measure in every year shown; when fewer than two such units exist the
 * peer line is `broken`: each year averages the members present, and a new segment starts
 * whenever that set changes (the segments of {@link peerSegments}).
 *
 * @example
 * ```ts
 * import { comparableTrend, type ScoreResult } from 'policy-index';
 * declare const results: ScoreResult[];
 * const t = comparableTrend(results, {
 *   country: 'SE',
 *   variants: [{ id: 'with-health', title: 'With health' }, { id: 'core', title: 'Core' }],
 *   display: { precision: 0, rounding: 'half-up' },
 * });
 * console.log(t.measure.title, t.peerMode, t.points.map((p) => `${p.year} ${p.peer.display} (n=${p.peer.count})`));
 * ```
 */
export function comparableTrend(results: readonly ScoreResult[], options: ComparableTrendOptions): ComparableTrend {
  const peers = options.peers ?? 'all';
  const byYear = new Map<number, Map<string, ScoreResult>>();
  for (const r of results) {
    let m = byYear.get(r.year);
    if (!m) byYear.set(r.year, (m = new Map()));
    m.set(r.country, r);
  }
  const own = (y: number) => byYear.get(y)?.get(options.country);
  const years = [...(options.years ?? [...byYear.keys()].filter((y) => own(y)))].sort((a, b) => a - b);
  // Members of the peer group with a score on a measure, for each year, and those in every year.
  const presentOf = (valueOf: (r: ScoreResult) => Exact | null) =>
    years.map((y) => [...(byYear.get(y) ?? new Map<string, ScoreResult>()).values()].filter((r) => isPeer(r.country, y, peers) && valueOf(r) !== null).map((r) => r.country).sort(byCodePoint));
  const constantOf = (present: string[][]) => {
    let constant = present[0] ? [...present[0]] : [];
    for (const p of present.slice(1)) {
      const s = new Set(p);
      constant = constant.filter((c) => s.has(c));
    }
    return constant;
  };
  let measure: ComparableTrend['measure'];
  let valueOf: (r: ScoreResult) => Exact | null;
  if (options.area) {
    const area = options.area;
    const title = results.find((r) => r.root.children.some((c) => c.id === area))?.root.children.find((c) => c.id === area)?.title ?? area;
    measure = { kind: 'area', id: area, title };
    valueOf = (r) => areaExact(r, area);
  } else {
    let chosen = options.variant ? options.variants.find((v) => v.id === options.variant) : undefined;
    if (!chosen && options.variants.length) {
      // Comparable over what the trend shows: the unit and its peers in the years shown.
      const shown = years.flatMap((y) => [...(byYear.get(y)?.values() ?? [])].filter((r) => r.country === options.country || isPeer(r.country, y, peers)));
      const ownResults = years.map(own).filter((r): r is ScoreResult => r !== undefined);
      const id = comparableVariant({ variants: options.variants, defaultVariant: options.variants[0]!.id }, shown);
      chosen = options.variants.find((v) => v.id === id);
      if (!chosen) {
        // Nothing comparable: the variant scored in most years (the first on a tie).
        let best = -1;
        for (const v of options.variants) {
          const c = ownResults.filter((r) => variantExact(r, v.id) !== null).length;
          if (c > best) [chosen, best] = [v, c];
        }
      }
    }
    const id = chosen?.id ?? options.variant ?? '';
    measure = { kind: 'variant', id, title: chosen?.title ?? id };
    valueOf = (r) => variantExact(r, id);
  }
  const ownValues = years.map((y) => {
    const r = own(y);
    return r ? valueOf(r) : null;
  });
  const everyYear = ownValues.every((v) => v !== null);
  const present = presentOf(valueOf);
  const constant = constantOf(present);
  const peerMode: ComparableTrend['peerMode'] = constant.length >= 2 ? 'constant' : 'broken';
  const segmentOf = runsOfEqualSets(years, (_, i) => (peerMode === 'constant' ? constant : present[i]!)).flatMap((run, i) => run.years.map(() => i));
  const points = years.map((year, i): ComparableTrendPoint => {
    const members = peerMode === 'constant' ? constant : present[i]!;
    const m = byYear.get(year)!;
    const peer = peerMode === 'broken' && members.length < 2
      ? { score: null, display: null, value: null, count: members.length }
      : exactMean(members.map((c) => valueOf(m.get(c)!)), options.display);
    const v = ownValues[i] ?? null;
    return {
      year,
      score: v === null ? null : exactString(v),
      display: v === null ? null : displayString(v, options.display.precision, options.display.rounding),
      value: v === null ? null : toNumber(v),
      peer,
      segment: segmentOf[i]!,
    };
  });
  return { measure, everyYear, years, peerMode, members: peerMode === 'constant' ? constant : [], points };
}

/**
 * Consecutive runs of years (ascending) with the same set of units; `unitsOf` gives the units
 * of each year. The one rule for where a trend line breaks.
 */
function runsOfEqualSets(years: readonly number[], unitsOf: (year: number, index: number) => readonly string[]): PeerSegment[] {
  const out: PeerSegment[] = [];
  years.forEach((y, i) => {
    const units = [...unitsOf(y, i)].sort(byCodePoint);
    const last = out[out.length - 1];
    if (last && last.units.join(',') === units.join(',')) last.years.push(y);
    else out.push({ years: [y], units });
  });
  return out;
}

/** One row of the long trend table. */
export interface TrendRow extends Pick<Figure, 'score' | 'display'> {
  country: string;
  year: number;
  variant: string;
  node: string;
  level: string;
  parent: string;
}

/**
 * Every node of every result as a long table (one row per unit, year and node), in rubric
 * order, units in code-point order.
 *
 * @example
 * ```ts
 * import { trendRows, scoreAnswerSet, type AnswerSet, type Rubric } from 'policy-index';
 * declare const rubric: Rubric, sets: AnswerSet[];
 * trendRows(rubric, sets.map((s) => scoreAnswerSet(rubric, s))).filter((r) => r.node === 'voice');
 * ```
 */
export function trendRows(rubric: Rubric, results: readonly ScoreResult[], nodes?: readonly string[]): TrendRow[] {
  const rows: TrendRow[] = [];
  const sorted = [...results].sort((a, b) => byCodePoint(a.country, b.country) || a.year - b.year);
  for (const r of sorted) {
    const walk = (n: RubricNode) => {
      if (!nodes || nodes.includes(n.id)) {
        const s = findScoredNode(r.root, n.id);
        rows.push({ country: r.country, year: r.year, variant: r.variant, node: n.id, level: n.level, parent: n.parentId ?? '', score: s?.status === 'scored' ? s.score : null, display: s?.status === 'scored' ? s.display : null });
      }
      n.children.forEach(walk);
    };
    walk(rubric.root);
  }
  return rows;
}

/** A run of years with the same set of units. */
export interface PeerSegment {
  years: number[];
  units: string[];
}

/**
 * Splits years into segments within which the set of units with a score is constant; a
 * line is only drawn within a segment. Years without units are left out.
 *
 * @example
 * ```ts
 * import { peerSegments } from 'policy-index';
 * peerSegments(new Map([[2018, ['A', 'B']], [2019, ['A', 'B']], [2020, ['A']]])).map((s) => s.units.length); // [2, 1]
 * ```
 */
export function peerSegments(membersByYear: ReadonlyMap<number, readonly string[]>): PeerSegment[] {
  const years = [...membersByYear.keys()].filter((y) => membersByYear.get(y)!.length > 0).sort((a, b) => a - b);
  return runsOfEqualSets(years, (y) => membersByYear.get(y)!);
}

/** One segment of a trend line. */
export interface TrendLineSegment {
  /** Number of units averaged (constant within the segment). */
  n: number;
  units: string[];
  /** The exact mean of the units each year: exact string, display string (the rubric's rounding) and number. */
  points: { year: number; score: string; display: string; value: number }[];
}

/** The trend line of one node (mean over the units shown), broken where the unit set changes. */
export interface TrendLine {
  node: string;
  title: string;
  segments: TrendLineSegment[];
}

/**
 * Per-node trend lines (default: the top score as the rubric id, and the areas): for each year
 * the exact mean of the scorer's rationals over the units with a score, split into
 * constant-set segments ({@link peerSegments}).
 *
 * @example
 * ```ts
 * import { trendLines, type Rubric, type ScoreResult } from 'policy-index';
 * declare const rubric: Rubric, results: ScoreResult[];
 * for (const line of trendLines(rubric, results)) console.log(line.node, line.segments.map((s) => s.n));
 * ```
 */
export function trendLines(rubric: Rubric, results: readonly ScoreResult[], nodes: readonly string[] = [rubric.root.id, ...rubric.root.children.map((a) => a.id)]): TrendLine[] {
  const display: DisplayRule = { precision: rubric.display.precision, rounding: rubric.display.rounding };
  return nodes.map((id) => {
    const members = new Map<number, string[]>();
    const values = new Map<string, Exact>();
    for (const r of results) {
      const s = findScoredNode(r.root, id);
      if (!members.has(r.year)) members.set(r.year, []);
      const x = s?.status === 'scored' ? exactScore(s) : null;
      if (x !== null) {
        members.get(r.year)!.push(r.country);
        values.set(`${r.country}|${r.year}`, x);
      }
    }
    const segments = peerSegments(members).map((seg): TrendLineSegment => ({
      n: seg.units.length,
      units: seg.units,
      points: seg.years.map((y) => {
        const m = exactMean(seg.units.map((u) => values.get(`${u}|${y}`)!), display);
        return { year: y, score: m.score!, display: m.display!, value: m.value! };
      }),
    }));
    return { node: id, title: rubric.nodes.get(id)?.title ?? id, segments };
  });
}
