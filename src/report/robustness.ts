/**
 * Renderers of uncertainty and sensitivity results: aligned text, CSV and a self-contained
 * HTML page with an interval ("caterpillar") chart of the rank intervals. Displayed figures are
 * the exact decimal values of the floats, rounded once as the rubric declares.
 *
 * @module
 */
import { displayString, fromNumber } from '../exact/index.js';
import type { Rounding } from '../rubric/types.js';
import type { SensitivityResult } from '../analysis/robustness/sensitivity.js';
import type { UncertaintyResult } from '../analysis/robustness/uncertainty.js';
import { csvField } from '../source/csv.js';
import { escapeHtml } from './escape.js';
import { htmlPage } from './page.js';
import { byCodePoint } from '../text/order.js';
import { countryName } from '../units/countries.js';
import { textWidth } from './svg.js';

/** Display rules of the figures. */
export interface RobustnessDisplay {
  /** Decimals of scores (default 1). */
  precision?: number;
  rounding?: Rounding;
  /** Title of the page or table. */
  title?: string;
  /** The name of a unit on the HTML pages (default: the English short name of its code, else the code). */
  name?: (unit: string) => string;
}

/** A unit's name as the pages show it. */
const nameOf = (d: RobustnessDisplay, unit: string) => d.name?.(unit) ?? countryName(unit) ?? unit;

/** A rank statistic: whole ranks as integers (`9`, never `9.0`), others to one decimal. */
const rankFigure = (x: number | null | undefined, rounding: Rounding) => (typeof x === 'number' && Number.isInteger(x) ? String(x) : roundFigure(x, 1, rounding));

/** Whether an estimated share of variance lies outside [0, 1], which a share cannot: too few samples. */
function outsideUnitInterval(x: number): boolean {
  return Number.isFinite(x) && (x < 0 || x > 1);
}

/**
 * Rounds a float for display: its shortest decimal (the text that reads back to the same double),
 * rounded once.
 *
 * @example
 * ```ts
 * import { roundFigure } from 'policy-index';
 * roundFigure(2.675, 2); // '2.68' (the shortest decimal of the double is 2.675)
 * roundFigure(null, 1); // '—'
 * ```
 */
export function roundFigure(x: number | null | undefined, precision: number, rounding: Rounding = 'half-up'): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return displayString(fromNumber(x), precision, rounding);
}

/** The style sheets of the two pages. */
const UNCERTAINTY_STYLE = 'body{font:14px system-ui,sans-serif;margin:2rem;color:#222}@media (max-width:600px){body{margin:1rem}}svg{width:100%;height:auto;display:block}svg text{font-size:13px}.scroll{overflow-x:auto;max-width:100%}table{border-collapse:collapse}td,th{padding:2px 8px;text-align:right}td:first-child,th:first-child{text-align:left}tbody tr:nth-child(odd){background:#f4f6f8}.key{color:#555}';
const SENSITIVITY_STYLE = 'body{font:14px system-ui,sans-serif;margin:2rem;color:#222}@media (max-width:600px){body{margin:1rem}}.scroll{overflow-x:auto;max-width:100%}.warn{color:#b3261e;font-weight:600}table{border-collapse:collapse;margin-bottom:2rem}td,th{padding:2px 8px;text-align:left}tbody tr:nth-child(odd){background:#f4f6f8}';

const COLUMNS = ['unit', 'score', 'rank', 'score mean', 'score median', 'score p05', 'score p95', 'rank mean', 'rank median', 'rank p05', 'rank p95', 'mean |rank shift|'];

function rows(r: UncertaintyResult, d: RobustnessDisplay): string[][] {
  const p = d.precision ?? 1;
  const rd = d.rounding ?? 'half-up';
  const f = (x: number | null) => roundFigure(x, p, rd);
  const g = (x: number | null) => roundFigure(x, 1, rd);
  const k = (x: number | null) => rankFigure(x, rd);
  const sorted = [...r.units].sort((a, b) => (a.nominal.rank ?? Infinity) - (b.nominal.rank ?? Infinity) || byCodePoint(a.unit, b.unit));
  return sorted.map((u) => [u.unit, f(u.nominal.score), u.nominal.rank === null ? '—' : String(u.nominal.rank), f(u.score.mean), f(u.score.median), f(u.score.p05), f(u.score.p95), g(u.rank.mean), k(u.rank.median), k(u.rank.p05), k(u.rank.p95), roundFigure(u.meanAbsRankShift, 2, rd)]);
}

