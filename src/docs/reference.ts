/**
 * Generates Markdown reference pages from the code itself: the file formats (from the zod
 * schemas), the diagnostic codes (from the code table), rubric pages (from a loaded rubric) and
 * the CLI reference (from the commands' help). Used by `npm run docs`.
 *
 * @module
 */
import { z } from 'zod';
import { ANSWER_FIELDS, SET_FIELDS } from '../tables/fields.js';
import { tableMappingSchemaModel } from '../tables/mapping.js';
import { peerGroupSchemaModel } from '../source/peers.js';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../diagnostics/codes.js';
import * as rs from '../rubric/schema.js';
import * as as from '../answers/schema.js';
import type { GroupNode, QuestionNode, Rubric, RubricNode } from '../rubric/types.js';

type Json = Record<string, unknown>;

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeOf(node: Json | undefined, names: Map<string, string>): string {
  if (!node) return 'any';
  if (typeof node.$ref === 'string') return names.get(node.$ref) ?? 'object';
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (Array.isArray(node.enum)) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  const alts = (node.anyOf ?? node.oneOf) as Json[] | undefined;
  if (alts) return alts.map((a) => typeOf(a, names)).join(' \\| ');
  if (node.type === 'array') return `list of ${typeOf(node.items as Json, names)}`;
  if (node.type === 'object') {
    if (node.additionalProperties && typeof node.additionalProperties === 'object' && !node.properties) return `map of ${typeOf(node.additionalProperties as Json, names)}`;
    return typeof node.title === 'string' ? String(node.title) : 'object';
  }
  if (node.type === 'integer') return 'integer';
  if (typeof node.type === 'string') return node.type;
  return 'any';
}

function constraints(node: Json): string {
  const out: string[] = [];
  if (node.pattern) out.push(`pattern \`${String(node.pattern)}\``);
  if (node.minimum !== undefined) out.push(`≥ ${String(node.minimum)}`);
  if (node.maximum !== undefined) out.push(`≤ ${String(node.maximum)}`);
  if (node.minLength !== undefined && node.minLength !== 1) out.push(`length ≥ ${String(node.minLength)}`);
  if (node.minLength === 1) out.push('not empty');
  if (node.maxLength !== undefined) out.push(`length ≤ ${String(node.maxLength)}`);
  if (node.minItems !== undefined) out.push(`at least ${String(node.minItems)} item(s)`);
  return out.join(', ');
}

/** One section of the format reference: a table of the fields of one object schema. */
export function fieldsTable(title: string, schema: z.ZodType, intro = '', example?: unknown): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', cycles: 'ref' }) as Json;
  const props = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  const names = new Map<string, string>();
  const lines = [`## ${title}`, ''];
  if (intro) lines.push(intro, '');
  lines.push('| field | type | required | default | constraints | description |', '|---|---|---|---|---|---|');
  for (const [name, p] of Object.entries(props)) {
    const desc = typeof p.description === 'string' ? p.description : '';
    const def = p.default !== undefined ? `\`${JSON.stringify(p.default)}\`` : '';
    lines.push(`| \`${name}\` | ${typeOf(p, names)} | ${required.has(name) ? 'yes' : ''} | ${def} | ${esc(constraints(p))} | ${esc(desc)} |`);
  }
  const ex = example ?? (Array.isArray(json.examples) ? json.examples[0] : undefined);
  if (ex !== undefined) lines.push('', 'Example:', '', '```yaml', toYaml(ex), '```');
  return lines.join('\n');
}

function toYaml(v: unknown, indent = ''): string {
  if (v === null || typeof v !== 'object') return `${indent}${JSON.stringify(v)}`;
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === 'object' ? `${indent}-\n${toYaml(x, indent + '  ')}` : `${indent}- ${JSON.stringify(x)}`)).join('\n');
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => (x !== null && typeof x === 'object' ? `${indent}${k}:\n${toYaml(x, indent + '  ')}` : `${indent}${k}: ${JSON.stringify(x)}`))
    .join('\n');
}

