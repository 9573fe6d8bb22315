/**
 * The one diagnostic limiter: a published table that repeats a problem on every row lists the
 * first ones and counts the rest, and never makes one diagnostic object per row.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/index.js';
import { csvCellGrid, importAnswerTable } from '../src/index.js';
import { readPublishedCsv } from '../src/analysis/verify/published.js';
import { verifyPublishedScores } from '../src/analysis/verify/verify.js';
import { capDiagnostics, DiagnosticLimiter, limitDiagnostics, MAX_LISTED_DIAGNOSTICS } from '../src/diagnostics/limit.js';
import { loadRubricFile } from '../src/node/index.js';
import { DEMO_RUBRIC } from './engine-helpers.js';

const demo = loadRubricFile(DEMO_RUBRIC).value!;

function duplicateTable(rows: number): string {
  const lines = ['country,year,node,value'];
  for (let i = 0; i < rows; i++) lines.push('AT,2019,overall,50');
  return lines.join('\n') + '\n';
}

describe('duplicate rows of a published table', () => {
  it('the first of each code are listed; one more says how many were left out, at the first left out', () => {
    const rows = 30_000;
    const r = readPublishedCsv(duplicateTable(rows), { file: 'p.csv' });
    expect(r.value).toHaveLength(1);
    const dup = r.diagnostics.filter((d) => d.code === 'PUBLISHED_DUPLICATE');
    expect(dup).toHaveLength(MAX_LISTED_DIAGNOSTICS + 1);
    expect(dup[0]).toMatchObject({ file: 'p.csv', line: 3, column: 17 });
    const left = rows - 1 - MAX_LISTED_DIAGNOSTICS;
    expect(dup[MAX_LISTED_DIAGNOSTICS]).toMatchObject({
      file: 'p.csv',
      line: MAX_LISTED_DIAGNOSTICS + 3,
      column: 17,
      message: `${left} more PUBLISHED_DUPLICATE problems in this file are not listed; the first ${MAX_LISTED_DIAGNOSTICS} are.`,
    });
  });

  it('twice the rows, the same number of diagnostics', () => {
    const a = readPublishedCsv(duplicateTable(5_000)).diagnostics.length;
    const b = readPublishedCsv(duplicateTable(10_000)).diagnostics.length;
    expect(b).toBe(a);
  });

  it('invalid values and unknown nodes are capped the same way', () => {
    const lines = ['country,year,node,value'];
    for (let i = 0; i < 3_000; i++) lines.push(`AT,2019,n${i},x`);
    const bad = readPublishedCsv(lines.join('\n'), { file: 'b.csv' }).diagnostics;
    expect(bad).toHaveLength(MAX_LISTED_DIAGNOSTICS + 1);
    expect(bad[MAX_LISTED_DIAGNOSTICS]!.message).toBe(`2000 more PUBLISHED_INVALID_VALUE problems in this file are not listed; the first ${MAX_LISTED_DIAGNOSTICS} are.`);
    const unknown = verifyPublishedScores(
      demo,
      [],
      Array.from({ length: 2_500 }, (_, i) => ({ country: 'AT', year: 2019, node: `n${i}`, value: '1', source: { file: 'u.csv', line: i + 2, column: 1 } })),
    ).diagnostics.filter((d) => d.code === 'PUBLISHED_UNKNOWN_NODE');
    expect(unknown).toHaveLength(MAX_LISTED_DIAGNOSTICS + 1);
    expect(unknown[MAX_LISTED_DIAGNOSTICS]).toMatchObject({ line: MAX_LISTED_DIAGNOSTICS + 2, message: `1500 more PUBLISHED_UNKNOWN_NODE problems in this file are not listed; the first ${MAX_LISTED_DIAGNOSTICS} are.` });
  });
});

describe('an answer table that repeats a problem on every row', () => {
  it('lists the first of each code and counts the rest', () => {
    const q = demo.questions.find((x) => x.type === 'yes-no')!.id;
    const lines = [`country,year,${q}`];
    for (let i = 0; i < 5_000; i++) lines.push(`AT,2024,maybe`);
    const r = importAnswerTable(csvCellGrid(lines.join('\n'), 't.csv').value!, demo);
    const dup = r.diagnostics.filter((d) => d.code === 'TABLE_DUPLICATE_ROW');
    expect(dup).toHaveLength(MAX_LISTED_DIAGNOSTICS + 1);
    expect(dup[MAX_LISTED_DIAGNOSTICS]).toMatchObject({ line: MAX_LISTED_DIAGNOSTICS + 3, column: 1, message: `3999 more TABLE_DUPLICATE_ROW problems in this file are not listed; the first ${MAX_LISTED_DIAGNOSTICS} are.` });
    expect(r.diagnostics.filter((d) => d.code === 'TABLE_INVALID_VALUE')).toHaveLength(1);
  });
});

describe('the limiter', () => {
  const make = (i: number, file = 'a', code: Diagnostic['code'] = 'TABLE_INVALID_VALUE'): Diagnostic => ({ code, severity: 'error', message: `m${i}`, file, line: i + 1, column: 1 });

  it('capping while reading gives what capping the finished list gives, and makes only one diagnostic beyond the limit', () => {
    const all: Diagnostic[] = [];
    for (let i = 0; i < 30; i++) all.push(make(i, i % 3 === 0 ? 'b' : 'a', i % 2 ? 'TABLE_INVALID_VALUE' : 'TABLE_UNKNOWN_COUNTRY'));
    const capped = [...all];
    capDiagnostics(capped, new Map(), 4);
    const streamed: Diagnostic[] = [];
    const limiter = new DiagnosticLimiter(streamed, 4);
    let made = 0;
    for (const d of all)
      limiter.add(d.code, d.file, () => {
        made++;
        return d;
      });
    limiter.finish();
    expect(streamed).toEqual(capped);
    // 4 kinds, each with 4 listed and one made to stand for the rest.
    expect(made).toBe(4 * 5);
    expect(capped.filter((d) => d.message.includes('not listed'))).toHaveLength(4);
  });

  it('a list within the limit is unchanged', () => {
    const list = [make(1), make(2)];
    capDiagnostics(list);
    expect(list).toEqual([make(1), make(2)]);
    expect(limitDiagnostics(list).omitted.size).toBe(0);
  });
});
