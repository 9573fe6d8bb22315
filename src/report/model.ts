/**
 * The scorecard model: everything a country scorecard shows, as plain JSON data, built from
 * score results (and answer sets, for the change section). The HTML, Markdown and JSON
 * renderers read only this model.
 *
 * A {@link ScorecardContext} holds the results of every country and year once and memoises
 * rankings and peer averages, so building all scorecards of a data set stays fast.
 *
 * @module
 */
import type { AnswerSet } from '../answers/types.js';
import { computeChange, previousAnswerSet } from '../analysis/change.js';
import {
  exactDifference,
  roundExact,
  peerAverage,
  rankBy,
  rankResults,
  shownDifference,
  signed,
  strengthsAndWeaknesses,
  type DisplayRule,
  type PeerAverages,
  type PeerGroup,
  type RankOf,
  type Ranking,
} from '../analysis/compare.js';
import { comparableVariant, defaultYear, hasCompleteScore, variantPreference } from '../analysis/comparable.js';
import { decimalTextValue, displayString, mul, ratio } from '../exact/index.js';
import { comparableTrend, type ExactAverage } from '../analysis/trend.js';
import type { QuestionNode, Rubric } from '../rubric/types.js';
import type { Figure, ScoredNode, ScoreResult } from '../scoring/types.js';
import { countryName } from '../units/countries.js';
import type { AreaCard, Comparison, Derivation, NodeCard, OutcomeEntry, OverallCard, Scorecard } from './schema.js';

export type { Scorecard, NodeCard, OutcomeEntry } from './schema.js';

/** Options for {@link createScorecardContext}. */
export interface ScorecardContextOptions {
  /** Peer group for averages, strengths and weaknesses (default `all`). */
  peers?: PeerGroup;
  /** How an answer-set file name is shown (default: its last path segment). */
  fileLabel?: (file: string) => string;
}

/** Results of many countries and years, with memoised rankings and peer averages. */
export interface ScorecardContext {
  rubric: Rubric;
  results: readonly ScoreResult[];
  answerSets: readonly AnswerSet[];
  peers: PeerGroup;
  display: DisplayRule;
  fileLabel: (file: string) => string;
  /** The result of one country and year. */
  result(country: string, year: number): ScoreResult | undefined;
  /** Years with a result for a country, ascending. */
  years(country: string): number[];
  /** Countries with a result, sorted. */
  countries(): string[];
  /** The name of a country: as its answer sets give it, else the English short name of the code. */
  name(country: string): string;
  ranking(year: number, variant: string): Ranking;
  areaRanks(year: number, area: string): Map<string, RankOf>;
  peerAverages(year: number): PeerAverages;
  /**
   * The comparable variant of the context ({@link comparableVariant} of every result): the
   * measure of every trend, and the variant a complete score is asked on for default years.
   */
  trendVariant?: string;
  /** Number of countries with a score in a year (overall, per variant). */
}

/**
 * Prepares the results of many countries and years for building scorecards.
 *
 * @example
 * ```ts
 * import { createScorecardContext, buildScorecard, scoreAnswerSet } from 'policy-index';
 * declare const rubric: import('policy-index').Rubric;
 * declare const sets: import('policy-index').AnswerSet[];
 * const ctx = createScorecardContext(rubric, sets.map((s) => scoreAnswerSet(rubric, s)), sets, { peers: 'eu' });
 * const card = buildScorecard(ctx, 'CA');
 * ```
 */
