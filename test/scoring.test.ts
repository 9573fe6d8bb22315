import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadRubric } from '../src/rubric/load.js';
import { createAnswerSet, loadAnswerSet } from '../src/answers/load.js';
import { scoreAnswerSet, scoreTotals, findScoredNode } from '../src/scoring/score.js';
import { explainScore } from '../src/scoring/explain.js';
import type { Rubric } from '../src/rubric/types.js';
import type { ScoredNode, ScoreResult } from '../src/scoring/types.js';
import { DEMO_RUBRIC, HEAD, NORTHLAND, SOUTHLAND } from './engine-helpers.js';
import { R, readRawRubric, refDisplay, referenceScore, type RD } from './reference-score.js';

const demoFiles = {
  'areas/work.yaml': readFileSync(join(DEMO_RUBRIC, 'areas/work.yaml'), 'utf8'),
  'areas/family.yaml': readFileSync(join(DEMO_RUBRIC, 'areas/family.yaml'), 'utf8'),
};
const demoIndex = readFileSync(join(DEMO_RUBRIC, 'index.yaml'), 'utf8');

function loadText(index: string, files: Record<string, string> = {}): Rubric {
  const r = loadRubric(index, { file: 'index.yaml', readFile: (rel) => files[rel] });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.value!;
}
const demo = loadText(demoIndex, demoFiles);

function scoreText(rubric: Rubric, answersText: string, options: Parameters<typeof scoreAnswerSet>[2] = {}): ScoreResult {
  const a = loadAnswerSet(answersText, { file: 'answers.yaml' });
  expect(a.diagnostics).toEqual([]);
  return scoreAnswerSet(rubric, a.value!, options);
}

function allNodes(n: ScoredNode, out: ScoredNode[] = []): ScoredNode[] {
  out.push(n);
  n.children.forEach((c) => allNodes(c, out));
  return out;
}

/** Compares every node and variant of a result with the reference calculation. */
function expectMatchesReference(rubric: Rubric, index: string, files: Record<string, string>, answersText: string, result: ScoreResult) {
  const raw = readRawRubric(index, files);
  const ref = referenceScore(raw, (parse(answersText) as { answers: Record<string, unknown> }).answers);
  const compare = (id: string, got: { status: string; score: string | null; display: string | null }, want: ReturnType<typeof ref.nodes.get>) => {
    expect(want, id).toBeDefined();
    if (want!.kind !== 'score') {
      expect(got.status, id).toBe(want!.kind === 'na' ? 'not-applicable' : 'missing');
      expect(got.score, id).toBeNull();
      return;
    }
    expect(got.status, id).toBe('scored');
    const exact = new R(got.score!);
    expect(exact.minus(want!.v).abs().lt('1e-45'), `${id}: ${got.score} vs ${want!.v.toFixed()}`).toBe(true);
    // Terminating results agree exactly, digit for digit.
    if (want!.v.toFixed().replace('.', '').length < 40) expect(got.score, id).toBe(want!.v.toFixed());
    expect(got.display, id).toBe(refDisplay(want!.v, rubric.display.precision, rubric.display.rounding));
  };
  for (const n of allNodes(result.root).slice(1)) compare(n.id, n, ref.nodes.get(n.id));
  for (const v of result.variants) compare(`variant ${v.id}`, v, ref.variants.get(v.id));
  compare('root', result.root, ref.variants.get(result.variant));
}

describe('the demo answer sets', () => {
  const northland = readFileSync(NORTHLAND, 'utf8');
  const southland = readFileSync(SOUTHLAND, 'utf8');
  const q = (n: number | string, d = 1) => new R(n).div(d);

  it('Northland: hand-computed fractions', () => {
    const r = scoreText(demo, northland);
    const score = (id: string) => new R(findScoredNode(r.root, id)!.score!);
    const close = (a: RD, b: RD) => expect(a.minus(b).abs().lt('1e-50'), `${a} vs ${b}`).toBe(true);
    // permit-wait 3 months → band 1–6 → 50; sectors private+self → 40+30; access = mean.
    close(score('work-access'), q(50 + 70, 2));
    // job services 100, training two courses → band 2–3 → 100; geometric mean 100.
    close(score('work-support'), q(100));
    // work: weights 2 and 1.
    close(score('work'), q(2 * 60 + 100, 3));
    // family: yes 100, decision table row 2 → 75, waiting one year 50.
    close(score('family'), q(100 + 75 + 50, 3));
    // voice: minimum of 100 and 50.
    close(score('voice'), q(50));
    close(new R(r.variants.find((v) => v.id === 'all')!.score!), q(220 + 3 * 125, 9));
    close(new R(r.variants.find((v) => v.id === 'core')!.score!), q(220 + 225, 6));
    expect(r.root.display).toBe('66.1');
    expect(r.variants.map((v) => v.display)).toEqual(['66.1', '74.2']);
  });

  it('Southland: hand-computed fractions', () => {
    const r = scoreText(demo, southland);
    expect(findScoredNode(r.root, 'work-support')!.status).toBe('missing'); // training unknown, rule fail
    expect(findScoredNode(r.root, 'work')!.score).toBe('20'); // omit: only access (0+40)/2 remains
    expect(findScoredNode(r.root, 'waiting-period')!.status).toBe('not-applicable');
    expect(findScoredNode(r.root, 'family')!.score).toBe('0');
    expect(findScoredNode(r.root, 'consultative-body')!.score).toBe('50');
    expect(findScoredNode(r.root, 'voice')!.score).toBe('0');
    expect(new R(r.root.score!).minus(q(20, 3)).abs().lt('1e-50')).toBe(true);
    expect(r.variants.map((v) => [v.id, v.display])).toEqual([['all', '6.7'], ['core', '10.0']]);
  });

  it('every node of both sets matches the reference calculation', () => {
    for (const text of [northland, southland]) expectMatchesReference(demo, demoIndex, demoFiles, text, scoreText(demo, text));
  });

  it('the core variant can be asked for', () => {
    const r = scoreText(demo, northland, { variant: 'core' });
    expect(r.variant).toBe('core');
    expect(r.root.display).toBe('74.2');
    expect(r.root.children.find((c) => c.id === 'voice')!.handling).toBe('not-in-variant');
  });

  it('an unknown variant gives SCORE_VARIANT_UNKNOWN with a hint and falls back to the default', () => {
    const r = scoreText(demo, northland, { variant: 'cor' });
    const d = r.diagnostics.find((x) => x.code === 'SCORE_VARIANT_UNKNOWN')!;
    expect(d.hint).toBe('Did you mean "core"?');
    expect(r.variant).toBe('all');
  });
});

