import { describe, expect, it } from 'vitest';
import { byCodePoint } from './order.js';

/** Code-point order computed independently: compare the arrays of code points. */
function reference(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return Math.sign(x.length - y.length);
}

describe('byCodePoint', () => {
  it('orders by code points, not by the locale', () => {
    expect(['TR', 'ZA', 'SE', 'se', 'Ä', 'A'].sort(byCodePoint)).toEqual(['A', 'SE', 'TR', 'ZA', 'se', 'Ä']);
    expect(byCodePoint('a', 'a')).toBe(0);
    expect(byCodePoint('a', 'ab')).toBe(-1);
    expect(byCodePoint('ab', 'a')).toBe(1);
  });

  it('puts characters above U+FFFF after U+E000–U+FFFF (where UTF-16 code units disagree)', () => {
    const astral = '\u{1F600}';
    const high = '\uFF21';
    expect(astral < high).toBe(true); // code units
    expect(byCodePoint(astral, high)).toBe(1);
    expect(byCodePoint(high, astral)).toBe(-1);
    expect(['\u{10000}', '\uFFFF', '\uE000', '\uD7FF'].sort(byCodePoint)).toEqual(['\uD7FF', '\uE000', '\uFFFF', '\u{10000}']);
  });

  it('agrees with comparing code-point arrays on mixed text', () => {
    const alphabet = ['a', 'Z', 'é', '\uD7FF', '\uE000', '\uFFFD', '\u{1F600}', '\u{10000}', '\u{10FFFF}', ''];
    const words: string[] = [];
    for (const x of alphabet) for (const y of alphabet) words.push(x + y, x + 'a' + y);
    for (const a of words) for (const b of words) expect(byCodePoint(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(reference(a, b));
  });
});
