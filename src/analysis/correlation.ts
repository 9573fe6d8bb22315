/**
 * Correlations of two series of numbers: Pearson's coefficient, average ranks and Spearman's
 * rank correlation. The one owner of these; every view that reports a correlation uses them.
 *
 * @module
 */

/**
 * Pearson's correlation coefficient of two equally long lists, or null when fewer than three
 * pairs or either list does not vary.
 *
 * @example
 * ```ts
 * import { pearsonCorrelation } from 'policy-index';
 * pearsonCorrelation([1, 2, 3, 4], [2, 4, 6, 8]); // 1
 * pearsonCorrelation([1, 2, 3], [5, 5, 5]);       // null
 * ```
 */
export function pearsonCorrelation(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/**
 * Ranks (1 = smallest), giving tied values the average of the ranks they occupy.
 *
 * @example
 * ```ts
 * import { averageRanks } from './correlation.js';
 * averageRanks([10, 20, 20, 5]); // [2, 3.5, 3.5, 1]
 * ```
 */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = rank;
    i = j + 1;
  }
  return ranks;
}

/**
 * Spearman's rank correlation: Pearson's coefficient of the average ranks (ties share ranks).
 *
 * @example
 * ```ts
 * import { spearmanCorrelation } from 'policy-index';
 * spearmanCorrelation([1, 2, 3, 4], [1, 8, 27, 64]); // 1 (any increasing relation)
 * ```
 */
export function spearmanCorrelation(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  return pearsonCorrelation(averageRanks(xs.slice(0, n)), averageRanks(ys.slice(0, n)));
}
