// `score` (table) and `validate` read many answer files on several threads: the output must be
// the same, byte for byte, as on one thread, diagnostics (with positions and code frames)
// included; and the work must really run on the worker threads.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { runPerFile, validateContext, validateFiles, type FileJob } from '../src/cli/file-jobs.js';
import { expandAnswerPaths, loadAnswerSetFiles, loadRubricFile } from '../src/node/files.js';
import { scoreAnswerSet } from '../src/scoring/score.js';
import { byCodePoint } from '../src/text/order.js';
import { diagnosticsJson } from '../src/cli/shared.js';
import { scoreOutputWriter } from '../src/report/score-table.js';
import { writeSyntheticAnswerFiles } from '../bench/answer-files.js';
import { captureIO } from './engine-helpers.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pi-parallel-'));
  writeSyntheticAnswerFiles(dir, 90);
  const bad = join(dir, 'answers', 'AD');
  // Problems of every stage, spread over the slices: a misspelled question, a value no option
  // has, a YAML error, a missing answer that leaves an area without a score.
  writeFileSync(join(bad, 'AD-2100.yaml'), 'schemaVersion: 1\nrubric: synthetic@1.0.0\ncountry: AD\nyear: 2100\nanswers:\n  q0-0: yes\n  q0-9: no\n');
  writeFileSync(join(bad, 'AD-2101.yaml'), 'schemaVersion: 1\nrubric: synthetic@1.0.0\ncountry: AD\nyear: 2101\nanswers:\n  q0-0: maybe\n');
  writeFileSync(join(bad, 'AD-2102.yaml'), 'schemaVersion: 1\nrubric: synthetic@1.0.0\ncountry: AD\nyear: 2102\nanswers:\n  q0-0: [yes\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const io = captureIO(dir);
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

const ONE = { POLICY_INDEX_THREADS: '1' };
const THREE = { POLICY_INDEX_THREADS: '3', POLICY_INDEX_PARALLEL_FROM: '0' };

describe('many answer files on several threads', () => {
  it('score gives the same table and diagnostics on three threads as on one', async () => {
    const one = await run(['score', 'rubric.yaml', 'answers'], ONE);
    const three = await run(['score', 'rubric.yaml', 'answers'], THREE);
    expect(one.out.split('\n').length).toBeGreaterThan(90);
    expect(one.err).toMatch(/ANSWERS_UNKNOWN_QUESTION|q0-9/);
    expect(one.err).toMatch(/\| /); // code frames, from the texts of the files with diagnostics
    expect(three).toEqual(one);
  }, 60_000);

  it('score --format json/jsonl/csv is streamed: the same on three threads as on one, and the JSON is the whole document', async () => {
    const got: Record<string, { code: number; out: string; err: string }> = {};
    for (const format of ['json', 'jsonl', 'csv']) {
      const one = await run(['score', 'rubric.yaml', 'answers', '--format', format], ONE);
      const three = await run(['score', 'rubric.yaml', 'answers', '--format', format], THREE);
      expect(one.code).toBe(1);
      expect(three).toEqual(one);
      got[format] = one;
    }
    // The document as one JSON.stringify of every result, built here independently of the writer.
    const rubric = loadRubricFile(join(dir, 'rubric.yaml')).value!;
    const sets = loadAnswerSetFiles([join(dir, 'answers')]);
    const results = sets.value!.map((s) => scoreAnswerSet(rubric, s, { reportMissing: true })).sort((a, b) => byCodePoint(a.country, b.country) || a.year - b.year);
    const entries = results.map((x) => ({ ...x, diagnostics: diagnosticsJson(x.diagnostics, dir) }));
    expect(results.length).toBe(92);
    expect(got.json!.out).toBe(JSON.stringify({ results: entries, diagnostics: diagnosticsJson(sets.diagnostics, dir) }, null, 2) + '\n');
    // JSON Lines: one line per answer set, each the element of "results".
    const lines = got.jsonl!.out.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(JSON.parse(JSON.stringify(entries)));
    expect(got.jsonl!.err).toBe(got.csv!.err);
    expect(got.csv!.out.split('\n')[0]).toBe('country,year,variant,node,kind,level,parent,status,score,display,effective_weight');
  }, 120_000);

  it('the streamed JSON of no answer set is the whole document too', () => {
    let text = '';
    const w = scoreOutputWriter('json', (t) => (text += t));
    w.end([{ code: 'X' }]);
    expect(text).toBe(JSON.stringify({ results: [], diagnostics: [{ code: 'X' }] }, null, 2) + '\n');
    text = '';
    scoreOutputWriter('csv', (t) => (text += t)).end();
    expect(text).toBe('');
  });

  it('validate gives the same report (text and JSON) on three threads as on one', async () => {
    for (const format of ['text', 'json']) {
      const one = await run(['validate', 'rubric.yaml', 'answers', '--format', format], ONE);
      const three = await run(['validate', 'rubric.yaml', 'answers', '--format', format], THREE);
      expect(one.code).toBe(1);
      expect(three).toEqual(one);
    }
  }, 60_000);

  it('the slices really run on worker threads, in path order', async () => {
    const files = expandAnswerPaths([join(dir, 'answers')]).files;
    const job: FileJob = { kind: 'validate', cwd: dir, rubrics: [join(dir, 'rubric.yaml')] };
    const ctx = validateContext(dir, job.rubrics);
    const where: string[] = [];
    const parallel = await runPerFile(job, files, (f) => validateFiles(ctx, f), { threads: 3, threshold: 0, onSlice: (_, w) => where.push(w) });
    expect(where.sort()).toEqual(['here', 'worker', 'worker']);
    expect(parallel.map((r) => r.file)).toEqual(files);
    expect(parallel).toEqual(validateFiles(validateContext(dir, job.rubrics), files));
  }, 60_000);
});
