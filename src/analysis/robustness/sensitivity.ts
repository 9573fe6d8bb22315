/**
 * Variance-based sensitivity analysis: Saltelli sampling (matrices A, B and A with input i's
 * columns from B), first-order indices by the Saltelli (2010) estimator, total-effect indices by
 * Jansen's, and bootstrap confidence intervals — on the mean absolute rank shift and on each
 * unit's rank.
 *
 * @module
 */
import type { Rubric } from '../../rubric/types.js';
import type { ScoreResult } from '../../scoring/types.js';
import { SampleRandom } from './random.js';
import { overBudget, runCost, unitBootstrap, type RobustnessBudget } from './budget.js';
import { prepareUncertainty, rankInto, type SpecProblem, type UncertaintyContext, type UncertaintySpec } from './context.js';
import { createEvaluator, drawRow, evaluateRow } from './sampling.js';

/** Options of a sensitivity analysis. */
export interface SensitivityOptions extends RobustnessBudget {
  /** Bootstrap resamples for the confidence intervals (default 200). */
  bootstrap?: number;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
}

/** Indices of one input on one output. */
export interface InputIndices {
  id: string;
  /** First-order index (Saltelli 2010). */
  first: number;
  /** Total-effect index (Jansen 1999). */
  total: number;
  /** Bootstrap percentile intervals of both. */
  ci: { first: [number, number]; total: [number, number] };
}

/** Result of a sensitivity analysis. */
export interface SensitivityResult {
  /** Base samples N (the model ran N × (inputs + 2) times). */
  samples: number;
  seed: number;
  variant: string;
  /** Model runs. */
  runs: number;
  /** Indices on the mean absolute rank shift over all units. */
  inputs: InputIndices[];
  /** Indices on each unit's rank. */
  units: { unit: string; variance: number; inputs: InputIndices[] }[];
  /**
   * `poisson` when the rows did not fit the memory budget and were summarised as they came: the
   * indices are the same sums, and the intervals come from a Poisson bootstrap (each row weighted
   * by a Poisson(1) count per resample) rather than from resampling stored rows.
   */
  bootstrapMethod?: 'poisson';
}

/**
 * Bootstrap resamples: `reps` rows of `n` indices drawn with replacement. The same resamples
 * serve every input and output, as in the usual Saltelli bootstrap.
 */
function bootstrapRows(n: number, reps: number, random: SampleRandom): Int32Array[] {
  const rows: Int32Array[] = [];
  for (let r = 0; r < reps; r++) {
    const idx = new Int32Array(n);
    for (let k = 0; k < n; k++) idx[k] = Math.floor(random.next() * n);
    rows.push(idx);
  }
  return rows;
}

/** Variance of the pooled A and B outputs at rows `idx` (all rows when null). */
function pooledVariance(yA: Float64Array, yB: Float64Array, idx: Int32Array | null, n: number): number {
  let sum = 0;
  let sq = 0;
  for (let k = 0; k < n; k++) {
    const j = idx ? idx[k]! : k;
    const a = yA[j]!;
    const b = yB[j]!;
    sum += a + b;
    sq += a * a + b * b;
  }
  return Math.max(0, sq - (sum * sum) / (2 * n)) / (2 * n - 1);
}

/** First-order and total indices of one input given the pooled variance (0 and 0 for an output that never varies). */
function effects(yA: Float64Array, yB: Float64Array, yAB: Float64Array, idx: Int32Array | null, n: number, v: number): [number, number] {
  if (!(v > 1e-12)) return [0, 0];
  let f = 0;
  let t = 0;
  for (let k = 0; k < n; k++) {
    const j = idx ? idx[k]! : k;
    const a = yA[j]!;
    const ab = yAB[j]!;
    f += yB[j]! * (ab - a);
    t += (a - ab) * (a - ab);
  }
  return [f / n / v, t / (2 * n) / v];
}

