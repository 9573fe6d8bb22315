import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../src/rubric/load.js';
import { loadRubricFile } from '../src/node/files.js';
import { DEMO_RUBRIC, HEAD, at, loadFromFiles, posOf, valuePos, where, withCode } from './engine-helpers.js';

const F = 'r.yaml';
const load = (text: string) => loadRubric(text, { file: F });
const codes = (text: string) => where(load(text).diagnostics);

/** One area `a` holding the given indicator lines (already indented by 6 spaces). */
const oneArea = (indicators: string, extra = '') => `${HEAD}areas:
  - id: a
    title: A
    indicators:
${indicators}${extra}`;

const yesNo = (id: string, more = '') => `      - id: ${id}
        title: ${id.toUpperCase()}
        type: yes-no
        scores: { yes: 100, no: 0 }
${more}`;

describe('the demo rubric', () => {
  it('loads from its folder with both included area files and no diagnostics', () => {
    const r = loadRubricFile(DEMO_RUBRIC);
    expect(r.diagnostics).toEqual([]);
    const rubric = r.value!;
    expect(rubric.id).toBe('welcome-demo');
    expect(rubric.version).toBe('1.0.0');
    expect(rubric.files.map((f) => f.slice(f.indexOf('examples/')))).toEqual([
      'examples/demo/rubric/index.yaml',
      'examples/demo/rubric/areas/work.yaml',
      'examples/demo/rubric/areas/family.yaml',
    ]);
    expect(rubric.root.children.map((a) => a.id)).toEqual(['work', 'family', 'voice']);
    expect(rubric.questions.map((q) => q.id)).toEqual([
      'permit-wait', 'sectors', 'job-services', 'training',
      'reunion-allowed', 'income-level', 'income-sources', 'waiting-period',
      'local-vote', 'consultative-body',
    ]);
    expect(rubric.variants.map((v) => [v.id, v.default])).toEqual([['all', true], ['core', false]]);
    expect(rubric.defaultVariant).toBe('all');
    expect(rubric.display).toEqual({ precision: 1, rounding: 'half-up' });
    expect(Object.keys(r.sources)).toHaveLength(3);
  });

  it('loads through loadRubric with a readFile callback, reading only the included files', () => {
    const index = readFileSync(join(DEMO_RUBRIC, 'index.yaml'), 'utf8');
    const reads: string[] = [];
    const r = loadRubric(index, {
      file: 'demo/index.yaml',
      readFile: (rel) => {
        reads.push(rel);
        return readFileSync(join(DEMO_RUBRIC, rel), 'utf8');
      },
    });
    expect(r.diagnostics).toEqual([]);
    expect(reads).toEqual(['areas/work.yaml', 'areas/family.yaml']);
    expect(r.value!.files).toEqual(['demo/index.yaml', 'demo/areas/work.yaml', 'demo/areas/family.yaml']);
    // Node positions point into the file that declared them.
    const work = r.value!.nodes.get('permit-wait')!;
    expect(work.source.file).toBe('demo/areas/work.yaml');
    expect(work.source.line).toBe(posOf(readFileSync(join(DEMO_RUBRIC, 'areas/work.yaml'), 'utf8'), 'id: permit-wait').line);
  });

  it('reports diagnostics in an included file at that file\'s positions', () => {
    const area = 'id: b\ntitle: B\nindicators:\n  - id: q\n    title: Q\n    type: yes-no\n    weight: 0\n    scores: { yes: 100, no: 0 }\n';
    const r = loadFromFiles({ 'x/index.yaml': `${HEAD}areas:\n  - include: areas/b.yaml\n`, 'x/areas/b.yaml': area });
    expect(where(r.diagnostics)).toEqual([at('RUBRIC_INVALID_WEIGHT', 'x/areas/b.yaml', valuePos(area, 'weight: 0'))]);
  });
});

