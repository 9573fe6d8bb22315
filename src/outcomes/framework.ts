/**
 * The outcome framework format: a YAML file declaring cohorts, indicators (area, unit, valid
 * range, direction, cohorts, gaps, source) and CSV column layouts. Parsed with positions,
 * checked with zod and by cross-reference rules; every problem is a diagnostic.
 *
 * @module
 */
import { z } from 'zod';
import type { Diagnostic, PathSegment, Result } from '../diagnostics/index.js';
import { located, parseYamlSource, type SourceLocator } from '../source/yaml-source.js';
import { didYouMean } from '../source/suggest.js';
import { zodIssuesToDiagnostics } from '../source/zod-diagnostics.js';
import {
  OUTCOME_AREAS,
  OUTCOME_UNITS,
  type OutcomeFramework,
  type OutcomeIndicator,
  type OutcomeLayout,
  type OutcomeLongLayout,
} from './types.js';
import { DEFAULT_PRECISION, UNIT_BOUNDS } from './units.js';

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lower-case words joined by hyphens');
const text = z.string().min(1);
const labelMap = z.record(z.string().min(1), z.string().min(1));

const gapSchema = z.strictObject({
  id,
  kind: z.enum(['difference-pp', 'difference', 'ratio']),
  cohort: id,
  reference: id,
  title: text.optional(),
  precision: z.number().int().min(0).max(10).optional(),
});

const indicatorSchema = z.strictObject({
  id,
  area: z.enum(OUTCOME_AREAS as [string, ...string[]]),
  title: text,
  definition: text,
  unit: z.enum(OUTCOME_UNITS as [string, ...string[]]),
  range: z.strictObject({ min: z.number().optional(), max: z.number().optional() }).optional(),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  cohorts: z.array(id).min(1),
  gaps: z.array(gapSchema).optional(),
  precision: z.number().int().min(0).max(10).optional(),
  source: z.strictObject({ publisher: text, table: text.optional(), url: z.url().optional(), note: text.optional() }),
});

const longLayoutSchema = z.strictObject({
  id,
  format: z.literal('long'),
  title: text.optional(),
  columns: z.strictObject({ country: text, year: text, indicator: text.optional(), cohort: text, value: text }),
  indicator: id.optional(),
  indicatorLabels: labelMap.optional(),
  cohortLabels: labelMap.optional(),
  cohortLabelsByIndicator: z.record(z.string().min(1), labelMap).optional(),
  ignoreColumns: z.array(text).optional(),
});

const wideLayoutSchema = z.strictObject({
  id,
  format: z.literal('wide'),
  title: text.optional(),
  columns: z.strictObject({ country: text, year: text, indicator: text.optional() }),
  indicator: id.optional(),
  indicatorLabels: labelMap.optional(),
  cohortColumns: labelMap.refine((m) => Object.keys(m).length > 0, 'a wide layout needs at least one cohort column'),
  cohortColumnsByIndicator: z.record(z.string().min(1), labelMap).optional(),
  ignoreColumns: z.array(text).optional(),
});

/**
 * The zod schema of an outcome framework file (before cross-reference checks).
 *
 * @example
 * ```ts
 * import { outcomeFrameworkSchema } from 'policy-index';
 * outcomeFrameworkSchema.safeParse({ schemaVersion: 1 }).success; // false
 * ```
 */
export const outcomeFrameworkSchema = z.strictObject({
  schemaVersion: z.literal(1),
  id,
  version: text,
  title: text,
  description: text.optional(),
  citation: text.optional(),
  checks: z
    .strictObject({
      unitBreakShare: z.number().gt(0).max(1).optional(),
      sharesRowShare: z.number().gt(0).max(1).optional(),
      sharesTolerance: z.number().min(0).max(50).optional(),
    })
    .optional(),
  cohorts: z.array(z.strictObject({ id, title: text, description: text.optional() })).min(1),
  indicators: z.array(indicatorSchema).min(1),
  layouts: z.array(z.discriminatedUnion('format', [longLayoutSchema, wideLayoutSchema])).optional(),
});