/** A rubric with one area of yes/no and single-choice questions, for aggregation tests. */
function areaRubric(aggregation: string, opts: { missing?: string; extraHead?: string; weights?: number[]; scores?: number[] } = {}): string {
  const scores = opts.scores ?? [100, 40, 10];
  const qs = scores
    .map(
      (s, i) => `      - id: q${i + 1}
        title: Q${i + 1}
        type: single-choice
${opts.weights ? `        weight: ${opts.weights[i]}\n` : ''}        options:
          - { id: hi, label: High, score: ${s} }
          - { id: lo, label: Low, score: 0 }
`,
    )
    .join('');
  return `${HEAD}${opts.extraHead ?? ''}areas:
  - id: a
    title: A
    aggregation: ${aggregation}
${opts.missing ? `    missing: ${opts.missing}\n` : ''}    indicators:
${qs}`;
}
const answers = (values: Record<string, string>) =>
  `schemaVersion: 1\nrubric: r@1.0.0\ncountry: CA\nyear: 2020\nanswers:\n${Object.entries(values).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`;
const ALL_HI = answers({ q1: 'hi', q2: 'hi', q3: 'hi' });

describe('aggregation methods', () => {
  it('mean, minimum and maximum', () => {
    expect(scoreText(loadText(areaRubric('mean')), ALL_HI).root.score).toBe('50');
    expect(scoreText(loadText(areaRubric('minimum')), ALL_HI).root.score).toBe('10');
    expect(scoreText(loadText(areaRubric('maximum')), ALL_HI).root.score).toBe('100');
  });

  it('weighted mean normalises weights within the node', () => {
    const t = areaRubric('weighted-mean', { weights: [1, 2, 5] });
    const r = scoreText(loadText(t), ALL_HI);
    // (1·100 + 2·40 + 5·10) / 8 = 230 / 8
    expect(r.root.score).toBe('28.75');
    expect(findScoredNode(r.root, 'q3')!.effectiveWeight).toBe('0.625');
    expectMatchesReference(loadText(t), t, {}, ALL_HI, r);
  });

  it('geometric mean uses weights as exponents and is 0 when any part is 0', () => {
    const t = areaRubric('geometric-mean', { weights: [1, 1, 2], scores: [100, 10, 10] });
    const r = scoreText(loadText(t), ALL_HI);
    // (100 · 10 · 10²)^(1/4) = 10^(5/4)
    expect(new R(r.root.score!).minus(new R(10).pow(new R(5).div(4))).abs().lt('1e-50')).toBe(true);
    expectMatchesReference(loadText(t), t, {}, ALL_HI, r);
    expect(scoreText(loadText(t), answers({ q1: 'hi', q2: 'lo', q3: 'hi' })).root.score).toBe('0');
  });

  it('mean over indicators flattens dimensions into labels', () => {
    const t = `${HEAD}areas:
  - id: a
    title: A
    aggregation: { method: mean, over: indicators }
    dimensions:
      - id: d1
        title: D1
        indicators:
          - { id: q1, title: Q1, type: yes-no, scores: { yes: 100, no: 0 } }
      - id: d2
        title: D2
        indicators:
          - { id: q2, title: Q2, type: yes-no, scores: { yes: 100, no: 0 } }
          - { id: q3, title: Q3, type: yes-no, scores: { yes: 100, no: 0 } }
`;
    const r = scoreText(loadText(t), answers({ q1: 'yes', q2: 'no', q3: 'no' }));
    // By indicators: (100 + 0 + 0) / 3, not the mean of dimensions (100 + 0) / 2.
    expect(r.root.display).toBe('33.33');
    expect(findScoredNode(r.root, 'd1')!.handling).toBe('label-only');
  });
});

