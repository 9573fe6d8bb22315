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
import { defineCommand } from './command.js';
import { UsageError } from './io.js';
import { FORMAT_TEXT_JSON, noAnswerSets, readYamlOption, RUBRIC_OPTION, RUBRIC_TEXT } from './options.js';
import { diagnosticsJson, displayPath, exitFor, loadRubricArg, printDiagnostics } from './shared.js';

const list = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).flatMap((x) => String(x).split(',')).filter(Boolean);

/** `policy-index diff-rubric`. */
export const diffRubricCommand = defineCommand({
  name: 'diff-rubric',
  summary: 'what changed between two rubric editions, and its effect on scores',
  description: `Lists what changed in the methodology between two editions of a rubric: added, removed, renamed,
split and merged nodes (matched by id, \`replaces:\` and aliases), option changes, weights,
aggregations, applicability, missing-data rules and variants. With --answers (answer sets of the
old edition, files or folders, comma-separated or repeated), shows the exact effect on every
unit's top score and rank, attributed to the changes by sequential substitution.`,
  positionals: [
    { name: 'old', description: `the old edition: ${RUBRIC_TEXT}` },
    { name: 'new', description: 'the new edition (the same forms)' },
  ],
  options: {
    answers: { type: 'string', placeholder: 'paths', repeatable: true, description: 'answer sets written for the old edition' },
    variant: { type: 'string', placeholder: 'id', description: 'variant whose top score is explained' },
    format: { type: 'enum', values: ['text', 'json', 'md', 'html'], default: 'text', description: 'output format' },
  },
  examples: [{ command: 'policy-index diff-rubric old/rubric new/rubric --answers old/answers --format md' }],
  exitCodes: '0 clean, 1 errors in the inputs, 2 usage error.',
  json: 'the rubric diff: { "changes": [...], "impact"?: {...}, "diagnostics": [...] }',
  run: async ({ options: values, positionals }, io) => {
  const format = values.format;
  const a = loadRubricArg(io, positionals.old);
  const b = loadRubricArg(io, positionals.new);
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
  },
});

/** `policy-index migrate`. */
export const migrateCommand = defineCommand({
  name: 'migrate',
  summary: 'carry answer sets over to a new rubric edition, keeping comments',
  description: `Rewrites answer sets (files or folders) for a new edition of their rubric. Answers follow
\`replaces:\` and aliases to their new question, option ids are mapped as the new rubric's
\`migrate:\` block (or a mapping file) declares, new questions are written as \`unknown\` with
status \`draft\`, and answers whose meaning changed get status \`draft\` with a review comment.
Comments, key order and evidence stay as written. Inputs are never written over; every file
goes into --out. Prints what needs a person's look.`,
  positionals: [{ name: 'answers', description: 'answer sets (files or folders)', variadic: true }],
  options: {
    to: { type: 'string', placeholder: 'rubric', required: true, description: `the new edition: ${RUBRIC_TEXT}` },
    out: { type: 'string', placeholder: 'dir', required: true, description: 'folder for the migrated files' },
    mapping: { type: 'string', placeholder: 'file', description: 'extra migration rules (YAML with a `migrate:` list)' },
    from: { type: 'string', placeholder: 'rubric', description: 'the edition the answers were written for: only questions new in --to are added (without it, every unanswered question is added)' },
    force: { type: 'boolean', description: 'replace files already in --out (never an input)' },
    format: FORMAT_TEXT_JSON,
  },
  examples: [{ command: 'policy-index migrate answers/ --from old/rubric --to new/rubric --out migrated/' }],
  exitCodes: '0 migrated, 1 errors in the inputs or outputs (or no answer set found), 2 usage error.',
  json: '{ "files": [{ "file", "out", "changed", "notes" }], "diagnostics": [...] }',
  run: async ({ options: values, positionals: { answers: positionals } }, io) => {
  const format = values.format;
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
  const mappingFile = typeof values.mapping === 'string' ? readYamlOption(io, values.mapping, parseMigrationMapping) : undefined;
  const mappingPath = mappingFile?.path;
  if (mappingFile) {
    for (const item of mappingFile.diagnostics) diagnostics.push(item);
    Object.assign(sources, mappingFile.sources);
    rules = mappingFile.value ?? [];
    if (exitFor(diagnostics)) {
      printDiagnostics(io, diagnostics, sources);
      return 1;
    }
  }
  const expanded = expandAnswerPaths(positionals.map((p) => resolve(io.cwd, p)));
  for (const item of expanded.diagnostics) diagnostics.push(item);
  if (expanded.files.length === 0 && !hasErrors(expanded.diagnostics)) {
    printDiagnostics(io, [...diagnostics, noAnswerSets(positionals.join(', '))], sources);
    return 1;
  }
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
  },
});

/** `policy-index diff-answers`. */
export const diffAnswersCommand = defineCommand({
  name: 'diff-answers',
  summary: "compare two versions of answer sets, with each change's effect",
  description: `Compares two versions of answer sets (files or folders; e.g. the expert's and the reviewer's):
per question, the answer, evidence and status changes, with each change's exact effect on the
unit's top score (sequential substitution: the effects add up to the total change exactly), and
a summary per unit. Units are paired by country. With --since, <a> is compared with the
previous edition's answer set of the same country: what changed in the law.`,
  usage: ['policy-index diff-answers <answers> --since <previous edition> [options]'],
  positionals: [
    { name: 'a', description: 'the first version (files or folders)' },
    { name: 'b', description: 'the second version (not with --since)', required: false },
  ],
  options: {
    rubric: RUBRIC_OPTION,
    since: { type: 'string', placeholder: 'p', description: "the previous edition's answer sets (files or folders)" },
    variant: { type: 'string', placeholder: 'id', description: 'variant whose top score is explained' },
    format: { type: 'enum', values: ['text', 'json', 'md', 'html'], default: 'text', description: 'output format' },
  },
  examples: [{ command: 'policy-index diff-answers expert/ reviewer/ --format md' }, { command: 'policy-index diff-answers answers/SE-2024.yaml --since answers/SE-2023.yaml' }],
  exitCodes: '0 clean, 1 errors in the inputs (or no answer set found), 2 usage error.',
  json: '{ "units": [{ "country", "fromYear", "toYear", "fromFile", "toFile", "change", "evidence" }], "diagnostics": [...] }',
  run: async ({ options: values, rest: positionals }, io) => {
  const format = values.format;
  const since = typeof values.since === 'string';
  if (since ? positionals.length !== 1 : positionals.length !== 2) throw new UsageError(since ? 'diff-answers --since takes one answer file or folder.' : 'diff-answers needs two answer files or folders.', 'diff-answers');
  const aPaths = since ? [values.since as string] : [positionals[0]!];
  const bPaths = since ? [positionals[0]!] : [positionals[1]!];
  const A = loadAnswerSetFiles(aPaths.map((p) => resolve(io.cwd, p)));
  const B = loadAnswerSetFiles(bPaths.map((p) => resolve(io.cwd, p)));
  const diagnostics: Diagnostic[] = [...A.diagnostics, ...B.diagnostics];
  const first = (B.value ?? [])[0] ?? (A.value ?? [])[0];
  if (!first) {
    printDiagnostics(io, hasErrors(diagnostics) ? diagnostics : [...diagnostics, noAnswerSets([...aPaths, ...bPaths].join(', '))], { ...A.sources, ...B.sources });
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
  },
});
