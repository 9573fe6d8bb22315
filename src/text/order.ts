/**
 * The one ordering of text: by Unicode code points, the same on every machine and in every
 * locale (never `localeCompare`, whose order depends on the user's settings).
 *
 * @module
 */

/**
 * Compares two texts by code points, for `Array.prototype.sort`. This is JavaScript's own `<`
 * on strings (UTF-16 code units) except where a character above U+FFFF meets one in
 * U+E000–U+FFFF: code units would put the former first, code points put it last.
 * `['TR', 'ZA', 'SE'].sort(byCodePoint)` gives `['SE', 'TR', 'ZA']` in every locale.
 */
export function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–U+DFFF) encode code points above U+FFFF: move them past U+FFFF.
    if (x >= 0xd800 && y >= 0xd800) return surrogatesLast(x) - surrogatesLast(y) < 0 ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function surrogatesLast(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
