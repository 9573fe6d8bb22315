import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { buildSite, scoreAll, type SiteFormat } from '../report/site.js';
import { parseCommandArgs } from './args.js';
import { UsageError, type CliIO, type ExitCode } from './io.js';
import { choosePeers, loadOutcomeProvider, loadReportInputs, OUTCOMES_OPTION_HELP, outputFilePath, peersOption, writeOutputs, yearOption } from './report-shared.js';
import { displayPath, printDiagnostics, variantOption } from './shared.js';

export const reportHelp = `Usage: policy-index report <answers…> --out <dir> [--rubric <path|id>] [--peers <group>]
                          [--format html,md,json] [--year <y>] [--variant <id>] [--quiet]

Writes a report site: index.html with the ranking of every country (area columns, overall
score per variant, rank) linking to one scorecard per country for its latest year with a
complete score (<CC>.html, and <CC>.md / <CC>.json with those formats). Pages are self-contained: inline CSS
and SVG charts, no scripts, no external requests.

Options:
  --out <dir>         output folder (created if needed; input files are never overwritten)
  --rubric <r>        rubric path, or the id of a bundled rubric (default: the rubric the
                      answer sets name, when it is bundled)
  --peers <p>         peer group for averages: all (default), eu or oecd (members in each
                      year), region:<m49>, meta:<key>=<value>, a group file or DE,FR,…
  --format <list>     formats to write, comma-separated (default: html,md,json)
  --year <y>          year of the index ranking (default: the year in which the most
                      countries have a complete score, the later on a tie)
  --variant <id>      variant the index ranks by (default: the rubric's default variant, when
                      every country scored that year has a score on it)
  --generated-at <t>  a time to print on the pages (output is otherwise byte-identical)
  --quiet             no progress lines
${OUTCOMES_OPTION_HELP}
  -h, --help          show this help

Exit codes: 0 written, 1 errors in the inputs, 2 usage error.`;

/** `policy-index report`. */
export async function reportCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('report', argv, {
    rubric: { type: 'string' },
    out: { type: 'string', short: 'o' },
    peers: { type: 'string' },
    format: { type: 'string' },
    year: { type: 'string' },
    variant: { type: 'string' },
    'generated-at': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    outcomes: { type: 'string' },
  });
  if (values.help) {
    io.stdout(reportHelp + '\n');
    return 0;
  }
  if (typeof values.out !== 'string' || !values.out) throw new UsageError('report needs an output folder: --out <dir>.', 'report');
  const formats = (typeof values.format === 'string' ? values.format : 'html,md,json').split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of formats) if (!['html', 'md', 'json'].includes(f)) throw new UsageError(`--format takes html, md and json, comma-separated (got "${f}").`, 'report');
  const peersChoice = peersOption('report', values.peers, io.cwd);
  const year = yearOption('report', values.year);
  const started = performance.now();
  const inputs = loadReportInputs(io, 'report', positionals, values.rubric as string | undefined);
  const diagnostics: Diagnostic[] = [...inputs.diagnostics];
  if (!inputs.rubric) {
    printDiagnostics(io, diagnostics, inputs.sources);
    return 1;
  }
  const rubric = inputs.rubric;
  const variant = variantOption('report', rubric, values.variant);
  if (inputs.sets.length === 0) {
    printDiagnostics(io, diagnostics, inputs.sources);
    io.stderr('No answer sets found.\n');
    return 1;
  }
  const peers = choosePeers('report', peersChoice, inputs.sets, year);
  const quiet = Boolean(values.quiet);
  if (!quiet) io.stderr(`Scoring ${inputs.sets.length} answer sets with ${rubric.id}@${rubric.version} …\n`);
  const results = scoreAll(rubric, inputs.sets);
  let warnings = 0;
  const byCode = new Map<string, number>();
  for (const r of results) {
    for (const item of r.diagnostics.filter((d) => d.severity === 'error')) diagnostics.push(item);
    for (const d of r.diagnostics) {
      if (d.severity !== 'warning') continue;
      warnings++;
      byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
    }
  }
  const warningSummary = [...byCode].map(([code, n]) => `${code} ×${n}`).join(', ');
  const outcomeData = loadOutcomeProvider(io, values.outcomes, rubric);
  for (const item of outcomeData.diagnostics) diagnostics.push(item);
  const outDir = resolve(io.cwd, values.out);
  const { files, context } = buildSite(rubric, inputs.sets, {
    results,
    peers,
    ...(outcomeData.provider ? { outcomes: outcomeData.provider } : {}),
    formats: formats as SiteFormat[],
    ...(year !== undefined ? { year } : {}),
    ...(variant ? { variant } : {}),
    ...(typeof values['generated-at'] === 'string' ? { generatedAt: values['generated-at'] } : {}),
    fileLabel: (f) => displayPath(io.cwd, f),
    ...(quiet ? {} : { onProgress: (done: number, total: number, cc: string, name: string) => io.stderr(`[${String(done).padStart(String(total).length)}/${total}] ${cc} ${name}\n`) }),
  });
  const writes: { path: string; text: string }[] = [];
  const refused: Diagnostic[] = [];
  for (const f of files) {
    const built = outputFilePath(outDir, f.path.split('/'));
    if (built.path) writes.push({ path: built.path, text: f.text });
    else refused.push(built.diagnostic!);
  }
  for (const f of outcomeData.files) inputs.inputFiles.add(f);
  const clash = refused.length ? refused : writeOutputs(io, writes, { root: outDir, inputs: inputs.inputFiles });
  if (clash.length) {
    printDiagnostics(io, [...diagnostics, ...clash], inputs.sources);
    return 1;
  }
  printDiagnostics(io, diagnostics, inputs.sources);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const countries = context.countries().length;
  io.stderr(
    `Wrote ${writes.length} files for ${countries} ${countries === 1 ? 'country' : 'countries'} to ${displayPath(io.cwd, outDir)} in ${seconds} s` +
      `${warnings ? ` (${warnings} warnings while scoring: ${warningSummary}; e.g. a variant has no score in a year when one of its areas was not assessed)` : ''}.\n` +
      `Open ${displayPath(io.cwd, resolve(outDir, 'index.html'))}\n`,
  );
  return hasErrors(diagnostics) ? 1 : 0;
}
