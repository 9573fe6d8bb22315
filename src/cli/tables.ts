import { resolve } from 'node:path';
import { validateAnswerSet } from '../answers/validate.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { loadAnswerSetFiles } from '../node/files.js';
import { InputFiles } from '../node/safe-fs.js';
import { writeOutputFiles } from '../node/output.js';
import { writeAnswerSetFiles } from '../node/answer-files.js';
import { answerTableXlsx, readAnswerTableFile } from '../node/tables.js';
import { questionnaireXlsx } from '../node/questionnaire.js';
import { answerTable, answerTableCsv } from '../tables/export.js';
import { importAnswerTable } from '../tables/import.js';
import { loadTableMapping, type TableMapping } from '../tables/mapping.js';
import { loadUnits } from '../units/declared.js';
import { defineCommand } from './command.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';
import { FORMAT_TEXT_JSON, noAnswerSets, readYamlOption, RUBRIC_TEXT } from './options.js';
import { diagnosticsJson, displayPath, loadRubricArg, note, printDiagnostics } from './shared.js';

/** `policy-index import-table`. */
export const importTableCommand = defineCommand({
  name: 'import-table',
  summary: 'read answer sets from a CSV or xlsx table',
  description: `Reads answers from a table and writes one YAML answer set per country and year
(<dir>/<CC>/<CC>-<year>.yaml).

Layouts: wide (a row per country and year, a column per question id or alias, optional
columns <question>.comment, .sourceUrl, .citations, .status …, regional answers in
<question>@<region>) and long (columns country, year, question, answer, and optionally
region and evidence columns). Country codes: ISO alpha-2, alpha-3, numeric, or agency codes
(EL, UK, KSV …) or English names; --units and the mapping declare other units. Cells: option
ids or labels, Yes/No (also Y/N, 1/0, true/false), numbers; an empty cell is unknown, "-" leaves
the question out. Nothing is written when there are errors.`,
  positionals: [{ name: 'table', description: 'the table (.csv or .xlsx)' }],
  options: {
    rubric: { type: 'string', placeholder: 'rubric', required: true, description: RUBRIC_TEXT },
    out: { type: 'string', placeholder: 'dir', required: true, description: 'folder to write to' },
    layout: { type: 'enum', values: ['wide', 'long'], placeholder: 'l', description: 'table layout', defaultText: 'detected from the header' },
    sheet: { type: 'string', placeholder: 'name', description: 'worksheet to read (xlsx)', defaultText: 'every sheet with a header' },
    'header-row': { type: 'number', integer: true, min: 1, max: 999_999_999, description: '1-based row of the header', defaultText: 'detected' },
    mapping: { type: 'string', placeholder: 'file', description: 'mapping file (YAML) renaming columns and values' },
    units: { type: 'string', placeholder: 'file', description: 'units file (YAML) declaring territories, regions or cities' },
    country: { type: 'string', placeholder: 'code', description: 'country for tables without a country column' },
    year: { type: 'number', integer: true, min: 1900, max: 2200, placeholder: 'year', description: 'year for tables without a year column' },
    force: { type: 'boolean', description: 'update existing files, keeping their comments and key order' },
    format: { ...FORMAT_TEXT_JSON, description: 'output format; json: a summary with the diagnostics, on standard output' },
  },
  examples: [{ command: 'policy-index import-table answers.csv --rubric mipex-2020 --out answers/' }],
  exitCodes: '0 imported, 1 errors, 2 usage error.',
  json: '{ "answerSets", "written": [...], "unchanged": [...], "diagnostics": [...] }',
  run: async ({ options: values, positionals }, io) => {
  const format = values.format;
  const layout = values.layout;
  const headerRow = values['header-row'];
  const year = values.year;
  const rubric = loadRubricArg(io, values.rubric);
  if (!rubric.value) {
    printDiagnostics(io, rubric.diagnostics, rubric.sources);
    return 1;
  }
  const diagnostics: Diagnostic[] = [...rubric.diagnostics];
  let mapping: TableMapping | undefined;
  const mappingFile = typeof values.mapping === 'string' ? readYamlOption(io, values.mapping, loadTableMapping) : undefined;
  const mappingPath = mappingFile?.path;
  if (mappingFile) {
    for (const item of mappingFile.diagnostics) diagnostics.push(item);
    if (!mappingFile.value) return finish(io, format, diagnostics, { written: [], unchanged: [] });
    mapping = mappingFile.value;
  }
  const unitsFile = typeof values.units === 'string' ? readYamlOption(io, values.units, loadUnits) : undefined;
  const unitsPath = unitsFile?.path;
  if (unitsFile) {
    for (const item of unitsFile.diagnostics) diagnostics.push(item);
    if (!unitsFile.value) return finish(io, format, diagnostics, { written: [], unchanged: [] });
  }
  const units = unitsFile?.value;
  const input = resolve(io.cwd, positionals.table);
  const sheet = typeof values.sheet === 'string' ? values.sheet : mapping?.sheet;
  const file = readAnswerTableFile(input, { display: displayPath(io.cwd, input), ...(sheet !== undefined ? { sheet } : {}) });
  for (const item of file.diagnostics) diagnostics.push(item);
  if (!file.value) return finish(io, format, diagnostics, { written: [], unchanged: [] });
  if (headerRow !== undefined) {
    let last = 0;
    for (const g of file.value.grids) last = Math.max(last, g.rows[g.rows.length - 1]?.line ?? 0);
    if (headerRow > last) throw new UsageError(`--header-row ${headerRow} is past the end of the table: its last row is ${last}.`, 'import-table');
  }
  const defaults = { ...file.value.defaults, ...(typeof values.country === 'string' ? { country: values.country } : {}), ...(year !== undefined ? { year } : {}) };
  const imported = importAnswerTable(file.value.grids, rubric.value, {
    ...(layout ? { layout } : {}),
    ...(headerRow !== undefined ? { headerRow } : {}),
    ...(mapping ? { mapping } : {}),
    ...(units ? { units } : {}),
    defaults,
  });
  for (const item of imported.diagnostics) diagnostics.push(item);
  const sets = imported.value ?? [];
  for (const set of sets) for (const item of validateAnswerSet(rubric.value, set).filter((d) => d.severity === 'error').map((d) => ({ ...d, file: displayPath(io.cwd, input), message: `${set.country} ${set.year}: ${d.message}` }))) diagnostics.push(item);
  if (hasErrors(diagnostics)) return finish(io, format, diagnostics, { written: [], unchanged: [] }, sets.length);
  const out = resolve(io.cwd, values.out);
  const wrote = writeAnswerSetFiles(sets, out, { force: values.force === true, display: (p) => displayPath(io.cwd, p), protect: [input, ...(mappingPath !== undefined ? [mappingPath] : []), ...(unitsPath !== undefined ? [unitsPath] : []), ...rubric.value.files.map((f) => resolve(io.cwd, f))] });
  for (const item of wrote.diagnostics) diagnostics.push(item);
  return finish(io, format, diagnostics, wrote, sets.length, displayPath(io.cwd, out));
  },
});

