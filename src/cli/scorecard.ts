import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { renderScorecardHtml } from '../report/html.js';
import { renderScorecardJson } from '../report/json.js';
import { renderScorecardMarkdown } from '../report/markdown.js';
import { buildScorecard, createScorecardContext } from '../report/model.js';
import { scoreAll } from '../report/site.js';
import { defineCommand } from './command.js';
import { RUBRIC_OPTION } from './options.js';
import { UsageError } from './io.js';
import { checkSelection, choosePeers, isFolderTarget, loadOutcomeProvider, loadReportInputs, outputFilePath, peersOption, writeOutputs, yearOption } from './report-shared.js';
import { displayPath, note, printDiagnostics, summaryWarnings } from './shared.js';

/** `policy-index scorecard`. */
export const scorecardCommand = defineCommand({
  name: 'scorecard',
  summary: 'write country scorecards (HTML, Markdown or JSON)',
  description: `Builds country scorecards: overall score per variant with its rank among the countries scored
that year, every area, dimension and indicator with the answer in words, its score and its
legal evidence, how each composite score was derived, the change since the previous year with
the answers that caused it, strengths and weaknesses against the peer average, and charts.

Give every answer set the comparison should see (files or folders, e.g. examples/mipex): ranks,
peer averages and the change section are computed from them. Input files are never
overwritten (OUTPUT_IS_INPUT).`,
  positionals: [{ name: 'answers', description: 'answer sets (files or folders); ranks, peer averages and changes are computed from all of them', variadic: true }],
  options: {
    rubric: RUBRIC_OPTION,
    country: { type: 'string', placeholder: 'CC,…', description: 'countries to write', defaultText: 'every country in the answers' },
    year: { type: 'string', placeholder: 'y', description: 'reference year', defaultText: "each country's latest year with a complete score" },
    peers: { type: 'string', placeholder: 'group', description: 'peer group whose average is shown: all, eu or oecd (members in the year shown), region:<m49>, meta:<key>=<value> (answer-set metadata of that year), a group file (.yaml) or country codes such as DE,FR,IT', default: 'all' },
    format: { type: 'enum', values: ['html', 'md', 'json'], default: 'html', description: 'output format' },
    out: { type: 'string', placeholder: 'file|dir', description: 'a file (one country) or a folder (written as <CC>.<ext>)', defaultText: 'standard output, for one country' },
    'generated-at': { type: 'string', placeholder: 't', description: 'a time to print on the card (output is otherwise byte-identical on reruns)' },
    outcomes: { type: 'string', placeholder: 'files', description: 'outcome data shown beside (never inside) the policy scores: comma-separated CSV/YAML files, or "none"', defaultText: 'the bundled outcome data when the rubric names its outcome framework, else none' },
  },
  examples: [{ command: 'policy-index scorecard examples/mipex --country SE --format md' }, { command: 'policy-index scorecard examples/mipex --out cards/' }],
  exitCodes: '0 written, 1 errors in the inputs (or no answer set found), 2 usage error.',
  json: 'the scorecard document (schemas/scorecard.schema.json), one per country',
  run: async ({ options: values, positionals }, io) => {
  const format = values.format;
  const peersChoice = peersOption('scorecard', values.peers, io.cwd);
  const year = yearOption('scorecard', values.year);
  const inputs = loadReportInputs(io, 'scorecard', positionals.answers, values.rubric as string | undefined);
  const diagnostics: Diagnostic[] = [...inputs.diagnostics];
  if (!inputs.rubric) {
    printDiagnostics(io, diagnostics, inputs.sources);
    return 1;
  }
  const rubric = inputs.rubric;
  const countryList = typeof values.country === 'string' ? values.country.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean) : undefined;
  checkSelection('scorecard', inputs.sets, { ...(countryList ? { countries: countryList } : {}), ...(year !== undefined ? { year } : {}), ...('group' in peersChoice ? { peers: peersChoice.group } : {}) });
  const peers = choosePeers('scorecard', peersChoice, inputs.sets, year);
  const results = scoreAll(rubric, inputs.sets);
  for (const r of results) { for (const item of r.diagnostics.filter((d) => d.severity === 'error')) diagnostics.push(item); }
  const ctx = createScorecardContext(rubric, results, inputs.sets, { peers, fileLabel: (f) => displayPath(io.cwd, f) });
  const wanted = countryList ?? ctx.countries();
  const generatedAt = typeof values['generated-at'] === 'string' ? { generatedAt: values['generated-at'] } : {};
  const outcomeData = loadOutcomeProvider(io, values.outcomes, rubric);
  for (const item of outcomeData.diagnostics) diagnostics.push(item);
  const cards: { country: string; text: string }[] = [];
  for (const cc of wanted) {
    if (!ctx.years(cc).length) {
      diagnostics.push({ code: 'CLI_USAGE', severity: 'error', message: `No answer set for the country "${cc}".` });
      continue;
    }
    if (year !== undefined && !ctx.result(cc, year)) {
      if (typeof values.country === 'string') diagnostics.push({ code: 'CLI_USAGE', severity: 'error', message: `${cc} has no answer set for ${year} (it has ${ctx.years(cc).join(', ')}).` });
      continue;
    }
    const card = buildScorecard(ctx, cc, { ...(year !== undefined ? { year } : {}), ...generatedAt });
    if (!card) continue;
    if (outcomeData.provider) card.outcomes = outcomeData.provider(cc, card.year);
    const text = format === 'html' ? renderScorecardHtml(card) : format === 'md' ? renderScorecardMarkdown(card) : renderScorecardJson(card);
    cards.push({ country: cc, text });
  }
  const out = typeof values.out === 'string' ? values.out : undefined;
  if (!out && cards.length > 1) throw new UsageError(`${cards.length} countries would be written; choose one with --country, or a folder with --out.`, 'scorecard');
  if (!out) {
    printDiagnostics(io, diagnostics, inputs.sources);
    if (cards[0]) io.stdout(cards[0].text);
    return hasErrors(diagnostics) ? 1 : 0;
  }
  const target = resolve(io.cwd, out);
  const folder = cards.length > 1 || isFolderTarget(target, out);
  const writes: { path: string; text: string }[] = [];
  const refused: Diagnostic[] = [];
  for (const c of cards) {
    if (!folder) writes.push({ path: target, text: c.text });
    else {
      const built = outputFilePath(target, [`${c.country}.${format}`]);
      if (built.path) writes.push({ path: built.path, text: c.text });
      else refused.push(built.diagnostic!);
    }
  }
  for (const f of outcomeData.files) inputs.inputFiles.add(f);
  const clash = refused.length ? refused : writeOutputs(io, writes, { ...(folder ? { root: target } : {}), inputs: inputs.inputFiles });
  if (clash.length) {
    printDiagnostics(io, [...diagnostics, ...clash], inputs.sources);
    return 1;
  }
  printDiagnostics(io, diagnostics, inputs.sources);
  note(io, `Wrote ${writes.length} scorecard${writes.length === 1 ? '' : 's'} to ${displayPath(io.cwd, folder ? target : writes[0]?.path ?? target)}${summaryWarnings(diagnostics)}.\n`);
  return hasErrors(diagnostics) ? 1 : 0;
  },
});
