import { resolve } from 'node:path';
import { hasErrors } from '../diagnostics/index.js';
import { verifyWorkbook } from '../node/mipex/verify.js';
import { formatOption, parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';
import { displayPath, loadRubricArg, printDiagnostics } from './shared.js';

export const verifyWorkbookHelp = `Usage: policy-index verify-workbook <workbook.xlsx> [--rubric <path>] [--format text|json]

Imports the MIPEX core-set workbook in memory, scores every country and year with the rubric,
and compares every score the workbook publishes (composite indicators, strands and the three
overall variants) with the computed one. Scores agree when they differ by at most 1e-9.

Options:
  --rubric <path>   MIPEX rubric (file, folder or bundled id; default: mipex-2020)
  --format <f>      text (default) or json: { "compared", "agreed", "disagreements": [...],
                    "diagnostics": [...], "sheets": [...] } (sheets: counts per country sheet)
  -h, --help        show this help

Exit codes: 0 every published score reproduced, 1 disagreements or any error (rubric or
import: an empty country sheet, a missing block, a value no option explains), 2 usage error.`;

/** \`policy-index verify-workbook\`. */
export async function verifyWorkbookCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('verify-workbook', argv, { rubric: { type: 'string' }, format: { type: 'string' } });
  if (values.help) {
    io.stdout(verifyWorkbookHelp + '\n');
    return 0;
  }
  const format = formatOption('verify-workbook', values.format, ['text', 'json'] as const, 'text');
  if (positionals.length !== 1) throw new UsageError('verify-workbook needs exactly one workbook (.xlsx).', 'verify-workbook');
  const loaded = loadRubricArg(io, typeof values.rubric === 'string' ? values.rubric : 'mipex-2020');
  if (!loaded.value) {
    printDiagnostics(io, loaded.diagnostics, loaded.sources);
    return 1;
  }
  const workbook = resolve(io.cwd, positionals[0]!);
  const result = await verifyWorkbook(workbook, { rubric: loaded.value, file: displayPath(io.cwd, workbook) });
  const diagnostics = [...loaded.diagnostics, ...result.diagnostics];
  const failed = hasErrors(diagnostics);
  if (format === 'json') {
    const { compared, agreed, disagreements, sheets } = result;
    io.stdout(JSON.stringify({ compared, agreed, disagreements, diagnostics, sheets }, null, 2) + '\n');
  } else {
    printDiagnostics(io, diagnostics.filter((d) => d.severity !== 'info'));
    const lines = [`Compared ${result.compared} published scores: ${result.agreed} agree, ${result.disagreements.length} disagree.`];
    if (failed) lines.push(`The import has ${diagnostics.filter((d) => d.severity === 'error').length} error(s) (listed above), so the comparison is incomplete.`);
    for (const d of result.disagreements) {
      lines.push(`  ${d.country} ${d.year} ${d.node}: published ${d.published}, computed ${d.computed === null ? 'none' : d.computed}`);
    }
    lines.push('Per sheet (answer sets, answers, published scores compared / agreed):');
    for (const s of result.sheets) lines.push(`  ${s.sheet}${s.sheet !== s.country ? ` (${s.country})` : ''}: ${s.answerSets} sets, ${s.answers} answers, ${s.compared} / ${s.agreed}`);
    io.stdout(lines.join('\n') + '\n');
  }
  return result.disagreements.length === 0 && !failed && result.compared > 0 ? 0 : 1;
}
