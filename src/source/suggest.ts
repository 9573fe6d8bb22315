/**
 * "Did you mean …?": the closest known name to a misspelt one, at a bounded cost.
 *
 * - {@link NameIndex}: candidate names prepared once (lower-cased, grouped by length), so a
 *   look-up compares the input only with names of a length that can be close enough, and each
 *   comparison stops as soon as it cannot win ({@link boundedEditDistance}).
 * - {@link Suggestions}: one per file (or one load, one import): every distinct text is looked
 *   up once (a table repeats its misspellings), and at most {@link MAX_SUGGESTIONS_PER_FILE}
 *   distinct texts are looked up at all, so 10,000 bad cells cost about what 10,000 good ones do.
 *
 * Browser-safe; every did-you-mean of the package, library and command line, comes from here.
 *
 * @module
 */
import { boundedEditDistance } from './edit-distance.js';


/** Longest string, input or candidate, for which a suggestion is computed. */
export const MAX_SUGGEST_LENGTH = 64;
/** Most candidates an index keeps; a longer list gives no suggestions. */
export const MAX_SUGGEST_CANDIDATES = 2_000;
/** Most distinct texts one {@link Suggestions} (one file) looks up; later ones get no suggestion. */
export const MAX_SUGGESTIONS_PER_FILE = 200;

/** How far a name of length `m` may be from an input of length `n` to be suggested for it. */
const allowedDistance = (n: number, m: number) => Math.max(1, Math.floor(Math.max(n, m) / 3));

interface Candidate {
  name: string;
  lower: string;
  /** The characters present (see {@link charMask}). */
  mask: number;
}

/**
 * Which characters a text holds, as 32 bits (a–z one bit each, every other character on one of
 * six shared bits). One edit changes at most two bits, so two texts whose masks differ in `b`
 * bits are at least `b / 2` edits apart: most candidates are ruled out without a comparison.
 */
function charMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    mask |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return mask;
}

/** Number of bits set in a 32-bit number. */
function bitCount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Candidate names prepared for many look-ups.
 *
 * @example
 * ```ts
 * import { NameIndex } from './suggest.js';
 * new NameIndex(['title', 'description']).closest('titel'); // 'title'
 * ```
 */
export class NameIndex {
  /** Candidates by length of their lower-cased text, each group in the order given. */
  readonly #byLength = new Map<number, Candidate[]>();
  /** Lengths present, nearest to a given length first when sorted per look-up. */
  readonly #lengths: number[];
  /** More candidates than {@link MAX_SUGGEST_CANDIDATES}: no suggestions. */
  readonly #tooMany: boolean;

  constructor(names: Iterable<string>) {
    const seen = new Set<string>();
    let tooMany = false;
    for (const name of names) {
      if (seen.has(name)) continue;
      if (seen.size >= MAX_SUGGEST_CANDIDATES) {
        tooMany = true;
        break;
      }
      seen.add(name);
      if (name.length > MAX_SUGGEST_LENGTH) continue;
      const lower = name.toLowerCase();
      let group = this.#byLength.get(lower.length);
      if (!group) this.#byLength.set(lower.length, (group = []));
      group.push({ name, lower, mask: charMask(lower) });
    }
    this.#tooMany = tooMany;
    if (tooMany) this.#byLength.clear();
    this.#lengths = [...this.#byLength.keys()];
  }