/**
 * Uncertainty result as an aligned text table (units in nominal rank order).
 *
 * @example
 * ```ts
 * import { uncertaintyText, type UncertaintyResult } from 'policy-index';
 * declare const result: UncertaintyResult;
 * console.log(uncertaintyText(result, { precision: 0 }));
 * ```
 */
export function uncertaintyText(r: UncertaintyResult, d: RobustnessDisplay = {}): string {
  const body = rows(r, d);
  const widths = COLUMNS.map((h, i) => body.reduce((m, x) => Math.max(m, x[i]!.length), h.length));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const head = `${d.title ?? 'Uncertainty'} · variant ${r.variant} · ${r.samples} samples · seed ${r.seed} · inputs: ${r.inputs.map((i) => i.id).join(', ') || 'none'}${sketchNote(r)}`;
  const ew = r.effectiveWeights.map((w) => `  ${w.id.padEnd(12)} declared ${roundFigure(w.declared, 3)}  share ${roundFigure(w.share, 3)}  correlation with the index ${roundFigure(w.correlation, 2)}`);
  return [head, '', line(COLUMNS), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), '', `Mean absolute rank shift over all units: ${roundFigure(r.meanAbsRankShift, 2)}`, '', 'Effective weights of the areas:', ...ew].join('\n') + '\n';
}

/** A note on score quantiles that came from the streaming sketch (empty when they are exact). */
function sketchNote(r: UncertaintyResult): string {
  return r.quantileRankError === undefined ? '' : ` · score quantiles from a streaming sketch (rank within ${roundFigure(r.quantileRankError * 100, 3)} % of the samples)`;
}

/** A note on intervals from the Poisson bootstrap of a streamed run (empty otherwise). */
function bootstrapNote(r: SensitivityResult): string {
  return r.bootstrapMethod === 'poisson' ? ' · intervals by Poisson bootstrap (rows summarised as they came)' : '';
}

/**
 * Uncertainty result as CSV (one row per unit).
 *
 * @example
 * ```ts
 * import { uncertaintyCsv, type UncertaintyResult } from 'policy-index';
 * declare const result: UncertaintyResult;
 * const csv = uncertaintyCsv(result); // unit,score,rank,…
 * ```
 */
export function uncertaintyCsv(r: UncertaintyResult, d: RobustnessDisplay = {}): string {
  const header = COLUMNS.map((c) => c.replace(/ \|rank shift\|/, ' abs rank shift').replace(/ /g, '_'));
  return [header, ...rows(r, d)].map((x) => x.map((c) => csvField(c === '—' ? '' : c)).join(',')).join('\n') + '\n';
}

/**
 * Uncertainty result as a self-contained HTML page with a caterpillar chart: for each unit the
 * 5–95 % rank interval, the median (dot) and the nominal rank (tick).
 *
 * @example
 * ```ts
 * import { uncertaintyHtml, type UncertaintyResult } from 'policy-index';
 * declare const result: UncertaintyResult;
 * const page = uncertaintyHtml(result, { title: 'Demo index 2024' });
 * ```
 */