export function createScorecardContext(rubric: Rubric, results: readonly ScoreResult[], answerSets: readonly AnswerSet[] = [], options: ScorecardContextOptions = {}): ScorecardContext {
  const byKey = new Map<string, ScoreResult>();
  const years = new Map<string, number[]>();
  for (const r of results) {
    byKey.set(`${r.country}|${r.year}`, r);
    const ys = years.get(r.country) ?? [];
    if (!ys.includes(r.year)) ys.push(r.year);
    years.set(r.country, ys);
  }
  for (const ys of years.values()) ys.sort((a, b) => a - b);
  const rankings = new Map<string, Ranking>();
  const areaRankCache = new Map<string, Map<string, RankOf>>();
  const peerCache = new Map<number, PeerAverages>();
  const peers = options.peers ?? 'all';
  const display: DisplayRule = { precision: rubric.display.precision, rounding: rubric.display.rounding };
  const names = new Map<string, string>();
  for (const s of [...answerSets].sort((a, b) => a.year - b.year)) if (s.countryName) names.set(s.country, s.countryName);
  const ofYear = (year: number) => [...byKey.values()].filter((r) => r.year === year);
  const trendVariant = comparableVariant(rubric, results);
  return {
    ...(trendVariant ? { trendVariant } : {}),
    rubric,
    results,
    answerSets,
    peers,
    display,
    fileLabel: options.fileLabel ?? ((f) => f.split(/[\\/]/).pop() ?? f),
    result: (country, year) => byKey.get(`${country}|${year}`),
    years: (country) => years.get(country) ?? [],
    countries: () => [...years.keys()].sort(),
    name: (country) => names.get(country) ?? countryName(country) ?? country,
    ranking(year, variant) {
      const key = `${year}|${variant}`;
      let r = rankings.get(key);
      if (!r) rankings.set(key, (r = rankResults(ofYear(year), { year, variant, names })));
      return r;
    },
    areaRanks(year, area) {
      const key = `${year}|${area}`;
      let r = areaRankCache.get(key);
      if (!r) {
        const items = ofYear(year).map((res) => {
          const n = res.root.children.find((c) => c.id === area);
          return { id: res.country, key: n && n.status === 'scored' ? n.display : null };
        });
        r = new Map(rankBy(items).map((x) => [x.id, x]));
        areaRankCache.set(key, r);
      }
      return r;
    },
    peerAverages(year) {
      let p = peerCache.get(year);
      if (!p) {
        p = peerAverage(results, { year, peers, display });
        if (p.group === 'all') p = { ...p, label: `All ${unitWords(rubric).unitNounPlural} (${p.members.length})` };
        // Never a comparison with a peer group of one: its "average" is the unit itself.
        if (p.members.length < 2) {
          const none = { score: null, display: null, value: null, count: p.members.length };
          p = { ...p, areas: Object.fromEntries(Object.keys(p.areas).map((k) => [k, none])), variants: Object.fromEntries(Object.keys(p.variants).map((k) => [k, none])) };
        }
        peerCache.set(year, p);
      }
      return p;
    },
  };
}

/** Variants in order of preference for trends: `preferred` (default: the rubric's default) first, then rubric order. */
function trendVariants(rubric: Rubric, preferred?: string) {
  return variantPreference(rubric, preferred).map((id) => rubric.variants.find((v) => v.id === id)!);
}

