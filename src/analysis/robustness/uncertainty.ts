/**
 * Monte Carlo uncertainty analysis of scores and ranks under the builders' choices: weight
 * noise, alternative aggregations, alternative missing-data rules and leaving out one area.
 *
 * @module
 */
import type { ScoreResult } from '../../scoring/types.js';
import type { Rubric } from '../../rubric/types.js';
import { overBudget, runCost, type RobustnessBudget } from './budget.js';
import { QuantileSketch, quantilesBySelection, sketchRankError } from './quantiles.js';
import { prepareUncertainty, rankInto, type SpecProblem, type UncertainInput, type UncertaintyContext, type UncertaintySpec } from './context.js';
import { createEvaluator, sampleScores } from './sampling.js';
import { effectiveWeights, type EffectiveWeight } from './effective-weights.js';

// Where callers of the runs have long found them.
export { prepareUncertainty } from './context.js';
export { sampleScores } from './sampling.js';

/** Mean, median and the 5 % and 95 % quantiles. */
export interface Spread {
  mean: number;
  median: number;
  p05: number;
  p95: number;
}

/** Uncertainty of one unit's score and rank. */
export interface UnitUncertainty {
  unit: string;
  nominal: { score: number | null; rank: number | null };
  score: Spread;
  rank: Spread;
  /** Mean of |rank − nominal rank| over the samples. */
  meanAbsRankShift: number;
  /** Samples in which the unit had a score. */
  scored: number;
}

/** Result of an uncertainty analysis. */
export interface UncertaintyResult {
  samples: number;
  seed: number;
  variant: string;
  inputs: { id: string; kind: UncertainInput['kind']; nodes: string[] }[];
  units: UnitUncertainty[];
  /** Mean over units of their mean absolute rank shift. */
  meanAbsRankShift: number;
  effectiveWeights: EffectiveWeight[];
  /**
   * Present when the samples did not fit the memory budget and the score quantiles came from a
   * streaming sketch: the most the rank of a reported score quantile can be off, as a share of
   * the samples (the rank quantiles, means and shifts stay exact).
   */
  quantileRankError?: number;
}

const QUANTILES = [0.5, 0.05, 0.95] as const;

/** Type-7 quantile of whole-number values given as counts per value (`counts[v]` of value v). */
function quantileOfCounts(counts: Float64Array, base: number, values: number, n: number, q: number): number {
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const kth = (k: number) => {
    let seen = 0;
    for (let v = 0; v < values; v++) {
      seen += counts[base + v]!;
      if (seen > k) return v;
    }
    return NaN;
  };
  const a = kth(lo);
  const b = hi === lo ? a : kth(hi);
  return a + (h - lo) * (b - a);
}

/**
 * The summaries of an uncertainty run, fed sampled top scores in sample order, a block at a
 * time: ranks by counts per rank, means and rank shifts by sums, and the score quantiles either
 * exactly (`exact`: every score kept, samples × units numbers) or by a {@link QuantileSketch} per
 * unit (`streamed`: memory independent of the samples, rank error {@link sketchRankError}). The
 * figures do not depend on how the samples are split into blocks.
 */
export class UncertaintySummary {
  private readonly U: number;
  private readonly V: number;
  private readonly counts: Float64Array;
  private readonly rankSum: Float64Array;
  private readonly shift: Float64Array;
  private readonly shifted: Float64Array;
  private readonly tmp: Float64Array;
  private readonly scoreSum: Float64Array;
  private readonly scored: Float64Array;
  private readonly cols?: Float64Array[];
  private readonly sketches?: QuantileSketch[];
  /** Samples taken. */
  samples = 0;

  constructor(
    private readonly ctx: UncertaintyContext,
    readonly mode: 'exact' | 'streamed',
    /** Samples to expect (the size of the exact columns). */
    capacity = ctx.samples,
  ) {
    const U = (this.U = ctx.units.units.length);
    const V = (this.V = U + 1);
    this.counts = new Float64Array(U * V);
    this.rankSum = new Float64Array(U);
    this.shift = new Float64Array(U);
    this.shifted = new Float64Array(U);
    this.tmp = new Float64Array(U);
    this.scoreSum = new Float64Array(U);
    this.scored = new Float64Array(U);
    if (mode === 'exact') this.cols = Array.from({ length: U }, () => new Float64Array(capacity));
    else this.sketches = Array.from({ length: U }, () => new QuantileSketch());
  }

  /** Numbers the summary holds room for (8 bytes each): per-rank counts and sums, and the score columns or sketches. */
  get held(): number {
    const fixed = this.counts.length + 7 * this.U;
    return fixed + (this.cols ? this.cols.reduce((n, c) => n + c.length, 0) : this.sketches!.reduce((n, k) => n + k.held, 0));
  }

  /** Takes the top scores of the next samples (sample after sample, one value per unit). */
  add(scores: Float64Array): void {
    const { U, V, counts, rankSum, shift, shifted, tmp, scoreSum, scored, cols, sketches } = this;
    const S = scores.length / U;
    const nominal = this.ctx.nominalRank;
    for (let i = 0; i < S; i++) {
      const base = i * U;
      rankInto(scores, tmp, this.ctx.tieScale, base);
      for (let u = 0; u < U; u++) {
        const x = scores[base + u]!;
        if (!Number.isNaN(x)) {
          const n = scored[u]!;
          if (cols) cols[u]![n] = x;
          else sketches![u]!.add(x);
          scored[u] = n + 1;
          scoreSum[u] = scoreSum[u]! + x;
        }
        const r = tmp[u]!;
        if (Number.isNaN(r)) continue;
        counts[u * V + r] = counts[u * V + r]! + 1;
        rankSum[u] = rankSum[u]! + r;
        const nr = nominal[u]!;
        if (!Number.isNaN(nr)) {
          shift[u] = shift[u]! + Math.abs(r - nr);
          shifted[u] = shifted[u]! + 1;
        }
      }
    }
    this.samples += S;
  }

