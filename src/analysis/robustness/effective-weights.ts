/**
 * Effective weights: each area's real share of the index and its correlation with the index
 * across units, from the exact score trees.
 *
 * @module
 */
import type { ScoredNode, ScoreResult } from '../../scoring/types.js';
import { pearsonCorrelation } from '../correlation.js';
import type { EvaluationPlan } from './plan.js';

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
