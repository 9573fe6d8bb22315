/**
 * Comparisons across countries: rankings of many score results for one year and variant
 * (ties share a rank), peer-group averages of the areas and the overall score, and the
 * strengths and weaknesses of one country relative to its peers.
 *
 * Pure functions over {@link ScoreResult} values; no file system. Averages are computed with
 * exact decimals and leave the library as strings (exact) plus numbers (for charts).
 *
 * @module
 */
import { cmp as compareExact, decimalTextValue, displayString, exactString, fromDecimalText, ratio, sub, toNumber, ZERO, type Exact, type Ratio } from '../exact/index.js';
import type { Rounding } from '../rubric/types.js';
import { exactScore } from '../scoring/exact-value.js';
import { comparableVariant, defaultYear, variantChoicesOf } from './comparable.js';
import { areaExact, exactMean, variantExact, type ExactAverage } from './trend.js';
import type { Figure, ScoreResult, ScoredNode } from '../scoring/types.js';
import { countryName } from '../units/countries.js';
import { byCodePoint } from '../text/order.js';
import { isNamedPeerGroup, isPeer, type PeerGroup } from './peer-group.js';

/** How scores are rounded for display (taken from the rubric). */
export interface DisplayRule {
  precision: number;
  rounding: Rounding;
}

/** Rounds an exact decimal string for display. */
export function roundForDisplay(exact: string, rule: DisplayRule): string {
  return displayString(decimalTextValue(exact), rule.precision, rule.rounding);
}

/** The display rule of a set of results: the rubric's precision and rounding, unless given. */
function ruleOf(results: readonly ScoreResult[], given?: DisplayRule): DisplayRule {
  return given ?? { precision: results[0]?.precision ?? 1, rounding: results[0]?.rounding ?? 'half-up' };
}

/** A country's score on one variant, or `null` when that variant has no score. */
export function variantScore(result: ScoreResult, variant: string): Figure {
  const v = result.variants.find((x) => x.id === variant);
  if (!v || v.status !== 'scored') return { score: null, display: null, value: null };
  return { score: v.score, display: v.display, value: v.value };
}

/** The scored area nodes of a result, by area id. */
export function areaNodes(result: ScoreResult): Map<string, ScoredNode> {
  return new Map(result.root.children.map((c) => [c.id, c]));
}

/** One row of a {@link Ranking}: one country of a {@link Ranking}, its figure on the ranked variant (null when it has none), its rank and every score. */
export interface RankedEntry extends Figure {
  country: string;
  name: string;
  year: number;
  /** 1-based competition rank (1, 2, 2, 4 …); null when unscored. */
  rank: number | null;
  /** The rank as shown: `3`, `=3` for a shared rank, `—` when unscored. */
  rankLabel: string;
  /** Whether the rank is shared with another country. */
  tied: boolean;
  /** Every variant's score. */
  variants: (Figure & { id: string })[];
  /** Every area's score, in rubric order. */
  areas: (Figure & { id: string })[];
}

/** A ranking of countries for one year and variant. */
export interface Ranking {
  year: number;
  variant: string;
  variantTitle: string;
  /** Number of countries with a score. */
  scored: number;
  /** Areas in rubric order. */
  areas: { id: string; title: string }[];
  /** Variants in rubric order. */
  variants: { id: string; title: string }[];
  /** Ranked entries first (best first; ties alphabetical by country code), then unscored ones. */
  entries: RankedEntry[];
}

/** Options for {@link rankResults}. */
export interface RankOptions {
  /**
   * Variant to rank (default: the {@link comparableVariant} of the year's results, preferring
   * the variant their root carries).
   */
  variant?: string;
  /** Year to rank (default: the year in which the most units have a complete score, see {@link defaultYear}). */
  year?: number;
  /**
   * What counts as a tie: `display` (default) — equal scores as published, so the ranks agree
   * with the numbers a reader sees; `exact` — equal exact scores.
   */
  tieOn?: 'display' | 'exact';
  /** Country names by code (default: the English short name of the ISO code). */
  names?: ReadonlyMap<string, string>;
}

/**
 * Ranks score results of one year on one variant. Countries with equal scores share a rank
 * (competition ranking: 1, 2, =3, =3, 5) shown with a leading `=`.
 *
 * @example
 * ```ts
 * import { rankResults } from 'policy-index';
 * declare const results: import('policy-index').ScoreResult[];
 * const ranking = rankResults(results, { year: 2019, variant: 'with-health' });
 * for (const e of ranking.entries) console.log(e.rankLabel, e.country, e.display);
 * ```
 */
