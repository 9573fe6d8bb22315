/**
 * Change over time for one country: how the overall and area scores moved between two answer
 * sets (the previous year or wave and the current one), and which changed answers moved them.
 *
 * Attribution uses sequential substitution: starting from the earlier answer set, the changed
 * answers are applied one at a time in rubric order and the set is rescored after each step.
 * An answer's contribution is the difference of the scorer's exact values before and after its
 * step (never of the rounded score strings), so the contributions telescope: they add up to the
 * total change exactly, whatever the aggregation (means, minimum, decision tables). The order
 * matters for non-linear aggregations; rubric order makes it reproducible. Exact changes are
 * written as the scores are, by {@link exactString}: terminating decimals in full, others to 60
 * significant digits (the `exact` flag and the sums are worked out on the exact values).
 *
 * What a page shows: a change of a score beside its two displayed figures (`21 → 22`, `+1`) is
 * the difference of those displayed figures, so the arithmetic on the page holds; the exact
 * change stays in `delta`. The attribution table shows the exact contributions and their total
 * rounded to {@link ChangeReport.contributionPrecision} places.
 *
 * @module
 */
import { add, cmp, displayString, exactString, isZero, ratioTextValue, sub, toRatio, ZERO, type Exact, type Ratio } from '../exact/index.js';
import type { Answer, AnswerSet } from '../answers/types.js';
import type { Rubric } from '../rubric/types.js';
import { findScoredNode, scoreAnswerSet } from '../scoring/score.js';
import type { Figure, ScoredAnswer, ScoreResult } from '../scoring/types.js';
import { comparableVariant, hasCompleteScore } from './comparable.js';
import { shownDifference, signed, variantScore } from './compare.js';
import { areaExact, variantExact } from './trend.js';

/** An answer as shown in a change table. */
export interface ChangedAnswerSide {
  status: ScoredAnswer['status'];
  /** The answer in words. */
  label: string;
  value?: string | number | boolean | string[];
  /** The question's own score, or null. */
  score: string | null;
}

/** One changed answer and what it did to the scores. */
export interface AnswerChange {
  question: string;
  title: string;
  area: string;
  areaTitle: string;
  /** Ids from the area down to the question's parent. */
  path: string[];
  from: ChangedAnswerSide;
  to: ChangedAnswerSide;
  /** Change of the overall score (chosen variant) at this step, exact; null when a step has no overall score. */
  contribution: string | null;
  /** The contribution rounded for display with a sign. */
  contributionDisplay: string | null;
  /** Change of the question's own area at this step, exact. */
  areaContribution: string | null;
  areaContributionDisplay: string | null;
}

/** A score before and after. */
export interface ScoreDelta {
  from: string | null;
  to: string | null;
  fromDisplay: string | null;
  toDisplay: string | null;
  /** `to − from` from the scorer's exact values, written as scores are (in full, or to 60 significant digits); null when either side has no score. */
  delta: string | null;
  /** The change as shown beside the two displayed scores, with a sign (`+3`, `−1`, `0`): `toDisplay − fromDisplay`, so that the figures on a page agree (`21 → 21` is `0`, never `+1`). */
  deltaDisplay: string | null;
}

/** How an area compares between two years. */
export type AreaChangeStatus = 'compared' | 'new' | 'dropped' | 'not-assessed';

/** How one country's scores changed between two answer sets. */
export interface ChangeReport {
  country: string;
  fromYear: number;
  toYear: number;
  /** Variant whose overall score the attribution explains. */
  variant: string;
  variantTitle: string;
  overall: ScoreDelta;
  variants: ({ id: string; title: string } & ScoreDelta)[];
  /** `new`: the area has a score only in the later year (assessed for the first time; no area change). */
  areas: ({ id: string; title: string; status?: AreaChangeStatus } & ScoreDelta)[];
  /** Answers recorded in both years that differ, in rubric order: the only changes. */
  changes: AnswerChange[];
  /** Answers recorded in one of the two years only: not changes; applied first as one step of the attribution. */
  assessedInOneYear: { count: number; contribution: string | null; contributionDisplay: string | null };
  /** Decimal places of the contributions as shown. */
  contributionPrecision: number;
  /** The overall delta shown with the contributions' precision (the total of the attribution table). */
  totalContributionDisplay: string | null;
  /** Answers that changed without moving the overall score. */
  unchangedScore: number;
  /** Whether the contributions add up to the overall delta exactly (always, when every step has a score). */
  exact: boolean;
}

