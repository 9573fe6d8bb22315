/**
 * Renderers of a statistical audit ({@link AuditResult}): aligned text, one long CSV table, JSON
 * and a self-contained HTML page with a correlation heat map for every group of the tree and the
 * flags in words. Displayed figures are the exact decimal values of the floats, rounded once.
 *
 * The CSV is one long table with the columns `section,node,other,unit,measure,value,note`:
 *
 * | section | node | other | unit | measure | value |
 * | --- | --- | --- | --- | --- | --- |
 * | `statistics` | node | | | `count`, `missing`, `not_applicable`, `availability`, `min`, `max`, `mean`, `median`, `sd`, `skewness`, `kurtosis`, `share_at_min`, `share_at_max`, `distinct`, `mode_share` | the figure |
 * | `with-parent`, `with-index` | node | parent or index id | | `pearson`, `spearman`, `pairs` | the figure |
 * | `siblings` | first child | second child | | `pearson`, `spearman`, `pairs` | the figure (`note`: the group) |
 * | `group` | group | | | `alpha`, `children`, `mean_availability`, `min_availability`, `pca_cases`, `components_above_one` | the figure |
 * | `eigenvalue` | group | | | `1`, `2`, … | the eigenvalue (`note`: its share of the variance) |
 * | `loading` | group | child | | `first_component` | the loading |
 * | `unit-availability` | | | unit | `available`, `total`, `availability` | the figure |
 * | `group-availability` | group | | unit | `availability` | the figure |
 * | `flag` | node | other node | unit | the flag's kind | its figure (`note`: the flag in words) |
 *
 * Figures are rounded to 6 decimals; an empty `value` is a figure that does not exist (e.g. a
 * correlation of a node that does not vary).
 *
 * @module
 */
import type { AuditResult, CorrelationFigure, GroupAudit } from '../analysis/audit/audit.js';
import { csvField } from '../source/csv.js';
import { escapeXml } from '../source/markup.js';
import { escapeHtml } from './escape.js';
import { htmlPage } from './page.js';
import { roundFigure } from './robustness.js';
import { fmt } from './svg.js';
import { alignedTable } from './text-table.js';

/** Two decimals, never `-0.00`. */
const f2 = (x: number | null | undefined) => roundFigure(x, 2).replace(/^-(0\.0+)$/, '$1');
const share = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${roundFigure(x * 100, 0)} %`);

function heading(a: AuditResult): string {
  return `Statistical audit · ${a.rubric.title} · ${a.year} · variant ${a.variant} · level ${a.level} · ${a.units.length} ${a.units.length === 1 ? 'unit' : 'units'}`;
}

function statisticsRows(a: AuditResult): string[][] {
  return [
    ['node', 'level', 'n', 'avail.', 'min', 'max', 'mean', 'median', 'sd', 'skew', 'kurt', 'at min', 'at max', 'distinct', 'flags'],
    ...a.nodes.map((n) => [`${'  '.repeat(n.depth)}${n.id}`, n.level, String(n.count), share(n.availability), f2(n.min), f2(n.max), f2(n.mean), f2(n.median), f2(n.sd), f2(n.skewness), f2(n.kurtosis), share(n.shareAtMin), share(n.shareAtMax), String(n.distinct), n.flags.join(', ')]),
  ];
}

function correlationRows(a: AuditResult): string[][] {
  const depth = new Map(a.nodes.map((n) => [n.id, n.depth]));
  return [
    ['node', 'parent', 'r parent', 'ρ parent', 'r index', 'ρ index', 'pairs', 'flags'],
    ...a.correlations.filter((c) => c.parent !== null).map((c) => [`${'  '.repeat(depth.get(c.id) ?? 0)}${c.id}`, c.parent!, f2(c.withParent?.pearson), f2(c.withParent?.spearman), f2(c.withIndex?.pearson), f2(c.withIndex?.spearman), String(c.withParent?.pairs ?? 0), c.flags.join(', ')]),
  ];
}

function groupRows(a: AuditResult): string[][] {
  return [
    ['group', 'children', 'alpha', 'mean avail.', 'min avail.', 'PCA cases', 'eigenvalues', '1st share', 'λ > 1'],
    ...a.groups.map((g) => [g.id, String(g.children.length), f2(g.alpha), share(g.meanAvailability), share(g.minAvailability), g.pca ? String(g.pca.cases) : '—', g.pca ? g.pca.eigenvalues.map(f2).join(' ') : '—', share(g.pca?.shares[0]), g.pca ? String(g.pca.aboveOne) : '—']),
  ];
}

/** What the numbers mean, in a few sentences (text and HTML). */
function keyLines(a: AuditResult): string[] {
  return [
    `Scale ${a.scale.min}–${a.scale.max}. sd: sample standard deviation; skew and kurt: adjusted sample skewness and excess kurtosis; at min / at max: share of the units at the scale's ends; avail.: share of the units with a score among those the node applies to.`,
    `r: Pearson, ρ: Spearman, over the units where both are present. alpha: Cronbach's alpha from pairwise-complete covariances. Eigenvalues: principal components of the children's correlation matrix over the units with every child present; loadings: each child's correlation with the first component (largest positive).`,
    `Thresholds: availability ${share(a.thresholds.availability)}, weak correlation with the parent < ${a.thresholds.weakCorrelation}, redundant siblings > ${a.thresholds.redundantCorrelation}, near-constant when one value has ≥ ${share(a.thresholds.nearConstantShare)} of the units, skewed when |skew| > ${a.thresholds.skewness} and kurt > ${a.thresholds.kurtosis}.`,
  ];
}

