import { basename, join, resolve } from 'node:path';
import { computeChange } from '../analysis/change.js';
import { hasErrors, type Diagnostic } from '../diagnostics/index.js';
import { loadAnswerSet } from '../answers/load.js';
import { diffRubrics } from '../editions/rubric-diff.js';
import { migrateAnswerText } from '../editions/migrate-document.js';
import { parseMigrationMapping } from '../editions/mapping.js';
import { expandAnswerPaths, loadAnswerSetFiles, readTextFile } from '../node/files.js';
import { checkOutputFolder, writeOutputFiles } from '../node/output.js';
import { InputFiles } from '../node/safe-fs.js';
import { renderAnswerChanges, type AnswerChangesUnit, type EvidenceChange } from '../report/answer-changes.js';
import { renderMigratedFiles, type MigratedFileReport } from '../report/migrated-files.js';
import { renderRubricDiff } from '../report/rubric-diff.js';
import type { MigrationRule } from '../rubric/types.js';
import { formatOption, parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';
import { diagnosticsJson, displayPath, exitFor, loadRubricArg, printDiagnostics } from './shared.js';

export const diffRubricHelp = `Usage: policy-index diff-rubric <old> <new> [--answers <old answers…>] [--format text|json|md|html]

Lists what changed in the methodology between two editions of a rubric: added, removed, renamed,
split and merged nodes (matched by id, \`replaces:\` and aliases), option changes, weights,
aggregations, applicability, missing-data rules and variants. With --answers (answer sets of the
old edition, files or folders, comma-separated or repeated), shows the exact effect on every
unit's top score and rank, attributed to the changes by sequential substitution.

Options:
  --answers <paths>  answer sets written for the old edition
  --variant <id>     variant whose top score is explained
  --format <f>       text (default), json, md or html
  -h, --help         show this help

Exit codes: 0 clean, 1 errors in the inputs, 2 usage error.`;

const list = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).flatMap((x) => String(x).split(',')).filter(Boolean);

/** `policy-index diff-rubric`. */
export async function diffRubricCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('diff-rubric', argv, { answers: { type: 'string', multiple: true }, variant: { type: 'string' }, format: { type: 'string' } });
  if (values.help) {
    io.stdout(diffRubricHelp + '\n');
    return 0;
  }
  const format = formatOption('diff-rubric', values.format, ['text', 'json', 'md', 'html'] as const, 'text');
  if (positionals.length !== 2) throw new UsageError('diff-rubric needs an old and a new rubric.', 'diff-rubric');
  const a = loadRubricArg(io, positionals[0]!);
  const b = loadRubricArg(io, positionals[1]!);
  const diagnostics: Diagnostic[] = [...a.diagnostics, ...b.diagnostics];
  if (!a.value || !b.value) {
    printDiagnostics(io, diagnostics, { ...a.sources, ...b.sources });
    return 1;
  }
  if (typeof values.variant === 'string' && !a.value.variants.some((v) => v.id === values.variant)) throw new UsageError(`diff-rubric: the old rubric has no variant "${values.variant}".`, 'diff-rubric');
  const answerPaths = list(values.answers);
  const sets = answerPaths.length ? loadAnswerSetFiles(answerPaths.map((p) => resolve(io.cwd, p))) : undefined;
  if (sets) for (const item of sets.diagnostics) diagnostics.push(item);
  const diff = diffRubrics(a.value, b.value, { ...(sets?.value ? { answers: sets.value } : {}), ...(typeof values.variant === 'string' ? { variant: values.variant } : {}) });
  if (diff.impact) for (const u of diff.impact.units) u.file = displayPath(io.cwd, u.file);
  if (format === 'json') io.stdout(JSON.stringify({ ...diff, diagnostics: diagnosticsJson(diagnostics, io.cwd) }, null, 2) + '\n');
  else {
    io.stdout(renderRubricDiff(diff, format));
    printDiagnostics(io, diagnostics, sets?.sources ?? {});
  }
  return exitFor(diagnostics);
}

export const migrateHelp = `Usage: policy-index migrate <answers…> --to <new rubric> --out <dir> [--mapping <file>]

Rewrites answer sets (files or folders) for a new edition of their rubric. Answers follow
\`replaces:\` and aliases to their new question, option ids are mapped as the new rubric's
\`migrate:\` block (or a mapping file) declares, new questions are written as \`unknown\` with
status \`draft\`, and answers whose meaning changed get status \`draft\` with a review comment.
Comments, key order and evidence stay as written. Inputs are never written over; every file
goes into --out. Prints what needs a person's look.

Options:
  --to <rubric>      the new edition (file, folder or bundled id)
  --out <dir>        folder for the migrated files (required)
  --mapping <file>   extra migration rules (YAML with a \`migrate:\` list)
  --from <rubric>    the edition the answers were written for: only questions new in --to
                     are added (without it, every unanswered question is added)
  --force            replace files already in --out (never an input)
  --format <f>       text (default) or json
  -h, --help         show this help

Exit codes: 0 migrated, 1 errors in the inputs or outputs, 2 usage error.`;