describe('ids and references', () => {
  it('RUBRIC_DUPLICATE_ID at the second id', () => {
    const t = oneArea(yesNo('q1') + yesNo('q1'));
    expect(codes(t)).toEqual([at('RUBRIC_DUPLICATE_ID', F, valuePos(t, 'id: q1', 1))]);
  });

  it('RUBRIC_DUPLICATE_ID across files and for an alias that is another node\'s id', () => {
    const area = 'id: b\ntitle: B\nindicators:\n  - id: q1\n    title: Q\n    type: yes-no\n    scores: { yes: 100, no: 0 }\n';
    const index = `${HEAD}areas:\n  - include: b.yaml\n  - id: a\n    title: A\n    indicators:\n${yesNo('q1')}${yesNo('q2', '        aliases: [b]\n')}`;
    const r = loadFromFiles({ 'index.yaml': index, 'b.yaml': area });
    expect(where(r.diagnostics)).toEqual([
      at('RUBRIC_DUPLICATE_ID', 'index.yaml', valuePos(index, 'id: q1')),
      at('RUBRIC_DUPLICATE_ID', 'index.yaml', posOf(index, 'b]')),
    ]);
  });

  it('RUBRIC_UNKNOWN_REFERENCE for variant areas, with a did-you-mean hint', () => {
    const t = oneArea(yesNo('q1'), 'variants:\n  - { id: v, title: V, areas: [a, aa] }\n  - { id: w, title: W, areas: [zzzzzz] }\n');
    const ds = load(t).diagnostics;
    const refs = withCode(ds, 'RUBRIC_UNKNOWN_REFERENCE');
    expect(where(refs)).toEqual([at('RUBRIC_UNKNOWN_REFERENCE', F, posOf(t, 'aa]')), at('RUBRIC_UNKNOWN_REFERENCE', F, posOf(t, 'zzzzzz'))]);
    expect(refs[0]!.hint).toBe('Did you mean "a"?');
    expect(refs[1]!.hint).toBeUndefined();
  });

  it('RUBRIC_UNKNOWN_REFERENCE for an applicability question, with a hint', () => {
    const t = oneArea(yesNo('permit') + yesNo('q2', '        appliesWhen: { question: permt, in: [yes] }\n'));
    const d = withCode(load(t).diagnostics, 'RUBRIC_UNKNOWN_REFERENCE');
    expect(where(d)).toEqual([at('RUBRIC_UNKNOWN_REFERENCE', F, posOf(t, 'permt'))]);
    expect(d[0]!.hint).toBe('Did you mean "permit"?');
  });

  it('RUBRIC_UNKNOWN_REFERENCE for a multiple-choice rule naming a missing option', () => {
    const t = oneArea(`      - id: m
        title: M
        type: multiple-choice
        options:
          - { id: alpha, label: Alpha, score: 50 }
          - { id: beta, label: Beta, score: 50 }
        scoring:
          method: rules
          rules:
            - { all: [alpha, btea], score: 100 }
          default: 0
`);
    const d = withCode(load(t).diagnostics, 'RUBRIC_UNKNOWN_REFERENCE');
    expect(where(d)).toEqual([at('RUBRIC_UNKNOWN_REFERENCE', F, posOf(t, 'btea'))]);
    expect(d[0]!.hint).toBe('Did you mean "beta"?');
  });
});

describe('weights', () => {
  for (const w of ['0', '-1', '-0.5', '.inf', '-.inf', '.nan']) {
    it(`RUBRIC_INVALID_WEIGHT for weight ${w}, at the value`, () => {
      const t = oneArea(yesNo('q1', `        weight: ${w}\n`) + yesNo('q2'));
      const ds = load(t);
      expect(ds.value).toBeUndefined();
      expect(where(ds.diagnostics)).toEqual([at('RUBRIC_INVALID_WEIGHT', F, valuePos(t, `weight: ${w}`))]);
    });
  }

  it('a weight on a dimension and on a group is checked too', () => {
    const t = `${HEAD}areas:
  - id: a
    title: A
    weight: 0
    dimensions:
      - id: d
        title: D
        weight: -2
        indicators:
${yesNo('q1').replace(/^/gm, '    ')}`;
    expect(codes(t)).toEqual([
      at('RUBRIC_INVALID_WEIGHT', F, valuePos(t, 'weight: 0')),
      at('RUBRIC_INVALID_WEIGHT', F, valuePos(t, 'weight: -2')),
    ]);
  });
});

