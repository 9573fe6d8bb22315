/**
 * The text that numbers of a rubric were written as, kept beside the compiled rubric so that
 * scoring reads `9007199254740993` or `0.12345678901234567890` exactly instead of through the
 * nearest double. Plain data stays plain: the texts live in a WeakMap keyed by the object that
 * holds the number (an option, a band, a node, a decision-table row).
 *
 * @module
 */
import { fromDecimalText, fromNumber, PLAIN_DECIMAL_TEXT, type Ratio } from '../exact/index.js';

const written = new WeakMap<object, Map<string, { number: number; text: string }>>();

/** Records that `owner[field]` (the number `value`) was written as `text` (ignored unless a plain decimal). */
export function recordNumberText(owner: object, field: string, value: unknown, text: string | undefined): void {
  if (typeof value !== 'number' || text === undefined) return;
  const plain = /^\+\d/.test(text) ? text.slice(1) : text;
  if (!PLAIN_DECIMAL_TEXT.test(plain)) return;
  let m = written.get(owner);
  if (!m) written.set(owner, (m = new Map()));
  m.set(field, { number: value, text: plain });
}

/**
 * The decimal text `owner[field]` was written as, while it still holds the number read (a
 * number changed in memory since is taken as it is now); `undefined` when none was recorded.
 */
export function numberText(owner: object, field: string, value: number): string | undefined {
  const hit = written.get(owner)?.get(field);
  return hit && Object.is(hit.number, value) ? hit.text : undefined;
}

/**
 * The exact value of the number `owner[field]` of a rubric: from the text it was written as
 * when the loader recorded it (integers beyond 2^53, decimals longer than a double holds),
 * else the shortest decimal of the number (what an author who wrote it meant).
 */
export function exactNumber(owner: object, field: string, value: number): Ratio {
  const text = numberText(owner, field, value);
  return (text !== undefined ? fromDecimalText(text) : undefined) ?? fromNumber(value);
}
