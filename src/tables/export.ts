/**
 * Answer sets to a wide table: one row per answer set, the columns that
 * {@link importAnswerTable} reads back to the same sets.
 *
 * @module
 */
import type { AnswerSet } from '../answers/types.js';
import type { Rubric } from '../rubric/types.js';
import { csvField } from '../source/csv.js';
import { ANSWER_FIELDS, RECORDED_SCORE_COLUMN, SET_FIELDS } from './fields.js';
import { cellText } from './values.js';

/** A table as header and rows of text. */
export interface AnswerTable {
  header: string[];
  rows: string[][];
}

/**
 * The wide table of answer sets for a rubric: `country`, `year`, the answer-set columns any set
 * uses, `metadata.<key>`, then for each question in rubric order its answer column, its regional
 * columns (`<q>@<region>`) and the evidence columns (`<q>.comment` …) that any set uses. Sets
 * are sorted by country and year. A question a set does not answer is `-`.
 *
 * @example
 * ```ts
 * import { answerTable, createAnswerSet, loadRubric } from 'policy-index';
 * const rubric = loadRubric(
 *   'schemaVersion: 1\nid: demo\nversion: 1.0.0\ntitle: Demo\nareas:\n' +
 *     '  - { id: work, title: Work, indicators: [{ id: permit, title: Permit, type: yes-no, scores: { yes: 100, no: 0 } }] }\n',
 * ).value!;
 * const set = createAnswerSet({ rubric: 'demo@1.0.0', country: 'CA', year: 2019, answers: { permit: 'yes' } });
 * answerTable(rubric, [set]).header; // ['country', 'year', 'permit', …]
 * ```
 */
export function answerTable(rubric: Rubric, sets: readonly AnswerSet[]): AnswerTable {
  const sorted = [...sets].sort((a, b) => (a.country < b.country ? -1 : a.country > b.country ? 1 : a.year - b.year));
  const setFields = SET_FIELDS.filter((f) => sorted.some((s) => f.get(s) !== undefined));
  const metaKeys = [...new Set(sorted.flatMap((s) => Object.keys(s.metadata ?? {})))].sort();
  const header = ['country', 'year', ...setFields.map((f) => f.name), ...metaKeys.map((k) => `metadata.${k}`)];
  const cellsOf: ((s: AnswerSet) => string)[] = [(s) => s.country, (s) => String(s.year), ...setFields.map((f) => (s: AnswerSet) => f.get(s) ?? ''), ...metaKeys.map((k) => (s: AnswerSet) => (s.metadata?.[k] === undefined ? '' : String(s.metadata[k])))];
  for (const q of rubric.questions) {
    const answers = sorted.map((s) => s.answers.get(q.id));
    header.push(q.id);
    cellsOf.push((s) => {
      const a = s.answers.get(q.id);
      return a === undefined ? cellText(undefined) : a.byRegion !== undefined || a.recordedScore !== undefined ? '' : cellText(a.value);
    });
    const regions = [...new Set(answers.flatMap((a) => Object.keys(a?.byRegion ?? {})))].sort();
    for (const r of regions) {
      header.push(`${q.id}@${r}`);
      cellsOf.push((s) => {
        const v = s.answers.get(q.id)?.byRegion?.[r];
        return v === undefined ? '' : cellText(v);
      });
    }
    if (answers.some((a) => a?.recordedScore !== undefined)) {
      header.push(`${q.id}.${RECORDED_SCORE_COLUMN}`);
      cellsOf.push((s) => s.answers.get(q.id)?.recordedScore ?? '');
    }
    for (const f of ANSWER_FIELDS) {
      if (!f.get || !answers.some((a) => a && f.get!(a) !== undefined)) continue;
      header.push(`${q.id}.${f.name}`);
      cellsOf.push((s) => {
        const a = s.answers.get(q.id);
        return a ? (f.get!(a) ?? '') : '';
      });
    }
  }
  return { header, rows: sorted.map((s) => cellsOf.map((c) => c(s))) };
}

/**
 * The wide table as CSV text (LF line ends, fields quoted where needed).
 *
 * @example
 * ```ts
 * import { answerTableCsv, type AnswerSet, type Rubric } from 'policy-index';
 * declare const rubric: Rubric, sets: AnswerSet[];
 * answerTableCsv(rubric, sets).split('\n')[0]; // 'country,year,permit,…'
 * ```
 */
export function answerTableCsv(rubric: Rubric, sets: readonly AnswerSet[]): string {
  const t = answerTable(rubric, sets);
  return [t.header, ...t.rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
