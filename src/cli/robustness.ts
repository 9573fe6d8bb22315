/**
 * `policy-index uncertainty` and `policy-index sensitivity`: how much scores and ranks depend on
 * the builders' choices (weights, aggregations, missing-data rules, included areas).
 *
 * @module
 */
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { defaultYear } from '../analysis/comparable.js';
import { loadUncertaintySpec, specProblemDiagnostics } from '../analysis/robustness/spec.js';
import { METHODS, type PlanMethod } from '../analysis/robustness/plan.js';
import type { SpecProblem, UncertaintySpec } from '../analysis/robustness/context.js';
import { analyseSensitivityParallel, analyseUncertaintyParallel } from '../node/robustness.js';
import { sensitivityCsv, sensitivityHtml, sensitivityText, uncertaintyCsv, uncertaintyHtml, uncertaintyText } from '../report/robustness.js';
import { scoreAnswerSet } from '../scoring/score.js';
import { defineCommand, type ArgsOf, type OptionDef } from './command.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';
import { readYamlOption, RUBRIC_TEXT } from './options.js';
import { loadReportInputs, writeOutputs, yearOption } from './report-shared.js';
import { displayPath, note, printDiagnostics, summaryWarnings, variantOption } from './shared.js';

/** The options of `uncertainty` and `sensitivity`. */
const OPTIONS = {
  year: { type: 'string', placeholder: 'y', description: 'year to analyse', defaultText: 'the year in which the most units have a complete score on the variant, the later on a tie' },
  variant: { type: 'string', placeholder: 'id', description: 'variant whose score is ranked', defaultText: "the rubric's default" },
  'weight-noise': { type: 'string', placeholder: 'x', description: 'uniform noise on weights: each weight times 1 ± x (e.g. 0.25), renormalised' },
  level: { type: 'string', placeholder: 'level', description: "level whose weights get the noise: one of the rubric's levels (area, dimension, indicator, question)", defaultText: 'area' },
  node: { type: 'string', placeholder: 'id,…', description: "put the noise on these nodes' weights instead of a whole level" },
  aggregation: { type: 'string', placeholder: 'n=m,…', repeatable: true, description: `alternative aggregations of node n (${METHODS.join(', ')})` },
  missing: { type: 'string', placeholder: 'rules', description: 'alternative missing-data rules for every node: omit, minimum (comma-separated)' },
  'leave-one-out': { type: 'boolean', description: 'leave out one area at a time (or none), each equally likely' },
  spec: { type: 'string', placeholder: 'file.yaml', description: 'uncertain inputs from a YAML spec (flags add to it)' },
  samples: { type: 'number', integer: true, min: 1, max: 10_000_000, description: 'samples (for sensitivity the base samples N)', defaultText: '1000' },
  seed: { type: 'number', integer: true, min: 0, max: 4294967295, description: 'seed of the random numbers', defaultText: '1' },
  workers: { type: 'number', integer: true, min: 1, max: 64, description: 'worker threads for large runs', defaultText: 'the available cores' },
  'max-evaluations': { type: 'number', integer: true, min: 1, max: 1e15, description: 'refuse a run needing more unit evaluations (samples × (countries + 10), for sensitivity × (inputs + 2), bootstrap counted too)', defaultText: '5000000' },
  'memory-mib': { type: 'number', integer: true, min: 1, max: 1_048_576, description: 'memory the summaries may keep, in MiB: exact score quantiles while every sample fits, a streaming sketch beyond', defaultText: '256' },
  progress: { type: 'boolean', description: 'show progress lines on standard error even when it is not a terminal' },
  format: { type: 'enum', values: ['text', 'csv', 'json', 'html'], valueAliases: { table: 'text' }, default: 'text', description: 'output format' },
  out: { type: 'string', placeholder: 'file', description: 'write to a file instead of standard output (never over an input file)' },
} as const satisfies Record<string, OptionDef>;

const POSITIONALS = [
  { name: 'rubric', description: RUBRIC_TEXT },
  { name: 'answers', description: 'answer sets (files or folders)', variadic: true },
] as const;

type RobustnessArgs = ArgsOf<typeof OPTIONS & { bootstrap: OptionDef & { type: 'number' } }, typeof POSITIONALS>;

