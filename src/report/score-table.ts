/**
 * The `score` command's outputs: the score tree of one answer set as indented text, the table
 * of top and area scores of many, and every node of every set as CSV, JSON or JSON Lines,
 * written piece by piece ({@link scoreOutputWriter}).
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

/** The header line of the score CSV (with its line end). */
export const SCORE_CSV_HEADER = 'country,year,variant,node,kind,level,parent,status,score,display,effective_weight\n';

/** The CSV rows of one result: every variant, then every node (each line with its line end). */
export function scoreCsvRows(res: ScoreResult): string {
  const rows: string[] = [];
  for (const v of res.variants) rows.push([res.country, res.year, v.id, v.id, 'variant', 'variant', '', v.status, v.score, v.display, ''].map(csvField).join(','));
  const walk = (n: ScoredNode, parent: string) => {
    rows.push([res.country, res.year, res.variant, n.id, n.kind, n.level, parent, n.status, n.score, n.display, n.effectiveWeight].map(csvField).join(','));
    n.children.forEach((c) => walk(c, n.id));
  };
  walk(res.root, '');
  return rows.join('\n') + '\n';
}

/** The streamed outputs of `score`: one piece of text per answer set, in order. */
export type ScoreStreamFormat = 'json' | 'jsonl' | 'csv';

/**
 * The text of one answer set's entry in a streamed output: its CSV rows, its JSON Lines line,
 * or its element of the `results` array of the JSON document (indented as in the whole
 * document, without the separating comma).
 */
export function scoreEntryText(format: ScoreStreamFormat, res: ScoreResult, entry: unknown = res): string {
  if (format === 'csv') return scoreCsvRows(res);
  if (format === 'jsonl') return JSON.stringify(entry) + '\n';
  return '    ' + JSON.stringify(entry, null, 2).replace(/\n/g, '\n    ');
}

/**
 * Writes a `score` output piece by piece, the entries of {@link scoreEntryText} in order, so
 * that the whole document is never held: the JSON document `{ "results": [...], "diagnostics":
 * [...] }` comes out byte for byte as `JSON.stringify(document, null, 2)` followed by a line
 * end; CSV gets its header; JSON Lines is the entries alone.
 */
export function scoreOutputWriter(format: ScoreStreamFormat, write: (text: string) => void): { entry(text: string): void; end(diagnostics?: unknown): void } {
  let count = 0;
  return {
    entry(text) {
      if (format === 'csv' && count === 0) write(SCORE_CSV_HEADER);
      write(format !== 'json' ? text : count === 0 ? '{\n  "results": [\n' + text : ',\n' + text);
      count++;
    },
    end(diagnostics = []) {
      // CSV of no answer set: nothing at all on standard output, not even the header.
      if (format !== 'json') return;
      const list = '  "diagnostics": ' + JSON.stringify(diagnostics, null, 2).replace(/\n/g, '\n  ') + '\n}\n';
      write(count === 0 ? '{\n  "results": [],\n' + list : '\n  ],\n' + list);
    },
  };
}