/** Indices of every input on one output, with bootstrap intervals; each resample's variance is shared by the inputs. */
function indices(ids: readonly string[], yA: Float64Array, yB: Float64Array, yAB: readonly Float64Array[], n: number, boot: readonly Int32Array[], reps: number, level: number): InputIndices[] {
  const v0 = pooledVariance(yA, yB, null, n);
  const point = yAB.map((y) => effects(yA, yB, y, null, n, v0));
  const fs = yAB.map(() => new Float64Array(reps));
  const ts = yAB.map(() => new Float64Array(reps));
  for (let r = 0; r < reps; r++) {
    const idx = boot[r]!;
    const v = pooledVariance(yA, yB, idx, n);
    for (let i = 0; i < yAB.length; i++) [fs[i]![r], ts[i]![r]] = effects(yA, yB, yAB[i]!, idx, n, v);
  }
  const lo = (1 - level) / 2;
  const q = (a: Float64Array, p: number) => a[Math.min(reps - 1, Math.max(0, Math.round(p * (reps - 1))))]!;
  return ids.map((id, i) => {
    const [first, total] = point[i]!;
    const f = fs[i]!.sort();
    const t = ts[i]!.sort();
    return { id, first, total, ci: { first: reps ? [q(f, lo), q(f, 1 - lo)] : [first, first], total: reps ? [q(t, lo), q(t, 1 - lo)] : [total, total] } };
  });
}

/** For each input, the groups its draws reach: the groups it touches and every group above them. */
function inputMasks(ctx: UncertaintyContext): Uint8Array[] {
  const { plan } = ctx;
  const G = plan.groupNode.length;
  const slotGroup = new Int32Array(plan.slotChild.length);
  for (let g = 0; g < G; g++) for (let s = plan.groupStart[g]!; s < plan.groupEnd[g]!; s++) slotGroup[s] = g;
  const consumers: number[][] = plan.ids.map(() => []);
  for (let s = 0; s < plan.slotChild.length; s++) consumers[plan.slotChild[s]!]!.push(slotGroup[s]!);
  return ctx.inputs.map((inp) => {
    const m = new Uint8Array(G);
    for (const s of inp.slots) m[slotGroup[s]!] = 1;
    for (const g of inp.groups) m[g] = 1;
    // Groups come children first, so one pass marks every ancestor.
    for (let g = 0; g < G; g++) if (m[g]) for (const c of consumers[plan.groupNode[g]!]!) m[c] = 1;
    return m;
  });
}

/**
 * Ranks of every unit for rows `from`..`to` of every matrix: the result holds matrix after
 * matrix (0 = A, 1 = B, 2 + i = AB_i), each (to − from) rows × units. Row j of AB_i differs from
 * row j of A in input i's draws only, so after A only the groups input i reaches are
 * re-evaluated, and then set back to A's values; the figures are those of evaluating every
 * matrix in full.
 */
export function sensitivityRanks(ctx: UncertaintyContext, from: number, to: number): Float64Array {
  const ev = createEvaluator(ctx);
  const U = ctx.units.units.length;
  const M = ctx.inputs.length + 2;
  const R = to - from;
  const masks = inputMasks(ctx);
  const reached = masks.map((m) => Int32Array.from(Array.from(m.keys()).filter((g) => m[g]).map((g) => ctx.plan.groupNode[g]!)));
  const keepValue = ev.values.map((v) => new Float64Array(v.length));
  const keepStatus = ev.statuses.map((v) => new Uint8Array(v.length));
  const scores = new Float64Array(U);
  const ranks = new Float64Array(U);
  const out = new Float64Array(M * R * U);
  const ab = new Float64Array(ctx.dims);
  const put = (w: number, j: number) => {
    rankInto(scores, ranks, ctx.tieScale);
    out.set(ranks, (w * R + (j - from)) * U);
  };
  for (let j = from; j < to; j++) {
    drawRow(ev, ctx, j, 0, ev.row);
    drawRow(ev, ctx, j, 1, ev.row2);
    evaluateRow(ctx, ev, ev.row2, scores, 0);
    put(1, j);
    evaluateRow(ctx, ev, ev.row, scores, 0);
    put(0, j);
    for (let u = 0; u < U; u++) {
      keepValue[u]!.set(ev.values[u]!);
      keepStatus[u]!.set(ev.statuses[u]!);
    }
    ab.set(ev.row);
    let d = 0;
    ctx.inputs.forEach((inp, i) => {
      for (let k = d; k < d + inp.dims; k++) ab[k] = ev.row2[k]!;
      evaluateRow(ctx, ev, ab, scores, 0, masks[i]!);
      put(2 + i, j);
      // Back to A's draws and values.
      for (let k = d; k < d + inp.dims; k++) ab[k] = ev.row[k]!;
      const nodes = reached[i]!;
      for (let u = 0; u < U; u++) {
        const v = ev.values[u]!, st = ev.statuses[u]!, kv = keepValue[u]!, ks = keepStatus[u]!;
        for (let t = 0; t < nodes.length; t++) {
          const n = nodes[t]!;
          v[n] = kv[n]!;
          st[n] = ks[n]!;
        }
      }
      d += inp.dims;
    });
  }
  return out;
}

