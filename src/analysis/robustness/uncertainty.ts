/**
 * Monte Carlo uncertainty analysis of scores and ranks under the builders' choices: weight
 * noise, alternative aggregations, alternative missing-data rules and leaving out one area.
 *
 * @module
 */
import type { ScoredNode, ScoreResult } from '../../scoring/types.js';
import type { Rubric } from '../../rubric/types.js';
import {
  compileEvaluationPlan,
  evaluatePlan,
  METHODS,
  nominalSettings,
  planUnitsFromResults,
  POLICIES,
  type EvaluationPlan,
  type PlanMethod,
  type PlanSettings,
  type PlanUnits,
} from './plan.js';
import { SampleRandom } from './random.js';
import { pearsonCorrelation } from '../correlation.js';
import { overBudget, runCost, type RobustnessBudget } from './budget.js';
import { QuantileSketch, quantilesBySelection, sketchRankError } from './quantiles.js';

/** Declared uncertain inputs (from flags or a YAML spec). */
export interface UncertaintySpec {
  /** Monte Carlo samples (default 1000). */
  samples?: number;
  /** Seed of the random numbers (default 1). */
  seed?: number;
  /** Uniform weight noise: each weight times 1 ± `noise` (e.g. 0.25), renormalised within its parent. */
  weights?: readonly { level?: string; node?: string; noise: number; id?: string }[];
  /** Alternative aggregations of a node (the declared one is always among the choices). */
  aggregations?: readonly { node: string; methods: readonly PlanMethod[]; id?: string }[];
  /** Alternative missing-data rules, at one level or everywhere (the declared rule is kept as a choice). */
  missing?: readonly { level?: string; rules: readonly ('omit' | 'minimum')[]; id?: string }[];
  /** Leave out one area at a time (or none), each with equal probability. */
  leaveOneOut?: boolean;
}

/** One uncertain input, compiled against a plan. */
export interface UncertainInput {
  id: string;
  kind: 'weights' | 'aggregation' | 'missing' | 'leave-one-out';
  /** Random numbers this input draws per sample. */
  dims: number;
  /** Weight slots, or the top-level area slots for leave-one-out. */
  slots: number[];
  noise: number;
  /** Groups whose method or rule it sets. */
  groups: number[];
  /** Method or rule codes to choose from. */
  choices: number[];
  /** Ids of the nodes it touches. */
  nodes: string[];
}

/** Everything a run needs, as plain data (sent to worker threads as is). */
export interface UncertaintyContext {
  plan: EvaluationPlan;
  units: PlanUnits;
  inputs: UncertainInput[];
  /** Random numbers per sample (sum of the inputs' dims). */
  dims: number;
  /** Groups to re-evaluate per sample (1) or keep at their nominal value (0). */
  dirty: Uint8Array;
  /** Nominal node values and statuses, unit after unit. */
  nominalValue: Float64Array;
  nominalStatus: Uint8Array;
  /** Nominal top scores (float plan) and ranks. */
  nominalScore: Float64Array;
  nominalRank: Float64Array;
  /** Exact nominal top scores (numbers from the exact scorer). */
  exactScore: (number | null)[];
  /** 10^precision, for ties on displayed scores. */
  tieScale: number;
  seed: number;
  samples: number;
}

/** Problems with a spec (names unknown to the rubric and the like, or a run over its budget). */
export interface SpecProblem {
  path: string;
  message: string;
  /** `ROBUSTNESS_OVER_BUDGET` for a run over its budget; otherwise `ROBUSTNESS_SPEC_INVALID`. */
  code?: 'ROBUSTNESS_SPEC_INVALID' | 'ROBUSTNESS_OVER_BUDGET';
}

/**
 * Builds the context of a run (compiled plan, units, inputs, nominal values), or the spec's
 * problems. The context is plain data: it can be sent to worker threads as is.
 *
 * @example
 * ```ts
 * import { prepareUncertainty, type Rubric, type ScoreResult } from 'policy-index';
 * declare const rubric: Rubric, results: ScoreResult[];
 * const { value, problems } = prepareUncertainty(rubric, results, { weights: [{ level: 'area', noise: 0.25 }] });
 * console.log(value?.inputs.map((i) => i.id), problems); // ['weights:area'] []
 * ```
 */
