/**
 * Type-level guarantees of the outcome model: outcome data and results are structurally
 * incompatible with policy answer sets, so they cannot be scored. Checked by `tsc --noEmit`
 * (the @ts-expect-error lines fail the type check if the assignment ever compiles) and by
 * vitest's expectTypeOf.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AnswerSet } from '../src/answers/types.js';
import type { Rubric } from '../src/rubric/types.js';
import { scoreAnswerSet } from '../src/scoring/score.js';
import type { OutcomeDataset, OutcomeGapTable, OutcomeTrendTable } from '../src/outcomes/index.js';
import { loadOutcomeData, parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from '../src/outcomes/index.js';

declare function scoreLike(answers: AnswerSet): void;

describe('outcome types', () => {
  it('are not answer sets', () => {
    expectTypeOf<OutcomeDataset>().not.toExtend<AnswerSet>();
    expectTypeOf<OutcomeGapTable>().not.toExtend<AnswerSet>();
    expectTypeOf<OutcomeTrendTable>().not.toExtend<AnswerSet>();
    expectTypeOf<AnswerSet>().not.toExtend<OutcomeDataset>();
    const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
    const data = loadOutcomeData([{ name: 'a.csv', text: 'country,year,indicator,cohort,value\n' }], framework).value!;
    expect(data.kind).toBe('outcome-dataset');
    const call = (rubric: Rubric): void => {
      // @ts-expect-error an outcome dataset is not an answer set
      scoreLike(data);
      // @ts-expect-error the scoring API cannot take outcome data
      scoreAnswerSet(rubric, data);
    };
    expect(typeof call).toBe('function');
  });

  it('carry a brand that a look-alike object does not have', () => {
    const lookalike = { kind: 'outcome-dataset' as const, framework: { id: 'x', version: '1' }, files: [], observations: [] };
    // @ts-expect-error the unique-symbol brand cannot be forged with a plain object literal
    const forged: OutcomeDataset = lookalike;
    expect(forged.kind).toBe('outcome-dataset');
  });
});