export function rankResults(results: readonly ScoreResult[], options: RankOptions = {}): Ranking {
  const choices = variantChoicesOf(results);
  const year = options.year ?? defaultYear(choices, results) ?? -Infinity;
  const pool = results.filter((r) => r.year === year);
  const first = pool[0] ?? results[0];
  const variant = options.variant ?? comparableVariant(choices, pool, first?.variant) ?? first?.variant ?? '';
  const variantTitle = first?.variants.find((v) => v.id === variant)?.title ?? variant;
  const areas = first ? first.root.children.map((c) => ({ id: c.id, title: c.title })) : [];
  const variants = first ? first.variants.map((v) => ({ id: v.id, title: v.title })) : [];
  const tieOn = options.tieOn ?? 'display';
  // One entry per country: if a country appears twice in a year, the later input wins.
  const byCountry = new Map<string, ScoreResult>();
  for (const r of pool) byCountry.set(r.country, r);
  const entries: RankedEntry[] = [...byCountry.values()].map((r) => {
    const s = variantScore(r, variant);
    const nodes = areaNodes(r);
    return {
      country: r.country,
      name: options.names?.get(r.country) ?? countryName(r.country) ?? r.country,
      year: r.year,
      ...s,
      rank: null,
      rankLabel: '—',
      tied: false,
      variants: r.variants.map((v) => ({ id: v.id, ...variantScore(r, v.id) })),
      areas: areas.map((a) => {
        const n = nodes.get(a.id);
        return n && n.status === 'scored' ? { id: a.id, score: n.score, display: n.display, value: n.value } : { id: a.id, score: null, display: null, value: null };
      }),
    };
  });
  const ranks = rankBy(entries.map((e) => ({ id: e.country, key: tieOn === 'display' ? e.display : e.score })));
  const order = new Map(ranks.map((r, i) => [r.id, i]));
  entries.sort((a, b) => order.get(a.country)! - order.get(b.country)!);
  ranks.forEach((r, i) => Object.assign(entries[i]!, { rank: r.rank, rankLabel: r.rankLabel, tied: r.tied }));
  const scored = ranks.filter((r) => r.rank !== null).length;
  return { year, variant, variantTitle, scored, areas, variants, entries };
}

/** A rank computed by {@link rankBy}. */
export interface RankOf {
  id: string;
  rank: number | null;
  rankLabel: string;
  tied: boolean;
}

/**
 * Ranks items by a decimal key, highest first; equal keys share a rank (1, 2, =3, =3, 5);
 * items without a key come last, unranked. Ties are listed by id. Returns the items in rank order.
 *
 * @example
 * ```ts
 * import { rankBy } from 'policy-index';
 * rankBy([{ id: 'A', key: '80' }, { id: 'B', key: '90' }, { id: 'C', key: '80' }]).map((r) => `${r.id} ${r.rankLabel}`);
 * // ['B 1', 'A =2', 'C =2']
 * ```
 */
export function rankBy(items: readonly { id: string; key: string | null }[]): RankOf[] {
  const keyed = items.map((i) => ({ id: i.id, k: i.key === null ? null : decimalTextValue(i.key) }));
  keyed.sort((a, b) => {
    if (a.k === null || b.k === null) return a.k === b.k ? byCodePoint(a.id, b.id) : a.k === null ? 1 : -1;
    return compareExact(b.k, a.k) || byCodePoint(a.id, b.id);
  });
  const out: RankOf[] = keyed.map((x) => ({ id: x.id, rank: null, rankLabel: '—', tied: false }));
  for (let i = 0; i < keyed.length; i++) {
    const k = keyed[i]!.k;
    if (k === null) continue;
    const prev = i > 0 ? keyed[i - 1]!.k : null;
    out[i]!.rank = prev && compareExact(prev, k) === 0 ? out[i - 1]!.rank : i + 1;
  }
  for (let i = 0; i < out.length; i++) {
    const e = out[i]!;
    if (e.rank === null) continue;
    e.tied = (i > 0 && out[i - 1]!.rank === e.rank) || (i + 1 < out.length && out[i + 1]!.rank === e.rank);
    e.rankLabel = `${e.tied ? '=' : ''}${e.rank}`;
  }
  return out;
}

export type { NamedPeerGroup, PeerGroup } from './peer-group.js';

/** Options for {@link peerAverage}. */
export interface PeerAverageOptions {
  year: number;
  peers?: PeerGroup;
  /** Display rounding (default: the results' precision, half-up). */
  display?: DisplayRule;
}

/** An average score of a peer group: an {@link ExactAverage} (the figure is null when no member has a score). */
export type AverageScore = ExactAverage;

