/**
 * Inline SVG charts drawn by the library: a grouped bar chart and a radar chart of the areas
 * with a comparison series (e.g. the peer average), and a line chart of a trend.
 *
 * Every chart is accessible (`role="img"`, `<title>` and `<desc>` referenced by
 * `aria-labelledby`), uses the colour-blind-safe Okabe–Ito palette and tells series apart by
 * shape and line style as well as by colour, and is deterministic: numbers are written with a
 * fixed number of decimals, so the same data always gives the same bytes. Every mark carries
 * `data-series` and `data-area` (or `data-year`) attributes for tests and styling.
 *
 * @module
 */
import { escapeXml } from '../source/markup.js';

/** The Okabe–Ito palette (colour-blind safe), in the order series use it. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

/** A category of a chart (an area). */
export interface ChartCategory {
  id: string;
  label: string;
}

/** A series of values, one per category (null: no score). */
export interface ChartSeriesInput {
  id: string;
  label: string;
  values: readonly (number | null)[];
  /**
   * Value labels as the rubric declares them (exact scores rounded by the one rounding
   * function), one per category; without them labels are the numbers to `decimals` places.
   */
  displays?: readonly (string | null)[];
}

/** Options shared by the charts. */
export interface ChartOptions {
  /** Short title (becomes `<title>`). */
  title: string;
  /** Longer text alternative (becomes `<desc>`); default: generated from the data. */
  desc?: string;
  categories: readonly ChartCategory[];
  series: readonly ChartSeriesInput[];
  /** Scale (default 0–100). */
  min?: number;
  max?: number;
  /** Prefix for element ids, unique within a page (default `chart`). */
  idPrefix?: string;
  /** Decimals of value labels (default 0). */
  decimals?: number;
  /**
   * Width of the drawing in its own units (default: the chart's usual width). Narrow charts
   * (under 480) lay out for a phone: category labels above the bars, a smaller radar. The
   * chart scales to its container (`width: 100%` up to this width).
   */
  width?: number;
  /** An extra class on the `<svg>` element (e.g. which layout a page shows at which width). */
  className?: string;
}

