import { resolve } from 'node:path';
import { hasErrors } from '../diagnostics/index.js';
import { importMipexWorkbook } from '../node/mipex/import.js';
import { writeMipexAnswerSets } from '../node/mipex/write.js';
import { formatOption, parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';
import { diagnosticsJson, displayPath, loadRubricArg, printDiagnostics } from './shared.js';

export const importMipexHelp = `Usage: policy-index import-mipex <workbook.xlsx> --out <dir> [--rubric <path>] [--format text|json]

Imports the MIPEX core-set workbook (MIPEX 2020, mipex.eu): writes one YAML answer set per
country and year (<dir>/<CC>/<CC>-<year>.yaml) and published-scores.json, the strand,
composite and overall scores the workbook publishes. Reruns give identical files; files the
import did not write are never replaced.

Options:
  --out <dir>       folder to write to (required)
  --rubric <path>   MIPEX rubric (file, folder or bundled id; default: mipex-2020)
  --format <f>      text (default) or json (a summary with the diagnostics, on stdout)
  -h, --help        show this help

Exit codes: 0 imported without errors, 1 errors found, 2 usage error.`;

/** \`policy-index import-mipex\`. */
export async function importMipexCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('import-mipex', argv, { out: { type: 'string' }, rubric: { type: 'string' }, format: { type: 'string' } });
  if (values.help) {
    io.stdout(importMipexHelp + '\n');
    return 0;
  }
  const format = formatOption('import-mipex', values.format, ['text', 'json'] as const, 'text');
  if (positionals.length !== 1) throw new UsageError('import-mipex needs exactly one workbook (.xlsx).', 'import-mipex');
  if (typeof values.out !== 'string' || values.out === '') throw new UsageError('import-mipex needs --out <dir>.', 'import-mipex');
  const loaded = loadRubricArg(io, typeof values.rubric === 'string' ? values.rubric : 'mipex-2020');
  if (!loaded.value) {
    printDiagnostics(io, loaded.diagnostics, loaded.sources);
    return 1;
  }
  const rubric = loaded.value;
  const workbook = resolve(io.cwd, positionals[0]!);
  const result = await importMipexWorkbook(workbook, { rubric, file: displayPath(io.cwd, workbook) });
  const out = resolve(io.cwd, values.out);
  const wrote = result.workbook.sha256 === '' ? { written: [], diagnostics: [] } : writeMipexAnswerSets(result, out, { protect: rubric.files.map((f) => resolve(io.cwd, f)) });
  const diagnostics = [...loaded.diagnostics, ...result.diagnostics, ...wrote.diagnostics];
  const summary = {
    workbook: displayPath(io.cwd, workbook),
    sha256: result.workbook.sha256,
    rubric: result.rubric,
    out: displayPath(io.cwd, out),
    answerSets: result.answerSets.length,
    countries: new Set(result.answerSets.map((s) => s.country)).size,
    published: result.published.length,
    filesWritten: wrote.written.length,
  };
  if (format === 'json') io.stdout(JSON.stringify({ ...summary, diagnostics: diagnosticsJson(diagnostics, io.cwd) }, null, 2) + '\n');
  else {
    printDiagnostics(io, diagnostics);
    io.stdout(
      `Imported ${summary.answerSets} answer sets for ${summary.countries} countries and ${summary.published} published scores from ${summary.workbook}\n` +
        `(sha256 ${summary.sha256}); wrote ${summary.filesWritten} files to ${summary.out}.\n`,
    );
  }
  return hasErrors(diagnostics) ? 1 : 0;
}
