/**
 * `policy-index audit`: the statistical audit of an index for one year and variant
 * (statistics, availability, correlations, Cronbach's alpha, principal components).
 *
 * @module
 */
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { AUDIT_LEVELS, auditIndex, type AuditLevel } from '../analysis/audit/audit.js';
import { defaultYear } from '../analysis/comparable.js';
import { auditCsv, auditHtml, auditJson, auditText } from '../report/audit.js';
import { scoreAnswerSet } from '../scoring/score.js';
import { formatOption, parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';
import { loadReportInputs, writeOutputs, yearOption } from './report-shared.js';
import { displayPath, printDiagnostics, variantOption } from './shared.js';

export const auditHelp = `Usage: policy-index audit <rubric> <answers…> [options]

Statistical audit of the index for one year: for every node, count, availability, minimum,
maximum, mean, median, standard deviation, skewness, kurtosis, shares at the scale's ends and
distinct values; data availability by unit and by group; Pearson and Spearman correlations of
each node with its parent and with the index, and between siblings; Cronbach's alpha and the
principal components of each group; and flags in words (near-constant or all-extreme nodes,
negative or weak correlations with the parent, redundant siblings, units with little data).
The figures describe how the scores move together across units; they do not say whether the
index measures the right thing.

Options:
  --year <y>              year to audit (default: the year in which the most units have a
                          complete score on the variant, the later on a tie)
  --variant <id>          variant whose top score is the index (default: the variant every
                          unit of the year has a complete score on, the rubric's default first)
  --level <level>         nodes described and correlated: all (default), index, area,
                          dimension, indicator, question
  --threshold <x>         availability below which a unit or node is listed (default 0.66)
  --format <f>            text (default), csv, json or html
  --out <file>            write to a file instead of standard output (never over an input file)
  -h, --help              show this help

Exit codes: 0 clean, 1 errors in the inputs, 2 usage error.`;

const OPTIONS = {
  year: { type: 'string' },
  variant: { type: 'string' },
  level: { type: 'string' },
  threshold: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
} as const;

/** `policy-index audit`. */
export async function auditCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const command = 'audit';
  const { values, positionals } = parseCommandArgs(command, argv, OPTIONS);
  if (values.help) {
    io.stdout(auditHelp + '\n');
    return 0;
  }
  const format = formatOption(command, values.format, ['text', 'csv', 'json', 'html'] as const, 'text');
  if (positionals.length < 2) throw new UsageError('audit needs a rubric and at least one answer file or folder.', command);
  const year = yearOption(command, values.year);
  const level = values.level === undefined ? 'all' : String(values.level);
  if (!(AUDIT_LEVELS as readonly string[]).includes(level)) throw new UsageError(`--level must be one of ${AUDIT_LEVELS.join(', ')} (got "${level}").`, command);
  let threshold: number | undefined;
  if (values.threshold !== undefined) {
    const raw = String(values.threshold);
    threshold = Number(raw);
    if (!/^\d*\.?\d+$/.test(raw) || !(threshold >= 0 && threshold <= 1)) throw new UsageError(`--threshold must be a number from 0 to 1, such as 0.66 (got "${raw}").`, command);
  }

  const inputs = loadReportInputs(io, command, positionals.slice(1), positionals[0]);
  const diagnostics: Diagnostic[] = [...inputs.diagnostics];
  if (!inputs.rubric || (inputs.sets.length === 0 && hasErrors(diagnostics))) {
    printDiagnostics(io, diagnostics, inputs.sources);
    return 1;
  }
  const rubric = inputs.rubric;
  const variant = variantOption(command, rubric, values.variant);
  const years = [...new Set(inputs.sets.map((s) => s.year))].sort((a, b) => a - b);
  if (year !== undefined && !years.includes(year)) throw new UsageError(years.length ? `No answer set is for ${year} (years: ${years.join(', ')}).` : 'No answer set was loaded.', command);
  const all = inputs.sets.map((s) => scoreAnswerSet(rubric, s, { ...(variant !== undefined ? { variant } : {}), reportMissing: false }));
  const chosenYear = year ?? defaultYear(rubric, all, variant !== undefined ? { variant } : {});
  if (chosenYear === undefined) {
    printDiagnostics(io, diagnostics, inputs.sources);
    throw new UsageError('No answer set was loaded.', command);
  }
  const results = all.filter((r) => r.year === chosenYear);
  for (const r of results) for (const item of r.diagnostics.filter((d) => d.severity === 'error')) diagnostics.push(item);
  const audit = auditIndex(rubric, results, { year: chosenYear, level: level as AuditLevel, ...(variant !== undefined ? { variant } : {}), ...(threshold !== undefined ? { availabilityThreshold: threshold } : {}) });
  if (!audit.value) throw new UsageError(audit.problems.map((p) => p.message).join(' '), command);
  const a = audit.value;
  const text = format === 'json' ? auditJson(a) : format === 'csv' ? auditCsv(a) : format === 'html' ? auditHtml(a) : auditText(a);
  printDiagnostics(io, diagnostics, inputs.sources);
  if (typeof values.out === 'string') {
    const target = resolve(io.cwd, values.out);
    const refused = writeOutputs(io, [{ path: target, text }], { inputs: inputs.inputFiles });
    if (refused.length > 0) {
      printDiagnostics(io, refused);
      return 1;
    }
    io.stderr(`Wrote ${displayPath(io.cwd, target)}.\n`);
  } else io.stdout(text);
  return hasErrors(diagnostics) ? 1 : 0;
}