/** The format reference page for rubrics and answer sets (plus extra sections, e.g. outcomes). */
export function formatReferencePage(extra: string[] = []): string {
  const parts = [
    '---\ntitle: Format reference\ngroup: Reference\n---',
    '# Format reference',
    'Generated from the schemas the loaders use, so it always matches the code. JSON Schema versions of the same definitions are in `schemas/` (see [Editor set-up](../guides/09-editor-setup.md)).',
    '# Rubric files',
    fieldsTable('Rubric index file', rs.rubricHeaderSchema, 'The top of a rubric. `areas` holds areas inline or `{ include: path }` entries naming area files.', {
      schemaVersion: 1, id: 'my-index', version: '1.0.0', title: 'My index', scale: { min: 0, max: 100 }, areas: [{ include: 'areas/work.yaml' }],
    }),
    fieldsTable('Include', rs.includeSchema, 'An entry of `areas` that names an area file, relative to the index file.'),
    fieldsTable('Area', z.strictObject(rs.areaShape), 'A policy area: either `dimensions` or `indicators`. An area file holds one area (it may also carry `$schema`).'),
    fieldsTable('Dimension', z.strictObject(rs.dimensionShape), 'A group of indicators inside an area.'),
    fieldsTable('Composite indicator', z.strictObject(rs.compositeIndicatorShape), 'An indicator derived from its `questions` (which may themselves be composites). An indicator with a `type` is a question answered directly.'),
    fieldsTable('Question', rs.questionSchema, 'A leaf: what an expert answers.', { id: 'local-vote', title: 'Local voting rights', type: 'yes-no', scores: { yes: 100, no: 0 } }),
    fieldsTable('Option', rs.optionSchema),
    fieldsTable('Band', rs.bandSchema, 'Score band of a number question or of a count of checked options. `min` and `max` are inclusive.'),
    fieldsTable('Choice rule', rs.choiceRuleSchema, 'Rule of a multiple-choice question scored with `method: rules`.'),
    fieldsTable('Applicability condition', rs.appliesWhenSchema),
    fieldsTable('Missing-data rule', rs.missingRuleSchema),
    fieldsTable('Display', rs.displaySchema),
    fieldsTable('Scale', rs.scaleSchema),
    fieldsTable('Decision table', rs.decisionTableSchema, 'The object form of `aggregation` for decision tables. Other aggregations are written as a bare name (`mean`, `weighted-mean`, `geometric-mean`, `minimum`, `maximum`) or `{ method: mean, over: indicators }`.'),
    fieldsTable('Decision-table row', rs.decisionRowSchema),
    fieldsTable('Variant', rs.variantSchema),
    '# Answer sets',
    fieldsTable('Answer set', as.answerSetHeaderSchema, 'One country (or sub-national unit) in one reference year. A country\'s history is a folder of such files, one per year.', {
      schemaVersion: 1, rubric: 'my-index@1.0.0', country: 'NL', year: 2024, answers: { 'local-vote': 'yes' },
    }),
    fieldsTable('Answer', as.answerEntrySchema, 'The long form of an answer. The short form is the bare value: `local-vote: yes`.'),
    fieldsTable('Citation', as.citationSchema),
    ...answerTableReference(),
    ...extra,
  ];
  return parts.join('\n\n') + '\n';
}

