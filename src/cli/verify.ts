import { readDecimalText } from '../exact/index.js';
import { readFileBytes } from '../node/safe-fs.js';
import { resolve } from 'node:path';
import { readPublishedCsv, type PublishedColumns, type ReadPublishedOptions } from '../analysis/verify/published.js';
import { verifyPublishedScores } from '../analysis/verify/verify.js';
import { hasErrors, type Diagnostic } from '../diagnostics/index.js';
import { loadAnswerSetFiles, readTextFile } from '../node/files.js';
import { readPublishedXlsx } from '../node/published.js';
import { formatOption, parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';
import { diagnosticsJson, displayPath, loadRubricArgOrReport, printDiagnostics } from './shared.js';

export const verifyHelp = `Usage: policy-index verify <rubric> <answers…> --published <scores.csv|scores.xlsx> [--at-display]
                         [--tolerance <t>] [--format text|json]

Scores the answer sets (files or folders) with the rubric and compares every published score
with the computed one. The published table is long: one row per country, year, node and value,
with the header country,year,node,value; node is a node id (or alias) or a variant id.

It also checks the published table against itself: where a parent and all its children are
published, the parent is recomputed from them with the rubric's aggregation, and a
contradiction is reported as the publisher's own inconsistency (PUBLISHED_INCONSISTENT), apart
from any disagreement between the rubric, the answers and the published scores.

Options:
  --published <file>      the published scores (.csv, or .xlsx: first sheet unless --sheet)
  --at-display            compare at the rubric's display precision and rounding (for indices
                          that publish rounded values)
  --tolerance <t>         largest difference that agrees at full precision (default 1e-9)
  --sheet <name>          sheet of an .xlsx table
  --country-column <c>    column names, where they differ from country, year, node, value
  --year-column <c>
  --node-column <c>
  --value-column <c>
  --format <f>            text (default) or json: { "compared", "agreed", "disagreements",
                          "diagnostics", "inconsistencies" }
  -h, --help              show this help

Exit codes: 0 every published score reproduced, 1 any disagreement or error, 2 usage error.`;

/** \`policy-index verify\`. */
export async function verifyCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('verify', argv, {
    published: { type: 'string' },
    'at-display': { type: 'boolean' },
    tolerance: { type: 'string' },
    sheet: { type: 'string' },
    'country-column': { type: 'string' },
    'year-column': { type: 'string' },
    'node-column': { type: 'string' },
    'value-column': { type: 'string' },
    format: { type: 'string' },
  });
  if (values.help) {
    io.stdout(verifyHelp + '\n');
    return 0;
  }
  const format = formatOption('verify', values.format, ['text', 'json'] as const, 'text');
  if (positionals.length < 2) throw new UsageError('verify needs a rubric and at least one answer file or folder.', 'verify');
  if (typeof values.published !== 'string') throw new UsageError('verify needs --published <scores.csv|scores.xlsx>.', 'verify');
  const tolerance = typeof values.tolerance === 'string' ? values.tolerance : undefined;
  if (tolerance !== undefined) {
    const read = readDecimalText(tolerance);
    if (!read.ok || read.value.n < 0n) throw new UsageError(`--tolerance must be a non-negative number, not ${read.ok ? `"${tolerance}"` : read.message.replace(/\.$/, '')}.`, 'verify');
  }
  if (tolerance !== undefined && values['at-display']) throw new UsageError('--tolerance and --at-display exclude each other: at display precision, values agree only when equal.', 'verify');

  const [rubricArg, ...answerArgs] = positionals as [string, ...string[]];
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
}