export function prepareUncertainty(rubric: Rubric, results: readonly ScoreResult[], spec: UncertaintySpec, variant?: string): { value?: UncertaintyContext; problems: SpecProblem[] } {
  const plan = compileEvaluationPlan(rubric, variant ?? results[0]?.variant ?? rubric.defaultVariant);
  const units = planUnitsFromResults(plan, results);
  const problems: SpecProblem[] = [];
  const G = plan.groupNode.length;
  const nodeIndex = new Map(plan.ids.map((id, i) => [id, i]));
  const groupOfNode = new Map<number, number>();
  for (let g = 0; g < G; g++) groupOfNode.set(plan.groupNode[g]!, g);
  const inputs: UncertainInput[] = [];
  const levelsKnown = new Set(plan.levels);
  (spec.weights ?? []).forEach((w, i) => {
    const path = `weights[${i}]`;
    if (!(w.noise >= 0 && w.noise < 1)) problems.push({ path: `${path}.noise`, message: `Weight noise must be at least 0 and below 1 (got ${w.noise}).` });
    const slots: number[] = [];
    const nodes: string[] = [];
    for (let s = 0; s < plan.slotChild.length; s++) {
      const child = plan.slotChild[s]!;
      const id = plan.ids[child]!;
      if (w.node !== undefined ? id === w.node : plan.levels[child] === w.level) {
        slots.push(s);
        if (!nodes.includes(id)) nodes.push(id);
      }
    }
    if (w.node === undefined && w.level === undefined) problems.push({ path, message: 'Name a level or a node whose weights carry noise.' });
    else if (!slots.length) problems.push({ path, message: w.node !== undefined ? `The rubric has no node "${w.node}" that enters a weighted score.` : `No node at level "${w.level}" (levels: ${[...levelsKnown].filter((l) => l !== 'index').join(', ')}).` });
    inputs.push({ id: w.id ?? `weights:${w.node ?? w.level}`, kind: 'weights', dims: slots.length, slots, noise: w.noise, groups: [], choices: [], nodes });
  });
  (spec.aggregations ?? []).forEach((a, i) => {
    const path = `aggregations[${i}]`;
    const n = a.node === rubric.root.id ? plan.groupNode[plan.top]! : nodeIndex.get(a.node);
    const g = n === undefined ? undefined : groupOfNode.get(n);
    if (g === undefined) {
      problems.push({ path: `${path}.node`, message: `The rubric has no averaging node "${a.node}" (decision tables and questions have no alternative aggregation).` });
      return;
    }
    const bad = a.methods.filter((m) => !METHODS.includes(m));
    if (bad.length) problems.push({ path: `${path}.methods`, message: `Unknown aggregation(s) ${bad.join(', ')}; use ${METHODS.join(', ')}.` });
    const choices = [...new Set([plan.groupMethod[g]!, ...a.methods.map((m) => METHODS.indexOf(m)).filter((c) => c >= 0)])];
    inputs.push({ id: a.id ?? `aggregation:${a.node}`, kind: 'aggregation', dims: 1, slots: [], noise: 0, groups: [g], choices, nodes: [a.node] });
  });
  (spec.missing ?? []).forEach((m, i) => {
    const groups: number[] = [];
    for (let g = 0; g < G; g++) if (m.level === undefined || plan.levels[plan.groupNode[g]!] === m.level) groups.push(g);
    if (!groups.length) problems.push({ path: `missing[${i}].level`, message: `No averaging node at level "${m.level}".` });
    // Choice 0 keeps each node's declared rule; the others set one rule everywhere.
    const choices = [255, ...m.rules.map((r) => POLICIES.indexOf(r))];
    inputs.push({ id: m.id ?? `missing:${m.level ?? 'all'}`, kind: 'missing', dims: 1, slots: [], noise: 0, groups, choices, nodes: groups.map((g) => plan.ids[plan.groupNode[g]!]!) });
  });
  if (spec.leaveOneOut) {
    const slots: number[] = [];
    for (let s = plan.groupStart[plan.top]!; s < plan.groupEnd[plan.top]!; s++) slots.push(s);
    inputs.push({ id: 'leave-one-out', kind: 'leave-one-out', dims: 1, slots, noise: 0, groups: [plan.top], choices: [], nodes: slots.map((s) => plan.ids[plan.slotChild[s]!]!) });
  }
  const seen = new Set<string>();
  inputs.forEach((inp, i) => {
    if (seen.has(inp.id)) problems.push({ path: `inputs[${i}]`, message: `Two uncertain inputs share the id "${inp.id}"; give them distinct ids.` });
    seen.add(inp.id);
  });
  const samples = spec.samples ?? 1000;
  if (!Number.isInteger(samples) || samples < 1 || samples > 10_000_000) problems.push({ path: 'samples', message: `Samples must be a whole number from 1 to 10,000,000 (got ${samples}).` });
  const seed = spec.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) problems.push({ path: 'seed', message: `The seed must be a whole number from 0 to 4294967295 (got ${seed}).` });
  if (problems.length) return { problems };

  // Groups touched by an input, and every group above them, are re-evaluated per sample.
  const dirty = new Uint8Array(G);
  const slotGroup = new Int32Array(plan.slotChild.length);
  for (let g = 0; g < G; g++) for (let s = plan.groupStart[g]!; s < plan.groupEnd[g]!; s++) slotGroup[s] = g;
  for (const inp of inputs) {
    for (const s of inp.slots) dirty[slotGroup[s]!] = 1;
    for (const g of inp.groups) dirty[g] = 1;
  }
  const consumers: number[][] = plan.ids.map(() => []);
  for (let s = 0; s < plan.slotChild.length; s++) consumers[plan.slotChild[s]!]!.push(slotGroup[s]!);
  for (let g = 0; g < G; g++) if (dirty[g]) for (const c of consumers[plan.groupNode[g]!]!) dirty[c] = 1;

  const U = units.units.length;
  const N = plan.ids.length;
  const nominalValue = new Float64Array(U * N);
  const nominalStatus = new Uint8Array(U * N);
  const nominalScore = new Float64Array(U);
  const settings = nominalSettings(plan);
  for (let u = 0; u < U; u++) nominalScore[u] = evaluatePlan(plan, units, u, settings, nominalValue.subarray(u * N, (u + 1) * N), nominalStatus.subarray(u * N, (u + 1) * N));
  const tieScale = 10 ** rubric.display.precision;
  const nominalRank = new Float64Array(U);
  rankInto(nominalScore, nominalRank, tieScale);
  return {
    value: {
      plan,
      units,
      inputs,
      dims: inputs.reduce((s, i) => s + i.dims, 0),
      dirty,
      nominalValue,
      nominalStatus,
      nominalScore,
      nominalRank,
      exactScore: results.map((r) => r.root.value),
      tieScale,
      seed,
      samples,
    },
    problems,
  };
}