/** The answer-table layouts, the mapping file and the peer-group file. */
function answerTableReference(): string[] {
  const answerColumns = ANSWER_FIELDS.map((f) => `\`<question>.${f.name}\`${f.aliases.length ? ` (also \`.${f.aliases.join('`, `.')}\`)` : ''}`).join(', ');
  return [
    '# Answer tables',
    [
      '`policy-index import-table` reads answer sets from CSV or .xlsx tables and `export-table` writes them. Two layouts:',
      '',
      '- **Wide**: a header row `country,year,<question id>…` and one row per country and year. Besides a column per question (its id or an alias) a row may carry',
      `  the answer's evidence in ${answerColumns} (citations as a JSON list, a single citation as plain text),`,
      '  regional answers in `<question>@<region code>` (the answer cell then stays empty),',
      `  answer-set fields in ${SET_FIELDS.map((f) => `\`${f.name}\``).join(', ')}, and free metadata in \`metadata.<key>\`.`,
      '- **Long**: one row per answer, with the columns `country`, `year`, `question`, `answer`, optionally `region`, and the evidence columns',
      `  ${ANSWER_FIELDS.map((f) => `\`${f.name}\``).join(', ')}. A questionnaire written by \`policy-index questionnaire\` is a long table per area sheet; its \`About\` sheet names the country and year.`,
      '',
      'Countries may be written as ISO 3166-1 alpha-2, alpha-3 or numeric codes, agency codes (Eurostat `EL`, `UK`; World Bank `KSV`, `ROM`, `TMP`, `WBG`, `ZAR` …) or English names; an unknown or ambiguous code is an error, never a guess.',
      '',
      'Cells hold option ids or option labels (case-insensitive), for yes/no questions `Yes`/`No`, `Y`/`N`, `1`/`0`, `true`/`false`, numbers for number questions, and for multiple-choice questions the options separated by `;` (`[]` for none). An empty cell is `unknown`; `n/a` is `not-applicable`; a cell holding only `-` leaves the question out of the answer set. Any other value is an error naming its cell (`Sheet!C14`, or `file:line:column` for CSV) with the closest option as a suggestion.',
      '',
      'The header row is the first of the first 30 rows with a `country` column (or `question` and `answer` columns); `--header-row` and `--sheet` choose it explicitly.',
    ].join('\n'),
    fieldsTable('Mapping file', tableMappingSchemaModel(), 'Renames the columns and values of a table made elsewhere (`import-table --mapping <file>`).', {
      schemaVersion: 1, columns: { Land: 'country', Jahr: 'year', 'Wahlrecht (lokal)': 'local-vote' }, values: { 'local-vote': { Ja: 'yes', Nein: 'no' } },
    }),
    fieldsTable('Peer-group file', peerGroupSchemaModel(), 'A named group of countries for `--peers <file>`. Members are country codes in any accepted form, or `{ id, title }`.', {
      schemaVersion: 1, id: 'nordic', title: 'Nordic countries', members: ['DK', 'FI', 'IS', 'NO', 'SE'],
    }),
  ];
}

/** File-name-safe slug of a diagnostic code page. */
export function diagnosticDocTitle(code: DiagnosticCode): string {
  return code;
}

/** The diagnostic reference: a parent page and one page per code. */
export function diagnosticPages(): { file: string; content: string }[] {
  const codes = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];
  const areas = ['yaml', 'rubric', 'answers', 'scoring', 'outcomes', 'import', 'cli'] as const;
  const areaTitle: Record<string, string> = { yaml: 'Files and YAML', rubric: 'Rubrics', answers: 'Answer sets', scoring: 'Scoring', outcomes: 'Outcome data', import: 'Workbook import', cli: 'Command line' };
  const parent = [
    '---',
    'title: Diagnostic reference',
    'group: Reference',
    'children:',
    ...codes.map((c) => `  - ./diagnostics/${c}.md`),
    '---',
    '',
    '# Diagnostic reference',
    '',
    'Every problem policy-index reports has a stable code. Each code has its own page: what it means, a minimal input that triggers it, and how to fix it. This page is generated from the code table in the source.',
    '',
  ];
  for (const area of areas) {
    const list = codes.filter((c) => DIAGNOSTIC_CODES[c].area === area);
    if (!list.length) continue;
    parent.push(`## ${areaTitle[area]}`, '', '| code | severity | meaning |', '|---|---|---|');
    for (const c of list) parent.push(`| [${c}](./diagnostics/${c}.md) | ${DIAGNOSTIC_CODES[c].severity} | ${esc(DIAGNOSTIC_CODES[c].summary)} |`);
    parent.push('');
  }
  const pages = [{ file: 'diagnostics.md', content: parent.join('\n') }];
  for (const c of codes) {
    const info = DIAGNOSTIC_CODES[c];
    const lines = ['---', `title: ${c}`, '---', '', `# ${c}`, '', `**Severity:** ${info.severity} · **About:** ${areaTitle[info.area]}`, '', '## What it means', '', info.summary, '', '## How to fix it', '', info.fix, ''];
    if (info.example) lines.push('## Minimal example', '', `This ${info.area === 'answers' ? 'answer set' : 'file'} triggers \`${c}\`:`, '', '```yaml', info.example, '```', '');
    lines.push('[All diagnostic codes](../diagnostics.md)', '');
    pages.push({ file: `diagnostics/${c}.md`, content: lines.join('\n') });
  }
  return pages;
}

