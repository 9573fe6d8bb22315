// The playground's work, without a page: rubric text + answer set text → diagnostics (in the
// CLI's words), the score tree with its trace, and the caveat that goes with the score. Pure:
// no DOM, no state, so that it is tested in Node (test/playground-evaluate.test.ts).
import {
  diagnosticDocsUrl,
  formatDiagnostics,
  hasErrors,
  loadAnswerSet,
  loadRubric,
  scoreAnswerSet,
  sortDiagnostics,
  type Diagnostic,
  type ScoredNode,
} from '../../src/index.js';

/** The texts being edited. */
export interface PlaygroundTexts {
  rubric: string;
  answers: string;
}

/** Which editor a diagnostic points into. */
export type EditorName = 'rubric' | 'answers';

/** The file names the texts carry in diagnostics. */
export const FILE_NAMES: Readonly<Record<EditorName, string>> = { rubric: 'rubric.yaml', answers: 'answers.yaml' };

/** One diagnostic as the page shows it. */
export interface PlaygroundDiagnostic {
  diagnostic: Diagnostic;
  /** The editor it points into, when it has a file and a line there. */
  editor?: EditorName;
  /** The CLI's text for it: location, severity, code, message, details, hint and code frame. */
  text: string;
  /** Its page in the diagnostic reference of the documentation site. */
  docsUrl: string;
}

/** One node of the score tree as the page shows it. */
export interface PlaygroundNode {
  id: string;
  title: string;
  kind: string;
  /** The rounded score, or the reason there is none (`missing`, `not-applicable`). */
  score: string;
  scored: boolean;
  /** The exact score (its first 15 characters), when it differs from the rounded one. */
  exact?: string;
  /** How the node's parts are combined (group nodes). */
  aggregation?: string;
  /** The declared weight and the normalised share in the parent. */
  weight?: string;
  /** How this node entered its parent's score, when not plainly. */
  handling?: string;
  /** Why there is no score, or how a special score came about. */
  reason?: string;
  /** The decision-table row that gave the score. */
  matchedRow?: string;
  /** The answer behind a question's score. */
  answer?: string;
  children: PlaygroundNode[];
}

/** A top score of one variant. */
export interface PlaygroundVariant {
  id: string;
  title: string;
  /** Rounded score, or the reason there is none. */
  score: string;
  scored: boolean;
  chosen: boolean;
}

/**
 * Where the score stands:
 * - `comparable`: rubric and answers have no error; the score is the score of these answers.
 * - `provisional`: there are errors; invalid answers counted as missing, so the score shown is
 *   not comparable with any other.
 * - `none`: nothing could be scored (the rubric or the answer set did not load, or the work failed).
 */
export type ScoreStanding = 'comparable' | 'provisional' | 'none';

/** Everything the page shows for one pair of texts. */
export interface PlaygroundResult {
  diagnostics: PlaygroundDiagnostic[];
  /** `2 errors, 1 warning`, as the CLI ends its report, or `No problems found.`. */
  summary: string;
  standing: ScoreStanding;
  /** What the score can and cannot be taken for, when it is not a plain comparable score. */
  caveat?: string;
  variants: PlaygroundVariant[];
  tree?: PlaygroundNode;
}

/** Options for {@link evaluate}. */
export interface EvaluateOptions {
  /** Base of the documentation site that diagnostic links point into (default `../`: the playground sits in the site's `playground/` folder). */
  docsBaseUrl?: string;
}

/** The library functions used; a test may replace them (e.g. with one that throws). */
export interface PlaygroundEngine {
  loadRubric: typeof loadRubric;
  loadAnswerSet: typeof loadAnswerSet;
  scoreAnswerSet: typeof scoreAnswerSet;
}

const LIBRARY: PlaygroundEngine = { loadRubric, loadAnswerSet, scoreAnswerSet };

