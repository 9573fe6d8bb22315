import { resolve } from 'node:path';
import { validateAnswerSet } from '../answers/validate.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { loadAnswerSetFiles, readTextFile } from '../node/files.js';
import { InputFiles } from '../node/safe-fs.js';
import { writeOutputFiles } from '../node/output.js';
import { writeAnswerSetFiles } from '../node/answer-files.js';
import { answerTableXlsx, readAnswerTableFile } from '../node/tables.js';
import { questionnaireXlsx } from '../node/questionnaire.js';
import { answerTableCsv } from '../tables/export.js';
import { importAnswerTable } from '../tables/import.js';
import { loadTableMapping, type TableMapping } from '../tables/mapping.js';
import { loadUnits } from '../units/declared.js';
import type { DeclaredUnit } from '../units/resolve.js';
import { formatOption, parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';
import { diagnosticsJson, displayPath, loadRubricArg, printDiagnostics } from './shared.js';

export const importTableHelp = `Usage: policy-index import-table <table.csv|table.xlsx> --rubric <rubric> --out <dir> [options]

Reads answers from a table and writes one YAML answer set per country and year
(<dir>/<CC>/<CC>-<year>.yaml).

Layouts: wide (a row per country and year, a column per question id or alias, optional
columns <question>.comment, .sourceUrl, .citations, .status …, regional answers in
<question>@<region>) and long (columns country, year, question, answer, and optionally
region and evidence columns). Countries: ISO alpha-2, alpha-3, numeric or agency codes
(EL, UK, KSV …) or English names; --units and the mapping declare other units. Cells:
option ids or labels, Yes/No (also Y/N, 1/0, true/false), numbers; an empty cell is
unknown, "-" leaves the question out.

Options:
  --rubric <rubric>   rubric (file, folder or bundled id; required)
  --out <dir>         folder to write to (required)
  --layout <l>        wide or long (default: detected from the header)
  --sheet <name>      worksheet to read (xlsx; default: every sheet with a header)
  --header-row <n>    1-based row of the header (default: detected)
  --mapping <file>    mapping file (YAML) renaming columns and values
  --units <file>      units file (YAML) declaring territories, regions or cities
  --country <code>    country for tables without a country column
  --year <year>       year for tables without a year column
  --force             update existing files, keeping their comments and key order
  --format <f>        text (default) or json (a summary with the diagnostics, on stdout)
  -h, --help          show this help

Nothing is written when there are errors. Exit codes: 0 imported, 1 errors, 2 usage error.`;

/** \`policy-index import-table\`. */
export async function importTableCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('import-table', argv, {
    rubric: { type: 'string' },
    out: { type: 'string' },
    layout: { type: 'string' },
    sheet: { type: 'string' },
    'header-row': { type: 'string' },
    mapping: { type: 'string' },
    units: { type: 'string' },
    country: { type: 'string' },
    year: { type: 'string' },
    force: { type: 'boolean' },
    format: { type: 'string' },
  });
  if (values.help) {
    io.stdout(importTableHelp + '\n');
    return 0;
  }
  const format = formatOption('import-table', values.format, ['text', 'json'] as const, 'text');
  const layout = values.layout === undefined ? undefined : formatOptionNamed('import-table', '--layout', values.layout, ['wide', 'long'] as const);
  if (positionals.length !== 1) throw new UsageError('import-table needs exactly one table (.csv or .xlsx).', 'import-table');
  if (typeof values.rubric !== 'string') throw new UsageError('import-table needs --rubric <rubric>.', 'import-table');
  if (typeof values.out !== 'string' || values.out === '') throw new UsageError('import-table needs --out <dir>.', 'import-table');
  const headerRowText = values['header-row'];
  if (headerRowText !== undefined && !(typeof headerRowText === 'string' && /^[1-9][0-9]{0,8}$/.test(headerRowText.trim()))) throw new UsageError('--header-row must be a row number (1 or more).', 'import-table');
  const headerRow = headerRowText === undefined ? undefined : Number(headerRowText.trim());
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 1900 && year <= 2200)) throw new UsageError('--year must be a year such as 2024.', 'import-table');
  const rubric = loadRubricArg(io, values.rubric);
  if (!rubric.value) {
    printDiagnostics(io, rubric.diagnostics, rubric.sources);
    return 1;
  }
  const diagnostics: Diagnostic[] = [...rubric.diagnostics];
  let mapping: TableMapping | undefined;
  const mappingPath = typeof values.mapping === 'string' ? resolve(io.cwd, values.mapping) : undefined;
  if (mappingPath !== undefined) {
    const path = mappingPath;
    const text = readTextFile(path, displayPath(io.cwd, path));
    const m = text.value === undefined ? { diagnostics: text.diagnostics } : loadTableMapping(text.value, displayPath(io.cwd, path));
    for (const item of m.diagnostics) diagnostics.push(item);
    if (!('value' in m) || !m.value) return finish(io, format, diagnostics, { written: [], unchanged: [] });
    mapping = m.value;
  }
  const unitsPath = typeof values.units === 'string' ? resolve(io.cwd, values.units) : undefined;
  let units: DeclaredUnit[] | undefined;
  if (unitsPath !== undefined) {
    const text = readTextFile(unitsPath, displayPath(io.cwd, unitsPath));
    const u = text.value === undefined ? { diagnostics: text.diagnostics } : loadUnits(text.value, displayPath(io.cwd, unitsPath));
    for (const item of u.diagnostics) diagnostics.push(item);
    if (!('value' in u) || !u.value) return finish(io, format, diagnostics, { written: [], unchanged: [] });
    units = u.value;
  }
  const input = resolve(io.cwd, positionals[0]!);
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
}