/** Splits the output of {@link sensitivityRanks} into one array per matrix. */
export function splitMatrices(all: Float64Array, matrices: number): Float64Array[] {
  const size = all.length / matrices;
  return Array.from({ length: matrices }, (_, w) => all.subarray(w * size, (w + 1) * size));
}

/**
 * The mean absolute rank shift of one sample (`row` of a ranks matrix with `U` units per row)
 * from the nominal ranks, over the units ranked in both; 0 when there are none.
 */
function meanRankShift(ranks: Float64Array, row: number, U: number, nominal: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let u = 0; u < U; u++) {
    const r = ranks[row * U + u]!;
    const n = nominal[u]!;
    if (!Number.isNaN(r) && !Number.isNaN(n)) {
      s += Math.abs(r - n);
      c++;
    }
  }
  return c ? s / c : 0;
}

/** Turns the ranks of all matrices (A, B, AB_1 … AB_d, each N × units) into indices. */
export function summariseSensitivity(ctx: UncertaintyContext, ranks: readonly Float64Array[], options: SensitivityOptions = {}): SensitivityResult {
  const U = ctx.units.units.length;
  const N = ranks[0]!.length / U;
  const reps = options.bootstrap ?? 200;
  const level = options.level ?? 0.95;
  const shift = ranks.map((m) => {
    const nominal = ctx.nominalRank;
    const y = new Float64Array(N);
    for (let j = 0; j < N; j++) y[j] = meanRankShift(m, j, U, nominal);
    return y;
  });
  const boot = bootstrapRows(N, reps, new SampleRandom().reseed(ctx.seed, 0, 7));
  const ids = ctx.inputs.map((inp) => inp.id);
  const inputs = indices(ids, shift[0]!, shift[1]!, shift.slice(2), N, boot, reps, level);
  const units = ctx.units.units.map((unit, u) => {
    const col = ranks.map((m) => {
      const y = new Float64Array(N);
      for (let j = 0; j < N; j++) {
        const r = m[j * U + u]!;
        y[j] = Number.isNaN(r) ? U + 1 : r;
      }
      return y;
    });
    let mean = 0;
    for (let j = 0; j < N; j++) mean += col[0]![j]! + col[1]![j]!;
    mean /= 2 * N;
    let variance = 0;
    for (let j = 0; j < N; j++) variance += (col[0]![j]! - mean) ** 2 + (col[1]![j]! - mean) ** 2;
    variance /= Math.max(1, 2 * N - 1);
    return { unit, variance, inputs: indices(ids, col[0]!, col[1]!, col.slice(2), N, boot, unitBootstrap(reps), level) };
  });
  return { samples: N, seed: ctx.seed, variant: ctx.plan.variant, runs: N * (ctx.inputs.length + 2), inputs, units };
}

/** Poisson(1) count from a uniform number (inverse of the distribution function). */
function poisson1(u: number): number {
  let k = 0;
  let p = Math.exp(-1);
  let cdf = p;
  while (u >= cdf && k < 30) {
    k++;
    p /= k;
    cdf += p;
  }
  return k;
}

/** Sums of one output over the rows, per resample (index 0: every row once; then the bootstrap ones). */
class OutputSums {
  /** Per resample: weight, sum of A and B, sum of their squares, then per input the first-order and total sums. */
  readonly sums: Float64Array;
  private readonly width: number;

  constructor(
    readonly reps: number,
    private readonly inputs: number,
  ) {
    this.width = 3 + 2 * inputs;
    this.sums = new Float64Array((reps + 1) * this.width);
  }

  /** Adds one row (A, B and every AB_i output) with the resample weights `w` (w[0] = 1). */
  add(a: number, b: number, ab: Float64Array, w: Float64Array): void {
    const { sums, width, inputs } = this;
    for (let r = 0; r <= this.reps; r++) {
      const k = w[r]!;
      if (k === 0) continue;
      const o = r * width;
      sums[o] = sums[o]! + k;
      sums[o + 1] = sums[o + 1]! + k * (a + b);
      sums[o + 2] = sums[o + 2]! + k * (a * a + b * b);
      for (let i = 0; i < inputs; i++) {
        const x = ab[i]!;
        sums[o + 3 + 2 * i] = sums[o + 3 + 2 * i]! + k * (b * (x - a));
        sums[o + 4 + 2 * i] = sums[o + 4 + 2 * i]! + k * ((a - x) * (a - x));
      }
    }
  }

