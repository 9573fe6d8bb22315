import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { parseYamlSource } from '../source/yaml-source.js';
import { expandAnswerPaths, loadRubricFile, readTextFile, resolveRubricIndex } from '../node/files.js';
import { runPerFile, validateFiles, type ValidateContext } from './file-jobs.js';
import type { Rubric } from '../rubric/types.js';
import { defineCommand } from './command.js';
import { FORMAT_TEXT_JSON, noAnswerSets } from './options.js';
import { hasErrors } from '../diagnostics/index.js';
import { diagnosticsJson, exitFor, loadRubricArg, note, printDiagnostics, warningsByCode } from './shared.js';
import { statSync } from 'node:fs';
import { progressLine } from '../node/progress-line.js';

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
export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'check rubrics and answer sets',
  description: `Checks rubrics and answer sets. Each file (or folder) is recognised by its content: a rubric
index file (or a folder holding index.yaml) is loaded with its area files and checked; an
answer set is checked on its own and against the rubric its \`rubric:\` field names: one among
the given files, the one given with --rubric, a bundled one (e.g. mipex-2020), or a rubric
folder found next to the answers (a \`rubric/\` or \`rubrics/<id>/\` folder in the answer file's
folder or up to three folders above it). When none is found, only the file's shape is checked
and a warning (ANSWERS_RUBRIC_NOT_CHECKED) says so. A folder with no answer set in it is an error.`,
  positionals: [{ name: 'files', description: 'rubrics and answer sets (files or folders)', variadic: true }],
  options: {
    rubric: { type: 'string', placeholder: 'rubric', description: 'rubric to check answer sets against (a file, a folder or a bundled id such as mipex-2020)' },
    format: FORMAT_TEXT_JSON,
  },
  notes: `From 2,000 answer files on, the files are checked on several threads, with the same output
(POLICY_INDEX_THREADS=<n> sets the number of threads; 1 keeps to one).`,
  examples: [{ command: 'policy-index validate examples/demo/rubric examples/demo/answers' }, { command: 'policy-index validate answers/ --rubric mipex-2020 --format json' }],
  exitCodes: '0 no errors, 1 errors found, 2 usage error.',
  json: '{ "files": [{ "file", "kind", "errors", "warnings" }], "diagnostics": [...] }',
  run: async ({ options, positionals }, io) => {
    const format = options.format;
    const values = options;
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
  for (const arg of positionals.files) {
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
      if (e.files.length === 0 && !hasErrors(e.diagnostics)) {
        const ds = [noAnswerSets(arg)];
        for (const item of ds) diagnostics.push(item);
        tally(arg, 'folder', ds);
      }
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
    const byCode = warnings ? ` (${warningsByCode(diagnostics)})` : '';
    note(io, `${diagnostics.length ? '\n' : ''}${checked.length} file${checked.length === 1 ? '' : 's'} checked: ${errors === 0 ? 'no errors' : `${errors} error${errors === 1 ? '' : 's'}`}, ${warnings} warning${warnings === 1 ? '' : 's'}${byCode}.\n`);
  }
  return exitFor(diagnostics);
  },
});

/** The `--help` text of `validate`. */
export const validateHelp = validateCommand.help;