describe('missing-data rules', () => {
  const oneMissing = answers({ q1: 'hi', q2: 'unknown', q3: 'hi' });

  it('omit leaves the part out and renormalises the weights', () => {
    const t = areaRubric('weighted-mean', { weights: [1, 2, 5], missing: '{ policy: omit }' });
    const r = scoreText(loadText(t), oneMissing);
    expect(r.root.score).toBe(new R(100 + 50).div(6).toFixed()); // (1·100 + 5·10) / 6
    expect(findScoredNode(r.root, 'q2')!.handling).toBe('omitted-missing');
    expect(new R(findScoredNode(r.root, 'q3')!.effectiveWeight!).minus(new R(5).div(6)).abs().lt('1e-50')).toBe(true);
    expectMatchesReference(loadText(t), t, {}, oneMissing, r);
  });

  it('minimum counts the part as the scale minimum', () => {
    const t = areaRubric('mean', { missing: '{ policy: minimum }', extraHead: 'scale: { min: -10, max: 100 }\n', scores: [100, 40, 90] });
    const r = scoreText(loadText(t), oneMissing);
    expect(r.root.score).toBe('60'); // (100 − 10 + 90) / 3
    expect(findScoredNode(r.root, 'q2')!.handling).toBe('counted-as-minimum');
  });

  it('fail gives no score, with a reason', () => {
    const t = areaRubric('mean', { missing: '{ policy: fail }' });
    const r = scoreText(loadText(t), oneMissing);
    const a = findScoredNode(r.root, 'a')!;
    expect(a.status).toBe('missing');
    expect(a.score).toBeNull();
    expect(a.reason).toMatch(/q2/);
    expect(a.reason).toMatch(/fail/);
  });

  it('minShare: below the share there is no score; at the share there is', () => {
    const t = areaRubric('mean', { missing: '{ policy: omit, minShare: 0.6 }' });
    expect(findScoredNode(scoreText(loadText(t), oneMissing).root, 'a')!.score).toBe('55'); // 2 of 3 ≥ 0.6
    const two = answers({ q1: 'hi', q2: 'unknown', q3: 'unknown' });
    const a = findScoredNode(scoreText(loadText(t), two).root, 'a')!;
    expect(a.status).toBe('missing');
    expect(a.reason).toMatch(/1 of 3/);
    expect(a.missing).toEqual({ policy: 'omit', minShare: 0.6, present: 1, total: 3 });
  });

  it('a question without any answer counts as missing like `unknown`', () => {
    const t = areaRubric('mean');
    const r = scoreText(loadText(t), answers({ q1: 'hi', q3: 'hi' }), { reportMissing: true });
    expect(r.root.score).toBe('55');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ANSWERS_MISSING']);
  });
});

describe('not-applicable handling', () => {
  const t = (na: string) => `${HEAD}areas:
  - id: a
    title: A
    indicators:
      - { id: gate, title: Gate, type: yes-no, scores: { yes: 100, no: 0 } }
      - id: follow
        title: Follow
        type: single-choice
        appliesWhen: { question: gate, in: [yes] }
${na}        options:
          - { id: good, label: Good, score: 100 }
          - { id: bad, label: Bad, score: 20 }
      - { id: other, title: Other, type: yes-no, scores: { yes: 50, no: 0 } }
`;
  it('omit (default) leaves a question that does not apply out of its parent', () => {
    const r = scoreText(loadText(t('')), answers({ gate: 'no', other: 'yes' }));
    expect(r.root.score).toBe('25'); // (0 + 50) / 2
    expect(findScoredNode(r.root, 'follow')!.handling).toBe('omitted-not-applicable');
  });

  it('{ score } scores it as declared', () => {
    const text = t('        notApplicable: { score: 80 }\n');
    const r = scoreText(loadText(text), answers({ gate: 'no', other: 'yes' }));
    expect(new R(r.root.score!).minus(new R(130).div(3)).abs().lt('1e-50')).toBe(true); // (0 + 80 + 50) / 3
    expect(findScoredNode(r.root, 'follow')!.handling).toBe('scored-not-applicable');
    expectMatchesReference(loadText(text), text, {}, answers({ gate: 'no', other: 'yes' }), r);
  });

  it('an explicit not-applicable answer is treated the same way', () => {
    const r = scoreText(loadText(t('')), answers({ gate: 'yes', follow: 'not-applicable', other: 'yes' }));
    expect(r.root.score).toBe('75');
  });
});

