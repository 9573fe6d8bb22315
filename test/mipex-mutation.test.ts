/**
 * Mutation test of the MIPEX 2020 rubric against the official workbook: for every option score
 * that the workbook uses at least once, a rubric with that one score changed must fail the
 * verification (a disagreement, or an import error that verify-workbook exits 1 on). Options the
 * workbook never uses cannot be checked this way; they are listed, and the list must match the
 * rubric page's list of unverified options.
 *
 * The workbook is read once; each mutation edits the rubric's data in memory, compiles the
 * rubric again (a compiled rubric never sees later edits) and re-imports the parsed sheets that
 * use the option.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRubricFile } from '../src/node/files.js';
import { importParsedMipexWorkbook } from '../src/node/mipex/import.js';
import { readMipexWorkbook, type RawWorkbook } from '../src/node/mipex/read-workbook.js';
import { compareWithPublished } from '../src/node/mipex/verify.js';
import type { QuestionNode, Rubric, RubricOption } from '../src/rubric/types.js';
import { compileRubric } from '../src/scoring/compile.js';

const WORKBOOK = 'data/mipex/mipex_core_2007-2019.xlsx';

let rubric: Rubric;
let raw: RawWorkbook;
/** `question/option` → sheets whose imported answers choose it. */
const usedIn = new Map<string, Set<string>>();

beforeAll(async () => {
  rubric = loadRubricFile('rubrics/mipex-2020').value!;
  raw = (await readMipexWorkbook(WORKBOOK)).value!;
  const base = importParsedMipexWorkbook(raw, { rubric });
  expect(base.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(compareWithPublished(rubric, base.answerSets, base.published).disagreements).toEqual([]);
  const sheetOf = new Map(raw.sheets.map((s) => [s.country, s.name]));
  for (const set of base.answerSets) {
    for (const a of set.answers.values()) {
      if (typeof a.value !== 'string' || a.value === 'unknown' || a.value === 'not-applicable') continue;
      const key = `${a.question}/${a.value}`;
      if (!usedIn.has(key)) usedIn.set(key, new Set());
      usedIn.get(key)!.add(sheetOf.get(set.country)!);
    }
  }
});

/** How verification on these sheets goes with the rubric as it is now. */
function verify(sheets: readonly string[]): { errors: number; disagreements: number } {
  const part: RawWorkbook = { sheets: raw.sheets.filter((s) => sheets.includes(s.name)) };
  const r = importParsedMipexWorkbook(part, { rubric });
  return { errors: r.diagnostics.filter((d) => d.severity === 'error').length, disagreements: compareWithPublished(rubric, r.answerSets, r.published).disagreements.length };
}

/** Does verification fail (verify-workbook exits 1: a disagreement or an import error)? */
function fails(sheets: readonly string[]): boolean {
  const v = verify(sheets);
  return v.errors > 0 || v.disagreements > 0;
}

/** Runs `run` with one option score of the rubric changed (and the rubric compiled again), then puts it back. */
function withScore<T>(option: RubricOption, score: number, run: () => T): T {
  const before = option.score;
  (option as { score: number }).score = score;
  compileRubric(rubric);
  try {
    return run();
  } finally {
    (option as { score: number }).score = before;
    compileRubric(rubric);
  }
}

/** A section of the rubric page, up to the next heading of the same level. */
function section(heading: string): string {
  const page = readFileSync('rubrics/mipex-2020/README.md', 'utf8');
  const start = page.indexOf(`${heading}\n`);
  if (start < 0) return '';
  const rest = page.slice(start + heading.length + 1);
  const end = rest.search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('every option score the workbook uses is verified', () => {
  it('changing any used option score makes verification fail', () => {
    const survived: string[] = [];
    const noDisagreement: string[] = [];
    let checked = 0;
    for (const q of rubric.questions) {
      for (const option of q.options) {
        const sheets = usedIn.get(`${q.id}/${option.id}`);
        if (!sheets) continue;
        checked++;
        const scores = new Set(q.options.map((o) => o.score));
        // One step up (or down at the top of the scale), to a score no other option has.
        let changed = option.score + 1;
        while (scores.has(changed)) changed++;
        const all = [...sheets];
        const v = withScore(option, changed, () => {
          // Sheet by sheet until one disagrees (usually the first).
          const total = { errors: 0, disagreements: 0 };
          for (const sheet of all) {
            const one = verify([sheet]);
            total.errors += one.errors;
            total.disagreements += one.disagreements;
            if (one.disagreements > 0) break;
          }
          return total;
        });
        if (v.errors === 0 && v.disagreements === 0) survived.push(`${q.id}/${option.id} ${option.score}→${changed}`);
        // A change that shows only as an import error (no published score moves) is verified by
        // the inversion alone: the workbook holds that score for the question, nothing more.
        if (v.disagreements === 0) noDisagreement.push(`${q.id}/${option.id} (${option.score})`);
      }
    }
    expect(survived, 'option scores whose change verification does not notice').toEqual([]);
    console.log(`Option scores whose change moves no published score, caught only by the import (${noDisagreement.length}): ${noDisagreement.join(', ')}`);
    const listed = [...section('## Option scores verified only by the import').matchAll(/`([^`]+\/[^`]+)` \((\d+)\)/g)].map((m) => `${m[1]} (${m[2]})`);
    expect(listed, 'the rubric page lists the option scores that only the import checks').toEqual(noDisagreement);
    expect(checked).toBe(usedIn.size);
    // The rubric gets its original scores back.
    expect(fails([raw.sheets[0]!.name])).toBe(false);
  });

  it('catches the change that regional splits used to hide: aa1 "some groups" 50 → 40', () => {
    const q = rubric.nodes.get('aa1') as QuestionNode;
    const middle = q.options.find((o) => o.score === 50)!;
    const sheets = [...usedIn.get(`aa1/${middle.id}`)!];
    expect(withScore(middle, 40, () => fails(sheets))).toBe(true);
    expect(fails(sheets)).toBe(false);
  });

  it('lists the options the workbook never uses, as the rubric page does', () => {
    const unused = rubric.questions.flatMap((q) => q.options.filter((o) => !usedIn.has(`${q.id}/${o.id}`)).map((o) => `${q.id}/${o.id} (${o.score})`));
    console.log(`Option scores not verified by the workbook (${unused.length} of ${rubric.questions.reduce((n, q) => n + q.options.length, 0)}): ${unused.join(', ')}`);
    const text = section('## Option scores no published score verifies');
    const total = rubric.questions.reduce((n, q) => n + q.options.length, 0);
    expect(text, 'the rubric page states how many option scores the workbook does not verify').toContain(`${unused.length} of the ${total} option scores`);
    const listed = [...text.matchAll(/`([^`]+\/[^`]+)` \((\d+)\)/g)].map((m) => `${m[1]} (${m[2]})`);
    expect(listed).toEqual(unused);
  });
});