/**
 * An audit as aligned text tables: flags in words, statistics, correlations with the parent and
 * the index, groups (alpha, principal components, loadings), sibling correlations and
 * availability by unit.
 *
 * @example
 * ```ts
 * import { auditText, type AuditResult } from 'policy-index';
 * declare const audit: AuditResult;
 * console.log(auditText(audit));
 * ```
 */
export function auditText(a: AuditResult): string {
  const right = (first: number, last: number) => (i: number) => i >= first && i <= last;
  // Blocks of lines, joined at the end (no array is spread into a call).
  const out: (string | string[])[] = [heading(a), '', keyLines(a), ''];
  out.push(`Flags (${a.flags.length}):`, a.flags.length ? a.flags.map((f) => `  - ${f.message}`) : ['  none'], '');
  out.push('Statistics', alignedTable(statisticsRows(a), { right: right(2, 13) }), '');
  if (a.correlations.some((c) => c.parent !== null)) out.push('Correlations with the parent and the index', alignedTable(correlationRows(a), { right: right(2, 6) }), '');
  if (a.groups.length) {
    out.push('Groups', alignedTable(groupRows(a), { right: right(1, 8) }), '');
    out.push('Loadings on the first component');
    for (const g of a.groups) if (g.pca) out.push(`  ${g.id}: ${g.pca.variables.map((v, i) => `${v} ${f2(g.pca!.loadings[i])}`).join(', ')}${g.pca.excluded.length ? ` (left out, constant: ${g.pca.excluded.join(', ')})` : ''}`);
    out.push('', 'Correlations between siblings (Pearson, lower triangle)');
    for (const g of a.groups) {
      if (g.children.length < 2) continue;
      const r = siblingMatrix(a, g);
      const rows = [['', ...g.children], ...g.children.map((c, i) => [c, ...g.children.map((_, j) => (j < i ? f2(r[i]![j]!.pearson) : j === i ? '1' : ''))])];
      out.push(`  ${g.id}`, alignedTable(rows, { right: (i) => i > 0 }).map((l) => `    ${l}`));
    }
    out.push('');
  }
  const below = a.availability.filter((u) => u.below).map((u) => u.unit);
  out.push(`Data availability by unit (data points: ${a.dataPoints === 'questions' ? 'the questions' : `the ${a.dataPoints} nodes`}; below ${share(a.thresholds.availability)}: ${below.length ? below.join(', ') : 'none'})`);
  out.push(alignedTable([['unit', 'available', 'total', 'share'], ...a.availability.map((u) => [u.unit, String(u.available), String(u.total), share(u.availability)])], { right: (i) => i > 0 }));
  return out.flat().join('\n') + '\n';
}

