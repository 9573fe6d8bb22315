import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { parseYamlSource } from '../source/yaml-source.js';
import { expandAnswerPaths, loadRubricFile, readTextFile, resolveRubricIndex } from '../node/files.js';
import { runPerFile, validateFiles, type ValidateContext } from './file-jobs.js';
import type { Rubric } from '../rubric/types.js';
import { formatOption, parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';
import { diagnosticsJson, exitFor, loadRubricArg, printDiagnostics } from './shared.js';
import { statSync } from 'node:fs';
import { progressLine } from '../node/progress-line.js';

export const validateHelp = `Usage: policy-index validate <files…> [--rubric <path>] [--format text|json]

Checks rubrics and answer sets. Each file (or folder) is recognised by its content: a rubric
index file (or a folder holding index.yaml) is loaded with its area files and checked; an
answer set is checked on its own and against the rubric its \`rubric:\` field names: one among
the given files, the one given with --rubric, a bundled one (e.g. mipex-2020), or a rubric
folder found next to the answers (a \`rubric/\` or \`rubrics/<id>/\` folder in the answer file's
folder or up to three folders above it). When none is found, only the file's shape is checked
and a warning (ANSWERS_RUBRIC_NOT_CHECKED) says so.

Options:
  --rubric <path>   rubric to check answer sets against (file, folder or bundled id)
  --format <f>      text (default) or json
  -h, --help        show this help

From 2,000 answer files on, the files are checked on several threads, with the same output
(POLICY_INDEX_THREADS=<n> sets the number of threads; 1 keeps to one).

Exit codes: 0 no errors, 1 errors found, 2 usage error.`;

function kindOf(path: string): 'rubric' | 'answers' | 'folder' | 'unknown' {
  try {
    if (statSync(path).isDirectory()) return resolveRubricIndex(path) && !/answers/i.test(path) ? 'rubric' : 'folder';
  } catch {
    return 'unknown';
  }
  const text = readTextFile(path).value;
  if (text === undefined) return 'unknown';
  const parsed = parseYamlSource(text, path);
  const v = parsed.value as Record<string, unknown> | undefined;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if ('answers' in v) return 'answers';
    if ('areas' in v || 'scale' in v) return 'rubric';
  }
  return /answers?/i.test(path) ? 'answers' : 'rubric';
}

/** `policy-index validate`. */
export async function validateCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('validate', argv, { rubric: { type: 'string' }, format: { type: 'string' } });
  if (values.help) {
    io.stdout(validateHelp + '\n');
    return 0;
  }
  const format = formatOption('validate', values.format, ['text', 'json'] as const, 'text');
  if (positionals.length === 0) {
    throw new UsageError('validate needs at least one file or folder.', 'validate');
  }
  const diagnostics: Diagnostic[] = [];
  const sources: Record<string, string> = {};
  const rubrics = new Map<string, Rubric>();
  const answerFiles: string[] = [];
  const nearby = new Map<string, Rubric | undefined>();
  const rubricArgs: string[] = [];
  const checked: { file: string; kind: string; errors: number; warnings: number }[] = [];
  const tally = (file: string, kind: string, ds: Diagnostic[]) =>
    checked.push({ file, kind, errors: ds.filter((d) => d.severity === 'error').length, warnings: ds.filter((d) => d.severity === 'warning').length });

  if (typeof values.rubric === 'string') {
    const r = loadRubricArg(io, values.rubric);
    rubricArgs.push(values.rubric);
    Object.assign(sources, r.sources);
    for (const item of r.diagnostics) diagnostics.push(item);
    if (r.value) rubrics.set(r.value.id, r.value);
  }
  for (const arg of positionals) {
    const path = resolve(io.cwd, arg);
    const kind = kindOf(path);
    if (kind === 'rubric') {
      const r = loadRubricFile(path);
      Object.assign(sources, r.sources);
      for (const item of r.diagnostics) diagnostics.push(item);
      tally(arg, 'rubric', r.diagnostics);
      if (r.value && !rubrics.has(r.value.id)) {
        rubrics.set(r.value.id, r.value);
        rubricArgs.push(path);
      }
    } else if (kind === 'folder') {
      const e = expandAnswerPaths([path]);
      for (const item of e.diagnostics) diagnostics.push(item);
      for (const item of e.files) answerFiles.push(item);
    } else if (kind === 'answers') answerFiles.push(path);
    else {
      // Say why the file cannot be read (e.g. too large), not just that it cannot be.
      const read = readTextFile(path, arg);
      const ds: Diagnostic[] = read.value === undefined && read.diagnostics.length ? read.diagnostics : [{ code: 'FILE_NOT_FOUND', severity: 'error', message: `"${arg}" does not exist or cannot be read.`, file: arg }];
      for (const item of ds) diagnostics.push(item);
      tally(arg, 'unknown', ds);
    }
  }
  // The rubrics given (--rubric and rubric files among the arguments) serve every answer file;
  // each thread loads them again (their diagnostics were reported above).
  const job = { kind: 'validate' as const, cwd: io.cwd, rubrics: rubricArgs };
  const ctx: ValidateContext = { rubrics, nearby };
  const progress = progressLine(io.stderr, io.isTTY === true, 'validate', answerFiles.length);
  const results = await runPerFile(job, answerFiles, (files) => validateFiles(ctx, files), { onSlice: progress.add });
  progress.end();
  for (const res of results) {
    if (res.text !== undefined) sources[res.sourceKey] = res.text;
    for (const item of res.diagnostics) diagnostics.push(item);
    tally(res.file, 'answers', res.diagnostics);
  }
  if (format === 'json') {
    io.stdout(JSON.stringify({ files: checked, diagnostics: diagnosticsJson(diagnostics, io.cwd) }, null, 2) + '\n');
  } else {
    // One summary line, on standard error after the diagnostics.
    printDiagnostics(io, diagnostics, sources, { summary: false });
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    io.stderr(`${diagnostics.length ? '\n' : ''}${checked.length} file${checked.length === 1 ? '' : 's'} checked: ${errors === 0 ? 'no errors' : `${errors} error${errors === 1 ? '' : 's'}`}, ${warnings} warning${warnings === 1 ? '' : 's'}.\n`);
  }
  return exitFor(diagnostics);
}
