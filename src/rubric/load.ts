/**
 * Rubric text → checked, compiled {@link Rubric}. Browser-safe: included area files are
 * obtained through a `readFile` callback.
 *
 * @module
 */
import * as z from 'zod/mini';
import type { Diagnostic, PathSegment, Result } from '../diagnostics/index.js';
import { hasErrors } from '../diagnostics/index.js';
import { located, parseYamlSource, type SourceLocator } from '../source/yaml-source.js';
import { safeParse } from '../source/zod-schema.js';
import {
  aggregationSchema,
  areaFileShape,
  areaShape,
  compositeIndicatorShape,
  dimensionShape,
  includeSchema,
  missingRuleSchema,
  questionSchema,
  rubricHeaderSchema,
} from './schema.js';
import type {
  Aggregation,
  GroupNode,
  MissingRule,
  NodeKind,
  QuestionNode,
  RegionCombine,
  Rubric,
  RubricNode,
  RubricVariant,
} from './types.js';
import { zodIssuesToDiagnostics } from '../source/zod-diagnostics.js';
import { checkRubric } from './check.js';
import { recordNumberText } from './numbers.js';

/** Options for {@link loadRubric}. */
export interface LoadRubricOptions {
  /** Name of the index file, used in diagnostics and to resolve includes (default `rubric.yaml`). */
  file?: string;
  /**
   * Returns the text of an included file, given its path relative to the rubric folder
   * (already checked not to leave it), or `undefined` when it does not exist.
   */
  readFile?: (relativePath: string) => string | undefined;
}

type Ctx = {
  diagnostics: Diagnostic[];
  scaleMin: number;
  defaultMissing: MissingRule;
  regions: RegionCombine;
  frames: Map<RubricNode, Frame>;
};

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * Resolves an include path against the folder of the including file, refusing anything that
 * leaves the rubric folder. Returns the normalised path relative to the rubric folder.
 */
export function resolveIncludePath(fromDir: string, include: string): string | undefined {
  if (include.includes('\\') || include.includes('\0') || /^[A-Za-z]:/.test(include) || include.startsWith('/') || /^[a-z]+:\/\//i.test(include)) return undefined;
  const parts = (fromDir ? fromDir.split('/') : []).concat(include.split('/'));
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(p);
  }
  return out.length ? out.join('/') : undefined;
}

function normaliseAggregation(raw: z.infer<typeof aggregationSchema> | undefined, fallback: Aggregation): Aggregation {
  if (raw === undefined) return fallback;
  if (typeof raw === 'string') {
    if (raw === 'mean' || raw === 'weighted-mean') return { method: raw, over: 'children' };
    return { method: raw };
  }
  if (raw.method === 'mean' || raw.method === 'weighted-mean') return { method: raw.method, over: raw.over ?? 'children' };
  if (raw.method === 'sum') return raw.scale !== undefined ? { method: 'sum', scale: { min: raw.scale.min, max: raw.scale.max } } : { method: 'sum' };
  if (raw.method === 'decision-table') {
    return { method: 'decision-table', inputs: raw.inputs ?? [], rows: raw.rows, ...(raw.default !== undefined ? { default: raw.default } : {}) };
  }
  return { method: raw.method };
}

/** A decision table that names no inputs, given the ids it reads by default; any other aggregation as it is. */
function tableInputs(agg: Aggregation, ids: readonly string[]): Aggregation {
  return agg.method === 'decision-table' && agg.inputs.length === 0 ? { ...agg, inputs: ids } : agg;
}

function mergeMissing(base: MissingRule, over: z.infer<typeof missingRuleSchema> | undefined): MissingRule {
  return { policy: over?.policy ?? base.policy, minShare: over?.minShare ?? base.minShare };
}

const MEAN: Aggregation = { method: 'mean', over: 'children' };

// Built once: zod compiles each schema object on first use, so per-node schemas are slow.
const compositeIndicatorSchema = z.strictObject(compositeIndicatorShape);
const dimensionSchema = z.strictObject(dimensionShape);
const areaSchema = z.strictObject(areaShape);
const areaFileSchema = z.strictObject(areaFileShape);

