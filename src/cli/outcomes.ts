import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { expandAnswerPaths, readTextFile } from '../node/files.js';
import {
  computeOutcomeGaps,
  parseOutcomeFramework,
  validateOutcomeFiles,
  ZARAGOZA_FRAMEWORK_YAML,
  type OutcomeFile,
} from '../outcomes/index.js';
import { buildPolicyOutcomeView } from '../analysis/policy-outcome.js';
import { renderOutcomeGapsCsv, renderOutcomeGapsJson, renderOutcomeGapsText, renderOutcomeValidationSummary } from '../report/outcome-tables.js';
import { renderPolicyOutcomeSvg, renderPolicyOutcomeText } from '../report/policy-outcome.js';
import { scoreAnswerSet } from '../scoring/score.js';
import { findScoredNode } from '../scoring/score.js';
import { defineCommand } from './command.js';
import { UsageError, type CliIO } from './io.js';
import { FORMAT_TEXT_JSON, RUBRIC_OPTION } from './options.js';
import { diagnosticsJson, displayPath, exitFor, note, printDiagnostics, variantOption } from './shared.js';
import { fileOutOption, loadReportInputs, writeOutputs } from './report-shared.js';
import { bundledOutcomeDataPath } from '../node/package.js';

function readFiles(io: CliIO, args: readonly string[], diagnostics: Diagnostic[], read: string[] = []): OutcomeFile[] {
  const files: OutcomeFile[] = [];
  const { files: paths, diagnostics: ds } = expandAnswerPaths(args.map((a) => resolve(io.cwd, a)), ['csv', 'yaml', 'yml']);
  for (const item of ds) diagnostics.push(item);
  for (const p of paths) {
    read.push(p);
    const t = readTextFile(p);
    for (const item of t.diagnostics) diagnostics.push(item);
    if (t.value !== undefined) files.push({ name: displayPath(io.cwd, p), text: t.value });
  }
  return files;
}