function pct(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const v = x * 100;
  return `${v.toFixed(v >= 10 ? 1 : 2)}%`;
}

/** Static shares of the top score: product of normalised weights along the path, for linear aggregations. */
export function staticShares(rubric: Rubric, variantId = rubric.defaultVariant): Map<string, number> {
  const shares = new Map<string, number>();
  const variant = rubric.variants.find((v) => v.id === variantId) ?? rubric.variants[0]!;
  const areaNodes = variant.areas.map((id) => rubric.nodes.get(id)!).filter(Boolean);
  const linear = (m: string) => m === 'mean' || m === 'weighted-mean';
  const walk = (n: RubricNode, share: number) => {
    shares.set(n.id, share);
    if (n.kind === 'question') return;
    const g = n as GroupNode;
    const agg = g.aggregation;
    if (!linear(agg.method)) {
      const visit = (c: RubricNode) => {
        shares.set(c.id, Number.NaN);
        c.children.forEach(visit);
      };
      g.children.forEach(visit);
      return;
    }
    const over = 'over' in agg && agg.over === 'indicators';
    const parts: RubricNode[] = [];
    const collect = (c: RubricNode) => (over && c.kind === 'dimension' ? c.children.forEach(collect) : parts.push(c));
    g.children.forEach(collect);
    const weighted = agg.method === 'weighted-mean';
    const total = parts.reduce((s, c) => s + (weighted ? c.weight : 1), 0);
    if (over) for (const d of g.children) if (d.kind === 'dimension') shares.set(d.id, Number.NaN);
    for (const c of parts) walk(c, share * ((weighted ? c.weight : 1) / total));
  };
  const vw = variant.aggregation.method === 'weighted-mean';
  const vt = areaNodes.reduce((s, a) => s + (vw ? a.weight : 1), 0);
  for (const a of areaNodes) walk(a, (vw ? a.weight : 1) / vt);
  return shares;
}

/** One page describing a rubric: tree, questions, options, weights, decision tables, variants. */
export function rubricPage(rubric: Rubric, group = 'Rubrics'): string {
  const shares = staticShares(rubric);
  const lines: string[] = ['---', `title: "Rubric: ${rubric.id}"`, `group: ${group}`, '---', '', `# ${rubric.title}`, ''];
  lines.push(`\`${rubric.id}@${rubric.version}\` · scale ${rubric.scale.min}–${rubric.scale.max} · display ${rubric.display.precision} decimal(s), rounding ${rubric.display.rounding} · missing data: ${rubric.missing.policy}${rubric.missing.minShare ? `, minimum share ${rubric.missing.minShare}` : ''}`, '');
  if (rubric.description) lines.push(rubric.description, '');
  if (rubric.citation) lines.push(`**Cite as:** ${rubric.citation}`, '');
  lines.push('## Variants', '', '| variant | areas | missing data |', '|---|---|---|');
  for (const v of rubric.variants) lines.push(`| \`${v.id}\`${v.default ? ' (default)' : ''} — ${esc(v.title)} | ${v.areas.join(', ')} | ${v.missing.policy} |`);
  lines.push('', `Shares of the top score below are for the default variant \`${rubric.defaultVariant}\`, with every question answered.`, '');
  lines.push('## Tree', '', '```');
  const tree = (n: RubricNode, depth: number) => {
    const agg = n.kind === 'question' ? n.type : (n as GroupNode).aggregation.method;
    lines.push(`${'  '.repeat(depth)}${n.id}  ${n.title}  [${agg}]`);
    n.children.forEach((c) => tree(c, depth + 1));
  };
  rubric.root.children.forEach((a) => tree(a, 0));
  lines.push('```', '');
  for (const area of rubric.root.children) {
    lines.push(`## ${area.id} — ${area.title}`, '');
    if (area.description) lines.push(area.description, '');
    lines.push(`Aggregation: **${describeAgg(area as GroupNode)}**. Share of the top score: ${pct(shares.get(area.id) ?? Number.NaN)}.`, '');
    const visit = (n: RubricNode, depth: number) => {
      const h = '#'.repeat(Math.min(6, 3 + depth));
      if (n.kind === 'question') {
        for (const item of questionSection(n, h, shares)) lines.push(item);
        return;
      }
      const g = n as GroupNode;
      lines.push(`${h} ${g.id} — ${g.title}`, '');
      if (g.description) lines.push(g.description, '');
      lines.push(`${g.kind === 'dimension' ? 'Dimension' : 'Composite indicator'}; aggregation: **${describeAgg(g)}**; weight ${g.weight}; share of the top score: ${pct(shares.get(g.id) ?? Number.NaN)}.${g.aliases.length ? ` Also known as ${g.aliases.map((a) => `\`${a}\``).join(', ')}.` : ''}`, '');
      if (g.aggregation.method === 'decision-table') {
        for (const item of decisionTable(g)) lines.push(item);
        lines.push('');
      }
      g.children.forEach((c) => visit(c, depth + 1));
    };
    (area as GroupNode).children.forEach((c) => visit(c, 0));
  }
  return lines.join('\n') + '\n';
}