/** Options for {@link computeChange}. */
export interface ChangeOptions {
  /** Variant to explain (default: the rubric's default variant if both years have it, else the first variant both years have). */
  variant?: string;
  /** The earlier set already scored (saves rescoring it; must be the result of `earlier`). */
  earlierResult?: ScoreResult;
  /** The later set already scored (must be the result of `later`). */
  laterResult?: ScoreResult;
  /** Decimal places of contributions as shown (default: the rubric's precision + 2). Deltas of scores are shown as the difference of the displayed scores. */
  precision?: number;
}

/**
 * A score's exact value as a fraction: a decimal (an irrational result, held to 80 digits) is
 * taken as the fraction of its digits, so that differences of consecutive steps still add up
 * exactly to the total.
 */
const asRatio = (x: Exact | null): Ratio | null => (x === null ? null : toRatio(x));

/** `to − from` of two exact values, or null when either is missing. */
const difference = (to: Ratio | null, from: Ratio | null): Ratio | null => (to !== null && from !== null ? (sub(to, from) as Ratio) : null);

/** An exact change rounded to `precision` places (half-up) with a sign, or null. */
const signedDisplay = (x: Exact | null, precision: number): string | null => (x === null ? null : signed(displayString(x, precision, 'half-up')));

const canon = (v: unknown): string => {
  if (v === undefined) return 'u';
  if (Array.isArray(v)) return JSON.stringify([...v].map(String).sort());
  if (v !== null && typeof v === 'object') return JSON.stringify(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])]));
  return JSON.stringify(v);
};

/** Whether two answers say the same about the law (evidence is ignored). */
export function sameAnswer(a: Answer | undefined, b: Answer | undefined): boolean {
  if (!a || !b) return a === b;
  return canon(a.value) === canon(b.value) && canon(a.byRegion) === canon(b.byRegion);
}

/** Answers keyed by canonical question id (aliases resolved, unknown questions dropped). */
function canonicalAnswers(rubric: Rubric, set: AnswerSet): Map<string, Answer> {
  const out = new Map<string, Answer>();
  for (const [key, a] of set.answers) {
    const id = rubric.nodes.get(key)?.kind === 'question' ? key : rubric.aliases.get(key);
    if (id && rubric.nodes.get(id)?.kind === 'question') out.set(id, { ...a, question: id });
  }
  return out;
}

/**
 * The change of one score: exact from the scorer's values, and as shown — the difference of the
 * two displayed figures (each rounded as the rubric declares), so `21 → 21` never reads `+1`.
 */
function delta(side0: Pick<Figure, 'score' | 'display'>, side1: Pick<Figure, 'score' | 'display'>, x0: Exact | null, x1: Exact | null): ScoreDelta {
  const d = difference(asRatio(x1), asRatio(x0));
  return { from: side0.score, to: side1.score, fromDisplay: side0.display, toDisplay: side1.display, delta: d === null ? null : exactString(d), deltaDisplay: d === null ? null : shownDifference(side1, side0) };
}

function side(result: ScoreResult, question: string): ChangedAnswerSide {
  const n = findScoredNode(result.root, question);
  const a = n?.answer;
  const status = a?.status ?? 'missing';
  const label = status === 'answered' ? (a?.label ?? '') : status === 'missing' ? 'no answer' : status.replace(/-/g, ' ');
  const value = a?.value === undefined ? undefined : Array.isArray(a.value) ? [...(a.value as readonly string[])] : (a.value as string | number | boolean);
  return { status, label, ...(value !== undefined ? { value } : {}), score: n?.status === 'scored' ? n.score : null };
}

