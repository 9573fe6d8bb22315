/**
 * The zod schema of the scorecard model. The TypeScript types of the model are inferred from
 * it, and `schemas/scorecard.schema.json` (the JSON Schema of `--format json`, written by
 * `npm run build`) is generated from it, so the three cannot drift apart.
 *
 * @module
 */
import { z } from 'zod';
import type { Figure } from '../scoring/types.js';

const exact = z.string().nullable().describe('Exact decimal score as a string, or null when there is no score.');
const display = z.string().nullable().describe('The score rounded as the rubric declares, or null.');
const num = z.number().nullable().describe('The score as a number (for charts), or null.');
/** The shape of a {@link Figure}: exact string, display string and number. */
const figureShape = { score: exact, display, value: num };

/** An average over a peer group. */
export const averageScoreSchema = z.object({
  ...figureShape,
  count: z.number().int().describe('Members with a score.'),
});

const citationSchema = z.object({
  act: z.string().optional(),
  article: z.string().optional(),
  url: z.string().optional(),
  note: z.string().optional(),
});

const evidenceSchema = z.object({
  citations: z.array(citationSchema),
  comment: z.string().optional(),
  status: z.enum(['draft', 'reviewed', 'final']).optional(),
  sourceUrl: z.string().optional(),
  answeredBy: z.string().optional(),
  reviewedBy: z.string().optional(),
});

const answerValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

const answerCardSchema = z.object({
  status: z.enum(['answered', 'unknown', 'not-applicable', 'missing', 'invalid', 'does-not-apply']),
  /** The answer in words. */
  label: z.string().describe('The answer in words (option labels), or a phrase such as "no answer".'),
  value: answerValueSchema.optional(),
  matched: z.string().optional().describe('Band or rule that gave the score.'),
  regions: z.array(z.object({ region: z.string(), label: z.string(), score: z.string() })).optional(),
  evidence: evidenceSchema,
});

const derivationPartSchema = z.object({
  id: z.string(),
  title: z.string(),
  weight: z.string(),
  effectiveWeight: z.string().nullable(),
  handling: z.string(),
  display,
});

const derivationSchema = z.object({
  method: z.string(),
  /** A sentence saying how the score was derived. */
  text: z.string(),
  parts: z.array(derivationPartSchema),
  matchedRow: z
    .object({
      index: z.number().int().describe('0-based row, or -1 for the table default.'),
      label: z.string().optional(),
      conditions: z.array(z.object({ input: z.string(), inputTitle: z.string(), value: z.string() })),
    })
    .optional(),
  missing: z.object({ present: z.number().int(), total: z.number().int(), policy: z.string() }).optional(),
});

/** One node of a scorecard (area, dimension, indicator or question). */
export interface NodeCard extends Figure {
  id: string;
  level: 'index' | 'area' | 'dimension' | 'indicator' | 'question';
  title: string;
  shortTitle?: string;
  description?: string;
  status: 'scored' | 'missing' | 'not-applicable';
  reason?: string;
  weight: string;
  effectiveWeight: string | null;
  shareOfTop: string | null;
  handling: string;
  /** Dimension label, when the rubric uses dimensions as labels. */
  dimension?: string;
  derivation?: z.infer<typeof derivationSchema>;
  answer?: z.infer<typeof answerCardSchema>;
  children: NodeCard[];
}

/** The schema of {@link NodeCard}. */
export const nodeCardSchema: z.ZodType<NodeCard> = z.object({
  id: z.string(),
  level: z.enum(['index', 'area', 'dimension', 'indicator', 'question']),
  title: z.string(),
  shortTitle: z.string().optional(),
  description: z.string().optional(),
  status: z.enum(['scored', 'missing', 'not-applicable']),
  ...figureShape,
  reason: z.string().optional(),
  weight: z.string(),
  effectiveWeight: z.string().nullable(),
  shareOfTop: z.string().nullable(),
  handling: z.string(),
  dimension: z.string().optional(),
  derivation: derivationSchema.optional(),
  answer: answerCardSchema.optional(),
  get children() {
    return z.array(nodeCardSchema);
  },
});

