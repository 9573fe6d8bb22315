/**
 * The policy–outcome view (see `buildPolicyOutcomeView`) as an accessible SVG scatter plot, as
 * plain text and as CSV. Every text states that the correlations describe an association.
 *
 * @module
 */
import type { PolicyOutcomeView } from '../analysis/policy-outcome.js';
import { csvField } from '../source/csv.js';
import { escapeXml } from '../source/markup.js';

function niceTicks(min: number, max: number, count = 5): number[] {
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.floor(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toFixed(10)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks[ticks.length - 1]! + step).toFixed(10)));
  return ticks;
}

/** Options for {@link renderPolicyOutcomeSvg}. */
export interface PolicyOutcomeSvgOptions {
  width?: number;
  height?: number;
  /** Title of the chart (default: "<outcome label> against <policy label>"). */
  title?: string;
}

function fmt(r: number | null): string {
  return r === null ? 'undefined' : r.toFixed(2);
}

/**
 * Renders the view as a self-contained SVG scatter plot: `<title>` and `<desc>` (referenced by
 * `aria-labelledby`) that state the correlations and that they describe an association, axis
 * labels and ticks, one labelled point per matched country-year, a zero line for the gap when
 * zero is in range. All text is XML-escaped.
 *
 * @example
 * ```ts
 * import { buildPolicyOutcomeView, renderPolicyOutcomeSvg } from 'policy-index';
 * const { value } = buildPolicyOutcomeView(
 *   [{ country: 'AT', year: 2019, value: 46 }, { country: 'SE', year: 2019, value: 86 }, { country: 'PT', year: 2019, value: 81 }],
 *   [{ country: 'AT', year: 2019, value: -12 }, { country: 'SE', year: 2019, value: -20 }, { country: 'PT', year: 2019, value: 2 }],
 * );
 * const svg = renderPolicyOutcomeSvg(value);
 * svg.startsWith('<svg'); // true
 * svg.includes('<title id="policy-outcome-title">'); // true
 * ```
 */
