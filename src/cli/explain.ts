import { resolve } from 'node:path';
import { loadAnswerSetFile } from '../node/files.js';
import { scoreAnswerSet } from '../scoring/score.js';
import { explainScore } from '../scoring/explain.js';
import { formatOption, parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';
import { diagnosticsJson, exitFor, loadRubricArgOrReport, printDiagnostics, variantOption } from './shared.js';

export const explainHelp = `Usage: policy-index explain <rubric> <answers> <node-id> [--variant <id>] [--format text|json]

Explains why one node has its score: the aggregation, every part with its weight, how missing
or non-applicable parts were handled, the decision-table row that matched, and for a question
the answer with its evidence.

Options:
  --variant <id>    variant to explain (default: the rubric's default)
  --format <f>      text (default) or json (the scored node with its subtree)
  -h, --help        show this help`;

/** `policy-index explain`. */
export async function explainCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('explain', argv, { variant: { type: 'string' }, format: { type: 'string' } });
  if (values.help) {
    io.stdout(explainHelp + '\n');
    return 0;
  }
  const format = formatOption('explain', values.format, ['text', 'json'] as const, 'text');
  if (positionals.length !== 3) throw new UsageError('explain needs exactly a rubric, an answer file and a node id.', 'explain');
  const [rubricArg, answersArg, nodeId] = positionals as [string, string, string];
  const r = loadRubricArgOrReport(io, rubricArg);
  if (!r) return 1;
  const a = loadAnswerSetFile(resolve(io.cwd, answersArg));
  if (!a.value) {
    printDiagnostics(io, a.diagnostics, a.text !== undefined ? { [resolve(io.cwd, answersArg)]: a.text } : {});
    return 1;
  }
  variantOption('explain', r.value, values.variant);
  const result = scoreAnswerSet(r.value, a.value, { ...(typeof values.variant === 'string' ? { variant: values.variant } : {}), reportMissing: false });
  const ex = explainScore(result, nodeId);
  const diagnostics = [...r.diagnostics, ...a.diagnostics, ...result.diagnostics, ...ex.diagnostics];
  if (format === 'json') {
    io.stdout(JSON.stringify({ country: result.country, year: result.year, variant: result.variant, node: ex.node ?? null, diagnostics: diagnosticsJson(diagnostics, io.cwd) }, null, 2) + '\n');
  } else {
    printDiagnostics(io, diagnostics, { ...r.sources, ...(a.text !== undefined ? { [a.value.file]: a.text } : {}) });
    if (ex.text) io.stdout(ex.text + '\n');
  }
  return ex.node ? exitFor(diagnostics) : 1;
}
