/**
 * Markdown renderings of a scorecard and of the index page. Text from rubrics and answer sets
 * is escaped so it can neither break a table nor inject HTML.
 *
 * @module
 */
import { escapeMarkdown as m, safeUrl } from './escape.js';
import type { IndexModel, NodeCard, Scorecard } from './model.js';

const dash = '—';
const show = (s: string | null | undefined) => (s === null || s === undefined ? dash : s);

function table(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const sep = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function url(u: string | undefined): string {
  const s = safeUrl(u);
  // Parentheses, brackets, angle brackets, backslashes and white space would end or change a Markdown link target.
  return s ? s.replace(/[()<>[\]\\\s]/g, (c) => (c.charCodeAt(0) < 0x80 ? '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0') : encodeURIComponent(c))) : '';
}

function evidence(n: NodeCard): string {
  const e = n.answer?.evidence;
  if (!e) return '';
  const parts: string[] = [];
  for (const c of e.citations) {
    const text = m([c.act, c.article].filter(Boolean).join(', ') || c.url || '');
    const link = url(c.url);
    parts.push(link ? `[${text}](${link})` : text);
    if (c.note) parts.push(m(c.note));
  }
  if (e.comment) parts.push(m(e.comment));
  if (e.status) parts.push(`*${m(e.status)}*`);
  return parts.join('; ');
}

function rows(nodes: readonly NodeCard[], depth: number, out: string[][]): void {
  let lastDim: string | undefined;
  for (const n of nodes) {
    if (n.dimension !== undefined && n.dimension !== lastDim && depth === 0) out.push([`**${m(n.dimension)}**`, '', '', '']);
    lastDim = n.dimension;
    const indent = depth > 0 ? '↳ '.repeat(depth) : '';
    const score = n.status === 'scored' ? (n.display ?? dash) : n.status === 'not-applicable' ? 'n/a' : dash;
    if (n.children.length) {
      out.push([`${indent}**${m(n.title)}**`, n.derivation ? `*${m(n.derivation.text)}*` : '', score, '']);
      rows(n.children, depth + 1, out);
    } else {
      const a = n.answer;
      const label = !a ? dash : a.status === 'answered' ? m(a.label) : `*${m(a.label)}*`;
      out.push([`${indent}${m(n.title)}`, label, score, evidence(n)]);
    }
  }
}

/**
 * Renders a scorecard as Markdown.
 *
 * @example
 * ```ts
 * import { renderScorecardMarkdown } from 'policy-index';
 * declare const card: import('policy-index').Scorecard;
 * const md = renderScorecardMarkdown(card);
 * ```
 */
