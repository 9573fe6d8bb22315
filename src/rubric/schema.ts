/**
 * The rubric file format, as zod schemas. Validation of a rubric walks the tree node by node
 * with these schemas (so each node is checked against the right shape and every problem gets
 * a position); {@link rubricJsonSchemaModel} assembles the same shapes into one recursive
 * schema for JSON Schema export and the generated format reference.
 *
 * @module
 */
import { z } from 'zod';

/** Ids of nodes, options and variants: letters, digits, `_`, `-`, `.`; starting with a letter or digit. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const idSchema = z
  .string()
  .regex(ID_PATTERN, 'an id of letters, digits, "_", "-" or "." starting with a letter or digit')
  .max(100)
  .meta({ description: 'A stable identifier: letters, digits, `_`, `-`, `.`; unique within the rubric.', examples: ['labour-market', 'aa1'] });

export const semverSchema = z
  .string()
  .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'a semantic version such as 1.0.0')
  .meta({ description: 'Semantic version `MAJOR.MINOR.PATCH`.', examples: ['1.0.0'] });

const finite = () => z.number().refine((n) => Number.isFinite(n), 'a finite number');

export const scaleSchema = z
  .strictObject({
    min: finite().meta({ description: 'Lowest score any node can have.' }),
    max: finite().meta({ description: 'Highest score any node can have.' }),
  })
  .refine((s) => s.max > s.min, { message: 'max must be greater than min' })
  .meta({ description: 'The scale every score lives on.', examples: [{ min: 0, max: 100 }] });

export const roundingSchema = z
  .enum(['half-up', 'half-even', 'half-down', 'up', 'down'])
  .meta({ description: 'Rounding mode for displayed scores. `half-up` rounds 2.5 to 3; `half-even` to 2.' });

export const displaySchema = z
  .strictObject({
    precision: z.int().min(0).max(12).default(2).meta({ description: 'Decimal places shown.' }),
    rounding: roundingSchema.default('half-up'),
  })
  .meta({ description: 'How scores are rounded for display. Stored scores are never rounded.' });

export const missingPolicySchema = z
  .enum(['omit', 'minimum', 'fail'])
  .meta({
    description:
      '`omit`: leave missing children out and renormalise the weights of the rest; `minimum`: count them as the scale minimum; `fail`: the node gets no score.',
  });

export const missingRuleSchema = z
  .strictObject({
    policy: missingPolicySchema.optional(),
    minShare: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .meta({ description: 'Least share (0–1) of children, by count, that must have a score for the node to get one.' }),
  })
  .meta({ description: 'How a node treats children without a score. Declared on the rubric, overridable per node.' });

export const regionCombineSchema = z
  .enum(['mean', 'minimum', 'maximum'])
  .meta({ description: 'How answers that vary by region are combined into one score.' });

export const conditionValueSchema = z
  .union([z.literal('*'), z.literal('missing'), finite(), z.string(), z.array(z.union([finite(), z.string()])).min(1)])
  .meta({
    description:
      'A decision-table condition: `*` matches anything (missing included), `missing` only a missing input, a number matches that score, a string matches that option id (or `yes`/`no`), a list matches any of its items.',
  });

export const decisionRowSchema = z.strictObject({
  when: z.record(z.string(), conditionValueSchema).meta({ description: 'Conditions on inputs, by child id; inputs not named are wildcards.' }),
  score: finite().meta({ description: 'The score of the node when this row is the first to match.' }),
  label: z.string().optional().meta({ description: 'A short explanation of the row, shown in traces and scorecards.' }),
});

const methodOnly = <T extends string>(name: T, description: string) =>
  z.strictObject({ method: z.literal(name) }).meta({ description });

export const decisionTableSchema = z
  .strictObject({
    method: z.literal('decision-table'),
    inputs: z.array(idSchema).min(1).optional().meta({ description: 'Child ids the table reads, in column order (default: all children).' }),
    rows: z.array(decisionRowSchema).min(1).meta({ description: 'Rows tried in order; the first whose conditions all hold gives the score.' }),
    default: finite().optional().meta({ description: 'Score when no row matches and no input is missing.' }),
  })
  .meta({ description: 'Decision table over child answers or scores: first matching row wins.' });

export const aggregationObjectSchema = z.union([
  z.strictObject({
    method: z.literal('mean'),
    over: z.enum(['children', 'indicators']).optional().meta({ description: '`indicators`: average all indicators below, ignoring dimension grouping (dimensions become labels).' }),
  }),
  z.strictObject({
    method: z.literal('weighted-mean'),
    over: z.enum(['children', 'indicators']).optional(),
  }),
  methodOnly('geometric-mean', 'Geometric mean of the children (weights as exponents).'),
  methodOnly('minimum', 'The lowest child score.'),
  methodOnly('maximum', 'The highest child score.'),
  z
    .strictObject({
      method: z.literal('sum'),
      scale: z
        .strictObject({ min: finite(), max: finite() })
        .optional()
        .meta({ description: 'The lowest and highest total the node can have (default: what its parts can add up to); it must hold every total the parts can produce.' }),
    })
    .meta({ description: 'The sum of the child scores (points), each times its `multiplier`.' }),
  decisionTableSchema,
]);

export const aggregationSchema = z
  .union([z.enum(['mean', 'weighted-mean', 'geometric-mean', 'minimum', 'maximum', 'sum']), aggregationObjectSchema])
  .meta({ description: 'How a node combines its children. A bare name or an object with `method`.' });

export const optionSchema = z.strictObject({
  id: idSchema,
  label: z.string().min(1).meta({ description: 'The option as the expert reads it.' }),
  score: finite().meta({ description: 'Score on the rubric scale when this option is chosen.' }),
  description: z.string().optional(),
});

export const bandSchema = z.strictObject({
  min: finite().optional().meta({ description: 'Lowest value in the band (inclusive); open below when absent.' }),
  max: finite().optional().meta({ description: 'Highest value in the band (inclusive); open above when absent.' }),
  score: finite(),
  label: z.string().optional(),
});

export const choiceRuleSchema = z.strictObject({
  all: z.array(idSchema).optional().meta({ description: 'Every one of these options is checked.' }),
  any: z.array(idSchema).optional().meta({ description: 'At least one of these options is checked.' }),
  none: z.array(idSchema).optional().meta({ description: 'None of these options is checked.' }),
  score: finite(),
  label: z.string().optional(),
});

export const multipleScoringSchema = z
  .union([
    z.strictObject({ method: z.literal('sum') }),
    z.strictObject({ method: z.literal('count'), bands: z.array(bandSchema).min(1) }),
    z.strictObject({ method: z.literal('rules'), rules: z.array(choiceRuleSchema).min(1), default: finite().optional() }),
  ])
  .meta({ description: 'How checked options give a score: `sum` of their scores, bands on how many are checked (`count`), or the first matching rule (`rules`).' });

export const appliesWhenSchema = z
  .strictObject({
    question: idSchema.meta({ description: 'The question this one depends on.' }),
    in: z.array(z.union([z.string(), finite(), z.boolean()])).min(1).meta({ description: 'Answers (option ids, yes/no) for which this question applies.' }),
  })
  .meta({ description: 'Makes a question apply only when another question has one of the given answers.' });

export const notApplicableSchema = z
  .union([z.literal('omit'), z.strictObject({ score: finite() })])
  .meta({ description: '`omit` (default) leaves a non-applicable question out of its parent; `{ score: n }` scores it as n.' });

export const commonNodeFields = {
  id: idSchema,
  title: z.string().min(1).meta({ description: 'Short name shown in scorecards.' }),
  description: z.string().optional().meta({ description: 'What the node measures, in a sentence or two.' }),
  aliases: z.array(z.string().min(1)).optional().meta({ description: 'Other codes under which this node is known (e.g. codes used by older editions or spreadsheets).' }),
  weight: finite().optional().meta({ description: 'Weight within the parent node (default 1). Only ratios between siblings matter.' }),
  multiplier: finite().optional().meta({ description: 'Factor of this node\'s score in a parent aggregated by `sum` (default 1); `-1` subtracts its points.' }),
  replaces: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional().meta({ description: 'Id(s) of the node(s) of the previous edition that this node replaces (a rename, split or merge); followed by rubric diffs and answer migration.' }),
  dimension: z.string().optional().meta({ description: 'Label of the dimension this indicator belongs to, when dimensions are labels rather than levels.' }),
  notes: z.string().optional(),
  outcome: z.unknown().optional().meta({ description: 'Not allowed: outcome indicators never enter a policy score. Present only so that the mistake gets a clear diagnostic.' }),
} as const;

export const questionFields = {
  ...commonNodeFields,
  type: z.enum(['single-choice', 'multiple-choice', 'number', 'yes-no']).meta({ description: 'The kind of answer the question takes.' }),
  text: z.string().optional().meta({ description: 'The question put to the expert.' }),
  guidance: z.string().optional().meta({ description: 'Help for answering: definitions, what counts, edge cases.' }),
  options: z.array(optionSchema).min(1).optional().meta({ description: 'Choices of a single- or multiple-choice question.' }),
  scoring: multipleScoringSchema.optional(),
  bands: z.array(bandSchema).min(1).optional().meta({ description: 'Score bands of a number question.' }),
  unit: z.string().optional().meta({ description: 'Unit of a number answer, e.g. `years`.' }),
  range: z.strictObject({ min: finite().optional(), max: finite().optional() }).optional().meta({ description: 'Valid range of a number answer.' }),
  scores: z.strictObject({ yes: finite(), no: finite() }).optional().meta({ description: 'Scores of a yes/no question.' }),
  appliesWhen: appliesWhenSchema.optional(),
  notApplicable: notApplicableSchema.optional(),
  regions: regionCombineSchema.optional().meta({ description: 'How regional answers to this question are combined (default: the rubric\'s rule).' }),
};

/** A question (leaf) as written in a rubric file. */
export const questionSchema = z.strictObject(questionFields).meta({ title: 'Question' });

