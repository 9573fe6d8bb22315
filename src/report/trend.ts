/**
 * The `trend` command's outputs: every node by unit and year as CSV, and the trend lines (exact
 * means over comparable sets of units) as an SVG chart or an HTML page with the chart and a
 * table of every segment.
 *
 * @module
 */
import type { TrendLine, TrendRow } from '../analysis/trend.js';
import { csvField } from '../source/csv.js';
import { escapeHtml } from './escape.js';
import { htmlPage } from './page.js';
import { lineChartSvg } from './svg.js';

/** What {@link renderTrend} shows: the long table, the lines and the rubric they were scored with. */
export interface TrendView {
  rubric: { title: string; scale: { min: number; max: number } };
  /** The variant every unit-year is scored on. */
  variant: string;
  rows: readonly TrendRow[];
  lines: readonly TrendLine[];
}

/** The trend page's style: the chart scales to the page, tables scroll within it on a phone. */
const TREND_STYLE = 'body{font:15px/1.4 system-ui,sans-serif;margin:2rem;color:#1f2933}@media (max-width:600px){body{margin:1rem}}svg.chart{width:100%;height:auto;display:block}svg.chart-narrow{display:none}@media (max-width:660px){svg.chart-wide{display:none}svg.chart-narrow{display:block}h1{font-size:1.5rem}}table{border-collapse:collapse;display:block;overflow-x:auto;max-width:100%}td,th{padding:2px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}';

/** The formats of {@link renderTrend}. */
export type TrendFormat = 'csv' | 'svg' | 'html';

/**
 * Renders a trend view: `csv` the long table of every node by unit and year, `svg` the line
 * chart (a line is broken where the set of units changes), `html` a page with the chart and the
 * segments' means.
 *
 * @example
 * ```ts
 * import { renderTrend } from './trend.js';
 * renderTrend({ rubric: { title: 'T', scale: { min: 0, max: 100 } }, variant: 'v', rows: [], lines: [] }, 'csv'); // 'country,year,variant,node,level,parent,score,display\n'
 * ```
 */
export function renderTrend(view: TrendView, format: TrendFormat): string {
  const { rubric, variant, rows, lines } = view;
  if (format === 'csv') return ['country,year,variant,node,level,parent,score,display', ...rows.map((x) => [x.country, x.year, x.variant, x.node, x.level, x.parent, x.score, x.display].map(csvField).join(','))].join('\n') + '\n';
  // One series (one colour, one legend item) per line; it breaks between its segments, whose
  // sizes the table below gives.
  const series = lines.map((l) => ({ id: l.node, label: l.title, points: l.segments.flatMap((s, i) => s.points.map((p) => ({ year: p.year, value: p.value, display: p.display, segment: i }))) }));
  const chart = (extra: { width?: number; className?: string; idPrefix?: string }) => lineChartSvg({ ...extra, title: `${rubric.title}: trends (${variant})`, desc: 'Means over the units shown; a line is broken where the set of units changes (the tables below give each part\'s units, n and means).', series, min: rubric.scale.min, max: rubric.scale.max, axisTitle: 'Mean score' });
  if (format === 'svg') return chart({}) + '\n';
  // The page: the chart's wide layout, and below 660 px its phone layout.
  const svg = chart({ className: 'chart-wide' }) + chart({ width: 360, className: 'chart-narrow', idPrefix: 'chart-narrow' });
  const table = lines.map((l) => `<h2>${escapeHtml(l.title)}</h2><table><tr><th>Years</th><th>n</th><th>Units</th><th>Means (rounded as the rubric declares; exact values in csv and json)</th></tr>${l.segments.map((s) => `<tr><td>${escapeHtml(s.points.map((p) => p.year).join(', '))}</td><td>${s.n}</td><td>${escapeHtml(s.units.join(', '))}</td><td>${escapeHtml(s.points.map((p) => `${p.year}: ${p.display}`).join('; '))}</td></tr>`).join('')}</table>`).join('\n');
  return htmlPage({ title: `${rubric.title} trends`, style: TREND_STYLE }, `<h1>${escapeHtml(rubric.title)}: trends</h1>${svg}\n${table}`);
}