/** Fixed-decimal number formatting for coordinates (never `-0`, never exponent notation). */
export function fmt(n: number, decimals = 1): string {
  const s = (Math.round(n * 10 ** decimals) / 10 ** decimals).toFixed(decimals);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

function valueLabel(v: number | null, decimals: number): string {
  return v === null ? 'no score' : fmt(v, decimals);
}

/** The generated text alternative: every value of every series. */
export function describeData(categories: readonly ChartCategory[], series: readonly ChartSeriesInput[], decimals = 0): string {
  return categories.map((c, i) => `${c.label}: ${series.map((s) => `${s.label} ${(s.values[i] ?? null) === null ? 'no score' : (s.displays?.[i] ?? valueLabel(s.values[i] ?? null, decimals))}`).join(', ')}`).join('; ') + '.';
}

/** The opening tag of a chart: scales to its container up to its own width, never beyond. */
function svgTag(kind: string, id: string, width: number, height: number, className?: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-${kind}${className ? ` ${escapeXml(className)}` : ''}" id="${escapeXml(id)}" role="img" aria-labelledby="${escapeXml(id)}-title ${escapeXml(id)}-desc" viewBox="0 0 ${fmt(width, 0)} ${fmt(height, 0)}" width="${fmt(width, 0)}" height="${fmt(height, 0)}" style="max-width:${fmt(width, 0)}px" preserveAspectRatio="xMinYMin meet" data-chart="${kind}">`;
}

function open(o: ChartOptions, kind: string, width: number, height: number): { head: string; id: string } {
  const id = `${o.idPrefix ?? 'chart'}-${kind}`;
  const desc = o.desc ?? describeData(o.categories, o.series, o.decimals ?? 0);
  const head =
    svgTag(kind, id, width, height, o.className) +
    `<title id="${escapeXml(id)}-title">${escapeXml(o.title)}</title>` +
    `<desc id="${escapeXml(id)}-desc">${escapeXml(desc)}</desc>`;
  return { head, id };
}

/**
 * An estimate of the width of a text in a sans-serif font of `size` (an upper bound for the
 * usual system fonts: wide letters count more), so that laid-out labels never collide.
 */
export function textWidth(text: string, size = 13): number {
  let em = 0;
  for (const ch of text) em += /[MWmw@%]/.test(ch) ? 0.9 : /[A-Z&]/.test(ch) ? 0.7 : /[iljtfI.,:;'!|() ]/.test(ch) ? 0.32 : /[0-9]/.test(ch) ? 0.58 : 0.56;
  return em * size;
}

/** Legend height for {@link legend} items laid out in rows within `maxWidth`. */
const LEGEND_ROW = 18;

/**
 * A legend: one item per series, laid out left to right by the estimated width of each label
 * and wrapped to a new row where the next item would pass `maxWidth`. Returns the SVG and the
 * y of the last row's baseline.
 */
function legend(series: readonly Pick<ChartSeriesInput, 'label'>[], x: number, y: number, shapes: boolean, maxWidth: number): { svg: string; bottom: number } {
  let out = `<g class="legend" aria-hidden="true">`;
  let cx = x;
  let cy = y;
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length]!;
    // A label wider than a row is wrapped at spaces onto lines of its own.
    const room = maxWidth - x - 18;
    const lines: string[] = [];
    for (const word of s.label.split(' ')) {
      const last = lines[lines.length - 1];
      if (last !== undefined && textWidth(`${last} ${word}`) <= room) lines[lines.length - 1] = `${last} ${word}`;
      else lines.push(word);
    }
    const w = 18 + lines.reduce((m, l) => Math.max(m, textWidth(l)), -Infinity) + 16;
    if (cx > x && cx + w - 16 > maxWidth) {
      cx = x;
      cy += LEGEND_ROW;
    }
    out += shapes ? marker(i, cx + 6, cy - 4, colour, '') : `<rect x="${fmt(cx)}" y="${fmt(cy - 10)}" width="12" height="12" fill="${colour}"${i > 0 ? ' fill-opacity="0.85"' : ''}/>`;
    if (shapes) out += `<line x1="${fmt(cx - 2)}" y1="${fmt(cy - 4)}" x2="${fmt(cx + 14)}" y2="${fmt(cy - 4)}" stroke="${colour}" stroke-width="2"${i > 0 ? ' stroke-dasharray="4 3"' : ''}/>`;
    out += `<text class="legend-label" x="${fmt(cx + 18)}" y="${fmt(cy)}" font-size="13">${lines.map((l, li) => (li ? `<tspan x="${fmt(cx + 18)}" dy="${LEGEND_ROW}">${escapeXml(l)}</tspan>` : escapeXml(l))).join('')}</text>`;
    if (lines.length > 1) {
      cy += LEGEND_ROW * (lines.length - 1);
      cx = maxWidth;
    } else cx += w;
  });
  return { svg: out + '</g>', bottom: cy };
}