const groupFields = {
  ...commonNodeFields,
  aggregation: aggregationSchema.optional(),
  missing: missingRuleSchema.optional(),
};

/** Composite indicator: child arrays are validated node by node. */
export const compositeIndicatorShape = { ...groupFields, questions: z.array(z.unknown()).min(1) };
export const dimensionShape = { ...groupFields, indicators: z.array(z.unknown()).min(1) };
export const areaShape = {
  ...groupFields,
  shortTitle: z.string().min(1).optional().meta({ description: 'A short name of the area for chart labels and compact table headers (default: the title).' }),
  dimensions: z.array(z.unknown()).min(1).optional(),
  indicators: z.array(z.unknown()).min(1).optional(),
};
export const includeSchema = z
  .strictObject({ include: z.string().min(1).meta({ description: 'Path of an area file, relative to this file, inside the rubric folder.' }) })
  .meta({ title: 'Include' });

export const variantSchema = z
  .strictObject({
    id: idSchema,
    title: z.string().min(1),
    description: z.string().optional(),
    areas: z.array(idSchema).min(1).meta({ description: 'Ids of the areas averaged into this variant\'s top score.' }),
    default: z.boolean().optional().meta({ description: 'The variant used when none is asked for (default: the first).' }),
    aggregation: aggregationSchema.optional(),
    missing: missingRuleSchema.optional(),
  })
  .meta({ title: 'Variant', description: 'A named selection of areas for the top score, so that trends compare like with like.' });

