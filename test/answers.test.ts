import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../src/rubric/load.js';
import { loadAnswerSet } from '../src/answers/load.js';
import { validateAnswerSet } from '../src/answers/validate.js';
import { scoreAnswerSet, findScoredNode } from '../src/scoring/score.js';
import { loadRubricFile } from '../src/node/files.js';
import type { Rubric } from '../src/rubric/types.js';
import { DEMO_RUBRIC, at, posOf, valuePos, where, withCode } from './engine-helpers.js';

const demo = loadRubricFile(DEMO_RUBRIC).value!;
const A = 'a.yaml';

/** Every demo question answered validly (Northland's answers), so tests change one thing at a time. */
const COMPLETE: Record<string, string> = {
  'permit-wait': '3',
  sectors: '[private, self]',
  'job-services': 'equal',
  training: '[language, mentoring]',
  'reunion-allowed': 'yes',
  'income-level': 'welfare',
  'income-sources': 'any',
  'waiting-period': 'one-year',
  'local-vote': 'yes',
  'consultative-body': 'appointed',
};

/** An answer-set text for the demo rubric; `answers` replace or add lines, `null` removes one. */
function answersText(answers: Record<string, string | null> = {}, header = 'rubric: welcome-demo@1.0.0'): string {
  const merged: Record<string, string | null> = { ...COMPLETE, ...answers };
  const lines = Object.entries(merged)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => (v!.startsWith('\n') ? `  ${k}:${v}` : `  ${k}: ${v}`));
  return `schemaVersion: 1\n${header}\ncountry: NO\nyear: 2024\nanswers:\n${lines.join('\n')}\n`;
}

function check(text: string, rubric: Rubric = demo) {
  const loaded = loadAnswerSet(text, { file: A });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return validateAnswerSet(rubric, loaded.value!);
}

