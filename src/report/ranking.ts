/**
 * The ranking of one year (`compare`) as an aligned text table or as CSV; the HTML page is
 * {@link renderIndexHtml}'s.
 *
 * @module
 */
import { csvField } from '../source/csv.js';
import type { IndexModel } from './model.js';
import { alignedTable } from './text-table.js';

/**
 * Renders the ranking as an aligned text table: rank, country, the variant ranked by, the other
 * variants and every area, with the peer average below a rule.
 */
export function rankingText(model: IndexModel): string {
  const vi = model.variants.findIndex((v) => v.id === model.variant);
  const others = model.variants.map((v, i) => ({ v, i })).filter((x) => x.i !== vi);
  const header = ['rank', 'country', 'name', model.variant, ...others.map((x) => x.v.id), ...model.areas.map((a) => a.id)];
  const rows = model.rows.map((r) => [r.rankLabel, r.country, r.name, r.variants[vi]?.display ?? '—', ...others.map((x) => r.variants[x.i]?.display ?? '—'), ...r.areas.map((a) => a.display ?? '—')]);
  rows.push(['', 'avg', model.peers.label, model.peers.variants[model.variant] ?? '—', ...others.map((x) => model.peers.variants[x.v.id] ?? '—'), ...model.areas.map((a) => model.peers.areas[a.id] ?? '—')]);
  const title = `${model.rubric.id}@${model.rubric.version} · ${model.year} · ranked by ${model.variantTitle}`;
  return [title, '', ...alignedTable([header, ...rows], { right: (i) => i < 1 || i > 2, rules: [1, rows.length] })].join('\n') + '\n';
}

/** Renders the ranking as CSV: rank, whether it is shared, country, name, year, every variant and area. */
export function rankingCsv(model: IndexModel): string {
  const header = ['rank', 'tied', 'country', 'name', 'year', ...model.variants.map((v) => v.id), ...model.areas.map((a) => a.id)];
  const rows = model.rows.map((r) => [r.rank, r.rankLabel.startsWith('=') ? 'yes' : 'no', r.country, r.name, r.year, ...r.variants.map((v) => v.display), ...r.areas.map((a) => a.display)]);
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
