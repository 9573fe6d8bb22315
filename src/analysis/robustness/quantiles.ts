/**
 * Quantiles of sampled values: exact (type 7, by selection in linear time) while the values fit
 * the memory budget, and a bounded streaming sketch with a proven rank error beyond it.
 *
 * @module
 */

/** Swaps to put the k-th smallest of a[lo..hi] at a[k], smaller ones before it and larger ones after (Hoare's selection). */
function selectInPlace(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    // Median of three as the pivot keeps sorted and constant runs linear.
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!, y = a[mid]!, z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Type-7 quantiles of the first n values of `col` (NaN-free), found by selection in linear time
 * rather than by sorting: the same values a sort gives. Reorders `col`.
 */
export function quantilesBySelection(col: Float64Array, n: number, qs: readonly number[]): number[] {
  if (n === 0) return qs.map(() => NaN);
  // Ascending positions; each selection leaves everything above it in place for the next.
  const out = new Array<number>(qs.length);
  const order = qs.map((q, i) => ({ q, i })).sort((a, b) => a.q - b.q);
  let from = 0;
  for (const { q, i } of order) {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    selectInPlace(col, lo, from, n - 1);
    const a = col[lo]!;
    let b = a;
    if (hi !== lo) {
      // The next order statistic is the least value above position lo.
      b = col[hi]!;
      for (let t = hi + 1; t < n; t++) if (col[t]! < b) b = col[t]!;
    }
    out[i] = a + (h - lo) * (b - a);
    from = lo;
  }
  return out;
}

/**
 * Items a level of the {@link QuantileSketch} keeps before it is compacted is twice this; the
 * sketch of n values holds at most `2 · SKETCH_K · (levels + 1)` numbers (levels: see
 * {@link sketchLevels}), about 1.4 MB at 10 million values.
 */
export const SKETCH_K = 8192;

/** Levels of a sketch that has taken n values (0 while nothing was compacted). */
export function sketchLevels(n: number, k = SKETCH_K): number {
  let levels = 0;
  for (let c = Math.floor(n / (2 * k)); c > 0; c = Math.floor(c / 2)) levels++;
  return levels;
}

/**
 * The most a {@link QuantileSketch} of n values can miscount the values at or below any number:
 * each compaction at level h (a sorted run of 2k items of weight 2^h halved to k items of weight
 * 2^(h+1)) moves any count by at most 2^h, and level h is compacted ⌊n / (2k · 2^h)⌋ times at most.
 * At 10 million values this is below 0.06 % of them.
 */
export function sketchRankError(n: number, k = SKETCH_K): number {
  let error = 0;
  let weight = 1;
  for (let c = Math.floor(n / (2 * k)); c > 0; c = Math.floor(c / 2)) {
    error += c * weight;
    weight *= 2;
  }
  return error;
}

/** Numbers a sketch of n values holds room for at most (level 0 grows by doubling from 64 to 2k). */
export function sketchCapacity(n: number, k = SKETCH_K): number {
  if (n >= 2 * k) return 2 * k * (sketchLevels(n, k) + 1);
  let room = Math.min(64, 2 * k);
  while (room < n) room = Math.min(2 * k, 2 * room);
  return room;
}

/**
 * A deterministic streaming quantile sketch (compactors in the manner of Manku, Rajagopalan and
 * Lindsay): level h holds up to 2k values of weight 2^h; a full level is sorted and every other
 * value (alternately the odd and the even ones) moves up with twice the weight. Memory grows
 * with log(n), not n; a quantile it gives is an actual value whose rank is within
 * {@link sketchRankError} of the asked one. The same values in the same order give the same
 * sketch.
 */
export class QuantileSketch {
  private readonly levels: Float64Array[] = [];
  private readonly sizes: number[] = [];
  private readonly flips: number[] = [];
  /** Values taken. */
  count = 0;

  constructor(private readonly k = SKETCH_K) {
    // Level 0 grows as values come, so that a short run holds no more than it has taken.
    this.levels.push(new Float64Array(Math.min(64, 2 * k)));
    this.sizes.push(0);
    this.flips.push(0);
  }

  /** Numbers the sketch holds room for (its memory is 8 bytes each). */
  get held(): number {
    return this.levels.reduce((n, l) => n + l.length, 0);
  }

  /** Takes one value (NaN is the caller's to leave out). */
  add(x: number): void {
    this.count++;
    let buf = this.levels[0]!;
    const n = this.sizes[0]!;
    if (n === buf.length) {
      const grown = new Float64Array(Math.min(2 * this.k, 2 * buf.length));
      grown.set(buf);
      this.levels[0] = buf = grown;
    }
    buf[n] = x;
    this.sizes[0] = n + 1;
    if (n + 1 === 2 * this.k) this.compact(0);
  }

  /** Sorts full level h and moves every other value up (the odd and the even ones in turn). */
  private compact(h: number): void {
    const run = this.levels[h]!.sort();
    const offset = this.flips[h]!;
    this.flips[h] = 1 - offset;
    this.sizes[h] = 0;
    if (this.levels.length === h + 1) {
      this.levels.push(new Float64Array(2 * this.k));
      this.sizes.push(0);
      this.flips.push(0);
    }
    const up = this.levels[h + 1]!;
    let m = this.sizes[h + 1]!;
    for (let i = offset; i < run.length; i += 2) up[m++] = run[i]!;
    this.sizes[h + 1] = m;
    if (m === 2 * this.k) this.compact(h + 1);
  }

  /**
   * The value at 0-based rank `q · (count − 1)` as the sketch sees it: the least kept value whose
   * estimated count of values at or below it exceeds that rank (NaN when empty).
   */
  quantile(q: number): number {
    return this.quantiles([q])[0]!;
  }

  /** {@link quantile} of several q at once. */
  quantiles(qs: readonly number[]): number[] {
    if (this.count === 0) return qs.map(() => NaN);
    // Each level sorted, then merged in ascending order with the levels' weights.
    const runs = this.levels.map((l, h) => l.slice(0, this.sizes[h]!).sort());
    const at = runs.map(() => 0);
    const order = qs.map((q, i) => ({ h: (this.count - 1) * q, i })).sort((a, b) => a.h - b.h);
    const out = new Array<number>(qs.length).fill(NaN);
    let seen = 0;
    let last = NaN;
    let next = 0;
    for (;;) {
      let best = -1;
      for (let h = 0; h < runs.length; h++) if (at[h]! < runs[h]!.length && (best < 0 || runs[h]![at[h]!]! < runs[best]![at[best]!]!)) best = h;
      if (best < 0) break;
      last = runs[best]![at[best]!++]!;
      seen += 2 ** best;
      while (next < order.length && seen > order[next]!.h) out[order[next++]!.i] = last;
      if (next === order.length) break;
    }
    while (next < order.length) out[order[next++]!.i] = last;
    return out;
  }
}