function formatOptionNamed<F extends string>(command: string, flag: string, value: unknown, allowed: readonly F[]): F {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${String(value)}").`, command);
  return value as F;
}

function finish(io: CliIO, format: 'text' | 'json', diagnostics: Diagnostic[], wrote: { written: string[]; unchanged: string[] }, sets = 0, out?: string): ExitCode {
  if (format === 'json') io.stdout(JSON.stringify({ answerSets: sets, written: wrote.written, unchanged: wrote.unchanged, diagnostics: diagnosticsJson(diagnostics, io.cwd) }, null, 2) + '\n');
  else {
    printDiagnostics(io, diagnostics);
    if (out !== undefined) io.stdout(`Read ${sets} answer set${sets === 1 ? '' : 's'}; wrote ${wrote.written.length} file${wrote.written.length === 1 ? '' : 's'} to ${out}${wrote.unchanged.length ? ` (${wrote.unchanged.length} unchanged)` : ''}.\n`);
  }
  return hasErrors(diagnostics) ? 1 : 0;
}

export const exportTableHelp = `Usage: policy-index export-table <rubric> <answers…> [--format csv|xlsx] [--out <file>] [--force]

Writes answer sets (files or folders) as one wide table: a row per answer set, a column per
question, with evidence, status and regional columns where any set has them. import-table
reads the table back to the same answer sets.

Options:
  --format <f>   csv (default, to stdout unless --out) or xlsx (needs --out and the exceljs package)
  --out <file>   file to write; an existing file is replaced only with --force
  --force        replace an existing --out file
  -h, --help     show this help

Exit codes: 0 written, 1 errors in the inputs, 2 usage error.`;

/** \`policy-index export-table\`. */
export async function exportTableCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('export-table', argv, { format: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } });
  if (values.help) {
    io.stdout(exportTableHelp + '\n');
    return 0;
  }
  const format = formatOption('export-table', values.format, ['csv', 'xlsx'] as const, 'csv');
  if (positionals.length < 2) throw new UsageError('export-table needs a rubric and at least one answer file or folder.', 'export-table');
  if (format === 'xlsx' && typeof values.out !== 'string') throw new UsageError('--format xlsx needs --out <file.xlsx>.', 'export-table');
  const [rubricArg, ...answerArgs] = positionals as [string, ...string[]];
  const rubric = loadRubricArg(io, rubricArg);
  if (!rubric.value) {
    printDiagnostics(io, rubric.diagnostics, rubric.sources);
    return 1;
  }
  const loaded = loadAnswerSetFiles(answerArgs.map((a) => resolve(io.cwd, a)));
  const diagnostics: Diagnostic[] = [...rubric.diagnostics, ...loaded.diagnostics];
  const sets = loaded.value ?? [];
  for (const s of sets) {
    if (s.rubric.id !== rubric.value.id) diagnostics.push({ code: 'ANSWERS_RUBRIC_MISMATCH', severity: 'error', message: `${displayPath(io.cwd, s.file)} answers ${s.rubric.id}, not ${rubric.value.id}.`, file: displayPath(io.cwd, s.file) });
  }
  if (hasErrors(diagnostics)) {
    printDiagnostics(io, diagnostics, loaded.sources);
    return 1;
  }
  let bytes: string | Uint8Array;
  if (format === 'csv') bytes = answerTableCsv(rubric.value, sets);
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
}

function writeOut(io: CliIO, path: string, bytes: string | Uint8Array, force: boolean, inputs: readonly string[]): ExitCode {
  const shown = displayPath(io.cwd, path);
  // The one writer: never an input (whatever link leads to it), a folder, pipe or device; an existing file only with --force.
  const wrote = writeOutputFiles([{ path, text: bytes }], { inputs: new InputFiles(inputs), force, display: (p) => displayPath(io.cwd, p) });
  if (hasErrors(wrote.diagnostics)) {
    printDiagnostics(io, wrote.diagnostics);
    return 1;
  }
  io.stderr(`Wrote ${shown}.\n`);
  return 0;
}

export const questionnaireHelp = `Usage: policy-index questionnaire <rubric> --out <q.xlsx> [--answers <previous answer set>] [--country <code>] [--year <year>] [--force]

Writes a workbook for an expert to fill in: a sheet per area, a row per question with its
wording, a drop-down of the answer options, and columns for citation, source URL, comment and
status. With --answers, it is prefilled from the previous edition, whose answers stay beside
the new ones so that changes show. import-table reads the filled-in workbook back.

Options:
  --out <file>       workbook to write (required; replaced only with --force)
  --answers <file>   previous edition's answer set, to prefill from
  --country <code>   country the questionnaire is for (default: the previous answer set's)
  --year <year>      reference year (default: the previous answer set's year + 1)
  --force            replace an existing --out file
  -h, --help         show this help

Needs the exceljs package. Exit codes: 0 written, 1 errors, 2 usage error.`;

/** \`policy-index questionnaire\`. */
export async function questionnaireCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('questionnaire', argv, { out: { type: 'string' }, answers: { type: 'string' }, country: { type: 'string' }, year: { type: 'string' }, force: { type: 'boolean' } });
  if (values.help) {
    io.stdout(questionnaireHelp + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('questionnaire needs exactly one rubric.', 'questionnaire');
  if (typeof values.out !== 'string' || values.out === '') throw new UsageError('questionnaire needs --out <q.xlsx>.', 'questionnaire');
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 1900 && year <= 2200)) throw new UsageError('--year must be a year such as 2024.', 'questionnaire');
  const rubric = loadRubricArg(io, positionals[0]!);
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
  return writeOut(io, resolve(io.cwd, values.out), q.value, values.force === true, inputs);
}
