/**
 * The one ordering of text: by UTF-16 code units, the same on every machine and in every
 * locale (never `localeCompare`, whose order depends on the user's settings).
 *
 * @module
 */

/**
 * Compares two texts by code points, for `Array.prototype.sort`.
 *
 * @example
 * ```ts
 * ['TR', 'SE', 'ZA'].sort(byCodePoint); // ['SE', 'TR', 'ZA']
 * ```
 */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
