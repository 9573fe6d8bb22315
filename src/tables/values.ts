/**
 * Cell text ↔ answer value, per question kind.
 *
 * Reading accepts option ids, option labels (case-insensitive), the usual yes/no spellings,
 * numbers, `unknown`, `not-applicable` (also `n/a`); an empty cell is `unknown`, and a cell
 * holding only `-` means "no answer" (the question is left out of the answer set). Multiple
 * choices are separated by `;` (`[]` for none checked).
 *
 * @module
 */
import type { AnswerValue } from '../answers/types.js';
import type { QuestionNode } from '../rubric/types.js';
import { didYouMeanText, suggest } from '../source/suggest.js';

/** The text of a cell that means "no answer given" (the question is absent from the set). */
export const NO_ANSWER_CELL = '-';

const YES = new Set(['yes', 'y', 'true', '1', 'x']);
const NO = new Set(['no', 'n', 'false', '0']);
const NOT_APPLICABLE = new Set(['not-applicable', 'not applicable', 'n/a', 'na']);

/** What one cell means. */
export type CellValue =
  | { kind: 'value'; value: AnswerValue }
  | { kind: 'absent' }
  | { kind: 'invalid'; message: string; expected: string; hint?: string };

function matchOption(q: QuestionNode, text: string): string | undefined {
  const exact = q.options.find((o) => o.id === text);
  if (exact) return exact.id;
  const lower = text.toLowerCase();
  const byId = q.options.filter((o) => o.id.toLowerCase() === lower);
  if (byId.length === 1) return byId[0]!.id;
  const byLabel = q.options.filter((o) => o.label.trim().toLowerCase() === lower);
  if (byLabel.length === 1) return byLabel[0]!.id;
  return undefined;
}

/** The closest option id or label to a text, for a hint (see {@link readCellValue}). */
export type SuggestOption = (q: QuestionNode, text: string) => string | undefined;

const suggestAnyOption: SuggestOption = (q, text) => suggest(text, q.options.flatMap((o) => [o.id, o.label]));

function invalid(q: QuestionNode, text: string, expected: string, near: SuggestOption): CellValue {
  const hint = didYouMeanText(near(q, text));
  return { kind: 'invalid', message: `"${text}" is not an answer to "${q.id}".`, expected, ...(hint ? { hint } : {}) };
}

/**
 * Reads a cell's text as an answer to a question. `valueMap` (from a mapping file, keys
 * lower-cased) is applied first. `suggestOption` finds the hint for a text that is no answer
 * (a table import passes one that looks each text up once per file).
 *
 * @example
 * ```ts
 * import type { QuestionNode } from '../rubric/types.js';
 * import { readCellValue } from './values.js';
 * declare const permit: QuestionNode; // a yes/no question
 * readCellValue(permit, 'Y');   // { kind: 'value', value: 'yes' }
 * readCellValue(permit, '');    // { kind: 'value', value: 'unknown' }
 * ```
 */
export function readCellValue(q: QuestionNode, cell: string, valueMap?: ReadonlyMap<string, string | number | boolean>, suggestOption: SuggestOption = suggestAnyOption): CellValue {
  let text = cell.trim();
  const mapped = valueMap?.get(text.toLowerCase());
  if (mapped !== undefined) {
    if (typeof mapped === 'boolean') return { kind: 'value', value: mapped ? 'yes' : 'no' };
    if (typeof mapped === 'number') text = String(mapped);
    else text = mapped.trim();
  }
  if (text === '') return { kind: 'value', value: 'unknown' };
  if (text === NO_ANSWER_CELL) return { kind: 'absent' };
  const lower = text.toLowerCase();
  if (lower === 'unknown') return { kind: 'value', value: 'unknown' };
  if (NOT_APPLICABLE.has(lower)) return { kind: 'value', value: 'not-applicable' };
  const ids = q.options.map((o) => o.id).join(', ');
  switch (q.type) {
    case 'yes-no': {
      const opt = matchOption(q, text);
      if (opt === 'yes' || opt === 'no') return { kind: 'value', value: opt };
      if (YES.has(lower)) return { kind: 'value', value: 'yes' };
      if (NO.has(lower)) return { kind: 'value', value: 'no' };
      return invalid(q, text, 'Yes or No (also Y/N, 1/0, true/false)', suggestOption);
    }
    case 'single-choice': {
      const opt = matchOption(q, text);
      return opt !== undefined ? { kind: 'value', value: opt } : invalid(q, text, `one of ${ids} (or their labels)`, suggestOption);
    }
    case 'multiple-choice': {
      if (text === '[]') return { kind: 'value', value: [] };
      const parts = text.split(';').map((p) => p.trim()).filter((p) => p !== '');
      const out: string[] = [];
      for (const p of parts) {
        const opt = matchOption(q, p);
        if (opt === undefined) return invalid(q, p, `options separated by ";" from ${ids} (or their labels), or [] for none`, suggestOption);
        out.push(opt);
      }
      return { kind: 'value', value: out };
    }
    case 'number': {
      const n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n)) return { kind: 'invalid', message: `"${text}" is not a number (question "${q.id}").`, expected: `a number${q.unit ? ` (${q.unit})` : ''}` };
      return { kind: 'value', value: n };
    }
  }
}

/**
 * The cell text for an answer value (the inverse of {@link readCellValue} for every value a
 * valid answer set holds); `undefined` (no answer) gives `-`.
 */
export function cellText(value: AnswerValue | undefined): string {
  if (value === undefined) return NO_ANSWER_CELL;
  if (Array.isArray(value)) return value.length ? value.join('; ') : '[]';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}