const HANDLING: Readonly<Record<string, string>> = {
  'omitted-missing': 'left out: no score',
  'counted-as-minimum': 'counted as the scale minimum: no score',
  'omitted-not-applicable': 'left out: does not apply',
  'scored-not-applicable': 'scored as declared for questions that do not apply',
  'table-input': 'input of the decision table',
  'not-in-variant': 'not part of this variant',
  'label-only': 'a label only: its parts enter directly',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function percent(share: string | null): string | undefined {
  if (share === null) return undefined;
  const n = Number(share) * 100;
  return `${Number.isInteger(n) ? n : n.toFixed(1)}%`;
}

/** A rounded decimal without trailing zeros (`50.0` → `50`), to tell whether the exact score differs. */
function trimmed(display: string): string {
  return display.includes('.') ? display.replace(/\.?0+$/, '') : display;
}

function answerText(node: ScoredNode): string | undefined {
  const a = node.answer;
  if (!a) return undefined;
  const value = a.value === undefined ? '' : Array.isArray(a.value) ? a.value.join(', ') : String(a.value);
  const parts = [a.status === 'answered' ? (a.label ?? value) : a.status];
  if (a.status === 'answered' && value && !(a.label ?? '').includes(value)) parts.push(`(${value})`);
  if (a.matched) parts.push(`→ ${a.matched}`);
  return parts.join(' ');
}

function matchedRowText(node: ScoredNode): string | undefined {
  const row = node.matchedRow;
  if (!row) return undefined;
  const when = Object.entries(row.when)
    .map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(' or ') : String(v)}`)
    .join(', ');
  return `${row.index < 0 ? 'table default' : `row ${row.index + 1}`}${row.label ? ` "${row.label}"` : ''}${when ? ` (when ${when})` : ''}`;
}

/** The page's view of one scored node and its parts. */
export function treeNode(node: ScoredNode, isRoot = false): PlaygroundNode {
  const scored = node.status === 'scored' && node.display !== null;
  const out: PlaygroundNode = {
    id: node.id,
    title: node.title,
    kind: node.kind,
    score: scored ? node.display! : node.status,
    scored,
    children: node.children.map((c) => treeNode(c)),
  };
  if (scored && node.score !== null && node.score !== trimmed(node.display!)) out.exact = node.score.length > 16 ? `${node.score.slice(0, 15)}…` : node.score;
  if (node.method) out.aggregation = node.method;
  if (!isRoot) {
    const share = percent(node.effectiveWeight);
    out.weight = `weight ${node.weight}${share ? ` (${share} of the parent's score)` : ''}`;
  }
  if (node.handling !== 'included' && !isRoot) out.handling = HANDLING[node.handling] ?? node.handling;
  const row = matchedRowText(node);
  if (row) out.matchedRow = row;
  // The matched row says it already.
  else if (node.reason) out.reason = node.reason;
  const answer = answerText(node);
  if (answer) out.answer = answer;
  return out;
}

function editorOf(d: Diagnostic): EditorName | undefined {
  if (!d.line) return undefined;
  if (d.file === FILE_NAMES.rubric) return 'rubric';
  if (d.file === FILE_NAMES.answers) return 'answers';
  return undefined;
}

function shown(diagnostics: readonly Diagnostic[], texts: PlaygroundTexts, base: string): PlaygroundDiagnostic[] {
  const sources = { [FILE_NAMES.rubric]: texts.rubric, [FILE_NAMES.answers]: texts.answers };
  return sortDiagnostics(diagnostics).map((d) => {
    const editor = editorOf(d);
    return {
      diagnostic: d,
      ...(editor ? { editor } : {}),
      text: formatDiagnostics([d], { sources, summary: false }),
      docsUrl: diagnosticDocsUrl(d.code, base),
    };
  });
}

function summaryOf(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return 'No problems found.';
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const infos = diagnostics.length - errors - warnings;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${infos ? `, ${infos} info` : ''}`;
}

function nothing(diagnostics: Diagnostic[], texts: PlaygroundTexts, base: string, caveat: string): PlaygroundResult {
  return { diagnostics: shown(diagnostics, texts, base), summary: summaryOf(diagnostics), standing: 'none', caveat, variants: [] };
}

/**
 * Checks and scores the texts with the library, as `policy-index score` does on files. Never
 * throws: when the library fails, the result says so and holds no score.
 */
export function evaluate(texts: PlaygroundTexts, options: EvaluateOptions = {}, engine: PlaygroundEngine = LIBRARY): PlaygroundResult {
  const base = options.docsBaseUrl ?? '../';
  try {
    const rubric = engine.loadRubric(texts.rubric, { file: FILE_NAMES.rubric });
    const answers = engine.loadAnswerSet(texts.answers, { file: FILE_NAMES.answers });
    const loaded = [...rubric.diagnostics, ...answers.diagnostics];
    if (!rubric.value) {
      const n = rubric.diagnostics.filter((d) => d.severity === 'error').length;
      return nothing(loaded, texts, base, `No score: the rubric did not load (${plural(n, 'error')}). Fix the rubric to see a score.`);
    }
    if (!answers.value) {
      const n = answers.diagnostics.filter((d) => d.severity === 'error').length;
      return nothing(loaded, texts, base, `No score: the answer set did not load (${plural(n, 'error')}). Fix the answer set to see a score.`);
    }
    const result = engine.scoreAnswerSet(rubric.value, answers.value);
    const diagnostics = [...loaded, ...result.diagnostics];
    const variants: PlaygroundVariant[] = result.variants.map((v) => ({
      id: v.id,
      title: v.title,
      score: v.status === 'scored' && v.display !== null ? v.display : v.status,
      scored: v.status === 'scored' && v.display !== null,
      chosen: v.id === result.variant,
    }));
    const tree = treeNode(result.root, true);
    if (!hasErrors(diagnostics)) return { diagnostics: shown(diagnostics, texts, base), summary: summaryOf(diagnostics), standing: 'comparable', variants, tree };
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const where = [...new Set(errors.map((d) => (d.file === FILE_NAMES.rubric ? 'the rubric' : d.file === FILE_NAMES.answers ? 'the answer set' : 'the input')))].join(' and ');
    return {
      diagnostics: shown(diagnostics, texts, base),
      summary: summaryOf(diagnostics),
      standing: 'provisional',
      caveat:
        `Provisional, not comparable: ${where} ${errors.length === 1 ? 'has an error' : `have ${errors.length} errors`}. ` +
        'An invalid answer counts as missing, so these scores are not the scores of a valid answer set and may be higher or lower than the real ones. Fix the errors to get a comparable score.',
      variants,
      tree,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failure: Diagnostic = { code: 'INTERNAL_ERROR', severity: 'error', message: `Checking and scoring failed unexpectedly: ${message}` };
    return nothing([failure], texts, base, 'No score: checking and scoring failed on this input, so no result is shown. Please report the input.');
  }
}

/** A 1-based line and column as an offset into `text` (clamped to the text). */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(lineEnd, offset + Math.max(0, column - 1));
}

/** The range a diagnostic marks in its text: from its start to its end, or one character. */
export function rangeOf(text: string, d: Diagnostic): { from: number; to: number } {
  const from = offsetOf(text, d.line ?? 1, d.column ?? 1);
  let to = d.endLine ? offsetOf(text, d.endLine, d.endColumn ?? 1) : from;
  if (to <= from) {
    const end = text.indexOf('\n', from);
    to = Math.min(from + 1, end < 0 ? text.length : end);
  }
  return { from, to: Math.max(from, to) };
}
