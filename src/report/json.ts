/**
 * JSON rendering of a scorecard: the model itself, checked against its schema, with stable
 * key order and a trailing newline (byte-identical for the same input).
 *
 * @module
 */
import type { IndexModel, Scorecard } from './model.js';
import { scorecardSchema } from './schema.js';

/** Options for {@link renderScorecardJson}. */
export interface ScorecardJsonOptions {
  /** Check the model against the scorecard schema first (throws on a mismatch; default false — the tests check it). */
  validate?: boolean;
}

/**
 * Renders a scorecard as JSON: the model as it is, pretty-printed, with a trailing newline.
 *
 * @example
 * ```ts
 * import { renderScorecardJson } from 'policy-index';
 * declare const card: import('policy-index').Scorecard;
 * const text = renderScorecardJson(card);
 * JSON.parse(text).schema; // 'policy-index/scorecard@1'
 * ```
 */
export function renderScorecardJson(card: Scorecard, options: ScorecardJsonOptions = {}): string {
  if (options.validate) scorecardSchema.parse(card);
  return JSON.stringify(card, null, 2) + '\n';
}

/**
 * Renders the index model as JSON.
 *
 * @example
 * ```ts
 * import { renderIndexJson } from 'policy-index';
 * declare const model: import('policy-index').IndexModel;
 * const text = renderIndexJson(model);
 * ```
 */
export function renderIndexJson(model: IndexModel): string {
  return JSON.stringify(model, null, 2) + '\n';
}
