/**
 * Uncertainty and sensitivity runs spread over worker threads. Every sample's random numbers
 * depend on (seed, sample index) alone and the ranges are joined in order, so the output is
 * byte-identical whatever the number of threads.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startSiblingWorker } from './worker-start.js';
import type { Rubric } from '../rubric/types.js';
import type { ScoreResult } from '../scoring/types.js';
import { sensitivityRanks, splitMatrices, summariseSensitivity, type SensitivityOptions, type SensitivityResult } from '../analysis/robustness/sensitivity.js';
import { prepareUncertainty, sampleScores, summariseUncertainty, type SpecProblem, type UncertaintyContext, type UncertaintyResult, type UncertaintySpec } from '../analysis/robustness/uncertainty.js';

/** Options of the parallel runs. */
export interface ParallelOptions {
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

interface Task {
  id: number;
  kind: 'scores' | 'ranks';
  which: number;
  from: number;
  to: number;
}

function startWorker(): Worker {
  return startSiblingWorker(import.meta.url, 'robustness-worker');
}

async function runTasks(ctx: UncertaintyContext, tasks: Task[], workers: number, onProgress?: (done: number) => void): Promise<Float64Array[]> {
  const results: Float64Array[] = new Array<Float64Array>(tasks.length);
  const pool = Array.from({ length: Math.min(workers, tasks.length) }, startWorker);
  let next = 0;
  try {
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolvePool, reject) => {
            const give = () => {
              if (next >= tasks.length) return resolvePool();
              w.postMessage({ task: tasks[next++] });
            };
            w.on('message', (m: { progress?: number; id?: number; result?: Float64Array }) => {
              if (m.progress !== undefined) onProgress?.(m.progress);
              else if (m.id !== undefined) {
                results[m.id] = m.result!;
                give();
              }
            });
            w.on('error', reject);
            w.postMessage({ ctx });
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}

function ranges(n: number, parts: number): [number, number][] {
  const out: [number, number][] = [];
  const size = Math.ceil(n / parts);
  for (let a = 0; a < n; a += size) out.push([a, Math.min(n, a + size)]);
  return out;
}

/** Joins row ranges of {@link sensitivityRanks} output (in row order) into one array per matrix. */
function joinRanges(parts: readonly Float64Array[], rows: number, M: number, U: number): Float64Array[] {
  if (parts.length === 1) return splitMatrices(parts[0]!, M);
  const out = Array.from({ length: M }, () => new Float64Array(rows * U));
  let at = 0;
  for (const part of parts) {
    const R = part.length / (M * U);
    splitMatrices(part, M).forEach((m, w) => out[w]!.set(m, at * U));
    at += R;
  }
  return out;
}

function workerCount(options: ParallelOptions): number {
  return Math.max(1, Math.min(options.workers ?? Math.min(8, availableParallelism()), 64));
}

/**
 * Top scores of every sample (sample after sample, one value per unit), over worker threads
 * above the threshold. Byte-identical to `sampleScores(ctx, 0, ctx.samples)`.
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
  const workers = workerCount(options);
  if (workers === 1 || ctx.samples * U < (options.threshold ?? PARALLEL_THRESHOLD)) {
    const out = new Float64Array(ctx.samples * U);
    const step = 5000;
    for (let a = 0; a < ctx.samples; a += step) {
      const b = Math.min(ctx.samples, a + step);
      out.set(sampleScores(ctx, a, b), a * U);
      options.onProgress?.(b, ctx.samples);
    }
    return out;
  }
  const tasks = ranges(ctx.samples, workers * 4).map(([from, to], id) => ({ id, kind: 'scores' as const, which: 0, from, to }));
  let done = 0;
  const parts = await runTasks(ctx, tasks, workers, (n) => options.onProgress?.((done += n), ctx.samples));
  const out = new Float64Array(ctx.samples * U);
  tasks.forEach((t, i) => out.set(parts[i]!, t.from * U));
  return out;
}

/**
 * {@link analyseUncertainty} over worker threads (same result, byte for byte).
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
  return { value: summariseUncertainty(ctx, await sampleScoresParallel(ctx, options), results), problems: [] };
}

/**
 * {@link analyseSensitivity} over worker threads (same result, byte for byte).
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
  if (!ctx.inputs.length) return { problems: [{ path: 'inputs', message: 'Declare at least one uncertain input.' }] };
  const U = ctx.units.units.length;
  const M = ctx.inputs.length + 2;
  const total = ctx.samples * M;
  const workers = workerCount(options);
  let ranks: Float64Array[];
  if (workers === 1 || total * U < (options.threshold ?? PARALLEL_THRESHOLD)) {
    // Every matrix of a range of rows at once, in steps for the progress report.
    const all: Float64Array[] = [];
    const step = 500;
    for (let a = 0; a < ctx.samples; a += step) {
      const b = Math.min(ctx.samples, a + step);
      all.push(sensitivityRanks(ctx, a, b));
      options.onProgress?.(b * M, total);
    }
    ranks = joinRanges(all, ctx.samples, M, U);
  } else {
    const tasks: Task[] = ranges(ctx.samples, workers * 4).map(([from, to], id) => ({ id, kind: 'ranks' as const, which: 0, from, to }));
    let done = 0;
    const parts = await runTasks(ctx, tasks, workers, (n) => options.onProgress?.((done += n), total));
    ranks = joinRanges(parts, ctx.samples, M, U);
  }
  return { value: summariseSensitivity(ctx, ranks, options), problems: [] };
}
