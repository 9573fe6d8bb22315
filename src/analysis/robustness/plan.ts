/**
 * A compiled float64 evaluation plan of a rubric: the tree flattened into typed arrays, so that
 * one evaluation under changed weights, aggregations or missing-data rules allocates nothing.
 * Leaves are the questions and the decision tables (a table matches answers, which no builder's
 * choice changes); their values per unit come from the exact scorer. The exact scorer stays the
 * source of every published number; this plan is for Monte Carlo work and is checked against it.
 *
 * @module
 */
import type { GroupNode, MissingPolicy, Rubric, RubricNode } from '../../rubric/types.js';
import type { ScoredNode, ScoreResult } from '../../scoring/types.js';

/** Status codes of an evaluated node. */
export const ST_SCORED = 0;
export const ST_MISSING = 1;
export const ST_NA = 2;

/** Aggregation method codes of the plan. */
export const METHODS = ['mean', 'weighted-mean', 'geometric-mean', 'minimum', 'maximum'] as const;
/** An aggregation a plan can evaluate. */
export type PlanMethod = (typeof METHODS)[number];
/** Missing-data rule codes of the plan. */
export const POLICIES: readonly MissingPolicy[] = ['omit', 'minimum', 'fail'];

/** A compiled float evaluation plan (plain data of typed arrays; it can be sent to a worker). */
export interface EvaluationPlan {
  /** Node ids, index = node slot; the last node is the top (variant) score. */
  ids: string[];
  /** Level of each node (`index` for the top). */
  levels: string[];
  /** Leaf slot of each node, or -1 for groups. */
  leafOf: Int32Array;
  /** Number of leaves. */
  leafCount: number;
  /** Node index of each group, in evaluation order (children before parents). */
  groupNode: Int32Array;
  groupMethod: Uint8Array;
  groupPolicy: Uint8Array;
  groupMinShare: Float64Array;
  /** Slot range [start, end) of each group's inputs. */
  groupStart: Int32Array;
  groupEnd: Int32Array;
  /** Child node of each input slot. */
  slotChild: Int32Array;
  /** Declared weight of each input slot. */
  slotWeight: Float64Array;
  /** Scale minimum (what `minimum` counts a missing part as). */
  scaleMin: number;
  /** Index of the group that gives the top score (the last group). */
  top: number;
  /** Variant the top score belongs to. */
  variant: string;
}

/** Per-unit leaf data: values and statuses of every leaf, unit after unit. */
export interface PlanUnits {
  units: string[];
  leafValue: Float64Array;
  leafStatus: Uint8Array;
}

/** Per-sample settings of a plan: weight multipliers, methods and rules; `slotOff` drops a part. */
export interface PlanSettings {
  slotMult: Float64Array;
  slotOff: Uint8Array;
  method: Uint8Array;
  policy: Uint8Array;
}

/**
 * Compiles a rubric into a float evaluation plan for one variant.
 *
 * @example
 * ```ts
 * import { compileEvaluationPlan, loadRubric } from 'policy-index';
 * const rubric = loadRubric(
 *   'schemaVersion: 1\nid: demo\nversion: 1.0.0\ntitle: Demo\nareas:\n' +
 *     '  - { id: work, title: Work, indicators: [{ id: permit, title: Permit, type: yes-no, scores: { yes: 100, no: 0 } }] }\n',
 * ).value!;
 * const plan = compileEvaluationPlan(rubric);
 * console.log(plan.ids.length, plan.leafCount); // 3 nodes, 1 leaf
 * ```
 */