  /** The result (once every sample is in); `results` are the units' exact score results. */
  result(results: readonly ScoreResult[]): UncertaintyResult {
    const { ctx, U, V, counts, rankSum, shift, shifted, scoreSum, scored, cols, sketches } = this;
    const nominal = ctx.nominalRank;
    const units: UnitUncertainty[] = [];
    for (let u = 0; u < U; u++) {
      const n = scored[u]!;
      const [median, p05, p95] = (cols ? quantilesBySelection(cols[u]!, n, QUANTILES) : sketches![u]!.quantiles(QUANTILES)) as [number, number, number];
      if (cols) cols[u] = new Float64Array(0);
      const nominalRank = nominal[u]!;
      let ranked = 0;
      for (let v = 0; v < V; v++) ranked += counts[u * V + v]!;
      const rank: Spread = {
        mean: ranked ? rankSum[u]! / ranked : NaN,
        median: quantileOfCounts(counts, u * V, V, ranked, 0.5),
        p05: quantileOfCounts(counts, u * V, V, ranked, 0.05),
        p95: quantileOfCounts(counts, u * V, V, ranked, 0.95),
      };
      units.push({
        unit: ctx.units.units[u]!,
        nominal: { score: ctx.exactScore[u] ?? null, rank: Number.isNaN(nominalRank) ? null : nominalRank },
        score: { mean: n ? scoreSum[u]! / n : NaN, median, p05, p95 },
        rank,
        meanAbsRankShift: shifted[u] ? shift[u]! / shifted[u]! : NaN,
        scored: n,
      });
    }
    const ranked = units.filter((u) => !Number.isNaN(u.meanAbsRankShift));
    return {
      samples: this.samples,
      seed: ctx.seed,
      variant: ctx.plan.variant,
      inputs: ctx.inputs.map((i) => ({ id: i.id, kind: i.kind, nodes: i.nodes })),
      units,
      meanAbsRankShift: ranked.length ? ranked.reduce((s, u) => s + u.meanAbsRankShift, 0) / ranked.length : NaN,
      effectiveWeights: effectiveWeights(results, ctx.plan),
      ...(sketches ? { quantileRankError: sketchRankError(this.samples) / this.samples } : {}),
    };
  }
}

/** Samples evaluated at a time between summaries (a block of samples × units numbers). */
export const SAMPLE_BLOCK = 5000;

/**
 * The budget check of an uncertainty run of a prepared context: a problem (with the figures)
 * when it is over its budget, else whether its summaries are exact or streamed.
 */
export function planUncertaintyRun(ctx: UncertaintyContext, budget: RobustnessBudget = {}): { mode?: 'exact' | 'streamed'; problems: SpecProblem[] } {
  const shape = { kind: 'uncertainty' as const, samples: ctx.samples, units: ctx.units.units.length, inputs: ctx.inputs.length };
  const over = overBudget(shape, budget);
  if (over) return { problems: [{ path: 'samples', message: over, code: 'ROBUSTNESS_OVER_BUDGET' }] };
  return { mode: runCost(shape, budget).mode, problems: [] };
}

/**
 * Runs an uncertainty analysis in this thread: samples the declared inputs and summarises the
 * score and rank of every unit. `results` are the exact score results of the units (one year).
 * A run over its budget (see {@link RobustnessBudget}) is refused before it starts, with the
 * figures; one whose samples do not fit the memory budget gets its score quantiles from a
 * streaming sketch.
 *
 * @example
 * ```ts
 * import { analyseUncertainty, scoreAnswerSet, type AnswerSet, type Rubric } from 'policy-index';
 * declare const rubric: Rubric, sets: AnswerSet[];
 * const results = sets.map((s) => scoreAnswerSet(rubric, s, { reportMissing: false }));
 * const run = analyseUncertainty(rubric, results, { weights: [{ level: 'area', noise: 0.25 }], samples: 1000, seed: 1 });
 * for (const u of run.value?.units ?? []) console.log(u.unit, u.nominal.rank, u.rank.p05, u.rank.p95);
 * ```
 */
export function analyseUncertainty(rubric: Rubric, results: readonly ScoreResult[], spec: UncertaintySpec, variant?: string, budget: RobustnessBudget = {}): { value?: UncertaintyResult; problems: SpecProblem[] } {
  const prepared = prepareUncertainty(rubric, results, spec, variant);
  if (!prepared.value) return { problems: prepared.problems };
  const ctx = prepared.value;
  const run = planUncertaintyRun(ctx, budget);
  if (!run.mode) return { problems: run.problems };
  const summary = new UncertaintySummary(ctx, run.mode);
  const ev = createEvaluator(ctx);
  for (let a = 0; a < ctx.samples; a += SAMPLE_BLOCK) summary.add(sampleScores(ctx, a, Math.min(ctx.samples, a + SAMPLE_BLOCK), ev));
  return { value: summary.result(results), problems: [] };
}