/** `policy-index migrate`. */
export async function migrateCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('migrate', argv, { to: { type: 'string' }, out: { type: 'string' }, mapping: { type: 'string' }, from: { type: 'string' }, force: { type: 'boolean' }, format: { type: 'string' } });
  if (values.help) {
    io.stdout(migrateHelp + '\n');
    return 0;
  }
  const format = formatOption('migrate', values.format, ['text', 'json'] as const, 'text');
  if (!positionals.length) throw new UsageError('migrate needs at least one answer file or folder.', 'migrate');
  if (typeof values.to !== 'string') throw new UsageError('migrate needs --to <new rubric>.', 'migrate');
  if (typeof values.out !== 'string' || values.out === '') throw new UsageError('migrate needs --out <dir>.', 'migrate');
  const r = loadRubricArg(io, values.to);
  const diagnostics: Diagnostic[] = [...r.diagnostics];
  if (!r.value) {
    printDiagnostics(io, diagnostics, r.sources);
    return 1;
  }
  const prev = typeof values.from === 'string' ? loadRubricArg(io, values.from) : undefined;
  if (prev) for (const item of prev.diagnostics) diagnostics.push(item);
  if (prev && !prev.value) {
    printDiagnostics(io, diagnostics, prev.sources);
    return 1;
  }
  let rules: MigrationRule[] = [];
  const sources: Record<string, string> = {};
  const mappingPath = typeof values.mapping === 'string' ? resolve(io.cwd, values.mapping) : undefined;
  if (mappingPath !== undefined) {
    const shown = displayPath(io.cwd, mappingPath);
    const t = readTextFile(mappingPath, shown);
    for (const item of t.diagnostics) diagnostics.push(item);
    if (t.value !== undefined) {
      sources[shown] = t.value;
      const m = parseMigrationMapping(t.value, shown);
      for (const item of m.diagnostics) diagnostics.push(item);
      rules = m.value ?? [];
    }
    if (exitFor(diagnostics)) {
      printDiagnostics(io, diagnostics, sources);
      return 1;
    }
  }
  const expanded = expandAnswerPaths(positionals.map((p) => resolve(io.cwd, p)));
  for (const item of expanded.diagnostics) diagnostics.push(item);
  // Every input of the command: the answer files, the rubric files of both editions and the mapping.
  const inputs = new InputFiles([...expanded.files, ...r.value.files, ...(prev?.value?.files ?? []), ...(mappingPath !== undefined ? [mappingPath] : [])].map((f) => resolve(io.cwd, f)));
  const outDir = resolve(io.cwd, values.out);
  const show = (p: string) => displayPath(io.cwd, p);
  const outRefused = checkOutputFolder(outDir, show(outDir));
  if (outRefused) {
    printDiagnostics(io, [...diagnostics, outRefused], sources);
    return 1;
  }
  const report: MigratedFileReport[] = [];
  const outputs: { path: string; text: string }[] = [];
  const names = new Set<string>();
  let migrationFailed = false;
  for (const file of expanded.files) {
    const shown = show(file);
    const t = readTextFile(file, shown);
    for (const item of t.diagnostics) diagnostics.push(item);
    if (t.value === undefined) continue;
    // Read with the answer loader first: YAML it refuses (an alias to no anchor, a repeated key …) is a positioned diagnostic.
    const loaded = loadAnswerSet(t.value, { file: shown });
    const loadErrors = loaded.diagnostics.filter((d) => d.severity === 'error');
    if (loadErrors.length) {
      sources[shown] = t.value;
      for (const item of loadErrors) diagnostics.push(item);
      continue;
    }
    const name = basename(file);
    if (names.has(name)) {
      diagnostics.push({ code: 'OUTPUT_EXISTS', severity: 'error', message: `Two inputs are named "${name}"; migrate them into separate --out folders.`, file: shown });
      continue;
    }
    names.add(name);
    const out = migrateAnswerText(t.value, r.value, rules, prev?.value, shown);
    if (out.diagnostics.length) {
      sources[shown] = t.value;
      for (const item of out.diagnostics) diagnostics.push({ ...item, file: shown });
      if (hasErrors(out.diagnostics)) {
        migrationFailed = true;
        continue;
      }
    }
    const target = join(outDir, name);
    outputs.push({ path: target, text: out.text });
    report.push({ file: shown, out: show(target), changed: out.changed, notes: out.notes });
  }
  // Every output is checked (inputs, links, pipes, the overwrite rule, and that it loads) before any is written.
  const outSources: Record<string, string> = {};
  const wrote = migrationFailed
    ? { written: [], unchanged: [], diagnostics: [] }
    : writeOutputFiles(outputs, {
        root: outDir,
        inputs,
        force: values.force === true,
        display: show,
        existsHint: 'Pass --force to replace it, or choose another --out folder.',
        check: (f) => {
          outSources[show(f.path)] = String(f.text);
          return loadAnswerSet(String(f.text), { file: show(f.path) }).diagnostics;
        },
      });
  const all = [...diagnostics, ...wrote.diagnostics];
  const done = new Set([...wrote.written, ...wrote.unchanged].map(show));
  const files = report.filter((f) => done.has(f.out!));
  if (format === 'json') io.stdout(JSON.stringify({ files, diagnostics: diagnosticsJson(all, io.cwd) }, null, 2) + '\n');
  else {
    io.stdout(renderMigratedFiles(files));
    printDiagnostics(io, all, { ...sources, ...outSources });
  }
  return exitFor(all);
}