  /** First-order and total indices of input i at resample r (the same formulas as the stored rows get). */
  effects(r: number, i: number): [number, number] {
    const o = r * this.width;
    const n = this.sums[o]!;
    if (n < 1) return [0, 0];
    const sum = this.sums[o + 1]!;
    const v = Math.max(0, this.sums[o + 2]! - (sum * sum) / (2 * n)) / (2 * n - 1);
    if (!(v > 1e-12)) return [0, 0];
    return [this.sums[o + 3 + 2 * i]! / n / v, this.sums[o + 4 + 2 * i]! / (2 * n) / v];
  }

  indices(ids: readonly string[], level: number): InputIndices[] {
    const reps = this.reps;
    const lo = (1 - level) / 2;
    const q = (a: Float64Array, p: number) => a[Math.min(reps - 1, Math.max(0, Math.round(p * (reps - 1))))]!;
    return ids.map((id, i) => {
      const [first, total] = this.effects(0, i);
      const f = new Float64Array(reps);
      const t = new Float64Array(reps);
      for (let r = 0; r < reps; r++) [f[r], t[r]] = this.effects(r + 1, i);
      f.sort();
      t.sort();
      return { id, first, total, ci: { first: reps ? [q(f, lo), q(f, 1 - lo)] : [first, first], total: reps ? [q(t, lo), q(t, 1 - lo)] : [total, total] } };
    });
  }
}

/**
 * The summaries of a sensitivity run, fed the ranks of {@link sensitivityRanks} in row order, a
 * block of rows at a time. `exact` keeps every row (N × (inputs + 2) × units numbers) and gives
 * the figures of {@link summariseSensitivity}; `streamed` keeps sums only — the Saltelli and
 * Jansen estimators are sums over the rows, and the bootstrap weights each row by a Poisson(1)
 * count per resample, drawn from (seed, row) — so its memory does not grow with N. Either way
 * the figures do not depend on how the rows are split into blocks.
 */
export class SensitivitySummary {
  private readonly U: number;
  private readonly M: number;
  private readonly matrices?: Float64Array[];
  private readonly shiftSums?: OutputSums;
  private readonly unitSums?: OutputSums[];
  /** Per unit: sum and sum of squares of its rank in A and B (whole numbers, so exact). */
  private readonly rankSum?: Float64Array;
  private readonly rankSq?: Float64Array;
  private readonly random = new SampleRandom();
  /** Rows taken. */
  rows = 0;

  constructor(
    private readonly ctx: UncertaintyContext,
    readonly mode: 'exact' | 'streamed',
    private readonly options: SensitivityOptions = {},
    /** Rows to expect (the size of the exact matrices). */
    capacity = ctx.samples,
  ) {
    const U = (this.U = ctx.units.units.length);
    const M = (this.M = ctx.inputs.length + 2);
    if (mode === 'exact') {
      this.matrices = Array.from({ length: M }, () => new Float64Array(capacity * U));
      return;
    }
    const reps = options.bootstrap ?? 200;
    this.shiftSums = new OutputSums(reps, ctx.inputs.length);
    this.unitSums = Array.from({ length: U }, () => new OutputSums(unitBootstrap(reps), ctx.inputs.length));
    this.rankSum = new Float64Array(U);
    this.rankSq = new Float64Array(U);
  }