export function uncertaintyHtml(r: UncertaintyResult, d: RobustnessDisplay = {}): string {
  const units = [...r.units].filter((u) => u.nominal.rank !== null).sort((a, b) => a.nominal.rank! - b.nominal.rank! || byCodePoint(a.unit, b.unit));
  const n = units.reduce((m, u) => Math.max(m, u.rank.p95, u.nominal.rank!), 1);
  const rd = d.rounding ?? 'half-up';
  const rowH = 20;
  const left = Math.ceil(units.reduce((w, u) => Math.max(w, textWidth(nameOf(d, u.unit))), 60) + 12);
  const width = Math.max(640, left + 420);
  const plotW = width - left - 20;
  const top = 40;
  const height = top + units.length * rowH + 10;
  const x = (rank: number) => (left + ((rank - 1) / Math.max(1, n - 1)) * plotW).toFixed(1);
  const marks = units.map((u, i) => {
    const y = top + i * rowH + rowH / 2;
    return `<g><title>${escapeHtml(`${nameOf(d, u.unit)}: rank ${u.nominal.rank}, 5–95 % ${rankFigure(u.rank.p05, rd)}–${rankFigure(u.rank.p95, rd)}, median ${rankFigure(u.rank.median, rd)}`)}</title>` +
      `<text x="${left - 8}" y="${y + 4}" text-anchor="end">${escapeHtml(nameOf(d, u.unit))}</text>` +
      `<line x1="${x(u.rank.p05)}" x2="${x(u.rank.p95)}" y1="${y}" y2="${y}" stroke="#4a6fa5" stroke-width="4" stroke-linecap="round"/>` +
      `<circle cx="${x(u.rank.median)}" cy="${y}" r="3.5" fill="#1d3557"/>` +
      `<line x1="${x(u.nominal.rank!)}" x2="${x(u.nominal.rank!)}" y1="${y - 6}" y2="${y + 6}" stroke="#c0392b" stroke-width="2"/></g>`;
  });
  const tickRanks = [1, ...[5, 10, 20, 30, 40, 50, 60, 80, 100].filter((t) => t < n), n].filter((t, i, a) => a.indexOf(t) === i);
  const grid = tickRanks.map((t) => `<line x1="${x(t)}" x2="${x(t)}" y1="${top - 4}" y2="${height - 6}" stroke="#d0d4da" stroke-width="1"/>`);
  const ticks = tickRanks.map((t) => `<text x="${x(t)}" y="${top - 8}" text-anchor="middle">${t}</text>`);
  const axisTitle = `<text x="${(left + plotW / 2).toFixed(1)}" y="14" text-anchor="middle" font-weight="600">Rank (1 = highest score)</text>`;
  const svg = `<div class="scroll"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" style="max-width:${width}px;min-width:480px" role="img" aria-label="Rank intervals: for each unit the 5–95 % interval of its rank over the samples, its median rank and its rank as published">${axisTitle}<g aria-hidden="true">${grid.join('')}${ticks.join('')}</g>${marks.join('')}</svg></div>`;
  const body = rows(r, d).map((row) => [nameOf(d, row[0]!), ...row.slice(1)]);
  const table = `<div class="scroll"><table><thead><tr>${COLUMNS.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${body.map((x) => `<tr>${x.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
  const plainTitle = d.title ?? 'Uncertainty of ranks';
  const title = escapeHtml(plainTitle);
  return htmlPage({ title: plainTitle, style: UNCERTAINTY_STYLE, lines: true }, `<h1>${title}</h1>
<p class="key">Variant ${escapeHtml(r.variant)} · ${r.samples} samples · seed ${r.seed} · uncertain inputs: ${escapeHtml(r.inputs.map((i) => i.id).join(', ') || 'none')}${escapeHtml(sketchNote(r))}.
Bars: 5–95 % interval of the rank over the samples; dot: median rank; red tick: the rank as published. The intervals measure how much the builders' choices move a rank, not the quality of the answers.</p>
${svg}
${table}
`);
}

/**
 * Sensitivity result as an aligned text table.
 *
 * @example
 * ```ts
 * import { sensitivityText, type SensitivityResult } from 'policy-index';
 * declare const result: SensitivityResult;
 * console.log(sensitivityText(result));
 * ```
 */
export function sensitivityText(r: SensitivityResult): string {
  const f = (x: number) => roundFigure(x, 3);
  const header = ['input', 'first', 'first 95 % CI', 'total', 'total 95 % CI'];
  const body = r.inputs.map((i) => [i.id, f(i.first), `${f(i.ci.first[0])} … ${f(i.ci.first[1])}`, f(i.total), `${f(i.ci.total[0])} … ${f(i.ci.total[1])}`]);
  const widths = header.map((h, k) => body.reduce((m, b) => Math.max(m, b[k]!.length), h.length));
  const line = (c: string[]) => c.map((x, k) => (k === 0 ? x.padEnd(widths[k]!) : x.padStart(widths[k]!))).join('  ').trimEnd();
  return [`Sensitivity of the mean absolute rank shift · variant ${r.variant} · ${r.samples} base samples (${r.runs} runs) · seed ${r.seed}${bootstrapNote(r)}`, '', line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}

/**
 * Sensitivity result as CSV: one row per output (`mean-rank-shift` or a unit) and input.
 *
 * @example
 * ```ts
 * import { sensitivityCsv, type SensitivityResult } from 'policy-index';
 * declare const result: SensitivityResult;
 * const csv = sensitivityCsv(result); // output,input,first,…
 * ```
 */
export function sensitivityCsv(r: SensitivityResult): string {
  const f = (x: number) => roundFigure(x, 4);
  const out = [['output', 'input', 'first', 'first_lo', 'first_hi', 'total', 'total_lo', 'total_hi']];
  const add = (o: string, i: SensitivityResult['inputs'][number]) => out.push([o, i.id, f(i.first), f(i.ci.first[0]), f(i.ci.first[1]), f(i.total), f(i.ci.total[0]), f(i.ci.total[1])]);
  for (const i of r.inputs) add('mean-rank-shift', i);
  for (const u of r.units) for (const i of u.inputs) add(u.unit, i);
  return out.map((x) => x.map(csvField).join(',')).join('\n') + '\n';
}

/**
 * Sensitivity result as a self-contained HTML page (bars of first-order and total indices).
 *
 * @example
 * ```ts
 * import { sensitivityHtml, type SensitivityResult } from 'policy-index';
 * declare const result: SensitivityResult;
 * const page = sensitivityHtml(result);
 * ```
 */
export function sensitivityHtml(r: SensitivityResult, d: RobustnessDisplay = {}): string {
  const plainTitle = d.title ?? 'Sensitivity of ranks';
  const title = escapeHtml(plainTitle);
  const bar = (v: number, colour: string) => `<span style="display:inline-block;height:10px;width:${Math.max(0, Math.min(1, v)) * 200}px;background:${colour}"></span>`;
  // A share of variance lies in [0, 1]; an estimate outside it says the samples are too few.
  const flag = (v: number) => (outsideUnitInterval(v) ? ` <span class="warn" data-too-few="true">too few samples</span>` : '');
  const row = (i: SensitivityResult['inputs'][number]) => `<tr><td>${escapeHtml(i.id)}</td><td>${roundFigure(i.first, 3)}${flag(i.first)} ${bar(i.first, '#4a6fa5')}</td><td>${roundFigure(i.ci.first[0], 3)} … ${roundFigure(i.ci.first[1], 3)}</td><td>${roundFigure(i.total, 3)}${flag(i.total)} ${bar(i.total, '#c0392b')}</td><td>${roundFigure(i.ci.total[0], 3)} … ${roundFigure(i.ci.total[1], 3)}</td></tr>`;
  const unitRows = r.units.map((u) => `<tr><td>${escapeHtml(nameOf(d, u.unit))}</td>${u.inputs.map((i) => `<td>${roundFigure(i.first, 2)} / ${roundFigure(i.total, 2)}${flag(i.first) || flag(i.total)}</td>`).join('')}</tr>`).join('');
  const outside = [...r.inputs, ...r.units.flatMap((u) => u.inputs)].flatMap((i) => [i.first, i.total]).filter(outsideUnitInterval).length;
  const warning = outside
    ? `<p class="warn" role="note">${outside} ${outside === 1 ? 'estimate lies' : 'estimates lie'} outside 0–1, where no share of variance can be: ${r.samples} base samples are too few for them. Read them through their 95 % intervals, or run again with more samples (--samples).</p>\n`
    : '';
  return htmlPage({ title: plainTitle, style: SENSITIVITY_STYLE, lines: true }, `<h1>${title}</h1>
<p>Variant ${escapeHtml(r.variant)} · ${r.samples} base samples (${r.runs} runs) · seed ${r.seed}${escapeHtml(bootstrapNote(r))}. First-order index: the share of the variance of the output that an input explains alone; total index: with all its interactions. The indices measure the builders' choices, not the quality of the answers.</p>
${warning}<h2>Mean absolute rank shift</h2>
<div class="scroll"><table><thead><tr><th>input</th><th>first</th><th>95 % CI</th><th>total</th><th>95 % CI</th></tr></thead><tbody>${r.inputs.map(row).join('')}</tbody></table></div>
<h2>Each unit's rank (first / total)</h2>
<div class="scroll"><table><thead><tr><th>unit</th>${r.inputs.map((i) => `<th>${escapeHtml(i.id)}</th>`).join('')}</tr></thead><tbody>${unitRows}</tbody></table></div>
`);
}