export function compileEvaluationPlan(rubric: Rubric, variantId: string = rubric.defaultVariant): EvaluationPlan {
  const variant = rubric.variants.find((v) => v.id === variantId) ?? rubric.variants.find((v) => v.id === rubric.defaultVariant)!;
  const ids: string[] = [];
  const levels: string[] = [];
  const leafOf: number[] = [];
  const index = new Map<RubricNode, number>();
  let leafCount = 0;
  const groups: { node: number; method: number; policy: number; minShare: number; slots: { child: number; weight: number }[] }[] = [];
  const weightOf = (n: RubricNode) => (Number.isFinite(n.weight) && n.weight > 0 ? n.weight : 1);
  const addNode = (id: string, level: string, leaf: boolean) => {
    ids.push(id);
    levels.push(level);
    leafOf.push(leaf ? leafCount++ : -1);
    return ids.length - 1;
  };
  const visit = (n: RubricNode): void => {
    if (index.has(n)) return;
    if (n.kind === 'question' || n.aggregation.method === 'decision-table' || n.aggregation.method === 'sum') {
      // A decision table's inputs are still scored, for completeness of the tree, but its value is a leaf;
      // so is a sum of points (no weight or mean choice applies inside it).
      n.children.forEach(visit);
      index.set(n, addNode(n.id, n.level, true));
      return;
    }
    n.children.forEach(visit);
    const g = n as GroupNode;
    const agg = g.aggregation as Exclude<GroupNode['aggregation'], { method: 'decision-table' | 'sum' }>;
    const inputs: RubricNode[] = [];
    if ((agg.method === 'mean' || agg.method === 'weighted-mean') && agg.over === 'indicators') {
      const flat = (c: RubricNode): void => (c.kind === 'dimension' ? c.children.forEach(flat) : void inputs.push(c));
      g.children.forEach(flat);
    } else for (const item of g.children) inputs.push(item);
    const me = addNode(g.id, g.level, false);
    index.set(n, me);
    groups.push({ node: me, method: METHODS.indexOf(agg.method), policy: POLICIES.indexOf(g.missing.policy), minShare: g.missing.minShare, slots: inputs.map((c) => ({ child: index.get(c)!, weight: weightOf(c) })) });
  };
  rubric.root.children.forEach(visit);
  const areas = variant.areas.map((id) => rubric.root.children.find((a) => a.id === id)).filter((a): a is RubricNode => a !== undefined);
  const topAgg = variant.aggregation;
  const top = addNode(rubric.root.id, 'index', false);
  if (topAgg.method === 'decision-table' || topAgg.method === 'sum') throw new Error(`${topAgg.method} variants are not supported by the float plan`);
  groups.push({ node: top, method: METHODS.indexOf(topAgg.method), policy: POLICIES.indexOf(variant.missing.policy), minShare: variant.missing.minShare, slots: areas.map((a) => ({ child: index.get(a)!, weight: weightOf(a) })) });
  const slotCount = groups.reduce((s, g) => s + g.slots.length, 0);
  const plan: EvaluationPlan = {
    ids,
    levels,
    leafOf: Int32Array.from(leafOf),
    leafCount,
    groupNode: new Int32Array(groups.length),
    groupMethod: new Uint8Array(groups.length),
    groupPolicy: new Uint8Array(groups.length),
    groupMinShare: new Float64Array(groups.length),
    groupStart: new Int32Array(groups.length),
    groupEnd: new Int32Array(groups.length),
    slotChild: new Int32Array(slotCount),
    slotWeight: new Float64Array(slotCount),
    scaleMin: rubric.scale.min,
    top: groups.length - 1,
    variant: variant.id,
  };
  let s = 0;
  groups.forEach((g, i) => {
    plan.groupNode[i] = g.node;
    plan.groupMethod[i] = g.method;
    plan.groupPolicy[i] = g.policy;
    plan.groupMinShare[i] = g.minShare;
    plan.groupStart[i] = s;
    for (const slot of g.slots) {
      plan.slotChild[s] = slot.child;
      plan.slotWeight[s] = slot.weight;
      s++;
    }
    plan.groupEnd[i] = s;
  });
  return plan;
}

/**
 * Reads each unit's leaf values from exact score results (one result per unit).
 *
 * @example
 * ```ts
 * import { compileEvaluationPlan, planUnitsFromResults, type ScoreResult, type Rubric } from 'policy-index';
 * declare const rubric: Rubric, results: ScoreResult[];
 * const plan = compileEvaluationPlan(rubric);
 * const units = planUnitsFromResults(plan, results);
 * console.log(units.units); // e.g. ['AT', 'BE', …]
 * ```
 */
