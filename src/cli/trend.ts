import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { comparableVariant, hasCompleteScore } from '../analysis/comparable.js';
import { trendLines, trendRows } from '../analysis/trend.js';
import { loadAnswerSetFiles } from '../node/files.js';
import { renderTrend } from '../report/trend.js';
import { scoreAnswerSet } from '../scoring/score.js';
import { formatOption, parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';
import { diagnosticsJson, exitFor, loadRubricArgOrReport, printDiagnostics } from './shared.js';

export const trendHelp = `Usage: policy-index trend <rubric> <answers…> [--country CC,…] [--node id,…] [--variant <id>] --format csv|json|html|svg

Every node by unit and year as a long table (csv, json), and trend lines per area (or per --node)
as the exact mean over the units shown (svg, html). Comparable-set rules: one variant, the
comparable variant of all the answer sets given — the default variant when every unit-year with
a top score has a score on it, else the first variant in rubric order that has (the measure of
the scorecards of a report made from the same answers; a unit-year with no top score on any
variant is shown without one); a line continues only while the same units are averaged, and is
broken where the set changes, each part labelled with its n.

Options:
  --country <CC,…>  units to show (default: all)
  --node <id,…>     nodes to show (default: every node in the table; the top score and the areas in charts)
  --variant <id>    variant to show (refused when some unit-year has no score for it)
  --format <f>      csv (default), json, html or svg
  -h, --help        show this help

Exit codes: 0 clean, 1 errors in the inputs, 2 usage error.`;

/** \`policy-index trend\`. */
export async function trendCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('trend', argv, { country: { type: 'string' }, node: { type: 'string' }, variant: { type: 'string' }, format: { type: 'string' } });
  if (values.help) {
    io.stdout(trendHelp + '\n');
    return 0;
  }
  const format = formatOption('trend', values.format, ['csv', 'json', 'html', 'svg'] as const, 'csv');
  if (positionals.length < 2) throw new UsageError('trend needs a rubric and at least one answer file or folder.', 'trend');
  const r = loadRubricArgOrReport(io, positionals[0]!);
  if (!r) return 1;
  const diagnostics: Diagnostic[] = [...r.diagnostics];
  const rubric = r.value;
  const sets = loadAnswerSetFiles(positionals.slice(1).map((p) => resolve(io.cwd, p)));
  for (const item of sets.diagnostics) diagnostics.push(item);
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
}
