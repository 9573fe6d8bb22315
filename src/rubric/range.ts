/**
 * The range of scores a node of a rubric can have — the lowest and highest, exactly — worked
 * out from what its answers score and how its parts are combined. The checker compares a `sum`
 * node's declared scale with the totals its parts can produce.
 *
 * @module
 */
import { add, cmp, fromNumber, mul, ZERO, type Ratio } from '../exact/index.js';
import { exactNumber } from './numbers.js';
import type { GroupNode, QuestionNode, Rubric, RubricNode } from './types.js';

/** The lowest and highest score of a node, exactly. */
export interface ScoreRange {
  readonly min: Ratio;
  readonly max: Ratio;
}

function hull(values: readonly Ratio[], fallback: ScoreRange): ScoreRange {
  if (values.length === 0) return fallback;
  let min = values[0]!;
  let max = min;
  for (const v of values) {
    if (cmp(v, min) < 0) min = v;
    if (cmp(v, max) > 0) max = v;
  }
  return { min, max };
}

/** The scale declared for a `sum`, exactly, if any. */
export function declaredScale(agg: { scale?: { min: number; max: number } }): ScoreRange | undefined {
  return agg.scale ? { min: exactNumber(agg.scale, 'min', agg.scale.min), max: exactNumber(agg.scale, 'max', agg.scale.max) } : undefined;
}

/** Every score a question can give (not-applicable scores included); empty when it declares none. */
function questionScores(q: QuestionNode): Ratio[] {
  const out: Ratio[] = [];
  if (q.type === 'yes-no' && q.scores) out.push(exactNumber(q.scores, 'yes', q.scores.yes), exactNumber(q.scores, 'no', q.scores.no));
  else if (q.type === 'number') for (const b of q.bands ?? []) out.push(exactNumber(b, 'score', b.score));
  else if (q.type === 'multiple-choice' && q.scoring?.method === 'count') for (const b of q.scoring.bands) out.push(exactNumber(b, 'score', b.score));
  else if (q.type === 'multiple-choice' && q.scoring?.method === 'rules') {
    for (const r of q.scoring.rules) out.push(exactNumber(r, 'score', r.score));
    if (q.scoring.default !== undefined) out.push(exactNumber(q.scoring, 'default', q.scoring.default));
  } else if (q.type === 'multiple-choice') {
    // Summed options: from every negative option checked to every positive one.
    let lo: Ratio = ZERO;
    let hi: Ratio = ZERO;
    for (const o of q.options) {
      const s = exactNumber(o, 'score', o.score);
      if (cmp(s, ZERO) < 0) lo = add(lo, s) as Ratio;
      else hi = add(hi, s) as Ratio;
    }
    if (q.options.length) out.push(lo, hi);
  } else for (const o of q.options) out.push(exactNumber(o, 'score', o.score));
  if (q.notApplicable !== 'omit') out.push(exactNumber(q.notApplicable, 'score', q.notApplicable.score));
  return out;
}

/**
 * The score ranges of a rubric's nodes, worked out on demand and remembered. A question spans
 * the scores it can give; a mean, minimum or maximum the ranges of its parts (and the scale
 * minimum when missing parts count as it); a decision table its row scores and default; a
 * `sum` its declared scale, or else {@link sumRange}.
 */
export class ScoreRanges {
  private readonly known = new Map<RubricNode, ScoreRange>();
  private readonly scale: ScoreRange;
  constructor(rubric: Rubric) {
    this.scale = { min: fromNumber(rubric.scale.min), max: fromNumber(rubric.scale.max) };
  }

  /** The range of a node. */
  of(n: RubricNode): ScoreRange {
    let r = this.known.get(n);
    if (r === undefined) {
      r = n.kind === 'question' ? hull(questionScores(n), this.scale) : this.group(n);
      this.known.set(n, r);
    }
    return r;
  }

  private group(g: GroupNode): ScoreRange {
    const agg = g.aggregation;
    if (agg.method === 'sum') return declaredScale(agg) ?? this.sumRange(g);
    if (agg.method === 'decision-table') {
      const scores = agg.rows.map((row) => exactNumber(row, 'score', row.score));
      if (agg.default !== undefined) scores.push(exactNumber(agg, 'default', agg.default));
      return hull(scores, this.scale);
    }
    const ends: Ratio[] = [];
    for (const c of g.children) {
      const r = this.of(c);
      ends.push(r.min, r.max);
    }
    if (g.missing.policy === 'minimum') ends.push(this.scale.min);
    return hull(ends, this.scale);
  }

  /**
   * The totals the parts of a `sum` node can add up to: each part contributes its score times
   * its multiplier, or nothing when it is left out (it does not apply, or it is missing and the
   * missing-data rule leaves it out), or the scale minimum times its multiplier when missing
   * parts count as the minimum.
   */
  sumRange(g: Pick<GroupNode, 'children' | 'missing'>): ScoreRange {
    let min: Ratio = ZERO;
    let max: Ratio = ZERO;
    for (const c of g.children) {
      const m = c.multiplier === undefined ? undefined : exactNumber(c, 'multiplier', c.multiplier);
      const r = this.of(c);
      const ends: Ratio[] = [ZERO, m ? (mul(m, r.min) as Ratio) : r.min, m ? (mul(m, r.max) as Ratio) : r.max];
      if (g.missing.policy === 'minimum') ends.push(m ? (mul(m, this.scale.min) as Ratio) : this.scale.min);
      const part = hull(ends, this.scale);
      min = add(min, part.min) as Ratio;
      max = add(max, part.max) as Ratio;
    }
    return { min, max };
  }
}