describe('scores and scales', () => {
  it('RUBRIC_SCORE_OUT_OF_SCALE for option scores above and below the scale', () => {
    const t = oneArea(`      - id: s
        title: S
        type: single-choice
        options:
          - { id: hi, label: High, score: 101 }
          - { id: ok, label: Ok, score: 100 }
          - { id: lo, label: Low, score: -1 }
`);
    expect(codes(t)).toEqual([
      at('RUBRIC_SCORE_OUT_OF_SCALE', F, posOf(t, '101')),
      at('RUBRIC_SCORE_OUT_OF_SCALE', F, posOf(t, '-1 }')),
    ]);
  });

  it('RUBRIC_SCORE_OUT_OF_SCALE respects a custom scale, for yes/no, bands, not-applicable scores', () => {
    const t = `${HEAD}scale: { min: 0, max: 1 }
areas:
  - id: a
    title: A
    indicators:
      - id: y
        title: Y
        type: yes-no
        scores: { yes: 2, no: 0 }
      - id: n
        title: N
        type: number
        bands:
          - { max: 5, score: 1 }
          - { min: 6, score: 3 }
      - id: z
        title: Z
        type: yes-no
        scores: { yes: 1, no: 0 }
        notApplicable: { score: 7 }
`;
    expect(codes(t)).toEqual([
      at('RUBRIC_SCORE_OUT_OF_SCALE', F, valuePos(t, 'yes: 2')),
      at('RUBRIC_SCORE_OUT_OF_SCALE', F, valuePos(t, 'score: 3')),
      at('RUBRIC_SCORE_OUT_OF_SCALE', F, valuePos(t, 'score: 7')),
    ]);
  });

  it('RUBRIC_MULTIPLE_CHOICE_RANGE when summing options can leave the scale', () => {
    const t = oneArea(`      - id: m
        title: M
        type: multiple-choice
        options:
          - { id: a1, label: A1, score: 60 }
          - { id: a2, label: A2, score: 60 }
`);
    expect(codes(t)).toEqual([at('RUBRIC_MULTIPLE_CHOICE_RANGE', F, posOf(t, '- { id: a1'))]);
  });

  it('RUBRIC_GEOMETRIC_NEGATIVE on a scale below zero', () => {
    const t = `${HEAD}scale: { min: -10, max: 10 }
areas:
  - id: a
    title: A
    aggregation: geometric-mean
    indicators:
      - id: y
        title: Y
        type: yes-no
        scores: { yes: 10, no: -10 }
`;
    expect(codes(t)).toEqual([at('RUBRIC_GEOMETRIC_NEGATIVE', F, valuePos(t, 'aggregation: geometric-mean'))]);
  });
});

describe('options', () => {
  it('RUBRIC_RESERVED_ID for unknown and not-applicable as option ids', () => {
    const t = oneArea(`      - id: s
        title: S
        type: single-choice
        options:
          - { id: unknown, label: U, score: 0 }
          - { id: not-applicable, label: N, score: 0 }
          - { id: fine, label: F, score: 100 }
`);
    expect(codes(t)).toEqual([
      at('RUBRIC_RESERVED_ID', F, posOf(t, 'unknown,')),
      at('RUBRIC_RESERVED_ID', F, posOf(t, 'not-applicable,')),
    ]);
  });

  it('RUBRIC_OPTION_DUPLICATE at the second option id', () => {
    const t = oneArea(`      - id: s
        title: S
        type: single-choice
        options:
          - { id: same, label: One, score: 0 }
          - { id: same, label: Two, score: 100 }
`);
    expect(codes(t)).toEqual([at('RUBRIC_OPTION_DUPLICATE', F, posOf(t, 'same', 0, 1))]);
  });

  it('SCHEMA_MISSING_FIELD when a choice question has no options or a yes/no question no scores', () => {
    const t = oneArea(`      - id: s
        title: S
        type: single-choice
      - id: y
        title: Y
        type: yes-no
`);
    expect(codes(t)).toEqual([at('SCHEMA_MISSING_FIELD', F, posOf(t, 'id: s')), at('SCHEMA_MISSING_FIELD', F, posOf(t, 'id: y'))]);
  });
});

