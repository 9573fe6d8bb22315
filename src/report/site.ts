/**
 * A whole report site as a list of files (path + text): `index.html` with the ranking and one
 * scorecard per country for its latest year with a complete score, in HTML and optionally Markdown and JSON. Pure:
 * the caller decides where the files go.
 *
 * @module
 */
import type { OutcomeEntry } from './schema.js';
import type { AnswerSet } from '../answers/types.js';
import type { PeerGroup } from '../analysis/compare.js';
import type { Rubric } from '../rubric/types.js';
import { scoreAnswerSet } from '../scoring/score.js';
import type { ScoreResult } from '../scoring/types.js';
import { renderIndexHtml, renderScorecardHtml } from './html.js';
import { renderIndexJson, renderScorecardJson } from './json.js';
import { renderIndexMarkdown, renderScorecardMarkdown } from './markdown.js';
import { buildIndexModel, buildScorecard, createScorecardContext, type ScorecardContext } from './model.js';

/** One output file. */
export interface SiteFile {
  /** Path relative to the output folder, with `/` separators. */
  path: string;
  text: string;
}

/** Output formats of a site. */
export type SiteFormat = 'html' | 'md' | 'json';

/** Options for {@link buildSite}. */
export interface BuildSiteOptions {
  peers?: PeerGroup;
  /** Formats to write (default: html only). */
  formats?: readonly SiteFormat[];
  /** Year of the index ranking, and of every scorecard that has it (default: the year in which the most units have a complete score, see `defaultYear`). */
  year?: number;
  /** Variant of the index ranking. */
  variant?: string;
  generatedAt?: string;
  /** Called once per country, before its scorecard is built. */
  onProgress?: (done: number, total: number, country: string, name: string) => void;
  fileLabel?: (file: string) => string;
  /** Results already scored (must match the answer sets); scored here otherwise. */
  results?: readonly ScoreResult[];
  /** Outcome entries of a country and year, shown beside (never inside) its policy scores. */
  outcomes?: (country: string, year: number) => OutcomeEntry[];
}

/**
 * Scores every answer set once (default variant, no missing-answer diagnostics).
 *
 * @example
 * ```ts
 * import { scoreAll, type Rubric, type AnswerSet } from 'policy-index';
 * declare const rubric: Rubric, sets: AnswerSet[];
 * const results = scoreAll(rubric, sets); // one ScoreResult per answer set, same order
 * ```
 */
export function scoreAll(rubric: Rubric, sets: readonly AnswerSet[]): ScoreResult[] {
  return sets.map((s) => scoreAnswerSet(rubric, s, { reportMissing: false }));
}

/**
 * Builds the files of a report site: `index.html` (ranking and links) and `<CC>.html` (plus
 * `.md` / `.json` when asked) for every country's latest year with a complete score.
 *
 * @example
 * ```ts
 * import { buildSite } from 'policy-index';
 * declare const rubric: import('policy-index').Rubric;
 * declare const sets: import('policy-index').AnswerSet[];
 * const { files } = buildSite(rubric, sets, { formats: ['html', 'json'] });
 * for (const f of files) console.log(f.path, f.text.length);
 * ```
 */
export function buildSite(rubric: Rubric, sets: readonly AnswerSet[], options: BuildSiteOptions = {}): { files: SiteFile[]; context: ScorecardContext } {
  const formats = options.formats ?? ['html'];
  const results = options.results ?? scoreAll(rubric, sets);
  const ctx = createScorecardContext(rubric, results, sets, { ...(options.peers ? { peers: options.peers } : {}), ...(options.fileLabel ? { fileLabel: options.fileLabel } : {}) });
  const files: SiteFile[] = [];
  const countries = ctx.countries();
  const gen = options.generatedAt ? { generatedAt: options.generatedAt } : {};
  countries.forEach((cc, i) => {
    options.onProgress?.(i + 1, countries.length, cc, ctx.name(cc));
    // With a report year, every scorecard is for that year; units without data for it keep
    // their latest scorecard and are listed on the index as not assessed in that year.
    const inYear = options.year !== undefined && ctx.years(cc).includes(options.year);
    const card = buildScorecard(ctx, cc, { ...gen, ...(inYear ? { year: options.year } : {}) });
    if (!card) return;
    if (options.outcomes) card.outcomes = options.outcomes(cc, card.year);
    if (formats.includes('html')) files.push({ path: `${cc}.html`, text: renderScorecardHtml(card) });
    if (formats.includes('md')) files.push({ path: `${cc}.md`, text: renderScorecardMarkdown(card) });
    if (formats.includes('json')) files.push({ path: `${cc}.json`, text: renderScorecardJson(card) });
  });
  const index = buildIndexModel(ctx, { ...(options.year !== undefined ? { year: options.year, cardsForYear: true } : {}), ...(options.variant ? { variant: options.variant } : {}), ...gen });
  const scale = { min: rubric.scale.min, max: rubric.scale.max };
  files.unshift({ path: 'index.html', text: renderIndexHtml(index, { scale }) });
  if (formats.includes('md')) files.push({ path: 'index.md', text: renderIndexMarkdown(index) });
  if (formats.includes('json')) files.push({ path: 'index.json', text: renderIndexJson(index) });
  return { files, context: ctx };
}
