/**
 * Verification of a MIPEX rubric against the official workbook: every answer set imported from
 * the workbook is scored, and every score the workbook publishes (composite indicators,
 * strands, overall variants) is compared with the computed one. This is MIPEX's case of the
 * general `policy-index verify` (`verifyPublishedScores`), with the workbook as the table.
 *
 * Node-only: it reads files.
 *
 * @module
 */
import { decimalTextOfNumber } from '../../exact/index.js';
import type { AnswerSet } from '../../answers/types.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { Rubric } from '../../rubric/types.js';
import { verifyPublishedScores, type VerifyCounts, type VerifyDisagreement, type VerifyPublishedResult } from '../../analysis/verify/verify.js';
import type { PublishedValue } from '../../analysis/verify/published.js';
import { bundledRubricPath } from '../package.js';
import { loadRubricFile } from '../files.js';
import { importMipexWorkbook, type MipexImportResult, type MipexSheetCount, type PublishedScore } from './import.js';

/** Largest difference between a published and a computed score that still counts as agreement. */
export const VERIFY_TOLERANCE = 1e-9;

/** What {@link verifyWorkbook} found in one country sheet. */
export interface VerifySheetCount extends MipexSheetCount, VerifyCounts {}

/** What {@link verifyWorkbook} returns. */
export interface VerifyWorkbookResult extends VerifyCounts {
  /** The published scores not reproduced within {@link VERIFY_TOLERANCE}. */
  disagreements: VerifyDisagreement[];
  /** Problems found while loading the rubric and importing the workbook. */
  diagnostics: Diagnostic[];
  /** Counts per country sheet, in workbook order. */
  sheets: VerifySheetCount[];
}

/** Options for {@link verifyWorkbook}. */
export interface VerifyWorkbookOptions {
  /** The rubric, loaded, or the path of its folder or index file (default: the bundled `mipex-2020`). */
  rubric?: Rubric | string;
  /** Name of the workbook in diagnostics. */
  file?: string;
}

/**
 * Scores answer sets and compares the workbook's published scores with the computed ones: the
 * MIPEX case of {@link verifyPublishedScores}, with the workbook's cells as the published table.
 * A published score without a computed counterpart is a disagreement with `computed: null`.
 */
export function compareWithPublished(
  rubric: Rubric,
  answerSets: readonly AnswerSet[],
  published: readonly PublishedScore[],
): Omit<VerifyWorkbookResult, 'diagnostics' | 'sheets'> & { byCountry: Map<string, VerifyCounts>; generic: VerifyPublishedResult } {
  const rows: PublishedValue[] = published.map((p) => ({ country: p.country, year: p.year, node: p.node, value: decimalTextOfNumber(p.value), source: { file: p.originalSheet, cell: p.cell } }));
  const generic = verifyPublishedScores(rubric, answerSets, rows, { tolerance: VERIFY_TOLERANCE });
  const byCountry = new Map<string, VerifyCounts>();
  for (const p of published) {
    let c = byCountry.get(p.country);
    if (!c) byCountry.set(p.country, (c = { compared: 0, agreed: 0 }));
    c.compared++;
    c.agreed++;
  }
  for (const d of generic.disagreements) byCountry.get(d.country)!.agreed--;
  // `verify-workbook` reports the common part of each disagreement only (its JSON shape): the
  // cell of each published score is in the import, the exact texts add nothing for MIPEX's
  // doubles.
  const disagreements: VerifyDisagreement[] = generic.disagreements.map((d) => ({ country: d.country, year: d.year, node: d.node, published: d.published, computed: d.computed }));
  return { compared: generic.compared, agreed: generic.agreed, disagreements, byCountry, generic };
}

/**
 * Imports the workbook in memory, scores every answer set with the rubric and compares every
 * published composite, strand and overall score with the computed one; agreement means the two
 * differ by at most 1e-9. Import problems are in `diagnostics`; an error among them means the
 * comparison is incomplete, whatever the counts say.
 *
 * @example
 * ```ts
 * import { verifyWorkbook } from 'policy-index/node';
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
  if (!rubric) return { compared: 0, agreed: 0, disagreements: [], diagnostics, sheets: [] };
  const imported: MipexImportResult = await importMipexWorkbook(path, { rubric, ...(options.file !== undefined ? { file: options.file } : {}) });
  for (const item of imported.diagnostics) diagnostics.push(item);
  const { compared, agreed, disagreements, byCountry } = compareWithPublished(rubric, imported.answerSets, imported.published);
  const sheets = imported.sheets.map((s) => ({ ...s, ...(byCountry.get(s.country) ?? { compared: 0, agreed: 0 }) }));
  return { compared, agreed, disagreements, diagnostics, sheets };
}