type FrameworkInput = z.infer<typeof outcomeFrameworkSchema>;

/**
 * The layout every framework understands: the project's own tidy format with columns
 * `country, year, indicator, cohort, value` holding framework ids.
 *
 * @example
 * ```ts
 * import { CANONICAL_OUTCOME_LAYOUT } from 'policy-index';
 * CANONICAL_OUTCOME_LAYOUT.columns; // { country: 'country', year: 'year', indicator: 'indicator', cohort: 'cohort', value: 'value' }
 * ```
 */
export const CANONICAL_OUTCOME_LAYOUT: OutcomeLongLayout = {
  id: 'policy-index-long',
  format: 'long',
  title: 'policy-index long format (country, year, indicator, cohort, value)',
  columns: { country: 'country', year: 'year', indicator: 'indicator', cohort: 'cohort', value: 'value' },
  indicatorLabels: {},
  cohortLabels: {},
  ignoreColumns: ['note', 'source', 'flag'],
};

const KNOWN_KEYS: Record<string, readonly string[]> = {
  root: Object.keys(outcomeFrameworkSchema.shape),
  indicator: Object.keys(indicatorSchema.shape),
  gap: Object.keys(gapSchema.shape),
  long: Object.keys(longLayoutSchema.shape),
  wide: Object.keys(wideLayoutSchema.shape),
};

function knownKeys(path: readonly PathSegment[], data: unknown): readonly string[] {
  if (path.length === 0) return KNOWN_KEYS.root!;
  if (path[0] === 'indicators' && path.length === 2) return KNOWN_KEYS.indicator!;
  if (path[0] === 'indicators' && path[2] === 'gaps' && path.length === 4) return KNOWN_KEYS.gap!;
  if (path[0] === 'layouts' && path.length === 2) {
    const layout = (data as { layouts?: { format?: string }[] })?.layouts?.[path[1] as number];
    return layout?.format === 'wide' ? KNOWN_KEYS.wide! : KNOWN_KEYS.long!;
  }
  if (path[0] === 'layouts' && path[2] === 'columns') return ['country', 'year', 'indicator', 'cohort', 'value'];
  if (path[0] === 'indicators' && path[2] === 'source') return ['publisher', 'table', 'url', 'note'];
  if (path[0] === 'indicators' && path[2] === 'range') return ['min', 'max'];
  if (path[0] === 'cohorts') return ['id', 'title', 'description'];
  if (path[0] === 'checks') return ['unitBreakShare', 'sharesRowShare', 'sharesTolerance'];
  return [];
}

/**
 * Checks the cross references of a schema-valid framework and builds the compiled form.
 */
