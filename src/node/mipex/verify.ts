/**
 * Verification of a MIPEX rubric against the official workbook: every answer set imported from
 * the workbook is scored, and every score the workbook publishes (composite indicators,
 * strands, overall variants) is compared with the computed one.
 *
 * Node-only: it reads files.
 *
 * @module
 */
import { D } from '../../answers/interpret.js';
import type { AnswerSet } from '../../answers/types.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { Rubric } from '../../rubric/types.js';
import { scoreAnswerSet } from '../../scoring/score.js';
import type { ScoredNode, ScoreResult } from '../../scoring/types.js';
import { bundledRubricPath } from '../package.js';
import { loadRubricFile } from '../files.js';
import { importMipexWorkbook, mipexCodeIndex, normaliseMipexCode, type MipexImportResult, type PublishedScore } from './import.js';

/** Largest difference between a published and a computed score that still counts as agreement. */
export const VERIFY_TOLERANCE = 1e-9;

/** One published score that the computed score does not reproduce. */
export interface VerifyDisagreement {
  country: string;
  year: number;
  /** MIPEX code (`c`, `bb28`) or variant id (`with-health`). */
  node: string;
  published: number;
  /** The computed score as a number, or `null` when the rubric computes none. */
  computed: number | null;
}

/** What {@link verifyWorkbook} returns. */
export interface VerifyWorkbookResult {
  /** Published scores compared. */
  compared: number;
  /** Of those, the ones reproduced within {@link VERIFY_TOLERANCE}. */
  agreed: number;
  disagreements: VerifyDisagreement[];
  /** Problems found while loading the rubric and importing the workbook. */
  diagnostics: Diagnostic[];
}

/** Options for {@link verifyWorkbook}. */
export interface VerifyWorkbookOptions {
  /** The rubric, loaded, or the path of its folder or index file (default: the bundled `mipex-2020`). */
  rubric?: Rubric | string;
  /** Name of the workbook in diagnostics. */
  file?: string;
}

/** The key of a country-year. */
const yearKey = (country: string, year: number) => `${country}/${year}`;

/**
 * Scores answer sets and compares the workbook's published scores with the computed ones.
 * A published score without a computed counterpart is a disagreement with `computed: null`.
 */
export function compareWithPublished(rubric: Rubric, answerSets: readonly AnswerSet[], published: readonly PublishedScore[]): Omit<VerifyWorkbookResult, 'diagnostics'> & { results: Map<string, ScoreResult> } {
  const results = new Map<string, ScoreResult>();
  const nodeScores = new Map<string, Map<string, string | null>>();
  for (const set of answerSets) {
    const key = yearKey(set.country, set.year);
    const result = scoreAnswerSet(rubric, set, { reportMissing: false });
    results.set(key, result);
    const scores = new Map<string, string | null>(result.variants.map((v) => [`variant:${v.id}`, v.score]));
    const walk = (n: ScoredNode) => {
      if (!scores.has(n.id)) scores.set(n.id, n.score);
      n.children.forEach(walk);
    };
    result.root.children.forEach(walk);
    nodeScores.set(key, scores);
  }
  const codes = mipexCodeIndex(rubric);
  const variants = new Set(rubric.variants.map((v) => v.id));
  let agreed = 0;
  const disagreements: VerifyDisagreement[] = [];
  for (const p of published) {
    const scores = nodeScores.get(yearKey(p.country, p.year));
    let exact: string | null = null;
    if (scores) {
      if (variants.has(p.node)) exact = scores.get(`variant:${p.node}`) ?? null;
      else {
        const node = codes.get(normaliseMipexCode(p.node));
        exact = node ? (scores.get(node.id) ?? null) : null;
      }
    }
    if (exact !== null && new D(p.value).minus(exact).abs().lte(VERIFY_TOLERANCE)) agreed++;
    else disagreements.push({ country: p.country, year: p.year, node: p.node, published: p.value, computed: exact === null ? null : Number(exact) });
  }
  return { compared: published.length, agreed, disagreements, results };
}

/**
 * Imports the workbook in memory, scores every answer set with the rubric and compares every
 * published composite, strand and overall score with the computed one; agreement means the two
 * differ by at most 1e-9.
 *
 * @example
 * ```ts
 * const { compared, agreed, disagreements } = await verifyWorkbook('data/mipex/mipex_core_2007-2019.xlsx');
 * console.log(`${agreed} of ${compared} published scores reproduced`, disagreements.slice(0, 3));
 * ```
 */
export async function verifyWorkbook(path: string | Uint8Array, options: VerifyWorkbookOptions = {}): Promise<VerifyWorkbookResult> {
  const diagnostics: Diagnostic[] = [];
  let rubric: Rubric | undefined;
  if (typeof options.rubric === 'object') rubric = options.rubric;
  else {
    const where = options.rubric ?? bundledRubricPath('mipex-2020');
    if (where === undefined) {
      diagnostics.push({ code: 'FILE_NOT_FOUND', severity: 'error', message: 'The bundled rubric mipex-2020 was not found.' });
    } else {
      const loaded = loadRubricFile(where);
      for (const item of loaded.diagnostics) diagnostics.push(item);
      rubric = loaded.value;
    }
  }
  if (!rubric) return { compared: 0, agreed: 0, disagreements: [], diagnostics };
  const imported: MipexImportResult = await importMipexWorkbook(path, { rubric, ...(options.file !== undefined ? { file: options.file } : {}) });
  for (const item of imported.diagnostics) diagnostics.push(item);
  const { compared, agreed, disagreements } = compareWithPublished(rubric, imported.answerSets, imported.published);
  return { compared, agreed, disagreements, diagnostics };
}