const comparisonSchema = z.object({
  rank: z.number().int().nullable(),
  rankLabel: z.string().describe('Rank as shown: "3", "=3" for a shared rank, "—" when unscored.'),
  of: z.number().int().describe('Countries with a score in that year.'),
  peer: averageScoreSchema,
  difference: z.string().nullable().describe('Country minus peer average, exact.'),
  differenceDisplay: z.string().nullable(),
});

const areaCardSchema = z.object({
  node: nodeCardSchema,
  inVariants: z.array(z.string()),
  comparison: comparisonSchema,
});

const overallSchema = z.object({
  variant: z.string(),
  title: z.string(),
  description: z.string().optional(),
  default: z.boolean(),
  status: z.enum(['scored', 'missing', 'not-applicable']),
  ...figureShape,
  reason: z.string().optional(),
  areas: z.array(z.string()),
  comparison: comparisonSchema,
});

const areaDifferenceSchema = z.object({
  area: z.string(),
  title: z.string(),
  score: z.string(),
  display: z.string(),
  peerAverage: z.string(),
  peerDisplay: z.string(),
  difference: z.string(),
  differenceDisplay: z.string(),
  differenceValue: z.number(),
});

const scoreDeltaShape = {
  from: exact,
  to: exact,
  fromDisplay: display,
  toDisplay: display,
  delta: z.string().nullable(),
  deltaDisplay: z.string().nullable(),
};

const changedSideSchema = z.object({
  status: z.string(),
  label: z.string(),
  value: answerValueSchema.optional(),
  score: exact,
});

const changeSchema = z.object({
  country: z.string(),
  fromYear: z.number().int(),
  toYear: z.number().int(),
  variant: z.string(),
  variantTitle: z.string(),
  overall: z.object(scoreDeltaShape),
  variants: z.array(z.object({ id: z.string(), title: z.string(), ...scoreDeltaShape })),
  areas: z.array(z.object({ id: z.string(), title: z.string(), status: z.enum(['compared', 'new', 'dropped', 'not-assessed']).optional(), ...scoreDeltaShape })),
  assessedInOneYear: z.object({ count: z.number().int(), contribution: exact, contributionDisplay: z.string().nullable() }).optional().describe('Answers recorded in one of the two years only: not changes.'),
  changes: z.array(
    z.object({
      question: z.string(),
      title: z.string(),
      area: z.string(),
      areaTitle: z.string(),
      path: z.array(z.string()),
      from: changedSideSchema,
      to: changedSideSchema,
      contribution: z.string().nullable().describe('Change of the overall score at this step (sequential substitution), exact.'),
      contributionDisplay: z.string().nullable(),
      areaContribution: z.string().nullable(),
      areaContributionDisplay: z.string().nullable(),
    }),
  ),
  contributionPrecision: z.number().int(),
  totalContributionDisplay: z.string().nullable(),
  unchangedScore: z.number().int(),
  exact: z.boolean().describe('Whether the contributions add up to the overall delta exactly (on the exact values; each string is written to at most 60 significant digits).'),
});

const seriesSchema = z.object({
  id: z.string(),
  label: z.string(),
  values: z.array(z.object({ area: z.string(), value: num, display })),
});

const trendSchema = z.object({
  variant: z.string(),
  variantTitle: z.string(),
  peerMode: z.enum(['constant', 'broken']).optional().describe('constant: the peer average is over the same units every year; broken: the line breaks where its set of units changes.'),
  members: z.array(z.string()).optional().describe('The constant peer set.'),
  points: z.array(z.object({ year: z.number().int(), ...figureShape, peer: averageScoreSchema, segment: z.number().int().optional() })),
});

/** One outcome indicator shown beside (never inside) the policy scores. */
export const outcomeEntrySchema = z.object({
  indicator: z.string(),
  title: z.string(),
  unit: z.string(),
  cohorts: z.array(z.object({ id: z.string(), label: z.string(), value: z.number().nullable() })),
  gap: z.object({ kind: z.string(), value: z.number().nullable(), label: z.string().optional() }).nullable(),
  year: z.number().int(),
  source: z.object({ title: z.string().optional(), url: z.string().optional(), publisher: z.string().optional() }),
});

