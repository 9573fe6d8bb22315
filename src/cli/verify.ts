import { readDecimalText } from '../exact/index.js';
import { readFileBytes } from '../node/safe-fs.js';
import { resolve } from 'node:path';
import { readPublishedCsv, type PublishedColumns, type ReadPublishedOptions } from '../analysis/verify/published.js';
import { verifyPublishedScores } from '../analysis/verify/verify.js';
import { hasErrors, type Diagnostic } from '../diagnostics/index.js';
import { loadAnswerSetFiles, readTextFile } from '../node/files.js';
import { readPublishedXlsx } from '../node/published.js';
import { defineCommand } from './command.js';
import { UsageError } from './io.js';
import { FORMAT_TEXT_JSON, noAnswerSets, RUBRIC_TEXT } from './options.js';
import { diagnosticsJson, displayPath, loadRubricArgOrReport, printDiagnostics } from './shared.js';

/** `policy-index verify`. */
export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'check that a rubric and answers reproduce a table of published scores',
  description: `Scores the answer sets (files or folders) with the rubric and compares every published score
with the computed one. The published table is long: one row per country, year, node and value,
with the header country,year,node,value; node is a node id (or alias) or a variant id.

It also checks the published table against itself: where a parent and all its children are
published, the parent is recomputed from them with the rubric's aggregation, and a
contradiction is reported as the publisher's own inconsistency (PUBLISHED_INCONSISTENT), apart
from any disagreement between the rubric, the answers and the published scores.`,
  positionals: [
    { name: 'rubric', description: RUBRIC_TEXT },
    { name: 'answers', description: 'answer sets (files or folders)', variadic: true },
  ],
  options: {
    published: { type: 'string', placeholder: 'file', required: true, description: 'the published scores (.csv, or .xlsx: first sheet unless --sheet)' },
    'at-display': { type: 'boolean', description: "compare at the rubric's display precision and rounding (for indices that publish rounded values)" },
    tolerance: { type: 'string', placeholder: 't', defaultText: '1e-9', description: 'largest difference that agrees at full precision' },
    sheet: { type: 'string', placeholder: 'name', description: 'sheet of an .xlsx table' },
    'country-column': { type: 'string', placeholder: 'c', defaultText: 'country', description: 'name of the country column' },
    'year-column': { type: 'string', placeholder: 'c', defaultText: 'year', description: 'name of the year column' },
    'node-column': { type: 'string', placeholder: 'c', defaultText: 'node', description: 'name of the node column' },
    'value-column': { type: 'string', placeholder: 'c', defaultText: 'value', description: 'name of the value column' },
    format: FORMAT_TEXT_JSON,
  },
  examples: [{ command: 'policy-index verify mipex-2020 examples/mipex --published scores.csv --at-display' }],
  exitCodes: '0 every published score reproduced, 1 any disagreement or error (or no answer set found), 2 usage error.',
  json: '{ "compared", "agreed", "disagreements", "diagnostics", "inconsistencies" }',
  run: async ({ options: values, positionals }, io) => {
  const format = values.format;
  const tolerance = typeof values.tolerance === 'string' ? values.tolerance : undefined;
  if (tolerance !== undefined) {
    const read = readDecimalText(tolerance);
    if (!read.ok || read.value.n < 0n) throw new UsageError(`--tolerance must be a non-negative number, not ${read.ok ? `"${tolerance}"` : read.message.replace(/\.$/, '')}.`, 'verify');
  }
  if (tolerance !== undefined && values['at-display']) throw new UsageError('--tolerance and --at-display exclude each other: at display precision, values agree only when equal.', 'verify');

  const { rubric: rubricArg, answers: answerArgs } = positionals;
  const r = loadRubricArgOrReport(io, rubricArg);
  if (!r) return 1;
  const diagnostics: Diagnostic[] = [...r.diagnostics];
  const columns: Partial<PublishedColumns> = {};
  for (const k of ['country', 'year', 'node', 'value'] as const) {
    const v = values[`${k}-column`];
    if (typeof v === 'string') columns[k] = v;
  }
  const path = resolve(io.cwd, values.published);
  const file = displayPath(io.cwd, path);
  const options: ReadPublishedOptions = { file, columns };
  let published;
  if (/\.xlsx$/i.test(path)) {
    // Only a regular file of at most 50 MB (pipes and devices are refused, never read).
    const read = readFileBytes(path, file, { maxBytes: 50 * 1024 * 1024 });
    for (const item of read.diagnostics) diagnostics.push(item);
    const bytes = read.value;
    published = bytes ? readPublishedXlsx(bytes, { ...options, ...(typeof values.sheet === 'string' ? { sheet: values.sheet } : {}) }) : { diagnostics: [] };
  } else {
    const text = readTextFile(path, file);
    for (const item of text.diagnostics) diagnostics.push(item);
    published = text.value !== undefined ? readPublishedCsv(text.value, options) : { diagnostics: [] };
  }
  for (const item of published.diagnostics) diagnostics.push(item);
  const sets = loadAnswerSetFiles(answerArgs.map((a) => resolve(io.cwd, a)));
  for (const item of sets.diagnostics) diagnostics.push(item);
  if ((sets.value ?? []).length === 0) {
    // Nothing to compare: the reason, and no comparison of zero scores.
    printDiagnostics(io, hasErrors(sets.diagnostics) ? diagnostics : [...diagnostics, noAnswerSets(answerArgs.join(', '))], { ...r.sources, ...sets.sources });
    return 1;
  }
  const result = verifyPublishedScores(r.value, sets.value ?? [], published.value ?? [], {
    ...(tolerance !== undefined ? { tolerance } : {}),
    ...(values['at-display'] ? { atDisplay: true } : {}),
  });
  for (const item of result.diagnostics) diagnostics.push(item);
  const failed = hasErrors(diagnostics) || published.value === undefined;
  if (format === 'json') {
    const { compared, agreed, disagreements, inconsistencies } = result;
    io.stdout(JSON.stringify({ compared, agreed, disagreements, diagnostics: diagnosticsJson(diagnostics, io.cwd), inconsistencies }, null, 2) + '\n');
  } else {
    printDiagnostics(io, diagnostics.filter((d) => d.severity !== 'info'), { ...r.sources, ...sets.sources });
    const lines = [`Compared ${result.compared} published scores: ${result.agreed} agree, ${result.disagreements.length} disagree.`];
    for (const d of result.disagreements) {
      lines.push(`  ${d.country} ${d.year} ${d.node}: published ${d.publishedText}, computed ${d.computedText ?? `none (${d.reason})`}${d.publisherInconsistent ? ' — the published figures contradict each other here' : ''}`);
    }
    if (result.inconsistencies.length) lines.push(`${result.inconsistencies.length} published score(s) contradict their own published parts (the publisher's inconsistency, listed above).`);
    io.stdout(lines.join('\n') + '\n');
  }
  return result.disagreements.length === 0 && !failed ? 0 : 1;
  },
});