  /**
   * The candidate closest to `input` (case-insensitive) if it is a plausible typo: at most a
   * third of the longer text's length away (at least 1). Ties go to the name first in code-point
   * order.
   */
  closest(input: string): string | undefined {
    if (input.length > MAX_SUGGEST_LENGTH || this.#tooMany) return undefined;
    const text = input.toLowerCase();
    const n = text.length;
    const mask = charMask(text);
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const m of [...this.#lengths].sort((a, b) => Math.abs(a - n) - Math.abs(b - n) || a - b)) {
      const bound = Math.min(allowedDistance(n, m), bestDistance);
      if (Math.abs(m - n) > bound) continue;
      for (const c of this.#byLength.get(m)!) {
        const max = Math.min(allowedDistance(n, m), bestDistance);
        if (bitCount(mask ^ c.mask) > 2 * max) continue;
        const d = boundedEditDistance(text, c.lower, max);
        if (d > allowedDistance(n, m)) continue;
        if (d < bestDistance || (d === bestDistance && best !== undefined && c.name < best)) {
          best = c.name;
          bestDistance = d;
        }
      }
    }
    return best;
  }
}

/**
 * The candidate closest to `input`, if it is close enough to be a plausible typo (one look-up;
 * for many, build a {@link NameIndex} once and use {@link Suggestions}).
 *
 * @example
 * ```ts
 * import { suggest } from 'policy-index';
 * suggest('titel', ['title', 'description']); // 'title'
 * ```
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  // Typos are short: long strings get no suggestion (and the candidates are not even read).
  if (input.length > MAX_SUGGEST_LENGTH) return undefined;
  return new NameIndex(candidates).closest(input);
}

/** `Did you mean "x"?` for a suggestion, or undefined. */
export const didYouMeanText = (name: string | undefined): string | undefined => (name === undefined ? undefined : `Did you mean "${name}"?`);

/** `Did you mean "x"?` or undefined (one look-up; see {@link Suggestions} for many). */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  return didYouMeanText(suggest(input, candidates));
}

/**
 * Suggestions for one file: memoised per distinct text and candidate index, and at most
 * `limit` distinct texts looked up (a file with more misspellings gets suggestions for the
 * first ones only). Create one per file or per call of a loader.
 *
 * @example
 * ```ts
 * import { NameIndex, Suggestions } from './suggest.js';
 * const names = new NameIndex(['title', 'description']);
 * const hints = new Suggestions();
 * hints.didYouMean('titel', names); // 'Did you mean "title"?'
 * ```
 */
export class Suggestions {
  /** Results by candidate index (or the function that builds it) and text. */
  readonly #memo = new Map<object, Map<string, string | undefined>>();
  #lookedUp = 0;

  constructor(readonly limit: number = MAX_SUGGESTIONS_PER_FILE) {}

  /**
   * The closest name to `input` among `names`, if any (see {@link NameIndex.closest}). `names`
   * may be a function that builds the index: it is called only for a look-up within the limit.
   */
  suggest(input: string, names: NameIndex | (() => NameIndex)): string | undefined {
    if (input.length > MAX_SUGGEST_LENGTH) return undefined;
    const known = this.#memo.get(names);
    if (known?.has(input)) return known.get(input);
    if (this.#lookedUp >= this.limit) return undefined;
    this.#lookedUp++;
    let memo = known;
    if (!memo) this.#memo.set(names, (memo = new Map()));
    const near = (typeof names === 'function' ? names() : names).closest(input);
    memo.set(input, near);
    return near;
  }

  /** `Did you mean "x"?` or undefined. */
  didYouMean(input: string, names: NameIndex | (() => NameIndex)): string | undefined {
    return didYouMeanText(this.suggest(input, names));
  }
}

/**
 * A {@link NameIndex} built on first use: for candidate lists that cost something to list
 * and are needed only when a text is unknown.
 */
export function lazyNameIndex(names: () => Iterable<string>): () => NameIndex {
  let index: NameIndex | undefined;
  return () => (index ??= new NameIndex(names()));
}

/**
 * The candidates closest to `word` (for command and option names): those it is a prefix of,
 * else those within a small edit distance (about a third of the word), best first.
 */
export function closestNames(word: string, candidates: readonly string[]): string[] {
  const w = word.toLowerCase();
  // Names are short: a long word (pasted text, say) is like none of them, and not compared.
  if (!w || w.length > MAX_SUGGEST_LENGTH) return [];
  const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(w));
  if (prefixed.length) return prefixed;
  const limit = Math.max(1, Math.floor(w.length / 3));
  return candidates
    .slice(0, MAX_SUGGEST_CANDIDATES)
    .map((c) => ({ c, d: c.length > MAX_SUGGEST_LENGTH ? limit + 1 : boundedEditDistance(w, c.toLowerCase(), limit) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d)
    .map((x) => x.c);
}

/** ` Did you mean "a" or "b"?` (with a leading space, up to three names), or an empty string. */
export function didYouMeanAny(word: string, candidates: readonly string[], show: (name: string) => string = (c) => `"${c}"`): string {
  const best = closestNames(word, candidates).slice(0, 3).map(show);
  if (!best.length) return '';
  return ` Did you mean ${best.length === 1 ? best[0] : `${best.slice(0, -1).join(', ')} or ${best[best.length - 1]}`}?`;
}