describe('number bands', () => {
  const bands = (lines: string, range = '') => oneArea(`      - id: n
        title: N
        type: number
${range}        bands:
${lines}`);

  it('RUBRIC_BANDS_OVERLAP at the later band', () => {
    const t = bands('          - { min: 0, max: 5, score: 0 }\n          - { min: 5, max: 9, score: 100 }\n');
    expect(codes(t)).toEqual([at('RUBRIC_BANDS_OVERLAP', F, posOf(t, '{ min: 5'))]);
  });

  it('RUBRIC_BANDS_GAP (warning) between bands, and below/above the declared range', () => {
    const t = bands('          - { min: 2, max: 5, score: 0 }\n          - { min: 8, max: 9, score: 100 }\n', '        range: { min: 0, max: 20 }\n');
    const r = load(t);
    expect(r.value).toBeDefined();
    expect(where(r.diagnostics)).toEqual([
      at('RUBRIC_BANDS_GAP', F, posOf(t, '{ min: 8')),
      at('RUBRIC_BANDS_GAP', F, posOf(t, '- { min: 2')),
      at('RUBRIC_BANDS_GAP', F, posOf(t, '- { min: 2')),
    ]);
    expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('adjacent integer bands leave no gap', () => {
    const t = bands('          - { min: 0, max: 5, score: 0 }\n          - { min: 6, score: 100 }\n');
    expect(codes(t)).toEqual([]);
  });
});

describe('decision tables', () => {
  const table = (aggregation: string) => oneArea(`      - id: t
        title: T
        questions:
          - id: x
            title: X
            type: single-choice
            options:
              - { id: lo, label: Lo, score: 0 }
              - { id: hi, label: Hi, score: 100 }
          - id: y
            title: Y
            type: yes-no
            scores: { yes: 100, no: 0 }
        aggregation:
${aggregation}`);

  it('RUBRIC_DECISION_TABLE_INPUT for an input that is not a child (with hint)', () => {
    const t = table('          method: decision-table\n          inputs: [x, yy]\n          rows:\n            - { when: {}, score: 0 }\n');
    const d = withCode(load(t).diagnostics, 'RUBRIC_DECISION_TABLE_INPUT');
    expect(where(d)).toEqual([at('RUBRIC_DECISION_TABLE_INPUT', F, posOf(t, 'yy'))]);
    expect(d[0]!.hint).toBe('Did you mean "y"?');
  });

  it('RUBRIC_DECISION_TABLE_INPUT for a row testing a non-input (at the key) and an unknown option (at the value)', () => {
    const t = table('          method: decision-table\n          rows:\n            - { when: { z: hi }, score: 0 }\n            - { when: { x: hii }, score: 0 }\n            - { when: {}, score: 50 }\n');
    const d = withCode(load(t).diagnostics, 'RUBRIC_DECISION_TABLE_INPUT');
    expect(where(d)).toEqual([at('RUBRIC_DECISION_TABLE_INPUT', F, posOf(t, 'z: hi')), at('RUBRIC_DECISION_TABLE_INPUT', F, posOf(t, 'hii'))]);
    expect(d[1]!.hint).toBe('Did you mean "hi"?');
  });

  it('RUBRIC_DECISION_TABLE_UNCOVERED (warning) when some combination matches no row and there is no default', () => {
    const t = table('          method: decision-table\n          rows:\n            - { when: { x: hi }, score: 100 }\n            - { when: { x: lo, y: yes }, score: 50 }\n');
    const r = load(t);
    expect(r.value).toBeDefined();
    const d = withCode(r.diagnostics, 'RUBRIC_DECISION_TABLE_UNCOVERED');
    expect(where(d)).toEqual([at('RUBRIC_DECISION_TABLE_UNCOVERED', F, posOf(t, '- { when: { x: hi'))]);
    expect(d[0]!.severity).toBe('warning');
    expect(d[0]!.message).toContain('x=lo, y=no');
  });

  it('a default or a wildcard row covers everything', () => {
    expect(codes(table('          method: decision-table\n          rows:\n            - { when: { x: hi }, score: 100 }\n          default: 0\n'))).toEqual([]);
    expect(codes(table('          method: decision-table\n          rows:\n            - { when: { x: hi }, score: 100 }\n            - { when: { x: "*", y: "*" }, score: 0 }\n'))).toEqual([]);
  });

  it('RUBRIC_DECISION_TABLE_UNREACHABLE_ROW (warning) for a row after a catch-all', () => {
    const t = table('          method: decision-table\n          rows:\n            - { when: { x: [lo, hi] }, score: 100 }\n            - { when: { x: hi, y: yes }, score: 0 }\n');
    const r = load(t);
    expect(where(r.diagnostics)).toEqual([at('RUBRIC_DECISION_TABLE_UNREACHABLE_ROW', F, posOf(t, '{ when: { x: hi, y'))]);
    expect(r.diagnostics[0]!.severity).toBe('warning');
  });

  it('RUBRIC_SCORE_OUT_OF_SCALE for a row score and a default', () => {
    const t = table('          method: decision-table\n          rows:\n            - { when: { x: hi }, score: 150 }\n          default: -5\n');
    expect(codes(t)).toEqual([at('RUBRIC_SCORE_OUT_OF_SCALE', F, posOf(t, '150')), at('RUBRIC_SCORE_OUT_OF_SCALE', F, valuePos(t, 'default: -5'))]);
  });
});

describe('applicability', () => {
  it('RUBRIC_APPLICABILITY for a value the target cannot take, and for a non-question target', () => {
    const t = `${HEAD}areas:
  - id: a
    title: A
    indicators:
${yesNo('q1')}${yesNo('q2', '        appliesWhen: { question: q1, in: [maybe] }\n')}${yesNo('q3', '        appliesWhen: { question: a, in: [yes] }\n')}`;
    expect(codes(t)).toEqual([at('RUBRIC_APPLICABILITY', F, posOf(t, 'maybe')), at('RUBRIC_APPLICABILITY', F, posOf(t, 'a, in'))]);
  });

  it('RUBRIC_CYCLE for a question depending on itself', () => {
    const t = oneArea(yesNo('q1', '        appliesWhen: { question: q1, in: [yes] }\n'));
    expect(codes(t)).toEqual([at('RUBRIC_CYCLE', F, posOf(t, 'q1, in'))]);
  });

  it('RUBRIC_CYCLE once for a longer cycle', () => {
    const t = oneArea(
      yesNo('q1', '        appliesWhen: { question: q3, in: [yes] }\n') +
        yesNo('q2', '        appliesWhen: { question: q1, in: [no] }\n') +
        yesNo('q3', '        appliesWhen: { question: q2, in: [yes] }\n'),
    );
    expect(codes(t)).toEqual([at('RUBRIC_CYCLE', F, posOf(t, 'q3, in'))]);
  });

  it('a boolean `in` value is read as yes/no', () => {
    const t = oneArea(yesNo('q1') + yesNo('q2', '        appliesWhen: { question: q1, in: [true] }\n'));
    expect(codes(t)).toEqual([]);
  });
});

describe('variants and areas', () => {
  it('RUBRIC_UNREACHABLE_NODE (warning) for an area in no variant', () => {
    const t = `${HEAD}areas:
  - id: a
    title: A
    indicators:
${yesNo('q1')}  - id: b
    title: B
    indicators:
${yesNo('q2')}variants:
  - { id: v, title: V, areas: [a] }
`;
    const r = load(t);
    expect(r.value).toBeDefined();
    expect(where(r.diagnostics)).toEqual([at('RUBRIC_UNREACHABLE_NODE', F, valuePos(t, 'id: b'))]);
    expect(r.diagnostics[0]!.severity).toBe('warning');
  });

  it('RUBRIC_VARIANT for duplicate variant ids, an area listed twice, two defaults', () => {
    const t = oneArea(yesNo('q1'), `variants:
  - { id: v, title: V, areas: [a, a], default: true }
  - { id: v, title: W, areas: [a], default: true }
`);
    expect(codes(t)).toEqual([
      at('RUBRIC_VARIANT', F, posOf(t, 'a]', 0, 0)),
      at('RUBRIC_VARIANT', F, posOf(t, 'v, title: W')),
      at('RUBRIC_VARIANT', F, posOf(t, '- { id: v')),
    ]);
  });

  it('RUBRIC_EMPTY_NODE for an area without dimensions or indicators', () => {
    const t = `${HEAD}areas:\n  - id: a\n    title: A\n`;
    expect(codes(t)).toEqual([at('RUBRIC_EMPTY_NODE', F, posOf(t, 'id: a'))]);
  });
});

describe('outcomes never enter a rubric', () => {
  it('RUBRIC_OUTCOME_REFERENCE at the `outcome` key of a question, an area and the index', () => {
    const t = `${HEAD}outcome: x
areas:
  - id: a
    title: A
    outcome: employment-gap
    indicators:
${yesNo('q1', '        outcome: employment-rate\n')}`;
    expect(codes(t)).toEqual([
      at('RUBRIC_OUTCOME_REFERENCE', F, posOf(t, 'outcome: x')),
      at('RUBRIC_OUTCOME_REFERENCE', F, posOf(t, 'outcome: employment-gap')),
      at('RUBRIC_OUTCOME_REFERENCE', F, posOf(t, 'outcome: employment-rate')),
    ]);
  });
});

describe('includes', () => {
  const area = 'id: b\ntitle: B\nindicators:\n  - id: q\n    title: Q\n    type: yes-no\n    scores: { yes: 100, no: 0 }\n';
  for (const bad of ['../x.yaml', '/etc/passwd', 'a/../../b.yaml', 'C:/x.yaml', 'a\\..\\..\\b.yaml', 'file:///etc/passwd', '..']) {
    it(`PATH_OUTSIDE_RUBRIC for ${JSON.stringify(bad)}, without reading anything`, () => {
      const index = `${HEAD}areas:\n  - include: ${JSON.stringify(bad)}\n`;
      const r = loadFromFiles({ 'rubric/index.yaml': index, 'x.yaml': area, 'rubric/b.yaml': area });
      expect(where(r.diagnostics)).toEqual([at('PATH_OUTSIDE_RUBRIC', 'rubric/index.yaml', valuePos(index, `include: ${JSON.stringify(bad)}`))]);
      expect(r.reads).toEqual([]);
    });
  }

  it('an include that goes down and up again inside the folder is fine', () => {
    const index = `${HEAD}areas:\n  - include: sub/../b.yaml\n`;
    const r = loadFromFiles({ 'index.yaml': index, 'b.yaml': area });
    expect(r.diagnostics).toEqual([]);
    expect(r.reads).toEqual(['b.yaml']);
  });

  it('FILE_NOT_FOUND for a missing included file, at the include value', () => {
    const index = `${HEAD}areas:\n  - include: areas/missing.yaml\n`;
    const r = loadFromFiles({ 'index.yaml': index });
    expect(where(r.diagnostics)).toEqual([at('FILE_NOT_FOUND', 'index.yaml', valuePos(index, 'include: areas/missing.yaml'))]);
  });

  it('FILE_NOT_FOUND when readFile throws', () => {
    const index = `${HEAD}areas:\n  - include: b.yaml\n`;
    const r = loadRubric(index, { file: 'index.yaml', readFile: () => { throw new Error('EACCES'); } });
    expect(where(r.diagnostics)).toEqual([at('FILE_NOT_FOUND', 'index.yaml', valuePos(index, 'include: b.yaml'))]);
  });

  it('INCLUDE_CYCLE when a file is included twice', () => {
    const index = `${HEAD}areas:\n  - include: b.yaml\n  - include: ./b.yaml\n`;
    const r = loadFromFiles({ 'index.yaml': index, 'b.yaml': area });
    expect(where(r.diagnostics)).toEqual([at('INCLUDE_CYCLE', 'index.yaml', valuePos(index, 'include: ./b.yaml'))]);
  });

  it('FILE_NOT_FOUND without readFile', () => {
    const index = `${HEAD}areas:\n  - include: b.yaml\n`;
    expect(where(loadRubric(index, { file: 'i.yaml' }).diagnostics)).toEqual([at('FILE_NOT_FOUND', 'i.yaml', valuePos(index, 'include: b.yaml'))]);
  });
});

describe('schema', () => {
  it('SCHEMA_UNKNOWN_FIELD at the key, with a hint', () => {
    const t = oneArea(yesNo('q1', '        wieght: 2\n')).replace('title: R', 'titel: R\ntitle: R');
    const r = load(t);
    expect(where(r.diagnostics)).toEqual([at('SCHEMA_UNKNOWN_FIELD', F, posOf(t, 'titel'))]);
    expect(r.diagnostics[0]!.hint).toBe('Did you mean "title"?');
    // Fixing the header reveals the question's unknown field.
    const t2 = t.replace('titel: R\n', '');
    const r2 = load(t2);
    expect(where(r2.diagnostics)).toEqual([at('SCHEMA_UNKNOWN_FIELD', F, posOf(t2, 'wieght'))]);
    expect(r2.diagnostics[0]!.hint).toBe('Did you mean "weight"?');
  });

  it('SCHEMA_MISSING_FIELD for a header field and for a question title', () => {
    const t = 'schemaVersion: 1\nversion: 1.0.0\ntitle: R\nareas: []\n';
    const r = load(t);
    expect(withCode(r.diagnostics, 'SCHEMA_MISSING_FIELD').map((d) => d.path)).toEqual([['id']]);
    const t2 = oneArea('      - id: q\n        type: yes-no\n        scores: { yes: 100, no: 0 }\n');
    expect(codes(t2)).toEqual([at('SCHEMA_MISSING_FIELD', F, posOf(t2, 'id: q'))]);
  });

  it('SCHEMA_INVALID_TYPE for a title that is a number, at the value', () => {
    const t = oneArea(yesNo('q1')).replace('title: R', 'title: 42');
    expect(codes(t)).toEqual([at('SCHEMA_INVALID_TYPE', F, valuePos(t, 'title: 42'))]);
  });

  it('SCHEMA_INVALID_VALUE for a bad id and version', () => {
    const t = oneArea(yesNo('q1')).replace('id: r', 'id: My Index').replace('version: 1.0.0', 'version: one');
    expect(codes(t)).toEqual([at('SCHEMA_INVALID_VALUE', F, valuePos(t, 'id: My Index')), at('SCHEMA_INVALID_VALUE', F, valuePos(t, 'version: one'))]);
  });

  it('SCHEMA_VERSION_UNSUPPORTED for schemaVersion 2, at the value, and nothing else', () => {
    const t = oneArea(yesNo('q1')).replace('schemaVersion: 1', 'schemaVersion: 2');
    const r = load(t);
    expect(r.value).toBeUndefined();
    expect(where(r.diagnostics)).toEqual([at('SCHEMA_VERSION_UNSUPPORTED', F, valuePos(t, 'schemaVersion: 2'))]);
  });

  it('schemaVersion as text: "2" is unsupported, "1" is a wrong type rather than "version 1 unsupported"', () => {
    const t2 = oneArea(yesNo('q1')).replace('schemaVersion: 1', 'schemaVersion: "2"');
    expect(codes(t2)).toEqual([at('SCHEMA_VERSION_UNSUPPORTED', F, valuePos(t2, 'schemaVersion: "2"'))]);
    const t1 = oneArea(yesNo('q1')).replace('schemaVersion: 1', 'schemaVersion: "1"');
    expect(codes(t1)).toEqual([at('SCHEMA_INVALID_VALUE', F, valuePos(t1, 'schemaVersion: "1"'))]);
  });

  it('YAML_NOT_A_MAPPING for a list', () => {
    expect(codes('- a\n- b\n')).toEqual([at('YAML_NOT_A_MAPPING', F, { line: 1, column: 1 })]);
  });
});
