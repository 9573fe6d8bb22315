import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { renderIndexHtml } from '../report/html.js';
import { buildIndexModel, createScorecardContext } from '../report/model.js';
import { rankingCsv, rankingText } from '../report/ranking.js';
import { scoreAll } from '../report/site.js';
import { defineCommand } from './command.js';
import { RUBRIC_OPTION } from './options.js';
import { sideBySideCommand } from './side-by-side.js';
import { checkSelection, choosePeers, fileOutOption, loadReportInputs, peersOption, writeOutputs, yearOption } from './report-shared.js';
import { displayPath, note, printDiagnostics, summaryWarnings, variantOption } from './shared.js';

/** `policy-index compare`. */
export const compareCommand = defineCommand({
  name: 'compare',
  summary: 'rank countries for a year, with peer averages',
  description: `Ranks the countries of one year: overall score of a variant with its rank (countries with equal
scores share a rank, shown as =3), the other variants and every area, and the average of a
peer group. With --units, two or more countries side by side instead.`,
  positionals: [{ name: 'answers', description: 'answer sets (files or folders); ranks, peer averages and changes are computed from all of them', variadic: true }],
  options: {
    rubric: RUBRIC_OPTION,
    year: { type: 'string', placeholder: 'y', description: 'year to rank', defaultText: 'the year in which the most countries have a complete score, the later on a tie; e.g. 2019 for the bundled MIPEX answers, where only a few countries have 2020 or later' },
    variant: { type: 'string', placeholder: 'id', description: 'variant to rank by', defaultText: "the rubric's default variant when every country scored that year has a score on it, else the first variant in rubric order that every one has" },
    peers: { type: 'string', placeholder: 'group', description: 'peer group whose average is shown: all, eu or oecd (members in the year shown), region:<m49>, meta:<key>=<value> (answer-set metadata of that year), a group file (.yaml) or country codes such as DE,FR,IT', default: 'all' },
    format: { type: 'enum', values: ['text', 'csv', 'html', 'json'], default: 'text', description: 'output format' },
    out: { type: 'string', placeholder: 'file', description: 'write to a file instead of standard output (never over an input file)' },
    units: { type: 'string', placeholder: 'A,B', description: 'two or more countries side by side: every node, answer and exact difference' },
  },
  examples: [{ command: 'policy-index compare examples/mipex --year 2019 --peers eu' }, { command: 'policy-index compare examples/mipex --units SE,DE --format json' }],
  exitCodes: '0 clean, 1 errors in the inputs (or no answer set found), 2 usage error.',
  json: '{ "ranking": [...], "peers": {...} }; with --units: the side-by-side table',
  run: async ({ options: values, positionals }, io) => {
  const format = values.format;
  const peersChoice = peersOption('compare', values.peers, io.cwd);
  const year = yearOption('compare', values.year);
  const inputs = loadReportInputs(io, 'compare', positionals.answers, values.rubric as string | undefined);
  const diagnostics: Diagnostic[] = [...inputs.diagnostics];
  if (!inputs.rubric) {
    printDiagnostics(io, diagnostics, inputs.sources);
    return 1;
  }
  const rubric = inputs.rubric;
  const variant = variantOption('compare', rubric, values.variant);
  if (typeof values.units === 'string') return sideBySideCommand(io, rubric, inputs.sets, values.units, { ...(year !== undefined ? { year } : {}), ...(variant ? { variant } : {}), format });
  checkSelection('compare', inputs.sets, { ...(year !== undefined ? { year } : {}), ...('group' in peersChoice ? { peers: peersChoice.group } : {}) });
  const peers = choosePeers('compare', peersChoice, inputs.sets, year);
  const results = scoreAll(rubric, inputs.sets);
  for (const r of results) { for (const item of r.diagnostics.filter((d) => d.severity === 'error')) diagnostics.push(item); }
  const ctx = createScorecardContext(rubric, results, inputs.sets, { peers });
  const model = buildIndexModel(ctx, { ...(year !== undefined ? { year } : {}), ...(variant ? { variant } : {}) });
  const text =
    format === 'csv'
      ? rankingCsv(model)
      : format === 'html'
        ? renderIndexHtml(model, { scale: { min: rubric.scale.min, max: rubric.scale.max } })
        : format === 'json'
          ? JSON.stringify({ ranking: ctx.ranking(model.year, model.variant), peers: ctx.peerAverages(model.year) }, null, 2) + '\n'
          : rankingText(model);
  printDiagnostics(io, diagnostics, inputs.sources);
  if (typeof values.out === 'string') {
    fileOutOption('compare', values.out);
    const target = resolve(io.cwd, values.out);
    const clash = writeOutputs(io, [{ path: target, text }], { inputs: inputs.inputFiles });
    if (clash.length) {
      printDiagnostics(io, clash);
      return 1;
    }
    note(io, `Wrote ${displayPath(io.cwd, target)}${summaryWarnings(diagnostics)}.\n`);
  } else io.stdout(text);
  return hasErrors(diagnostics) ? 1 : 0;
  },
});

/** The `--help` text of `compare`. */
export const compareHelp = compareCommand.help;