/** Peer-group averages of one year: every area and every variant. */
export interface PeerAverages {
  year: number;
  /** `all`, `eu`, `oecd` or `custom` (a list of codes or a named group). */
  group: 'all' | 'eu' | 'oecd' | 'custom';
  /** Human-readable name of the group, e.g. `EU member states (28)`. */
  label: string;
  /** Members found among the results, sorted. */
  members: string[];
  areas: Record<string, AverageScore>;
  variants: Record<string, AverageScore>;
}

/**
 * The members of a peer group among the results of one year.
 *
 * @example
 * ```ts
 * import { peerMembers, type ScoreResult } from 'policy-index';
 * declare const results: ScoreResult[];
 * peerMembers(results, 2019, 'eu'); // the EU member states of 2019 among the results, sorted
 * ```
 */
export function peerMembers(results: readonly ScoreResult[], year: number, peers: PeerGroup = 'all'): string[] {
  const codes = new Set(results.filter((r) => r.year === year).map((r) => r.country));
  return [...codes].filter((c) => isPeer(c, year, peers)).sort();
}

/** A readable name of a peer group. */
export function peerGroupLabel(peers: PeerGroup, count: number): string {
  if (peers === 'all') return `All countries (${count})`;
  if (peers === 'eu') return `EU member states (${count})`;
  if (peers === 'oecd') return `OECD members (${count})`;
  if (isNamedPeerGroup(peers)) return `${peers.title} (${count})`;
  return `Selected countries (${count})`;
}

/**
 * Averages of a peer group in one year: the exact mean of every area and every variant over
 * the members that have a score (the country being compared is counted when it belongs to
 * the group, as published EU averages do). EU and OECD membership follow the year: the United
 * Kingdom counts in the EU up to 2019, Croatia from 2013, Chile in the OECD from 2010.
 *
 * @example
 * ```ts
 * import { peerAverage } from 'policy-index';
 * declare const results: import('policy-index').ScoreResult[];
 * const eu = peerAverage(results, { year: 2019, peers: 'eu' });
 * console.log(eu.label, eu.areas['a']?.display);
 * ```
 */
export function peerAverage(results: readonly ScoreResult[], options: PeerAverageOptions): PeerAverages {
  const peers = options.peers ?? 'all';
  const rule = ruleOf(results, options.display);
  const members = peerMembers(results, options.year, peers);
  const set = new Set(members);
  const byCountry = new Map<string, ScoreResult>();
  for (const r of results) if (r.year === options.year && set.has(r.country)) byCountry.set(r.country, r);
  const pool = [...byCountry.values()];
  const areaIds = pool[0]?.root.children.map((c) => c.id) ?? results[0]?.root.children.map((c) => c.id) ?? [];
  const variantIds = pool[0]?.variants.map((v) => v.id) ?? results[0]?.variants.map((v) => v.id) ?? [];
  const areas: Record<string, AverageScore> = {};
  for (const id of areaIds) areas[id] = exactMean(pool.map((r) => areaExact(r, id)), rule);
  const variants: Record<string, AverageScore> = {};
  for (const id of variantIds) variants[id] = exactMean(pool.map((r) => variantExact(r, id)), rule);
  return { year: options.year, group: peers === 'all' || peers === 'eu' || peers === 'oecd' ? peers : 'custom', label: peerGroupLabel(peers, members.length), members, areas, variants };
}

/** A fraction as plain data: numerator and denominator as big integers (`d` not zero), the exact module's fraction type. */
export type FractionValue = Ratio;

/**
 * The exact mean of scores (nulls skipped), given as decimal texts such as score strings (`'62.5'`)
 * or as fractions `{ n, d }`; a text outside the decimal grammar, or a fraction with `d` zero,
 * makes the mean `NaN`. Public as `exactMean`.
 *
 * @example
 * ```ts
 * import { exactMean } from 'policy-index';
 * exactMean([{ n: 100n, d: 3n }, { n: 100n, d: 3n }, '100', { n: 250n, d: 3n }], { precision: 0, rounding: 'half-up' }).display; // '63'
 * ```
 */
export function averageScores(values: readonly (string | FractionValue | null)[], rule: DisplayRule): ExactAverage {
  const exact = (v: string | FractionValue): Exact =>
    typeof v === 'string' ? decimalTextValue(v) : typeof v?.n === 'bigint' && typeof v.d === 'bigint' && v.d !== 0n ? ratio(v.n, v.d) : decimalTextValue('NaN');
  return exactMean(values.map((v) => (v === null ? null : exact(v))), rule);
}

