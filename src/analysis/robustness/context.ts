/**
 * The context of an uncertainty or sensitivity run: the declared uncertain inputs compiled
 * against the float evaluation plan, the units and their nominal values and ranks, as plain data
 * that worker threads receive as is.
 *
 * @module
 */
import type { ScoreResult } from '../../scoring/types.js';
import type { Rubric } from '../../rubric/types.js';
import { compileEvaluationPlan, evaluatePlan, METHODS, nominalSettings, planUnitsFromResults, POLICIES, type EvaluationPlan, type PlanMethod, type PlanUnits } from './plan.js';

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