/**
 * The variant to explain for two results: their {@link comparableVariant} (the preferred one if
 * both have a score on it, else the rubric's first variant both have), else the preferred one.
 *
 * @example
 * ```ts
 * import { commonVariant, type Rubric, type ScoreResult } from 'policy-index';
 * declare const rubric: Rubric, y2018: ScoreResult, y2019: ScoreResult;
 * commonVariant(rubric, y2018, y2019); // 'without-health' for MIPEX 2018 → 2019 (no health score in 2018)
 * ```
 */
export function commonVariant(rubric: Rubric, a: ScoreResult, b: ScoreResult, preferred = rubric.defaultVariant): string {
  // Two results are compared only when both have a score; else the preferred variant is named.
  if (!hasCompleteScore(a) || !hasCompleteScore(b)) return preferred;
  return comparableVariant(rubric, [a, b], preferred) ?? preferred;
}

/**
 * Computes how one country's scores changed from `earlier` to `later` and attributes the
 * change of the overall score to the answers that changed. The contributions sum to the
 * overall delta exactly (compare them with decimal arithmetic, not floating point).
 *
 * @example
 * ```ts
 * import { computeChange } from 'policy-index';
 * declare const rubric: import('policy-index').Rubric;
 * declare const y2018: import('policy-index').AnswerSet, y2019: import('policy-index').AnswerSet;
 * const change = computeChange(rubric, y2018, y2019);
 * console.log(change.overall.deltaDisplay);
 * for (const c of change.changes) console.log(c.title, c.from.label, '→', c.to.label, c.contributionDisplay);
 * ```
 */
