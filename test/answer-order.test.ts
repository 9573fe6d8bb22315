import { describe, expect, it } from 'vitest';
import { createAnswerSet, loadAnswerSet } from '../src/index.js';

describe('answer order', () => {
  it('keeps the file order of answers, integer-like ids included', () => {
    const text = ['schemaVersion: 1', 'rubric: demo@1.0.0', 'country: CA', 'year: 2019', 'answers:', '  aa1: x', '  148: y', '  146a: z', '  2: w'].join('\n');
    const { value, diagnostics } = loadAnswerSet(text);
    expect(diagnostics).toEqual([]);
    expect([...value!.answers.keys()]).toEqual(['aa1', '148', '146a', '2']);
  });

  it('createAnswerSet keeps the order of a Map', () => {
    const set = createAnswerSet({ rubric: 'demo@1.0.0', country: 'CA', year: 2019, answers: new Map([['aa1', 'x'], ['148', 'y']]) });
    expect([...set.answers.keys()]).toEqual(['aa1', '148']);
  });
});
