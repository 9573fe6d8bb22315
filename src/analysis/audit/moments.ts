/**
 * Descriptive statistics of one series of floats, pairwise-complete covariances and Cronbach's
 * alpha: the arithmetic of the statistical audit. Floats are fine here (an audit describes
 * the scores, it publishes none); the values come from the exact scorer.
 *
 * @module
 */

/** Descriptive statistics of the values present in a series. */
export interface Moments {
  /** Values present. */
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** The middle value (the mean of the two middle values for an even count). */
  median: number | null;
  /** Sample standard deviation (denominator n − 1); null below two values. */
  sd: number | null;
  /**
   * Adjusted sample skewness G1 = n / ((n − 1)(n − 2)) · Σ((x − mean) / sd)³ (as spreadsheets'
   * SKEW); null below three values or when the values do not vary.
   */
  skewness: number | null;
  /**
   * Sample excess kurtosis G2 = n(n + 1) / ((n − 1)(n − 2)(n − 3)) · Σ((x − mean) / sd)⁴
   * − 3(n − 1)² / ((n − 2)(n − 3)) (as spreadsheets' KURT; 0 for a normal distribution); null
   * below four values or when the values do not vary.
   */
  kurtosis: number | null;
  /** Number of distinct values. */
  distinct: number;
  /** Share of the values equal to the most frequent one (null without values). */
  modeShare: number | null;
}

/** Descriptive statistics of the non-null values of `xs`. */
export function moments(xs: readonly (number | null)[]): Moments {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return { count: 0, min: null, max: null, mean: null, median: null, sd: null, skewness: null, kurtosis: null, distinct: 0, modeShare: null };
  const mean = v.reduce((s, x) => s + x, 0) / n;
  const median = n % 2 === 1 ? v[(n - 1) / 2]! : (v[n / 2 - 1]! + v[n / 2]!) / 2;
  let m2 = 0;
  for (const x of v) m2 += (x - mean) ** 2;
  const sd = n >= 2 ? Math.sqrt(m2 / (n - 1)) : null;
  let z3 = 0;
  let z4 = 0;
  if (sd !== null && sd > 0) {
    for (const x of v) {
      const z = (x - mean) / sd;
      z3 += z ** 3;
      z4 += z ** 4;
    }
  }
  const varies = sd !== null && sd > 0;
  const skewness = varies && n >= 3 ? (n / ((n - 1) * (n - 2))) * z3 : null;
  const kurtosis = varies && n >= 4 ? ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * z4 - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)) : null;
  let distinct = 0;
  let run = 0;
  let longest = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || v[i] !== v[i - 1]) {
      distinct++;
      run = 0;
    }
    run++;
    longest = Math.max(longest, run);
  }
  return { count: n, min: v[0]!, max: v[n - 1]!, mean, median, sd, skewness, kurtosis, distinct, modeShare: longest / n };
}

/** The pairs of two series where both are present, as two equally long lists. */
export function completePairs(xs: readonly (number | null)[], ys: readonly (number | null)[]): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x !== null && x !== undefined && y !== null && y !== undefined) {
      a.push(x);
      b.push(y);
    }
  }
  return [a, b];
}

/** Sample covariance (denominator n − 1) over the pairs where both are present; null below two pairs. */
export function pairwiseCovariance(xs: readonly (number | null)[], ys: readonly (number | null)[]): number | null {
  const [a, b] = completePairs(xs, ys);
  const n = a.length;
  if (n < 2) return null;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[i]! - ma) * (b[i]! - mb);
  return s / (n - 1);
}

/**
 * Cronbach's alpha of `k` items (one series per item, aligned by unit, null where absent) from
 * pairwise-complete covariances: α = k / (k − 1) · (1 − Σ var(xᵢ) / var(Σ xᵢ)), where var(Σ xᵢ)
 * is the sum of the whole covariance matrix. Null with fewer than two items, when a covariance
 * has fewer than two pairs, or when the total variance is not positive.
 */
export function cronbachAlpha(items: readonly (readonly (number | null)[])[]): number | null {
  const k = items.length;
  if (k < 2) return null;
  let diagonal = 0;
  let total = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const c = pairwiseCovariance(items[i]!, items[j]!);
      if (c === null) return null;
      if (i === j) {
        diagonal += c;
        total += c;
      } else total += 2 * c;
    }
  }
  if (!(total > 0)) return null;
  return (k / (k - 1)) * (1 - diagonal / total);
}