/** Years as a reader says them: `2014–2018` for a run, `2014, 2016` otherwise. */
function yearsText(years: readonly number[]): string {
  const ys = [...new Set(years)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < ys.length; ) {
    let j = i;
    while (j + 1 < ys.length && ys[j + 1] === ys[j]! + 1) j++;
    runs.push(j > i + 1 ? `${ys[i]}–${ys[j]}` : j === i + 1 ? `${ys[i]}, ${ys[j]}` : `${ys[i]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/** The year of a unit's scorecard unless asked: its latest year with a complete score ({@link defaultYear}). */
function cardYear(ctx: ScorecardContext, country: string): number | undefined {
  return defaultYear(ctx.rubric, ctx.results, { unit: country, ...(ctx.trendVariant ? { variant: ctx.trendVariant } : {}) });
}

/** A variant title inside a sentence: its first letter lower-cased unless it is an acronym. */
const lowerTitle = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** The rubric's nouns for its units (default `country` / `countries`). */
export function unitWords(rubric: Pick<Rubric, 'report'>): { unitNoun: string; unitNounPlural: string } {
  const unitNoun = rubric.report?.unitNoun ?? 'country';
  const unitNounPlural = rubric.report?.unitNounPlural ?? (rubric.report?.unitNoun ? (/y$/.test(unitNoun) && !/[aeiou]y$/.test(unitNoun) ? unitNoun.slice(0, -1) + 'ies' : unitNoun + 's') : 'countries');
  return { unitNoun, unitNounPlural };
}

/** Options for {@link buildScorecard}. */
export interface BuildScorecardOptions {
  /** Reference year (default: the country's latest year with a complete score, see {@link defaultYear}). */
  year?: number;
  /** A time to print on the card (ISO text). Without it the output is reproducible byte for byte. */
  generatedAt?: string;
  /** Outcome indicators to show beside the policy scores (never inside them). */
  outcomes?: OutcomeEntry[];
  /** Year to compare with in the change section (default: the previous year or wave). */
  since?: number;
}

const pct = (share: string | null) => (share === null ? '' : `${trimNumber(displayString(mul(decimalTextValue(share), ratio(100n)), 1, 'half-even'))}%`);
function trimNumber(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * A scorer's reason as a page shows it: the parts it lists by id ("Missing data (a, b) and the
 * rule is to fail", "Missing a, b left out; …") named by their titles.
 */
function namedReason(rubric: Rubric, reason: string): string {
  const names = (list: string) => list.split(', ').map((id) => rubric.nodes.get(id)?.title ?? id).join(', ');
  return reason
    .replace(/^Missing data \(([^)]*)\)/, (_, list: string) => `Missing data (${names(list)})`)
    .replace(/^Missing (.+?) (counted as the scale minimum|left out; weights renormalised)$/, (_, list: string, rest: string) => `Missing ${names(list)} ${rest}`);
}

const METHOD_WORDS: Record<string, string> = {
  mean: 'Mean',
  'weighted-mean': 'Weighted mean',
  'geometric-mean': 'Weighted geometric mean',
  minimum: 'Lowest score',
  maximum: 'Highest score',
  'decision-table': 'Decision table',
};

const LEVEL_PLURAL: Record<string, string> = { area: 'areas', dimension: 'dimensions', indicator: 'indicators', question: 'questions' };

function conditionText(rubric: Rubric, input: string, cond: unknown): string {
  if (cond === undefined || cond === '*') return 'any answer';
  if (cond === 'missing') return 'no answer';
  const q = rubric.nodes.get(input);
  const label = (v: unknown) => {
    if (q && q.kind === 'question') {
      const opt = (q as QuestionNode).options.find((o) => o.id === v);
      if (opt) return opt.label;
      if (q.type === 'yes-no' && (v === 'yes' || v === 'no' || typeof v === 'boolean')) return v === true || v === 'yes' ? 'yes' : 'no';
    }
    return String(v);
  };
  return Array.isArray(cond) ? cond.map(label).join(' or ') : label(cond);
}

function derivationOf(rubric: Rubric, n: ScoredNode): Derivation | undefined {
  if (n.kind === 'question' || !n.method) return undefined;
  const method = n.method.split(' ')[0]!;
  const parts = n.children
    .filter((c) => c.handling !== 'label-only')
    .map((c) => ({ id: c.id, title: c.title, weight: c.weight, effectiveWeight: c.effectiveWeight, handling: c.handling, display: c.display }));
  const kinds = new Set(parts.map((p) => rubric.nodes.get(p.id)?.level ?? 'question'));
  const kind = kinds.size === 1 ? [...kinds][0]! : undefined;
  const nounOf = (count: number) => (count === 1 ? (kind && LEVEL_PLURAL[kind] ? kind : 'part') : kind ? (LEVEL_PLURAL[kind] ?? 'parts') : 'parts');
  const noun = nounOf(parts.length);
  let text: string;
  let matchedRow: Derivation['matchedRow'];
  if (method === 'decision-table') {
    if (n.matchedRow) {
      const conditions = Object.entries(n.matchedRow.when).map(([input, v]) => ({ input, inputTitle: rubric.nodes.get(input)?.title ?? input, value: conditionText(rubric, input, v) }));
      matchedRow = { index: n.matchedRow.index, ...(n.matchedRow.label ? { label: n.matchedRow.label } : {}), conditions };
      text =
        n.matchedRow.index < 0
          ? `Decision table over ${parts.length} ${noun}: no row matched, so the table's default applies.`
          : `Decision table over ${parts.length} ${noun}: row ${n.matchedRow.index + 1}${n.matchedRow.label ? ` (“${n.matchedRow.label}”)` : ''} matched${conditions.length ? ` — ${conditions.map((c) => `${c.inputTitle}: ${c.value}`).join('; ')}` : ''}.`;
    } else text = `Decision table over ${parts.length} ${noun}: ${n.reason ?? 'no row matched'}.`;
  } else {
    const included = parts.filter((p) => p.effectiveWeight !== null);
    const weights = new Set(included.map((p) => p.effectiveWeight));
    const equal = weights.size <= 1;
    text = `${METHOD_WORDS[method] ?? method} of ${included.length} ${nounOf(included.length)}${method === 'minimum' || method === 'maximum' ? '' : equal ? (method === 'mean' ? '' : ', equal weights') : ` (${included.map((p) => `${p.title} ${pct(p.effectiveWeight)}`).join(', ')})`}.`;
    if (method === 'minimum' || method === 'maximum') text = `${METHOD_WORDS[method]} of ${included.length} ${nounOf(included.length)}.`;
    if (n.reason && n.status === 'scored') text += ` ${namedReason(rubric, n.reason)}.`;
  }
  return {
    method,
    text,
    parts,
    ...(matchedRow ? { matchedRow } : {}),
    ...(n.missing ? { missing: { present: n.missing.present, total: n.missing.total, policy: n.missing.policy } } : {}),
  };
}

