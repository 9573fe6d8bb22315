/**
 * The columns an answer table may carry besides the answers themselves: fields of the answer
 * set (one per row) and fields of each answer (`<question>.<field>`). Each is one entry of a
 * table, so that a new answer-set or answer field needs one new entry here and nothing else.
 *
 * @module
 */
import * as z from 'zod/mini';
import { citationSchema } from '../answers/schema.js';
import type { Answer, AnswerSet, AnswerStatus, Citation, Evidence } from '../answers/types.js';

/** Outcome of reading one cell into a field: the new value, or a problem to report. */
export type FieldRead<T> = { ok: true; value: T | undefined } | { ok: false; message: string; expected?: string };

const STATUSES: readonly AnswerStatus[] = ['draft', 'reviewed', 'final'];

function readStatus(text: string): FieldRead<AnswerStatus> {
  const t = text.trim().toLowerCase();
  if (t === '') return { ok: true, value: undefined };
  if ((STATUSES as readonly string[]).includes(t)) return { ok: true, value: t as AnswerStatus };
  return { ok: false, message: `"${text}" is not a review status.`, expected: STATUSES.join(', ') };
}

const text = (t: string): FieldRead<string> => ({ ok: true, value: t === '' ? undefined : t });

/** A field of the answer set, written once per row. */
export interface SetField {
  name: string;
  get: (set: AnswerSet) => string | undefined;
  read: (cell: string) => FieldRead<unknown>;
  set: (target: Record<string, unknown>, value: unknown) => void;
}

const plainSetField = (name: keyof AnswerSet & string, read: (t: string) => FieldRead<unknown> = text): SetField => ({
  name,
  get: (s) => (s[name] === undefined ? undefined : String(s[name])),
  read,
  set: (t, v) => void (t[name] = v),
});

/** Answer-set columns, in the order the export writes them. */
export const SET_FIELDS: readonly SetField[] = [
  plainSetField('countryName'),
  plainSetField('originalCode'),
  plainSetField('referenceDate', (t) => (t === '' ? { ok: true, value: undefined } : /^\d{4}-\d{2}-\d{2}$/.test(t.trim()) ? { ok: true, value: t.trim() } : { ok: false, message: `"${t}" is not a date YYYY-MM-DD.` })),
  plainSetField('title'),
  plainSetField('answeredBy'),
  plainSetField('reviewedBy'),
  plainSetField('status', readStatus),
  plainSetField('source'),
  plainSetField('citation'),
];

/**
 * The column `<question>.recordedScore`: the score a source records for regional answers that
 * it does not record one by one (the answer cell stays empty).
 */
export const RECORDED_SCORE_COLUMN = 'recordedScore';

/** A field of one answer, in a column `<question>.<name>`. */
export interface AnswerField {
  name: string;
  /** Other spellings accepted on import (`url` for `sourceUrl`). */
  aliases: readonly string[];
  /** The cell text for an answer, or undefined when the answer has no such field. */
  get?: (answer: Answer) => string | undefined;
  read: (cell: string) => FieldRead<unknown>;
  apply: (evidence: { -readonly [K in keyof Evidence]: Evidence[K] }, value: unknown) => void;
}

const citationsSchema = z.array(citationSchema);

/** Answer columns, in the order the export writes them after the answer and its regions. */
export const ANSWER_FIELDS: readonly AnswerField[] = [
  { name: 'comment', aliases: [], get: (a) => a.evidence.comment, read: text, apply: (e, v) => void (e.comment = v as string) },
  { name: 'sourceUrl', aliases: ['url'], get: (a) => a.evidence.sourceUrl, read: text, apply: (e, v) => void (e.sourceUrl = v as string) },
  {
    name: 'citations',
    aliases: [],
    get: (a) => (a.evidence.citations.length ? JSON.stringify(a.evidence.citations) : undefined),
    read: (t) => {
      if (t.trim() === '') return { ok: true, value: undefined };
      let parsed: unknown;
      try {
        parsed = JSON.parse(t);
      } catch {
        return { ok: false, message: 'The citations are not a JSON list such as [{"act": "Aliens Act", "article": "12"}].' };
      }
      const r = z.safeParse(citationsSchema, parsed);
      return r.success ? { ok: true, value: r.data } : { ok: false, message: 'The citations must be a JSON list of objects with act, article, url and note.' };
    },
    apply: (e, v) => void (e.citations = [...e.citations, ...(v as Citation[])]),
  },
  // Import only: one citation as plain text (the act and article as written).
  { name: 'citation', aliases: [], read: text, apply: (e, v) => void (e.citations = [...e.citations, { act: v as string }]) },
  { name: 'answeredBy', aliases: [], get: (a) => a.evidence.answeredBy, read: text, apply: (e, v) => void (e.answeredBy = v as string) },
  { name: 'reviewedBy', aliases: [], get: (a) => a.evidence.reviewedBy, read: text, apply: (e, v) => void (e.reviewedBy = v as string) },
  { name: 'status', aliases: [], get: (a) => a.evidence.status, read: readStatus, apply: (e, v) => void (e.status = v as AnswerStatus) },
];

/** Field by any of its names, case-insensitively. */
export function answerFieldNamed(name: string): AnswerField | undefined {
  const n = name.toLowerCase();
  return ANSWER_FIELDS.find((f) => f.name.toLowerCase() === n || f.aliases.some((a) => a.toLowerCase() === n));
}

/** Set field by name, case-insensitively. */
export function setFieldNamed(name: string): SetField | undefined {
  const n = name.toLowerCase();
  return SET_FIELDS.find((f) => f.name.toLowerCase() === n);
}
