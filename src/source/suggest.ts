/**
 * Edit distance between two strings, case-insensitive: insertions, deletions, substitutions
 * and swaps of two neighbouring characters each count 1 (optimal string alignment), so the
 * common typo `titel` is one edit away from `title`.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  let before: number[] = [];
  let prev: number[] = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= t.length; j++) {
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      cur.push(d);
    }
    before = prev;
    prev = cur;
  }
  return prev[t.length]!;
}

/** Longest string, input or candidate, for which a suggestion is computed. */
export const MAX_SUGGEST_LENGTH = 64;
/** Most candidates compared for one suggestion. */
export const MAX_SUGGEST_CANDIDATES = 2_000;

/**
 * The candidate closest to `input`, if it is close enough to be a plausible typo.
 *
 * @example
 * ```ts
 * import { suggest } from 'policy-index';
 * suggest('titel', ['title', 'description']); // 'title'
 * ```
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  // Typos are short: long strings and huge candidate lists get no suggestion (keeps this linear).
  if (input.length > MAX_SUGGEST_LENGTH) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  let seen = 0;
  for (const c of candidates) {
    if (++seen > MAX_SUGGEST_CANDIDATES) return undefined;
    if (c.length > MAX_SUGGEST_LENGTH || Math.abs(c.length - input.length) > bestDistance) continue;
    const d = editDistance(input, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(input.length, best.length) / 3));
  return bestDistance <= limit ? best : undefined;
}

/** `Did you mean "x"?` or undefined. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const s = suggest(input, candidates);
  return s ? `Did you mean "${s}"?` : undefined;
}
