import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { renderIndexHtml } from '../report/html.js';
import { buildIndexModel, createScorecardContext } from '../report/model.js';
import { rankingCsv, rankingText } from '../report/ranking.js';
import { scoreAll } from '../report/site.js';
import { formatOption, parseCommandArgs } from './args.js';
import { sideBySideCommand } from './side-by-side.js';
import type { CliIO, ExitCode } from './io.js';
import { checkSelection, choosePeers, fileOutOption, loadReportInputs, peersOption, writeOutputs, yearOption } from './report-shared.js';
import { displayPath, printDiagnostics, variantOption } from './shared.js';

export const compareHelp = `Usage: policy-index compare <answers…> [--rubric <path|id>] [--year <y>] [--variant <id>]
                           [--peers <group>] [--format text|csv|html|json] [--out <file>]

Ranks the countries of one year: overall score of a variant with its rank (countries with equal
scores share a rank, shown as =3), the other variants and every area, and the average of a
peer group.

Options:
  --rubric <r>    rubric path, or the id of a bundled rubric (default: the rubric the answer
                  sets name, when it is bundled)
  --year <y>      year to rank (default: the year in which the most countries have a complete
                  score, the later on a tie; e.g. 2019 for the bundled MIPEX answers, where
                  only a few countries have 2020 or later)
  --variant <id>  variant to rank by (default: the rubric's default variant when every country
                  scored that year has a score on it, else the first variant in rubric order
                  that every one has)
  --peers <p>     group whose average is shown: all (default), eu or oecd (members in
                  that year), region:<m49>, meta:<key>=<value>, a group file or DE,FR,…
  --format <f>    text (default), csv, html or json
  --out <file>    write to a file instead of standard output (never over an input file)
  --units <A,B>   two or more countries side by side: every node, answer and exact difference
  -h, --help      show this help

Exit codes: 0 clean, 1 errors in the inputs, 2 usage error.`;

/** `policy-index compare`. */
export async function compareCommand(argv: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('compare', argv, {
    rubric: { type: 'string' },
    year: { type: 'string' },
    variant: { type: 'string' },
    peers: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    units: { type: 'string' },
  });
  if (values.help) {
    io.stdout(compareHelp + '\n');
    return 0;
  }
  const format = formatOption('compare', values.format, ['text', 'csv', 'html', 'json'] as const, 'text');
  const peersChoice = peersOption('compare', values.peers, io.cwd);
  const year = yearOption('compare', values.year);
  const inputs = loadReportInputs(io, 'compare', positionals, values.rubric as string | undefined);
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
    io.stderr(`Wrote ${displayPath(io.cwd, target)}.\n`);
  } else io.stdout(text);
  return hasErrors(diagnostics) ? 1 : 0;
}
