/**
 * Generates Markdown reference pages from the code itself: the file formats (from the zod
 * schemas), the diagnostic codes (from the code table) and rubric pages (from a loaded rubric);
 * the CLI reference is made by `cli-reference.ts`. Used by `npm run docs`.
 *
 * @module
 */
import * as z from 'zod/mini';
import { ANSWER_FIELDS, SET_FIELDS } from '../../src/tables/fields.js';
import { tableMappingSchemaModel } from '../../src/tables/mapping.js';
import { peerGroupSchemaModel } from '../../src/units/peers.js';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../src/diagnostics/codes.js';
import * as rs from '../../src/rubric/schema.js';
import * as as from '../../src/answers/schema.js';
import type { GroupNode, QuestionNode, Rubric, RubricNode } from '../../src/rubric/types.js';

type Json = Record<string, unknown>;

/** Prose for Markdown: `<` `>` outside code spans as entities, so words like `<title>` stay words. */
const prose = (s: string) =>
  s
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');

/**
 * Text for a Markdown table cell: `|` escaped, one line, and `<` `>` outside code spans written as
 * entities (typedoc passes HTML through, and a word like `<title>` in prose would swallow the page).
 */
const esc = (s: string) =>
  prose(s)
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

/** A heading anchor as typedoc makes it from the heading text. */
export function headingAnchor(title: string): string {
  return (title.trim().replace(/[\u2000-\u206F\u2E00-\u2E7F\\'!"#$%&()*+,./:;<=>?@[\]^`{|}~]/g, '').replace(/\s/g, '-').replace(/--+/, '-') || '_').toLowerCase();
}

interface ZodDef {
  type: string;
  innerType?: z.core.$ZodType;
  defaultValue?: unknown;
  getter?: () => z.core.$ZodType;
  in?: z.core.$ZodType;
  out?: z.core.$ZodType;
  values?: unknown[];
  entries?: Record<string, unknown>;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  shape?: Record<string, z.core.$ZodType>;
  checks?: { _zod: { def: Json } }[];
}
const defOf = (s: z.core.$ZodType) => (s as unknown as { _zod: { def: ZodDef } })._zod.def;
const metaOf = (s: z.core.$ZodType) => (z.globalRegistry.get(s) ?? {}) as { title?: string; description?: string };
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The schema under optional/default/lazy/pipe wrappers, with the default value met on the way. */
function unwrap(s: z.core.$ZodType): { inner: z.core.$ZodType; default?: unknown; optional: boolean } {
  let cur = s;
  let dflt: unknown;
  let optional = false;
  for (let i = 0; i < 20; i++) {
    const d = defOf(cur);
    if (d.type === 'default' || d.type === 'prefault') dflt ??= d.defaultValue;
    if (d.type === 'optional' || d.type === 'default' || d.type === 'prefault') optional = true;
    if (WRAPPERS.has(d.type) && d.innerType) cur = d.innerType;
    else if (d.type === 'lazy' && d.getter) cur = d.getter();
    else if (d.type === 'pipe' && d.in && d.out) cur = defOf(d.in).type === 'transform' ? d.out : d.in;
    else break;
  }
  return { inner: cur, default: dflt, optional };
}

/** Named object types of the format reference, by schema object and by schema title. */
export interface TypeNames {
  bySchema: Map<z.core.$ZodType, string>;
  byTitle: Map<string, string>;
}

/** Sections created for unnamed object types met while describing a table's fields. */
interface Pending {
  title: string;
  schema: z.core.$ZodType;
}

interface DescribeContext {
  names: TypeNames;
  owner: string;
  field: string;
  pending: Pending[];
}

const literal = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;

function nameOf(s: z.core.$ZodType, names: TypeNames): string | undefined {
  const named = names.bySchema.get(s);
  if (named) return named;
  const title = metaOf(s).title;
  return title ? names.byTitle.get(title) : undefined;
}

function describeType(s: z.core.$ZodType, ctx: DescribeContext, suffix = ''): string {
  const named = nameOf(s, ctx.names);
  if (named) return `[${named}](#${headingAnchor(named)})`;
  const { inner } = unwrap(s);
  if (inner !== s) return describeType(inner, ctx, suffix);
  const d = defOf(s);
  switch (d.type) {
    case 'string':
      return 'string';
    case 'number': {
      // An integer is a number with an integer format: on the schema (z.int()) or on one of its checks.
      const formats = [(d as { format?: unknown }).format, ...(d.checks ?? []).map((c) => c._zod.def.format)];
      const isInt = formats.some((f) => String(f ?? '').includes('int'));
      return isInt ? 'integer' : 'number';
    }
    case 'boolean':
      return 'boolean';
    case 'literal':
      return (d.values ?? []).map(literal).join(' \\| ');
    case 'enum':
      return Object.values(d.entries ?? {}).map(literal).join(' \\| ');
    case 'array': {
      const item = describeType(d.element!, ctx, suffix);
      return `list of ${defOf(unwrap(d.element!).inner).type === 'union' ? `(${item})` : item}`;
    }
    case 'record': {
      const value = describeType(d.valueType!, ctx, suffix);
      return `map of ${defOf(unwrap(d.valueType!).inner).type === 'union' ? `(${value})` : value}`;
    }
    case 'union': {
      const parts = d.options!.map((o) => {
        const disc = discriminatorOf(o);
        return describeType(o, ctx, disc ? `${suffix} (${disc})` : suffix);
      });
      return [...new Set(parts)].join(' \\| ');
    }
    case 'object': {
      const shape = d.shape ?? {};
      const keys = Object.keys(shape);
      if (keys.length <= 3) {
        return `{ ${keys.map((k) => `${k}${unwrap(shape[k]!).optional ? '?' : ''}: ${describeType(shape[k]!, { ...ctx, field: `${ctx.field} ${k}` })}`).join(', ')} }`;
      }
      const title = `${ctx.owner}: ${ctx.field}${suffix}`;
      if (!ctx.pending.some((p) => p.title === title)) ctx.pending.push({ title, schema: s });
      return `[${title}](#${headingAnchor(title)})`;
    }
    default:
      return 'any';
  }
}

/** `format long` for an object member of a union whose `format` (or `method`, `kind`) is a literal. */
function discriminatorOf(s: z.core.$ZodType): string {
  const d = defOf(unwrap(s).inner);
  if (d.type !== 'object') return '';
  for (const key of ['format', 'method', 'kind', 'type']) {
    const f = d.shape?.[key];
    if (f && defOf(f).type === "literal") return `${key}: ${String(defOf(f).values![0])}`;
  }
  return '';
}

function constraints(node: Json): string {
  const out: string[] = [];
  if (node.pattern) out.push(`pattern \`${String(node.pattern)}\``);
  if (node.minimum !== undefined) out.push(`≥ ${String(node.minimum)}`);
  if (node.exclusiveMinimum !== undefined) out.push(`> ${String(node.exclusiveMinimum)}`);
  if (node.maximum !== undefined) out.push(`≤ ${String(node.maximum)}`);
  if (node.minLength !== undefined && node.minLength !== 1) out.push(`length ≥ ${String(node.minLength)}`);
  if (node.minLength === 1) out.push('not empty');
  if (node.maxLength !== undefined) out.push(`length ≤ ${String(node.maxLength)}`);
  if (node.minItems !== undefined) out.push(`at least ${String(node.minItems)} item(s)`);
  return out.join(', ');
}

/** Options of {@link fieldsTable}. */
export interface FieldsTableOptions {
  /** Named object types: a field of one of these types links to its section. */
  names?: TypeNames;
  /** Type text for fields whose schema does not say (e.g. child lists checked node by node). */
  types?: Record<string, string>;
}

/** One section of the format reference: a table of the fields of one object schema. */
export function fieldsTable(title: string, schema: z.core.$ZodType, intro = '', example?: unknown, options: FieldsTableOptions = {}): string {
  const names = options.names ?? { bySchema: new Map(), byTitle: new Map() };
  const pending: Pending[] = [];
  const sections = [fieldsSection(title, schema, intro, example, names, options.types ?? {}, pending)];
  for (let i = 0; i < pending.length; i++) sections.push(fieldsSection(pending[i]!.title, pending[i]!.schema, '', undefined, names, {}, pending));
  return sections.join('\n\n');
}

function fieldsSection(title: string, schema: z.core.$ZodType, intro: string, example: unknown, names: TypeNames, types: Record<string, string>, pending: Pending[]): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', cycles: 'ref' }) as Json;
  const props = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  const shape = defOf(unwrap(schema).inner).shape ?? {};
  const lines = [`## ${title}`, ''];
  if (intro) lines.push(intro, '');
  lines.push('| field | type | default | description |', '|---|---|---|---|');
  for (const [name, field] of Object.entries(shape)) {
    const p = props[name] ?? {};
    const { default: dflt } = unwrap(field);
    const desc = metaOf(field).description ?? (typeof p.description === 'string' ? p.description : '');
    const described = /\(default:? ([^()]*(?:\([^()]*\)[^()]*)*)\)/.exec(desc)?.[1];
    const def = dflt !== undefined ? `\`${typeof dflt === 'string' ? dflt : JSON.stringify(dflt)}\`` : described ? esc(described) : '';
    const described0 = types[name] ?? describeType(field, { names, owner: title, field: name, pending });
    const type = described0 === 'any' && /^Not allowed/.test(desc) ? 'not allowed' : described0;
    const cons = constraints(p);
    const text = [required.has(name) ? '**Required.**' : '', desc, cons ? `Constraints: ${cons}.` : ''].filter(Boolean).join(' ');
    lines.push(`| \`${name}\` | ${type} | ${def} | ${esc(text)} |`);
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

const link = (title: string) => `[${title}](#${headingAnchor(title)})`;
const NODE_LIST = `list of (${link('Question')} \\| ${link('Composite indicator')})`;

/** The named object types of the rubric and answer-set formats, each with its own section. */
function formatTypeNames(): TypeNames {
  const bySchema = new Map<z.core.$ZodType, string>([
    [rs.includeSchema, 'Include'],
    [rs.questionSchema, 'Question'],
    [rs.optionSchema, 'Option'],
    [rs.bandSchema, 'Band'],
    [rs.choiceRuleSchema, 'Choice rule'],
    [rs.multipleScoringSchema, 'Multiple-choice scoring'],
    [rs.appliesWhenSchema, 'Applicability condition'],
    [rs.missingRuleSchema, 'Missing-data rule'],
    [rs.displaySchema, 'Display'],
    [rs.scaleSchema, 'Scale'],
    [rs.reportWordsSchema, 'Report words'],
    [rs.aggregationSchema, 'Aggregation'],
    [rs.decisionTableSchema, 'Decision table'],
    [rs.decisionRowSchema, 'Decision-table row'],
    [rs.variantSchema, 'Variant'],
    [as.answerEntrySchema, 'Answer'],
    [as.citationSchema, 'Citation'],
  ]);
  return { bySchema, byTitle: new Map([['MigrationRule', 'Migration rule']]) };
}

/** A section for a union type: one row per form it may take. */
function unionSection(title: string, schema: z.core.$ZodType, intro: string, names: TypeNames): string {
  const lines = [`## ${title}`, ''];
  if (intro) lines.push(intro, '');
  lines.push('| written as | meaning |', '|---|---|');
  const pending: Pending[] = [];
  const visit = (s: z.core.$ZodType) => {
    const inner = unwrap(s).inner;
    const d = defOf(inner);
    if (d.type === 'union' && !(inner !== schema && nameOf(inner, names))) {
      d.options!.forEach(visit);
      return;
    }
    const own = inner === schema ? undefined : nameOf(inner, names);
    const text = own ? link(own) : describeType(inner, { names, owner: title, field: 'form', pending });
    lines.push(`| ${text} | ${esc(metaOf(inner).description ?? (d.type === 'enum' ? 'A bare name.' : ''))} |`);
  };
  defOf(unwrap(schema).inner).options!.forEach(visit);
  return lines.join('\n');
}

/** The format reference page for rubrics and answer sets (plus extra sections, e.g. outcomes). */
export function formatReferencePage(extra: string[] = []): string {
  const names = formatTypeNames();
  const table = (title: string, schema: z.core.$ZodType, intro = '', example?: unknown, types?: Record<string, string>) => fieldsTable(title, schema, intro, example, { names, types });
  const parts = [
    '---\ntitle: Format reference\ngroup: Reference\n---',
    '# Format reference',
    'Generated from the schemas the loaders use, so it always matches the code. JSON Schema versions of the same definitions are in `schemas/` (see [Editor set-up](./guides/09-editor-setup.md)). A field marked **Required.** must be present; every other field may be left out, and then takes its default.',
    '# Rubric files',
    table('Rubric index file', rs.rubricHeaderSchema, 'The top of a rubric. `areas` holds areas inline or `{ include: path }` entries naming area files.', {
      schemaVersion: 1, id: 'my-index', version: '1.0.0', title: 'My index', scale: { min: 0, max: 100 }, areas: [{ include: 'areas/work.yaml' }],
    }, { areas: `list of (${link('Area')} \\| ${link('Include')})` }),
    table('Include', rs.includeSchema, 'An entry of `areas` that names an area file, relative to the index file.'),
    table('Area', z.strictObject(rs.areaShape), 'A policy area: either `dimensions` or `indicators`. An area file holds one area (it may also carry `$schema`).', undefined, { dimensions: `list of ${link('Dimension')}`, indicators: NODE_LIST }),
    table('Dimension', z.strictObject(rs.dimensionShape), 'A group of indicators inside an area.', undefined, { indicators: NODE_LIST }),
    table('Composite indicator', z.strictObject(rs.compositeIndicatorShape), 'An indicator derived from its `questions` (which may themselves be composites). An indicator with a `type` is a question answered directly.', undefined, { questions: NODE_LIST }),
    table('Question', rs.questionSchema, 'A leaf: what an expert answers.', { id: 'local-vote', title: 'Local voting rights', type: 'yes-no', scores: { yes: 100, no: 0 } }),
    table('Option', rs.optionSchema),
    table('Band', rs.bandSchema, 'Score band of a number question or of a count of checked options. `min` and `max` are inclusive.'),
    unionSection('Multiple-choice scoring', rs.multipleScoringSchema, 'The `scoring` of a multiple-choice question: how its checked options give a score.', names),
    table('Choice rule', rs.choiceRuleSchema, 'Rule of a multiple-choice question scored with `method: rules`.'),
    table('Applicability condition', rs.appliesWhenSchema),
    table('Missing-data rule', rs.missingRuleSchema),
    table('Display', rs.displaySchema),
    table('Scale', rs.scaleSchema),
    table('Report words', rs.reportWordsSchema),
    unionSection('Aggregation', rs.aggregationSchema, 'The `aggregation` of an area, dimension, composite indicator or variant: a bare name, or an object with `method`.', names),
    table('Decision table', rs.decisionTableSchema, 'The object form of `aggregation` for decision tables.'),
    table('Decision-table row', rs.decisionRowSchema),
    table('Variant', rs.variantSchema),
    table('Migration rule', rs.migrationRuleSchema(), 'An entry of the rubric\'s `migrate` list (see [Editions](./guides/11-editions.md)).'),
    '# Answer sets',
    table('Answer set', as.answerSetHeaderSchema, 'One country (or sub-national unit) in one reference year. A country\'s history is a folder of such files, one per year.', {
      schemaVersion: 1, rubric: 'my-index@1.0.0', country: 'NL', year: 2024, answers: { 'local-vote': 'yes' },
    }, { answers: `map of (string \\| number \\| boolean \\| list of string \\| ${link('Answer')})` }),
    table('Answer', as.answerEntrySchema, 'The long form of an answer. The short form is the bare value: `local-vote: yes`.'),
    table('Citation', as.citationSchema),
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

/** What a diagnostic page shows as its example: an input with the real output, or why there is none. */
export type DiagnosticPageExample =
  | { note?: string; files: { name: string; text: string; utf16?: boolean }[]; command: string; language?: 'sh' | 'ts'; output: string }
  | { reason: string };

/**
 * The diagnostic reference: a parent page and one page per code. `examples` holds, per code,
 * a minimal input with the output the command line gives for it (see scripts/build-docs.ts).
 */
export function diagnosticPages(examples: ReadonlyMap<string, DiagnosticPageExample> = new Map()): { file: string; content: string }[] {
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
    'Every problem policy-index reports has a stable code. Each code has its own page: what it means, how to fix it, and a minimal input that triggers it with the message policy-index gives for it (produced by running the command line on that input when this site was built). This page is generated from the code table in the source.',
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
    const lines = ['---', `title: ${c}`, '---', '', `# ${c}`, '', `**Severity:** ${info.severity} · **About:** ${areaTitle[info.area]}`, '', '## What it means', '', prose(info.summary), '', '## How to fix it', '', prose(info.fix), ''];
    if (info.replacedBy !== undefined) lines.splice(8, 0, `**No longer reported:** this version reports [${info.replacedBy}](./${info.replacedBy}.md) instead.`, '');
    const ex = examples.get(c);
    if (ex && 'reason' in ex) lines.push("## Example", "", `No example is shown. ${prose(ex.reason)}`, "");
    else if (ex) {
      lines.push('## Example', '');
      if (ex.note) lines.push(prose(ex.note), '');
      for (const f of ex.files) {
        const lang = /\.ya?ml$/.test(f.name) ? 'yaml' : 'text';
        lines.push(`\`${f.name}\`${f.utf16 ? ' (saved as UTF-16)' : ''}:`, '', '```' + lang, f.text.replace(/\n$/, ''), '```', '');
      }
      const ts = ex.language === 'ts';
      lines.push(ts ? 'Reading these files with the library:' : 'Running', '', '```' + (ts ? 'ts' : 'sh'), ex.command, '```', '', 'prints:', '', '```text', ex.output, '```', '');
    }
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

/** Options of {@link rubricPage}. */
export interface RubricPageOptions {
  /** Links to the rubric's own files (e.g. copies of its YAML in the site), shown near the top. */
  files?: readonly { name: string; href: string }[];
}

const SHARES_HEADING = 'Shares of the top score';

/** Why a node's static share of the top score is undefined, or undefined when it is defined. */
function shareGap(rubric: Rubric, node: RubricNode, shares: Map<string, number>): string | undefined {
  if (Number.isFinite(shares.get(node.id) ?? Number.NaN)) return undefined;
  const chain: RubricNode[] = [];
  for (let n: RubricNode | undefined = node; n && n.kind !== 'index'; n = n.parentId ? rubric.nodes.get(n.parentId) : undefined) chain.unshift(n);
  const area = chain[0];
  if (area && !shares.has(area.id)) return `its area is not in the default variant \`${rubric.defaultVariant}\``;
  for (let i = 0; i < chain.length - 1; i++) {
    const g = chain[i] as GroupNode;
    const a = g.aggregation;
    if (a.method !== 'mean' && a.method !== 'weighted-mean') return `\`${g.id}\` combines its parts by ${a.method === 'decision-table' ? 'a decision table' : a.method}, so what one part adds depends on the other answers`;
    if (a.over === 'indicators' && chain[i + 1]!.kind === 'dimension') {
      if (i + 1 === chain.length - 1) return `\`${g.id}\` averages over all its indicators, so this dimension is only a label and has no weight of its own`;
    }
  }
  return 'what it adds depends on the other answers';
}

function shareText(rubric: Rubric, node: RubricNode, shares: Map<string, number>): string {
  const gap = shareGap(rubric, node, shares);
  return gap ? `[—](#${headingAnchor(SHARES_HEADING)}) (${gap})` : pct(shares.get(node.id)!);
}

/** One page describing a rubric: tree, questions, options, weights, decision tables, variants. */
export function rubricPage(rubric: Rubric, group = 'Rubrics', options: RubricPageOptions = {}): string {
  const shares = staticShares(rubric);
  const lines: string[] = ['---', `title: "Rubric: ${rubric.id}"`, `group: ${group}`, '---', '', `# ${rubric.title}`, ''];
  lines.push(`\`${rubric.id}@${rubric.version}\` · scale ${rubric.scale.min}–${rubric.scale.max} · display ${rubric.display.precision} decimal(s), rounding ${rubric.display.rounding} · missing data: ${rubric.missing.policy}${rubric.missing.minShare ? `, minimum share ${rubric.missing.minShare}` : ''}`, '');
  if (rubric.description) lines.push(prose(rubric.description), '');
  if (rubric.citation) lines.push(`**Cite as:** ${prose(rubric.citation)}`, '');
  if (options.files?.length) lines.push(`**Rubric files (YAML):** ${options.files.map((f) => `<a href="${f.href}">${f.name}</a>`).join(' · ')}`, '');
  const areaName = (id: string) => {
    const a = rubric.nodes.get(id);
    return a ? `\`${id}\` ${esc(a.title)}` : `\`${id}\``;
  };
  lines.push('## Variants', '', '| variant | areas | missing data |', '|---|---|---|');
  for (const v of rubric.variants) lines.push(`| \`${v.id}\`${v.default ? ' (default)' : ''} — ${esc(v.title)} | ${v.areas.map(areaName).join('; ')} | ${v.missing.policy} |`);
  lines.push('', `## ${SHARES_HEADING}`, '');
  lines.push(
    `Each node below states its share of the top score of the default variant \`${rubric.defaultVariant}\` with every question answered: the product of its normalised weights on the way up. The share is a fixed number only where every node above it is a mean or weighted mean. It is shown as **—** (undefined) where it depends on the answers: below a geometric mean, minimum, maximum or decision table (where what one part adds depends on the others), for a dimension of a node that averages over all its indicators (the dimension is then only a label), and in areas outside the default variant.`,
    '',
  );
  lines.push('## Tree', '', '```text');
  const tree = (n: RubricNode, depth: number) => {
    const agg = n.kind === 'question' ? n.type : (n as GroupNode).aggregation.method;
    lines.push(`${'  '.repeat(depth)}${n.id}  ${n.title}  [${agg}]`);
    n.children.forEach((c) => tree(c, depth + 1));
  };
  rubric.root.children.forEach((a) => tree(a, 0));
  lines.push('```', '');
  for (const area of rubric.root.children) {
    lines.push(`## ${area.id} — ${area.title}`, '');
    if (area.description) lines.push(prose(area.description), '');
    lines.push(`Aggregation: **${describeAgg(area as GroupNode)}**. Share of the top score: ${shareText(rubric, area, shares)}.`, '');
    const visit = (n: RubricNode, depth: number) => {
      const h = '#'.repeat(Math.min(6, 3 + depth));
      if (n.kind === 'question') {
        for (const item of questionSection(rubric, n, h, shares)) lines.push(item);
        return;
      }
      const g = n as GroupNode;
      lines.push(`${h} ${g.id} — ${g.title}`, '');
      if (g.description) lines.push(prose(g.description), '');
      lines.push(`${g.kind === 'dimension' ? 'Dimension' : 'Composite indicator'}; aggregation: **${describeAgg(g)}**; weight ${g.weight}; share of the top score: ${shareText(rubric, g, shares)}.${g.aliases.length ? ` Also known as ${g.aliases.map((a) => `\`${a}\``).join(', ')}.` : ''}`, '');
      if (g.aggregation.method === 'decision-table') {
        for (const item of decisionTable(rubric, g)) lines.push(item);
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

function questionSection(rubric: Rubric, q: QuestionNode, h: string, shares: Map<string, number>): string[] {
  const lines = [`${h} ${q.id} — ${q.title}`, ''];
  if (q.text) lines.push(`> ${esc(q.text)}`, '');
  if (q.description) lines.push(prose(q.description), '');
  const meta = [`${q.type} question`, `weight ${q.weight}`, `share of the top score: ${shareText(rubric, q, shares)}`];
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

/** A decision-table condition in words: option labels where the input is a question with options. */
function conditionText(input: RubricNode | undefined, c: string | number): string {
  if (c === 'missing') return '*missing*';
  const q = input && input.kind === 'question' ? (input as QuestionNode) : undefined;
  if (q && q.options.length) {
    const hits = typeof c === 'number' ? q.options.filter((o) => o.score === c) : q.options.filter((o) => o.id === c);
    if (hits.length) return hits.map((o) => `${esc(o.label)} (${typeof c === 'number' ? c : `\`${o.id}\``})`).join(' / ');
  }
  if (typeof c === 'string') return `\`${esc(c)}\``;
  return input && input.kind !== 'question' ? `score ${c}` : String(c);
}

function decisionTable(rubric: Rubric, g: GroupNode): string[] {
  if (g.aggregation.method !== 'decision-table') return [];
  const agg = g.aggregation;
  const inputs = agg.inputs.map((id) => rubric.nodes.get(id));
  const lines = [`| row | ${agg.inputs.map((i, k) => `\`${i}\`${inputs[k] ? ` ${esc(inputs[k]!.title)}` : ''}`).join(' | ')} | score |`, `|---|${agg.inputs.map(() => '---').join('|')}|---|`];
  agg.rows.forEach((row, i) => {
    const cells = agg.inputs.map((id, k) => {
      const c = row.when[id];
      if (c === undefined || c === '*') return 'any';
      return (Array.isArray(c) ? c : [c]).map((x) => conditionText(inputs[k], x as string | number)).join(' or ');
    });
    lines.push(`| ${i + 1}${row.label ? ` (${esc(row.label)})` : ''} | ${cells.join(' | ')} | ${row.score} |`);
  });
  if (agg.default !== undefined) lines.push(`| default | ${agg.inputs.map(() => 'any').join(' | ')} | ${agg.default} |`);
  return ['Decision table (first matching row wins; each condition names the answers it matches, with their scores; *any* matches every answer):', '', ...lines];
}