describe('variants', () => {
  it('a missing area makes a `fail` variant missing, with a reason and a warning', () => {
    const text = readFileSync(NORTHLAND, 'utf8').replace(/^ {2}(reunion-allowed|income-level|income-sources|waiting-period): .*$/gm, '  $1: unknown');
    const r = scoreText(demo, text);
    expect(findScoredNode(r.root, 'family')!.status).toBe('missing');
    const all = r.variants.find((v) => v.id === 'all')!;
    expect(all.status).toBe('missing');
    expect(all.score).toBeNull();
    expect(all.reason).toMatch(/family/);
    expect(r.root.status).toBe('missing');
    expect(r.diagnostics.filter((d) => d.code === 'SCORE_MISSING_DATA').map((d) => d.severity)).toEqual(['warning', 'warning']);
  });

  it('SCORE_MISSING_DATA points at the entry of the first missing question', () => {
    const text = readFileSync(NORTHLAND, 'utf8').replace(/^ {2}(reunion-allowed|income-level|income-sources|waiting-period): .*$/gm, '  $1: unknown');
    const r = scoreText(demo, text);
    const found = r.diagnostics.filter((d) => d.code === 'SCORE_MISSING_DATA');
    expect(found).toHaveLength(2);
    for (const d of found) {
      expect(d).toMatchObject({ file: 'answers.yaml', line: 19, column: 3, endLine: 19, endColumn: 18, path: ['answers', 'reunion-allowed'] });
    }
  });

  it('SCORE_MISSING_DATA points at the `answers:` key when the missing question has no entry', () => {
    const text = readFileSync(NORTHLAND, 'utf8').replace(/^ {2}(reunion-allowed|income-level|income-sources|waiting-period): .*\n/gm, '');
    const a = loadAnswerSet(text, { file: 'answers.yaml' });
    const r = scoreAnswerSet(demo, a.value!);
    const found = r.diagnostics.filter((d) => d.code === 'SCORE_MISSING_DATA');
    expect(found).toHaveLength(2);
    for (const d of found) expect(d).toMatchObject({ file: 'answers.yaml', line: 9, column: 1, path: ['answers', 'reunion-allowed'] });
  });

  it('SCORE_MISSING_DATA of an answer set built in code names its file at 1:1', () => {
    const r = scoreAnswerSet(demo, createAnswerSet({ rubric: 'welcome-demo@1.0.0', country: 'NO', year: 2024, answers: {}, file: 'NO.yaml' }));
    const found = r.diagnostics.filter((d) => d.code === 'SCORE_MISSING_DATA');
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) expect(d).toMatchObject({ file: 'NO.yaml', line: 1, column: 1 });
  });

  it('a variant with `omit` still scores without the missing area', () => {
    const index = demoIndex.replace(/(  - id: core\n(?:.*\n)*?)    missing: \{ policy: fail \}\n/, '$1    missing: { policy: omit }\n');
    const rubric = loadText(index, demoFiles);
    const text = readFileSync(NORTHLAND, 'utf8').replace(/^ {2}(reunion-allowed|income-level|income-sources|waiting-period): .*$/gm, '  $1: unknown');
    const r = scoreText(rubric, text, { variant: 'core' });
    expect(new R(r.root.score!).minus(new R(220).div(3)).abs().lt('1e-50')).toBe(true);
  });
});

describe('decision tables', () => {
  const table = (rows: string, extra = '') => `${HEAD}areas:
  - id: a
    title: A
    indicators:
      - id: t
        title: T
        aggregation:
          method: decision-table
          rows:
${rows}${extra}        questions:
          - id: x
            title: X
            type: single-choice
            options:
              - { id: lo, label: Lo, score: 0 }
              - { id: mid, label: Mid, score: 50 }
              - { id: hi, label: Hi, score: 100 }
          - { id: y, title: Y, type: yes-no, scores: { yes: 100, no: 0 } }
`;
  const rows = [
    '            - { when: { x: hi }, score: 100, label: first }',
    '            - { when: { x: hi, y: yes }, score: 90 }',
    '            - { when: { x: [lo, mid], y: "*" }, score: 40 }',
    '            - { when: { x: 50 }, score: 30 }',
    '',
  ].join('\n');

  it('the first matching row wins', () => {
    const r = scoreText(loadText(table(rows)), answers({ x: 'hi', y: 'yes' }));
    const t = findScoredNode(r.root, 't')!;
    expect(t.score).toBe('100');
    expect(t.matchedRow).toEqual({ index: 0, label: 'first', when: { x: 'hi' } });
  });

  it('lists and wildcards match; a numeric condition matches the score', () => {
    expect(findScoredNode(scoreText(loadText(table(rows)), answers({ x: 'mid', y: 'no' })).root, 't')!.score).toBe('40');
    const numeric = table('            - { when: { x: 50 }, score: 30 }\n            - { when: {}, score: 0 }\n');
    expect(findScoredNode(scoreText(loadText(numeric), answers({ x: 'mid', y: 'no' })).root, 't')!.score).toBe('30');
  });

  it('the default applies when no row matches', () => {
    const text = table('            - { when: { x: hi }, score: 100 }\n', '          default: 20\n');
    const t = findScoredNode(scoreText(loadText(text), answers({ x: 'lo', y: 'no' })).root, 't')!;
    expect(t.score).toBe('20');
    expect(t.matchedRow!.index).toBe(-1);
  });

  it('a missing input matches only `*` or `missing` rows; otherwise the node is missing', () => {
    const text = table('            - { when: { x: hi, y: missing }, score: 70 }\n            - { when: { x: hi }, score: 100 }\n', '          default: 20\n');
    expect(findScoredNode(scoreText(loadText(text), answers({ x: 'hi', y: 'unknown' })).root, 't')!.score).toBe('70');
    const strict = table('            - { when: { x: hi, y: yes }, score: 100 }\n', '          default: 20\n');
    expect(findScoredNode(scoreText(loadText(strict), answers({ x: 'hi', y: 'unknown' })).root, 't')!.status).toBe('missing');
  });

  it('no row and no default gives SCORE_NO_TABLE_ROW', () => {
    const text = table('            - { when: { x: hi }, score: 100 }\n');
    const r = scoreText(loadText(text), answers({ x: 'lo', y: 'no' }));
    expect(findScoredNode(r.root, 't')!.status).toBe('missing');
    expect(r.diagnostics.map((d) => d.code)).toContain('SCORE_NO_TABLE_ROW');
  });

  it('inputs named like Object.prototype members are plain wildcards when a row does not name them', () => {
    const text = `${HEAD}areas:
  - id: a
    title: A
    indicators:
      - id: t
        title: T
        aggregation:
          method: decision-table
          rows:
            - { when: { valueOf: yes }, score: 100 }
            - { when: {}, score: 10 }
        questions:
          - { id: toString, title: S, type: yes-no, scores: { yes: 100, no: 0 } }
          - { id: valueOf, title: V, type: yes-no, scores: { yes: 100, no: 0 } }
`;
    const r = loadRubric(text, { file: 'r.yaml' });
    expect(r.diagnostics).toEqual([]);
    expect(findScoredNode(scoreText(r.value!, answers({ toString: 'no', valueOf: 'yes' })).root, 't')!.score).toBe('100');
    expect(findScoredNode(scoreText(r.value!, answers({ toString: 'no', valueOf: 'no' })).root, 't')!.score).toBe('10');
  });
});

