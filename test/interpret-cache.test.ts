/**
 * Interpretations of plain answers are remembered per question by the compiled rubric, lists of
 * option ids included: the remembered result is the one an interpretation without a memo gives,
 * and lists that differ never share an entry (an empty list and a list of one empty id, ids
 * holding NUL, a string that looks like a memo key). A compiled rubric describes the rubric as
 * it was compiled: after an edit in memory, compiling again gives the new interpretations.
 */
import { describe, expect, it } from 'vitest';
import { interpretValue, type ValueMemo } from '../src/answers/interpret.js';
import { createAnswerSet } from '../src/answers/load.js';
import { loadRubric } from '../src/rubric/load.js';
import type { QuestionNode } from '../src/rubric/types.js';
import { compileRubric } from '../src/scoring/compile.js';
import { scoreTotals } from '../src/scoring/score.js';

const rubric = loadRubric(
  [
    'schemaVersion: 1',
    'id: t',
    'version: 1.0.0',
    'title: T',
    'areas:',
    '  - id: a',
    '    title: A',
    '    indicators:',
    '      - id: pick',
    '        title: Pick',
    '        type: multiple-choice',
    '        options:',
    '          - { id: x, label: X, score: 50 }',
    '          - { id: y, label: Y, score: 30 }',
    '',
  ].join('\n'),
).value!;
const q = rubric.nodes.get('pick') as QuestionNode;

const show = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));
/** The memo of `pick` in a newly compiled rubric. */
const newMemo = (): ValueMemo => {
  const compiled = compileRubric(rubric);
  return compiled.memos[compiled.byId.get('pick')!]!;
};
const fresh = (value: Parameters<typeof interpretValue>[1]) => interpretValue(q, value);

describe('interpretation cache for lists', () => {
  it('gives for a list, cached, what an uncached interpretation gives', () => {
    const lists: string[][] = [[], [''], ['', ''], ['x'], ['x', 'y'], ['y', 'x'], ['x', 'x'], ['x\0y'], ['x', '\0'], ['z'], ['x', 'z']];
    const expected = lists.map((l) => show(fresh(l)));
    const memo = newMemo();
    // Twice over, in two orders: every second call is a memo hit.
    for (const order of [lists, [...lists].reverse()]) {
      for (const l of order) expect(show(interpretValue(q, l, undefined, memo)), show(l)).toBe(expected[lists.indexOf(l)]);
    }
    expect(memo.get(`\u00002\u0000x\u0000y`), 'the list was remembered').toBeDefined();
  });

  it('keeps an empty list apart from a list of one empty id, and a string apart from a list', () => {
    const memo = newMemo();
    const none = interpretValue(q, [], undefined, memo);
    const empty = interpretValue(q, [''], undefined, memo);
    expect(none.status === 'answered' && none.label).toBe('none of the options');
    expect(empty.status).toBe('invalid');
    const keyLike = interpretValue(q, '\u00001\u0000x', undefined, memo);
    expect(keyLike.status).toBe('invalid');
    expect(interpretValue(q, ['x'], undefined, memo).status).toBe('answered');
  });
});

describe('a compiled rubric and edits in memory', () => {
  const set = createAnswerSet({ rubric: 't@1.0.0', country: 'CA', year: 2020, answers: { pick: ['x'] } });
  it('keeps the rubric as compiled; compiling again picks up the edit', () => {
    const before = compileRubric(rubric);
    expect(Object.isFrozen(before)).toBe(true);
    expect(Object.isFrozen(before.plan)).toBe(true);
    expect(scoreTotals(rubric, set).top.score).toBe('50');
    const x = q.options.find((o) => o.id === 'x')!;
    (x as { score: number }).score = 60;
    try {
      // The remembered compiled form, and the one held, describe the rubric as compiled.
      expect(scoreTotals(rubric, set).top.score).toBe('50');
      expect(scoreTotals(before, set).top.score).toBe('50');
      const after = compileRubric(rubric);
      expect(scoreTotals(after, set).top.score).toBe('60');
      // Compiling replaced the remembered form.
      expect(scoreTotals(rubric, set).top.score).toBe('60');
      expect(scoreTotals(before, set).top.score).toBe('50');
    } finally {
      (x as { score: number }).score = 50;
      compileRubric(rubric);
    }
    expect(scoreTotals(rubric, set).top.score).toBe('50');
  });
});
