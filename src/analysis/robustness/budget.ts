/**
 * What an uncertainty or sensitivity run costs, known before it starts: unit evaluations (its
 * time) and the bytes of what it keeps (its memory). A run over its budget is refused up front
 * with the figures; within the memory budget the summaries are exact, beyond it they stream.
 *
 * @module
 */
import { sketchCapacity } from './quantiles.js';

/** Limits of a run, with their defaults in {@link DEFAULT_MAX_EVALUATIONS} and {@link DEFAULT_MEMORY_BUDGET}. */
export interface RobustnessBudget {
  /**
   * Most unit evaluations (one unit scored under one sample's choices) a run may take, counting
   * the drawing of each sample as {@link SAMPLE_OVERHEAD} evaluations; a run that needs more is
   * refused before it starts (default 5,000,000, one to two seconds on one core: about 75,000
   * samples of 56 units).
   */
  maxEvaluations?: number;
  /**
   * Bytes the summaries of a run may keep (default 256 MiB). Exact score quantiles (every sample
   * of every unit kept) while they fit; beyond, a streaming sketch per unit; a run whose
   * summaries do not fit even so is refused before it starts.
   */
  memoryBudget?: number;
}

/**
 * Default of {@link RobustnessBudget.maxEvaluations}.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_EVALUATIONS } from 'policy-index';
 * const fits = 1000 * (56 + 10) <= DEFAULT_MAX_EVALUATIONS; // true: 1,000 samples of 56 countries
 * ```
 */
export const DEFAULT_MAX_EVALUATIONS = 5_000_000;

/**
 * What drawing one sample (its weights, aggregations and missing-data rules) costs, in unit
 * evaluations: measured at about ten evaluations of a 70-question unit, so that a run of many
 * samples of few units is not taken for a cheap one.
 */
const SAMPLE_OVERHEAD = 10;

/**
 * Default of {@link RobustnessBudget.memoryBudget}: 256 MiB.
 *
 * @example
 * ```ts
 * import { DEFAULT_MEMORY_BUDGET } from 'policy-index';
 * const exactUpTo = Math.floor(DEFAULT_MEMORY_BUDGET / (56 * 8)); // 599,186 samples of 56 countries
 * ```
 */
export const DEFAULT_MEMORY_BUDGET = 256 * 1024 * 1024;

/**
 * A bootstrap term (one resampled sum of one output for one input and one row) costs a
 * twentieth to a fiftieth of a unit evaluation; the budget counts it as a twentieth.
 */
const BOOTSTRAP_TERMS_PER_EVALUATION = 20;

/** Unit evaluations per second on one core, for the rough time shown when a run is refused. */
const EVALUATIONS_PER_SECOND = 2_000_000;

/** The cost of a run, before it starts. */
export interface RunCost {
  /** Unit evaluations (samples × units, times the inputs + 2 matrices for sensitivity). */
  evaluations: number;
  /** Samples drawn (samples, times the inputs + 2 matrices for sensitivity), each counted as {@link SAMPLE_OVERHEAD} evaluations. */
  draws: number;
  /** Bootstrap terms of a sensitivity run (0 for uncertainty). */
  bootstrapTerms: number;
  /** What is counted against {@link RobustnessBudget.maxEvaluations}. */
  work: number;
  /** Bytes of exact summaries (every sample kept). */
  exactBytes: number;
  /** Bytes of the streamed summaries. */
  streamedBytes: number;
  /** Whether the summaries are exact (they fit the memory budget) or streamed. */
  mode: 'exact' | 'streamed';
  /** Bytes the chosen summaries keep. */
  bytes: number;
}

/** The shape of a run that its cost depends on. */
export interface RunShape {
  kind: 'uncertainty' | 'sensitivity';
  samples: number;
  units: number;
  /** Declared uncertain inputs. */
  inputs: number;
  /** Bootstrap resamples (sensitivity). */
  bootstrap?: number;
}

/** Bootstrap resamples of each unit's rank (the intervals on the mean shift use all of them). */
export function unitBootstrap(reps: number): number {
  return Math.min(reps, 100);
}

