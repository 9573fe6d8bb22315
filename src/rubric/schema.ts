/**
 * The rubric file format, as zod schemas. Validation of a rubric walks the tree node by node
 * with these schemas (so each node is checked against the right shape and every problem gets
 * a position); {@link rubricJsonSchemaModel} assembles the same shapes into one recursive
 * schema for JSON Schema export and the generated format reference.
 *
 * @module
 */
import * as z from 'zod/mini';
import { finite, meta } from '../source/zod-schema.js';

/** Ids of nodes, options and variants: letters, digits, `_`, `-`, `.`; starting with a letter or digit. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const idSchema = meta(
  z.string().check(z.regex(ID_PATTERN, 'an id of letters, digits, "_", "-" or "." starting with a letter or digit'), z.maxLength(100)),
  { description: 'A stable identifier: letters, digits, `_`, `-`, `.`; unique within the rubric.', examples: ['labour-market', 'aa1'] },
);

export const semverSchema = meta(
  z.string().check(z.regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'a semantic version such as 1.0.0')),
  { description: 'Semantic version `MAJOR.MINOR.PATCH`.', examples: ['1.0.0'] },
);

export const scaleSchema = meta(
  z
    .strictObject({
      min: meta(finite(), { description: 'Lowest score any node can have.' }),
      max: meta(finite(), { description: 'Highest score any node can have.' }),
    })
    .check(z.refine((s) => s.max > s.min, { message: 'max must be greater than min' })),
  { description: 'The scale every score lives on.', examples: [{ min: 0, max: 100 }] },
);

export const roundingSchema = meta(z.enum(['half-up', 'half-even', 'half-down', 'up', 'down']), {
  description: 'Rounding mode for displayed scores. `half-up` rounds 2.5 to 3; `half-even` to 2.',
});

export const displaySchema = meta(
  z.strictObject({
    precision: meta(z._default(z.int().check(z.gte(0), z.lte(12)), 2), { description: 'Decimal places shown.' }),
    rounding: z._default(roundingSchema, 'half-up'),
  }),
  { description: 'How scores are rounded for display. Stored scores are never rounded.' },
);

export const missingPolicySchema = meta(z.enum(['omit', 'minimum', 'fail']), {
  description:
    '`omit`: leave missing children out and renormalise the weights of the rest; `minimum`: count them as the scale minimum; `fail`: the node gets no score.',
});

export const missingRuleSchema = meta(
  z.strictObject({
    policy: z.optional(missingPolicySchema),
    minShare: meta(z.optional(z.number().check(z.gte(0), z.lte(1))), {
      description: 'Least share (0–1) of children, by count, that must have a score for the node to get one.',
    }),
  }),
  { description: 'How a node treats children without a score. Declared on the rubric, overridable per node.' },
);

export const regionCombineSchema = meta(z.enum(['mean', 'minimum', 'maximum']), {
  description: 'How answers that vary by region are combined into one score.',
});

export const conditionValueSchema = meta(
  z.union([z.literal('*'), z.literal('missing'), finite(), z.string(), z.array(z.union([finite(), z.string()])).check(z.minLength(1))]),
  {
    description:
      'A decision-table condition: `*` matches anything (missing included), `missing` only a missing input, a number matches that score, a string matches that option id (or `yes`/`no`), a list matches any of its items.',
  },
);

export const decisionRowSchema = z.strictObject({
  when: meta(z.record(z.string(), conditionValueSchema), { description: 'Conditions on inputs, by child id; inputs not named are wildcards.' }),
  score: meta(finite(), { description: 'The score of the node when this row is the first to match.' }),
  label: meta(z.optional(z.string()), { description: 'A short explanation of the row, shown in traces and scorecards.' }),
});

const methodOnly = <T extends string>(name: T, description: string) => meta(z.strictObject({ method: z.literal(name) }), { description });

export const decisionTableSchema = meta(
  z.strictObject({
    method: z.literal('decision-table'),
    inputs: meta(z.optional(z.array(idSchema).check(z.minLength(1))), { description: 'Child ids the table reads, in column order (default: all children).' }),
    rows: meta(z.array(decisionRowSchema).check(z.minLength(1)), { description: 'Rows tried in order; the first whose conditions all hold gives the score.' }),
    default: meta(z.optional(finite()), { description: 'Score when no row matches and no input is missing.' }),
  }),
  { description: 'Decision table over child answers or scores: first matching row wins.' },
);

export const aggregationObjectSchema = z.union([
  z.strictObject({
    method: z.literal('mean'),
    over: meta(z.optional(z.enum(['children', 'indicators'])), { description: '`indicators`: average all indicators below, ignoring dimension grouping (dimensions become labels).' }),
  }),
  z.strictObject({
    method: z.literal('weighted-mean'),
    over: z.optional(z.enum(['children', 'indicators'])),
  }),
  methodOnly('geometric-mean', 'Geometric mean of the children (weights as exponents).'),
  methodOnly('minimum', 'The lowest child score.'),
  methodOnly('maximum', 'The highest child score.'),
  meta(
    z.strictObject({
      method: z.literal('sum'),
      scale: meta(z.optional(z.strictObject({ min: finite(), max: finite() })), {
        description: 'The lowest and highest total the node can have (default: what its parts can add up to); it must hold every total the parts can produce.',
      }),
    }),
    { description: 'The sum of the child scores (points), each times its `multiplier`.' },
  ),
  decisionTableSchema,
]);

export const aggregationSchema = meta(z.union([z.enum(['mean', 'weighted-mean', 'geometric-mean', 'minimum', 'maximum', 'sum']), aggregationObjectSchema]), {
  description: 'How a node combines its children. A bare name or an object with `method`.',
});

export const optionSchema = z.strictObject({
  id: idSchema,
  label: meta(z.string().check(z.minLength(1)), { description: 'The option as the expert reads it.' }),
  score: meta(finite(), { description: 'Score on the rubric scale when this option is chosen.' }),
  description: z.optional(z.string()),
});

export const bandSchema = z.strictObject({
  min: meta(z.optional(finite()), { description: 'Lowest value in the band (inclusive); open below when absent.' }),
  max: meta(z.optional(finite()), { description: 'Highest value in the band (inclusive); open above when absent.' }),
  score: finite(),
  label: z.optional(z.string()),
});

export const choiceRuleSchema = z.strictObject({
  all: meta(z.optional(z.array(idSchema)), { description: 'Every one of these options is checked.' }),
  any: meta(z.optional(z.array(idSchema)), { description: 'At least one of these options is checked.' }),
  none: meta(z.optional(z.array(idSchema)), { description: 'None of these options is checked.' }),
  score: finite(),
  label: z.optional(z.string()),
});

export const multipleScoringSchema = meta(
  z.union([
    z.strictObject({ method: z.literal('sum') }),
    z.strictObject({ method: z.literal('count'), bands: z.array(bandSchema).check(z.minLength(1)) }),
    z.strictObject({ method: z.literal('rules'), rules: z.array(choiceRuleSchema).check(z.minLength(1)), default: z.optional(finite()) }),
  ]),
  { description: 'How checked options give a score: `sum` of their scores, bands on how many are checked (`count`), or the first matching rule (`rules`).' },
);

export const appliesWhenSchema = meta(
  z.strictObject({
    question: meta(idSchema, { description: 'The question this one depends on.' }),
    in: meta(z.array(z.union([z.string(), finite(), z.boolean()])).check(z.minLength(1)), { description: 'Answers (option ids, yes/no) for which this question applies.' }),
  }),
  { description: 'Makes a question apply only when another question has one of the given answers.' },
);

export const notApplicableSchema = meta(z.union([z.literal('omit'), z.strictObject({ score: finite() })]), {
  description: '`omit` (default) leaves a non-applicable question out of its parent; `{ score: n }` scores it as n.',
});

export const commonNodeFields = {
  id: idSchema,
  title: meta(z.string().check(z.minLength(1)), { description: 'Short name shown in scorecards.' }),
  description: meta(z.optional(z.string()), { description: 'What the node measures, in a sentence or two.' }),
  aliases: meta(z.optional(z.array(z.string().check(z.minLength(1)))), { description: 'Other codes under which this node is known (e.g. codes used by older editions or spreadsheets).' }),
  weight: meta(z.optional(finite()), { description: 'Weight within the parent node (default 1). Only ratios between siblings matter.' }),
  multiplier: meta(z.optional(finite()), { description: 'Factor of this node\'s score in a parent aggregated by `sum` (default 1); `-1` subtracts its points.' }),
  replaces: meta(z.optional(z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1))).check(z.minLength(1))])), { description: 'Id(s) of the node(s) of the previous edition that this node replaces (a rename, split or merge); followed by rubric diffs and answer migration.' }),
  dimension: meta(z.optional(z.string()), { description: 'Label of the dimension this indicator belongs to, when dimensions are labels rather than levels.' }),
  notes: z.optional(z.string()),
  outcome: meta(z.optional(z.unknown()), { description: 'Not allowed: outcome indicators never enter a policy score. Present only so that the mistake gets a clear diagnostic.' }),
} as const;

export const questionFields = {
  ...commonNodeFields,
  type: meta(z.enum(['single-choice', 'multiple-choice', 'number', 'yes-no']), { description: 'The kind of answer the question takes.' }),
  text: meta(z.optional(z.string()), { description: 'The question put to the expert.' }),
  guidance: meta(z.optional(z.string()), { description: 'Help for answering: definitions, what counts, edge cases.' }),
  options: meta(z.optional(z.array(optionSchema).check(z.minLength(1))), { description: 'Choices of a single- or multiple-choice question.' }),
  scoring: z.optional(multipleScoringSchema),
  bands: meta(z.optional(z.array(bandSchema).check(z.minLength(1))), { description: 'Score bands of a number question.' }),
  unit: meta(z.optional(z.string()), { description: 'Unit of a number answer, e.g. `years`.' }),
  range: meta(z.optional(z.strictObject({ min: z.optional(finite()), max: z.optional(finite()) })), { description: 'Valid range of a number answer.' }),
  scores: meta(z.optional(z.strictObject({ yes: finite(), no: finite() })), { description: 'Scores of a yes/no question.' }),
  appliesWhen: z.optional(appliesWhenSchema),
  notApplicable: z.optional(notApplicableSchema),
  regions: meta(z.optional(regionCombineSchema), { description: 'How regional answers to this question are combined (default: the rubric\'s rule).' }),
};

/** A question (leaf) as written in a rubric file. */
export const questionSchema = meta(z.strictObject(questionFields), { title: 'Question' });

