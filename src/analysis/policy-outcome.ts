/**
 * The policy–outcome view: policy values (any policy score the caller picks) beside one
 * outcome gap series, matched by country and year, with Pearson and Spearman correlations
 * and an accessible SVG scatter plot. Correlations across countries describe an
 * association; they say nothing about the effect of a policy.
 *
 * Only real countries are matched: aggregates (EU27_2020, EA19 …), regions and unknown codes
 * are left out on both sides. Pure functions, no file system.
 *
 * @module
 */
import { escapeXml } from '../source/markup.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { csvField, parseCsv } from '../source/csv.js';
import { normaliseCountryCode } from '../source/countries.js';
import { pearsonCorrelation, spearmanCorrelation } from './correlation.js';

import { byCodePoint } from '../text/order.js';

/** One policy value of one country and year (e.g. a MIPEX overall or area score). */
export interface PolicyValue {
  country: string;
  year: number;
  value: number;
}

/** One point of an outcome gap series (see `gapSeries` in the outcomes module). */
export interface OutcomeSeriesPoint {
  country: string;
  year: number;
  value: number;
}

/** Options for {@link buildPolicyOutcomeView}. */
export interface PolicyOutcomeOptions {
  /** Outcome year = policy year + lagYears (default 0: same year). */
  lagYears?: number;
  /** Only pairs whose policy year is this year. */
  policyYear?: number;
  /** Axis label of the policy values (default `Policy score`). */
  policyLabel?: string;
  /** Axis label of the outcome series (default `Outcome gap`). */
  outcomeLabel?: string;
}

/** One matched country-year. */
export interface PolicyOutcomePair {
  country: string;
  countryName?: string;
  policyYear: number;
  outcomeYear: number;
  policy: number;
  outcome: number;
}

/** A correlation coefficient with its sample size; `r` is null when it is undefined (n < 3 or no variation). */
export interface CorrelationResult {
  method: 'pearson' | 'spearman';
  r: number | null;
  n: number;
  /** Why `r` is null, when it is. */
  reason?: string;
}

/** The result of {@link buildPolicyOutcomeView}. */
export interface PolicyOutcomeView {
  readonly kind: 'policy-outcome-view';
  pairs: PolicyOutcomePair[];
  pearson: CorrelationResult;
  spearman: CorrelationResult;
  /** Always states that the figures describe an association, not an effect. */
  interpretation: string;
  policyLabel: string;
  outcomeLabel: string;
  lagYears: number;
}

/** The sentence every view carries. */
export const ASSOCIATION_NOTE =
  'Correlation across countries describes an association between policy and outcome values, not an effect of policy: both may reflect other differences between countries, and the direction of influence is unknown.';

function correlation(method: 'pearson' | 'spearman', xs: number[], ys: number[]): CorrelationResult {
  const r = method === 'pearson' ? pearsonCorrelation(xs, ys) : spearmanCorrelation(xs, ys);
  if (r !== null) return { method, r, n: xs.length };
  return { method, r: null, n: xs.length, reason: xs.length < 3 ? 'fewer than three matched countries' : 'one of the two series does not vary' };
}

/**
 * Matches policy values with an outcome gap series by country (normalised: `EL` = `GR`) and
 * year (outcome year = policy year + `lagYears`), leaving out aggregates, regions, unknown
 * codes, non-finite values and duplicate country-years (each reported as a diagnostic), and
 * computes Pearson's and Spearman's correlation with their n.
 *
 * @example
 * ```ts
 * import { buildPolicyOutcomeView } from 'policy-index';
 * const { value } = buildPolicyOutcomeView(
 *   [{ country: 'AT', year: 2019, value: 46 }, { country: 'SE', year: 2019, value: 86 }, { country: 'EL', year: 2019, value: 46 }, { country: 'EU27_2020', year: 2019, value: 50 }],
 *   [{ country: 'AT', year: 2019, value: -12.1 }, { country: 'SE', year: 2019, value: -20.4 }, { country: 'GR', year: 2019, value: -3.2 }],
 *   { policyLabel: 'MIPEX overall', outcomeLabel: 'Employment gap (pp)' },
 * );
 * value.pairs.map((p) => p.country); // ['AT', 'GR', 'SE']
 * value.pearson.n;                   // 3
 * ```
 */