  /** Takes the output of {@link sensitivityRanks} for the next rows. */
  add(ranks: Float64Array): void {
    const { U, M } = this;
    const R = ranks.length / (M * U);
    const parts = splitMatrices(ranks, M);
    if (this.matrices) {
      parts.forEach((m, w) => this.matrices![w]!.set(m, this.rows * U));
      this.rows += R;
      return;
    }
    const shiftSums = this.shiftSums!;
    const unitSums = this.unitSums!;
    const nominal = this.ctx.nominalRank;
    const d = M - 2;
    const weights = new Float64Array(shiftSums.reps + 1);
    const y = new Float64Array(M);
    const ab = new Float64Array(d);
    for (let j = 0; j < R; j++) {
      const row = this.rows + j;
      // The same resample weights serve every output, as stored rows would.
      this.random.reseed(this.ctx.seed, row, 8);
      weights[0] = 1;
      for (let r = 1; r < weights.length; r++) weights[r] = poisson1(this.random.next());
      for (let w = 0; w < M; w++) {
        y[w] = meanRankShift(parts[w]!, j, U, nominal);
      }
      for (let i = 0; i < d; i++) ab[i] = y[2 + i]!;
      shiftSums.add(y[0]!, y[1]!, ab, weights);
      for (let u = 0; u < U; u++) {
        for (let w = 0; w < M; w++) {
          const r = parts[w]![j * U + u]!;
          y[w] = Number.isNaN(r) ? U + 1 : r;
        }
        for (let i = 0; i < d; i++) ab[i] = y[2 + i]!;
        unitSums[u]!.add(y[0]!, y[1]!, ab, weights);
        this.rankSum![u] = this.rankSum![u]! + y[0]! + y[1]!;
        this.rankSq![u] = this.rankSq![u]! + y[0]! * y[0]! + y[1]! * y[1]!;
      }
    }
    this.rows += R;
  }

  /** The result (once every row is in). */
  result(): SensitivityResult {
    const { ctx, U } = this;
    if (this.matrices) return summariseSensitivity(ctx, this.matrices.map((m) => m.subarray(0, this.rows * U)), this.options);
    const N = this.rows;
    const level = this.options.level ?? 0.95;
    const ids = ctx.inputs.map((inp) => inp.id);
    const units = ctx.units.units.map((unit, u) => {
      const sum = this.rankSum![u]!;
      const variance = Math.max(0, this.rankSq![u]! - (sum * sum) / (2 * N)) / Math.max(1, 2 * N - 1);
      return { unit, variance, inputs: this.unitSums![u]!.indices(ids, level) };
    });
    return { samples: N, seed: ctx.seed, variant: ctx.plan.variant, runs: N * (ctx.inputs.length + 2), inputs: this.shiftSums!.indices(ids, level), units, bootstrapMethod: 'poisson' };
  }
}

/** Rows evaluated at a time between summaries. */
export const ROW_BLOCK = 500;

/**
 * The budget check of a sensitivity run of a prepared context: a problem (with the figures) when
 * it declares no input or is over its budget, else whether its summaries are exact or streamed.
 */
export function planSensitivityRun(ctx: UncertaintyContext, options: SensitivityOptions = {}): { mode?: 'exact' | 'streamed'; problems: SpecProblem[] } {
  if (!ctx.inputs.length) return { problems: [{ path: 'inputs', message: 'Declare at least one uncertain input.' }] };
  const shape = { kind: 'sensitivity' as const, samples: ctx.samples, units: ctx.units.units.length, inputs: ctx.inputs.length, bootstrap: options.bootstrap ?? 200 };
  const over = overBudget(shape, options);
  if (over) return { problems: [{ path: 'samples', message: over, code: 'ROBUSTNESS_OVER_BUDGET' }] };
  return { mode: runCost(shape, options).mode, problems: [] };
}

/**
 * Runs a sensitivity analysis in this thread. `spec.samples` is the base sample count N. A run
 * over its budget (see {@link RobustnessBudget}) is refused before it starts, with the figures;
 * one whose rows do not fit the memory budget is summarised as the rows come.
 *
 * @example
 * ```ts
 * import { analyseSensitivity, type Rubric, type ScoreResult } from 'policy-index';
 * declare const rubric: Rubric, results: ScoreResult[];
 * const run = analyseSensitivity(rubric, results, { weights: [{ level: 'area', noise: 0.25 }], leaveOneOut: true, samples: 500, seed: 1 });
 * for (const i of run.value?.inputs ?? []) console.log(i.id, i.first, i.total, i.ci.total);
 * ```
 */
export function analyseSensitivity(rubric: Rubric, results: readonly ScoreResult[], spec: UncertaintySpec, options: SensitivityOptions = {}, variant?: string): { value?: SensitivityResult; problems: SpecProblem[] } {
  const prepared = prepareUncertainty(rubric, results, spec, variant);
  if (!prepared.value) return { problems: prepared.problems };
  const ctx = prepared.value;
  const run = planSensitivityRun(ctx, options);
  if (!run.mode) return { problems: run.problems };
  const summary = new SensitivitySummary(ctx, run.mode, options);
  for (let a = 0; a < ctx.samples; a += ROW_BLOCK) summary.add(sensitivityRanks(ctx, a, Math.min(ctx.samples, a + ROW_BLOCK)));
  return { value: summary.result(), problems: [] };
}