const groupFields = {
  ...commonNodeFields,
  aggregation: z.optional(aggregationSchema),
  missing: z.optional(missingRuleSchema),
};

/** Composite indicator: child arrays are validated node by node. */
export const compositeIndicatorShape = { ...groupFields, questions: z.array(z.unknown()).check(z.minLength(1)) };
export const dimensionShape = { ...groupFields, indicators: z.array(z.unknown()).check(z.minLength(1)) };
export const areaShape = {
  ...groupFields,
  shortTitle: meta(z.optional(z.string().check(z.minLength(1))), { description: 'A short name of the area for chart labels and compact table headers (default: the title).' }),
  dimensions: z.optional(z.array(z.unknown()).check(z.minLength(1))),
  indicators: z.optional(z.array(z.unknown()).check(z.minLength(1))),
};
export const includeSchema = meta(
  z.strictObject({ include: meta(z.string().check(z.minLength(1)), { description: 'Path of an area file, relative to this file, inside the rubric folder.' }) }),
  { title: 'Include' },
);

export const variantSchema = meta(
  z.strictObject({
    id: idSchema,
    title: z.string().check(z.minLength(1)),
    description: z.optional(z.string()),
    areas: meta(z.array(idSchema).check(z.minLength(1)), { description: 'Ids of the areas averaged into this variant\'s top score.' }),
    default: meta(z.optional(z.boolean()), { description: 'The variant used when none is asked for (default: the first).' }),
    aggregation: z.optional(aggregationSchema),
    missing: z.optional(missingRuleSchema),
  }),
  { title: 'Variant', description: 'A named selection of areas for the top score, so that trends compare like with like.' },
);

