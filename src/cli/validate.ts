import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { parseYamlSource } from '../source/yaml-source.js';
import { expandAnswerPaths, loadAnswerSetFile, loadRubricFile, readTextFile, resolveRubricIndex } from '../node/files.js';
import { validateAnswerSet } from '../answers/validate.js';
import type { Rubric } from '../rubric/types.js';
import type { AnswerSet } from '../answers/types.js';
import { formatOption, parseCommandArgs } from './args.js';
import { bundledRubricPath, UsageError, type CliIO, type ExitCode } from './io.js';
import { diagnosticsJson, exitFor, loadRubricArg, printDiagnostics } from './shared.js';
import { statSync } from 'node:fs';

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

/**
 * A rubric with the given id in a folder near an answer file: `rubric/`, `rubrics/<id>/` or
 * `<id>/` in the file's folder or up to three folders above it.
 */
function rubricNextTo(file: string, id: string, cache: Map<string, Rubric | undefined>): Rubric | undefined {
  let dir = dirname(file);
  for (let up = 0; up <= 3; up++) {
    for (const candidate of [join(dir, 'rubric'), join(dir, 'rubrics', id), join(dir, id)]) {
      if (!cache.has(candidate)) cache.set(candidate, resolveRubricIndex(candidate) ? loadRubricFile(candidate).value : undefined);
      const r = cache.get(candidate);
      if (r?.id === id) return r;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
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
  const checked: { file: string; kind: string; errors: number; warnings: number }[] = [];
  const tally = (file: string, kind: string, ds: Diagnostic[]) =>
    checked.push({ file, kind, errors: ds.filter((d) => d.severity === 'error').length, warnings: ds.filter((d) => d.severity === 'warning').length });

  if (typeof values.rubric === 'string') {
    const r = loadRubricArg(io, values.rubric);
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
      if (r.value && !rubrics.has(r.value.id)) rubrics.set(r.value.id, r.value);
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
  for (const file of answerFiles) {
    const a = loadAnswerSetFile(file);
    if (a.text !== undefined) sources[a.value?.file ?? file] = a.text;
    const ds = [...a.diagnostics];
    if (a.value) {
      let rubric: Rubric | undefined = rubrics.get(a.value.rubric.id);
      if (!rubric) {
        const bundled = bundledRubricPath(a.value.rubric.id);
        if (bundled) {
          const r = loadRubricFile(bundled);
          if (r.value) {
            rubric = r.value;
            rubrics.set(rubric.id, rubric);
          }
        }
      }
      if (!rubric) {
        rubric = rubricNextTo(file, a.value.rubric.id, nearby);
        if (rubric) rubrics.set(rubric.id, rubric);
      }
      if (rubric) for (const item of validateAnswerSet(rubric, a.value as AnswerSet)) ds.push(item);
      else {
        const line = (a.text ?? '').split('\n').findIndex((l) => /^rubric\s*:/.test(l));
        ds.push({
          code: 'ANSWERS_RUBRIC_NOT_CHECKED',
          severity: 'warning',
          message: `Only the shape of this file was checked: its rubric "${a.value.rubric.id}" is not bundled, not given with --rubric and not found next to the file, so question ids and answers were not checked.`,
          file: a.value.file ?? file,
          ...(line >= 0 ? { line: line + 1, column: 1 } : {}),
          hint: 'Pass the rubric with --rubric <path>.',
        });
      }
    }
    for (const item of ds) diagnostics.push(item);
    tally(file, 'answers', ds);
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