function compile(input: FrameworkInput, locator: SourceLocator): Result<OutcomeFramework> {
  const diagnostics: Diagnostic[] = [];
  const problem = (message: string, path: PathSegment[], extra: Partial<Diagnostic> = {}): void => {
    diagnostics.push(located(locator, { code: 'OUTCOME_FRAMEWORK_REFERENCE', severity: 'error', message, path, ...extra }));
  };
  const unique = (ids: string[], what: string, base: PathSegment[]): void => {
    const seen = new Map<string, number>();
    ids.forEach((value, i) => {
      const first = seen.get(value);
      if (first !== undefined) problem(`The ${what} id "${value}" is declared twice (first at index ${first}).`, [...base, i, 'id']);
      else seen.set(value, i);
    });
  };
  unique(input.cohorts.map((c) => c.id), 'cohort', ['cohorts']);
  unique(input.indicators.map((c) => c.id), 'indicator', ['indicators']);
  unique((input.layouts ?? []).map((c) => c.id), 'layout', ['layouts']);
  const cohortIds = new Set(input.cohorts.map((c) => c.id));
  const indicatorIds = new Set(input.indicators.map((c) => c.id));

  const indicators: OutcomeIndicator[] = input.indicators.map((ind, i) => {
    const unit = ind.unit as OutcomeIndicator['unit'];
    const bounds = UNIT_BOUNDS[unit];
    ind.cohorts.forEach((c, j) => {
      if (!cohortIds.has(c)) {
        const hint = didYouMean(c, cohortIds);
        problem(`Indicator "${ind.id}" names the cohort "${c}", which the framework does not declare.`, ['indicators', i, 'cohorts', j], hint ? { hint } : {});
      }
    });
    const indicatorCohorts = new Set(ind.cohorts);
    unique((ind.gaps ?? []).map((g) => g.id), 'gap', ['indicators', i, 'gaps']);
    (ind.gaps ?? []).forEach((g, j) => {
      for (const field of ['cohort', 'reference'] as const) {
        if (!indicatorCohorts.has(g[field])) {
          problem(`Gap "${g.id}" of indicator "${ind.id}" uses the cohort "${g[field]}", which the indicator does not list.`, ['indicators', i, 'gaps', j, field], {
            expected: ind.cohorts.join(', '),
          });
        }
      }
      if (g.cohort === g.reference) problem(`Gap "${g.id}" compares the cohort "${g.cohort}" with itself.`, ['indicators', i, 'gaps', j, 'reference']);
      if (g.kind === 'difference-pp' && unit !== 'percent') {
        problem(`Gap "${g.id}" is a difference in percentage points, but indicator "${ind.id}" is measured in ${unit}.`, ['indicators', i, 'gaps', j, 'kind'], {
          hint: 'Use `difference` or `ratio` for indicators that are not percentages.',
        });
      }
    });
    let min = bounds.min;
    let max = bounds.max;
    if (ind.range?.min !== undefined) {
      if (bounds.min !== null && ind.range.min < bounds.min) problem(`The range of "${ind.id}" starts below what ${bounds.label} allows.`, ['indicators', i, 'range', 'min']);
      else min = ind.range.min;
    }
    if (ind.range?.max !== undefined) {
      if (bounds.max !== null && ind.range.max > bounds.max) problem(`The range of "${ind.id}" ends above what ${bounds.label} allows.`, ['indicators', i, 'range', 'max']);
      else max = ind.range.max;
    }
    if (min !== null && max !== null && min >= max) problem(`The range of "${ind.id}" is empty (min ${min} is not below max ${max}).`, ['indicators', i, 'range']);
    const precision = ind.precision ?? DEFAULT_PRECISION[unit];
    return {
      id: ind.id,
      area: ind.area as OutcomeIndicator['area'],
      title: ind.title,
      definition: ind.definition,
      unit,
      range: { min, max },
      direction: ind.direction,
      cohorts: [...ind.cohorts],
      gaps: (ind.gaps ?? []).map((g) => ({
        id: g.id,
        kind: g.kind,
        cohort: g.cohort,
        reference: g.reference,
        title: g.title ?? `${g.cohort} ${g.kind === 'ratio' ? '÷' : '−'} ${g.reference}`,
        precision: g.precision ?? (g.kind === 'ratio' ? 3 : precision),
      })),
      precision,
      source: { ...ind.source },
    };
  });

  const layouts: OutcomeLayout[] = (input.layouts ?? []).map((l, i) => {
    const base: PathSegment[] = ['layouts', i];
    if (l.indicator === undefined && l.columns.indicator === undefined) problem(`Layout "${l.id}" needs an indicator column (columns.indicator) or a fixed indicator.`, [...base, 'columns']);
    if (l.indicator !== undefined && l.columns.indicator !== undefined) problem(`Layout "${l.id}" has both an indicator column and a fixed indicator; keep one.`, [...base, 'indicator']);
    if (l.indicator !== undefined && !indicatorIds.has(l.indicator)) problem(`Layout "${l.id}" fixes the indicator "${l.indicator}", which the framework does not declare.`, [...base, 'indicator']);
    for (const [label, target] of Object.entries(l.indicatorLabels ?? {})) {
      if (!indicatorIds.has(target)) {
        const hint = didYouMean(target, indicatorIds);
        problem(`Layout "${l.id}" maps "${label}" to the indicator "${target}", which the framework does not declare.`, [...base, 'indicatorLabels', label], hint ? { hint } : {});
      }
    }
    const cohortMap = l.format === 'long' ? (l.cohortLabels ?? {}) : l.cohortColumns;
    const cohortKey = l.format === 'long' ? 'cohortLabels' : 'cohortColumns';
    for (const [label, target] of Object.entries(cohortMap)) {
      if (!cohortIds.has(target)) {
        const hint = didYouMean(target, cohortIds);
        problem(`Layout "${l.id}" maps "${label}" to the cohort "${target}", which the framework does not declare.`, [...base, cohortKey, label], hint ? { hint } : {});
      }
    }
    const byIndicator = (l.format === 'long' ? l.cohortLabelsByIndicator : l.cohortColumnsByIndicator) ?? {};
    const byIndicatorKey = l.format === 'long' ? 'cohortLabelsByIndicator' : 'cohortColumnsByIndicator';
    for (const [indicatorId, map] of Object.entries(byIndicator)) {
      const indicator = input.indicators.find((ind) => ind.id === indicatorId);
      if (!indicator) {
        const hint = didYouMean(indicatorId, indicatorIds);
        problem(`Layout "${l.id}" relabels cohorts for the indicator "${indicatorId}", which the framework does not declare.`, [...base, byIndicatorKey, indicatorId], hint ? { hint } : {});
        continue;
      }
      for (const [label, target] of Object.entries(map)) {
        if (l.format === 'wide' && !Object.prototype.hasOwnProperty.call(l.cohortColumns, label)) {
          const hint = didYouMean(label, Object.keys(l.cohortColumns));
          problem(`Layout "${l.id}" relabels the column "${label}" for "${indicatorId}", but it is not one of its cohortColumns.`, [...base, byIndicatorKey, indicatorId, label], hint ? { hint } : {});
        }
        if (!indicator.cohorts.includes(target)) {
          const hint = didYouMean(target, indicator.cohorts);
          problem(`Layout "${l.id}" maps "${label}" to the cohort "${target}", which the indicator "${indicatorId}" does not declare.`, [...base, byIndicatorKey, indicatorId, label], hint ? { hint } : {});
        }
      }
    }
    const copyByIndicator = (m: Record<string, Record<string, string>> | undefined): Record<string, Record<string, string>> =>
      Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, { ...v }]));
    const named = [...Object.values(l.columns), ...(l.format === 'wide' ? Object.keys(l.cohortColumns) : [])];
    const seen = new Set<string>();
    for (const name of named) {
      if (seen.has(name)) problem(`Layout "${l.id}" uses the column "${name}" for two purposes.`, [...base, 'columns']);
      seen.add(name);
    }
    const common = { id: l.id, title: l.title ?? l.id, indicatorLabels: { ...(l.indicatorLabels ?? {}) }, ignoreColumns: [...(l.ignoreColumns ?? [])], ...(l.indicator ? { indicator: l.indicator } : {}) };
    return l.format === 'long'
      ? { ...common, format: 'long', columns: { ...l.columns }, cohortLabels: { ...(l.cohortLabels ?? {}) }, ...(l.cohortLabelsByIndicator ? { cohortLabelsByIndicator: copyByIndicator(l.cohortLabelsByIndicator) } : {}) }
      : { ...common, format: 'wide', columns: { ...l.columns }, cohortColumns: { ...l.cohortColumns }, ...(l.cohortColumnsByIndicator ? { cohortColumnsByIndicator: copyByIndicator(l.cohortColumnsByIndicator) } : {}) };
  });
  if (!layouts.some((l) => l.id === CANONICAL_OUTCOME_LAYOUT.id)) layouts.push(CANONICAL_OUTCOME_LAYOUT);

  const framework: OutcomeFramework = {
    kind: 'outcome-framework',
    id: input.id,
    version: input.version,
    title: input.title,
    ...(input.description ? { description: input.description } : {}),
    ...(input.citation ? { citation: input.citation } : {}),
    cohorts: input.cohorts.map((c) => ({ ...c })),
    indicators,
    layouts,
    checks: {
      unitBreakShare: input.checks?.unitBreakShare ?? 0.5,
      sharesRowShare: input.checks?.sharesRowShare ?? 0.8,
      sharesTolerance: input.checks?.sharesTolerance ?? 2,
    },
  };
  return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { value: framework, diagnostics };
}