/** One rule of a rubric's `migrate:` block (also the shape of a migration mapping file's entries). */
export function migrationRuleSchema() {
  return z
    .strictObject({
      question: idSchema.meta({ description: 'Question of this edition the rule is for.' }),
      from: z.string().min(1).optional().meta({ description: 'Question of the previous edition whose answer carries over (default: what `replaces:` or an alias names).' }),
      options: z.record(z.string(), z.string()).optional().meta({ description: 'Old option id → new option id.' }),
      review: z.string().min(1).optional().meta({ description: 'Why a carried-over answer needs a reviewer\'s look (its meaning changed).' }),
    })
    .meta({ title: 'MigrationRule' });
}

export const reportWordsSchema = z
  .strictObject({
    unitNoun: z.string().min(1).optional().meta({ description: 'What one assessed unit is called on reports: `country` (default), `economy`, `region`, `municipality` …' }),
    unitNounPlural: z.string().min(1).optional().meta({ description: 'The plural of `unitNoun` (default: `unitNoun` + `s`, `countries` for `country`).' }),
    highMeans: z.string().min(1).optional().meta({ description: 'What a high score means, completing “higher is …” (e.g. `more open`). Without it reports say only that the scale runs from min to max.' }),
    shortTitle: z.string().min(1).optional().meta({ description: 'A short name of the index for page headers (default: the title).' }),
    outcomeFramework: z.string().min(1).optional().meta({ description: 'Id of an outcome framework whose indicators reports may show beside the scores (e.g. `zaragoza`). Without it reports show outcomes only when outcome data are passed explicitly.' }),
  })
  .meta({ title: 'Report words', description: 'The words reports use for this index: nothing on a report is specific to one index unless the rubric says it here.' });