/** The schema of a scorecard: one country, one reference year, one rubric. */
export const scorecardSchema = z
  .object({
    schema: z.literal('policy-index/scorecard@1'),
    country: z.object({ code: z.string(), name: z.string() }),
    year: z.number().int(),
    referenceDate: z.string().optional(),
    answerSet: z.object({
      file: z.string(),
      status: z.enum(['draft', 'reviewed', 'final']).optional(),
      answeredBy: z.string().optional(),
      reviewedBy: z.string().optional(),
      source: z.string().optional(),
      citation: z.string().optional(),
      answered: z.number().int().describe('Questions with an answer.'),
      questions: z.number().int().describe('Questions in the rubric.'),
    }),
    rubric: z.object({
      id: z.string(),
      version: z.string(),
      title: z.string(),
      citation: z.string().optional(),
      scale: z.object({ min: z.number(), max: z.number() }),
      precision: z.number().int(),
      rounding: z.string().optional().describe('Declared display rounding.'),
      unitNoun: z.string().optional().describe('What one unit is called (declared by the rubric; default `country`).'),
      unitNounPlural: z.string().optional(),
      highMeans: z.string().optional().describe('What a high score means, as the rubric declares it.'),
      shortTitle: z.string().optional(),
    }),
    generatedAt: z.string().optional().describe('Only present when the caller passes a time; output is otherwise reproducible byte for byte.'),
    variant: z.string().describe('The default variant.'),
    overall: z.array(overallSchema),
    areas: z.array(areaCardSchema),
    peers: z.object({ group: z.enum(['all', 'eu', 'oecd', 'custom']), label: z.string(), members: z.array(z.string()), year: z.number().int() }),
    series: z.array(seriesSchema).describe('Area scores of the country and of the peer average, for charts.'),
    strengths: z.array(areaDifferenceSchema),
    weaknesses: z.array(areaDifferenceSchema),
    measure: z
      .object({
        variant: z.string(),
        title: z.string(),
        note: z.string().optional().describe('Set when the change or the trend is measured on another variant: which, and why (said once on the page).'),
      })
      .optional()
      .describe('The headline measure of the page: the comparable variant of the year\'s results, used by the headline, the change and the trend unless the note says otherwise.'),
    change: changeSchema.nullable(),
    trend: trendSchema.nullable(),
    outcomes: z.array(outcomeEntrySchema).optional().describe('Outcome indicators: descriptive, never part of a policy score.'),
  })
  .describe('A policy-index country scorecard.');

/** A country scorecard (plain JSON data). */
export type Scorecard = z.infer<typeof scorecardSchema>;
/** An area of a scorecard with its comparison to the peer group. */
export type AreaCard = z.infer<typeof areaCardSchema>;
/** An overall score of one variant with its rank. */
export type OverallCard = z.infer<typeof overallSchema>;
/** The rank and peer comparison of one score. */
export type Comparison = z.infer<typeof comparisonSchema>;
/** One outcome indicator entry. */
export type OutcomeEntry = z.infer<typeof outcomeEntrySchema>;
/** How a composite score was derived. */
export type Derivation = z.infer<typeof derivationSchema>;
/** A chart series. */
export type ChartSeries = z.infer<typeof seriesSchema>;

/**
 * The JSON Schema (draft 2020-12) of the scorecard JSON output.
 *
 * @example
 * ```ts
 * import { scorecardJsonSchema } from 'policy-index';
 * scorecardJsonSchema().title; // 'policy-index scorecard'
 * ```
 */
export function scorecardJsonSchema(): Record<string, unknown> {
  const json = z.toJSONSchema(scorecardSchema, { io: 'output', unrepresentable: 'any', cycles: 'ref' }) as Record<string, unknown>;
  return { $id: 'https://policy-index.dev/schemas/scorecard.schema.json', title: 'policy-index scorecard', ...json };
}
