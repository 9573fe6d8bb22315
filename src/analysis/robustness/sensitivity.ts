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
    return { unit, variance, inputs: indices(ids, col[0]!, col[1]!, col.slice(2), N, boot, Math.min(reps, 100), level) };
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
  return { value: summariseSensitivity(ctx, splitMatrices(sensitivityRanks(ctx, 0, ctx.samples), ctx.inputs.length + 2), options), problems: [] };
}
