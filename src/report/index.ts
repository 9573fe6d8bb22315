/**
 * Scorecards, comparisons and trends: the scorecard model, its JSON Schema, SVG charts and
 * the HTML, Markdown and JSON renderers. Browser-safe (no file system, no process).
 *
 * @module
 */
export type { Scorecard, NodeCard, AreaCard, OverallCard, Comparison, Derivation, OutcomeEntry, ChartSeries } from './schema.js';
export { scorecardSchema, scorecardJsonSchema, outcomeEntrySchema } from './schema.js';
export type { ScorecardContext, ScorecardContextOptions, BuildScorecardOptions, IndexModel, IndexRow, IndexModelOptions } from './model.js';
export { createScorecardContext, buildScorecard, buildIndexModel, defaultIndexYear } from './model.js';
export type { ChartCategory, ChartSeriesInput, ChartOptions, LineSeriesInput, LineChartOptions } from './svg.js';
export { barChartSvg, radarChartSvg, lineChartSvg, PALETTE } from './svg.js';
export type { HtmlOptions } from './html.js';
export { renderScorecardHtml, renderIndexHtml, CONTENT_SECURITY_POLICY } from './html.js';
export { renderScorecardMarkdown, renderIndexMarkdown } from './markdown.js';
export type { ScorecardJsonOptions } from './json.js';
export { renderScorecardJson, renderIndexJson } from './json.js';
export { escapeHtml, escapeMarkdown, safeUrl } from './escape.js';
export type { SiteFile, SiteFormat, BuildSiteOptions } from './site.js';
export { buildSite, scoreAll } from './site.js';
export type { Ranking, RankedEntry, RankOptions, PeerGroup, NamedPeerGroup, PeerAverages, PeerAverageOptions, AverageScore, AreaDifference, StrengthsOptions, DisplayRule, RankOf } from '../analysis/compare.js';
export { isPeer } from '../analysis/peer-group.js';
export { rankResults, rankBy, peerAverage, peerMembers, strengthsAndWeaknesses } from '../analysis/compare.js';
export type { ChangeReport, AnswerChange, ChangeOptions, ScoreDelta, ChangedAnswerSide } from '../analysis/change.js';
export { computeChange, sumExact, previousAnswerSet, commonVariant } from '../analysis/change.js';
export type { ComparableTrend, ComparableTrendOptions, ComparableTrendPoint, ExactAverage } from '../analysis/trend.js';
export { comparableTrend } from '../analysis/trend.js';
export type { FractionValue } from '../analysis/compare.js';
export { averageScores as exactMean } from '../analysis/compare.js';
