/**
 * Aligned plain-text tables: columns padded to their widest cell, two spaces apart, a rule of
 * dashes under the header (and wherever else asked), trailing spaces trimmed.
 *
 * @module
 */

/** Options of {@link alignedTable}. */
export interface AlignedTableOptions {
  /** Whether column `i` is right-aligned (numbers); the others are left-aligned. */
  right: (column: number) => boolean;
  /** Row indices (of `rows`, the header being row 0) before which a rule of dashes goes; default `[1]`, under the header. */
  rules?: readonly number[];
}

/**
 * Lays out a table (`rows[0]` is the header) as lines of text, one per row and rule.
 *
 * @example
 * ```ts
 * import { alignedTable } from './text-table.js';
 * alignedTable([['name', 'n'], ['ab', '10']], { right: (i) => i === 1 }); // ['name   n', '----  --', 'ab    10']
 * ```
 */
export function alignedTable(rows: readonly (readonly string[])[], options: AlignedTableOptions): string[] {
  const widths = (rows[0] ?? []).map((_, i) => rows.reduce((m, r) => Math.max(m, r[i]!.length), 0));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (options.right(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const rule = line(widths.map((w) => '-'.repeat(w)));
  const rules = new Set(options.rules ?? [1]);
  const out: string[] = [];
  rows.forEach((r, i) => {
    if (rules.has(i)) out.push(rule);
    out.push(line(r));
  });
  return out;
}
