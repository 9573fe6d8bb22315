/**
 * Did-you-mean at a bounded cost: the work is counted (edit-distance computations), not timed.
 * Every distance goes through `boundedEditDistance`; the mock only counts its calls.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const counter = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../src/source/edit-distance.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/source/edit-distance.js')>();
  return {
    ...original,
    boundedEditDistance: (a: string, b: string, max: number) => {
      counter.calls++;
      return original.boundedEditDistance(a, b, max);
    },
  };
});

import { csvCellGrid, importAnswerTable, validateAnswerSet, type CellGrid, type Diagnostic } from '../src/index.js';
import { MAX_LISTED_DIAGNOSTICS } from '../src/diagnostics/limit.js';
import { loadAnswerSetFile, loadRubricFile } from '../src/node/index.js';
import { verifyPublishedScores } from '../src/analysis/verify/verify.js';
import type { PublishedValue } from '../src/analysis/verify/published.js';
import { boundedEditDistance, editDistance } from '../src/source/edit-distance.js';
import { closestNames, MAX_SUGGESTIONS_PER_FILE, NameIndex, suggest, Suggestions } from '../src/source/suggest.js';
import { DEMO_RUBRIC, NORTHLAND } from './engine-helpers.js';

const demo = loadRubricFile(DEMO_RUBRIC).value!;
const question = demo.questions[0]!.id;

/** Distance computations made by `run`. */
function work(run: () => unknown): number {
  counter.calls = 0;
  run();
  return counter.calls;
}

beforeEach(() => {
  counter.calls = 0;
});

/** A wide table of `rows` rows whose country cells are all distinct and unknown (or all known). */
function table(rows: number, country: (i: number) => string): string {
  const lines = [`country,year,${question}`];
  for (let i = 0; i < rows; i++) lines.push(`${country(i)},2024,yes`);
  return lines.join('\n') + '\n';
}
const unknownCountry = (i: number) => `AT${i}`;
const knownCountry = (i: number) => ['AT', 'BE', 'DE', 'FR', 'IT', 'NL'][i % 6]!;

