import { resolve } from 'node:path';
import { csvField } from '../source/csv.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { renderIndexHtml } from '../report/html.js';
import { buildIndexModel, createScorecardContext, type IndexModel } from '../report/model.js';
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


/** Renders the ranking as an aligned text table. */
export function rankingText(model: IndexModel): string {
  const vi = model.variants.findIndex((v) => v.id === model.variant);
  const others = model.variants.map((v, i) => ({ v, i })).filter((x) => x.i !== vi);
  const header = ['rank', 'country', 'name', model.variant, ...others.map((x) => x.v.id), ...model.areas.map((a) => a.id)];
  const rows = model.rows.map((r) => [r.rankLabel, r.country, r.name, r.variants[vi]?.display ?? '—', ...others.map((x) => r.variants[x.i]?.display ?? '—'), ...r.areas.map((a) => a.display ?? '—')]);
  rows.push(['', 'avg', model.peers.label, model.peers.variants[model.variant] ?? '—', ...others.map((x) => model.peers.variants[x.v.id] ?? '—'), ...model.areas.map((a) => model.peers.areas[a.id] ?? '—')]);
  const widths = header.map((h, i) => rows.reduce((m, r) => Math.max(m, r[i]!.length), h.length));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 1 && i <= 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const title = `${model.rubric.id}@${model.rubric.version} · ${model.year} · ranked by ${model.variantTitle}`;
  return [title, '', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(0, -1).map(line), line(widths.map((w) => '-'.repeat(w))), line(rows[rows.length - 1]!)].join('\n') + '\n';
}

/** Renders the ranking as CSV. */
export function rankingCsv(model: IndexModel): string {
  const header = ['rank', 'tied', 'country', 'name', 'year', ...model.variants.map((v) => v.id), ...model.areas.map((a) => a.id)];
  const rows = model.rows.map((r) => [r.rank, r.rankLabel.startsWith('=') ? 'yes' : 'no', r.country, r.name, r.year, ...r.variants.map((v) => v.display), ...r.areas.map((a) => a.display)]);
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

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
