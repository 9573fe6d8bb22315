/**
 * The answer-set file format (zod).
 *
 * @module
 */
import { PLAIN_DECIMAL_TEXT } from '../exact/index.js';
import { z } from 'zod';

/** `id@version` of a rubric. */
export const RUBRIC_REF_TEXT = /^[A-Za-z0-9][A-Za-z0-9_.-]*@\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
/** ISO 3166-1 alpha-2, or CC-XXX for a sub-national unit. */
export const UNIT_CODE_TEXT = /^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/;
/** YYYY-MM-DD. */
export const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
/** A metadata key. */
export const METADATA_KEY_TEXT = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const finite = () => z.number().refine((n) => Number.isFinite(n), 'a finite number');

export const answerStatusSchema = z.enum(['draft', 'reviewed', 'final']).meta({ description: 'Review state of an answer or answer set.' });

export const citationSchema = z
  .strictObject({
    act: z.string().optional().meta({ description: 'Name of the law, decree or regulation.' }),
    article: z.string().optional().meta({ description: 'Article, section or paragraph.' }),
    url: z.string().optional().meta({ description: 'Where the text can be read.' }),
    note: z.string().optional(),
  })
  .meta({ title: 'Citation', description: 'A legal source supporting an answer.' });

export const simpleAnswerSchema = z
  .union([z.string(), finite(), z.boolean(), z.array(z.string())])
  .meta({
    description:
      'Option id (single choice), list of option ids (multiple choice), number, `yes`/`no` (or true/false), `unknown`, or `not-applicable`.',
  });

export const answerEntrySchema = z
  .strictObject({
    answer: simpleAnswerSchema.optional(),
    byRegion: z
      .record(z.string(), simpleAnswerSchema)
      .optional()
      .meta({ description: 'Answers that differ by region, keyed by region code; combined by the rubric\'s rule (mean by default).' }),
    recordedScore: z
      .union([finite(), z.string().regex(PLAIN_DECIMAL_TEXT, 'a decimal number')])
      .optional()
      .meta({
        description:
          'The score the source records for the unit when its sub-national answers differ and are not recorded, only their combination (for example 75, the mean of regional answers of 100 and 50). Needs `regions: not-recorded`; scored as written.',
      }),
    regions: z
      .literal('not-recorded')
      .optional()
      .meta({ description: 'With `recordedScore`: the regional answers behind the score are not recorded.' }),
    citations: z.array(citationSchema).optional(),
    comment: z.string().optional().meta({ description: 'Free-text explanation of the answer.' }),
    sourceUrl: z.string().optional(),
    answeredBy: z.string().optional(),
    reviewedBy: z.string().optional(),
    status: answerStatusSchema.optional(),
    score: z.unknown().optional().meta({ description: 'Not allowed: scores are derived from answers. Present only so that the mistake gets a clear diagnostic.' }),
  })
  .meta({ title: 'Answer', description: 'One answer with its evidence.' });

export const answerSetHeaderShape = {
  $schema: z.string().optional(),
  schemaVersion: z.literal(1),
  rubric: z
    .string()
    .regex(RUBRIC_REF_TEXT, 'rubric id@version, e.g. mipex-2020@1.0.0')
    .meta({ description: 'The rubric the answers were written for, as `id@version`.' }),
  country: z
    .string()
    .regex(UNIT_CODE_TEXT, 'an ISO 3166-1 alpha-2 code, or CC-XXX for a sub-national unit (ISO 3166-2)')
    .meta({ description: 'ISO 3166-1 alpha-2 country code, or an ISO 3166-2 sub-national code such as `BE-VLG`.' }),
  countryName: z.string().optional(),
  originalCode: z.string().optional().meta({ description: 'The code used by the source, when it differs (e.g. `UK` for GB).' }),
  year: z.int().min(1900).max(2200).meta({ description: 'Reference year. One answer set describes the law of one country in one year.' }),
  referenceDate: z
    .string()
    .regex(DATE_TEXT, 'a date YYYY-MM-DD')
    .optional()
    .meta({ description: 'Exact reference date within the year, when known.' }),
  title: z.string().optional(),
  answeredBy: z.string().optional(),
  reviewedBy: z.string().optional(),
  status: answerStatusSchema.optional(),
  source: z.string().optional().meta({ description: 'Where the answers come from (e.g. a workbook and sheet).' }),
  citation: z.string().optional(),
  metadata: z
    .record(z.string().regex(METADATA_KEY_TEXT, 'a key of letters, digits, ".", "_" or "-"'), z.union([z.string(), finite(), z.boolean()]))
    .optional()
    .meta({ description: 'Free facts about the unit (region, income group …), usable in peer groups as `meta:key=value`; never scored.' }),
  answers: z.record(z.string(), z.unknown()).meta({ description: 'Answers by question id: a bare answer or an answer object with evidence.' }),
};

export const answerSetHeaderSchema = z.strictObject(answerSetHeaderShape);

/** The full answer-set schema, for JSON Schema export and the format reference. */
export function answerSetJsonSchemaModel() {
  return z
    .strictObject({ ...answerSetHeaderShape, answers: z.record(z.string(), z.union([simpleAnswerSchema, answerEntrySchema])) })
    .meta({ title: 'AnswerSet' });
}