describe('validating answers against the demo rubric', () => {
  it('both demo answer sets are clean', () => {
    for (const f of ['northland-2024.yaml', 'southland-2024.yaml']) {
      const text = readFileSync(join(DEMO_RUBRIC, '../answers', f), 'utf8');
      expect(check(text)).toEqual([]);
    }
    expect(check(answersText())).toEqual([]);
  });

  it('ANSWERS_UNKNOWN_QUESTION at the key, with "did you mean"', () => {
    const t = answersText({ 'permit-wiat': '3' });
    const ds = check(t);
    expect(where(ds)).toEqual([at('ANSWERS_UNKNOWN_QUESTION', A, posOf(t, 'permit-wiat'))]);
    expect(ds[0]!.hint).toBe('Did you mean "permit-wait"?');
    expect(ds[0]!.severity).toBe('error');
  });

  it('ANSWERS_NOT_A_QUESTION for a composite node', () => {
    const t = answersText({ 'income-rule': '75' });
    expect(where(check(t))).toEqual([at('ANSWERS_NOT_A_QUESTION', A, posOf(t, 'income-rule'))]);
  });

  it('ANSWERS_INVALID_OPTION at the value, listing the options', () => {
    const t = answersText({ 'job-services': 'equl', sectors: '[private, nope]' });
    const ds = check(t);
    expect(where(ds)).toEqual([at('ANSWERS_INVALID_OPTION', A, valuePos(t, 'sectors: [')), at('ANSWERS_INVALID_OPTION', A, valuePos(t, 'job-services: equl'))]);
    const single = ds.find((d) => d.path?.includes('job-services'))!;
    expect(single.expected).toBe('equal, partial, none');
    expect(single.actual).toBe('equl');
    expect(single.hint).toBe('Did you mean "equal"?');
    // `nope` is near no option: no hint is made up.
    expect(ds.find((d) => d.path?.includes('sectors'))!.hint).toBeUndefined();
  });

  it('ANSWERS_INVALID_OPTION for an option written by its label names the id to write', () => {
    const label = demo.questions.find((q) => q.id === 'job-services')!.options.find((o) => o.id === 'partial')!.label;
    const t = answersText({ 'job-services': JSON.stringify(label) });
    const [d] = check(t);
    expect(d?.code).toBe('ANSWERS_INVALID_OPTION');
    expect(d?.hint).toBe(`"${label}" is the label of the option \`partial\`; write the id.`);
  });

  it('ANSWERS_INVALID_OPTION inside an answer object points at `answer`', () => {
    const t = answersText({ 'job-services': '\n    answer: equl\n    comment: typo' });
    expect(where(check(t))).toEqual([at('ANSWERS_INVALID_OPTION', A, valuePos(t, 'answer: equl'))]);
  });

  describe('ANSWERS_WRONG_TYPE for each question kind', () => {
    const cases: [string, string, string][] = [
      ['single choice given a list', 'job-services', '[equal, partial]'],
      ['single choice given a number', 'job-services', '3'],
      ['single choice given a boolean', 'job-services', 'true'],
      ['multiple choice given a number', 'sectors', '5'],
      ['multiple choice given a boolean', 'sectors', 'false'],
      ['number given text', 'permit-wait', 'three'],
      ['number given a list', 'permit-wait', '[three]'],
      ['yes/no given another word', 'local-vote', 'maybe'],
      ['yes/no given a number', 'local-vote', '1'],
    ];
    for (const [name, q, v] of cases) {
      it(name, () => {
        const t = answersText({ [q]: v });
        const ds = check(t);
        expect(where(ds)).toEqual([at('ANSWERS_WRONG_TYPE', A, valuePos(t, `${q}: ${v}`))]);
      });
    }

    it('yes/no accepts yes, no, true and false', () => {
      for (const v of ['yes', 'no', 'true', 'false']) expect(check(answersText({ 'local-vote': v }))).toEqual([]);
    });

    it('a multiple-choice answer may be a single option id', () => {
      expect(check(answersText({ sectors: 'private' }))).toEqual([]);
    });

    it('null, a mapping without `answer`, or both `answer` and `byRegion` are refused by the loader', () => {
      for (const [v, key] of [
        ['null', 'job-services'],
        ['\n    comment: no answer given', 'job-services'],
        ['\n    answer: equal\n    byRegion: { NO-03: equal }', 'job-services'],
        ['\n    byRegion: {}', 'job-services'],
      ] as const) {
        const r = loadAnswerSet(answersText({ [key]: v }), { file: A });
        expect(r.value).toBeUndefined();
        expect(r.diagnostics.map((d) => d.code)).toEqual(['ANSWERS_WRONG_TYPE']);
      }
    });
  });

  it('ANSWERS_NUMBER_OUT_OF_RANGE for a number outside the declared range', () => {
    const t = answersText({ 'permit-wait': '121' });
    expect(where(check(t))).toEqual([at('ANSWERS_NUMBER_OUT_OF_RANGE', A, valuePos(t, 'permit-wait: 121'))]);
    expect(check(answersText({ 'permit-wait': '-1' })).map((d) => d.code)).toEqual(['ANSWERS_NUMBER_OUT_OF_RANGE']);
    expect(check(answersText({ 'permit-wait': '120' }))).toEqual([]);
  });

  it('ANSWERS_MISSING (warning) for each unanswered question; `unknown` is an answer', () => {
    const t = answersText({ training: null, 'local-vote': null, 'job-services': 'unknown' });
    const ds = check(t);
    expect(ds.map((d) => [d.code, d.severity, d.path])).toEqual([
      ['ANSWERS_MISSING', 'warning', ['answers', 'training']],
      ['ANSWERS_MISSING', 'warning', ['answers', 'local-vote']],
    ]);
    expect(ds.every((d) => d.file === A && d.line === posOf(t, 'answers:').line && d.column === 1)).toBe(true);
    expect(validateAnswerSet(demo, loadAnswerSet(t, { file: A }).value!, { reportMissing: false })).toEqual([]);
  });

  it('a question that does not apply is not missing', () => {
    expect(check(answersText({ 'reunion-allowed': 'no', 'waiting-period': null }))).toEqual([]);
  });

  it('ANSWERS_NOT_APPLICABLE_ANSWERED (warning) for an answer to a question that does not apply', () => {
    const t = answersText({ 'reunion-allowed': 'no' });
    const ds = check(t);
    expect(where(ds)).toEqual([at('ANSWERS_NOT_APPLICABLE_ANSWERED', A, posOf(t, 'waiting-period'))]);
    expect(ds[0]!.severity).toBe('warning');
  });

  it('not-applicable is fine for a question with a condition, and ANSWERS_NOT_APPLICABLE_UNEXPECTED otherwise', () => {
    expect(check(answersText({ 'waiting-period': 'not-applicable' }))).toEqual([]);
    const t = answersText({ 'job-services': 'not-applicable' });
    const ds = check(t);
    expect(where(ds)).toEqual([at('ANSWERS_NOT_APPLICABLE_UNEXPECTED', A, posOf(t, 'job-services'))]);
    expect(ds[0]!.severity).toBe('warning');
  });

  it('ANSWERS_RUBRIC_MISMATCH (error) for another rubric id, at the `rubric` value', () => {
    const t = answersText({}, 'rubric: other-index@1.0.0');
    const ds = check(t);
    expect(where(ds)).toEqual([at('ANSWERS_RUBRIC_MISMATCH', A, valuePos(t, 'rubric: other'))]);
    expect(ds[0]!.severity).toBe('error');
    expect(ds[0]!.expected).toBe('welcome-demo@1.0.0');
    expect(ds[0]!.actual).toBe('other-index@1.0.0');
  });

  it('ANSWERS_VERSION_MISMATCH (warning) for another version of the same rubric', () => {
    const t = answersText({}, 'rubric: welcome-demo@1.1.0');
    const ds = check(t);
    expect(where(ds)).toEqual([at('ANSWERS_VERSION_MISMATCH', A, valuePos(t, 'rubric: welcome'))]);
    expect(ds[0]!.severity).toBe('warning');
  });

  it('ANSWERS_SCORE_TYPED at the `score` key; the set does not load', () => {
    const t = answersText({ 'job-services': '\n    answer: equal\n    score: 100' });
    const r = loadAnswerSet(t, { file: A });
    expect(r.value).toBeUndefined();
    expect(where(r.diagnostics)).toEqual([at('ANSWERS_SCORE_TYPED', A, posOf(t, 'score: 100'))]);
  });

  it('ANSWERS_INVALID_COUNTRY for a country that is not a code', () => {
    const t = answersText().replace('country: NO', 'country: Norway');
    const r = loadAnswerSet(t, { file: A });
    expect(where(r.diagnostics)).toEqual([at('ANSWERS_INVALID_COUNTRY', A, valuePos(t, 'country: Norway'))]);
    expect(loadAnswerSet(answersText().replace('country: NO', 'country: BE-VLG')).diagnostics).toEqual([]);
  });

  it('SCHEMA_UNKNOWN_FIELD with a hint in the header and in an answer object', () => {
    const t = answersText({ 'job-services': '\n    answer: equal\n    coment: typo' }).replace('year: 2024', 'year: 2024\nyaer: 2024');
    const r = loadAnswerSet(t, { file: A });
    expect(where(r.diagnostics)).toEqual([at('SCHEMA_UNKNOWN_FIELD', A, posOf(t, 'yaer'))]);
    expect(r.diagnostics[0]!.hint).toBe('Did you mean "year"?');
    const t2 = t.replace('yaer: 2024\n', '');
    const r2 = loadAnswerSet(t2, { file: A });
    expect(where(r2.diagnostics)).toEqual([at('SCHEMA_UNKNOWN_FIELD', A, posOf(t2, 'coment'))]);
    expect(r2.diagnostics[0]!.hint).toBe('Did you mean "comment"?');
  });
});

