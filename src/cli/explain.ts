import { resolve } from 'node:path';
import { loadAnswerSetFile } from '../node/files.js';
import { scoreAnswerSet } from '../scoring/score.js';
import { explainScore } from '../scoring/explain.js';
import { defineCommand } from './command.js';
import { FORMAT_TEXT_JSON, RUBRIC_TEXT } from './options.js';
import { diagnosticsJson, exitFor, loadRubricArgOrReport, printDiagnostics, variantOption } from './shared.js';

/** `policy-index explain`. */
export const explainCommand = defineCommand({
  name: 'explain',
  summary: 'explain why a node has its score',
  description: `Explains why one node has its score: the aggregation, every part with its weight, how missing
or non-applicable parts were handled, the decision-table row that matched, and for a question
the answer with its evidence.`,
  positionals: [
    { name: 'rubric', description: RUBRIC_TEXT },
    { name: 'answers', description: 'one answer file' },
    { name: 'node-id', description: 'the node to explain (a question, indicator, dimension or area id)' },
  ],
  options: {
    variant: { type: 'string', placeholder: 'id', description: 'variant to explain', defaultText: "the rubric's default" },
    format: { ...FORMAT_TEXT_JSON, description: 'output format; json: the scored node with its subtree' },
  },
  examples: [{ command: 'policy-index explain examples/demo/rubric examples/demo/answers/northland-2024.yaml work' }],
  exitCodes: '0 explained, 1 errors in the inputs or no such node, 2 usage error.',
  json: '{ "country", "year", "variant", "node": ScoredNode | null, "diagnostics": [...] }',
  run: async ({ options: values, positionals }, io) => {
  const format = values.format;
  const { rubric: rubricArg, answers: answersArg, 'node-id': nodeId } = positionals;
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
  },
});

/** The `--help` text of `explain`. */
export const explainHelp = explainCommand.help;