/** Children to show: indicators that enter a score directly but also sit inside a label-only dimension are shown once, inside it. */
function displayChildren(n: ScoredNode): ScoredNode[] {
  const nested = new Set<string>();
  const visit = (c: ScoredNode) => {
    for (const g of c.children) {
      nested.add(g.id);
      visit(g);
    }
  };
  for (const c of n.children) if (c.handling === 'label-only') visit(c);
  return n.children.filter((c) => !nested.has(c.id));
}

function nodeCard(rubric: Rubric, n: ScoredNode): NodeCard {
  const r = rubric.nodes.get(n.id);
  const derivation = derivationOf(rubric, n);
  const card: NodeCard = {
    id: n.id,
    level: n.level,
    title: n.title,
    ...(r?.shortTitle ? { shortTitle: r.shortTitle } : {}),
    ...(r?.description ? { description: r.description } : {}),
    status: n.status,
    score: n.score,
    display: n.display,
    value: n.value,
    ...(n.reason ? { reason: namedReason(rubric, n.reason) } : {}),
    weight: n.weight,
    effectiveWeight: n.effectiveWeight,
    shareOfTop: n.shareOfTop,
    handling: n.handling,
    ...(derivation ? { derivation } : {}),
    ...(n.dimension !== undefined ? { dimension: n.dimension } : {}),
    children: displayChildren(n).map((c) => nodeCard(rubric, c)),
  };
  if (n.answer) {
    const a = n.answer;
    const e = a.evidence;
    const label = a.status === 'answered' ? (a.label ?? '') : a.status === 'missing' ? 'no answer' : a.status.replace(/-/g, ' ');
    card.answer = {
      status: a.status,
      label,
      ...(a.value !== undefined ? { value: Array.isArray(a.value) ? [...a.value] : (a.value as string | number | boolean) } : {}),
      ...(a.matched ? { matched: a.matched } : {}),
      ...(a.regions ? { regions: a.regions.map((x) => ({ ...x })) } : {}),
      evidence: {
        citations: (e?.citations ?? []).map((c) => ({ ...c })),
        ...(e?.comment !== undefined ? { comment: e.comment } : {}),
        ...(e?.status !== undefined ? { status: e.status } : {}),
        ...(e?.sourceUrl !== undefined ? { sourceUrl: e.sourceUrl } : {}),
        ...(e?.answeredBy !== undefined ? { answeredBy: e.answeredBy } : {}),
        ...(e?.reviewedBy !== undefined ? { reviewedBy: e.reviewedBy } : {}),
      },
    };
  }
  return card;
}

function comparison(rank: RankOf | undefined, of: number, peer: ExactAverage | undefined, own: Figure | null, rule: DisplayRule): Comparison {
  const p = peer ?? { score: null, display: null, value: null, count: 0 };
  const d = own ? exactDifference(own, p) : null;
  const difference = d ? d.difference : null;
  return {
    rank: rank?.rank ?? null,
    rankLabel: rank?.rankLabel ?? '—',
    of,
    peer: p,
    difference,
    // As shown beside the two displayed figures: their difference, so the page's arithmetic holds.
    differenceDisplay: d === null || !own ? null : (shownDifference(own, p) ?? signed(roundExact(d.exact, rule))),
  };
}

/**
 * Builds the scorecard of one country for one reference year (default: its latest year with a
 * complete score on the context's comparable variant, see {@link defaultYear}).
 * Returns undefined when the country has no result.
 *
 * @example
 * ```ts
 * import { buildScorecard } from 'policy-index';
 * declare const ctx: import('policy-index').ScorecardContext;
 * const card = buildScorecard(ctx, 'NO', { year: 2024 });
 * console.log(card?.overall[0]?.display, card?.overall[0]?.comparison.rankLabel);
 * ```
 */
