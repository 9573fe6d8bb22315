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
import { defineCommand } from './command.js';
import { UsageError } from './io.js';
import { RUBRIC_TEXT } from './options.js';
import { loadReportInputs, writeOutputs, yearOption } from './report-shared.js';
import { displayPath, printDiagnostics, variantOption } from './shared.js';

/** `policy-index audit`. */
export const auditCommand = defineCommand({
  name: 'audit',
  summary: 'statistical audit: node statistics, availability, correlations, Cronbach\'s alpha, principal components',
  description: `Statistical audit of the index for one year: for every node, count, availability, minimum,
maximum, mean, median, standard deviation, skewness, kurtosis, shares at the scale's ends and
distinct values; data availability by unit and by group; Pearson and Spearman correlations of
each node with its parent and with the index, and between siblings; Cronbach's alpha and the
principal components of each group; and flags in words (near-constant or all-extreme nodes,
negative or weak correlations with the parent, redundant siblings, units with little data).
The figures describe how the scores move together across units; they do not say whether the
index measures the right thing.`,
  positionals: [
    { name: 'rubric', description: RUBRIC_TEXT },
    { name: 'answers', description: 'answer sets (files or folders)', variadic: true },
  ],
  options: {
    year: { type: 'string', placeholder: 'y', description: 'year to audit', defaultText: 'the year in which the most units have a complete score on the variant, the later on a tie' },
    variant: { type: 'string', placeholder: 'id', description: 'variant whose top score is the index', defaultText: "the variant every unit of the year has a complete score on, the rubric's default first" },
    level: { type: 'enum', values: AUDIT_LEVELS, default: 'all', description: 'nodes described and correlated' },
    threshold: { type: 'number', min: 0, max: 1, placeholder: 'x', description: 'availability below which a unit or node is listed', default: 0.66 },
    format: { type: 'enum', values: ['text', 'csv', 'json', 'html'], default: 'text', description: 'output format' },
    out: { type: 'string', placeholder: 'file', description: 'write to a file instead of standard output (never over an input file)' },
  },
  examples: [{ command: 'policy-index audit mipex-2020 examples/mipex --year 2019 --level area' }],
  exitCodes: '0 clean, 1 errors in the inputs (or no answer set found), 2 usage error.',
  json: 'the AuditResult: { rubric, year, variant, level, scale, units, thresholds, dataPoints, nodes, correlations, siblings, groups, availability, flags } (fields in the guide "Auditing an index")',
  run: async ({ options: values, positionals }, io) => {
  const command = 'audit';
  const format = values.format;
  const year = yearOption(command, values.year);
  const level: AuditLevel = values.level;
  const threshold = values.threshold;

  const inputs = loadReportInputs(io, command, positionals.answers, positionals.rubric);
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
  },
});
