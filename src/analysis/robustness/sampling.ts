/**
 * Sampling: the random numbers of each sample and the evaluation of every unit under them,
 * in reusable buffers per thread.
 *
 * @module
 */
import { evaluatePlan, nominalSettings, type PlanSettings } from './plan.js';
import { SampleRandom } from './random.js';
import type { UncertaintyContext } from './context.js';

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