export function buildScorecard(ctx: ScorecardContext, country: string, options: BuildScorecardOptions = {}): Scorecard | undefined {
  const { rubric } = ctx;
  const years = ctx.years(country);
  const year = options.year ?? cardYear(ctx, country);
  if (year === undefined) return undefined;
  const result = ctx.result(country, year);
  if (!result) return undefined;
  const set = ctx.answerSets.find((s) => s.country === country && s.year === year);
  const peers = ctx.peerAverages(year);
  const rule = ctx.display;
  // The headline measure: the comparable variant of the year's results, the variant the
  // ranking of that year is made on; the change and the trend use it whenever they can.
  const ofYear = ctx.results.filter((r) => r.year === year);
  const headline = comparableVariant(rubric, ofYear) ?? rubric.defaultVariant;
  const titleOf = (id: string) => rubric.variants.find((v) => v.id === id)?.title ?? id;

  const overall: OverallCard[] = result.variants.map((v) => {
    const rv = rubric.variants.find((x) => x.id === v.id);
    const ranking = ctx.ranking(year, v.id);
    const entry = ranking.entries.find((e) => e.country === country);
    return {
      variant: v.id,
      title: v.title,
      ...(rv?.description ? { description: rv.description } : {}),
      default: v.id === rubric.defaultVariant,
      status: v.status,
      score: v.score,
      display: v.display,
      value: v.value,
      ...(v.reason && v.status !== 'scored' ? { reason: namedReason(rubric, v.reason) } : {}),
      areas: [...v.areas],
      comparison: comparison(entry ? { id: country, rank: entry.rank, rankLabel: entry.rankLabel, tied: entry.tied } : undefined, ranking.scored, peers.variants[v.id], v.status === 'scored' ? v : null, rule),
    };
  });

  const areas: AreaCard[] = result.root.children.map((n) => {
    const ranks = ctx.areaRanks(year, n.id);
    const of = [...ranks.values()].filter((x) => x.rank !== null).length;
    return {
      node: nodeCard(rubric, n),
      inVariants: rubric.variants.filter((v) => v.areas.includes(n.id)).map((v) => v.id),
      comparison: comparison(ranks.get(country), of, peers.areas[n.id], n.status === 'scored' ? n : null, rule),
    };
  });

  const sw = strengthsAndWeaknesses(result, peers, { display: rule });
  const name = set?.countryName ?? ctx.name(country);

  // Change since the previous year or wave.
  let change: Scorecard['change'] = null;
  if (set) {
    const earlier = options.since !== undefined ? ctx.answerSets.find((s) => s.country === country && s.year === options.since) : previousAnswerSet(ctx.answerSets, country, year);
    const earlierResult = earlier ? ctx.result(country, earlier.year) : undefined;
    if (earlier && earlier.rubric.id === set.rubric.id) {
      // The headline measure when both years have a complete score on it, else the trend's.
      const both = earlierResult !== undefined && hasCompleteScore(earlierResult, headline) && hasCompleteScore(result, headline);
      const fallback = ctx.trendVariant ?? comparableTrend(ctx.results, { country, years: years.filter((y) => y <= year), variants: trendVariants(rubric, headline), peers: ctx.peers, display: rule }).measure.id;
      change = computeChange(rubric, earlier, set, { variant: both ? headline : fallback, ...(earlierResult ? { earlierResult } : {}), laterResult: result });
    }
  }

  // Trend: one measure for every scorecard of the context (its comparable variant, the measure
  // of the trend command too), scored in every year shown, and a peer average over a constant
  // set of units (or a broken line with n). The years shown run up to the card's year: a page
  // for one year shows nothing later.
  let trend: Scorecard['trend'] = null;
  const trendYears = years.filter((y) => y <= year);
  if (trendYears.length > 1) {
    const t = comparableTrend(ctx.results, { country, years: trendYears, variants: trendVariants(rubric, headline), peers: ctx.peers, display: rule, ...(ctx.trendVariant ? { variant: ctx.trendVariant } : {}) });
    trend = {
      variant: t.measure.id,
      variantTitle: t.measure.title,
      peerMode: t.peerMode,
      members: t.members,
      points: t.points.map((p) => ({ year: p.year, score: p.score, display: p.display, value: p.value, peer: p.peer, segment: p.segment })),
    };
  }

  // Said once on the page: which part is measured on another variant, and why.
  const others: string[] = [];
  const completeIn = (y: number) => {
    const r = ctx.result(country, y);
    return r !== undefined && hasCompleteScore(r, headline);
  };
  if (change && change.variant !== headline) others.push(`the change since ${change.fromYear} is on the ${lowerTitle(change.variantTitle)}: the ${lowerTitle(titleOf(headline))} has no complete score for ${name} in ${yearsText([change.fromYear, year].filter((y) => !completeIn(y)))}`);
  if (trend && trend.variant !== headline) {
    // Why, truly: the years of this unit without it, else how many unit-years of the report lack it.
    const own = trendYears.filter((y) => !completeIn(y));
    const lacking = ctx.results.filter((r) => hasCompleteScore(r) && !hasCompleteScore(r, headline));
    const why = own.length
      ? `has no complete score for ${name} in ${yearsText(own)}`
      : `has no complete score in ${lacking.length} of the ${ctx.results.filter((r) => hasCompleteScore(r)).length} ${unitWords(rubric).unitNoun}-years of this report (${yearsText(lacking.map((r) => r.year))})`;
    others.push(`the trend is on the ${lowerTitle(trend.variantTitle)}, the one measure of every trend in this report: the ${lowerTitle(titleOf(headline))} ${why}`);
  }
  const measure = { variant: headline, title: titleOf(headline), ...(others.length ? { note: `Headline measure: ${titleOf(headline)}. ${others.map((o) => o[0]!.toUpperCase() + o.slice(1)).join('. ')}.` } : {}) };

  const answered = set ? rubric.questions.filter((q) => set.answers.has(q.id) || q.aliases.some((a) => set.answers.has(a))).length : 0;

  const card: Scorecard = {
    schema: 'policy-index/scorecard@1',
    country: { code: country, name },
    year,
    ...(set?.referenceDate ? { referenceDate: set.referenceDate } : {}),
    answerSet: {
      file: set ? ctx.fileLabel(set.file) : '',
      ...(set?.status ? { status: set.status } : {}),
      ...(set?.answeredBy ? { answeredBy: set.answeredBy } : {}),
      ...(set?.reviewedBy ? { reviewedBy: set.reviewedBy } : {}),
      ...(set?.source ? { source: set.source } : {}),
      ...(set?.citation ? { citation: set.citation } : {}),
      answered,
      questions: rubric.questions.length,
    },
    rubric: {
      id: rubric.id,
      version: rubric.version,
      title: rubric.title,
      ...(rubric.citation ? { citation: rubric.citation.trim() } : {}),
      scale: { min: rubric.scale.min, max: rubric.scale.max },
      precision: rubric.display.precision,
      rounding: rubric.display.rounding,
      ...unitWords(rubric),
      ...(rubric.report?.highMeans ? { highMeans: rubric.report.highMeans } : {}),
      ...(rubric.report?.shortTitle ? { shortTitle: rubric.report.shortTitle } : {}),
    },
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    variant: rubric.defaultVariant,
    measure,
    overall,
    areas,
    peers: { group: peers.group, label: peers.label, members: peers.members, year },
    series: [
      { id: 'country', label: name, values: result.root.children.map((n) => ({ area: n.id, value: n.status === 'scored' ? n.value : null, display: n.status === 'scored' ? n.display : null })) },
      { id: 'peer', label: `Average, ${/^[A-Z][a-z]/.test(peers.label) ? peers.label[0]!.toLowerCase() + peers.label.slice(1) : peers.label}`, values: result.root.children.map((n) => ({ area: n.id, value: peers.areas[n.id]?.value ?? null, display: peers.areas[n.id]?.display ?? null })) },
    ],
    strengths: sw.strengths,
    weaknesses: sw.weaknesses,
    change,
    trend,
    ...(options.outcomes ? { outcomes: options.outcomes } : {}),
  };
  return card;
}