/** The sibling correlations of a group as a matrix (rows and columns in `children` order). */
function siblingMatrix(a: AuditResult, g: GroupAudit): CorrelationFigure[][] {
  const at = new Map(g.children.map((c, i) => [c, i]));
  const empty: CorrelationFigure = { pearson: null, spearman: null, pairs: 0 };
  const m = g.children.map(() => g.children.map(() => empty));
  for (const s of a.siblings) {
    if (s.group !== g.id) continue;
    const i = at.get(s.a)!;
    const j = at.get(s.b)!;
    m[i]![j] = s;
    m[j]![i] = s;
  }
  return m;
}

/**
 * An audit as one long CSV table (see the module text for its columns and rows).
 *
 * @example
 * ```ts
 * import { auditCsv, type AuditResult } from 'policy-index';
 * declare const audit: AuditResult;
 * const csv = auditCsv(audit); // section,node,other,unit,measure,value,note
 * ```
 */
export function auditCsv(a: AuditResult): string {
  const rows: string[][] = [['section', 'node', 'other', 'unit', 'measure', 'value', 'note']];
  const num = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '' : roundFigure(x, 6).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '').replace(/^-0$/, '0'));
  const add = (section: string, node: string, other: string, unit: string, measure: string, value: number | null | undefined, note = '') => rows.push([section, node, other, unit, measure, num(value), note]);
  for (const n of a.nodes) {
    const stats: [string, number | null][] = [
      ['count', n.count], ['missing', n.missing], ['not_applicable', n.notApplicable], ['availability', n.availability], ['min', n.min], ['max', n.max], ['mean', n.mean], ['median', n.median], ['sd', n.sd],
      ['skewness', n.skewness], ['kurtosis', n.kurtosis], ['share_at_min', n.shareAtMin], ['share_at_max', n.shareAtMax], ['distinct', n.distinct], ['mode_share', n.modeShare],
    ];
    for (const [m, v] of stats) add('statistics', n.id, '', '', m, v);
  }
  const root = a.rubric.id;
  for (const c of a.correlations) {
    for (const [section, other, fig] of [['with-parent', c.parent, c.withParent], ['with-index', root, c.withIndex]] as const) {
      if (!fig || other === null) continue;
      add(section, c.id, other, '', 'pearson', fig.pearson);
      add(section, c.id, other, '', 'spearman', fig.spearman);
      add(section, c.id, other, '', 'pairs', fig.pairs);
    }
  }
  for (const s of a.siblings) {
    add('siblings', s.a, s.b, '', 'pearson', s.pearson, s.group);
    add('siblings', s.a, s.b, '', 'spearman', s.spearman, s.group);
    add('siblings', s.a, s.b, '', 'pairs', s.pairs, s.group);
  }
  for (const g of a.groups) {
    add('group', g.id, '', '', 'alpha', g.alpha);
    add('group', g.id, '', '', 'children', g.children.length);
    add('group', g.id, '', '', 'mean_availability', g.meanAvailability);
    add('group', g.id, '', '', 'min_availability', g.minAvailability);
    if (g.pca) {
      add('group', g.id, '', '', 'pca_cases', g.pca.cases);
      add('group', g.id, '', '', 'components_above_one', g.pca.aboveOne);
      g.pca.eigenvalues.forEach((v, i) => add('eigenvalue', g.id, '', '', String(i + 1), v, num(g.pca!.shares[i])));
      g.pca.variables.forEach((v, i) => add('loading', g.id, v, '', 'first_component', g.pca!.loadings[i]));
    }
  }
  for (const u of a.availability) {
    add('unit-availability', '', '', u.unit, 'available', u.available);
    add('unit-availability', '', '', u.unit, 'total', u.total);
    add('unit-availability', '', '', u.unit, 'availability', u.availability);
  }
  for (const g of a.groups) g.availability.forEach((x, i) => add('group-availability', g.id, '', a.units[i]!, 'availability', x));
  for (const fl of a.flags) add('flag', fl.node ?? '', fl.other ?? '', fl.unit ?? '', fl.kind, fl.value, fl.message);
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/**
 * An audit as JSON: the {@link AuditResult} as it is, two-space indented (a stable shape:
 * fields are added, never renamed).
 *
 * @example
 * ```ts
 * import { auditJson, type AuditResult } from 'policy-index';
 * declare const audit: AuditResult;
 * JSON.parse(auditJson(audit)).groups; // alpha and principal components of each group
 * ```
 */
