/**
 * The answer-set file format (zod).
 *
 * @module
 */
import { PLAIN_DECIMAL_TEXT } from '../exact/index.js';
import * as z from 'zod/mini';
import { finite, meta } from '../source/zod-schema.js';
import { UNIT_CODE_TEXT } from '../units/code.js';

/** `id@version` of a rubric. */
export const RUBRIC_REF_TEXT = /^[A-Za-z0-9][A-Za-z0-9_.-]*@\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
/** YYYY-MM-DD. */
export const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
/** A metadata key. */
export const METADATA_KEY_TEXT = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export const answerStatusSchema = meta(z.enum(['draft', 'reviewed', 'final']), { description: 'Review state of an answer or answer set.' });

export const citationSchema = meta(
  z.strictObject({
    act: meta(z.optional(z.string()), { description: 'Name of the law, decree or regulation.' }),
    article: meta(z.optional(z.string()), { description: 'Article, section or paragraph.' }),
    url: meta(z.optional(z.string()), { description: 'Where the text can be read.' }),
    note: z.optional(z.string()),
  }),
  { title: 'Citation', description: 'A legal source supporting an answer.' },
);

export const simpleAnswerSchema = meta(z.union([z.string(), finite(), z.boolean(), z.array(z.string())]), {
  description:
    'Option id (single choice), list of option ids (multiple choice), number, `yes`/`no` (or true/false), `unknown`, or `not-applicable`.',
});

export const answerEntrySchema = meta(
  z.strictObject({
    answer: z.optional(simpleAnswerSchema),
    byRegion: meta(z.optional(z.record(z.string(), simpleAnswerSchema)), {
      description: 'Answers that differ by region, keyed by region code; combined by the rubric\'s rule (mean by default).',
    }),
    recordedScore: meta(z.optional(z.union([finite(), z.string().check(z.regex(PLAIN_DECIMAL_TEXT, 'a decimal number'))])), {
      description:
        'The score the source records for the unit when its sub-national answers differ and are not recorded, only their combination (for example 75, the mean of regional answers of 100 and 50). Needs `regions: not-recorded`; scored as written.',
    }),
    regions: meta(z.optional(z.literal('not-recorded')), { description: 'With `recordedScore`: the regional answers behind the score are not recorded.' }),
    citations: z.optional(z.array(citationSchema)),
    comment: meta(z.optional(z.string()), { description: 'Free-text explanation of the answer.' }),
    sourceUrl: z.optional(z.string()),
    answeredBy: z.optional(z.string()),
    reviewedBy: z.optional(z.string()),
    status: z.optional(answerStatusSchema),
    score: meta(z.optional(z.unknown()), { description: 'Not allowed: scores are derived from answers. Present only so that the mistake gets a clear diagnostic.' }),
  }),
  { title: 'Answer', description: 'One answer with its evidence.' },
);

export const answerSetHeaderShape = {
  $schema: z.optional(z.string()),
  schemaVersion: z.literal(1),
  rubric: meta(z.string().check(z.regex(RUBRIC_REF_TEXT, 'rubric id@version, e.g. mipex-2020@1.0.0')), {
    description: 'The rubric the answers were written for, as `id@version`.',
  }),
  country: meta(z.string().check(z.regex(UNIT_CODE_TEXT, 'an ISO 3166-1 alpha-2 code, or CC-XXX for a sub-national unit (ISO 3166-2)')), {
    description: 'ISO 3166-1 alpha-2 country code, or an ISO 3166-2 sub-national code such as `BE-VLG`.',
  }),
  countryName: z.optional(z.string()),
  originalCode: meta(z.optional(z.string()), { description: 'The code used by the source, when it differs (e.g. `UK` for GB).' }),
  year: meta(z.int().check(z.gte(1900), z.lte(2200)), { description: 'Reference year. One answer set describes the law of one country in one year.' }),
  referenceDate: meta(z.optional(z.string().check(z.regex(DATE_TEXT, 'a date YYYY-MM-DD'))), { description: 'Exact reference date within the year, when known.' }),
  title: z.optional(z.string()),
  answeredBy: z.optional(z.string()),
  reviewedBy: z.optional(z.string()),
  status: z.optional(answerStatusSchema),
  source: meta(z.optional(z.string()), { description: 'Where the answers come from (e.g. a workbook and sheet).' }),
  citation: z.optional(z.string()),
  metadata: meta(
    z.optional(z.record(z.string().check(z.regex(METADATA_KEY_TEXT, 'a key of letters, digits, ".", "_" or "-"')), z.union([z.string(), finite(), z.boolean()]))),
    { description: 'Free facts about the unit (region, income group …), usable in peer groups as `meta:key=value`; never scored.' },
  ),
  answers: meta(z.record(z.string(), z.unknown()), { description: 'Answers by question id: a bare answer or an answer object with evidence.' }),
};

export const answerSetHeaderSchema = z.strictObject(answerSetHeaderShape);

/** The full answer-set schema, for JSON Schema export and the format reference. */
export function answerSetJsonSchemaModel() {
  return meta(z.strictObject({ ...answerSetHeaderShape, answers: z.record(z.string(), z.union([simpleAnswerSchema, answerEntrySchema])) }), { title: 'AnswerSet' });
}