/**
 * Parses and checks an outcome framework written in YAML. Schema problems (missing or
 * unknown fields, wrong types, values not allowed) and cross-reference problems (unknown
 * cohorts, gaps between undeclared cohorts, percentage-point gaps on non-percent indicators,
 * ranges outside the unit) come back as diagnostics with line and column.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework } from 'policy-index';
 * const { value, diagnostics } = parseOutcomeFramework(`
 * schemaVersion: 1
 * id: demo
 * version: 1.0.0
 * title: Demo outcomes
 * cohorts: [{ id: native, title: Native-born }, { id: non-eu-born, title: Born outside the EU }]
 * indicators:
 *   - id: employment-rate
 *     area: employment
 *     title: Employment rate
 *     definition: Share of people aged 20–64 who are employed.
 *     unit: percent
 *     direction: higher-is-better
 *     cohorts: [native, non-eu-born]
 *     gaps: [{ id: non-eu-vs-native, kind: difference-pp, cohort: non-eu-born, reference: native }]
 *     source: { publisher: Eurostat, table: lfsa_ergacob }
 * `, 'demo.yaml');
 * value!.indicators[0]!.range; // { min: 0, max: 100 }
 * diagnostics; // []
 * ```
 */
export function parseOutcomeFramework(text: string, file = '<framework>'): Result<OutcomeFramework> {
  const parsed = parseYamlSource(text, file);
  if (parsed.value === undefined || parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics };
  const data = parsed.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { diagnostics: [...parsed.diagnostics, { code: 'YAML_NOT_A_MAPPING', severity: 'error', message: 'An outcome framework must be a mapping of keys to values.', file, line: 1, column: 1 }] };
  }
  const version = (data as Record<string, unknown>).schemaVersion;
  if (version !== undefined && version !== 1) {
    return {
      diagnostics: [
        ...parsed.diagnostics,
        located(parsed.locator, { code: 'SCHEMA_VERSION_UNSUPPORTED', severity: 'error', message: `schemaVersion ${String(version)} is not supported; use 1.`, path: ['schemaVersion'], expected: '1', actual: String(version) }),
      ],
    };
  }
  const result = outcomeFrameworkSchema.safeParse(data);
  if (!result.success) {
    return { diagnostics: [...parsed.diagnostics, ...zodIssuesToDiagnostics(result.error.issues, data, [], parsed.locator, (p) => knownKeys(p, data))] };
  }
  const compiled = compile(result.data, parsed.locator);
  return { ...compiled, diagnostics: [...parsed.diagnostics, ...compiled.diagnostics] };
}

/**
 * Finds an indicator of a framework by id.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, findOutcomeIndicator, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML).value!;
 * findOutcomeIndicator(framework, 'employment-rate')?.unit; // 'percent'
 * ```
 */
export function findOutcomeIndicator(framework: OutcomeFramework, indicatorId: string): OutcomeIndicator | undefined {
  return framework.indicators.find((i) => i.id === indicatorId);
}
