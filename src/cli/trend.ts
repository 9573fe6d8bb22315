import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { comparableVariant, hasCompleteScore } from '../analysis/comparable.js';
import { trendLines, trendRows } from '../analysis/trend.js';
import { loadAnswerSetFiles } from '../node/files.js';
import { renderTrend } from '../report/trend.js';
import { scoreAnswerSet } from '../scoring/score.js';
import { hasErrors } from '../diagnostics/index.js';
import { defineCommand } from './command.js';
import { UsageError } from './io.js';
import { noAnswerSets, RUBRIC_TEXT } from './options.js';
import { diagnosticsJson, exitFor, loadRubricArgOrReport, printDiagnostics } from './shared.js';

/** `policy-index trend`. */
export const trendCommand = defineCommand({
  name: 'trend',
  summary: 'every node by unit and year, and trend lines with comparable sets',
  description: `Every node by unit and year as a long table (csv, json), and trend lines per area (or per --node)
as the exact mean over the units shown (svg, html). Comparable-set rules: one variant, the
comparable variant of all the answer sets given — the default variant when every unit-year with
a top score has a score on it, else the first variant in rubric order that has (the measure of
the scorecards of a report made from the same answers; a unit-year with no top score on any
variant is shown without one); a line continues only while the same units are averaged, and is
broken where the set changes, each part labelled with its n.`,
  positionals: [
    { name: 'rubric', description: RUBRIC_TEXT },
    { name: 'answers', description: 'answer sets (files or folders)', variadic: true },
  ],
  options: {
    country: { type: 'string', placeholder: 'CC,…', description: 'units to show', defaultText: 'all' },
    node: { type: 'string', placeholder: 'id,…', description: 'nodes to show', defaultText: 'every node in the table; the top score and the areas in charts' },
    variant: { type: 'string', placeholder: 'id', description: 'variant to show (refused when some unit-year has no score for it)' },
    format: { type: 'enum', values: ['csv', 'json', 'html', 'svg'], default: 'csv', description: 'output format' },
  },
  examples: [{ command: 'policy-index trend mipex-2020 examples/mipex --country SE,DE --format svg' }],
  exitCodes: '0 clean, 1 errors in the inputs (or no answer set found), 2 usage error.',
  json: '{ "rubric": { "id", "version" }, "variant", "rows": [...], "lines": [...], "diagnostics": [...] }',
  run: async ({ options: values, positionals: { rubric: rubricArg, answers } }, io) => {
  const format = values.format;
  const r = loadRubricArgOrReport(io, rubricArg);
  if (!r) return 1;
  const diagnostics: Diagnostic[] = [...r.diagnostics];
  const rubric = r.value;
  const sets = loadAnswerSetFiles(answers.map((p) => resolve(io.cwd, p)));
  for (const item of sets.diagnostics) diagnostics.push(item);
  if ((sets.value ?? []).length === 0) {
    printDiagnostics(io, hasErrors(diagnostics) ? diagnostics : [...diagnostics, noAnswerSets(answers.join(', '))], sets.sources);
    return 1;
  }
  const countries = typeof values.country === 'string' ? values.country.split(',').map((c) => c.trim().toUpperCase()) : undefined;
  const nodes = typeof values.node === 'string' ? values.node.split(',').map((c) => c.trim()) : undefined;
  for (const n of nodes ?? []) if (!rubric.nodes.has(n)) throw new UsageError(`trend: the rubric has no node "${n}".`, 'trend');
  if (typeof values.variant === 'string' && !rubric.variants.some((v) => v.id === values.variant)) throw new UsageError(`trend: the rubric has no variant "${values.variant}".`, 'trend');
  const all = sets.value ?? [];
  const chosen = all.filter((s) => !countries || countries.includes(s.country.toUpperCase()));
  const shown = (s: { country: string }) => !countries || countries.includes(s.country.toUpperCase());
  // The measure: the comparable variant of every answer set given (as for the scorecards of a
  // report), or the variant asked for when every unit-year shown with a score has it.
  const first = all.map((s) => scoreAnswerSet(rubric, s, { reportMissing: false }));
  const asked = typeof values.variant === 'string' ? values.variant : undefined;
  // With no top score at all there is nothing to compare: the variant asked for, or the default.
  const variant = first.some((r) => hasCompleteScore(r)) ? (asked !== undefined ? comparableVariant(rubric, first.filter(shown), asked) : comparableVariant(rubric, first)) : (asked ?? rubric.defaultVariant);
  if (!variant || (typeof values.variant === 'string' && variant !== values.variant)) {
    throw new UsageError(typeof values.variant === 'string' ? `trend: some unit-years have no score for variant "${values.variant}"${variant ? `; "${variant}" is scored in every year shown` : ''}.` : 'trend: no variant is scored for every unit-year that has a top score; narrow the answer sets.', 'trend');
  }
  const results = chosen.map((s) => scoreAnswerSet(rubric, s, { reportMissing: false, variant }));
  const rows = trendRows(rubric, results, nodes);
  const lines = trendLines(rubric, results, nodes ?? undefined);
  if (format === 'json') io.stdout(JSON.stringify({ rubric: { id: rubric.id, version: rubric.version }, variant, rows, lines, diagnostics: diagnosticsJson(diagnostics, io.cwd) }, null, 2) + '\n');
  else io.stdout(renderTrend({ rubric, variant, rows, lines }, format));
  if (format !== 'json') printDiagnostics(io, diagnostics, sets.sources);
  return exitFor(diagnostics);
  },
});