/** One row of the index page. */
export interface IndexRow {
  country: string;
  name: string;
  year: number;
  /** The year of the country's scorecard (the ranking year when asked, else its default year). */
  latestYear: number;
  href: string;
  rank: number | null;
  rankLabel: string;
  variants: (Pick<Figure, 'display' | 'value'> & { id: string })[];
  areas: (Pick<Figure, 'display' | 'value'> & { id: string })[];
}

/** The index page model: a ranking of every country with links to the scorecards. */
export interface IndexModel {
  rubric: { id: string; version: string; title: string; citation?: string; unitNoun?: string; unitNounPlural?: string; highMeans?: string };
  year: number;
  variant: string;
  variantTitle: string;
  variants: { id: string; title: string }[];
  areas: { id: string; title: string; shortTitle?: string }[];
  rows: IndexRow[];
  /** Countries without a result in the index year, with their scorecard's year. */
  others: IndexRow[];
  peers: { label: string; variants: Record<string, string | null>; areas: Record<string, string | null> };
  generatedAt?: string;
}

/**
 * The year an index ranks by default: the year in which the most units have a complete score
 * on the context's comparable variant (ties: the later year), so that one unit with a newer or
 * partial answer set does not empty the ranking ({@link defaultYear}).
 *
 * @example
 * ```ts
 * import { createScorecardContext, defaultIndexYear } from 'policy-index';
 * declare const ctx: ReturnType<typeof createScorecardContext>;
 * const year = defaultIndexYear(ctx); // the year most units have a complete score in
 * ```
 */
