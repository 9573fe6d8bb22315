import { comparableVariant, defaultYear } from '../analysis/comparable.js';
import type { AnswerSet } from '../answers/types.js';
import { sideBySide as buildSideBySide } from '../editions/side-by-side.js';
import { escapeHtml, escapeMarkdown } from '../report/escape.js';
import type { Rubric } from '../rubric/types.js';
import { scoreAnswerSet } from '../scoring/score.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';

/** `compare --units A,B`: every node, answer and exact difference of the named units, side by side. */
export function sideBySideCommand(io: CliIO, rubric: Rubric, sets: readonly AnswerSet[], units: string, options: { year?: number; variant?: string; format: string }): ExitCode {
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
  const head = ['node', ...t.units.flatMap((u, i) => (i ? [`${u.country}`, `Δ ${u.country}`] : [u.country]))];
  const body = t.rows.map((r) => [`${'  '.repeat(r.depth)}${r.id} ${r.title}`, ...r.cells.flatMap((c, i) => { const v = `${c.display ?? '—'}${c.answer !== undefined ? ` (${c.answer})` : ''}`; return i ? [v, c.difference ?? '—'] : [v]; })]);
  if (options.format === 'html') {
    io.stdout(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(codes.join(' · '))} ${year}</title></head><body><table><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>\n${body.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}</table></body></html>\n`);
  } else if (options.format === 'csv') {
    const csv = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const rows = [['node', 'title', ...t.units.flatMap((u, i) => (i ? [`${u.country}_score`, `${u.country}_answer`, `${u.country}_difference`] : [`${u.country}_score`, `${u.country}_answer`]))]];
    for (const r of t.rows) rows.push([r.id, r.title, ...r.cells.flatMap((c, i) => (i ? [c.score ?? '', c.answer ?? '', c.difference ?? ''] : [c.score ?? '', c.answer ?? '']))]);
    io.stdout(rows.map((r) => r.map(csv).join(',')).join('\n') + '\n');
  } else if (options.format === 'md') {
    io.stdout([`| ${head.map(escapeMarkdown).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.map(escapeMarkdown).join(' | ')} |`)].join('\n') + '\n');
  } else {
    io.stdout([`${rubric.id}@${rubric.version} · ${year} · differences are exact, against ${codes[0]}`, '', head.join('\t'), ...body.map((r) => r.join('\t'))].join('\n') + '\n');
  }
  return 0;
}