export function buildPolicyOutcomeView(
  policy: readonly PolicyValue[],
  outcome: readonly OutcomeSeriesPoint[],
  options: PolicyOutcomeOptions = {},
): { value: PolicyOutcomeView; diagnostics: Diagnostic[] } {
  const lag = options.lagYears ?? 0;
  const diagnostics: Diagnostic[] = [];
  const index = (side: 'policy' | 'outcome', list: readonly (PolicyValue | OutcomeSeriesPoint)[]): Map<string, { country: string; name?: string; year: number; value: number }> => {
    const map = new Map<string, { country: string; name?: string; year: number; value: number }>();
    const apart = new Map<string, number>();
    list.forEach((p, i) => {
      const n = normaliseCountryCode(p.country);
      if (n.kind !== 'country') {
        apart.set(n.original, (apart.get(n.original) ?? 0) + 1);
        return;
      }
      if (!Number.isFinite(p.value) || !Number.isInteger(p.year)) {
        diagnostics.push({ code: 'OUTCOME_NOT_A_NUMBER', severity: 'error', message: `The ${side} entry for ${p.country} ${p.year} has no finite value or whole year; it is left out.`, file: `<${side}>`, path: [side, i] });
        return;
      }
      const key = `${n.code}\u0000${p.year}`;
      if (map.has(key)) {
        diagnostics.push({ code: 'OUTCOME_DUPLICATE_ROW', severity: 'error', message: `The ${side} values give ${n.code} ${p.year} twice; the first is used.`, file: `<${side}>`, path: [side, i] });
        return;
      }
      map.set(key, { country: n.code, ...(n.name ? { name: n.name } : {}), year: p.year, value: p.value });
    });
    for (const [code, count] of apart) {
      const kind = normaliseCountryCode(code).kind;
      diagnostics.push({
        code: 'OUTCOME_COUNTRY_CODE',
        severity: kind === 'unknown' ? 'warning' : 'info',
        message: `"${code}" is ${kind === 'aggregate' ? 'an aggregate' : kind === 'region' ? 'a region' : 'not a known country code'}; its ${count} ${side} value${count === 1 ? ' is' : 's are'} not matched.`,
        file: `<${side}>`,
        actual: code,
      });
    }
    return map;
  };
  const policyIndex = index('policy', policy);
  const outcomeIndex = index('outcome', outcome);
  const pairs: PolicyOutcomePair[] = [];
  for (const p of policyIndex.values()) {
    if (options.policyYear !== undefined && p.year !== options.policyYear) continue;
    const o = outcomeIndex.get(`${p.country}\u0000${p.year + lag}`);
    if (!o) continue;
    pairs.push({ country: p.country, ...(p.name ? { countryName: p.name } : {}), policyYear: p.year, outcomeYear: o.year, policy: p.value, outcome: o.value });
  }
  pairs.sort((a, b) => byCodePoint(a.country, b.country) || a.policyYear - b.policyYear);
  const xs = pairs.map((p) => p.policy);
  const ys = pairs.map((p) => p.outcome);
  return {
    value: {
      kind: 'policy-outcome-view',
      pairs,
      pearson: correlation('pearson', xs, ys),
      spearman: correlation('spearman', xs, ys),
      interpretation: ASSOCIATION_NOTE,
      policyLabel: options.policyLabel ?? 'Policy score',
      outcomeLabel: options.outcomeLabel ?? 'Outcome gap',
      lagYears: lag,
    },
    diagnostics,
  };
}

/**
 * Reads policy values from CSV text with columns `country`, `year`, `value` (case-insensitive),
 * reporting problems with line and column.
 *
 * @example
 * ```ts
 * import { parsePolicyValuesCsv } from './policy-outcome.js';
 * parsePolicyValuesCsv('country,year,value\nAT,2019,46\n', 'mipex.csv').value; // [{ country: 'AT', year: 2019, value: 46 }]
 * ```
 */
export function parsePolicyValuesCsv(text: string, file = '<policy>'): { value?: PolicyValue[]; diagnostics: Diagnostic[] } {
  const { value: doc, diagnostics } = parseCsv(text, { file });
  const names = (doc.header?.fields ?? []).map((f) => f.value.trim().toLowerCase());
  const col = { country: names.indexOf('country'), year: names.indexOf('year'), value: names.indexOf('value') };
  for (const [name, i] of Object.entries(col)) {
    if (i < 0) diagnostics.push({ code: 'CSV_MISSING_COLUMN', severity: 'error', message: `The policy values need a "${name}" column.`, file, line: 1, column: 1, expected: name });
  }
  if (col.country < 0 || col.year < 0 || col.value < 0) return { diagnostics };
  const out: PolicyValue[] = [];
  for (const record of doc.records) {
    const country = record.fields[col.country];
    const year = record.fields[col.year];
    const value = record.fields[col.value];
    if (!country || !year || !value) continue;
    if (value.value.trim() === '') continue;
    if (!/^\d{4}$/.test(year.value.trim())) {
      diagnostics.push({ code: 'OUTCOME_NOT_A_NUMBER', severity: 'error', message: `The year ${JSON.stringify(year.value)} is not a four-digit year.`, file, line: year.line, column: year.column });
      continue;
    }
    const v = value.value.trim();
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v)) {
      diagnostics.push({ code: 'OUTCOME_NOT_A_NUMBER', severity: 'error', message: `The value ${JSON.stringify(value.value)} is not a number.`, file, line: value.line, column: value.column });
      continue;
    }
    out.push({ country: country.value.trim(), year: Number(year.value), value: Number(v) });
  }
  return { value: out, diagnostics };
}


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