describe('decision tables of variants', () => {
  /** Two areas of one yes-no question each; `variants` is the rubric's variants block (and anything after it). */
  const rubricWith = (variants: string) => `${HEAD}areas:
  - id: work
    title: Work
    indicators:
      - { id: permit, title: Permit, type: yes-no, scores: { yes: 100, no: 0 } }
  - id: family
    title: Family
    indicators:
      - { id: reunion, title: Reunion, type: yes-no, scores: { yes: 100, no: 0 } }
${variants}`;
  const gate = rubricWith(`variants:
  - id: gate
    title: Gate
    areas: [work, family]
    aggregation:
      method: decision-table
      inputs: [work, family]
      rows:
        - { when: { work: 100, family: 100 }, score: 100, label: both open }
        - { when: { work: 100 }, score: 50 }
      default: 0
  - id: mean
    title: Mean
    areas: [work, family]
`);
  const cases: [Record<string, string>, string, number][] = [
    [{ permit: 'yes', reunion: 'yes' }, '100', 0],
    [{ permit: 'yes', reunion: 'no' }, '50', 1],
    [{ permit: 'no', reunion: 'yes' }, '0', -1],
  ];

  it('a variant scored by a decision table reads its areas, in the trace and in the totals', () => {
    const rubric = loadText(gate);
    for (const [values, score, row] of cases) {
      const r = scoreText(rubric, answers(values));
      expect(r.diagnostics).toEqual([]);
      expect(r.root.score).toBe(score);
      expect(r.root.matchedRow!.index).toBe(row);
      expect(r.root.children.map((c) => [c.id, c.handling])).toEqual([['work', 'table-input'], ['family', 'table-input']]);
      expect(r.variants.map((v) => v.id)).toEqual(['gate', 'mean']);
      const totals = scoreTotals(rubric, loadAnswerSet(answers(values)).value!);
      expect(totals.top.score).toBe(score);
      expect(totals.variants.map((v) => v.score)).toEqual(r.variants.map((v) => v.score));
      // The other variant shown: its mean, with the table variant scored alongside.
      expect(scoreText(rubric, answers(values), { variant: 'mean' }).variants[0]!.score).toBe(score);
    }
  });

  it('a table without inputs reads the areas of the variant, whether declared on the variant or on the rubric', () => {
    const own = rubricWith(`variants:
  - id: work-only
    title: Work only
    areas: [work]
    aggregation: { method: decision-table, rows: [{ when: { work: 100 }, score: 80 }], default: 10 }
  - id: both
    title: Both
    areas: [work, family]
`);
    const inherited = `${rubricWith('')}aggregation: { method: decision-table, rows: [{ when: { work: 100, family: 0 }, score: 25 }], default: 75 }\n`;
    const r1 = scoreText(loadText(own), answers({ permit: 'yes', reunion: 'no' }));
    expect(r1.root.score).toBe('80');
    expect(r1.root.children.filter((c) => c.handling === 'table-input').map((c) => c.id)).toEqual(['work']);
    const r2 = scoreText(loadText(inherited), answers({ permit: 'yes', reunion: 'no' }));
    expect(r2.root.score).toBe('25');
    expect(scoreText(loadText(inherited), answers({ permit: 'yes', reunion: 'yes' })).root.score).toBe('75');
  });

  it('an input that is not an area of the variant is reported where the variant names it', () => {
    const text = rubricWith(`variants:
  - id: gate
    title: Gate
    areas: [work]
    aggregation: { method: decision-table, inputs: [work, family], rows: [{ when: { work: 100 }, score: 100 }], default: 0 }
  - id: all
    title: All
    areas: [work, family]
`);
    const r = loadRubric(text, { file: 'index.yaml' });
    const found = r.diagnostics.filter((d) => d.code === 'RUBRIC_DECISION_TABLE_INPUT');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', path: ['variants', 0, 'aggregation', 'inputs', 1], line: 18, column: 59 });
    expect(found[0]!.message).toContain('not an area of "gate"');
  });
});