/** The exact difference `a − b` of two scores (scored nodes, variants or averages), or null. */
export function exactDifference(a: { score: string | null }, b: { score: string | null }): { difference: string; value: number; exact: Exact } | null {
  const x = exactScore(a);
  const y = exactScore(b);
  if (x === null || y === null) return null;
  const d = sub(x, y);
  return { difference: exactString(d), value: toNumber(d), exact: d };
}

/** Rounds an exact value for display with the declared rule. */
export function roundExact(x: Exact, rule: DisplayRule): string {
  return displayString(x, rule.precision, rule.rounding);
}

/** One area's difference from the peer average. */
export interface AreaDifference {
  area: string;
  title: string;
  score: string;
  display: string;
  peerAverage: string;
  peerDisplay: string;
  /** Country minus peer average, exact. */
  difference: string;
  /** The difference as shown beside the two displayed figures, with a sign (`+12`, `−3`): `display − peerDisplay` (see {@link shownDifference}). */
  differenceDisplay: string;
  differenceValue: number;
}

/** Options for {@link strengthsAndWeaknesses}. */
export interface StrengthsOptions {
  /** How many areas to list on each side (default 3). */
  limit?: number;
  display?: DisplayRule;
}

/**
 * The difference `a − b` as a page shows it beside the two displayed figures: the difference of
 * the displayed (rounded) figures, with a sign, to as many places as they have — so that the
 * arithmetic a reader does on the page holds (`69` and `51` give `+18`, never `+19`; `21 → 21`
 * gives `0`; for 69.4 and 50.6, shown as `69` and `51`, it is `+18` although the exact
 * difference 18.8 rounds to 19). The exact difference is kept beside it in the exact fields.
 * Null when either figure is missing or not a number.
 */
export function shownDifference(a: Pick<Figure, 'display'>, b: Pick<Figure, 'display'>): string | null {
  if (a.display === null || b.display === null) return null;
  const x = fromDecimalText(a.display);
  const y = fromDecimalText(b.display);
  if (x === undefined || y === undefined) return null;
  const places = (t: string) => (t.includes('.') ? t.length - t.indexOf('.') - 1 : 0);
  return signed(displayString(sub(x, y), Math.max(places(a.display.trim()), places(b.display.trim())), 'half-up'));
}

/** Formats a signed difference with a true minus sign. */
export function signed(display: string): string {
  if (/^-/.test(display)) return display.replace(/^-/, '−').replace(/^−0(\.0+)?$/, '0$1');
  return /^0(\.0+)?$/.test(display) ? display : `+${display}`;
}

/**
 * The areas where a country is furthest above (strengths) and below (weaknesses) its peer
 * average, largest difference first. Areas without a score on either side are left out.
 *
 * @example
 * ```ts
 * import { peerAverage, strengthsAndWeaknesses } from 'policy-index';
 * declare const results: import('policy-index').ScoreResult[];
 * const peers = peerAverage(results, { year: 2019 });
 * const sw = strengthsAndWeaknesses(results[0]!, peers);
 * console.log(sw.strengths.map((s) => s.title));
 * ```
 */
export function strengthsAndWeaknesses(result: ScoreResult, peers: PeerAverages, options: StrengthsOptions = {}): { strengths: AreaDifference[]; weaknesses: AreaDifference[]; all: AreaDifference[] } {
  const rule = options.display ?? { precision: result.precision, rounding: 'half-up' as const };
  const limit = options.limit ?? 3;
  const all: AreaDifference[] = [];
  const exact = new Map<AreaDifference, Exact>();
  for (const n of result.root.children) {
    const avg = peers.areas[n.id];
    if (n.status !== 'scored' || !avg || avg.score === null) continue;
    const d = exactDifference(n, avg)!;
    const difference = d.difference;
    const item: AreaDifference = {
      area: n.id,
      title: n.title,
      score: n.score!,
      display: n.display!,
      peerAverage: avg.score,
      peerDisplay: avg.display!,
      difference,
      differenceDisplay: shownDifference(n, avg) ?? signed(roundExact(d.exact, rule)),
      differenceValue: d.value,
    };
    all.push(item);
    exact.set(item, d.exact);
  }
  const sign = (d: AreaDifference) => compareExact(exact.get(d)!, ZERO);
  const byDiff = (a: AreaDifference, b: AreaDifference) => compareExact(exact.get(b)!, exact.get(a)!) || byCodePoint(a.area, b.area);
  const strengths = all.filter((d) => sign(d) > 0).sort(byDiff).slice(0, limit);
  const weaknesses = all.filter((d) => sign(d) < 0).sort((a, b) => compareExact(exact.get(a)!, exact.get(b)!) || byCodePoint(a.area, b.area)).slice(0, limit);
  return { strengths, weaknesses, all };
}
