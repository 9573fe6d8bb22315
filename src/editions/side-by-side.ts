/**
 * Two or more units side by side: every node of the rubric with each unit's exact score, display
 * score and answer, and each unit's exact difference from the first unit.
 *
 * @module
 */
import { exactString, sub } from '../exact/index.js';
import type { Rubric, RubricNode } from '../rubric/types.js';
import { findScoredNode } from '../scoring/score.js';
import type { Figure, ScoreResult } from '../scoring/types.js';
import { exactScore } from '../scoring/exact-value.js';

/** One unit's cell of a side-by-side row. */
export interface SideBySideCell extends Pick<Figure, 'score' | 'display'> {
  /** The answer in words, for questions. */
  answer?: string;
  /** `score − first unit's score` from the exact scores (60 significant digits, like a score), or null when either has no score (always null for the first unit). */
  difference: string | null;
}

/** One node of the side-by-side table. */
export interface SideBySideRow {
  id: string;
  title: string;
  level: string;
  depth: number;
  cells: SideBySideCell[];
}

/** A side-by-side comparison. */
export interface SideBySide {
  units: { country: string; year: number }[];
  variant: string;
  rows: SideBySideRow[];
}

/**
 * Builds the side-by-side table of `results` (one result per unit, scored with `rubric`); the
 * first result is the reference for the differences.
 *
 * @example
 * ```ts
 * import { sideBySide, scoreAnswerSet, type AnswerSet, type Rubric } from 'policy-index';
 * declare const rubric: Rubric, se: AnswerSet, de: AnswerSet;
 * const table = sideBySide(rubric, [scoreAnswerSet(rubric, se), scoreAnswerSet(rubric, de)]);
 * table.rows[0]!.cells[1]!.difference; // DE − SE at the top, exact
 * ```
 */
export function sideBySide(rubric: Rubric, results: readonly ScoreResult[]): SideBySide {
  const rows: SideBySideRow[] = [];
  const walk = (n: RubricNode, depth: number) => {
    const nodes = results.map((r) => findScoredNode(r.root, n.id));
    const first = nodes[0];
    rows.push({
      id: n.id,
      title: n.title,
      level: n.level,
      depth,
      cells: nodes.map((s, i) => {
        const score = s && s.status === 'scored' ? s.score : null;
        const answer = s?.answer ? (s.answer.status === 'answered' ? (s.answer.label ?? '') : s.answer.status.replace(/-/g, ' ')) : undefined;
        // From the scorer's exact values, never from the rounded score strings.
        const a = i > 0 && s && s.status === 'scored' ? exactScore(s) : null;
        const b = a !== null && first && first.status === 'scored' ? exactScore(first) : null;
        const diff = a !== null && b !== null ? exactString(sub(a, b)) : null;
        return { score, display: s && s.status === 'scored' ? s.display : null, ...(answer !== undefined ? { answer } : {}), difference: diff };
      }),
    });
    n.children.forEach((c) => walk(c, depth + 1));
  };
  walk(rubric.root, 0);
  return { units: results.map((r) => ({ country: r.country, year: r.year })), variant: results[0]?.variant ?? rubric.defaultVariant, rows };
}
