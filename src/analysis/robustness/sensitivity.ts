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
import { createEvaluator, drawRow, evaluateRow, prepareUncertainty, rankInto, type SpecProblem, type UncertaintyContext, type UncertaintySpec } from './uncertainty.js';

/** Options of a sensitivity analysis. */
export interface SensitivityOptions {
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
}

/** Point estimates of first-order and total indices from the A, B and AB outputs at rows `idx`. */
function estimate(yA: Float64Array, yB: Float64Array, yAB: Float64Array, idx: Int32Array | null, n: number): [number, number] {
  let mean = 0;
  for (let k = 0; k < n; k++) {
    const j = idx ? idx[k]! : k;
    mean += yA[j]! + yB[j]!;
  }
  mean /= 2 * n;
  let v = 0;
  let f = 0;
  let t = 0;
  for (let k = 0; k < n; k++) {
    const j = idx ? idx[k]! : k;
    const a = yA[j]!;
    const b = yB[j]!;
    const ab = yAB[j]!;
    v += (a - mean) ** 2 + (b - mean) ** 2;
    f += b * (ab - a);
    t += (a - ab) ** 2;
  }
  v /= 2 * n - 1;
  // An output that never varies is sensitive to nothing.
  if (!(v > 1e-12)) return [0, 0];
  return [f / n / v, t / (2 * n) / v];
}

function indices(id: string, yA: Float64Array, yB: Float64Array, yAB: Float64Array, n: number, reps: number, level: number, random: SampleRandom): InputIndices {
  const [first, total] = estimate(yA, yB, yAB, null, n);
  const fs = new Float64Array(reps);
  const ts = new Float64Array(reps);
  const idx = new Int32Array(n);
  for (let r = 0; r < reps; r++) {
    for (let k = 0; k < n; k++) idx[k] = Math.floor(random.next() * n);
    [fs[r], ts[r]] = estimate(yA, yB, yAB, idx, n);
  }
  fs.sort();
  ts.sort();
  const lo = (1 - level) / 2;
  const q = (a: Float64Array, p: number) => a[Math.min(reps - 1, Math.max(0, Math.round(p * (reps - 1))))]!;
  return { id, first, total, ci: { first: reps ? [q(fs, lo), q(fs, 1 - lo)] : [first, first], total: reps ? [q(ts, lo), q(ts, 1 - lo)] : [total, total] } };
}

/** Ranks of every unit for rows `from`..`to` of matrix `which` (0 = A, 1 = B, 2 + i = AB_i). */
export function sensitivityRanks(ctx: UncertaintyContext, which: number, from: number, to: number): Float64Array {
  const ev = createEvaluator(ctx);
  const U = ctx.units.units.length;
  const scores = new Float64Array(U);
  const ranks = new Float64Array(U);
  const out = new Float64Array((to - from) * U);
  for (let j = from; j < to; j++) {
    drawRow(ev, ctx, j, 0, ev.row);
    if (which >= 1) drawRow(ev, ctx, j, 1, ev.row2);
    let row = ev.row;
    if (which === 1) row = ev.row2;
    else if (which >= 2) {
      let d = 0;
      ctx.inputs.forEach((inp, i) => {
        if (i === which - 2) for (let k = 0; k < inp.dims; k++) ev.row[d + k] = ev.row2[d + k]!;
        d += inp.dims;
      });
    }
    evaluateRow(ctx, ev, row, scores, 0);
    rankInto(scores, ranks, ctx.tieScale);
    out.set(ranks, (j - from) * U);
  }
  return out;
}

/** Turns the ranks of all matrices (A, B, AB_1 … AB_d, each N × units) into indices. */
export function summariseSensitivity(ctx: UncertaintyContext, ranks: readonly Float64Array[], options: SensitivityOptions = {}): SensitivityResult {
  const U = ctx.units.units.length;
  const N = ranks[0]!.length / U;
  const reps = options.bootstrap ?? 200;
  const level = options.level ?? 0.95;
  const nominal = ctx.nominalRank;
  const shift = ranks.map((m) => {
    const y = new Float64Array(N);
    for (let j = 0; j < N; j++) {
      let s = 0;
      let c = 0;
      for (let u = 0; u < U; u++) {
        const r = m[j * U + u]!;
        if (!Number.isNaN(r) && !Number.isNaN(nominal[u]!)) {
          s += Math.abs(r - nominal[u]!);
          c++;
        }
      }
      y[j] = c ? s / c : 0;
    }
    return y;
  });
  const random = new SampleRandom().reseed(ctx.seed, 0, 7);
  const inputs = ctx.inputs.map((inp, i) => indices(inp.id, shift[0]!, shift[1]!, shift[2 + i]!, N, reps, level, random));
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
    return { unit, variance, inputs: ctx.inputs.map((inp, i) => indices(inp.id, col[0]!, col[1]!, col[2 + i]!, N, Math.min(reps, 100), level, random)) };
  });
  return { samples: N, seed: ctx.seed, variant: ctx.plan.variant, runs: N * (ctx.inputs.length + 2), inputs, units };
}

/**
 * Runs a sensitivity analysis in this thread. `spec.samples` is the base sample count N.
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
  if (!ctx.inputs.length) return { problems: [{ path: 'inputs', message: 'Declare at least one uncertain input.' }] };
  const ranks: Float64Array[] = [];
  for (let w = 0; w < ctx.inputs.length + 2; w++) ranks.push(sensitivityRanks(ctx, w, 0, ctx.samples));
  return { value: summariseSensitivity(ctx, ranks, options), problems: [] };
}