describe('sum of points', () => {
  /** Three questions of points in one area that sums them; the quota's points are subtracted, the fee's halved and subtracted. */
  const points = (aggregation = 'sum', missing = '') => `${HEAD}scale: { min: -10, max: 10 }
areas:
  - id: access
    title: Access
    aggregation: ${aggregation}
${missing}    indicators:
      - id: permit
        title: Permit
        type: single-choice
        options:
          - { id: none, label: None, score: 0 }
          - { id: some, label: Some, score: 1.5 }
          - { id: full, label: Full, score: 2 }
      - { id: quota, title: Quota, type: yes-no, scores: { yes: 3, no: 0 }, multiplier: -1 }
      - { id: fee, title: Fee, type: yes-no, scores: { yes: 0.1, no: 0 }, multiplier: -0.5 }
`;

  it('adds the points, subtracting a part with a negative multiplier, to a negative total, exactly', () => {
    const rubric = loadText(points());
    const r = scoreText(rubric, answers({ permit: 'some', quota: 'yes', fee: 'yes' }));
    const access = findScoredNode(r.root, 'access')!;
    // 1.5 − 3 − 0.5 × 0.1 = −1.55
    expect(access.score).toBe('-1.55');
    expect(access.display).toBe('-1.55');
    expect(access.method).toBe('sum');
    expect(access.children.map((c) => c.effectiveWeight)).toEqual(['1', '-1', '-0.5']);
    // Shares of the top (the mean of one area) are the multipliers.
    expect(access.children.map((c) => c.shareOfTop)).toEqual(['1', '-1', '-0.5']);
    expect(r.root.score).toBe('-1.55');
    // 2 − 0 − 0 = 2; none of the points: 0
    expect(findScoredNode(scoreText(rubric, answers({ permit: 'full', quota: 'no', fee: 'no' })).root, 'access')!.score).toBe('2');
    expect(scoreTotals(rubric, loadAnswerSet(answers({ permit: 'some', quota: 'yes', fee: 'yes' })).value!).areas[0]!.score).toBe('-1.55');
    expect(explainScore(r, 'access').text).toContain('quota       3.00 × -1  included');
  });

  it('missing parts: left out (no renormalising), counted as the scale minimum times the multiplier, or failing the sum', () => {
    const set = answers({ permit: 'full', quota: 'unknown', fee: 'yes' });
    const omitted = findScoredNode(scoreText(loadText(points()), set).root, 'access')!;
    // 2 − 0.05
    expect(omitted.score).toBe('1.95');
    expect(omitted.reason).toBe('Missing quota left out');
    const minimum = findScoredNode(scoreText(loadText(points('sum', '    missing: { policy: minimum }\n')), set).root, 'access')!;
    // 2 + (−1)(−10) − 0.05: the scale minimum −10 times the multiplier −1
    expect(minimum.score).toBe('11.95');
    expect(minimum.children.find((c) => c.id === 'quota')!.handling).toBe('counted-as-minimum');
    expect(findScoredNode(scoreText(loadText(points('sum', '    missing: { policy: fail }\n')), set).root, 'access')!.status).toBe('missing');
  });

  it('a declared scale must hold what the parts can produce (RUBRIC_SUM_SCALE at the scale); one that does is accepted', () => {
    // The parts produce −3.05 (none, quota, fee) to 2 (full, no quota, no fee).
    const narrow = loadRubric(points('{ method: sum, scale: { min: -3, max: 2 } }'), { file: 'r.yaml' });
    const found = narrow.diagnostics.filter((d) => d.code === 'RUBRIC_SUM_SCALE');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', line: 9, column: 40, path: ['areas', 0, 'aggregation', 'scale'] });
    expect(found[0]!.message).toContain('-3.05–2');
    expect(loadRubric(points('{ method: sum, scale: { min: -3.05, max: 2 } }'), { file: 'r.yaml' }).diagnostics).toEqual([]);
  });

  it('a variant may sum its areas, with multipliers on the areas; its declared scale is checked', () => {
    const text = (scale: string) => `${HEAD}scale: { min: -10, max: 10 }
areas:
  - id: gain
    title: Gain
    indicators:
      - { id: g1, title: G1, type: yes-no, scores: { yes: 4, no: 0 } }
  - id: loss
    title: Loss
    multiplier: -1
    indicators:
      - { id: l1, title: L1, type: yes-no, scores: { yes: 1.25, no: 0 } }
variants:
  - id: net
    title: Net
    areas: [gain, loss]
    aggregation: { method: sum${scale} }
`;
    const r = scoreText(loadText(text('')), answers({ g1: 'yes', l1: 'yes' }));
    // 4 − 1.25
    expect(r.root.score).toBe('2.75');
    expect(r.root.children.map((c) => c.effectiveWeight)).toEqual(['1', '-1']);
    const narrow = loadRubric(text(', scale: { min: 0, max: 4 }'), { file: 'r.yaml' });
    expect(narrow.diagnostics.map((d) => [d.code, d.path])).toEqual([['RUBRIC_SUM_SCALE', ['variants', 0, 'aggregation', 'scale']]]);
    expect(narrow.diagnostics[0]!.message).toContain('-1.25–4');
  });

  it('a multiplier under a parent that does not sum is reported', () => {
    const r = loadRubric(points('mean'), { file: 'r.yaml' });
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['SCHEMA_INVALID_VALUE', ['areas', 0, 'indicators', 1, 'multiplier']],
      ['SCHEMA_INVALID_VALUE', ['areas', 0, 'indicators', 2, 'multiplier']],
    ]);
  });
});

