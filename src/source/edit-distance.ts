/**
 * Edit distance between two strings (optimal string alignment): insertions, deletions,
 * substitutions and swaps of two neighbouring characters each count 1, so the common typo
 * `titel` is one edit away from `title`. The one implementation behind every "did you mean".
 *
 * @module
 */

/**
 * The edit distance between `a` and `b` as written (compare lower-cased texts for a
 * case-insensitive distance), or `max + 1` as soon as it is certain to exceed `max`: the work
 * is at most `a.length × b.length` steps and stops early when every path is over the bound.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = b.length;
  let before: number[] = [];
  let prev: number[] = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = new Array<number>(m + 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // A swap reaches back two rows, so stop only when both of the last rows are over the bound.
    if (rowMin > max && prevMin > max) return max + 1;
    prevMin = rowMin;
    before = prev;
    prev = cur;
  }
  return Math.min(prev[m]!, max + 1);
}

/**
 * Edit distance between two strings, case-insensitive.
 *
 * @example
 * ```ts
 * import { editDistance } from './edit-distance.js';
 * editDistance('titel', 'Title'); // 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  return boundedEditDistance(a.toLowerCase(), b.toLowerCase(), Math.max(a.length, b.length));
}