function finish(io: CliIO, format: 'text' | 'json', diagnostics: Diagnostic[], wrote: { written: string[]; unchanged: string[] }, sets = 0, out?: string): ExitCode {
  if (format === 'json') io.stdout(JSON.stringify({ answerSets: sets, written: wrote.written, unchanged: wrote.unchanged, diagnostics: diagnosticsJson(diagnostics, io.cwd) }, null, 2) + '\n');
  else {
    printDiagnostics(io, diagnostics);
    if (out !== undefined && io.verbosity !== 'quiet') io.stdout(`Read ${sets} answer set${sets === 1 ? '' : 's'}; wrote ${wrote.written.length} file${wrote.written.length === 1 ? '' : 's'} to ${out}${wrote.unchanged.length ? ` (${wrote.unchanged.length} unchanged)` : ''}.\n`);
  }
  return hasErrors(diagnostics) ? 1 : 0;
}

/** `policy-index export-table`. */
export const exportTableCommand = defineCommand({
  name: 'export-table',
  summary: 'write answer sets as one table (CSV, xlsx or JSON)',
  description: `Writes answer sets (files or folders) as one wide table: a row per answer set, a column per
question, with evidence, status and regional columns where any set has them. import-table
reads the table back to the same answer sets. --format json gives the same table as
{ "rubric", "answerSets", "header": [...], "rows": [[...]] }.`,
  positionals: [
    { name: 'rubric', description: RUBRIC_TEXT },
    { name: 'answers', description: 'answer sets (files or folders)', variadic: true },
  ],
  options: {
    format: { type: 'enum', values: ['csv', 'xlsx', 'json'], default: 'csv', description: 'table format; csv and json go to standard output unless --out, xlsx needs --out and the exceljs package' },
    out: { type: 'string', placeholder: 'file', description: 'file to write; an existing file is replaced only with --force' },
    force: { type: 'boolean', description: 'replace an existing --out file' },
  },
  examples: [{ command: 'policy-index export-table mipex-2020 examples/mipex --format xlsx --out answers.xlsx' }],
  exitCodes: '0 written, 1 errors in the inputs (or no answer set found), 2 usage error.',
  json: '{ "rubric": "id@version", "answerSets", "header": [...], "rows": [[...]] }',
  run: async ({ options: values, positionals }, io) => {
  const format = values.format;
  if (format === 'xlsx' && typeof values.out !== 'string') throw new UsageError('--format xlsx needs --out <file.xlsx>.', 'export-table');
  const { rubric: rubricArg, answers: answerArgs } = positionals;
  const rubric = loadRubricArg(io, rubricArg);
  if (!rubric.value) {
    printDiagnostics(io, rubric.diagnostics, rubric.sources);
    return 1;
  }
  const loaded = loadAnswerSetFiles(answerArgs.map((a) => resolve(io.cwd, a)));
  const diagnostics: Diagnostic[] = [...rubric.diagnostics, ...loaded.diagnostics];
  const sets = loaded.value ?? [];
  if (sets.length === 0 && !hasErrors(diagnostics)) diagnostics.push(noAnswerSets(answerArgs.join(', ')));
  for (const s of sets) {
    if (s.rubric.id !== rubric.value.id) diagnostics.push({ code: 'ANSWERS_RUBRIC_MISMATCH', severity: 'error', message: `${displayPath(io.cwd, s.file)} answers ${s.rubric.id}, not ${rubric.value.id}.`, file: displayPath(io.cwd, s.file) });
  }
  if (hasErrors(diagnostics)) {
    printDiagnostics(io, diagnostics, loaded.sources);
    return 1;
  }
  let bytes: string | Uint8Array;
  if (format === 'csv') bytes = answerTableCsv(rubric.value, sets);
  else if (format === 'json') bytes = JSON.stringify({ rubric: `${rubric.value.id}@${rubric.value.version}`, answerSets: sets.length, ...answerTable(rubric.value, sets) }, null, 2) + '\n';
  else {
    const x = await answerTableXlsx(rubric.value, sets);
    if (!x.value) {
      printDiagnostics(io, x.diagnostics);
      return 1;
    }
    bytes = x.value;
  }
  if (typeof values.out !== 'string') {
    io.stdout(bytes as string);
    return 0;
  }
  return writeOut(io, resolve(io.cwd, values.out), bytes, values.force === true, [...answerArgs.map((a) => resolve(io.cwd, a)), ...sets.map((s) => s.file).filter((f): f is string => typeof f === 'string'), ...rubric.value.files]);
  },
});