describe('effective weights and shares of the top score', () => {
  const linear = `${HEAD}areas:
  - id: a
    title: A
    weight: 3
    aggregation: weighted-mean
    dimensions:
      - id: d1
        title: D1
        weight: 2
        indicators:
          - { id: q1, title: Q1, type: yes-no, scores: { yes: 100, no: 0 } }
          - { id: q2, title: Q2, type: yes-no, weight: 7, scores: { yes: 100, no: 0 } }
      - id: d2
        title: D2
        aggregation: weighted-mean
        indicators:
          - { id: q3, title: Q3, type: yes-no, weight: 3, scores: { yes: 100, no: 0 } }
          - { id: q4, title: Q4, type: yes-no, scores: { yes: 100, no: 0 } }
  - id: b
    title: B
    indicators:
      - { id: q5, title: Q5, type: yes-no, scores: { yes: 100, no: 0 } }
      - { id: q6, title: Q6, type: yes-no, scores: { yes: 100, no: 0 } }
      - { id: q7, title: Q7, type: yes-no, scores: { yes: 100, no: 0 } }
aggregation: weighted-mean
`;
  const sumShares = (r: ScoreResult) =>
    allNodes(r.root)
      .filter((n) => n.kind === 'question' && n.status === 'scored')
      .reduce((s, n) => s.plus(n.shareOfTop!), new R(0));

  it('sum to 1 over the scored questions of a linear tree', () => {
    const r = scoreText(loadText(linear), answers({ q1: 'yes', q2: 'no', q3: 'yes', q4: 'no', q5: 'yes', q6: 'no', q7: 'yes' }));
    expect(sumShares(r).minus(1).abs().lt('1e-50')).toBe(true);
    expect(r.root.shareOfTop).toBe('1');
    // q3 carries 3/4 of d2, d2 has 1/3 of a (weights 2 : 1), a has 3/4 of the top: 3/16.
    expect(findScoredNode(r.root, 'q3')!.shareOfTop).toBe('0.1875');
  });

  it('still sum to 1 when a question is missing and omitted', () => {
    const r = scoreText(loadText(linear), answers({ q1: 'yes', q2: 'no', q3: 'unknown', q4: 'no', q5: 'yes', q6: 'no', q7: 'yes' }));
    expect(findScoredNode(r.root, 'q3')!.shareOfTop).toBeNull();
    expect(sumShares(r).minus(1).abs().lt('1e-50')).toBe(true);
  });

  it('the score equals the share-weighted sum of question scores', () => {
    const r = scoreText(loadText(linear), answers({ q1: 'yes', q2: 'no', q3: 'yes', q4: 'no', q5: 'yes', q6: 'no', q7: 'yes' }));
    const sum = allNodes(r.root)
      .filter((n) => n.kind === 'question')
      .reduce((s, n) => s.plus(new R(n.shareOfTop!).times(n.score!)), new R(0));
    expect(sum.minus(r.root.score!).abs().lt('1e-45')).toBe(true);
  });
});

describe('display rounding', () => {
  const rubric = (rounding: string, value: string) => `${HEAD}display: { precision: 1, rounding: ${rounding} }
areas:
  - id: a
    title: A
    indicators:
      - { id: q, title: Q, type: yes-no, scores: { yes: ${value}, no: 0 } }
`;
  const display = (rounding: string, value: string) => scoreText(loadText(rubric(rounding, value)), answers({ q: 'yes' })).root.display;

  it('half-up and half-even differ on x.x5', () => {
    expect(display('half-up', '2.25')).toBe('2.3');
    expect(display('half-even', '2.25')).toBe('2.2');
    expect(display('half-up', '2.35')).toBe('2.4');
    expect(display('half-even', '2.35')).toBe('2.4');
    expect(display('half-down', '2.35')).toBe('2.3');
    expect(display('up', '2.31')).toBe('2.4');
    expect(display('down', '2.39')).toBe('2.3');
  });

  it('the exact score is never rounded', () => {
    expect(scoreText(loadText(rubric('half-even', '2.25')), answers({ q: 'yes' })).root.score).toBe('2.25');
  });

  it('0.1 + 0.2 style sums are exact', () => {
    const t = `${HEAD}areas:
  - id: a
    title: A
    indicators:
      - id: m
        title: M
        type: multiple-choice
        options:
          - { id: a1, label: A1, score: 0.1 }
          - { id: a2, label: A2, score: 0.2 }
`;
    expect(scoreText(loadText(t), answers({ m: '[a1, a2]' })).root.score).toBe('0.3');
  });
});