export const diffAnswersHelp = `Usage: policy-index diff-answers <a> <b> [--rubric <r>] [--format text|json|md|html]
       policy-index diff-answers <answers> --since <previous edition> [--rubric <r>]

Compares two versions of answer sets (files or folders; e.g. the expert's and the reviewer's):
per question, the answer, evidence and status changes, with each change's exact effect on the
unit's top score (sequential substitution: the effects add up to the total change exactly), and
a summary per unit. Units are paired by country. With --since, <answers> is compared with the
previous edition's answer set of the same country: what changed in the law.

Options:
  --rubric <r>   rubric to score with (default: the bundled rubric the answer sets name)
  --since <p>    the previous edition's answer sets (files or folders)
  --variant <id> variant whose top score is explained
  --format <f>   text (default), json, md or html
  -h, --help     show this help

Exit codes: 0 clean, 1 errors in the inputs, 2 usage error.`;

/** `policy-index diff-answers`. */
export async function diffAnswersCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('diff-answers', argv, { rubric: { type: 'string' }, since: { type: 'string' }, variant: { type: 'string' }, format: { type: 'string' } });
  if (values.help) {
    io.stdout(diffAnswersHelp + '\n');
    return 0;
  }
  const format = formatOption('diff-answers', values.format, ['text', 'json', 'md', 'html'] as const, 'text');
  const since = typeof values.since === 'string';
  if (since ? positionals.length !== 1 : positionals.length !== 2) throw new UsageError(since ? 'diff-answers --since takes one answer file or folder.' : 'diff-answers needs two answer files or folders.', 'diff-answers');
  const aPaths = since ? [values.since as string] : [positionals[0]!];
  const bPaths = since ? [positionals[0]!] : [positionals[1]!];
  const A = loadAnswerSetFiles(aPaths.map((p) => resolve(io.cwd, p)));
  const B = loadAnswerSetFiles(bPaths.map((p) => resolve(io.cwd, p)));
  const diagnostics: Diagnostic[] = [...A.diagnostics, ...B.diagnostics];
  const first = (B.value ?? [])[0] ?? (A.value ?? [])[0];
  if (!first) {
    printDiagnostics(io, diagnostics, { ...A.sources, ...B.sources });
    return 1;
  }
  const r = loadRubricArg(io, typeof values.rubric === 'string' ? values.rubric : first.rubric.id);
  for (const item of r.diagnostics) diagnostics.push(item);
  if (!r.value) {
    printDiagnostics(io, diagnostics, r.sources);
    return 1;
  }
  const rubric = r.value;
  const units: AnswerChangesUnit[] = [];
  for (const b of B.value ?? []) {
    const cands = (A.value ?? []).filter((a) => a.country === b.country);
    const a = since ? cands.filter((x) => x.year < b.year).sort((x, y) => y.year - x.year)[0] : (cands.find((x) => x.year === b.year) ?? cands[0]);
    if (!a) continue;
    const change = computeChange(rubric, a, b, typeof values.variant === 'string' ? { variant: values.variant } : {});
    const evidence: EvidenceChange[] = [];
    for (const q of rubric.questions) {
      const x = a.answers.get(q.id)?.evidence;
      const y = b.answers.get(q.id)?.evidence;
      for (const f of ['status', 'comment', 'sourceUrl', 'answeredBy', 'reviewedBy', 'citations'] as const) {
        const s = (e: typeof x) => (e ? (f === 'citations' ? (e.citations.length ? JSON.stringify(e.citations) : '') : String(e[f] ?? '')) : '');
        if (s(x) !== s(y)) evidence.push({ question: q.id, field: f, from: s(x), to: s(y) });
      }
    }
    units.push({ country: b.country, fromYear: a.year, toYear: b.year, fromFile: displayPath(io.cwd, a.file), toFile: displayPath(io.cwd, b.file), change, evidence });
  }
  if (format === 'json') io.stdout(JSON.stringify({ units, diagnostics: diagnosticsJson(diagnostics, io.cwd) }, null, 2) + '\n');
  else {
    io.stdout(renderAnswerChanges(units, format));
    printDiagnostics(io, diagnostics, { ...A.sources, ...B.sources });
  }
  return exitFor(diagnostics);
}