export interface Frame {
  locator: SourceLocator;
  path: PathSegment[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function parseWith<T>(schema: z.ZodMiniType<T>, data: unknown, frame: Frame, ctx: Ctx): T | undefined {
  const r = safeParse(schema, data);
  if (r.success) return r.data;
  const keys = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  for (const d of zodIssuesToDiagnostics(r.error.issues, data, frame.path, frame.locator, (p) => (p.length === 0 && keys ? Object.keys(keys) : []))) {
    // A weight of `.inf` or `.nan` is a weight problem, reported as such.
    if (d.code === 'SCHEMA_INVALID_VALUE' && d.path?.[d.path.length - 1] === 'weight' && d.expected === 'a finite number') {
      ctx.diagnostics.push({ ...d, code: 'RUBRIC_INVALID_WEIGHT', message: `The weight must be a finite number greater than 0, not ${d.actual}.`, expected: 'a finite number greater than 0' });
    } else ctx.diagnostics.push(d);
  }
  return undefined;
}

function outcomeGuard(raw: Record<string, unknown>, frame: Frame, ctx: Ctx): void {
  if ('outcome' in raw) {
    ctx.diagnostics.push(
      located(frame.locator, {
        code: 'RUBRIC_OUTCOME_REFERENCE',
        severity: 'error',
        message: 'A rubric node may not reference an outcome indicator; outcomes are never part of a policy score.',
        path: [...frame.path, 'outcome'],
        hint: 'Show outcomes beside policy scores with `policy-index outcomes` instead.',
      }, { key: true }),
    );
  }
}

/** Records the written text of the number `owner[field]`, found at `path` under the frame. */
function keepText(frame: Frame, owner: object | undefined, field: string, path: readonly PathSegment[]): void {
  if (!owner || !frame.locator.numberText) return;
  recordNumberText(owner, field, (owner as Record<string, unknown>)[field], frame.locator.numberText([...frame.path, ...path]));
}

/** Records the written texts of a question's numbers: option, band and rule scores, weights. */
function keepQuestionTexts(frame: Frame, node: QuestionNode): void {
  keepText(frame, node, 'weight', ['weight']);
  keepText(frame, node, 'multiplier', ['multiplier']);
  if (node.type === 'yes-no') {
    for (const o of node.options) if (frame.locator.numberText) recordNumberText(o, 'score', o.score, frame.locator.numberText([...frame.path, 'scores', o.id]));
  } else node.options.forEach((o, i) => keepText(frame, o, 'score', ['options', i, 'score']));
  node.bands?.forEach((b, i) => {
    for (const f of ['score', 'min', 'max']) keepText(frame, b, f, ['bands', i, f]);
  });
  if (node.range) for (const f of ['min', 'max']) keepText(frame, node.range, f, ['range', f]);
  if (node.scoring?.method === 'count') {
    node.scoring.bands.forEach((b, i) => {
      for (const f of ['score', 'min', 'max']) keepText(frame, b, f, ['scoring', 'bands', i, f]);
    });
  }
  if (node.scoring?.method === 'rules') {
    node.scoring.rules.forEach((r, i) => keepText(frame, r, 'score', ['scoring', 'rules', i, 'score']));
    keepText(frame, node.scoring, 'default', ['scoring', 'default']);
  }
  if (node.notApplicable !== 'omit') keepText(frame, node.notApplicable, 'score', ['notApplicable', 'score']);
}

/** Records the written texts of a group's weight and decision-table numbers. */
function keepGroupTexts(frame: Frame, node: GroupNode): void {
  keepText(frame, node, 'weight', ['weight']);
  keepText(frame, node, 'multiplier', ['multiplier']);
  const agg = node.aggregation;
  if (agg.method === 'sum') {
    keepText(frame, agg.scale, 'min', ['aggregation', 'scale', 'min']);
    keepText(frame, agg.scale, 'max', ['aggregation', 'scale', 'max']);
  }
  if (agg.method !== 'decision-table') return;
  keepText(frame, agg, 'default', ['aggregation', 'default']);
  agg.rows.forEach((row, r) => {
    keepText(frame, row, 'score', ['aggregation', 'rows', r, 'score']);
    for (const [key, cond] of Object.entries(row.when)) {
      if (typeof cond === 'number') keepText(frame, row.when, key, ['aggregation', 'rows', r, 'when', key]);
      else if (Array.isArray(cond)) cond.forEach((c, i) => { if (typeof c === 'number' && frame.locator.numberText) recordNumberText(row.when, `${key}[${i}]`, c, frame.locator.numberText([...frame.path, 'aggregation', 'rows', r, 'when', key, i])); });
    }
  });
}

function position(frame: Frame) {
  const r = frame.locator.locate(frame.path);
  return { file: frame.locator.file, line: r?.line ?? 1, column: r?.column ?? 1 };
}

function buildQuestion(raw: unknown, frame: Frame, ctx: Ctx, parentKind: NodeKind, ancestry: string[]): QuestionNode | undefined {
  if (isRecord(raw)) outcomeGuard(raw, frame, ctx);
  const q = parseWith(questionSchema, raw, frame, ctx);
  if (!q) return undefined;
  const node: QuestionNode = {
    id: q.id,
    kind: 'question',
    level: parentKind === 'indicator' ? 'question' : 'indicator',
    title: q.title,
    ...(q.description !== undefined ? { description: q.description } : {}),
    aliases: q.aliases ?? [],
    ...(q.replaces !== undefined ? { replaces: typeof q.replaces === 'string' ? [q.replaces] : q.replaces } : {}),
    weight: q.weight ?? 1,
    ...(q.multiplier !== undefined ? { multiplier: q.multiplier } : {}),
    ...(q.dimension !== undefined ? { dimension: q.dimension } : {}),
    ...(q.notes !== undefined ? { notes: q.notes } : {}),
    parentId: ancestry[ancestry.length - 1],
    ancestry: [...ancestry, q.id],
    source: position(frame),
    type: q.type,
    ...(q.text !== undefined ? { text: q.text } : {}),
    ...(q.guidance !== undefined ? { guidance: q.guidance } : {}),
    options:
      q.type === 'yes-no'
        ? [
            { id: 'yes', label: 'Yes', score: q.scores?.yes ?? Number.NaN },
            { id: 'no', label: 'No', score: q.scores?.no ?? Number.NaN },
          ]
        : (q.options ?? []),
    ...(q.scoring !== undefined ? { scoring: q.scoring } : {}),
    ...(q.bands !== undefined ? { bands: q.bands } : {}),
    ...(q.unit !== undefined ? { unit: q.unit } : {}),
    ...(q.range !== undefined ? { range: q.range } : {}),
    ...(q.scores !== undefined ? { scores: q.scores } : {}),
    ...(q.appliesWhen !== undefined ? { appliesWhen: q.appliesWhen } : {}),
    notApplicable: q.notApplicable ?? 'omit',
    regions: q.regions ?? ctx.regions,
    children: [],
  };
  keepQuestionTexts(frame, node);
  ctx.frames.set(node, frame);
  return node;
}

function buildIndicator(raw: unknown, frame: Frame, ctx: Ctx, parentKind: NodeKind, ancestry: string[], missing: MissingRule): RubricNode | undefined {
  if (isRecord(raw) && 'type' in raw) return buildQuestion(raw, frame, ctx, parentKind, ancestry);
  if (isRecord(raw) && !('questions' in raw) && !('type' in raw)) {
    ctx.diagnostics.push(
      located(frame.locator, {
        code: 'SCHEMA_MISSING_FIELD',
        severity: 'error',
        message: 'An indicator needs either a question `type` (answered directly) or a list of `questions`.',
        path: frame.path,
      }),
    );
    return undefined;
  }
  if (isRecord(raw)) outcomeGuard(raw, frame, ctx);
  const c = parseWith(compositeIndicatorSchema, raw, frame, ctx);
  if (!c) return undefined;
  const nodeMissing = mergeMissing(missing, c.missing);
  const children: RubricNode[] = [];
  const here = [...ancestry, c.id];
  c.questions.forEach((child, i) => {
    const node = buildIndicator(child, { locator: frame.locator, path: [...frame.path, 'questions', i] }, ctx, 'indicator', here, nodeMissing);
    if (node) children.push(node);
  });
  return group(c, 'indicator', frame, children, ancestry, nodeMissing, ctx, parentKind === 'indicator' ? 'question' : 'indicator');
}

function group(
  c: { id: string; title: string; shortTitle?: string | undefined; description?: string | undefined; aliases?: string[] | undefined; replaces?: string | string[] | undefined; weight?: number | undefined; multiplier?: number | undefined; dimension?: string | undefined; notes?: string | undefined; aggregation?: z.infer<typeof aggregationSchema> | undefined },
  kind: GroupNode['kind'],
  frame: Frame,
  children: RubricNode[],
  ancestry: string[],
  missing: MissingRule,
  ctx: Ctx,
  level: NodeKind = kind,
): GroupNode {
  const aggregation = tableInputs(normaliseAggregation(c.aggregation, MEAN), children.map((ch) => ch.id));
  const node: GroupNode = {
    id: c.id,
    kind,
    level,
    title: c.title,
    ...(c.shortTitle !== undefined ? { shortTitle: c.shortTitle } : {}),
    ...(c.description !== undefined ? { description: c.description } : {}),
    aliases: c.aliases ?? [],
    ...(c.replaces !== undefined ? { replaces: typeof c.replaces === 'string' ? [c.replaces] : c.replaces } : {}),
    weight: c.weight ?? 1,
    ...(c.multiplier !== undefined ? { multiplier: c.multiplier } : {}),
    ...(c.dimension !== undefined ? { dimension: c.dimension } : {}),
    ...(c.notes !== undefined ? { notes: c.notes } : {}),
    ...(ancestry.length ? { parentId: ancestry[ancestry.length - 1] } : {}),
    ancestry: [...ancestry, c.id],
    source: position(frame),
    aggregation,
    missing,
    children,
  };
  keepGroupTexts(frame, node);
  ctx.frames.set(node, frame);
  return node;
}

function buildArea(raw: unknown, frame: Frame, ctx: Ctx, rootId: string, isFile: boolean): GroupNode | undefined {
  if (isRecord(raw)) outcomeGuard(raw, frame, ctx);
  const a = parseWith(isFile ? areaFileSchema : areaSchema, raw, frame, ctx);
  if (!a) return undefined;
  const missing = mergeMissing(ctx.defaultMissing, a.missing);
  const ancestry = [rootId, a.id];
  const children: RubricNode[] = [];
  if (a.dimensions && a.indicators) {
    ctx.diagnostics.push(
      located(frame.locator, { code: 'SCHEMA_INVALID_VALUE', severity: 'error', message: 'An area has either `dimensions` or `indicators`, not both.', path: [...frame.path, 'indicators'] }, { key: true }),
    );
  } else if (!a.dimensions && !a.indicators) {
    ctx.diagnostics.push(
      located(frame.locator, { code: 'RUBRIC_EMPTY_NODE', severity: 'error', message: `Area "${a.id}" has neither \`dimensions\` nor \`indicators\`.`, path: frame.path }),
    );
  }
  a.dimensions?.forEach((d, i) => {
    const dframe = { locator: frame.locator, path: [...frame.path, 'dimensions', i] };
    if (isRecord(d)) outcomeGuard(d, dframe, ctx);
    const dim = parseWith(dimensionSchema, d, dframe, ctx);
    if (!dim) return;
    const dMissing = mergeMissing(missing, dim.missing);
    const dChildren: RubricNode[] = [];
    dim.indicators.forEach((ind, j) => {
      const node = buildIndicator(ind, { locator: frame.locator, path: [...dframe.path, 'indicators', j] }, ctx, 'dimension', [...ancestry, dim.id], dMissing);
      if (node) dChildren.push(node);
    });
    children.push(group(dim, 'dimension', dframe, dChildren, ancestry, dMissing, ctx));
  });
  a.indicators?.forEach((ind, j) => {
    const node = buildIndicator(ind, { locator: frame.locator, path: [...frame.path, 'indicators', j] }, ctx, 'area', ancestry, missing);
    if (node) children.push(node);
  });
  return group(a, 'area', frame, children, [rootId], missing, ctx);
}

/**
 * Loads, checks and compiles a rubric from the text of its index file.
 *
 * Never throws on bad input: every problem is a diagnostic with file, line and column, and
 * `value` is present only when there are no errors.
 *
 * @example
 * ```ts
 * import { loadRubric } from 'policy-index';
 * const text = [
 *   'schemaVersion: 1',
 *   'id: demo',
 *   'version: 1.0.0',
 *   'title: Demo index',
 *   'areas:',
 *   '  - id: work',
 *   '    title: Work',
 *   '    indicators:',
 *   '      - id: permit',
 *   '        title: Work permit',
 *   '        type: yes-no',
 *   '        scores: { yes: 100, no: 0 }',
 * ].join('\n');
 * const { value: rubric, diagnostics } = loadRubric(text, { file: 'demo.yaml' });
 * rubric?.questions.map((q) => q.id); // ['permit']
 * ```
 */
export function loadRubric(text: string, options: LoadRubricOptions = {}): Result<Rubric> & { sources: Record<string, string> } {
  const file = options.file ?? 'rubric.yaml';
  const sources: Record<string, string> = { [file]: text };
  const parsed = parseYamlSource(text, file);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (parsed.value === undefined) return { diagnostics, sources };
  if (!isRecord(parsed.value)) {
    diagnostics.push({ code: 'YAML_NOT_A_MAPPING', severity: 'error', message: 'A rubric file must be a mapping of fields.', file, line: 1, column: 1 });
    return { diagnostics, sources };
  }
  const raw = parsed.value;
  if ('schemaVersion' in raw && raw.schemaVersion !== 1 && (typeof raw.schemaVersion === 'number' || (typeof raw.schemaVersion === 'string' && raw.schemaVersion.trim() !== '1'))) {
    diagnostics.push(
      located(parsed.locator, {
        code: 'SCHEMA_VERSION_UNSUPPORTED',
        severity: 'error',
        message: `schemaVersion ${String(raw.schemaVersion)} is not supported; this version of policy-index reads schemaVersion 1.`,
        path: ['schemaVersion'],
        expected: '1',
        actual: String(raw.schemaVersion),
      }),
    );
    return { diagnostics, sources };
  }
  const rootFrame: Frame = { locator: parsed.locator, path: [] };
  const ctx: Ctx = { diagnostics, scaleMin: 0, defaultMissing: { policy: 'omit', minShare: 0 }, regions: 'mean', frames: new Map() };
  // An `outcome` on the index gets its own diagnostic rather than "unknown field".
  outcomeGuard(raw, rootFrame, ctx);
  const { outcome: _outcome, ...headerRaw } = raw;
  const header = parseWith(rubricHeaderSchema, headerRaw, rootFrame, ctx);
  if (!header) return { diagnostics, sources };
  ctx.scaleMin = header.scale.min;
  ctx.defaultMissing = { policy: header.missing.policy ?? 'omit', minShare: header.missing.minShare ?? 0 };
  ctx.regions = header.regions;

  const areas: GroupNode[] = [];
  const files = [file];
  const baseDir = dirname(file);
  header.areas.forEach((entry, i) => {
    const frame: Frame = { locator: parsed.locator, path: ['areas', i] };
    if (isRecord(entry) && 'include' in entry) {
      const inc = parseWith(includeSchema, entry, frame, ctx);
      if (!inc) return;
      const rel = resolveIncludePath('', inc.include);
      if (rel === undefined) {
        diagnostics.push(
          located(parsed.locator, {
            code: 'PATH_OUTSIDE_RUBRIC',
            severity: 'error',
            message: `The include path "${inc.include}" leaves the rubric folder.`,
            path: [...frame.path, 'include'],
            hint: 'Use a relative path without `..` that stays inside the folder of the index file.',
          }),
        );
        return;
      }
      const name = baseDir ? `${baseDir}/${rel}` : rel;
      if (files.includes(name)) {
        diagnostics.push(located(parsed.locator, { code: 'INCLUDE_CYCLE', severity: 'error', message: `The file "${rel}" is included more than once (or includes the index).`, path: [...frame.path, 'include'] }));
        return;
      }
      let content: string | undefined;
      try {
        content = options.readFile?.(rel);
      } catch {
        content = undefined;
      }
      if (content === undefined) {
        diagnostics.push(located(parsed.locator, { code: 'FILE_NOT_FOUND', severity: 'error', message: `The included file "${rel}" was not found.`, path: [...frame.path, 'include'] }));
        return;
      }
      files.push(name);
      sources[name] = content;
      const sub = parseYamlSource(content, name);
      for (const item of sub.diagnostics) diagnostics.push(item);
      if (sub.value === undefined) return;
      if (!isRecord(sub.value)) {
        diagnostics.push({ code: 'YAML_NOT_A_MAPPING', severity: 'error', message: 'An area file must be a mapping of fields.', file: name, line: 1, column: 1 });
        return;
      }
      const area = buildArea(sub.value, { locator: sub.locator, path: [] }, ctx, header.id, true);
      if (area) areas.push(area);
    } else {
      const area = buildArea(entry, frame, ctx, header.id, false);
      if (area) areas.push(area);
    }
  });

  // A decision table that names no inputs reads every area it aggregates: at the root every
  // area, in a variant (its own table or the rubric's) the variant's areas.
  const rootAggregation = normaliseAggregation(header.aggregation, MEAN);
  const root: GroupNode = {
    id: header.id,
    kind: 'index',
    level: 'index',
    title: header.title,
    ...(header.description !== undefined ? { description: header.description } : {}),
    aliases: [],
    weight: 1,
    ancestry: [header.id],
    source: { file, line: 1, column: 1 },
    aggregation: tableInputs(rootAggregation, areas.map((a) => a.id)),
    missing: ctx.defaultMissing,
    children: areas,
  };
  const variantsRaw = header.variants ?? [{ id: 'all', title: 'All areas', areas: areas.map((a) => a.id), default: true }];
  const variants: RubricVariant[] = variantsRaw.map((v) => ({
    id: v.id,
    title: v.title,
    ...(v.description !== undefined ? { description: v.description } : {}),
    areas: v.areas,
    default: v.default ?? false,
    aggregation: tableInputs(normaliseAggregation((v as { aggregation?: z.infer<typeof aggregationSchema> }).aggregation, rootAggregation), v.areas),
    missing: mergeMissing(ctx.defaultMissing, (v as { missing?: z.infer<typeof missingRuleSchema> }).missing),
  }));
  if (variants.length === 0) {
    diagnostics.push(located(parsed.locator, { code: 'RUBRIC_VARIANT', severity: 'error', message: 'The list of variants is empty; give at least one, or leave `variants` out for the default.', path: ['variants'] }, { key: true }));
    return { diagnostics, sources };
  }
  const defaultVariant = variants.find((v) => v.default)?.id ?? variants[0]!.id;

  const nodes = new Map<string, RubricNode>();
  const questions: QuestionNode[] = [];
  const walk = (n: RubricNode): void => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
    if (n.kind === 'question') questions.push(n);
    for (const c of n.children) walk(c);
  };
  walk(root);
  const aliases = new Map<string, string>();
  for (const n of nodes.values()) for (const a of n.aliases) if (!aliases.has(a)) aliases.set(a, n.id);

  const rubric: Rubric = {
    schemaVersion: 1,
    id: header.id,
    version: header.version,
    title: header.title,
    ...(header.description !== undefined ? { description: header.description } : {}),
    ...(header.citation !== undefined ? { citation: header.citation } : {}),
    ...(header.license !== undefined ? { license: header.license } : {}),
    authors: header.authors ?? [],
    scale: header.scale,
    display: { precision: header.display.precision, rounding: header.display.rounding },
    ...(header.report !== undefined ? { report: { ...header.report } } : {}),
    missing: ctx.defaultMissing,
    regions: header.regions,
    root,
    nodes,
    aliases,
    questions,
    variants,
    defaultVariant,
    ...(header.migrate !== undefined ? { migrate: header.migrate.map((m) => ({ question: m.question, ...(m.from !== undefined ? { from: m.from } : {}), ...(m.options !== undefined ? { options: m.options } : {}), ...(m.review !== undefined ? { review: m.review } : {}) })) } : {}),
    files,
  };
  ctx.frames.set(root, rootFrame);
  for (const item of checkRubric(rubric, { frames: ctx.frames, rootLocator: parsed.locator, priorErrors: hasErrors(diagnostics) })) diagnostics.push(item);
  if (hasErrors(diagnostics)) return { diagnostics, sources };
  return { value: rubric, diagnostics, sources };
}