function describeAgg(g: GroupNode): string {
  const a = g.aggregation;
  if (a.method === 'mean' || a.method === 'weighted-mean') return `${a.method}${a.over === 'indicators' ? ' over all indicators' : ''}`;
  return a.method;
}

function questionSection(q: QuestionNode, h: string, shares: Map<string, number>): string[] {
  const lines = [`${h} ${q.id} — ${q.title}`, ''];
  if (q.text) lines.push(`> ${q.text}`, '');
  if (q.description) lines.push(q.description, '');
  const meta = [`${q.type} question`, `weight ${q.weight}`, `share of the top score: ${pct(shares.get(q.id) ?? Number.NaN)}`];
  if (q.dimension) meta.push(`dimension: ${q.dimension}`);
  if (q.aliases.length) meta.push(`also known as ${q.aliases.map((a) => `\`${a}\``).join(', ')}`);
  if (q.appliesWhen) meta.push(`applies when \`${q.appliesWhen.question}\` is ${q.appliesWhen.in.join(' or ')}`);
  lines.push(meta.join(' · ') + '.', '');
  if (q.type === 'number') {
    lines.push('| value | score |', '|---|---|');
    for (const b of q.bands ?? []) lines.push(`| ${b.label ? esc(b.label) + ' — ' : ''}${b.min ?? '…'} to ${b.max ?? '…'}${q.unit ? ' ' + q.unit : ''} | ${b.score} |`);
  } else {
    lines.push('| option | answer | score |', '|---|---|---|');
    for (const o of q.options) lines.push(`| \`${o.id}\` | ${esc(o.label)} | ${o.score} |`);
  }
  lines.push('');
  return lines;
}

function decisionTable(g: GroupNode): string[] {
  if (g.aggregation.method !== 'decision-table') return [];
  const agg = g.aggregation;
  const lines = [`| row | ${agg.inputs.map((i) => `\`${i}\``).join(' | ')} | score |`, `|---|${agg.inputs.map(() => '---').join('|')}|---|`];
  agg.rows.forEach((row, i) => {
    const cells = agg.inputs.map((id) => {
      const c = row.when[id];
      if (c === undefined || c === '*') return 'any';
      return Array.isArray(c) ? c.join(' or ') : String(c);
    });
    lines.push(`| ${i + 1}${row.label ? ` (${esc(row.label)})` : ''} | ${cells.join(' | ')} | ${row.score} |`);
  });
  if (agg.default !== undefined) lines.push(`| default | ${agg.inputs.map(() => 'any').join(' | ')} | ${agg.default} |`);
  return ['Decision table (first matching row wins; conditions are option scores or ids):', '', ...lines];
}

/** The CLI reference page from the commands' own help texts. */
export function cliReferencePage(mainHelp: string, commands: readonly { name: string; help: string }[]): string {
  const lines = ['---', 'title: CLI reference', 'group: Reference', '---', '', '# CLI reference', '', 'Generated from the commands\' own `--help` text.', '', '```', mainHelp, '```', ''];
  for (const c of commands) lines.push(`## ${c.name}`, '', '```', c.help, '```', '');
  return lines.join('\n');
}
