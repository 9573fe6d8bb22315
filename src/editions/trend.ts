/**
 * Trends over editions: every node by unit and year as a long table, and per-area trend lines
 * that follow the comparable-set rules:
 *
 * - one variant, available (scored) for every unit in every year shown ({@link comparableVariant});
 * - a constant peer set: a line's average is only continued from one year to the next when the
 *   same units are in both years; where the set changes the line is broken and a new segment
 *   starts, labelled with its n ({@link peerSegments}).
 *
 * Each rule is a separate pure function so that it can be shared with other trend views.
 *
 * @module
 */
import { add, ratio, ratioString, type Ratio } from '../exact/index.js';
import type { Rubric, RubricNode } from '../rubric/types.js';
import { findScoredNode } from '../scoring/score.js';
import type { ScoreResult } from '../scoring/types.js';

/** One row of the long trend table. */
export interface TrendRow {
  country: string;
  year: number;
  variant: string;
  node: string;
  level: string;
  parent: string;
  score: string | null;
  display: string | null;
}

/**
 * Every node of every result as a long table (one row per unit, year and node), in rubric order.
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
  const sorted = [...results].sort((a, b) => a.country.localeCompare(b.country) || a.year - b.year);
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

/**
 * The variant to show: `preferred` (default: the rubric's default) when every result has a
 * score for it, else the first variant every result has, else undefined (no comparable variant).
 *
 * @example
 * ```ts
 * import { comparableVariant, type Rubric, type ScoreResult } from 'policy-index';
 * declare const rubric: Rubric, results: ScoreResult[];
 * comparableVariant(rubric, results) ?? 'no variant is scored in every year shown';
 * ```
 */
export function comparableVariant(rubric: Rubric, results: readonly ScoreResult[], preferred = rubric.defaultVariant): string | undefined {
  const ok = (id: string) => results.every((r) => r.variants.find((v) => v.id === id)?.status === 'scored');
  if (ok(preferred)) return preferred;
  return rubric.variants.find((v) => ok(v.id))?.id;
}

/** A run of years with the same set of units. */
export interface PeerSegment {
  years: number[];
  units: string[];
}

/**
 * Splits years into segments within which the set of units with a score is constant; a
 * line is only drawn within a segment.
 *
 * @example
 * ```ts
 * import { peerSegments } from 'policy-index';
 * peerSegments(new Map([[2018, ['A', 'B']], [2019, ['A', 'B']], [2020, ['A']]])).map((s) => s.units.length); // [2, 1]
 * ```
 */
export function peerSegments(membersByYear: ReadonlyMap<number, readonly string[]>): PeerSegment[] {
  const years = [...membersByYear.keys()].sort((a, b) => a - b);
  const out: PeerSegment[] = [];
  for (const y of years) {
    const units = [...membersByYear.get(y)!].sort();
    const last = out[out.length - 1];
    if (last && last.units.join(',') === units.join(',')) last.years.push(y);
    else if (units.length) out.push({ years: [y], units });
  }
  return out;
}

/** One segment of an area trend line. */
export interface TrendLineSegment {
  /** Number of units averaged (constant within the segment). */
  n: number;
  units: string[];
  points: { year: number; score: string; value: number }[];
}

/** The trend line of one node (mean over the units shown), broken where the unit set changes. */
export interface TrendLine {
  node: string;
  title: string;
  segments: TrendLineSegment[];
}

const toRatio = (s: string): Ratio => {
  const neg = s.startsWith('-');
  const [i, f = ''] = s.replace('-', '').split('.');
  return ratio((neg ? -1n : 1n) * BigInt(i! + f), 10n ** BigInt(f.length));
};

/**
 * Per-node trend lines (default: the areas, and the top score as the rubric id): for each year
 * the exact mean over the units with a score, split into constant-peer-set segments.
 *
 * @example
 * ```ts
 * import { trendLines, type Rubric, type ScoreResult } from 'policy-index';
 * declare const rubric: Rubric, results: ScoreResult[];
 * for (const line of trendLines(rubric, results)) console.log(line.node, line.segments.map((s) => s.n));
 * ```
 */
export function trendLines(rubric: Rubric, results: readonly ScoreResult[], nodes: readonly string[] = [rubric.root.id, ...rubric.root.children.map((a) => a.id)]): TrendLine[] {
  return nodes.map((id) => {
    const members = new Map<number, string[]>();
    const scores = new Map<string, string>();
    for (const r of results) {
      const s = findScoredNode(r.root, id);
      if (!members.has(r.year)) members.set(r.year, []);
      if (s?.status === 'scored' && s.score !== null) {
        members.get(r.year)!.push(r.country);
        scores.set(`${r.country}|${r.year}`, s.score);
      }
    }
    const segments = peerSegments(members).map((seg): TrendLineSegment => ({
      n: seg.units.length,
      units: seg.units,
      points: seg.years.map((y) => {
        let sum: Ratio = ratio(0n);
        for (const u of seg.units) sum = add(sum, toRatio(scores.get(`${u}|${y}`)!)) as Ratio;
        const mean = ratio(sum.n, sum.d * BigInt(seg.units.length));
        const score = ratioString(mean);
        return { year: y, score, value: Number(mean.n) / Number(mean.d) };
      }),
    }));
    return { node: id, title: rubric.nodes.get(id)?.title ?? id, segments };
  });
}
