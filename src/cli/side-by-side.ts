import { comparableVariant, defaultYear } from '../analysis/comparable.js';
import type { AnswerSet } from '../answers/types.js';
import { sideBySide as buildSideBySide } from '../editions/side-by-side.js';
import { renderSideBySide } from '../report/side-by-side.js';
import type { Rubric } from '../rubric/types.js';
import { scoreAnswerSet } from '../scoring/score.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';

/** `compare --units A,B`: every node, answer and exact difference of the named units, side by side. */
export function sideBySideCommand(io: CliIO, rubric: Rubric, sets: readonly AnswerSet[], units: string, options: { year?: number; variant?: string; format: 'text' | 'csv' | 'html' | 'json' }): ExitCode {
  const codes = units.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  if (codes.length < 2) throw new UsageError('--units needs two or more country codes, e.g. --units SE,DE.', 'compare');
  // Default year: the year in which the most of these units have a complete score (the later on a tie).
  const year =
    options.year ??
    defaultYear(
      rubric,
      sets.filter((s) => codes.includes(s.country.toUpperCase())).map((s) => scoreAnswerSet(rubric, s, { reportMissing: false })),
    ) ??
    -Infinity;
  const chosen = codes.map((c) => {
    const s = sets.find((x) => x.country.toUpperCase() === c && x.year === year);
    if (!s) throw new UsageError(`No answer set for ${c} in ${year}.`, 'compare');
    return s;
  });
  // The variant: the one asked for, else the comparable variant of the units shown.
  const variant = options.variant ?? comparableVariant(rubric, chosen.map((s) => scoreAnswerSet(rubric, s, { reportMissing: false }))) ?? rubric.defaultVariant;
  const results = chosen.map((s) => scoreAnswerSet(rubric, s, { reportMissing: false, variant }));
  const t = buildSideBySide(rubric, results);
  if (options.format === 'json') {
    io.stdout(JSON.stringify(t, null, 2) + '\n');
    return 0;
  }
  io.stdout(renderSideBySide(t, { rubric, year, units: codes }, options.format));
  return 0;
}
