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
  --format <f>      text (default) or json: { "compared", "agreed", "disagreements": [...] }
  -h, --help        show this help

Exit codes: 0 every published score reproduced, 1 disagreements or errors, 2 usage error.`;

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
  const unreadable = diagnostics.some((d) => d.code === 'IMPORT_UNREADABLE');
  if (format === 'json') {
    const { compared, agreed, disagreements } = result;
    io.stdout(JSON.stringify({ compared, agreed, disagreements }, null, 2) + '\n');
    if (unreadable) printDiagnostics(io, diagnostics.filter((d) => d.severity === 'error'));
  } else {
    printDiagnostics(io, diagnostics.filter((d) => d.severity !== 'info'));
    const lines = [`Compared ${result.compared} published scores: ${result.agreed} agree, ${result.disagreements.length} disagree.`];
    for (const d of result.disagreements) {
      lines.push(`  ${d.country} ${d.year} ${d.node}: published ${d.published}, computed ${d.computed === null ? 'none' : d.computed}`);
    }
    io.stdout(lines.join('\n') + '\n');
  }
  return result.disagreements.length === 0 && !unreadable && !hasErrors(loaded.diagnostics) && result.compared > 0 ? 0 : 1;
}