export function renderPolicyOutcomeSvg(view: PolicyOutcomeView, options: PolicyOutcomeSvgOptions = {}): string {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const m = { left: 72, right: 24, top: 48, bottom: 64 };
  const title = options.title ?? `${view.outcomeLabel} against ${view.policyLabel}`;
  const desc =
    `Scatter plot of ${view.pairs.length} matched country-year${view.pairs.length === 1 ? '' : 's'}` +
    `${view.lagYears ? ` (outcome ${view.lagYears} year${view.lagYears === 1 ? '' : 's'} after policy)` : ''}. ` +
    `Pearson r = ${fmt(view.pearson.r)}, Spearman rho = ${fmt(view.spearman.r)}, n = ${view.pearson.n}. ${view.interpretation}`;
  const xs = view.pairs.map((p) => p.policy);
  const ys = view.pairs.map((p) => p.outcome);
  const xt = niceTicks(xs.length ? xs.reduce((a, b) => Math.min(a, b)) : 0, xs.length ? xs.reduce((a, b) => Math.max(a, b)) : 100);
  const yt = niceTicks(ys.length ? ys.reduce((a, b) => Math.min(a, b)) : 0, ys.length ? ys.reduce((a, b) => Math.max(a, b)) : 1);
  const [x0, x1] = [xt[0]!, xt[xt.length - 1]!];
  const [y0, y1] = [yt[0]!, yt[yt.length - 1]!];
  const px = (v: number): number => m.left + ((v - x0) / (x1 - x0)) * (width - m.left - m.right);
  const py = (v: number): number => height - m.bottom - ((v - y0) / (y1 - y0)) * (height - m.top - m.bottom);
  const r2 = (v: number): string => String(Math.round(v * 100) / 100);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="policy-outcome-title policy-outcome-desc" font-family="sans-serif" font-size="12">`,
    `<title id="policy-outcome-title">${escapeXml(title)}</title>`,
    `<desc id="policy-outcome-desc">${escapeXml(desc)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
  );
  out.push('<g stroke="#ddd" stroke-width="1">');
  for (const t of xt) out.push(`<line x1="${r2(px(t))}" y1="${m.top}" x2="${r2(px(t))}" y2="${height - m.bottom}"/>`);
  for (const t of yt) out.push(`<line x1="${m.left}" y1="${r2(py(t))}" x2="${width - m.right}" y2="${r2(py(t))}"/>`);
  out.push('</g>');
  if (y0 < 0 && y1 > 0) out.push(`<line x1="${m.left}" y1="${r2(py(0))}" x2="${width - m.right}" y2="${r2(py(0))}" stroke="#888" stroke-dasharray="4 3"/>`);
  out.push(`<g stroke="#333"><line x1="${m.left}" y1="${height - m.bottom}" x2="${width - m.right}" y2="${height - m.bottom}"/><line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${height - m.bottom}"/></g>`);
  out.push('<g fill="#333">');
  for (const t of xt) out.push(`<text x="${r2(px(t))}" y="${height - m.bottom + 16}" text-anchor="middle">${escapeXml(String(t))}</text>`);
  for (const t of yt) out.push(`<text x="${m.left - 6}" y="${r2(py(t) + 4)}" text-anchor="end">${escapeXml(String(t))}</text>`);
  out.push('</g>');
  out.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - 20}" text-anchor="middle">${escapeXml(view.policyLabel)}</text>`);
  out.push(`<text transform="translate(18 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(view.outcomeLabel)}</text>`);
  out.push('<g>');
  for (const p of view.pairs) {
    const label = view.pairs.some((q) => q !== p && q.country === p.country) ? `${p.country} ${p.policyYear}` : p.country;
    out.push(
      `<g><title>${escapeXml(`${p.countryName ?? p.country} (${p.policyYear}${p.outcomeYear !== p.policyYear ? `/${p.outcomeYear}` : ''}): ${view.policyLabel} ${p.policy}, ${view.outcomeLabel} ${p.outcome}`)}</title>` +
        `<circle cx="${r2(px(p.policy))}" cy="${r2(py(p.outcome))}" r="4" fill="#1f6fb2" fill-opacity="0.8"/>` +
        `<text x="${r2(px(p.policy) + 6)}" y="${r2(py(p.outcome) - 6)}" font-size="10" fill="#222">${escapeXml(label)}</text></g>`,
    );
  }
  out.push('</g>');
  out.push(`<text x="${width - m.right}" y="${m.top - 8}" text-anchor="end" font-size="11" fill="#555">${escapeXml(`Pearson r = ${fmt(view.pearson.r)} · Spearman ρ = ${fmt(view.spearman.r)} · n = ${view.pearson.n} · association, not effect`)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/**
 * Renders the matched pairs and correlations as plain text (or the pairs as CSV).
 *
 * @example
 * ```ts
 * import { buildPolicyOutcomeView, renderPolicyOutcomeText } from 'policy-index';
 * const { value } = buildPolicyOutcomeView([{ country: 'AT', year: 2019, value: 46 }], [{ country: 'AT', year: 2019, value: -12 }]);
 * renderPolicyOutcomeText(value).includes('not an effect'); // true
 * ```
 */
export function renderPolicyOutcomeText(view: PolicyOutcomeView, format: 'text' | 'csv' = 'text'): string {
  if (format === 'csv') {
    return ['country,policy_year,outcome_year,policy,outcome', ...view.pairs.map((p) => [p.country, p.policyYear, p.outcomeYear, p.policy, p.outcome].map(csvField).join(','))].join('\n') + '\n';
  }
  const lines = [`${view.outcomeLabel} against ${view.policyLabel}`, ''];
  const w = view.pairs.reduce((m, p) => Math.max(m, p.country.length), 7);
  lines.push(`${'country'.padEnd(w)}  year  ${'policy'.padStart(10)}  ${'outcome'.padStart(10)}`);
  for (const p of view.pairs) lines.push(`${p.country.padEnd(w)}  ${p.policyYear}  ${p.policy.toFixed(2).padStart(10)}  ${String(p.outcome).padStart(10)}`);
  lines.push('', `Pearson r = ${fmt(view.pearson.r)} (n = ${view.pearson.n})${view.pearson.reason ? ` — ${view.pearson.reason}` : ''}`);
  lines.push(`Spearman rho = ${fmt(view.spearman.r)} (n = ${view.spearman.n})${view.spearman.reason ? ` — ${view.spearman.reason}` : ''}`);
  lines.push('', view.interpretation);
  return lines.join('\n') + '\n';
}
