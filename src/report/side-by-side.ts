/**
 * Units side by side (`compare --units`): every node with each unit's score and answer and the
 * exact difference against the first unit, as text, CSV or an HTML page.
 *
 * @module
 */
import type { SideBySide } from '../editions/side-by-side.js';
import { escapeHtml } from './escape.js';
import { htmlPage } from './page.js';
import { csvField } from '../source/csv.js';

/** What the side-by-side table is of: the rubric, the year and the unit codes as asked for. */
export interface SideBySideHeading {
  rubric: { id: string; version: string };
  year: number;
  /** The unit codes in the order shown; the first is the one differences are taken against. */
  units: readonly string[];
}

/** The formats of {@link renderSideBySide}. */
export type SideBySideFormat = 'text' | 'csv' | 'html';

/**
 * Renders a side-by-side table (see `sideBySide`): `text` tab-separated with a heading line,
 * `csv` one column per unit's score, answer and difference, `html` a page with one table.
 *
 * @example
 * ```ts
 * import { renderSideBySide } from './side-by-side.js';
 * renderSideBySide({ units: [], rows: [] } as never, { rubric: { id: 'r', version: '1' }, year: 2024, units: ['A', 'B'] }, 'csv'); // 'node,title\n'
 * ```
 */
export function renderSideBySide(t: SideBySide, heading: SideBySideHeading, format: SideBySideFormat): string {
  if (format === 'csv') {
    const rows = [['node', 'title', ...t.units.flatMap((u, i) => (i ? [`${u.country}_score`, `${u.country}_answer`, `${u.country}_difference`] : [`${u.country}_score`, `${u.country}_answer`]))]];
    for (const r of t.rows) rows.push([r.id, r.title, ...r.cells.flatMap((c, i) => (i ? [c.score ?? '', c.answer ?? '', c.difference ?? ''] : [c.score ?? '', c.answer ?? '']))]);
    return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
  }
  const head = ['node', ...t.units.flatMap((u, i) => (i ? [`${u.country}`, `Δ ${u.country}`] : [u.country]))];
  const body = t.rows.map((r) => [`${'  '.repeat(r.depth)}${r.id} ${r.title}`, ...r.cells.flatMap((c, i) => { const v = `${c.display ?? '—'}${c.answer !== undefined ? ` (${c.answer})` : ''}`; return i ? [v, c.difference ?? '—'] : [v]; })]);
  if (format === 'html') {
    return htmlPage({ title: `${heading.units.join(' · ')} ${heading.year}` }, `<table><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>\n${body.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}</table>`);
  }
  return [`${heading.rubric.id}@${heading.rubric.version} · ${heading.year} · differences are exact, against ${heading.units[0]}`, '', head.join('\t'), ...body.map((r) => r.join('\t'))].join('\n') + '\n';
}
