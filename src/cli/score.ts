import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { expandAnswerPaths, loadAnswerSetFiles } from '../node/files.js';
import { readFiles, runPerFile, scoreEntries, scoreFiles, streamPerFile } from './file-jobs.js';
import { scoreAnswerSet } from '../scoring/score.js';
import { renderScoreTree, scoreOutputWriter, scoreTableText } from '../report/score-table.js';
import { hasErrors } from '../diagnostics/index.js';
import { defineCommand } from './command.js';
import { noAnswerSets, RUBRIC_TEXT } from './options.js';
import { diagnosticsJson, exitFor, loadRubricArgOrReport, printDiagnostics, variantOption } from './shared.js';

import { byCodePoint } from '../text/order.js';
import { progressLine } from '../node/progress-line.js';

/** `policy-index score`. */
export const scoreCommand = defineCommand({
  name: 'score',
  summary: 'score answer sets with a rubric',
  description: 'Scores answer sets (files or folders) with a rubric.',
  positionals: [
    { name: 'rubric', description: RUBRIC_TEXT },
    { name: 'answers', description: 'answer sets (files or folders)', variadic: true },
  ],
  options: {
    variant: { type: 'string', placeholder: 'id', description: 'variant whose score the root carries', defaultText: "the rubric's default" },
    format: {
      type: 'enum',
      values: ['text', 'json', 'jsonl', 'csv'],
      valueAliases: { table: 'text' },
      default: 'text',
      description:
        'output format; text: a table of the answer sets, or the score tree of one; json, jsonl and csv are written as each answer set is scored, never held whole; jsonl (JSON Lines) is one JSON object per answer set per line, the elements of json\'s "results"; the diagnostics of csv and jsonl go to standard error',
    },
    tree: { type: 'boolean', description: 'with --format text, print the full score tree of every answer set (the default when there is one answer set)' },
  },
  notes: `--quiet also leaves out the warnings about unanswered questions (they are not computed).
From 2,000 answer files on, the files are read and scored on several threads, with the same
output (POLICY_INDEX_THREADS=<n> sets the number of threads; 1 keeps to one).`,
  examples: [{ command: 'policy-index score mipex-2020 examples/mipex' }, { command: 'policy-index score examples/demo/rubric examples/demo/answers/northland-2024.yaml --format json' }],
  exitCodes: '0 scored without errors, 1 errors in the inputs (or no answer set found), 2 usage error.',
  json: '{ "results": [ScoreResult with its diagnostics], "diagnostics": [...] }',
  run: async ({ options: values, positionals }, io) => {
  const format = values.format;
  const rubricArg = positionals.rubric;
  const answerArgs = positionals.answers;
  const r = loadRubricArgOrReport(io, rubricArg);
  if (!r) return 1;
  const diagnostics: Diagnostic[] = [...r.diagnostics];
  const rubric = r.value;
  variantOption('score', rubric, values.variant);
  const paths = answerArgs.map((a) => resolve(io.cwd, a));
  if (format === 'text' && !values.tree) {
    // The table shows only top and area scores: the lean scorer gives the same numbers without
    // the trace, and many files are read on several threads.
    const expanded = expandAnswerPaths(paths);
    if (expanded.files.length > 1) {
      const job = { kind: 'score' as const, cwd: io.cwd, rubric: rubricArg, ...(typeof values.variant === 'string' ? { variant: values.variant } : {}), reportMissing: !values.quiet };
      const progress = progressLine(io.stderr, io.isTTY === true, 'score', expanded.files.length);
      const per = await runPerFile(job, expanded.files, (files) => scoreFiles(rubric, job, files), { onSlice: progress.add });
      progress.end();
      const rows = per.flatMap((p) => (p.row ? [p.row] : []));
      if (rows.length > 1) {
        const sources: Record<string, string> = { ...r.sources };
        for (const item of expanded.diagnostics) diagnostics.push(item);
        for (const p of per) {
          for (const item of p.load) diagnostics.push(item);
          if (p.text !== undefined) sources[p.sourceKey] = p.text;
        }
        rows.sort((a, b) => byCodePoint(a.country, b.country) || a.year - b.year);
        for (const row of rows) for (const item of row.diagnostics) diagnostics.push(item);
        printDiagnostics(io, diagnostics, sources);
        io.stdout(scoreTableText(rubric, rows.map((row) => row.cells)));
        return exitFor(diagnostics);
      }
      // None or one set read: the full path below (a tree for one set).
    }
  }
  if (format !== 'text') {
    // Streamed: the files are read once for their country and year (the order of the output),
    // then scored in that order and each entry written as it comes.
    const expanded = expandAnswerPaths(paths);
    const sources: Record<string, string> = { ...r.sources };
    const loadDiagnostics: Diagnostic[] = [...expanded.diagnostics];
    const order: { file: string; country: string; year: number }[] = [];
    // Progress: every file is counted twice, once read and once scored.
    const progress = progressLine(io.stderr, io.isTTY === true, 'score', 2 * expanded.files.length);
    const read = await runPerFile({ kind: 'read', cwd: io.cwd }, expanded.files, readFiles, { onSlice: progress.add });
    read.forEach((p, i) => {
      for (const item of p.load) loadDiagnostics.push(item);
      if (p.text !== undefined) sources[p.sourceKey] = p.text;
      if (p.key) order.push({ file: expanded.files[i]!, ...p.key });
    });
    order.sort((a, b) => byCodePoint(a.country, b.country) || a.year - b.year);
    for (const item of loadDiagnostics) diagnostics.push(item);
    // Nothing to score is an error (with the reason, when reading failed).
    if (order.length === 0 && !hasErrors(diagnostics)) diagnostics.push(noAnswerSets(answerArgs.join(', ')));
    const out = scoreOutputWriter(format, io.stdout);
    const job = { kind: 'score' as const, cwd: io.cwd, rubric: rubricArg, ...(typeof values.variant === 'string' ? { variant: values.variant } : {}), reportMissing: !values.quiet, format };
    await streamPerFile(job, order.map((o) => o.file), (files) => scoreEntries(rubric, job, files), (e) => {
      if (e.entry !== undefined) out.entry(e.entry);
      for (const item of e.diagnostics) diagnostics.push(item);
      if (e.text !== undefined) sources[e.sourceKey] = e.text;
    }, { onSlice: (n) => progress.add(n) });
    progress.end();
    out.end(format === 'json' ? diagnosticsJson(loadDiagnostics, io.cwd) : undefined);
    if (format !== 'json') printDiagnostics(io, diagnostics, sources);
    return exitFor(diagnostics);
  }
  const sets = loadAnswerSetFiles(paths);
  for (const item of sets.diagnostics) diagnostics.push(item);
  // Nothing to score is an error (with the reason, when reading failed).
  if ((sets.value ?? []).length === 0 && !hasErrors(diagnostics)) diagnostics.push(noAnswerSets(answerArgs.join(', ')));
  const results = (sets.value ?? []).map((s) =>
    scoreAnswerSet(rubric, s, { ...(typeof values.variant === 'string' ? { variant: values.variant } : {}), reportMissing: !values.quiet }),
  );
  results.sort((a, b) => byCodePoint(a.country, b.country) || a.year - b.year);
  for (const res of results) { for (const item of res.diagnostics) diagnostics.push(item); }
  printDiagnostics(io, diagnostics, { ...r.sources, ...sets.sources });
  // One answer set, or --tree: the score tree (the table of many sets is written above); with
  // nothing to show, no empty table header on standard output.
  if (results.length > 0) io.stdout(results.map(renderScoreTree).join('\n\n') + '\n');
  return exitFor(diagnostics);
  },
});

/** The `--help` text of `score`. */
export const scoreHelp = scoreCommand.help;