describe('bounded edit distance', () => {
  it('gives the exact distance within the bound and bound + 1 beyond it', () => {
    expect(boundedEditDistance('titel', 'title', 3)).toBe(1);
    expect(boundedEditDistance('kitten', 'sitting', 3)).toBe(3);
    expect(boundedEditDistance('kitten', 'sitting', 2)).toBe(3);
    expect(boundedEditDistance('abcdef', 'uvwxyz', 1)).toBe(2);
    expect(boundedEditDistance('a', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('Titel', 'title')).toBe(1);
    // The bounded distance agrees with the full one on every pair it can decide.
    const words = ['', 'a', 'ab', 'ba', 'abc', 'acb', 'cab', 'abcd', 'badc', 'dcba', 'xbcx', 'country', 'countyr', 'cuontry'];
    for (const a of words) for (const b of words) for (let k = 0; k <= 8; k++) expect(boundedEditDistance(a, b, k), `${a} ${b} ${k}`).toBe(Math.min(editDistance(a, b), k + 1));
  });

  it('suggests as before: the closest plausible name, ties in code-point order', () => {
    expect(suggest('titel', ['title', 'description'])).toBe('title');
    expect(suggest('abd', ['abc', 'abe'])).toBe('abc');
    expect(suggest('zzzzzz', ['title'])).toBeUndefined();
    expect(new NameIndex(['Title', 'title']).closest('TITEL')).toBe('Title');
    expect(closestNames('scor', ['score', 'scorecard', 'validate'])).toEqual(['score', 'scorecard']);
    expect(closestNames('valdiate', ['score', 'validate'])).toEqual(['validate']);
  });

  it('a file looks each distinct text up once, and at most a bounded number of texts', () => {
    const names = new NameIndex(['alpha', 'beta', 'gamma']);
    const hints = new Suggestions(3);
    const once = work(() => hints.suggest('alpah', names));
    expect(once).toBeGreaterThan(0);
    expect(work(() => hints.suggest('alpah', names))).toBe(0);
    hints.suggest('bteta', names);
    hints.suggest('gamam', names);
    expect(work(() => expect(hints.suggest('btea', names)).toBeUndefined())).toBe(0);
  });
});

describe('did-you-mean costs about the same for 10,000 bad cells as for 10,000 good ones', () => {
  it('a table of unknown country cells: the work does not grow with the rows', () => {
    const bad10 = csvCellGrid(table(10_000, unknownCountry), 'bad.csv').value!;
    const bad20 = csvCellGrid(table(20_000, unknownCountry), 'bad.csv').value!;
    const good10 = csvCellGrid(table(10_000, knownCountry), 'good.csv').value!;
    let diagnostics: Diagnostic[] = [];
    const w10 = work(() => (diagnostics = importAnswerTable(bad10, demo).diagnostics.filter((d) => d.code === 'TABLE_UNKNOWN_COUNTRY')));
    // Every bad cell is reported: the first ones one by one, the rest counted by the limiter.
    expect(diagnostics).toHaveLength(MAX_LISTED_DIAGNOSTICS + 1);
    expect(diagnostics[MAX_LISTED_DIAGNOSTICS]!.message).toBe(`${10_000 - MAX_LISTED_DIAGNOSTICS} more TABLE_UNKNOWN_COUNTRY problems in this file are not listed; the first ${MAX_LISTED_DIAGNOSTICS} are.`);
    const w20 = work(() => importAnswerTable(bad20, demo));
    const wGood = work(() => importAnswerTable(good10, demo));
    expect(wGood).toBe(0);
    // Twice the bad rows, no more work: suggestions stop after the first distinct texts.
    expect(w20 / w10).toBe(1);
    // Per bad cell, well under one comparison on average (every cell against every one of the
    // country table's codes and names would be hundreds per cell).
    expect(w10 / 10_000).toBeLessThan(1);
    // The first ones still get their hint.
    const first = importAnswerTable(csvCellGrid(`country,year,${question}\nAUTT,2024,yes\n`, 't.csv').value!, demo).diagnostics[0]!;
    expect(first.hint).toBe('Did you mean "AUT"?');
  });

  it('a repeated unknown value is looked up once', () => {
    const once = work(() => importAnswerTable(csvCellGrid(table(1, () => 'AUTT'), 't.csv').value!, demo));
    const many = work(() => importAnswerTable(csvCellGrid(table(10_000, () => 'AUTT'), 't.csv').value!, demo));
    expect(many / once).toBe(1);
  });

  it('a header row of 20,000 unknown columns', () => {
    // As a sheet gives them (a CSV record stops at 10,000 fields).
    const sheet = (n: number): CellGrid => {
      const texts = ['country', 'year', ...Array.from({ length: n }, (_, i) => `${question}${i}`)];
      return { file: 'h.xlsx', sheet: 'Answers', rows: [{ line: 1, cells: texts.map((text, i) => ({ text, line: 1, column: i + 1 })) }, { line: 2, cells: [{ text: 'AT', line: 2, column: 1 }, { text: '2024', line: 2, column: 2 }] }] };
    };
    let unknown = 0;
    const w10 = work(() => (unknown = importAnswerTable(sheet(10_000), demo).diagnostics.filter((d) => d.code === 'TABLE_UNKNOWN_COLUMN').length));
    expect(unknown).toBe(MAX_LISTED_DIAGNOSTICS + 1);
    const w20 = work(() => importAnswerTable(sheet(20_000), demo));
    expect(w10).toBeGreaterThan(0);
    expect(w20 / w10).toBe(1);
    expect(w10 / 10_000).toBeLessThan(1);
  });

  it('an answer set with 20,000 unknown question keys', () => {
    const base = loadAnswerSetFile(NORTHLAND).value!;
    const withUnknown = (n: number) => {
      const answers = new Map(base.answers);
      for (let i = 0; i < n; i++) answers.set(`unknown_${i}`, { question: `unknown_${i}`, value: 'yes', evidence: { citations: [] } });
      return { ...base, answers };
    };
    let unknown = 0;
    const w10 = work(() => (unknown = validateAnswerSet(demo, withUnknown(10_000)).filter((d) => d.code === 'ANSWERS_UNKNOWN_QUESTION').length));
    expect(unknown).toBe(10_000);
    const w20 = work(() => validateAnswerSet(demo, withUnknown(20_000)));
    expect(w10).toBeGreaterThan(0);
    expect(w20 / w10).toBe(1);
    expect(w10 / 10_000).toBeLessThan(1);
  });

  it('a published table of unknown node names', () => {
    const rows = (n: number): PublishedValue[] => Array.from({ length: n }, (_, i) => ({ country: 'AT', year: 2024, node: `node_${i}`, value: '1', source: { file: 'p.csv', line: i + 2, column: 1 } }));
    const w10 = work(() => verifyPublishedScores(demo, [], rows(10_000)));
    const w20 = work(() => verifyPublishedScores(demo, [], rows(20_000)));
    expect(w10).toBeGreaterThan(0);
    expect(w20 / w10).toBe(1);
    expect(w10 / 10_000).toBeLessThan(1);
  });

  it('the per-file limit is the declared one', () => {
    const hints = new Suggestions();
    const names = new NameIndex(['alpha']);
    for (let i = 0; i < MAX_SUGGESTIONS_PER_FILE; i++) hints.suggest(`x${i}`, names);
    expect(work(() => hints.suggest('alpah', names))).toBe(0);
  });
});