export function defaultIndexYear(ctx: ScorecardContext): number {
  return defaultYear(ctx.rubric, ctx.results, ctx.trendVariant ? { variant: ctx.trendVariant } : {}) ?? 0;
}

/** Options for {@link buildIndexModel}. */
export interface IndexModelOptions {
  /** Year of the ranking (default: {@link defaultIndexYear}). */
  year?: number;
  /** Variant to rank by (default: the comparable variant of the year's results, see {@link comparableVariant}). */
  variant?: string;
  /** Link to a country's scorecard (default `<CC>.html`). */
  href?: (country: string) => string;
  generatedAt?: string;
  /** The scorecards linked from ranked rows are for the ranking year (not each unit's latest year). */
  cardsForYear?: boolean;
}

/**
 * Builds the index page model: all countries ranked for one year, with area columns and a
 * link to each scorecard.
 *
 * @example
 * ```ts
 * import { buildIndexModel } from 'policy-index';
 * declare const ctx: import('policy-index').ScorecardContext;
 * const index = buildIndexModel(ctx, { href: (cc) => `${cc}.html` });
 * ```
 */
export function buildIndexModel(ctx: ScorecardContext, options: IndexModelOptions = {}): IndexModel {
  const { rubric } = ctx;
  const year = options.year ?? defaultIndexYear(ctx);
  const variant = options.variant ?? comparableVariant(rubric, ctx.results.filter((r) => r.year === year)) ?? rubric.defaultVariant;
  const href = options.href ?? ((cc: string) => `${cc}.html`);
  const ranking = ctx.ranking(year, variant);
  const row = (e: Ranking['entries'][number]): IndexRow => ({
    country: e.country,
    name: e.name,
    year: e.year,
    latestYear: options.cardsForYear && e.year === year ? year : (cardYear(ctx, e.country) ?? e.year),
    href: href(e.country),
    rank: e.rank,
    rankLabel: e.rankLabel,
    variants: e.variants.map((v) => ({ id: v.id, display: v.display, value: v.value })),
    areas: e.areas.map((a) => ({ id: a.id, display: a.display, value: a.value })),
  });
  const rows = ranking.entries.map(row);
  const inYear = new Set(rows.map((r) => r.country));
  const others: IndexRow[] = [];
  for (const cc of ctx.countries()) {
    if (inYear.has(cc)) continue;
    const y = cardYear(ctx, cc)!;
    const e = ctx.ranking(y, variant).entries.find((x) => x.country === cc);
    if (e) others.push(row(e));
  }
  const peers = ctx.peerAverages(year);
  return {
    rubric: { id: rubric.id, version: rubric.version, title: rubric.title, ...(rubric.citation ? { citation: rubric.citation.trim() } : {}), ...unitWords(rubric), ...(rubric.report?.highMeans ? { highMeans: rubric.report.highMeans } : {}) },
    year,
    variant,
    variantTitle: rubric.variants.find((v) => v.id === variant)?.title ?? variant,
    variants: rubric.variants.map((v) => ({ id: v.id, title: v.title })),
    areas: rubric.root.children.map((a) => ({ id: a.id, title: a.title, ...(a.shortTitle ? { shortTitle: a.shortTitle } : {}) })),
    rows,
    others,
    peers: {
      label: peers.label,
      variants: Object.fromEntries(Object.entries(peers.variants).map(([k, v]) => [k, v.display])),
      areas: Object.fromEntries(Object.entries(peers.areas).map(([k, v]) => [k, v.display])),
    },
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
  };
}