export const rubricHeaderShape = {
  $schema: z.string().optional().meta({ description: 'Editor hint; ignored.' }),
  schemaVersion: z.literal(1).meta({ description: 'Version of the rubric file format. Always 1 for now.' }),
  id: idSchema,
  version: semverSchema,
  title: z.string().min(1),
  description: z.string().optional(),
  citation: z.string().optional().meta({ description: 'How to cite the index this rubric encodes.' }),
  license: z.string().optional(),
  authors: z.array(z.string()).optional(),
  scale: scaleSchema.default({ min: 0, max: 100 }),
  display: displaySchema.default({ precision: 2, rounding: 'half-up' }),
  report: reportWordsSchema.optional(),
  missing: missingRuleSchema.default({ policy: 'omit', minShare: 0 }),
  regions: regionCombineSchema.default('mean'),
  aggregation: aggregationSchema.optional().meta({ description: 'Default aggregation of variants (default `mean`).' }),
  areas: z.array(z.unknown()).min(1).meta({ description: 'Policy areas, inline or as `{ include: path }`.' }),
  variants: z.array(variantSchema).optional().meta({ description: 'Named selections of areas for the top score. Default: one variant `all` with every area.' }),
  migrate: z.array(migrationRuleSchema()).optional().meta({ description: 'How answers written for the previous edition carry over to this one (see the editions guide).' }),
};
export const rubricHeaderSchema = z.strictObject(rubricHeaderShape);
/** An area file (included from the index file): one area, optionally with `$schema`. */
export const areaFileShape = { $schema: z.string().optional(), ...areaShape };

/**
 * One recursive zod schema of the whole rubric format, for JSON Schema export and the format
 * reference. (Loading validates node by node with the same field shapes.)
 */
export function rubricJsonSchemaModel() {
  const question = questionSchema;
  const composite: z.ZodType = z.lazy(() =>
    z.strictObject({ ...groupFields, questions: z.array(z.union([question, composite])).min(1) }).meta({ title: 'CompositeIndicator' }),
  );
  const indicator = z.union([question, composite]);
  const dimension = z.strictObject({ ...groupFields, indicators: z.array(indicator).min(1) }).meta({ title: 'Dimension' });
  const area = z
    .strictObject({ ...groupFields, dimensions: z.array(dimension).min(1).optional(), indicators: z.array(indicator).min(1).optional() })
    .meta({ title: 'Area' });
  const rubric = z.strictObject({ ...rubricHeaderShape, areas: z.array(z.union([area, includeSchema])).min(1) }).meta({ title: 'Rubric' });
  const areaFile = z.strictObject({ $schema: z.string().optional(), ...area.shape }).meta({ title: 'AreaFile' });
  return { rubric, areaFile, area, dimension, indicator, question };
}
