import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { buildSite, scoreAll, type SiteFormat } from '../report/site.js';
import { defineCommand } from './command.js';
import { RUBRIC_OPTION } from './options.js';
import { UsageError } from './io.js';
import { choosePeers, loadOutcomeProvider, loadReportInputs, outputFilePath, peersOption, writeOutputs, yearOption } from './report-shared.js';
import { displayPath, note, printDiagnostics, variantOption } from './shared.js';

/** `policy-index report`. */
export const reportCommand = defineCommand({
  name: 'report',
  summary: 'write a report site: ranking index and one scorecard per country',
  description: `Writes a report site: index.html with the ranking of every country (area columns, overall
score per variant, rank) linking to one scorecard per country for its latest year with a
complete score (<CC>.html, and <CC>.md / <CC>.json with those formats). Pages are
self-contained: inline CSS and SVG charts, no scripts, no external requests. Nothing is written
when an input has errors.

--format here chooses which files the site has (comma-separated); --format json writes the
JSON scorecards. The summary line on standard error counts the warnings by code.`,
  positionals: [{ name: 'answers', description: 'answer sets (files or folders); ranks, peer averages and changes are computed from all of them', variadic: true }],
  options: {
    out: { type: 'string', short: 'o', placeholder: 'dir', required: true, description: 'output folder (created if needed; input files are never overwritten)' },
    rubric: RUBRIC_OPTION,
    peers: { type: 'string', placeholder: 'group', description: 'peer group whose average is shown: all, eu or oecd (members in the year shown), region:<m49>, meta:<key>=<value> (answer-set metadata of that year), a group file (.yaml) or country codes such as DE,FR,IT', default: 'all' },
    format: { type: 'string', placeholder: 'list', default: 'html,md,json', description: 'formats to write, comma-separated: html, md, json' },
    year: { type: 'string', placeholder: 'y', description: 'year of the index ranking', defaultText: 'the year in which the most countries have a complete score, the later on a tie' },
    variant: { type: 'string', placeholder: 'id', description: 'variant the index ranks by', defaultText: "the rubric's default variant, when every country scored that year has a score on it" },
    'generated-at': { type: 'string', placeholder: 't', description: 'a time to print on the pages (output is otherwise byte-identical)' },
    outcomes: { type: 'string', placeholder: 'files', description: 'outcome data shown beside (never inside) the policy scores: comma-separated CSV/YAML files, or "none"', defaultText: 'the bundled outcome data when the rubric names its outcome framework, else none' },
  },
  examples: [{ command: 'policy-index report examples/mipex --rubric mipex-2020 --out out' }],
  exitCodes: '0 written, 1 errors in the inputs (or no answer set found), 2 usage error.',
  run: async ({ options: values, positionals }, io) => {
  const formats = (typeof values.format === 'string' ? values.format : 'html,md,json').split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of formats) if (!['html', 'md', 'json'].includes(f)) throw new UsageError(`--format takes html, md and json, comma-separated (got "${f}").`, 'report');
  const peersChoice = peersOption('report', values.peers, io.cwd);
  const year = yearOption('report', values.year);
  const started = performance.now();
  const inputs = loadReportInputs(io, 'report', positionals.answers, values.rubric as string | undefined);
  const diagnostics: Diagnostic[] = [...inputs.diagnostics];
  if (!inputs.rubric) {
    printDiagnostics(io, diagnostics, inputs.sources);
    return 1;
  }
  const rubric = inputs.rubric;
  const variant = variantOption('report', rubric, values.variant);
  const peers = choosePeers('report', peersChoice, inputs.sets, year);
  const quiet = values.quiet;
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
  // A run with errors in its inputs writes nothing (never half a site).
  if (hasErrors(diagnostics)) {
    printDiagnostics(io, diagnostics, inputs.sources);
    io.stderr(`Nothing written: fix the errors above and run again.\n`);
    return 1;
  }
  const clash = refused.length ? refused : writeOutputs(io, writes, { root: outDir, inputs: inputs.inputFiles });
  if (clash.length) {
    printDiagnostics(io, [...diagnostics, ...clash], inputs.sources);
    return 1;
  }
  printDiagnostics(io, diagnostics, inputs.sources);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const countries = context.countries().length;
  note(
    io,
    `Wrote ${writes.length} files for ${countries} ${countries === 1 ? 'country' : 'countries'} to ${displayPath(io.cwd, outDir)} in ${seconds} s` +
      `${warnings ? ` (${warnings} warnings while scoring: ${warningSummary}; e.g. a variant has no score in a year when one of its areas was not assessed)` : ''}.\n` +
      `Open ${displayPath(io.cwd, resolve(outDir, 'index.html'))}\n`,
  );
  return hasErrors(diagnostics) ? 1 : 0;
  },
});
