/**
 * Quick checks that a parsed answer-set value has the plain, valid shape of the file format,
 * so that the zod schemas in ./schema.ts need not run on it. Each check accepts only what its
 * schema accepts and gives the schema's output unchanged; anything it is unsure of is left to
 * the schema, which then reports the problems. (test/fast-answers.test.ts checks the
 * agreement.)
 *
 * @module
 */
import { PLAIN_DECIMAL_TEXT } from '../exact/index.js';
import { DATE_TEXT, METADATA_KEY_TEXT, RUBRIC_REF_TEXT } from './schema.js';
import { UNIT_CODE_TEXT } from '../units/code.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';
const STATUS = new Set(['draft', 'reviewed', 'final']);
const optionalStatus = (v: unknown) => v === undefined || (typeof v === 'string' && STATUS.has(v));

const HEADER_STRINGS = ['$schema', 'countryName', 'originalCode', 'title', 'answeredBy', 'reviewedBy', 'source', 'citation'];
const HEADER_KEYS = new Set([...HEADER_STRINGS, 'schemaVersion', 'rubric', 'country', 'year', 'referenceDate', 'status', 'metadata', 'answers']);

/** Whether `v` passes `answerSetHeaderSchema` (the schema's output is then `v` itself). */
export function isPlainHeader(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  for (const k in v) if (!HEADER_KEYS.has(k)) return false;
  if (v.schemaVersion !== 1) return false;
  if (typeof v.rubric !== 'string' || !RUBRIC_REF_TEXT.test(v.rubric)) return false;
  if (typeof v.country !== 'string' || !UNIT_CODE_TEXT.test(v.country)) return false;
  if (typeof v.year !== 'number' || !Number.isInteger(v.year) || v.year < 1900 || v.year > 2200) return false;
  if (v.referenceDate !== undefined && (typeof v.referenceDate !== 'string' || !DATE_TEXT.test(v.referenceDate))) return false;
  for (const k of HEADER_STRINGS) if (!optionalString(v[k])) return false;
  if (!optionalStatus(v.status)) return false;
  if (v.metadata !== undefined) {
    if (!isPlainObject(v.metadata)) return false;
    for (const [k, x] of Object.entries(v.metadata)) {
      if (!METADATA_KEY_TEXT.test(k)) return false;
      if (!(typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x)))) return false;
    }
  }
  return isPlainObject(v.answers);
}

/** Whether `v` passes `simpleAnswerSchema` (a string, finite number, boolean or list of strings). */
export function isPlainSimpleAnswer(v: unknown): boolean {
  if (typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (!Array.isArray(v)) return false;
  for (const x of v) if (typeof x !== 'string') return false;
  return true;
}

const ENTRY_STRINGS = ['comment', 'sourceUrl', 'answeredBy', 'reviewedBy'];
const ENTRY_KEYS = new Set([...ENTRY_STRINGS, 'answer', 'byRegion', 'recordedScore', 'regions', 'citations', 'status', 'score']);
const CITATION_KEYS = new Set(['act', 'article', 'url', 'note']);

/** Whether `v` passes `answerEntrySchema` (the schema's output is then `v` itself). */
export function isPlainAnswerEntry(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  for (const k in v) if (!ENTRY_KEYS.has(k)) return false;
  if (v.answer !== undefined && !isPlainSimpleAnswer(v.answer)) return false;
  if (v.byRegion !== undefined) {
    if (!isPlainObject(v.byRegion)) return false;
    for (const x of Object.values(v.byRegion)) if (!isPlainSimpleAnswer(x)) return false;
  }
  const r = v.recordedScore;
  if (r !== undefined && !(typeof r === 'number' ? Number.isFinite(r) : typeof r === 'string' && PLAIN_DECIMAL_TEXT.test(r))) return false;
  if (v.regions !== undefined && v.regions !== 'not-recorded') return false;
  if (v.citations !== undefined) {
    if (!Array.isArray(v.citations)) return false;
    for (const c of v.citations) {
      if (!isPlainObject(c)) return false;
      for (const k in c) if (!CITATION_KEYS.has(k) || typeof c[k] !== 'string') return false;
    }
  }
  for (const k of ENTRY_STRINGS) if (!optionalString(v[k])) return false;
  return optionalStatus(v.status);
}
