/**
 * The aggregation rules: how a group's score follows from the scores of its parts, exactly.
 * Each rule gives the value of a group from its terms (the parts that enter, in order, with
 * their coefficients) and, for the trace, each term's effective weight in that value. Which
 * parts enter — missing data, parts that do not apply — is the scorer's business, not the rules'.
 * Decision tables are not arithmetic: see `decision-table.ts`.
 *
 * @module
 */
import { add, cmp, div, geometricMean, ONE, reciprocal, weightedMean, weightedSum, ZERO, type Exact } from '../exact/index.js';
import type { Aggregation } from '../rubric/types.js';

/** The aggregation methods that combine scores arithmetically (every method but `decision-table`). */
export type ArithmeticMethod = Exclude<Aggregation['method'], 'decision-table'>;

/** One aggregation rule. */
export interface AggregationRule {
  /** The coefficient of each term the rule reads, if any: its declared `weight`, or its `multiplier` (the node's fields). */
  readonly coefficient: 'weight' | 'multiplier' | undefined;
  /** The value of the group from its terms `xs` (at least one) and, for rules with a coefficient, their coefficients `cs`. */
  value(xs: readonly Exact[], cs: readonly Exact[] | undefined): Exact;
  /** The effective weight of each term in the value, for the trace, written into `out` (reused from group to group). */
  shares(xs: readonly Exact[], cs: readonly Exact[] | undefined, out: Exact[]): void;
}

/** Each term's weight over the sum of the weights, into `out`. */
function normalised(cs: readonly Exact[], out: Exact[]): void {
  let sum: Exact = ZERO;
  for (const w of cs) sum = add(sum, w);
  for (let t = 0; t < cs.length; t++) out[t] = div(cs[t]!, sum);
}

/** The position of the lowest (`sign` -1) or highest (`sign` 1) term; the first of equals. */
function extreme(xs: readonly Exact[], sign: 1 | -1): number {
  let best = 0;
  for (let t = 1; t < xs.length; t++) if (cmp(xs[t]!, xs[best]!) * sign > 0) best = t;
  return best;
}

/** The lowest or highest term, which carries the whole score (effective weight 1, the others 0). */
function extremeRule(sign: 1 | -1): AggregationRule {
  return {
    coefficient: undefined,
    value: (xs) => xs[extreme(xs, sign)]!,
    shares: (xs, _, out) => {
      const best = extreme(xs, sign);
      for (let t = 0; t < xs.length; t++) out[t] = t === best ? ONE : ZERO;
    },
  };
}

/** The rule of each arithmetic aggregation method. */
export const AGGREGATION_RULES: Readonly<Record<ArithmeticMethod, AggregationRule>> = {
  /** The mean of the terms, each with an equal share. */
  mean: {
    coefficient: undefined,
    value: (xs) => weightedMean(xs),
    shares: (xs, _, out) => {
      const share = reciprocal(xs.length);
      for (let t = 0; t < xs.length; t++) out[t] = share;
    },
  },
  /** The mean of the terms weighted by their declared weights (renormalised over the terms that enter). */
  'weighted-mean': {
    coefficient: 'weight',
    value: (xs, cs) => weightedMean(xs, cs),
    shares: (_, cs, out) => normalised(cs!, out),
  },
  /** The geometric mean of the terms with their weights as exponents; effective weights are the normalised exponents. */
  'geometric-mean': {
    coefficient: 'weight',
    value: (xs, cs) => geometricMean(xs, cs!),
    shares: (_, cs, out) => normalised(cs!, out),
  },
  minimum: extremeRule(-1),
  maximum: extremeRule(1),
  /** The sum of the terms (points), each times its multiplier; a term's effective weight is its multiplier. */
  sum: {
    coefficient: 'multiplier',
    value: (xs, cs) => weightedSum(xs, cs),
    shares: (_, cs, out) => {
      for (let t = 0; t < cs!.length; t++) out[t] = cs![t]!;
    },
  },
};