function writeOut(io: CliIO, path: string, bytes: string | Uint8Array, force: boolean, inputs: readonly string[], summary?: Record<string, unknown>): ExitCode {
  const shown = displayPath(io.cwd, path);
  // The one writer: never an input (whatever link leads to it), a folder, pipe or device; an existing file only with --force.
  const wrote = writeOutputFiles([{ path, text: bytes }], { inputs: new InputFiles(inputs), force, display: (p) => displayPath(io.cwd, p) });
  if (hasErrors(wrote.diagnostics)) {
    printDiagnostics(io, wrote.diagnostics);
    return 1;
  }
  if (summary) io.stdout(JSON.stringify({ out: shown, bytes: bytes.length, ...summary }, null, 2) + '\n');
  else note(io, `Wrote ${shown}.\n`);
  return 0;
}

/** `policy-index questionnaire`. */
export const questionnaireCommand = defineCommand({
  name: 'questionnaire',
  summary: 'write an xlsx questionnaire for an expert to fill in',
  description: `Writes a workbook for an expert to fill in: a sheet per area, a row per question with its
wording, a drop-down of the answer options, and columns for citation, source URL, comment and
status. With --answers, it is prefilled from the previous edition, whose answers stay beside
the new ones so that changes show. import-table reads the filled-in workbook back. Needs the
exceljs package. With --format json, a summary of the workbook written is printed on standard
output.`,
  positionals: [{ name: 'rubric', description: RUBRIC_TEXT }],
  options: {
    out: { type: 'string', placeholder: 'q.xlsx', required: true, description: 'workbook to write (replaced only with --force)' },
    answers: { type: 'string', placeholder: 'file', description: "previous edition's answer set, to prefill from" },
    country: { type: 'string', placeholder: 'code', description: 'country the questionnaire is for', defaultText: "the previous answer set's" },
    year: { type: 'number', integer: true, min: 1900, max: 2200, placeholder: 'year', description: 'reference year', defaultText: "the previous answer set's year + 1" },
    force: { type: 'boolean', description: 'replace an existing --out file' },
    format: { ...FORMAT_TEXT_JSON, description: 'what is printed; json: a summary of the workbook written' },
  },
  examples: [{ command: 'policy-index questionnaire mipex-2020 --answers examples/mipex/SE/SE-2019.yaml --out SE-2020.xlsx' }],
  exitCodes: '0 written, 1 errors, 2 usage error.',
  json: '{ "out", "bytes", "rubric": "id@version", "questions", "country", "year", "previous" }',
  run: async ({ options: values, positionals }, io) => {
  const year = values.year;
  const rubric = loadRubricArg(io, positionals.rubric);
  if (!rubric.value) {
    printDiagnostics(io, rubric.diagnostics, rubric.sources);
    return 1;
  }
  let previous;
  const inputs = [...rubric.value.files];
  if (typeof values.answers === 'string') {
    const path = resolve(io.cwd, values.answers);
    inputs.push(path);
    const loaded = loadAnswerSetFiles([path]);
    if (!loaded.value?.length || hasErrors(loaded.diagnostics)) {
      printDiagnostics(io, loaded.diagnostics, loaded.sources);
      return 1;
    }
    previous = loaded.value[0];
  }
  const q = await questionnaireXlsx(rubric.value, {
    ...(previous ? { previous } : {}),
    ...(typeof values.country === 'string' ? { country: values.country } : {}),
    ...(year !== undefined ? { year } : {}),
  });
  if (!q.value) {
    printDiagnostics(io, q.diagnostics);
    return hasErrors(q.diagnostics) ? 1 : 0;
  }
  const summary =
    values.format === 'json'
      ? {
          rubric: `${rubric.value.id}@${rubric.value.version}`,
          questions: rubric.value.questions.length,
          country: values.country ?? previous?.country ?? null,
          year: year ?? (previous ? previous.year + 1 : null),
          previous: previous ? displayPath(io.cwd, previous.file) : null,
        }
      : undefined;
  return writeOut(io, resolve(io.cwd, values.out), q.value, values.force === true, inputs, summary);
  },
});
