/**
 * Synthetic answer-set files for the loading benchmarks (and for trying the CLI on many files
 * by hand): `npx tsx bench/answer-files.ts <dir> [count] [countries]` writes a rubric and
 * `count` (default 10,000) answer sets below `<dir>` (over `countries` countries, default all). Nothing here is committed data: every run makes it anew
 * from a fixed pseudo-random sequence, so the files are the same each time.
 *
 * The files look like the ones people keep: mostly bare answers (`q0-1: yes`), as
 * `import-table` writes them, and now and then an answer with evidence (a comment, a citation,
 * a status), a header comment, `unknown` answers and a list answer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listCountryCodes } from '../src/units/countries.js';

export const AREAS = 5;
export const PER_AREA = 7;

/** A rubric of {@link AREAS} areas × {@link PER_AREA} questions (yes/no, and one multiple choice per area). */
export function syntheticRubricText(): string {
  const lines = ['schemaVersion: 1', 'id: synthetic', 'version: 1.0.0', 'title: Synthetic', 'areas:'];
  for (let a = 0; a < AREAS; a++) {
    lines.push(`  - id: area${a}`, `    title: Area ${a}`, '    indicators:');
    for (let q = 0; q < PER_AREA - 1; q++) lines.push(`      - { id: q${a}-${q}, title: Question ${q}, type: yes-no, scores: { yes: 100, no: 0 } }`);
    lines.push(
      `      - id: q${a}-${PER_AREA - 1}`,
      `        title: Question ${PER_AREA - 1}`,
      '        type: multiple-choice',
      '        options:',
      '          - { id: a, label: First, score: 50 }',
      '          - { id: b, label: Second, score: 50 }',
      '        scoring: { method: sum }',
    );
  }
  return lines.join('\n') + '\n';
}

/** The text of answer set number `i` (country and year from `i`). */
export function syntheticAnswerText(country: string, year: number, next: () => number): string {
  const lines: string[] = [];
  if (next() < 0.3) lines.push(`# Answers for ${country}, ${year}.`, '');
  lines.push('schemaVersion: 1', 'rubric: synthetic@1.0.0', `country: ${country}`, `year: ${year}`);
  if (next() < 0.5) lines.push('status: reviewed');
  if (next() < 0.3) lines.push(`source: "synthetic table, row ${year - 1980}"`);
  lines.push('answers:');
  for (let a = 0; a < AREAS; a++) {
    for (let q = 0; q < PER_AREA - 1; q++) {
      const id = `q${a}-${q}`;
      const r = next();
      const value = r < 0.47 ? 'yes' : r < 0.94 ? 'no' : 'unknown';
      const e = next();
      if (e < 0.04) lines.push(`  ${id}:`, `    answer: ${value}`, `    comment: Checked against the ${year} text of the act.`);
      else if (e < 0.06) lines.push(`  ${id}:`, `    answer: ${value}`, '    citations:', `      - act: Act ${a}`, `        article: "§ ${q + 1}"`, '    status: final');
      else lines.push(`  ${id}: ${value}`);
    }
    const r = next();
    lines.push(`  q${a}-${PER_AREA - 1}: ${r < 0.3 ? '[a, b]' : r < 0.6 ? '[a]' : r < 0.8 ? '[]' : 'unknown'}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Writes `rubric.yaml` and `answers/<CC>/<CC>-<year>.yaml` (count files) below `dir`: year after
 * year, one file per country, over the first `countries` two-letter codes (default: all of them;
 * 190 makes an index shaped like 190 economies × 50 years at 9,500 files).
 */
export function writeSyntheticAnswerFiles(dir: string, count = 10_000, countries?: number): { rubric: string; answers: string; files: number } {
  writeFileSync(join(dir, 'rubric.yaml'), syntheticRubricText());
  const answers = join(dir, 'answers');
  const codes = listCountryCodes().filter((c) => /^[A-Z]{2}$/.test(c));
  const chosen = countries === undefined ? codes : codes.slice(0, Math.max(1, countries));
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
  let n = 0;
  for (let year = 1900; n < count; year++) {
    for (const c of chosen) {
      if (n >= count) break;
      mkdirSync(join(answers, c), { recursive: true });
      writeFileSync(join(answers, c, `${c}-${year}.yaml`), syntheticAnswerText(c, year, next));
      n++;
    }
  }
  return { rubric: join(dir, 'rubric.yaml'), answers, files: n };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Usage: npx tsx bench/answer-files.ts <dir> [count] [countries]');
    process.exit(2);
  }
  mkdirSync(dir, { recursive: true });
  const made = writeSyntheticAnswerFiles(dir, process.argv[3] ? Number(process.argv[3]) : undefined, process.argv[4] ? Number(process.argv[4]) : undefined);
  console.log(`${made.files} answer sets in ${made.answers}, rubric ${made.rubric}`);
}