export function planUnitsFromResults(plan: EvaluationPlan, results: readonly ScoreResult[]): PlanUnits {
  const L = plan.leafCount;
  const leafValue = new Float64Array(results.length * L);
  const leafStatus = new Uint8Array(results.length * L).fill(ST_MISSING);
  const slotOfId = new Map<string, number>();
  plan.ids.forEach((id, i) => {
    if (plan.leafOf[i]! >= 0) slotOfId.set(id, plan.leafOf[i]!);
  });
  results.forEach((r, u) => {
    const walk = (n: ScoredNode): void => {
      const k = slotOfId.get(n.id);
      if (k !== undefined && (n.kind === 'question' || n.method === 'decision-table')) {
        leafStatus[u * L + k] = n.status === 'scored' ? ST_SCORED : n.status === 'not-applicable' ? ST_NA : ST_MISSING;
        leafValue[u * L + k] = n.value ?? 0;
      }
      for (const c of n.children) walk(c);
    };
    for (const c of r.root.children) walk(c);
  });
  return { units: results.map((r) => r.country), leafValue, leafStatus };
}

/** Settings that reproduce the rubric as declared. */
export function nominalSettings(plan: EvaluationPlan): PlanSettings {
  return {
    slotMult: new Float64Array(plan.slotChild.length).fill(1),
    slotOff: new Uint8Array(plan.slotChild.length),
    method: Uint8Array.from(plan.groupMethod),
    policy: Uint8Array.from(plan.groupPolicy),
  };
}

/**
 * Evaluates the plan for one unit into `value`/`status` (one entry per node). Only groups with
 * `dirty[g]` set are evaluated when `dirty` is given (the others keep what the buffers hold).
 * Returns the top score, or NaN when it has none.
 */
export function evaluatePlan(plan: EvaluationPlan, units: PlanUnits, unit: number, settings: PlanSettings, value: Float64Array, status: Uint8Array, dirty?: Uint8Array): number {
  const L = plan.leafCount;
  const { leafOf, slotChild, slotWeight, groupStart, groupEnd, groupNode, groupMinShare } = plan;
  const { slotMult, slotOff, method, policy } = settings;
  if (!dirty) {
    const base = unit * L;
    for (let i = 0; i < leafOf.length; i++) {
      const k = leafOf[i]!;
      if (k >= 0) {
        value[i] = units.leafValue[base + k]!;
        status[i] = units.leafStatus[base + k]!;
      }
    }
  }
  const G = groupNode.length;
  const scaleMin = plan.scaleMin;
  for (let g = 0; g < G; g++) {
    if (dirty && dirty[g] === 0) continue;
    const node = groupNode[g]!;
    const start = groupStart[g]!;
    const end = groupEnd[g]!;
    // One pass: count the parts and accumulate as if the node had a score; decide after.
    const pol = policy[g]!;
    const m = method[g]!;
    const countMin = pol === 1;
    const declared = m !== 0;
    let total = 0;
    let present = 0;
    let best = m === 3 ? Infinity : -Infinity;
    let sw = 0;
    let acc = 0;
    let zero = false;
    for (let s = start; s < end; s++) {
      if (slotOff[s] === 1) continue;
      const c = slotChild[s]!;
      const st = status[c]!;
      if (st === ST_NA) continue;
      total++;
      let v: number;
      if (st === ST_SCORED) {
        present++;
        v = value[c]!;
      } else if (countMin) v = scaleMin;
      else continue;
      if (m === 3) {
        if (v < best) best = v;
      } else if (m === 4) {
        if (v > best) best = v;
      } else {
        const w = (declared ? slotWeight[s]! : 1) * slotMult[s]!;
        sw += w;
        if (m === 2) {
          if (v <= 0) zero = true;
          else acc += w * Math.log(v);
        } else acc += w * v;
      }
    }
    if (total === 0) {
      status[node] = ST_NA;
      value[node] = NaN;
      continue;
    }
    if (present === 0 || (present < total && pol === 2) || present / total < groupMinShare[g]!) {
      status[node] = ST_MISSING;
      value[node] = NaN;
      continue;
    }
    const x = m === 3 || m === 4 ? best : m === 2 ? (zero ? 0 : Math.exp(acc / sw)) : acc / sw;
    status[node] = ST_SCORED;
    value[node] = x;
  }
  const topNode = groupNode[plan.top]!;
  return status[topNode] === ST_SCORED ? value[topNode]! : NaN;
}