describe('results are plain data', () => {
  it('survive a JSON round trip unchanged (no Decimal objects, no undefined)', () => {
    for (const file of [NORTHLAND, SOUTHLAND]) {
      const r = scoreText(demo, readFileSync(file, 'utf8'));
      expect(JSON.parse(JSON.stringify(r))).toStrictEqual(r);
      for (const n of allNodes(r.root)) {
        expect(n.score === null || typeof n.score === 'string').toBe(true);
        expect(n.value === null || typeof n.value === 'number').toBe(true);
        if (n.score !== null) expect(n.value).toBe(Number(n.score));
      }
    }
  });
});

describe('explainScore', () => {
  const r = scoreText(demo, readFileSync(NORTHLAND, 'utf8'));

  it('explains a decision table node with its matched row', () => {
    const ex = explainScore(r, 'income-rule');
    expect(ex.diagnostics).toEqual([]);
    expect(ex.node!.id).toBe('income-rule');
    expect(ex.text).toContain('NO 2024 · welcome-demo@1.0.0 · variant all');
    expect(ex.text).toContain('score: 75.0 (exact 75)');
    expect(ex.text).toContain('matched: row 2 "modest level, any source"');
    expect(ex.text).toMatch(/income-level\s+50\.0\s+decision-table input/);
  });

  it('explains a question with its evidence and source position', () => {
    const ex = explainScore(r, 'permit-wait');
    expect(ex.text).toContain('answer: 3 months [3]');
    expect(ex.text).toContain('band or rule: up to six months');
    expect(ex.text).toContain('citation: Foreigners Act, § 12, https://example.org/foreigners-act#12');
    expect(ex.text).toMatch(/written at: .*northland-2024\.yaml:10:3|written at: answers\.yaml:10:3/);
  });

  it('explains a weighted node with shares', () => {
    const ex = explainScore(r, 'work');
    expect(ex.text).toContain('aggregation: weighted-mean');
    expect(ex.text).toMatch(/work-access\s+60\.0 × 66\.67%/);
  });

  it('SCORE_NODE_UNKNOWN with a hint for an unknown node', () => {
    const ex = explainScore(r, 'incme-rule');
    expect(ex.node).toBeUndefined();
    expect(ex.text).toBe('');
    expect(ex.diagnostics.map((d) => [d.code, d.hint])).toEqual([['SCORE_NODE_UNKNOWN', 'Did you mean "income-rule"?']]);
  });
});

describe('exact values on the trace', () => {
  it('every scored node carries its exact value, including the nodes variants and flattened groups show again', async () => {
    const { loadRubricFile, loadAnswerSetFile } = await import('../src/node/files.js');
    const { keptExact } = await import('../src/scoring/exact-value.js');
    const { exactString } = await import('../src/exact/index.js');
    const rubric = loadRubricFile('rubrics/mipex-2020').value!;
    const set = loadAnswerSetFile('examples/mipex/SE/SE-2019.yaml').value!;
    const result = scoreAnswerSet(rubric, set, { reportMissing: false });
    const scored = allNodes(result.root).filter((n) => n.score !== null);
    expect(scored.length).toBeGreaterThanOrEqual(100);
    // Area nodes under the root are copies (the variant shows them with its own handling).
    expect(result.root.children.every((c) => keptExact(c) !== undefined)).toBe(true);
    for (const n of scored) {
      const x = keptExact(n);
      expect(x, n.id).toBeDefined();
      expect(exactString(x!), n.id).toBe(n.score);
    }
    // Some of these are non-terminating fractions, which a 60-digit string cannot give back.
    expect(scored.some((n) => n.score!.replace(/^-?0?\.?/, '').replace('.', '').length >= 60)).toBe(true);
  });

  it('every node, copied or not, lists its keys in one order (so JSON output keeps its shape)', async () => {
    const { loadRubricFile, loadAnswerSetFile } = await import('../src/node/files.js');
    const order = ['id', 'kind', 'level', 'title', 'status', 'score', 'display', 'value', 'weight', 'effectiveWeight', 'shareOfTop', 'handling', 'children', 'dimension', 'reason', 'answer', 'method', 'missing', 'matchedRow'];
    const rubric = loadRubricFile('rubrics/mipex-2020').value!;
    for (const variant of rubric.variants.map((v) => v.id)) {
      const result = scoreAnswerSet(rubric, loadAnswerSetFile('examples/mipex/BE/BE-2019.yaml').value!, { reportMissing: false, variant });
      const nodes = allNodes(result.root);
      if (variant !== rubric.defaultVariant) expect(nodes.some((n) => n.handling === 'not-in-variant')).toBe(true);
      for (const n of nodes) {
        const keys = Object.keys(n);
        expect(keys, n.id).toEqual(order.filter((k) => keys.includes(k)));
      }
    }
  });
});