function frameworkText(io: CliIO, value: unknown, diagnostics: Diagnostic[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = readTextFile(resolve(io.cwd, value));
  for (const item of t.diagnostics) diagnostics.push(item);
  return t.value;
}

function yearFilter(command: string, value: unknown): { fromYear?: number; toYear?: number } {
  if (typeof value !== 'string') return {};
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(value);
  if (!m) throw new UsageError(`--year must be a year or a range such as 2015-2019 (got "${value}").`, command);
  return { fromYear: Number(m[1]), toYear: Number(m[2] ?? m[1]) };
}

const list = (v: unknown) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** `policy-index outcomes validate`. */
export const outcomesValidateCommand = defineCommand({
  name: 'outcomes validate',
  summary: 'check outcome data against an outcome framework',
  description: `Checks outcome data files (long or wide CSV, or YAML; folders are searched) against an outcome
framework (default: the bundled EU "Zaragoza" framework, which declares the column layouts of
Eurostat-style files). Reports unknown indicators and cohorts, duplicate rows, non-numeric
values and values impossible for the declared unit, each with file and line.`,
  positionals: [{ name: 'data', description: 'outcome data files or folders', variadic: true }],
  options: {
    framework: { type: 'string', placeholder: 'yaml', description: 'outcome framework file', defaultText: 'the bundled EU "Zaragoza" framework' },
    format: FORMAT_TEXT_JSON,
  },
  examples: [{ command: 'policy-index outcomes validate examples/outcomes' }],
  exitCodes: '0 no errors, 1 errors found, 2 usage error.',
  json: '{ "summary": {...}, "diagnostics": [...] }',
  run: async ({ options: values, positionals: { data: positionals } }, io) => {
  const format = values.format;
  const diagnostics: Diagnostic[] = [];
  const fw = frameworkText(io, values.framework, diagnostics);
  const files = readFiles(io, positionals, diagnostics);
  const r = validateOutcomeFiles(files, fw, typeof values.framework === 'string' ? { frameworkFile: values.framework } : {});
  for (const item of r.diagnostics) diagnostics.push(item);
  if (format === 'json') io.stdout(JSON.stringify({ summary: r.summary, diagnostics: diagnosticsJson(diagnostics, io.cwd) }, null, 2) + '\n');
  else {
    printDiagnostics(io, diagnostics, Object.fromEntries(files.map((f) => [f.name, f.text])));
    io.stdout(renderOutcomeValidationSummary(r.summary) + '\n');
  }
  return exitFor(diagnostics);
  },
});

/** `policy-index outcomes gaps`. */
export const outcomesGapsCommand = defineCommand({
  name: 'outcomes gaps',
  summary: 'compute outcome gaps between cohorts',
  description: `Computes outcome gaps (e.g. non-EU-born minus natives, in percentage points) per country and
year from the cohort values — never from a file's own gap column. Rows that failed validation
are left out unless --keep-invalid is given. Missing cohorts are reported, not guessed.`,
  positionals: [{ name: 'data', description: 'outcome data files or folders', variadic: true }],
  options: {
    country: { type: 'string', placeholder: 'list', description: 'only these countries (ISO codes, comma-separated)' },
    year: { type: 'string', placeholder: 'y|y1-y2', description: 'only this year or range' },
    indicator: { type: 'string', placeholder: 'list', description: 'only these indicators' },
    framework: { type: 'string', placeholder: 'yaml', description: 'outcome framework file', defaultText: 'the bundled EU "Zaragoza" framework' },
    'keep-invalid': { type: 'boolean', description: 'include values that failed validation (marked in the output)' },
    format: { type: 'enum', values: ['text', 'csv', 'json'], default: 'text', description: 'output format' },
  },
  examples: [{ command: 'policy-index outcomes gaps examples/outcomes --country SE,DE --year 2015-2019 --format csv' }],
  exitCodes: '0 no errors, 1 errors found, 2 usage error.',
  json: '{ "rows": [...], "diagnostics": [...] } (see the outcome gaps JSON in the format reference)',
  run: async ({ options: values, positionals: { data: positionals } }, io) => {
  const format = values.format;
  const diagnostics: Diagnostic[] = [];
  const fw = frameworkText(io, values.framework, diagnostics);
  const files = readFiles(io, positionals, diagnostics);
  const countries = list(values.country);
  const indicators = list(values.indicator);
  const r = computeOutcomeGaps(files, {
    ...(fw !== undefined ? { frameworkText: fw } : {}),
    ...(countries ? { countries } : {}),
    ...(indicators ? { indicators } : {}),
    ...yearFilter('outcomes gaps', values.year),
    ...(values['keep-invalid'] ? { keepInvalid: true } : {}),
  } as Parameters<typeof computeOutcomeGaps>[1]);
  for (const item of r.diagnostics) diagnostics.push(item);
  const shown = diagnostics.filter((d) => d.severity !== 'info');
  printDiagnostics(io, shown, {});
  if (format === 'json') io.stdout(renderOutcomeGapsJson(r) + '\n');
  else if (format === 'csv') io.stdout(renderOutcomeGapsCsv(r.rows));
  else io.stdout(renderOutcomeGapsText(r.rows) + '\n');
  return exitFor(diagnostics.filter((d) => !/^OUTCOME_(IMPOSSIBLE_VALUE|UNIT_BREAK)$/.test(d.code) || values['keep-invalid']));
  },
});

/** `policy-index outcomes compare`. */
export const outcomesCompareCommand = defineCommand({
  name: 'outcomes compare',
  summary: 'set policy scores beside an outcome gap (association)',
  description: `Sets a policy score (overall, or one area) beside an outcome gap for every country with both,
as a table or an SVG scatter, with Pearson and Spearman correlation and n. This describes an
association between laws and outcomes, not an effect of one on the other.`,
  positionals: [],
  options: {
    policy: { type: 'string', placeholder: 'answers', repeatable: true, required: true, description: 'answer sets to score (files or folders)' },
    outcome: { type: 'string', placeholder: 'id', required: true, description: 'outcome indicator id (e.g. highly-educated-employment-rate)' },
    gap: { type: 'string', placeholder: 'id', description: 'which gap of the indicator', defaultText: 'its first' },
    year: { type: 'string', placeholder: 'y', description: 'policy year', defaultText: 'the latest year with pairs' },
    lag: { type: 'number', integer: true, default: 0, description: 'compare with outcomes n years later' },
    data: { type: 'string', placeholder: 'files', description: 'outcome data, comma-separated', defaultText: 'the bundled Eurostat panel' },
    rubric: RUBRIC_OPTION,
    variant: { type: 'string', placeholder: 'id', description: 'variant of the overall score', defaultText: "the rubric's default" },
    area: { type: 'string', placeholder: 'id', description: "use this area's score instead of the overall score" },
    framework: { type: 'string', placeholder: 'yaml', description: 'outcome framework file', defaultText: 'the bundled EU "Zaragoza" framework' },
    format: { type: 'enum', values: ['text', 'csv', 'json', 'svg'], default: 'text', description: 'output format' },
    out: { type: 'string', placeholder: 'file', description: 'write to a file instead of standard output' },
  },
  examples: [{ command: 'policy-index outcomes compare --policy examples/mipex --outcome highly-educated-employment-rate --format json' }],
  exitCodes: '0 clean, 1 errors in the inputs (or no answer set found), 2 usage error.',
  json: 'the policy–outcome view: { "pairs": [...], "pearson", "spearman", "n", …, "diagnostics": [...] }',
  run: async ({ options: values }, io) => {
  const format = values.format;
  const policyPaths = values.policy;
  const year = typeof values.year === 'string' ? Number(values.year) : undefined;
  if (year !== undefined && !Number.isInteger(year)) throw new UsageError('--year must be a year.', 'outcomes compare');
  const lag = values.lag;
  const diagnostics: Diagnostic[] = [];

  // Outcome side.
  const fwText = frameworkText(io, values.framework, diagnostics);
  const fw = parseOutcomeFramework(fwText ?? ZARAGOZA_FRAMEWORK_YAML, typeof values.framework === 'string' ? values.framework : 'zaragoza.yaml');
  for (const item of fw.diagnostics) diagnostics.push(item);
  if (!fw.value) {
    printDiagnostics(io, diagnostics);
    return 1;
  }
  const indicator = fw.value.indicators.find((i) => i.id === values.outcome);
  if (!indicator) {
    throw new UsageError(`The outcome framework has no indicator "${values.outcome}"; it has ${fw.value.indicators.map((i) => i.id).join(', ')}.`, 'outcomes compare');
  }
  const gapId = typeof values.gap === 'string' ? values.gap : indicator.gaps[0]?.id;
  if (!gapId || !indicator.gaps.some((g) => g.id === gapId)) {
    throw new UsageError(`Indicator "${indicator.id}" has no gap "${String(values.gap)}"; it has ${indicator.gaps.map((g) => g.id).join(', ') || 'none'}.`, 'outcomes compare');
  }
  const dataPaths = list(values.data) ?? [bundledOutcomeDataPath()];
  const readPaths: string[] = [];
  const files = readFiles(io, dataPaths, diagnostics, readPaths);
  const gaps = computeOutcomeGaps(files, { ...(fwText !== undefined ? { frameworkText: fwText } : {}), indicators: [indicator.id], gaps: [gapId] } as Parameters<typeof computeOutcomeGaps>[1]);
  for (const item of gaps.diagnostics.filter((d) => d.severity === 'error')) diagnostics.push(item);
  const outcomeSeries = gaps.rows.map((r) => ({ country: r.country, year: r.year, value: r.valueNumber }));

  // Policy side: score the answer sets (rubric: --rubric, or the bundled one they name).
  const inputs = loadReportInputs(io, 'outcomes compare', policyPaths, typeof values.rubric === 'string' ? values.rubric : undefined);
  for (const item of inputs.diagnostics) diagnostics.push(item);
  const answerSets = inputs.sets;
  if (!inputs.rubric || answerSets.length === 0) {
    printDiagnostics(io, diagnostics, inputs.sources);
    return 1;
  }
  const rubric = { value: inputs.rubric };
  if (typeof values.area === 'string' && !rubric.value.root.children.some((a) => a.id === values.area)) {
    throw new UsageError(`The rubric has no area "${values.area}".`, 'outcomes compare');
  }
  variantOption('outcomes compare', rubric.value, values.variant);
  const policy: { country: string; year: number; value: number }[] = [];
  for (const set of answerSets) {
    const res = scoreAnswerSet(rubric.value, set, { reportMissing: false, ...(typeof values.variant === 'string' ? { variant: values.variant } : {}) });
    const node = typeof values.area === 'string' ? findScoredNode(res.root, values.area) : res.root;
    if (node?.value !== null && node?.value !== undefined) policy.push({ country: set.country, year: set.year, value: node.value });
  }
  const variant = typeof values.variant === 'string' ? values.variant : rubric.value.defaultVariant;
  const policyLabel = `${rubric.value.id} ${typeof values.area === 'string' ? `area ${values.area}` : `overall (${variant})`}`;
  const gapDef = indicator.gaps.find((g) => g.id === gapId)!;
  const outcomeLabel = `${indicator.title}: ${gapDef.id} (${gapDef.kind === 'ratio' ? 'ratio' : 'pp'})`;
  let chosenYear = year;
  if (chosenYear === undefined) {
    const outcomeKeys = new Set(outcomeSeries.map((o) => `${o.country}|${o.year}`));
    const years = [...new Set(policy.filter((p) => outcomeKeys.has(`${p.country}|${p.year + lag}`)).map((p) => p.year))].sort((a, b) => b - a);
    chosenYear = years[0];
  }
  const view = buildPolicyOutcomeView(policy, outcomeSeries, { lagYears: lag, ...(chosenYear !== undefined ? { policyYear: chosenYear } : {}), policyLabel, outcomeLabel });
  for (const item of view.diagnostics.filter((d) => d.severity !== 'info')) diagnostics.push(item);
  let text: string;
  if (format === 'json') text = JSON.stringify({ ...view.value, diagnostics: diagnosticsJson(diagnostics, io.cwd) }, null, 2) + '\n';
  else if (format === 'svg') text = renderPolicyOutcomeSvg(view.value) + '\n';
  else if (format === 'csv') text = renderPolicyOutcomeText(view.value, 'csv');
  else text = renderPolicyOutcomeText(view.value, 'text') + '\n';
  if (typeof values.out === 'string') {
    fileOutOption('outcomes compare', values.out);
    const out = resolve(io.cwd, values.out);
    for (const f of readPaths) inputs.inputFiles.add(f);
    if (typeof values.framework === 'string') inputs.inputFiles.add(resolve(io.cwd, values.framework));
    const clash = writeOutputs(io, [{ path: out, text }], { inputs: inputs.inputFiles });
    if (clash.length) {
      printDiagnostics(io, clash);
      return 1;
    }
    note(io, `wrote ${values.out}\n`);
  } else io.stdout(text);
  printDiagnostics(io, diagnostics, {});
  return exitFor(diagnostics);
  },
});
