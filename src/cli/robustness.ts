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
import { readTextFile } from '../node/files.js';
import { sensitivityCsv, sensitivityHtml, sensitivityText, uncertaintyCsv, uncertaintyHtml, uncertaintyText } from '../report/robustness.js';
import { scoreAnswerSet } from '../scoring/score.js';
import { formatOption, parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';
import { loadReportInputs, writeOutputs, yearOption } from './report-shared.js';
import { displayPath, printDiagnostics, variantOption } from './shared.js';

const COMMON_OPTIONS = `Options:
  --year <y>              year to analyse (default: the year in which the most units have a
                          complete score on the variant, the later on a tie)
  --variant <id>          variant whose score is ranked (default: the rubric's default)
  --weight-noise <x>      uniform noise on weights: each weight times 1 ± x (e.g. 0.25), renormalised
  --level <level>         level whose weights get the noise: area (default), dimension, indicator, question
  --node <id,…>           put the noise on these nodes' weights instead of a whole level
  --aggregation <n=m,…>   alternative aggregations of node n (mean, weighted-mean, geometric-mean,
                          minimum, maximum); repeatable
  --missing <rules>       alternative missing-data rules for every node: omit, minimum (comma-separated)
  --leave-one-out         leave out one area at a time (or none), each equally likely
  --spec <file.yaml>      uncertain inputs from a YAML spec (flags add to it)
  --samples <n>           samples (default 1000; for sensitivity the base samples N)
  --seed <n>              seed of the random numbers (default 1)
  --workers <n>           worker threads for large runs (default: the available cores)
  --max-evaluations <n>   refuse a run needing more unit evaluations (samples × (countries + 10),
                          for sensitivity × (inputs + 2), bootstrap counted too; default 5000000)
  --memory-mib <n>        memory the summaries may keep, in MiB (default 256): exact score
                          quantiles while every sample fits, a streaming sketch beyond
  --format <f>            table (default), csv, json or html
  --out <file>            write to a file instead of standard output (never over an input file)
  -h, --help              show this help

Exit codes: 0 clean, 1 errors in the inputs or the spec, 2 usage error.`;

export const uncertaintyHelp = `Usage: policy-index uncertainty <rubric> <answers…> [options]

Monte Carlo uncertainty analysis: samples the declared uncertain inputs and reports, for each
country, the score and rank as published, and the mean, median and 5–95 % interval of its score
and rank over the samples, with the mean absolute rank shift; also each area's effective weight
(its real share of the index and its correlation with the index across countries). The intervals
measure the builders' choices, not the quality of the answers.

${COMMON_OPTIONS}`;

export const sensitivityHelp = `Usage: policy-index sensitivity <rubric> <answers…> [options]

Variance-based sensitivity analysis (Saltelli sampling; first-order indices by the Saltelli 2010
estimator, total-effect indices by Jansen's) of each declared uncertain input, on the mean
absolute rank shift and on each country's rank, with bootstrap 95 % intervals.

${COMMON_OPTIONS}
  --bootstrap <n>         bootstrap resamples for the intervals (default 200)`;

const OPTIONS = {
  year: { type: 'string' },
  variant: { type: 'string' },
  'weight-noise': { type: 'string' },
  level: { type: 'string' },
  node: { type: 'string' },
  aggregation: { type: 'string', multiple: true },
  missing: { type: 'string' },
  'leave-one-out': { type: 'boolean' },
  spec: { type: 'string' },
  samples: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  bootstrap: { type: 'string' },
  'max-evaluations': { type: 'string' },
  'memory-mib': { type: 'string' },
  progress: { type: 'boolean' },
  format: { type: 'string' },
  out: { type: 'string' },
} as const;

function intOption(command: string, name: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${String(value)}").`, command);
  return n;
}

async function run(command: 'uncertainty' | 'sensitivity', argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(command, argv, OPTIONS);
  if (values.help) {
    io.stdout((command === 'uncertainty' ? uncertaintyHelp : sensitivityHelp) + '\n');
    return 0;
  }
  const format = formatOption(command, values.format, ['table', 'csv', 'json', 'html'] as const, 'table');
  if (positionals.length < 2) throw new UsageError(`${command} needs a rubric and at least one answer file or folder.`, command);
  const year = yearOption(command, values.year);
  const samples = intOption(command, 'samples', values.samples, 1, 10_000_000);
  const seed = intOption(command, 'seed', values.seed, 0, 4294967295);
  const workers = intOption(command, 'workers', values.workers, 1, 64);
  const bootstrap = intOption(command, 'bootstrap', values.bootstrap, 0, 100_000);
  const maxEvaluations = intOption(command, 'max-evaluations', values['max-evaluations'], 1, 1e15);
  const memoryMib = intOption(command, 'memory-mib', values['memory-mib'], 1, 1_048_576);
  const diagnostics: Diagnostic[] = [];
  let spec: UncertaintySpec = {};
  const specSources: Record<string, string> = {};
  let specLocator: ReturnType<typeof loadUncertaintySpec>['locator'];
  if (typeof values.spec === 'string') {
    const path = resolve(io.cwd, values.spec);
    const shown = displayPath(io.cwd, path);
    const text = readTextFile(path, shown);
    for (const item of text.diagnostics) diagnostics.push(item);
    if (text.value !== undefined) {
      specSources[shown] = text.value;
      const loaded = loadUncertaintySpec(text.value, shown);
      for (const item of loaded.diagnostics) diagnostics.push(item);
      specLocator = loaded.locator;
      if (loaded.value) spec = loaded.value;
    }
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
    else weights.push({ level: typeof values.level === 'string' ? values.level : 'area', noise: x });
  } else if (values.level !== undefined || values.node !== undefined) throw new UsageError('--level and --node need --weight-noise.', command);
  const aggregations = [...(spec.aggregations ?? [])];
  for (const a of (values.aggregation as string[] | undefined) ?? []) {
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

  const inputs = loadReportInputs(io, command, positionals.slice(1), positionals[0]);
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

  const showProgress = values.progress === true || io.isTTY === true;
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
    io.stderr(`Wrote ${displayPath(io.cwd, target)}.\n`);
  } else io.stdout(text);
  return hasErrors(diagnostics) ? 1 : 0;
}

/** `policy-index uncertainty`. */
export function uncertaintyCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  return run('uncertainty', argv, io);
}

/** `policy-index sensitivity`. */
export function sensitivityCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  return run('sensitivity', argv, io);
}
