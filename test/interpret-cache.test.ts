/**
 * Interpretations of plain answers are cached per question, lists of option ids included: the
 * cached result is the one an uncached interpretation gives, and lists that differ never share
 * a cache entry (an empty list and a list of one empty id, ids holding NUL, a string that looks
 * like a cache key).
 */
import { describe, expect, it } from 'vitest';
import { forgetInterpretations, interpretValue } from '../src/answers/interpret.js';
import { loadRubric } from '../src/rubric/load.js';
import type { QuestionNode } from '../src/rubric/types.js';

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
const fresh = (value: Parameters<typeof interpretValue>[1]) => {
  forgetInterpretations(q);
  return interpretValue(q, value);
};

describe('interpretation cache for lists', () => {
  it('gives for a list, cached, what an uncached interpretation gives', () => {
    const lists: string[][] = [[], [''], ['', ''], ['x'], ['x', 'y'], ['y', 'x'], ['x', 'x'], ['x\0y'], ['x', '\0'], ['z'], ['x', 'z']];
    const expected = lists.map((l) => show(fresh(l)));
    forgetInterpretations(q);
    // Twice over, in two orders: every second call is a cache hit.
    for (const order of [lists, [...lists].reverse()]) {
      for (const l of order) expect(show(interpretValue(q, l)), show(l)).toBe(expected[lists.indexOf(l)]);
    }
  });

  it('keeps an empty list apart from a list of one empty id, and a string apart from a list', () => {
    forgetInterpretations(q);
    const none = interpretValue(q, []);
    const empty = interpretValue(q, ['']);
    expect(none.status === 'answered' && none.label).toBe('none of the options');
    expect(empty.status).toBe('invalid');
    const keyLike = interpretValue(q, '\u00001\u0000x');
    expect(keyLike.status).toBe('invalid');
    expect(interpretValue(q, ['x']).status).toBe('answered');
  });
});
