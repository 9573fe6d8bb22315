// The playground's evaluation (docs/playground-src/evaluate.ts) and its presets
// (scripts/playground.ts), in Node: the same scores as the library on the repository's files,
// diagnostics with positions in the CLI's words, and no score left standing on broken input.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScoredNode, loadAnswerSet, loadRubric, scoreAnswerSet } from '../src/index.js';
import { loadAnswerSetFile, loadRubricFile } from '../src/node/files.js';
import { evaluate, rangeOf, type PlaygroundNode } from '../docs/playground-src/evaluate.js';
import { playgroundPresets, singleFileRubric } from '../scripts/playground.js';

const ROOT = resolve('.');
const presets = playgroundPresets();
const demo = presets.find((p) => p.id === 'demo')!;
const mipex = presets.find((p) => p.id === 'mipex-family-reunion')!;

function findNode(node: PlaygroundNode, id: string): PlaygroundNode | undefined {
  if (node.id === id) return node;
  for (const c of node.children) {
    const found = findNode(c, id);
    if (found) return found;
  }
  return undefined;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function position(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe('playground presets', () => {
  it('offers the demo and a MIPEX strand, read from the repository files', () => {
    expect(presets.map((p) => p.id)).toEqual(['demo', 'mipex-family-reunion']);
    expect(demo.from).toEqual(['examples/demo/rubric', 'examples/demo/answers/northland-2024.yaml']);
    expect(mipex.from).toEqual(['rubrics/mipex-2020', 'examples/mipex/SE/SE-2019.yaml']);
    // One file each: no include is left for a loader without files.
    for (const p of presets) expect(p.rubric).not.toMatch(/^\s*- include:/m);
  });

  it('the single-file demo rubric scores every demo answer set as the folder does', () => {
    const folder = loadRubricFile(join(ROOT, 'examples/demo/rubric')).value!;
    const text = singleFileRubric(join(ROOT, 'examples/demo/rubric'));
    for (const name of ['northland-2024.yaml', 'southland-2024.yaml']) {
      const file = join(ROOT, 'examples/demo/answers', name);
      const answers = loadAnswerSetFile(file);
      const expected = scoreAnswerSet(folder, answers.value!);
      const got = evaluate({ rubric: text, answers: answers.text! });
      expect(got.standing, name).toBe('comparable');
      expect(got.variants.map((v) => [v.id, v.score]), name).toEqual(expected.variants.map((v) => [v.id, v.display]));
      expect(got.tree?.score).toBe(expected.root.display);
    }
  });
});

describe('evaluate', () => {
  it('a valid demo gives the library total, no diagnostics and no caveat', () => {
    const rubric = loadRubricFile(join(ROOT, 'examples/demo/rubric')).value!;
    const answers = loadAnswerSetFile(join(ROOT, 'examples/demo/answers/northland-2024.yaml')).value!;
    const expected = scoreAnswerSet(rubric, answers);
    const r = evaluate(demo);
    expect(r.diagnostics).toEqual([]);
    expect(r.summary).toBe('No problems found.');
    expect(r.standing).toBe('comparable');
    expect(r.caveat).toBeUndefined();
    expect(r.tree?.score).toBe(expected.root.display);
    expect(r.variants.find((v) => v.chosen)?.score).toBe(expected.root.display);
    // The trace: weights, aggregations and the decision-table row that matched.
    const work = findNode(r.tree!, 'work')!;
    expect(work.aggregation).toBe('weighted-mean');
    expect(findNode(r.tree!, 'work-access')!.weight).toMatch(/^weight 2 \(66\.7% of the parent's score\)$/);
    const table = findNode(r.tree!, 'income-rule')!;
    expect(table.aggregation).toBe('decision-table');
    const row = findScoredNode(expected.root, 'income-rule')!.matchedRow!;
    expect(table.matchedRow).toContain(`row ${row.index + 1}`);
    expect(findNode(r.tree!, 'income-level')!.handling).toBe('input of the decision table');
    expect(findNode(r.tree!, 'permit-wait')!.answer).toContain('up to six months');
  });

  it('the MIPEX strand scores as strand b of the whole rubric on the same country', () => {
    const rubric = loadRubricFile(join(ROOT, 'rubrics/mipex-2020')).value!;
    const answers = loadAnswerSetFile(join(ROOT, 'examples/mipex/SE/SE-2019.yaml')).value!;
    const strand = findScoredNode(scoreAnswerSet(rubric, answers).root, 'b')!;
    const r = evaluate(mipex);
    expect(r.diagnostics).toEqual([]);
    expect(r.standing).toBe('comparable');
    expect(r.tree?.score).toBe(strand.display);
    expect(findNode(r.tree!, 'b')?.score).toBe(strand.display);
    // bb28 is a decision table over bb28a and bb28b.
    expect(findNode(r.tree!, 'bb28')?.matchedRow).toMatch(/^row \d+/);
  });

  it('an invalid option: an error at its position, in the CLI words, and a provisional score', () => {
    const answers = demo.answers.replace('consultative-body: appointed', 'consultative-body: appointd');
    const at = position(answers, 'appointd');
    const r = evaluate({ rubric: demo.rubric, answers });
    const d = r.diagnostics.find((x) => x.diagnostic.code === 'ANSWERS_INVALID_OPTION')!;
    expect(d).toBeDefined();
    expect(d.diagnostic.severity).toBe('error');
    expect(d.editor).toBe('answers');
    expect([d.diagnostic.line, d.diagnostic.column]).toEqual([at.line, at.column]);
    expect(d.text.split('\n')[0]).toBe(`answers.yaml:${at.line}:${at.column} error ANSWERS_INVALID_OPTION "appointd" is not an option of "consultative-body".`);
    expect(d.text).toContain('expected: elected, appointed, none');
    expect(d.text).toContain(`> ${at.line} |   consultative-body: appointd`);
    expect(d.docsUrl).toBe('../documents/Diagnostic_reference.ANSWERS_INVALID_OPTION.html');
    const { from, to } = rangeOf(answers, d.diagnostic);
    expect(answers.slice(from, to)).toBe('appointd');
    expect(r.summary).toBe('1 error, 0 warnings');
    expect(r.standing).toBe('provisional');
    expect(r.caveat).toMatch(/not comparable/i);
    expect(r.caveat).toContain('the answer set has an error');
    // The figures are still shown, marked: the valid score is not among them.
    expect(r.variants.find((v) => v.chosen)?.score).not.toBe(evaluate(demo).variants.find((v) => v.chosen)?.score);
  });

  it('a broken rubric: its errors, and no score, tree or variants', () => {
    const rubric = demo.rubric.replace('title: Welcome Policy Demo Index', 'title: [Welcome');
    const r = evaluate({ rubric, answers: demo.answers });
    expect(r.standing).toBe('none');
    expect(r.tree).toBeUndefined();
    expect(r.variants).toEqual([]);
    expect(r.caveat).toMatch(/rubric did not load/);
    expect(r.summary).not.toBe('No problems found.');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.every((d) => d.editor === 'rubric' && d.diagnostic.severity === 'error')).toBe(true);
    expect(r.diagnostics[0]!.diagnostic.code).toBe('YAML_SYNTAX');
  });

  it('an answer set that does not load: no score', () => {
    const r = evaluate({ rubric: demo.rubric, answers: '- just\n- a list\n' });
    expect(r.standing).toBe('none');
    expect(r.tree).toBeUndefined();
    expect(r.caveat).toMatch(/answer set did not load/);
    expect(r.diagnostics.map((d) => d.diagnostic.code)).toContain('YAML_NOT_A_MAPPING');
  });

  it('when the library throws: one INTERNAL_ERROR and the results cleared', () => {
    const r = evaluate(demo, {}, {
      loadRubric,
      loadAnswerSet,
      scoreAnswerSet: () => {
        throw new Error('boom');
      },
    });
    expect(r.standing).toBe('none');
    expect(r.tree).toBeUndefined();
    expect(r.variants).toEqual([]);
    expect(r.diagnostics.map((d) => [d.diagnostic.code, d.diagnostic.severity])).toEqual([['INTERNAL_ERROR', 'error']]);
    expect(r.diagnostics[0]!.text).toBe('error INTERNAL_ERROR Checking and scoring failed unexpectedly: boom');
    expect(r.caveat).toMatch(/^No score/);
  });

  it('uses the docs base it is given for the links', () => {
    const r = evaluate({ rubric: demo.rubric, answers: demo.answers.replace('local-vote: yes', 'local-vote: maybe') }, { docsBaseUrl: 'https://docs.invalid/x' });
    expect(r.diagnostics[0]!.docsUrl).toMatch(/^https:\/\/docs\.invalid\/x\/documents\/Diagnostic_reference\.[A-Z_]+\.html$/);
  });
});