/**
 * Competition ranks (1, 2, 2, 4), highest score first; scores equal once rounded for display
 * share a rank, as the ranking tables do. Units without a score get NaN.
 */
export function rankInto(scores: ArrayLike<number>, ranks: Float64Array | Float32Array, tieScale: number, offset = 0): void {
  const U = ranks.length;
  if (scratchKeys.length < U) {
    scratchKeys = new Float64Array(U);
    scratchOrder = new Int32Array(U);
  }
  const keys = scratchKeys;
  const order = scratchOrder;
  let n = 0;
  for (let u = 0; u < U; u++) {
    const x = scores[offset + u]!;
    if (Number.isNaN(x)) {
      ranks[u] = NaN;
      continue;
    }
    const k = Math.floor(x * tieScale + 0.5 + 1e-7);
    keys[u] = k;
    // Insertion sort by key, highest first (units are few; no allocation).
    let i = n++;
    while (i > 0 && keys[order[i - 1]!]! < k) {
      order[i] = order[i - 1]!;
      i--;
    }
    order[i] = u;
  }
  for (let i = 0; i < n; i++) {
    const u = order[i]!;
    ranks[u] = i > 0 && keys[order[i - 1]!] === keys[u] ? ranks[order[i - 1]!]! : i + 1;
  }
}
let scratchKeys = new Float64Array(0);
let scratchOrder = new Int32Array(0);

/** Reusable buffers of one evaluating thread. */
export interface Evaluator {
  settings: PlanSettings;
  nominal: PlanSettings;
  values: Float64Array[];
  statuses: Uint8Array[];
  row: Float64Array;
  row2: Float64Array;
  random: SampleRandom;
}

/** Creates the buffers for evaluating samples of a context (one per thread). */
export function createEvaluator(ctx: UncertaintyContext): Evaluator {
  const N = ctx.plan.ids.length;
  const U = ctx.units.units.length;
  const values: Float64Array[] = [];
  const statuses: Uint8Array[] = [];
  for (let u = 0; u < U; u++) {
    values.push(Float64Array.from(ctx.nominalValue.subarray(u * N, (u + 1) * N)));
    statuses.push(Uint8Array.from(ctx.nominalStatus.subarray(u * N, (u + 1) * N)));
  }
  return { settings: nominalSettings(ctx.plan), nominal: nominalSettings(ctx.plan), values, statuses, row: new Float64Array(ctx.dims), row2: new Float64Array(ctx.dims), random: new SampleRandom() };
}

/** Fills `row` with the random numbers of sample `index` in sub-stream `stream`. */
export function drawRow(ev: Evaluator, ctx: UncertaintyContext, index: number, stream: number, row: Float64Array): void {
  ev.random.reseed(ctx.seed, index, stream);
  for (let d = 0; d < row.length; d++) row[d] = ev.random.next();
}