export function auditJson(a: AuditResult): string {
  return JSON.stringify(a, null, 2) + '\n';
}

const AUDIT_STYLE =
  'body{font:14px system-ui,sans-serif;margin:2rem;color:#222;max-width:72rem}svg text{font-size:11px}table{border-collapse:collapse;margin-bottom:1.5rem}td,th{padding:2px 8px;text-align:right}td:first-child,th:first-child{text-align:left}tbody tr:nth-child(odd){background:#f4f6f8}.key{color:#555}.flags li{margin:2px 0}.group{display:inline-block;vertical-align:top;margin:0 1.5rem 1.5rem 0}.group h3{font-size:14px;margin:0 0 4px}';

/** The fill of a correlation cell: blue for positive, vermillion for negative (Okabe–Ito), stronger for larger |r|. */
function cellFill(r: number | null): string {
  if (r === null) return '#ffffff';
  const mix = (hex: string) => {
    const c = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
    const w = Math.min(1, Math.abs(r));
    return `#${c.map((x) => Math.round(255 + (x - 255) * w).toString(16).padStart(2, '0')).join('')}`;
  };
  return r >= 0 ? mix('#0072B2') : mix('#D55E00');
}

/** A group's heat map: its children × (its children, the group, the index). */
function groupHeatMap(a: AuditResult, g: GroupAudit, indexId: string): string {
  const r = siblingMatrix(a, g);
  const corr = new Map(a.correlations.map((c) => [c.id, c]));
  const cols = [...g.children, g.id, ...(g.id === indexId ? [] : [indexId])];
  const size = 30;
  const left = Math.min(120, 14 + 7 * g.children.reduce((m, c) => Math.max(m, c.length), 4));
  const label = (c: string) => (c === indexId ? 'index' : c);
  const top = 16 + Math.ceil(6 * cols.reduce((m, c) => Math.max(m, label(c).length), 4) * 0.87);
  const width = left + cols.length * size + 10 + Math.ceil(3 * label(cols[cols.length - 1]!).length);
  const height = top + g.children.length * size + 10;
  const id = `heat-${g.id}`;
  const cells: string[] = [];
  g.children.forEach((row, i) => {
    cols.forEach((col, j) => {
      const figure: CorrelationFigure | null | undefined = j < g.children.length ? (i === j ? { pearson: 1, spearman: 1, pairs: 0 } : r[i]![j]) : col === g.id ? corr.get(row)?.withParent : corr.get(row)?.withIndex;
      const p = figure?.pearson ?? null;
      const x = left + j * size;
      const y = top + i * size;
      const words = i === j && j < g.children.length ? `${row}` : `${row} with ${col}: Pearson ${f2(p)}, Spearman ${f2(figure?.spearman)}, ${figure?.pairs ?? 0} units`;
      const dark = p !== null && Math.abs(p) > 0.6;
      cells.push(
        `<g data-row="${escapeXml(row)}" data-col="${escapeXml(col)}"><title>${escapeXml(words)}</title><rect x="${fmt(x)}" y="${fmt(y)}" width="${size - 1}" height="${size - 1}" fill="${i === j && j < g.children.length ? '#dddddd' : cellFill(p)}" stroke="#ffffff"/>` +
          `<text x="${fmt(x + size / 2 - 0.5)}" y="${fmt(y + size / 2 + 3.5)}" text-anchor="middle" fill="${dark ? '#ffffff' : '#222222'}">${i === j && j < g.children.length ? '' : p === null ? '—' : escapeXml(f2(p).replace(/^(-?)0\./, '$1.'))}</text></g>`,
      );
    });
  });
  const colLabels = cols.map((c, j) => `<text transform="translate(${fmt(left + j * size + size / 2 + 3)} ${top - 6}) rotate(-60)">${escapeXml(label(c))}</text>`);
  const rowLabels = g.children.map((c, i) => `<text x="${left - 6}" y="${fmt(top + i * size + size / 2 + 4)}" text-anchor="end">${escapeXml(c)}</text>`);
  const sep = `<line x1="${fmt(left + g.children.length * size - 0.5)}" x2="${fmt(left + g.children.length * size - 0.5)}" y1="${top - 2}" y2="${top + g.children.length * size}" stroke="#222" stroke-width="1.5"/>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-heat" id="${escapeXml(id)}" role="img" aria-labelledby="${escapeXml(id)}-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
    `<title id="${escapeXml(id)}-title">${escapeXml(`Correlations of the children of ${g.title} (${g.id}) with each other, with ${g.id} and with the index`)}</title>` +
    colLabels.join('') + rowLabels.join('') + cells.join('') + sep + '</svg>'
  );
}

/**
 * An audit as a self-contained HTML page: the flags in words, a correlation heat map for every
 * group of the tree (children with each other, with the group and with the index), the groups'
 * alpha and principal components, the statistics and the availability by unit.
 *
 * @example
 * ```ts
 * import { auditHtml, type AuditResult } from 'policy-index';
 * declare const audit: AuditResult;
 * const page = auditHtml(audit);
 * ```
 */
export function auditHtml(a: AuditResult): string {
  const table = (rows: string[][], cls = '') => `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${rows[0]!.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${rows.slice(1).map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const plainTitle = heading(a);
  const flags = a.flags.length ? `<ul class="flags">${a.flags.map((f) => `<li data-flag="${escapeHtml(f.kind)}">${escapeHtml(f.message)}</li>`).join('')}</ul>` : '<p>No flags.</p>';
  const maps = a.groups.filter((g) => g.children.length >= 1).map((g) => `<div class="group"><h3>${escapeHtml(`${g.title} (${g.id})`)}</h3>${groupHeatMap(a, g, a.rubric.id)}<div class="key">alpha ${escapeHtml(f2(g.alpha))}${g.pca ? ` · first component ${escapeHtml(share(g.pca.shares[0]))} of the variance · ${g.pca.aboveOne} with λ > 1` : ''}</div></div>`);
  const loadings = [['group', 'loadings on the first component'], ...a.groups.filter((g) => g.pca).map((g) => [g.id, g.pca!.variables.map((v, i) => `${v} ${f2(g.pca!.loadings[i])}`).join(', ')])];
  const below = a.availability.filter((u) => u.below).map((u) => u.unit);
  return htmlPage(
    { title: plainTitle, style: AUDIT_STYLE, lines: true },
    `<h1>${escapeHtml(plainTitle)}</h1>
${keyLines(a).map((l) => `<p class="key">${escapeHtml(l)}</p>`).join('\n')}
<h2>Flags</h2>
${flags}
<h2>Correlations over the tree</h2>
<p class="key">One map per group: its children with each other (left of the line), with the group and with the index (right of it). Blue: positive, vermillion: negative; the stronger the colour, the larger |r| (Pearson). Hover a cell for Spearman's ρ and the number of units.</p>
${maps.join('\n')}
<h2>Groups</h2>
${table(groupRows(a))}
${table(loadings)}
<h2>Statistics</h2>
${table(statisticsRows(a))}
${a.correlations.some((c) => c.parent !== null) ? `<h2>Correlations with the parent and the index</h2>\n${table(correlationRows(a))}` : ''}
<h2>Data availability by unit</h2>
<p class="key">Data points: ${escapeHtml(a.dataPoints === 'questions' ? 'the questions' : `the ${a.dataPoints} nodes`)}. Below ${escapeHtml(share(a.thresholds.availability))}: ${escapeHtml(below.length ? below.join(', ') : 'none')}.</p>
${table([['unit', 'available', 'total', 'share'], ...a.availability.map((u) => [u.unit, String(u.available), String(u.total), share(u.availability)])])}
`,
  );
}