/** The cost of a run of this shape under this memory budget. */
export function runCost(shape: RunShape, budget: RobustnessBudget = {}): RunCost {
  const { samples: S, units: U, inputs: d } = shape;
  const memoryBudget = budget.memoryBudget ?? DEFAULT_MEMORY_BUDGET;
  let evaluations: number;
  let draws: number;
  let bootstrapTerms = 0;
  let exactBytes: number;
  let streamedBytes: number;
  if (shape.kind === 'uncertainty') {
    evaluations = S * U;
    draws = S;
    // Counts per rank (U × (U + 1)) and sums either way; the score columns, or a sketch per unit.
    const counts = (U * (U + 1) + 7 * U) * 8;
    exactBytes = counts + S * U * 8;
    streamedBytes = counts + U * sketchCapacity(S) * 8;
  } else {
    const M = d + 2;
    const reps = shape.bootstrap ?? 200;
    const unitReps = unitBootstrap(reps);
    evaluations = S * M * U;
    draws = S * M;
    bootstrapTerms = S * (reps + U * unitReps) * d;
    // Ranks of every matrix, the mean shift and one unit's ranks per matrix, the bootstrap rows.
    exactBytes = S * (M * U * 8 + 2 * M * 8 + reps * 4);
    // Per output and resample: weight, sum, sum of squares, and two sums per input.
    streamedBytes = ((reps + 1) + U * (unitReps + 1)) * (3 + 2 * d) * 8 + reps * 8;
  }
  const mode = exactBytes <= memoryBudget ? 'exact' : 'streamed';
  return {
    evaluations,
    draws,
    bootstrapTerms,
    work: evaluations + draws * SAMPLE_OVERHEAD + bootstrapTerms / BOOTSTRAP_TERMS_PER_EVALUATION,
    exactBytes,
    streamedBytes,
    mode,
    bytes: mode === 'exact' ? exactBytes : streamedBytes,
  };
}

const grouped = (n: number) => Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function bytesText(n: number): string {
  if (n < 1024 * 1024) return `${grouped(Math.ceil(n / 1024))} KiB`;
  if (n < 1024 ** 3) return `${grouped(Math.ceil(n / 1024 ** 2))} MiB`;
  return `${(n / 1024 ** 3).toFixed(1)} GiB`;
}

function timeText(seconds: number): string {
  if (seconds < 120) return `${Math.ceil(seconds)} s`;
  if (seconds < 7200) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}

/**
 * Why a run of this shape is over its budget (a sentence with the figures), or undefined when it
 * fits. Nothing is allocated for the samples before this is asked.
 */
export function overBudget(shape: RunShape, budget: RobustnessBudget = {}): string | undefined {
  const cost = runCost(shape, budget);
  const maxEvaluations = budget.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  const memoryBudget = budget.memoryBudget ?? DEFAULT_MEMORY_BUDGET;
  const what =
    shape.kind === 'uncertainty'
      ? `${grouped(shape.samples)} samples of ${grouped(shape.units)} units need ${grouped(cost.evaluations)} unit evaluations (${grouped(cost.work)} with the drawing of the samples)`
      : `${grouped(shape.samples)} base samples of ${grouped(shape.units)} units and ${shape.inputs} input${shape.inputs === 1 ? '' : 's'} need ${grouped(cost.evaluations)} unit evaluations and ${grouped(cost.bootstrapTerms)} bootstrap terms (${grouped(cost.work)} evaluations' worth with the drawing of the samples)`;
  if (cost.work > maxEvaluations) {
    return `${what}, about ${timeText(cost.work / EVALUATIONS_PER_SECOND)} on one core, over the budget of ${grouped(maxEvaluations)}; use fewer samples${shape.kind === 'sensitivity' ? ' or bootstrap resamples' : ''}, or raise the budget (--max-evaluations, option maxEvaluations).`;
  }
  if (cost.bytes > memoryBudget) {
    return `${what} and would keep ${bytesText(cost.bytes)} of summaries even streamed (${bytesText(cost.exactBytes)} exact), over the memory budget of ${bytesText(memoryBudget)}; use fewer units${shape.kind === 'sensitivity' ? ' or bootstrap resamples' : ''}, or raise the budget (--memory-mib, option memoryBudget).`;
  }
  return undefined;
}