/**
 * Evaluates every unit for one row of random numbers; writes top scores to `out` at `offset`.
 * `mask` (default: every group an input reaches) limits the groups evaluated; the others keep
 * the values the evaluator's buffers hold.
 */
export function evaluateRow(ctx: UncertaintyContext, ev: Evaluator, row: Float64Array, out: Float64Array, offset: number, mask: Uint8Array = ctx.dirty): void {
  const { settings, nominal } = ev;
  settings.slotMult.set(nominal.slotMult);
  settings.slotOff.set(nominal.slotOff);
  settings.method.set(nominal.method);
  settings.policy.set(nominal.policy);
  let d = 0;
  for (const inp of ctx.inputs) {
    if (inp.kind === 'weights') {
      for (const s of inp.slots) settings.slotMult[s] = 1 + inp.noise * (2 * row[d++]! - 1);
    } else if (inp.kind === 'aggregation') {
      const c = inp.choices[Math.min(inp.choices.length - 1, Math.floor(row[d++]! * inp.choices.length))]!;
      for (const g of inp.groups) settings.method[g] = c;
    } else if (inp.kind === 'missing') {
      const c = inp.choices[Math.min(inp.choices.length - 1, Math.floor(row[d++]! * inp.choices.length))]!;
      if (c !== 255) for (const g of inp.groups) settings.policy[g] = c;
    } else {
      const k = Math.min(inp.slots.length, Math.floor(row[d++]! * (inp.slots.length + 1)));
      if (k > 0) settings.slotOff[inp.slots[k - 1]!] = 1;
    }
  }
  const U = ctx.units.units.length;
  for (let u = 0; u < U; u++) out[offset + u] = evaluatePlan(ctx.plan, ctx.units, u, settings, ev.values[u]!, ev.statuses[u]!, mask);
}

/**
 * Top scores of samples `from` to `to` (exclusive), sample after sample (one value per unit).
 * Sample i's draws depend on (seed, i) only, so any split over threads gives the same numbers.
 */
export function sampleScores(ctx: UncertaintyContext, from: number, to: number, ev: Evaluator = createEvaluator(ctx)): Float64Array {
  const U = ctx.units.units.length;
  const out = new Float64Array((to - from) * U);
  for (let i = from; i < to; i++) {
    drawRow(ev, ctx, i, 0, ev.row);
    evaluateRow(ctx, ev, ev.row, out, (i - from) * U);
  }
  return out;
}

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

/** An area's effective weight in the index. */
export interface EffectiveWeight {
  id: string;
  /** Declared weight within the top score. */
  declared: number;
  /** Mean share of the top score over the units (from the exact score trees). */
  share: number | null;
  /** Pearson correlation of the area's score with the index across units. */
  correlation: number | null;
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

/**
 * Summarises sampled top scores (from {@link sampleScores}) per unit, exactly. Linear in the
 * samples: ranks are whole numbers, so their quantiles come from counts per rank, and the score
 * quantiles by selection; the figures are those of sorting every column.
 */
export function summariseUncertainty(ctx: UncertaintyContext, scores: Float64Array, results: readonly ScoreResult[]): UncertaintyResult {
  const summary = new UncertaintySummary(ctx, 'exact', scores.length / ctx.units.units.length);
  summary.add(scores);
  return summary.result(results);
}

/**
 * Each area's real share of the index (mean over units of its share in the exact score tree)
 * and the correlation of its score with the index across units.
 *
 * @example
 * ```ts
 * import { effectiveWeights, type ScoreResult } from 'policy-index';
 * declare const results: ScoreResult[];
 * for (const w of effectiveWeights(results)) console.log(w.id, w.share, w.correlation);
 * ```
 */
export function effectiveWeights(results: readonly ScoreResult[], plan?: EvaluationPlan): EffectiveWeight[] {
  const first = results[0];
  if (!first) return [];
  const areas = first.root.children.filter((c) => c.handling !== 'not-in-variant');
  return areas.map((a, k) => {
    const shares: number[] = [];
    const xs: number[] = [];
    const ys: number[] = [];
    for (const r of results) {
      const node: ScoredNode | undefined = r.root.children.find((c) => c.id === a.id);
      if (!node) continue;
      if (node.shareOfTop !== null) shares.push(Number(node.shareOfTop));
      if (node.value !== null && r.root.value !== null) {
        xs.push(node.value);
        ys.push(r.root.value);
      }
    }
    const declared = plan ? plan.slotWeight[plan.groupStart[plan.top]! + k] ?? Number(a.weight) : Number(a.weight);
    return { id: a.id, declared, share: shares.length ? shares.reduce((s, x) => s + x, 0) / shares.length : null, correlation: pearsonCorrelation(xs, ys) };
  });
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