async function run(command: 'uncertainty' | 'sensitivity', { options: values, positionals }: RobustnessArgs, io: CliIO): Promise<ExitCode> {
  const format = values.format;
  const year = yearOption(command, values.year);
  const { samples, seed, workers, bootstrap, 'max-evaluations': maxEvaluations, 'memory-mib': memoryMib } = values;
  const diagnostics: Diagnostic[] = [];
  let spec: UncertaintySpec = {};
  const specSources: Record<string, string> = {};
  let specLocator: ReturnType<typeof loadUncertaintySpec>['locator'];
  if (typeof values.spec === 'string') {
    const file = readYamlOption(io, values.spec, loadUncertaintySpec);
    for (const item of file.diagnostics) diagnostics.push(item);
    Object.assign(specSources, file.sources);
    specLocator = file.parsed?.locator;
    if (file.value) spec = file.value;
    if (hasErrors(diagnostics)) {
      printDiagnostics(io, diagnostics, specSources);
      return 1;
    }
  }
  const weights = [...(spec.weights ?? [])];
  if (values['weight-noise'] !== undefined) {
    const x = Number(values['weight-noise']);
    if (!/^\d*\.?\d+$/.test(String(values['weight-noise'])) || !(x >= 0 && x < 1)) throw new UsageError(`--weight-noise must be a number from 0 to below 1, such as 0.25 (got "${String(values['weight-noise'])}").`, command);
    if (typeof values.node === 'string') for (const node of values.node.split(',').map((s) => s.trim()).filter(Boolean)) weights.push({ node, noise: x });
    else weights.push({ level: values.level ?? 'area', noise: x });
  } else if (values.level !== undefined || values.node !== undefined) throw new UsageError('--level and --node need --weight-noise.', command);
  const aggregations = [...(spec.aggregations ?? [])];
  for (const a of values.aggregation) {
    const m = /^([^=]+)=(.+)$/.exec(a);
    const methods = m ? m[2]!.split(',').map((s) => s.trim()) : [];
    if (!m || !methods.every((x) => (METHODS as readonly string[]).includes(x))) throw new UsageError(`--aggregation takes node=method,… with methods ${METHODS.join(', ')} (got "${a}").`, command);
    aggregations.push({ node: m[1]!.trim(), methods: methods as PlanMethod[] });
  }
  const missing = [...(spec.missing ?? [])];
  if (typeof values.missing === 'string') {
    const rules = values.missing.split(',').map((s) => s.trim());
    if (!rules.length || !rules.every((r) => r === 'omit' || r === 'minimum')) throw new UsageError(`--missing takes omit, minimum or both (got "${values.missing}").`, command);
    missing.push({ rules: rules as ('omit' | 'minimum')[] });
  }
  spec = {
    ...spec,
    weights,
    aggregations,
    missing,
    leaveOneOut: values['leave-one-out'] === true || spec.leaveOneOut === true,
    ...(samples !== undefined ? { samples } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };

  const inputs = loadReportInputs(io, command, positionals.answers, positionals.rubric);
  for (const item of inputs.diagnostics) diagnostics.push(item);
  if (!inputs.rubric) {
    printDiagnostics(io, diagnostics, inputs.sources);
    return 1;
  }
  const rubric = inputs.rubric;
  const variant = variantOption(command, rubric, values.variant) ?? rubric.defaultVariant;
  const years = [...new Set(inputs.sets.map((s) => s.year))].sort((a, b) => a - b);
  // Default year: the year in which the most units have a complete score on the variant analysed.
  const chosenYear = year ?? defaultYear(rubric, inputs.sets.map((s) => scoreAnswerSet(rubric, s, { variant, reportMissing: false })), { variant });
  if (chosenYear === undefined) throw new UsageError('No answer set was loaded.', command);
  if (!years.includes(chosenYear)) throw new UsageError(`No answer set is for ${chosenYear} (years: ${years.join(', ')}).`, command);
  const results = inputs.sets.filter((s) => s.year === chosenYear).map((s) => scoreAnswerSet(rubric, s, { variant, reportMissing: false }));
  for (const r of results) for (const item of r.diagnostics.filter((d) => d.severity === 'error')) diagnostics.push(item);

  const showProgress = !values.quiet && (values.progress || io.isTTY === true);
  let lastShown = -1;
  const onProgress = (done: number, total: number) => {
    if (!showProgress) return;
    const pct = Math.floor((100 * done) / total);
    if (pct !== lastShown && (pct % 10 === 0 || done === total)) {
      lastShown = pct;
      io.stderr(`${command}: ${pct}% (${done} of ${total} samples)\n`);
    }
  };
  // A problem with the sample count points into the spec only when the count came from it.
  const problemDiagnostics = (problems: readonly SpecProblem[]) => {
    const fromFlags = problems.filter((p) => samples !== undefined && p.path === 'samples');
    return [...specProblemDiagnostics(problems.filter((p) => !fromFlags.includes(p)), specLocator, 'command line'), ...specProblemDiagnostics(fromFlags, undefined, 'command line')];
  };
  const parallel = {
    ...(workers !== undefined ? { workers } : {}),
    ...(maxEvaluations !== undefined ? { maxEvaluations } : {}),
    ...(memoryMib !== undefined ? { memoryBudget: memoryMib * 1024 * 1024 } : {}),
    onProgress,
    variant,
  };
  const title = `${rubric.title} · ${chosenYear}`;
  const display = { precision: rubric.display.precision, rounding: rubric.display.rounding, title };
  let text: string;
  if (command === 'uncertainty') {
    const r = await analyseUncertaintyParallel(rubric, results, spec, parallel);
    if (!r.value) {
      printDiagnostics(io, [...diagnostics, ...problemDiagnostics(r.problems)], { ...inputs.sources, ...specSources });
      return 1;
    }
    const v = r.value;
    text = format === 'json' ? JSON.stringify({ rubric: `${rubric.id}@${rubric.version}`, year: chosenYear, ...v }, null, 2) + '\n' : format === 'csv' ? uncertaintyCsv(v, display) : format === 'html' ? uncertaintyHtml(v, display) : uncertaintyText(v, display);
  } else {
    const r = await analyseSensitivityParallel(rubric, results, spec, { ...parallel, ...(bootstrap !== undefined ? { bootstrap } : {}) });
    if (!r.value) {
      printDiagnostics(io, [...diagnostics, ...problemDiagnostics(r.problems)], { ...inputs.sources, ...specSources });
      return 1;
    }
    const v = r.value;
    text = format === 'json' ? JSON.stringify({ rubric: `${rubric.id}@${rubric.version}`, year: chosenYear, ...v }, null, 2) + '\n' : format === 'csv' ? sensitivityCsv(v) : format === 'html' ? sensitivityHtml(v, display) : sensitivityText(v);
  }
  printDiagnostics(io, diagnostics, inputs.sources);
  if (typeof values.out === 'string') {
    const target = resolve(io.cwd, values.out);
    if (typeof values.spec === 'string') inputs.inputFiles.add(resolve(io.cwd, values.spec));
    const refused = writeOutputs(io, [{ path: target, text }], { inputs: inputs.inputFiles });
    if (refused.length > 0) {
      printDiagnostics(io, refused);
      return 1;
    }
    note(io, `Wrote ${displayPath(io.cwd, target)}${summaryWarnings(diagnostics)}.\n`);
  } else io.stdout(text);
  return hasErrors(diagnostics) ? 1 : 0;
}

/** `policy-index uncertainty`. */
export const uncertaintyCommand = defineCommand({
  name: 'uncertainty',
  summary: "how much scores and ranks move under the builders' choices (Monte Carlo)",
  description: `Monte Carlo uncertainty analysis: samples the declared uncertain inputs and reports, for each
country, the score and rank as published, and the mean, median and 5–95 % interval of its score
and rank over the samples, with the mean absolute rank shift; also each area's effective weight
(its real share of the index and its correlation with the index across countries). The intervals
measure the builders' choices, not the quality of the answers.`,
  positionals: POSITIONALS,
  options: OPTIONS,
  examples: [{ command: 'policy-index uncertainty mipex-2020 examples/mipex --weight-noise 0.25 --leave-one-out --samples 500' }],
  exitCodes: '0 clean, 1 errors in the inputs or the spec (or no answer set found), 2 usage error.',
  json: '{ "rubric": "id@version", "year", …the uncertainty summary (units, areas, samples) }',
  run: (args, io) => run('uncertainty', { ...args, options: { ...args.options, bootstrap: undefined } }, io),
});

/** `policy-index sensitivity`. */
export const sensitivityCommand = defineCommand({
  name: 'sensitivity',
  summary: 'which uncertain input moves the ranks (variance-based indices)',
  description: `Variance-based sensitivity analysis (Saltelli sampling; first-order indices by the Saltelli 2010
estimator, total-effect indices by Jansen's) of each declared uncertain input, on the mean
absolute rank shift and on each country's rank, with bootstrap 95 % intervals.`,
  positionals: POSITIONALS,
  options: { ...OPTIONS, bootstrap: { type: 'number', integer: true, min: 0, max: 100_000, description: 'bootstrap resamples for the intervals', defaultText: '200' } },
  examples: [{ command: 'policy-index sensitivity mipex-2020 examples/mipex --weight-noise 0.25 --leave-one-out --samples 256' }],
  exitCodes: '0 clean, 1 errors in the inputs or the spec (or no answer set found), 2 usage error.',
  json: '{ "rubric": "id@version", "year", …the sensitivity indices with their intervals }',
  run: (args, io) => run('sensitivity', args, io),
});