/** A marker: circle for the first series, square for the second, diamond, triangle … */
function marker(i: number, x: number, y: number, colour: string, attrs: string): string {
  const shape = i % 4;
  if (shape === 0) return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="4" fill="${colour}" stroke="#fff" stroke-width="1"${attrs}/>`;
  if (shape === 1) return `<rect x="${fmt(x - 4)}" y="${fmt(y - 4)}" width="8" height="8" fill="${colour}" stroke="#fff" stroke-width="1"${attrs}/>`;
  if (shape === 2) return `<path d="M${fmt(x)} ${fmt(y - 5)}L${fmt(x + 5)} ${fmt(y)}L${fmt(x)} ${fmt(y + 5)}L${fmt(x - 5)} ${fmt(y)}Z" fill="${colour}" stroke="#fff" stroke-width="1"${attrs}/>`;
  return `<path d="M${fmt(x)} ${fmt(y - 5)}L${fmt(x + 5)} ${fmt(y + 4)}L${fmt(x - 5)} ${fmt(y + 4)}Z" fill="${colour}" stroke="#fff" stroke-width="1"${attrs}/>`;
}

/** Splits a label into at most two lines of about `width` characters. */
function wrap(label: string, width: number): string[] {
  if (label.length <= width) return [label];
  const words = label.split(/\s+/);
  const first: string[] = [];
  while (words.length && (first.join(' ').length + words[0]!.length + 1 <= width || first.length === 0)) first.push(words.shift()!);
  let rest = words.join(' ');
  if (rest.length > width + 4) rest = rest.slice(0, width + 3).trimEnd() + '…';
  return rest ? [first.join(' '), rest] : [first.join(' ')];
}

/**
 * A horizontal grouped bar chart: one row per category, one bar per series.
 *
 * @example
 * ```ts
 * import { barChartSvg } from 'policy-index';
 * const svg = barChartSvg({
 *   title: 'Scores by area',
 *   categories: [{ id: 'a', label: 'Labour market' }],
 *   series: [{ id: 'country', label: 'Canada', values: [79] }, { id: 'peer', label: 'Average', values: [56] }],
 * });
 * ```
 */
export function barChartSvg(o: ChartOptions): string {
  const min = o.min ?? 0;
  const max = o.max ?? 100;
  const decimals = o.decimals ?? 0;
  const n = o.series.length;
  const barH = 14;
  const gap = 3;
  const width = o.width ?? 640;
  // Narrow: each category's label on its own line above its bars.
  const above = width < 480;
  const labelW = above ? 0 : 190;
  const left = above ? 8 : labelW;
  const right = 46;
  const plotW = width - left - right;
  const labelsOf = (c: ChartCategory) => (above ? [c.label] : wrap(c.label, 28));
  const rowH = n * barH + (n - 1) * gap + 16 + (above ? 18 : 0);
  const leg = legend(o.series, above ? 8 : left, 16, false, width - 8);
  const top = leg.bottom + 18;
  const height = top + o.categories.length * rowH + 26;
  const x = (v: number) => left + ((Math.max(min, Math.min(max, v)) - min) / (max - min)) * plotW;
  const { head } = open(o, 'bar', width, height);
  let body = leg.svg;
  // Grid and axis.
  body += '<g class="grid" aria-hidden="true">';
  for (let t = 0; t <= 4; t++) {
    const v = min + ((max - min) * t) / 4;
    body += `<line x1="${fmt(x(v))}" y1="${fmt(top - 4)}" x2="${fmt(x(v))}" y2="${fmt(height - 22)}" stroke="#d0d4da" stroke-width="1"/>`;
    body += `<text x="${fmt(x(v))}" y="${fmt(height - 8)}" font-size="13" text-anchor="middle" fill="#4a5260">${fmt(v, 0)}</text>`;
  }
  body += '</g>';
  o.categories.forEach((c, ci) => {
    const y0 = top + ci * rowH + 8 + (above ? 18 : 0);
    const lines = labelsOf(c);
    const mid = y0 + (n * barH + (n - 1) * gap) / 2;
    if (above) body += `<text class="category" x="${fmt(left)}" y="${fmt(y0 - 5)}" font-size="13" font-weight="600" fill="#1f2933">${escapeXml(c.label)}</text>`;
    else {
      body += `<text class="category" x="${fmt(left - 8)}" y="${fmt(mid + 4 - (lines.length - 1) * 7)}" font-size="13" text-anchor="end" fill="#1f2933">`;
      lines.forEach((l, li) => (body += `<tspan x="${fmt(left - 8)}"${li ? ' dy="15"' : ''}>${escapeXml(l)}</tspan>`));
      body += '</text>';
    }
    o.series.forEach((s, si) => {
      const v = s.values[ci] ?? null;
      const y = y0 + si * (barH + gap);
      const colour = PALETTE[si % PALETTE.length]!;
      const w = v === null ? 0 : x(v) - x(min);
      const attrs = ` data-series="${escapeXml(s.id)}" data-area="${escapeXml(c.id)}" data-value="${v === null ? '' : fmt(v, 2)}"${v === null ? ' data-missing="true"' : ''}`;
      const label = v === null ? 'no score' : (s.displays?.[ci] ?? fmt(v, decimals));
      if (v === null) {
        // Missing is drawn as missing: an empty dashed outline (named in its tooltip and in the
        // text alternative), never a bar of 0 and never a value written on the chart.
        body += `<rect class="mark" x="${fmt(x(min))}" y="${fmt(y)}" width="${fmt(plotW)}" height="${barH}" fill="none" stroke="${colour}" stroke-dasharray="3 3" stroke-opacity="0.6"${attrs}><title>${escapeXml(`${s.label} — ${c.label}: no score`)}</title></rect>`;
      } else {
        body += `<rect class="mark" x="${fmt(x(min))}" y="${fmt(y)}" width="${fmt(w)}" height="${barH}" fill="${colour}"${si > 0 ? ' fill-opacity="0.85"' : ''}${attrs}><title>${escapeXml(`${s.label} — ${c.label}: ${label}`)}</title></rect>`;
        body += `<text class="value-label" x="${fmt(x(min) + w + 4)}" y="${fmt(y + barH - 2)}" font-size="13" fill="#1f2933" aria-hidden="true">${escapeXml(label)}</text>`;
      }
    });
  });
  return head + body + '</svg>';
}

/**
 * A radar (spider) chart: one axis per category, one closed line per series with a marker on
 * every axis (circle, square, … by series).
 *
 * @example
 * ```ts
 * import { radarChartSvg } from 'policy-index';
 * const svg = radarChartSvg({
 *   title: 'Profile',
 *   categories: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }],
 *   series: [{ id: 'country', label: 'Canada', values: [79, 88, 86] }],
 * });
 * ```
 */
export function radarChartSvg(o: ChartOptions): string {
  const min = o.min ?? 0;
  const max = o.max ?? 100;
  const width = o.width ?? 560;
  const narrow = width < 480;
  // Room for the axis labels on either side decides the radius.
  const labelRoom = narrow ? 92 : 140;
  const r = Math.max(40, Math.min(132, width / 2 - labelRoom));
  const leg = legend(o.series, 16, 20, true, width - 8);
  const cx = width / 2;
  const cy = leg.bottom + 42 + r;
  const height = cy + r + 58;
  const k = Math.max(o.categories.length, 1);
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / k;
  const pt = (i: number, v: number) => {
    const f = (Math.max(min, Math.min(max, v)) - min) / (max - min);
    return [cx + Math.cos(angle(i)) * r * f, cy + Math.sin(angle(i)) * r * f] as const;
  };
  const { head } = open(o, 'radar', width, height);
  let body = leg.svg;
  body += '<g class="grid" aria-hidden="true">';
  // Tick labels sit half-way between the last axis and the first, where no data point is.
  const tickAngle = -Math.PI / 2 - Math.PI / k;
  for (let t = 1; t <= 4; t++) {
    const v = min + ((max - min) * t) / 4;
    const d = o.categories.map((_, i) => pt(i, v)).map(([px, py], i) => `${i ? 'L' : 'M'}${fmt(px)} ${fmt(py)}`).join('') + 'Z';
    body += `<path d="${d}" fill="none" stroke="#d0d4da" stroke-width="1"/>`;
  }
  let ticks = '';
  for (let t = 1; t <= 4; t++) {
    const v = min + ((max - min) * t) / 4;
    const f = t / 4;
    const tx = cx + Math.cos(tickAngle) * r * f * Math.cos(Math.PI / k);
    const ty = cy + Math.sin(tickAngle) * r * f * Math.cos(Math.PI / k);
    ticks += `<text class="tick" x="${fmt(tx)}" y="${fmt(ty + 4)}" font-size="12" text-anchor="middle" fill="#4a5260" stroke="#fff" stroke-width="3" paint-order="stroke">${fmt(v, 0)}</text>`;
  }
  o.categories.forEach((c, i) => {
    const [ex, ey] = pt(i, max);
    body += `<line x1="${fmt(cx)}" y1="${fmt(cy)}" x2="${fmt(ex)}" y2="${fmt(ey)}" stroke="#d0d4da" stroke-width="1"/>`;
  });
  body += '</g>';
  // Axis labels.
  o.categories.forEach((c, i) => {
    const a = angle(i);
    const lx = cx + Math.cos(a) * (r + 20);
    const ly = cy + Math.sin(a) * (r + 20);
    const cos = Math.cos(a);
    const anchor = Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end';
    const lines = wrap(c.label, narrow ? 12 : 18);
    const sin = Math.sin(a);
    const dy = sin < -0.5 ? -(lines.length - 1) * 13 : sin > 0.5 ? 8 : 4 - (lines.length - 1) * 6;
    body += `<text class="category" x="${fmt(lx)}" y="${fmt(ly + dy)}" font-size="13" text-anchor="${anchor}" fill="#1f2933">`;
    lines.forEach((l, li) => (body += `<tspan x="${fmt(lx)}"${li ? ' dy="15"' : ''}>${escapeXml(l)}</tspan>`));
    body += '</text>';
  });
  // Series: later series drawn first so the first (the country) is on top.
  const layers: string[] = [];
  o.series.forEach((s, si) => {
    const colour = PALETTE[si % PALETTE.length]!;
    const vals = o.categories.map((_, i) => s.values[i] ?? null);
    const pts = vals.map((v, i) => (v === null ? null : pt(i, v)));
    const complete = pts.every((p) => p !== null);
    // A missing area is a gap in the line (never a point at the scale's minimum).
    let d = '';
    if (complete) d = pts.map((p, i) => `${i ? 'L' : 'M'}${fmt(p![0])} ${fmt(p![1])}`).join('') + 'Z';
    else {
      pts.forEach((p, i) => {
        if (!p) return;
        const prev = pts[(i - 1 + pts.length) % pts.length];
        d += `${prev && i > 0 ? 'L' : 'M'}${fmt(p[0])} ${fmt(p[1])}`;
      });
      const last = pts[pts.length - 1];
      if (last && pts[0]) d += `L${fmt(pts[0][0])} ${fmt(pts[0][1])}`;
    }
    let g = `<g class="series" data-series="${escapeXml(s.id)}">`;
    if (d) g += `<path d="${d}" fill="${complete ? colour : 'none'}" fill-opacity="${si === 0 ? '0.18' : '0.06'}" stroke="${colour}" stroke-width="2"${si > 0 ? ' stroke-dasharray="5 4"' : ''}/>`;
    o.categories.forEach((c, i) => {
      const v = vals[i]!;
      const p = pts[i];
      const attrs = ` class="mark" data-series="${escapeXml(s.id)}" data-area="${escapeXml(c.id)}" data-value="${v === null ? '' : fmt(v, 2)}"${v === null ? ' data-missing="true"' : ''}`;
      const label = v === null ? 'no score' : (s.displays?.[i] ?? fmt(v, o.decimals ?? 0));
      if (!p) {
        // A gap in the line, named in a tooltip and the text alternative: no text on the chart.
        g += `<g${attrs}><title>${escapeXml(`${s.label} — ${c.label}: no score`)}</title></g>`;
        return;
      }
      g += marker(si, p[0], p[1], colour, attrs).replace(/\/>$/, `><title>${escapeXml(`${s.label} — ${c.label}: ${label}`)}</title></${si % 4 === 0 ? 'circle' : si % 4 === 1 ? 'rect' : 'path'}>`);
    });
    layers.push(g + '</g>');
  });
  body += layers.reverse().join('') + `<g class="ticks" aria-hidden="true">${ticks}</g>`;
  return head + body + '</svg>';
}

/** A series over years, for {@link lineChartSvg}. */
export interface LineSeriesInput {
  id: string;
  label: string;
  /** `display`: the value label as declared; `segment`: the line is unbroken only within a segment; `n`: units averaged, shown at the point. */
  points: readonly { year: number; value: number | null; display?: string | null; segment?: number; n?: number }[];
}

/** Options of {@link lineChartSvg}. */
export interface LineChartOptions {
  title: string;
  desc?: string;
  series: readonly LineSeriesInput[];
  min?: number;
  max?: number;
  idPrefix?: string;
  decimals?: number;
  /** Width of the drawing in its own units (default 640); see {@link ChartOptions.width}. */
  width?: number;
  /** An extra class on the `<svg>` element. */
  className?: string;
  /** Title of the value axis (none when absent). */
  axisTitle?: string;
}

/**
 * A line chart of scores over years, one line per series with a marker per year; gaps where
 * a year has no score.
 *
 * @example
 * ```ts
 * import { lineChartSvg } from 'policy-index';
 * const svg = lineChartSvg({ title: 'Trend', series: [{ id: 'country', label: 'CA', points: [{ year: 2018, value: 70 }, { year: 2019, value: 72 }] }] });
 * ```
 */
export function lineChartSvg(o: LineChartOptions): string {
  const min = o.min ?? 0;
  const max = o.max ?? 100;
  const decimals = o.decimals ?? 0;
  const years = [...new Set(o.series.flatMap((s) => s.points.map((p) => p.year)))].sort((a, b) => a - b);
  const width = o.width ?? 640;
  const left = o.axisTitle ? 54 : 40;
  const right = 20;
  const leg = legend(o.series, left, 16, true, width - 8);
  const top = leg.bottom + 18;
  const height = top + 196 + 30;
  const bottom = 30;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (y: number) => (years.length <= 1 ? left + plotW / 2 : left + ((y - years[0]!) / (years[years.length - 1]! - years[0]!)) * plotW);
  const yv = (v: number) => top + plotH - ((Math.max(min, Math.min(max, v)) - min) / (max - min)) * plotH;
  const id = `${o.idPrefix ?? 'chart'}-line`;
  const desc =
    o.desc ?? o.series.map((s) => `${s.label}: ${s.points.map((p) => `${p.year} ${p.value === null ? 'no score' : (p.display ?? valueLabel(p.value, decimals))}${p.n !== undefined ? ` (n=${p.n})` : ''}`).join(', ')}`).join('; ') + '.';
  let out = svgTag('line', id, width, height, o.className) + `<title id="${escapeXml(id)}-title">${escapeXml(o.title)}</title><desc id="${escapeXml(id)}-desc">${escapeXml(desc)}</desc>`;
  out += leg.svg;
  if (o.axisTitle) out += `<text class="axis-title" transform="translate(14 ${fmt(top + plotH / 2)}) rotate(-90)" font-size="12" text-anchor="middle" fill="#4a5260">${escapeXml(o.axisTitle)}</text>`;
  out += '<g class="grid" aria-hidden="true">';
  for (let t = 0; t <= 4; t++) {
    const v = min + ((max - min) * t) / 4;
    out += `<line x1="${left}" y1="${fmt(yv(v))}" x2="${width - right}" y2="${fmt(yv(v))}" stroke="#d0d4da" stroke-width="1"/>`;
    out += `<text x="${left - 6}" y="${fmt(yv(v) + 4)}" font-size="13" text-anchor="end" fill="#4a5260">${fmt(v, 0)}</text>`;
  }
  const step = years.length > 14 ? 2 : 1;
  years.forEach((y, i) => {
    if (i % step === 0 || i === years.length - 1) out += `<text x="${fmt(x(y))}" y="${height - 10}" font-size="13" text-anchor="middle" fill="#4a5260">${y}</text>`;
  });
  out += '</g>';
  const layers: string[] = [];
  o.series.forEach((s, si) => {
    const colour = PALETTE[si % PALETTE.length]!;
    let d = '';
    let pen = false;
    let seg: number | undefined;
    for (const p of s.points) {
      if (p.value === null) {
        pen = false;
        continue;
      }
      if (p.segment !== seg) pen = false;
      seg = p.segment;
      d += `${pen ? 'L' : 'M'}${fmt(x(p.year))} ${fmt(yv(p.value))}`;
      pen = true;
    }
    let g = `<g class="series" data-series="${escapeXml(s.id)}">`;
    if (d) g += `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2.5"${si > 0 ? ' stroke-dasharray="5 4"' : ''}/>`;
    for (const p of s.points) {
      if (p.value === null) continue;
      g += marker(si, x(p.year), yv(p.value), colour, ` class="mark" data-series="${escapeXml(s.id)}" data-year="${p.year}" data-value="${fmt(p.value, 2)}"${p.n !== undefined ? ` data-n="${p.n}"` : ''}`);
      if (p.n !== undefined) g += `<text class="n-label" x="${fmt(x(p.year))}" y="${fmt(yv(p.value) + 18)}" font-size="12" text-anchor="middle" fill="${colour}">n=${p.n}</text>`;
    }
    layers.push(g + '</g>');
  });
  out += layers.reverse().join('');
  return out + '</svg>';
}