/** One rule of a rubric's `migrate:` block (also the shape of a migration mapping file's entries). */
export function migrationRuleSchema() {
  return meta(
    z.strictObject({
      question: meta(idSchema, { description: 'Question of this edition the rule is for.' }),
      from: meta(z.optional(z.string().check(z.minLength(1))), { description: 'Question of the previous edition whose answer carries over (default: what `replaces:` or an alias names).' }),
      options: meta(z.optional(z.record(z.string(), z.string())), { description: 'Old option id → new option id.' }),
      review: meta(z.optional(z.string().check(z.minLength(1))), { description: 'Why a carried-over answer needs a reviewer\'s look (its meaning changed).' }),
    }),
    { title: 'MigrationRule' },
  );
}

export const reportWordsSchema = meta(
  z.strictObject({
    unitNoun: meta(z.optional(z.string().check(z.minLength(1))), { description: 'What one assessed unit is called on reports: `country` (default), `economy`, `region`, `municipality` …' }),
    unitNounPlural: meta(z.optional(z.string().check(z.minLength(1))), { description: 'The plural of `unitNoun` (default: `unitNoun` + `s`, `countries` for `country`).' }),
    highMeans: meta(z.optional(z.string().check(z.minLength(1))), { description: 'What a high score means, completing “higher is …” (e.g. `more open`). Without it reports say only that the scale runs from min to max.' }),
    shortTitle: meta(z.optional(z.string().check(z.minLength(1))), { description: 'A short name of the index for page headers (default: the title).' }),
    outcomeFramework: meta(z.optional(z.string().check(z.minLength(1))), { description: 'Id of an outcome framework whose indicators reports may show beside the scores (e.g. `zaragoza`). Without it reports show outcomes only when outcome data are passed explicitly.' }),
  }),
  { title: 'Report words', description: 'The words reports use for this index: nothing on a report is specific to one index unless the rubric says it here.' },
);