describe('regional answers', () => {
  const indexText = readFileSync(join(DEMO_RUBRIC, 'index.yaml'), 'utf8');
  const withRegions = (rule: string | undefined, perQuestion?: string): Rubric => {
    let text = indexText;
    if (rule) text = text.replace('missing: { policy: omit, minShare: 0.5 }\n', `missing: { policy: omit, minShare: 0.5 }\nregions: ${rule}\n`);
    if (perQuestion) text = text.replace('        text: Is there an elected body', `        regions: ${perQuestion}\n        text: Is there an elected body`);
    const r = loadRubric(text, { file: 'index.yaml', readFile: (rel) => readFileSync(join(DEMO_RUBRIC, rel), 'utf8') });
    expect(r.diagnostics).toEqual([]);
    return r.value!;
  };
  const regional = answersText({ 'consultative-body': '\n    byRegion:\n      NO-03: elected\n      NO-50: none\n      NO-46: appointed' });
  const scoreOf = (rubric: Rubric, text = regional) => {
    const set = loadAnswerSet(text, { file: A }).value!;
    expect(validateAnswerSet(rubric, set)).toEqual([]);
    return findScoredNode(scoreAnswerSet(rubric, set).root, 'consultative-body')!;
  };

  it('are combined by the mean by default (100, 0 and 50 → 50)', () => {
    const n = scoreOf(demo);
    expect(n.score).toBe('50');
    expect(n.answer!.regions!.map((r) => [r.region, r.score])).toEqual([['NO-03', '100'], ['NO-46', '50'], ['NO-50', '0']]);
    expect(n.reason).toBe('Regional answers combined by mean');
  });

  it('by the minimum or maximum when the rubric says so', () => {
    expect(scoreOf(withRegions('minimum')).score).toBe('0');
    expect(scoreOf(withRegions('maximum')).score).toBe('100');
    expect(scoreOf(withRegions('mean')).score).toBe('50');
  });

  it('a question\'s own rule overrides the rubric\'s', () => {
    expect(scoreOf(withRegions('minimum', 'maximum')).score).toBe('100');
    expect(scoreOf(withRegions(undefined, 'minimum')).score).toBe('0');
  });

  it('a mean that does not terminate is exact to many digits and rounds for display', () => {
    const t = answersText({ 'consultative-body': '\n    byRegion:\n      NO-03: elected\n      NO-50: elected\n      NO-46: none' });
    const n = scoreOf(demo, t);
    expect(n.score!.startsWith('66.66666666666666666666')).toBe(true);
    expect(n.display).toBe('66.7');
  });

  it('regions answered unknown are left out; all unknown makes the question missing', () => {
    const t = answersText({ 'consultative-body': '\n    byRegion:\n      NO-03: elected\n      NO-50: unknown' });
    expect(scoreOf(demo, t).score).toBe('100');
    const t2 = answersText({ 'consultative-body': '\n    byRegion:\n      NO-03: unknown\n      NO-50: unknown' });
    expect(scoreOf(demo, t2).status).toBe('missing');
  });

  it('an invalid option in one region is reported at `byRegion`', () => {
    const t = answersText({ 'consultative-body': '\n    byRegion:\n      NO-03: elected\n      NO-50: elcted' });
    const ds = validateAnswerSet(demo, loadAnswerSet(t, { file: A }).value!);
    expect(where(ds)).toEqual([at('ANSWERS_INVALID_OPTION', A, posOf(t, 'NO-03'))]);
    expect(ds[0]!.message).toContain('NO-50');
  });

  it('the Southland demo answer combines an elected body and none into 50', () => {
    const text = readFileSync(join(DEMO_RUBRIC, '../answers/southland-2024.yaml'), 'utf8');
    const n = findScoredNode(scoreAnswerSet(demo, loadAnswerSet(text).value!).root, 'consultative-body')!;
    expect(n.score).toBe('50');
    expect(withCode([], 'x')).toEqual([]);
  });
});
