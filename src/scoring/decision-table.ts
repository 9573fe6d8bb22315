/**
 * Decision tables: their compiled form (made once per rubric, with the plan) and their
 * evaluation — the first row whose conditions the inputs meet.
 *
 * @module
 */
import type { Exact } from '../exact/index.js';
import { compileCondition, compiledConditionMatches, rowCondition, type CompiledCondition } from '../rubric/check.js';
import { exactNumber, numberText } from '../rubric/numbers.js';
import type { Aggregation } from '../rubric/types.js';

/** A decision-table aggregation. */
export type DecisionTable = Extract<Aggregation, { method: 'decision-table' }>;

/** A decision table made ready for evaluation against many answer sets. */
export class CompiledTable {
  readonly table: DecisionTable;
  /** Each row's exact score and the reason it gives. */
  readonly rowScores: readonly Exact[];
  readonly rowReasons: readonly string[];
  /** Each row's condition on each input, compiled. */
  readonly rowConditions: readonly (readonly CompiledCondition[])[];
  /** For each input, the index in the plan of the part it names (-1: none). */
  readonly inputParts: readonly number[];
  /** The exact score of the default, when the table has one. */
  readonly defaultScore: Exact | undefined;
  /** `partOf(id)`: the index in the plan of the part of the table's owner with that id, or -1. */
  constructor(table: DecisionTable, partOf: (id: string) => number) {
    this.table = table;
    this.rowScores = table.rows.map((row) => exactNumber(row, 'score', row.score));
    this.rowReasons = table.rows.map((row, idx) => `Row ${idx + 1} of the decision table${row.label ? ` (${row.label})` : ''}`);
    this.rowConditions = table.rows.map((row) => table.inputs.map((id) => compileCondition(rowCondition(row, id), (i, written) => numberText(row.when, i < 0 ? id : `${id}[${i}]`, written))));
    this.inputParts = table.inputs.map(partOf);
    this.defaultScore = table.default !== undefined ? exactNumber(table, 'default', table.default) : undefined;
  }
}

/** What an input of a table is when it has a score: the option ids behind the score and the exact score. */
type InputValue = { single: { key: string; score: Exact } | { score: Exact }; keys: readonly string[]; score: Exact } | undefined;

function meets(cond: CompiledCondition, v: InputValue): boolean {
  if (!v) return compiledConditionMatches(cond, undefined);
  if (v.keys.length <= 1) return compiledConditionMatches(cond, v.single);
  // Regional answers with differing options: an option condition holds only if every region meets it.
  return v.keys.every((k) => compiledConditionMatches(cond, { key: k, score: v.score })) || compiledConditionMatches(cond, { score: v.score });
}

/** The inputs' values, from the scores `x` and chosen options `optionIds` of the nodes of the plan. */
function inputValues(t: CompiledTable, x: readonly (Exact | null)[], optionIds: readonly (readonly string[] | undefined)[]): InputValue[] {
  return t.inputParts.map((j) => {
    // Conditions compare with the exact score, never with a double.
    const score = j < 0 ? null : x[j];
    if (score === null || score === undefined) return undefined;
    const keys = optionIds[j] ?? [];
    return { single: keys.length === 1 ? { key: keys[0]!, score } : { score }, keys, score };
  });
}

/** The outcome of evaluating a table: the row that matched (-1: none) and the inputs that have no score. */
export interface TableMatch {
  row: number;
  /** Ids of the inputs without a score. */
  missingInputs(): string[];
}

/**
 * Evaluates a compiled table against the scores `x` and chosen options `optionIds` of the nodes
 * of the plan: the first row whose conditions all hold. Scores are compared exactly.
 */
export function evaluateTable(t: CompiledTable, x: readonly (Exact | null)[], optionIds: readonly (readonly string[] | undefined)[]): TableMatch {
  const values = inputValues(t, x, optionIds);
  const conditions = t.rowConditions;
  let idx = -1;
  rows: for (let r = 0; r < conditions.length; r++) {
    const row = conditions[r]!;
    for (let i = 0; i < row.length; i++) if (!meets(row[i]!, values[i])) continue rows;
    idx = r;
    break;
  }
  return { row: idx, missingInputs: () => t.table.inputs.filter((_, i) => values[i] === undefined) };
}