export function computeChange(rubric: Rubric, earlier: AnswerSet, later: AnswerSet, options: ChangeOptions = {}): ChangeReport {
  const precision = options.precision ?? rubric.display.precision + 2;
  const start = canonicalAnswers(rubric, earlier);
  const end = canonicalAnswers(rubric, later);
  const withAnswers = (answers: Map<string, Answer>): AnswerSet => ({ ...earlier, answers: new Map(answers) });
  const scoreOf = (set: AnswerSet, variant?: string) => scoreAnswerSet(rubric, set, { reportMissing: false, ...(variant ? { variant } : {}) });

  const before = options.earlierResult ?? scoreOf(withAnswers(start));
  const after = options.laterResult ?? scoreOf({ ...later, answers: new Map(end) });
  const variant = commonVariant(rubric, before, after, options.variant ?? rubric.defaultVariant);
  const variantTitle = rubric.variants.find((v) => v.id === variant)?.title ?? variant;

  // Exact values from the scorer, never the rounded score strings.
  const overallOf = (r: ScoreResult) => asRatio(variantExact(r, variant));
  const areaOf = (r: ScoreResult, id: string) => asRatio(areaExact(r, id));
  const areaFigure = (r: ScoreResult, id: string) => {
    const n = r.root.children.find((c) => c.id === id);
    return n && n.status === 'scored' ? n : { score: null, display: null };
  };

  const changes: AnswerChange[] = [];
  const working = new Map(start);
  let prev = before;
  let exact = true;
  // The exact contributions, summed to check the telescoping (null when a step has no score).
  let sum: Exact | null = ZERO;
  let unchangedScore = 0;
  // Only an answer recorded in both years is a change. Answers recorded in one year only (a
  // question first assessed, or no longer recorded) are applied first, as one step, so that
  // the contributions still add up to the total; they are counted, never listed as changes.
  const oneSided = rubric.questions.filter((q) => !start.has(q.id) !== !end.has(q.id));
  let assessedInOneYear: ChangeReport['assessedInOneYear'] = { count: oneSided.length, contribution: null, contributionDisplay: null };
  if (oneSided.length) {
    for (const q of oneSided) {
      const b = end.get(q.id);
      if (b) working.set(q.id, b);
      else working.delete(q.id);
    }
    const next = scoreOf(withAnswers(working));
    const c = difference(overallOf(next), overallOf(prev));
    if (c === null) (exact = false), (sum = null);
    else if (sum !== null) sum = add(sum, c);
    assessedInOneYear = { count: oneSided.length, contribution: c === null ? null : exactString(c), contributionDisplay: signedDisplay(c, precision) };
    prev = next;
  }
  for (const q of rubric.questions) {
    const a = start.get(q.id);
    const b = end.get(q.id);
    if (!a || !b || sameAnswer(a, b)) continue;
    if (b) working.set(q.id, b);
    else working.delete(q.id);
    const next = scoreOf(withAnswers(working));
    const area = q.ancestry[1] ?? q.id;
    const contribution = difference(overallOf(next), overallOf(prev));
    if (contribution === null) (exact = false), (sum = null);
    else {
      if (sum !== null) sum = add(sum, contribution);
      if (isZero(contribution)) unchangedScore++;
    }
    const areaContribution = difference(areaOf(next, area), areaOf(prev, area));
    changes.push({
      question: q.id,
      title: q.title,
      area,
      areaTitle: rubric.nodes.get(area)?.title ?? area,
      path: q.ancestry.slice(1, -1),
      from: side(before, q.id),
      to: side(after, q.id),
      contribution: contribution === null ? null : exactString(contribution),
      contributionDisplay: signedDisplay(contribution, precision),
      areaContribution: areaContribution === null ? null : exactString(areaContribution),
      areaContributionDisplay: signedDisplay(areaContribution, precision),
    });
    prev = next;
  }
  const overall = delta(variantScore(before, variant), variantScore(after, variant), overallOf(before), overallOf(after));
  const total = difference(overallOf(after), overallOf(before));
  exact = exact && total !== null && sum !== null && cmp(sum, total) === 0;
  return {
    country: later.country,
    fromYear: earlier.year,
    toYear: later.year,
    variant,
    variantTitle,
    overall,
    variants: rubric.variants.map((v) => ({ id: v.id, title: v.title, ...delta(variantScore(before, v.id), variantScore(after, v.id), variantExact(before, v.id), variantExact(after, v.id)) })),
    areas: rubric.root.children.map((a) => {
      const d = delta(areaFigure(before, a.id), areaFigure(after, a.id), areaExact(before, a.id), areaExact(after, a.id));
      const status: AreaChangeStatus = d.from === null && d.to !== null ? 'new' : d.from !== null && d.to === null ? 'dropped' : d.from === null ? 'not-assessed' : 'compared';
      return { id: a.id, title: a.title, status, ...d };
    }),
    changes,
    assessedInOneYear,
    contributionPrecision: precision,
    totalContributionDisplay: signedDisplay(total, precision),
    unchangedScore,
    exact,
  };
}


/**
 * Adds exact changes as written in a {@link ChangeReport} (decimal texts; fractions `n/d` are read
 * too) without rounding, and writes the sum as scores are written (for checking that
 * contributions sum to a delta, to within the last of its 60 significant digits).
 *
 * @example
 * ```ts
 * import { sumExact } from 'policy-index';
 * sumExact(['0.1', '0.2']); // '0.3'
 * sumExact(['1/3', '1/6']); // '0.5'
 * ```
 */
export function sumExact(values: readonly string[]): string {
  return exactString(values.reduce<Exact>((s, v) => add(s, ratioTextValue(v)), ZERO));
}

/**
 * The answer set of the same country just before `year` (the previous year or wave), or
 * undefined.
 *
 * @example
 * ```ts
 * import { previousAnswerSet, type AnswerSet } from 'policy-index';
 * declare const sets: AnswerSet[];
 * previousAnswerSet(sets, 'CA', 2019)?.year; // 2018 when a 2018 set exists, else the latest earlier year
 * ```
 */
export function previousAnswerSet(sets: readonly AnswerSet[], country: string, year: number): AnswerSet | undefined {
  let best: AnswerSet | undefined;
  for (const s of sets) if (s.country === country && s.year < year && (!best || s.year > best.year)) best = s;
  return best;
}
