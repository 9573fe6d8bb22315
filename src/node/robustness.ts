/**
 * Uncertainty and sensitivity runs spread over worker threads. Every sample's random numbers
 * depend on (seed, sample index) alone and the blocks are summarised in order, so the output is
 * byte-identical whatever the number of threads; the summaries keep what the memory budget
 * allows, never every sample of a run that does not fit.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import type { Rubric } from '../rubric/types.js';
import type { ScoreResult } from '../scoring/types.js';
import type { RobustnessBudget } from '../analysis/robustness/budget.js';
import { planSensitivityRun, ROW_BLOCK, SensitivitySummary, sensitivityRanks, type SensitivityOptions, type SensitivityResult } from '../analysis/robustness/sensitivity.js';
import { prepareUncertainty, type SpecProblem, type UncertaintyContext, type UncertaintySpec } from '../analysis/robustness/context.js';
import { createEvaluator, sampleScores } from '../analysis/robustness/sampling.js';
import { planUncertaintyRun, SAMPLE_BLOCK, UncertaintySummary, type UncertaintyResult } from '../analysis/robustness/uncertainty.js';
import { runOnWorkers } from './worker-pool.js';

/** Options of the parallel runs. */
export interface ParallelOptions extends RobustnessBudget {
  /** Worker threads (default: available cores, at most 8); 1 runs in this thread. */
  workers?: number;
  /** Below this many unit evaluations (samples × units) the run stays in this thread (default 1,000,000). */
  threshold?: number;
  /** Called with (done, total) samples as the run advances. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Default of {@link ParallelOptions.threshold}: unit evaluations below which a run stays in-process.
 *
 * @example
 * ```ts
 * import { PARALLEL_THRESHOLD } from 'policy-index/node';
 * const inProcess = 1000 * 56 < PARALLEL_THRESHOLD; // true: 1,000 samples of 56 countries
 * ```
 */
export const PARALLEL_THRESHOLD = 1_000_000;

/** One block of a run, as a worker gets it. */
export interface RobustnessTask {
  kind: 'scores' | 'ranks';
  from: number;
  to: number;
}

function blocks(kind: RobustnessTask['kind'], n: number, size: number): RobustnessTask[] {
  const out: RobustnessTask[] = [];
  for (let a = 0; a < n; a += size) out.push({ kind, from: a, to: Math.min(n, a + size) });
  return out;
}

function workerCount(options: ParallelOptions): number {
  return Math.max(1, Math.min(options.workers ?? Math.min(8, availableParallelism()), 64));
}

/**
 * Evaluates the blocks, here or over worker threads, and hands each block's output to `take` in
 * block order; `amount` is the progress a block counts for.
 */
async function evaluateBlocks(ctx: UncertaintyContext, tasks: readonly RobustnessTask[], evaluations: number, options: ParallelOptions, take: (out: Float64Array) => void, amount: (t: RobustnessTask) => number, total: number): Promise<void> {
  const workers = workerCount(options);
  let done = 0;
  if (workers === 1 || evaluations < (options.threshold ?? PARALLEL_THRESHOLD)) {
    const ev = createEvaluator(ctx);
    for (const t of tasks) {
      take(t.kind === 'ranks' ? sensitivityRanks(ctx, t.from, t.to) : sampleScores(ctx, t.from, t.to, ev));
      options.onProgress?.((done += amount(t)), total);
    }
    return;
  }
  await runOnWorkers<RobustnessTask, Float64Array>({
    here: import.meta.url,
    name: 'robustness-worker',
    init: ctx,
    workers,
    tasks,
    onResult: take,
    onProgress: (n) => options.onProgress?.((done += n), total),
  });
}

/**
 * Top scores of every sample (sample after sample, one value per unit), over worker threads
 * above the threshold. Byte-identical to `sampleScores(ctx, 0, ctx.samples)`. It returns every
 * sample (samples × units numbers): for summaries in bounded memory, use
 * {@link analyseUncertaintyParallel}.
 *
 * @example
 * ```ts
 * import { prepareUncertainty, type Rubric, type ScoreResult } from 'policy-index';
 * import { sampleScoresParallel } from 'policy-index/node';
 * declare const rubric: Rubric, results: ScoreResult[];
 * const ctx = prepareUncertainty(rubric, results, { weights: [{ level: 'area', noise: 0.25 }], samples: 100000 }).value!;
 * const scores = await sampleScoresParallel(ctx, { workers: 4 });
 * ```
 */
export async function sampleScoresParallel(ctx: UncertaintyContext, options: ParallelOptions = {}): Promise<Float64Array> {
  const U = ctx.units.units.length;
  const out = new Float64Array(ctx.samples * U);
  let at = 0;
  await evaluateBlocks(ctx, blocks('scores', ctx.samples, SAMPLE_BLOCK), ctx.samples * U, options, (part) => {
    out.set(part, at);
    at += part.length;
  }, (t) => t.to - t.from, ctx.samples);
  return out;
}

/**
 * {@link analyseUncertainty} over worker threads (same result, byte for byte), with the same
 * budget: a run over it is refused before it starts, with the figures.
 *
 * @example
 * ```ts
 * import type { Rubric, ScoreResult } from 'policy-index';
 * import { analyseUncertaintyParallel } from 'policy-index/node';
 * declare const rubric: Rubric, results: ScoreResult[];
 * const run = await analyseUncertaintyParallel(rubric, results, { weights: [{ level: 'area', noise: 0.25 }], samples: 100000, seed: 1 });
 * ```
 */
export async function analyseUncertaintyParallel(rubric: Rubric, results: readonly ScoreResult[], spec: UncertaintySpec, options: ParallelOptions & { variant?: string } = {}): Promise<{ value?: UncertaintyResult; problems: SpecProblem[] }> {
  const prepared = prepareUncertainty(rubric, results, spec, options.variant);
  if (!prepared.value) return { problems: prepared.problems };
  const ctx = prepared.value;
  const run = planUncertaintyRun(ctx, options);
  if (!run.mode) return { problems: run.problems };
  const summary = new UncertaintySummary(ctx, run.mode);
  await evaluateBlocks(ctx, blocks('scores', ctx.samples, SAMPLE_BLOCK), ctx.samples * ctx.units.units.length, options, (part) => summary.add(part), (t) => t.to - t.from, ctx.samples);
  return { value: summary.result(results), problems: [] };
}

/**
 * {@link analyseSensitivity} over worker threads (same result, byte for byte), with the same
 * budget: a run over it is refused before it starts, with the figures.
 *
 * @example
 * ```ts
 * import type { Rubric, ScoreResult } from 'policy-index';
 * import { analyseSensitivityParallel } from 'policy-index/node';
 * declare const rubric: Rubric, results: ScoreResult[];
 * const run = await analyseSensitivityParallel(rubric, results, { weights: [{ level: 'area', noise: 0.25 }], leaveOneOut: true, samples: 1000 });
 * ```
 */
export async function analyseSensitivityParallel(rubric: Rubric, results: readonly ScoreResult[], spec: UncertaintySpec, options: ParallelOptions & SensitivityOptions & { variant?: string } = {}): Promise<{ value?: SensitivityResult; problems: SpecProblem[] }> {
  const prepared = prepareUncertainty(rubric, results, spec, options.variant);
  if (!prepared.value) return { problems: prepared.problems };
  const ctx = prepared.value;
  const run = planSensitivityRun(ctx, options);
  if (!run.mode) return { problems: run.problems };
  const M = ctx.inputs.length + 2;
  const summary = new SensitivitySummary(ctx, run.mode, options);
  await evaluateBlocks(ctx, blocks('ranks', ctx.samples, ROW_BLOCK), ctx.samples * M * ctx.units.units.length, options, (part) => summary.add(part), (t) => (t.to - t.from) * M, ctx.samples * M);
  return { value: summary.result(), problems: [] };
}