export function renderScorecardMarkdown(card: Scorecard): string {
  const out: string[] = [];
  out.push(`# ${m(card.country.name)} — policy scorecard ${card.year}`, '');
  out.push(`${m(card.rubric.title)} (${m(card.rubric.id)}@${m(card.rubric.version)}). Peer group: ${m(card.peers.label)}.`, '');
  out.push('## At a glance', '');
  const units = (n: number) => (n === 1 ? (card.rubric.unitNoun ?? 'country') : (card.rubric.unitNounPlural ?? 'countries'));
  const rank = (c: { rankLabel: string; of: number }) => `${c.rankLabel} of ${c.of} ${units(c.of)} in ${card.year}`;
  out.push(
    table(
      ['Measure', 'Score', 'Rank', 'Peer average', 'Difference'],
      card.overall.map((o) => [
        `${m(o.title)}${o.variant === card.measure?.variant ? ' (headline)' : o.default ? ' (default)' : ''}`,
        o.status === 'scored' ? show(o.display) : `not scored${o.reason ? `: ${m(o.reason)}` : ''}`,
        o.status === 'scored' ? rank(o.comparison) : dash,
        show(o.comparison.peer.display),
        show(o.comparison.differenceDisplay),
      ]),
      ['l', 'r', 'r', 'r', 'r'],
    ),
    '',
  );
  if (card.measure?.note) out.push(m(card.measure.note), '');
  out.push('## Scores by policy area', '');
  out.push(
    table(
      ['Area', 'Score', 'Rank', 'Peer average', 'Difference'],
      card.areas.map((a) => [m(a.node.title), a.node.status === 'scored' ? show(a.node.display) : dash, a.comparison.rank === null ? dash : rank(a.comparison), show(a.comparison.peer.display), show(a.comparison.differenceDisplay)]),
      ['l', 'r', 'r', 'r', 'r'],
    ),
    '',
  );
  out.push('## Strengths and weaknesses', '');
  const item = (d: Scorecard['strengths'][number]) => `- **${m(d.title)}**: ${d.display} against ${d.peerDisplay} (${d.differenceDisplay})`;
  out.push('Strengths:', '');
  for (const line of card.strengths.length ? card.strengths.map(item) : ['- none above the peer average']) out.push(line);
  out.push('');
  out.push('Weaknesses:', '');
  for (const line of card.weaknesses.length ? card.weaknesses.map(item) : ['- none below the peer average']) out.push(line);
  out.push('');
  if (card.trend) {
    out.push('## Trend', '', `${m(card.trend.variantTitle)}:`, '');
    out.push(table(['Year', m(card.country.name), 'Peer average'], card.trend.points.map((p) => [String(p.year), show(p.display), show(p.peer.display)]), ['l', 'r', 'r']), '');
  }
  const ch = card.change;
  if (ch) {
    out.push(`## Change since ${ch.fromYear}`, '');
    out.push(
      table(
        ['Area', String(ch.fromYear), String(ch.toYear), 'Change'],
        [...ch.variants.map((v) => [`**${m(v.title)}**`, show(v.fromDisplay), show(v.toDisplay), show(v.deltaDisplay)]), ...ch.areas.map((a) => [m(a.title), show(a.fromDisplay), show(a.toDisplay), show(a.deltaDisplay)])],
        ['l', 'r', 'r', 'r'],
      ),
      '',
    );
    if (ch.changes.length) {
      out.push(`Answers that changed, with their contribution to the overall score (${m(ch.variantTitle)}; sequential substitution in rubric order; contributions add up exactly):`, '');
      out.push(
        table(
          ['Area', 'Indicator', String(ch.fromYear), String(ch.toYear), 'Area change', 'Contribution to overall'],
          [...ch.changes.map((c) => [m(c.areaTitle), m(c.title), m(c.from.label), m(c.to.label), show(c.areaContributionDisplay), show(c.contributionDisplay)]), ['**Total**', '', '', '', '', `**${show(ch.totalContributionDisplay)}**`]],
          ['l', 'l', 'l', 'l', 'r', 'r'],
        ),
        '',
      );
    }
  }
  out.push('## Policy areas in detail', '');
  for (const a of card.areas) {
    const n = a.node;
    out.push(`### ${m(n.title)}: ${n.status === 'scored' ? n.display : n.status === 'not-applicable' ? 'n/a' : dash}`, '');
    if (n.derivation) out.push(m(n.derivation.text), '');
    const r: string[][] = [];
    rows(n.children, 0, r);
    out.push(table(['Indicator', 'Answer', 'Score', 'Evidence'], r, ['l', 'l', 'r', 'l']), '');
  }
  if (card.outcomes !== undefined) out.push('## Outcomes', '', '*Descriptive outcome indicators; they are not part of any policy score.*', '');
  if (card.outcomes === undefined) {
    // No outcome data attached: no outcomes section at all.
  } else if (card.outcomes.length) {
    out.push(
      table(
        ['Indicator', 'Year', 'Cohorts', 'Gap', 'Source'],
        card.outcomes.map((o) => [`${m(o.title)} (${m(o.unit)})`, String(o.year), o.cohorts.map((c) => `${m(c.label)}: ${c.value ?? dash}`).join('; '), o.gap?.value === null || !o.gap ? dash : String(o.gap.value), m(o.source.title ?? o.source.publisher ?? o.source.url ?? '')]),
      ),
      '',
    );
  } else out.push('No outcome data are attached to this scorecard.', '');
  out.push('---', '');
  out.push(`Answers: ${m(card.answerSet.file)}${card.answerSet.status ? ` (${m(card.answerSet.status)})` : ''}; ${card.answerSet.answered} of ${card.answerSet.questions} questions answered.`);
  if (card.rubric.citation) out.push('', `Methodology: ${m(card.rubric.citation)}`);
  if (card.generatedAt) out.push('', `Generated ${m(card.generatedAt)}.`);
  return out.join('\n') + '\n';
}

/**
 * Renders the index (ranking of all countries) as Markdown.
 *
 * @example
 * ```ts
 * import { renderIndexMarkdown } from 'policy-index';
 * declare const model: import('policy-index').IndexModel;
 * const md = renderIndexMarkdown(model);
 * ```
 */
export function renderIndexMarkdown(model: IndexModel): string {
  const vi = model.variants.findIndex((v) => v.id === model.variant);
  const others = model.variants.filter((v) => v.id !== model.variant);
  const header = ['Rank', (model.rubric.unitNoun ?? 'country').replace(/^./, (c) => c.toUpperCase()), m(model.variantTitle), ...others.map((v) => m(v.title)), ...model.areas.map((a) => m(a.title))];
  const row = (r: IndexModel['rows'][number]) => [
    r.rankLabel,
    `[${m(r.name)}](${url(r.href.replace(/\.html$/, '.md'))})`,
    show(r.variants[vi]?.display),
    ...r.variants.filter((_, i) => i !== vi).map((v) => show(v.display)),
    ...r.areas.map((a) => show(a.display)),
  ];
  const out = [`# ${m(model.rubric.title)} — ranking ${model.year}`, '', table(header, model.rows.map(row), header.map((_, i) => (i === 1 ? 'l' : 'r'))), ''];
  if (model.others.length) out.push(`Not assessed in ${model.year} (links to the latest scorecard):`, '', ...model.others.map((r) => `- [${m(r.name)}](${url(r.href.replace(/\.html$/, '.md'))}) (${r.year})`), '');
  return out.join('\n');
}
