/**
 * "Did you mean …?" for command and option names.
 *
 * @module
 */

/** The edit distance (insertions, deletions, substitutions, swaps of neighbours) between two words. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidates closest to `word`: those it is a prefix of, else those within a small edit
 * distance (about a third of the word), best first.
 */
export function closestNames(word: string, candidates: readonly string[]): string[] {
  const w = word.toLowerCase();
  // Names are short: a long word (pasted text, say) is like none of them, and not compared.
  if (!w || w.length > 64) return [];
  const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(w));
  if (prefixed.length) return prefixed;
  const limit = Math.max(1, Math.floor(w.length / 3));
  return candidates
    .map((c) => ({ c, d: editDistance(w, c.toLowerCase()) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d)
    .map((x) => x.c);
}

/** ` Did you mean "a" or "b"?` (with a leading space), or an empty string. */
export function didYouMean(word: string, candidates: readonly string[], show: (name: string) => string = (c) => `"${c}"`): string {
  const best = closestNames(word, candidates).slice(0, 3).map(show);
  if (!best.length) return '';
  return ` Did you mean ${best.length === 1 ? best[0] : `${best.slice(0, -1).join(', ')} or ${best[best.length - 1]}`}?`;
}
