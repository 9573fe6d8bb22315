/**
 * Trends that compare like with like: one measure (a variant) scored in every year shown, and a
 * peer average over the same set of units in every year — or, where no such set exists, a
 * line that breaks wherever its set of units changes, with the count of each year shown.
 *
 * Pure functions of {@link ScoreResult} values; every average is the exact mean of the
 * scorer's rationals.
 *
 * @module
 */
import { add, div, ratio, type Exact, displayString, exactString, toNumber } from '../exact/index.js';
import type { RubricVariant } from '../rubric/types.js';
import { attachExact, exactScore } from '../scoring/exact-value.js';
import type { ScoreResult } from '../scoring/types.js';
import type { DisplayRule } from './compare.js';
import { isPeer, type PeerGroup } from './peer-group.js';

/** An exact mean for the page: exact string, display string, number, and how many values it has. */
export interface ExactAverage {
  score: string | null;
  display: string | null;
  value: number | null;
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
export interface ComparableTrendPoint {
  year: number;
  score: string | null;
  display: string | null;
  value: number | null;
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
 * Chooses the trend measure and the peer set of one unit's trend: the first variant (in the
 * order given) that has a score in every year shown — else the one scored in most years — and a
 * peer average over the units of the peer group that have a score on that measure in every
 * year shown. When fewer than two such units exist, the peer line is `broken`: each year
 * averages the members present, and a new segment starts whenever that set changes.
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
    years.map((y) => [...(byYear.get(y) ?? new Map<string, ScoreResult>()).values()].filter((r) => isPeer(r.country, y, peers) && valueOf(r) !== null).map((r) => r.country).sort());
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
    const of = (id: string) => (r: ScoreResult) => variantExact(r, id);
    const count = (id: string) => years.filter((y) => {
      const r = own(y);
      return r ? variantExact(r, id) !== null : false;
    }).length;
    let chosen = options.variant ? options.variants.find((v) => v.id === options.variant) : undefined;
    if (!chosen) {
      // The first variant scored in every year with a constant peer set of two or more; else
      // the first scored in every year; else the one scored in most years.
      const full = options.variants.filter((v) => count(v.id) === years.length);
      chosen = full.find((v) => constantOf(presentOf(of(v.id))).length >= 2) ?? full[0];
      if (!chosen) {
        let best = -1;
        for (const v of options.variants) {
          const c = count(v.id);
          if (c > best) [chosen, best] = [v, c];
        }
      }
    }
    const id = chosen?.id ?? options.variant ?? '';
    measure = { kind: 'variant', id, title: chosen?.title ?? id };
    valueOf = of(id);
  }
  const ownValues = years.map((y) => {
    const r = own(y);
    return r ? valueOf(r) : null;
  });
  const everyYear = ownValues.every((v) => v !== null);
  const present = presentOf(valueOf);
  const constant = constantOf(present);
  const peerMode: ComparableTrend['peerMode'] = constant.length >= 2 ? 'constant' : 'broken';
  let segment = 0;
  let lastKey: string | undefined;
  const points = years.map((year, i): ComparableTrendPoint => {
    const members = peerMode === 'constant' ? constant : present[i]!;
    const key = members.join(',');
    if (peerMode === 'broken' && lastKey !== undefined && key !== lastKey) segment++;
    lastKey = key;
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
      segment,
    };
  });
  return { measure, everyYear, years, peerMode, members: peerMode === 'constant' ? constant : [], points };
}
