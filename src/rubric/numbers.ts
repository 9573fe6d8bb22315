/**
 * The text that numbers of a rubric were written as, kept beside the compiled rubric so that
 * scoring reads `9007199254740993` or `0.12345678901234567890` exactly instead of through the
 * nearest double. Plain data stays plain: the texts live in a WeakMap keyed by the object that
 * holds the number (an option, a band, a node, a decision-table row).
 *
 * @module
 */

const written = new WeakMap<object, Map<string, { number: number; text: string }>>();

const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

/** Records that `owner[field]` (the number `value`) was written as `text` (ignored unless a plain decimal). */
export function recordNumberText(owner: object, field: string, value: unknown, text: string | undefined): void {
  if (typeof value !== 'number' || text === undefined || !DECIMAL.test(text)) return;
  let m = written.get(owner);
  if (!m) written.set(owner, (m = new Map()));
  m.set(field, { number: value, text: text.replace(/^\+/, '') });
}

/**
 * The decimal text `owner[field]` was written as, while it still holds the number read (a
 * number changed in memory since is taken as it is now); `undefined` when none was recorded.
 */
export function numberText(owner: object, field: string, value: number): string | undefined {
  const hit = written.get(owner)?.get(field);
  return hit && Object.is(hit.number, value) ? hit.text : undefined;
}

/** An exact rational n/d (d > 0), not reduced. */
export interface WrittenRatio {
  n: bigint;
  d: bigint;
}

const EXPONENT = /^([+-]?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** A decimal text (also in exponent form, as `String(1e-7)` gives) as an exact ratio; `undefined` if it is not one. */
export function decimalTextRatio(text: string): WrittenRatio | undefined {
  const m = EXPONENT.exec(text.trim());
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const exp = Number(m[4] ?? 0) - frac.length;
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 400) return undefined;
  let n = BigInt(m[2]! + frac) * (m[1] === '-' ? -1n : 1n);
  let d = 1n;
  if (exp >= 0) n *= 10n ** BigInt(exp);
  else d = 10n ** BigInt(-exp);
  return { n, d };
}

/**
 * The exact value of the rubric number `owner[field]`: the text it was written as when that was
 * recorded, else the shortest decimal of the double (what an author who wrote it meant).
 */
export function writtenRatio(owner: object, field: string, value: number): WrittenRatio {
  const text = numberText(owner, field, value);
  return (text !== undefined ? decimalTextRatio(text) : undefined) ?? decimalTextRatio(String(value)) ?? { n: 0n, d: 1n };
}

/** Compares two exact ratios: negative, zero or positive. */
export function compareRatios(a: WrittenRatio, b: WrittenRatio): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
