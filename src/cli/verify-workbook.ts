import { resolve } from 'node:path';
import { hasErrors } from '../diagnostics/index.js';
import { verifyWorkbook } from '../node/mipex/verify.js';
import { defineCommand } from './command.js';
import { FORMAT_TEXT_JSON, RUBRIC_OPTION, RUBRIC_TEXT } from './options.js';
import { displayPath, loadRubricArg, printDiagnostics } from './shared.js';

/** `policy-index verify-workbook`. */
export const verifyWorkbookCommand = defineCommand({
  name: 'verify-workbook',
  summary: "check that a rubric reproduces a workbook's published scores",
  description: `Imports the MIPEX core-set workbook in memory, scores every country and year with the rubric,
and compares every score the workbook publishes (composite indicators, strands and the three
overall variants) with the computed one. Scores agree when they differ by at most 1e-9.`,
  positionals: [{ name: 'workbook.xlsx', description: 'the MIPEX core-set workbook' }],
  options: {
    rubric: { ...RUBRIC_OPTION, description: `the MIPEX rubric: ${RUBRIC_TEXT}`, default: 'mipex-2020', defaultText: undefined },
    format: FORMAT_TEXT_JSON,
  },
  examples: [{ command: 'policy-index verify-workbook MIPEX2020.xlsx --format json' }],
  exitCodes: `0 every published score reproduced, 1 disagreements or any error (rubric or
import: an empty country sheet, a missing block, a value no option explains), 2 usage error.`,
  json: '{ "compared", "agreed", "disagreements": [...], "diagnostics": [...], "sheets": [...] } (sheets: counts per country sheet)',
  run: async ({ options: values, positionals }, io) => {
  const format = values.format;
  const loaded = loadRubricArg(io, values.rubric);
  if (!loaded.value) {
    printDiagnostics(io, loaded.diagnostics, loaded.sources);
    return 1;
  }
  const workbook = resolve(io.cwd, positionals['workbook.xlsx']);
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
  },
});
