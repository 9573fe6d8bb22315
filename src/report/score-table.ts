/**
 * The `score` command's outputs: the score tree of one answer set as indented text, the table
 * of top and area scores of many, and every node of every set as CSV.
 *
 * @module
 */
import type { Rubric } from '../rubric/types.js';
import type { ScoredNode, ScoreResult } from '../scoring/types.js';
import { csvField } from '../source/csv.js';
import { alignedTable } from './text-table.js';

/**
 * Renders a score tree as indented text: the unit, every variant's score (the one carried by
 * the root marked `*`), then every node with its score, effective weight, handling and answer.
 */
export function renderScoreTree(result: ScoreResult): string {
  const lines: string[] = [];
  lines.push(`${result.country} ${result.year} · ${result.rubric.id}@${result.rubric.version}`);
  for (const v of result.variants) lines.push(`  ${v.id === result.variant ? '*' : ' '} ${v.title}: ${v.display ?? '—'}${v.reason && v.status !== 'scored' ? ` (${v.reason})` : ''}`);
  lines.push('');
  const walk = (n: ScoredNode, depth: number) => {
    const score = n.status === 'scored' ? n.display! : n.status === 'missing' ? '—' : 'n/a';
    const weight = n.effectiveWeight !== null && depth > 0 ? ` ×${(Number(n.effectiveWeight) * 100).toFixed(1)}%` : '';
    const ans = !n.answer ? '' : n.answer.status === 'answered' ? `  ← ${n.answer.label}` : `  ← ${n.answer.status}`;
    const note = n.handling !== 'included' && depth > 0 ? ` [${n.handling}]` : '';
    lines.push(`${'  '.repeat(depth)}${n.id}  ${n.title}: ${score}${weight}${note}${n.method && n.kind !== 'question' ? `  (${n.matchedRow ? n.reason : n.method})` : ''}${ans}`);
    n.children.forEach((c) => walk(c, depth + 1));
  };
  walk(result.root, 0);
  return lines.join('\n');
}

/**
 * Renders the scores of many answer sets as an aligned table: country, year, every variant and
 * every area, one row of cells (in that order) per set.
 */
export function scoreTableText(rubric: Rubric, rows: readonly (readonly string[])[]): string {
  const header = ['country', 'year', ...rubric.variants.map((v) => v.id), ...rubric.root.children.map((a) => a.id)];
  return alignedTable([header, ...rows], { right: (i) => i >= 2 }).join('\n') + '\n';
}

/** Renders every variant and node of every result as CSV, one row each. */
export function scoreCsv(results: readonly ScoreResult[]): string {
  const rows = ['country,year,variant,node,kind,level,parent,status,score,display,effective_weight'];
  for (const res of results) {
    for (const v of res.variants) rows.push([res.country, res.year, v.id, v.id, 'variant', 'variant', '', v.status, v.score, v.display, ''].map(csvField).join(','));
    const walk = (n: ScoredNode, parent: string) => {
      rows.push([res.country, res.year, res.variant, n.id, n.kind, n.level, parent, n.status, n.score, n.display, n.effectiveWeight].map(csvField).join(','));
      n.children.forEach((c) => walk(c, n.id));
    };
    walk(res.root, '');
  }
  return rows.join('\n') + '\n';
}
