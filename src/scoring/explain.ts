import type { Diagnostic } from '../diagnostics/index.js';
import { didYouMean } from '../source/suggest.js';
import type { ScoredNode, ScoreResult } from './types.js';
import { findScoredNode } from './score.js';

function allIds(n: ScoredNode, out: string[] = []): string[] {
  out.push(n.id);
  n.children.forEach((c) => allIds(c, out));
  return out;
}

const HANDLING: Record<string, string> = {
  included: 'included',
  'omitted-missing': 'left out (no score)',
  'counted-as-minimum': 'counted as the scale minimum (no score)',
  'omitted-not-applicable': 'left out (does not apply)',
  'scored-not-applicable': 'scored as declared for non-applicable questions',
  'table-input': 'decision-table input',
  'not-in-variant': 'not part of this variant',
  'label-only': 'shown for information; its indicators enter directly',
};

function fmtShare(s: string | null): string {
  if (s === null) return '—';
  const n = Number(s) * 100;
  return `${Number.isInteger(n) ? n : n.toFixed(2)}%`;
}

/** The lines of an explanation of one scored node. */
export function explainLines(node: ScoredNode): string[] {
  const lines: string[] = [];
  const score = node.status === 'scored' ? `${node.display} (exact ${node.score})` : node.status;
  lines.push(`${node.id} — ${node.title}`);
  lines.push(`  score: ${score}`);
  if (node.reason) lines.push(`  why: ${node.reason}`);
  if (node.method) lines.push(`  aggregation: ${node.method}`);
  if (node.missing) lines.push(`  parts with a score: ${node.missing.present} of ${node.missing.total} (missing-data rule: ${node.missing.policy}, minimum share ${node.missing.minShare})`);
  if (node.shareOfTop !== null) lines.push(`  share of the top score: ${fmtShare(node.shareOfTop)}`);
  if (node.matchedRow) {
    const when = Object.entries(node.matchedRow.when).map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(' or ') : String(v)}`).join(', ');
    lines.push(`  matched: ${node.matchedRow.index < 0 ? 'table default' : `row ${node.matchedRow.index + 1}`}${node.matchedRow.label ? ` "${node.matchedRow.label}"` : ''}${when ? ` (when ${when})` : ''}`);
  }
  if (node.answer) {
    const a = node.answer;
    lines.push(`  answer: ${a.status === 'answered' ? a.label : a.status}${a.value !== undefined ? ` [${Array.isArray(a.value) ? a.value.join(', ') : String(a.value)}]` : ''}`);
    if (a.matched) lines.push(`  band or rule: ${a.matched}`);
    for (const r of a.regions ?? []) lines.push(`    region ${r.region}: ${r.label} → ${r.score}`);
    for (const c of a.evidence?.citations ?? []) lines.push(`  citation: ${[c.act, c.article, c.url].filter(Boolean).join(', ')}`);
    if (a.evidence?.comment) lines.push(`  comment: ${a.evidence.comment}`);
    if (a.evidence?.status) lines.push(`  status: ${a.evidence.status}`);
    if (a.evidence?.answeredBy) lines.push(`  answered by: ${a.evidence.answeredBy}`);
    if (a.evidence?.reviewedBy) lines.push(`  reviewed by: ${a.evidence.reviewedBy}`);
    if (a.source) lines.push(`  written at: ${a.source.file}:${a.source.line}:${a.source.column}`);
  }
  if (node.children.length) {
    lines.push('  parts:');
    const width = node.children.reduce((m, c) => Math.max(m, c.id.length), -Infinity);
    for (const c of node.children) {
      const s = c.status === 'scored' ? c.display! : c.status;
      // In a sum a part's effective weight is its multiplier: shown as the factor, not as a share.
      const eff = c.effectiveWeight === null ? '' : node.method === 'sum' ? ` × ${c.effectiveWeight}` : ` × ${fmtShare(c.effectiveWeight)}`;
      lines.push(`    ${c.id.padEnd(width)}  ${s.padStart(8)}${eff}  ${HANDLING[c.handling] ?? c.handling}${c.reason && c.status !== 'scored' ? ` — ${c.reason}` : ''}`);
    }
  }
  return lines;
}

/**
 * Explains why a node has its score: the method, each part with its weight and how missing or
 * non-applicable parts were handled, the decision-table row that matched, and for a question
 * the answer with its evidence.
 *
 * @example
 * ```ts
 * import { explainScore } from 'policy-index';
 * declare const result: import('policy-index').ScoreResult;
 * const { text } = explainScore(result, 'family');
 * console.log(text);
 * ```
 */
export function explainScore(result: ScoreResult, nodeId: string): { text: string; node?: ScoredNode; diagnostics: Diagnostic[] } {
  const node = findScoredNode(result.root, nodeId);
  if (!node) {
    const hint = didYouMean(nodeId, allIds(result.root));
    return {
      text: '',
      diagnostics: [{ code: 'SCORE_NODE_UNKNOWN', severity: 'error', message: `The rubric ${result.rubric.id} has no node "${nodeId}".`, ...(hint ? { hint } : {}) }],
    };
  }
  const head = `${result.country} ${result.year} · ${result.rubric.id}@${result.rubric.version} · variant ${result.variant}`;
  return { text: [head, '', ...explainLines(node)].join('\n'), node, diagnostics: [] };
}