export const rubricHeaderShape = {
  $schema: meta(z.optional(z.string()), { description: 'Editor hint; ignored.' }),
  schemaVersion: meta(z.literal(1), { description: 'Version of the rubric file format. Always 1 for now.' }),
  id: idSchema,
  version: semverSchema,
  title: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  citation: meta(z.optional(z.string()), { description: 'How to cite the index this rubric encodes.' }),
  license: z.optional(z.string()),
  authors: z.optional(z.array(z.string())),
  scale: z._default(scaleSchema, { min: 0, max: 100 }),
  display: z._default(displaySchema, { precision: 2, rounding: 'half-up' }),
  report: z.optional(reportWordsSchema),
  missing: z._default(missingRuleSchema, { policy: 'omit', minShare: 0 }),
  regions: z._default(regionCombineSchema, 'mean'),
  aggregation: meta(z.optional(aggregationSchema), { description: 'Default aggregation of variants (default `mean`).' }),
  areas: meta(z.array(z.unknown()).check(z.minLength(1)), { description: 'Policy areas, inline or as `{ include: path }`.' }),
  variants: meta(z.optional(z.array(variantSchema)), { description: 'Named selections of areas for the top score. Default: one variant `all` with every area.' }),
  migrate: meta(z.optional(z.array(migrationRuleSchema())), { description: 'How answers written for the previous edition carry over to this one (see the editions guide).' }),
};
export const rubricHeaderSchema = z.strictObject(rubricHeaderShape);
/** An area file (included from the index file): one area, optionally with `$schema`. */
export const areaFileShape = { $schema: z.optional(z.string()), ...areaShape };

/**
 * One recursive zod schema of the whole rubric format, for JSON Schema export and the format
 * reference. (Loading validates node by node with the same field shapes.)
 */
export function rubricJsonSchemaModel() {
  const question = questionSchema;
  const composite: z.ZodMiniType = z.lazy(() =>
    meta(z.strictObject({ ...groupFields, questions: z.array(z.union([question, composite])).check(z.minLength(1)) }), { title: 'CompositeIndicator' }),
  );
  const indicator = z.union([question, composite]);
  const dimension = meta(z.strictObject({ ...groupFields, indicators: z.array(indicator).check(z.minLength(1)) }), { title: 'Dimension' });
  const area = meta(
    z.strictObject({ ...groupFields, dimensions: z.optional(z.array(dimension).check(z.minLength(1))), indicators: z.optional(z.array(indicator).check(z.minLength(1))) }),
    { title: 'Area' },
  );
  const rubric = meta(z.strictObject({ ...rubricHeaderShape, areas: z.array(z.union([area, includeSchema])).check(z.minLength(1)) }), { title: 'Rubric' });
  const areaFile = meta(z.strictObject({ $schema: z.optional(z.string()), ...area.shape }), { title: 'AreaFile' });
  return { rubric, areaFile, area, dimension, indicator, question };
}
