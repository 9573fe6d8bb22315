/**
 * Import of the MIPEX "core set" workbook (MIPEX 2020, Solano & Huddleston, CIDOB and MPG,
 * mipex.eu) into answer sets of a MIPEX rubric, plus the scores the workbook publishes.
 *
 * What becomes what:
 * - An indicator or sub-indicator cell that the rubric answers directly becomes the answer
 *   whose option score the cell holds. A value that is no option's score is an
 *   `IMPORT_UNEXPLAINED_VALUE` error, except in the sheet of a unit that `subnational.json`
 *   (next to this file, with its source) lists as having sub-national answers, where a value
 *   that is the mean of option scores is kept as what it is: a recorded score whose regional
 *   answers are not recorded (`recordedScore` with `regions: not-recorded`), with an
 *   `IMPORT_REGIONAL_ANSWER` warning. No regional split is ever invented.
 * - A comment cell holding `0` (an empty cell seen through a formula) is not evidence.
 * - A country sheet that is empty, or lacks the block of one of the rubric's strands, is an
 *   `IMPORT_LAYOUT` error: verification would otherwise compare fewer values unnoticed.
 * - Composite-indicator, strand and overall cells are never answers: their values are the
 *   published scores that verification compares with the computed ones.
 * - Answers are imported only for strand-years with a published (numeric) strand score. In such
 *   a year an empty cell is written as `unknown`; a strand without any score in a year is left
 *   unanswered. Values typed in a strand-year without a published score (health 2015–2018 in
 *   some sheets, Portugal's education 2009) are not imported and are reported once per block
 *   with `IMPORT_UNPUBLISHED_YEAR`, naming the cell range.
 * - Columns are matched to rubric nodes by their code (trimmed, case-insensitive), through the
 *   rubric's ids and aliases, whichever label row the code sits in.
 *
 * Node-only: it reads files.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { byCodePoint } from '../../text/order.js';
import { basename, resolve } from 'node:path';
import { decimalTextOfNumber } from '../../exact/index.js';
import { createAnswerSet } from '../../answers/load.js';
import type { Answer, AnswerSet, Citation, Evidence } from '../../answers/types.js';
import type { Diagnostic, Severity } from '../../diagnostics/index.js';
import type { QuestionNode, Rubric, RubricNode, RubricOption } from '../../rubric/types.js';
import { readMipexWorkbook, type RawCell, type RawOverallRow, type RawSheet, type RawWorkbook } from './read-workbook.js';
import subnationalData from './subnational.json' with { type: 'json' };
import { normaliseCountryCode } from '../../units/countries.js';
import { readFileBytes } from '../safe-fs.js';
import { columnNumber } from '../../tables/grid.js';

/** How to cite the source of every imported value. */
export const MIPEX_2020_CITATION =
  'Solano, G. & Huddleston, T. (2020). Migrant Integration Policy Index 2020. Barcelona/Brussels: CIDOB and MPG. ISBN 978-84-92511-83-9; mipex.eu';

/** The overall-score columns of the workbook and the rubric variants they correspond to. */
export const MIPEX_OVERALL_VARIANTS: Readonly<Record<keyof Omit<RawOverallRow, 'year'>, string>> = {
  withHealth: 'with-health',
  withoutHealth: 'without-health',
  withoutHealthEducation: 'without-health-education',
};

/** A unit whose workbook cells may hold the mean of differing sub-national answers. */
export interface SubnationalUnit {
  /** ISO 3166-1 alpha-2 code of the unit. */
  country: string;
  /** Most sub-national answers a recorded mean can combine. */
  parts: number;
  /** Which subdivisions answer separately, in words. */
  subdivisions: string;
  /** Where this is stated. */
  source: string;
}

/** The declared units with sub-national answers (`src/node/mipex/subnational.json`). */
export const MIPEX_SUBNATIONAL_UNITS: readonly SubnationalUnit[] = subnationalData.units;

/** Largest difference between a cell value and an option score that still counts as equal. */
const SCORE_TOLERANCE = 1e-9;

/** A score the workbook publishes: a strand, composite indicator or overall (variant) score. */
export interface PublishedScore {
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  /** The sheet name as in the workbook (e.g. `UK` for GB). */
  originalSheet: string;
  year: number;
  /** MIPEX code of the node (`c`, `bb28`), or the variant id for overall scores (`with-health`). */
  node: string;
  /** The cell's value (a formula's cached result). */
  value: number;
  /** Sheet-qualified cell address, e.g. `CA!B24`. */
  cell: string;
}

/** Options for {@link importMipexWorkbook}. */
export interface ImportMipexOptions {
  /** The MIPEX rubric the answers are written for. */
  rubric: Rubric;
  /** Name of the workbook in diagnostics and answer-set sources (default: the path, or `workbook.xlsx`). */
  file?: string;
  /** Units whose cells may hold the mean of sub-national answers (default: {@link MIPEX_SUBNATIONAL_UNITS}). */
  subnational?: readonly SubnationalUnit[];
}

/** What the import found in one country sheet. */
export interface MipexSheetCount {
  /** The sheet name as in the workbook. */
  sheet: string;
  country: string;
  /** Answer sets (years) imported from the sheet. */
  answerSets: number;
  /** Answers imported (cells that became an option, `unknown` or a recorded score). */
  answers: number;
  /** Published strand, composite and overall scores read from the sheet. */
  published: number;
}

/** What {@link importMipexWorkbook} returns. */
export interface MipexImportResult {
  /** One answer set per country and year with at least one answer, ordered by country then year. */
  answerSets: AnswerSet[];
  /** Every numeric strand, composite and overall score of the imported years, in sheet order. */
  published: PublishedScore[];
  diagnostics: Diagnostic[];
  /** Per country sheet, in workbook order: what was imported from it. */
  sheets: MipexSheetCount[];
  /** The workbook read: its display name, absolute path (when read from a file) and SHA-256 checksum (empty when unreadable). */
  workbook: { file: string; path?: string; sha256: string };
  /** The rubric the answers were written for, as `id@version`. */
  rubric: string;
}

/** Normalised code: trimmed, inner whitespace collapsed, lower case. */
export function normaliseMipexCode(code: string): string {
  return code.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Every id and alias of the rubric, normalised, mapped to its node. */
export function mipexCodeIndex(rubric: Rubric): Map<string, RubricNode> {
  const index = new Map<string, RubricNode>();
  for (const node of rubric.nodes.values()) index.set(normaliseMipexCode(node.id), node);
  for (const [alias, id] of rubric.aliases) {
    const node = rubric.nodes.get(id);
    const key = normaliseMipexCode(alias);
    if (node && !index.has(key)) index.set(key, node);
  }
  return index;
}

const ERROR_TEXT = /^#[A-Z0-9/]+[!?]?$/i;
const URL_PATTERN = /https?:\/\/[^\s<>"'()[\]{}]+/g;

function splitRef(ref: string): { sheet: string; col: string; row: number } {
  const bang = ref.lastIndexOf('!');
  const addr = ref.slice(bang + 1);
  const m = /^([A-Z]+)(\d+)$/.exec(addr);
  return { sheet: ref.slice(0, bang), col: m?.[1] ?? addr, row: m ? Number(m[2]) : 0 };
}

function yearSpan(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** The numeric value of a score cell, or `undefined` for empty, error and text cells. */
function numberOf(cell: RawCell): number | undefined {
  return typeof cell.value === 'number' && Number.isFinite(cell.value) ? cell.value : undefined;
}

function isBlank(cell: RawCell): boolean {
  return cell.error === undefined && (cell.value === null || (typeof cell.value === 'string' && cell.value.trim() === ''));
}

/** Evidence from a comment cell: the text, and every URL in it as a citation. */
function evidenceOf(comment: RawCell | undefined): Evidence {
  if (!comment || comment.value === null) return { citations: [] };
  // A formula that shows an empty cell gives 0: no one wrote it, so it is not evidence.
  if (comment.value === 0 || (typeof comment.value === 'string' && comment.value.trim() === '0')) return { citations: [] };
  const text = String(comment.value).replace(/\r\n?/g, '\n').trim();
  if (text === '') return { citations: [] };
  const urls = [...new Set((text.match(URL_PATTERN) ?? []).map((u) => u.replace(/[.,;:]+$/, '')))];
  const citations: Citation[] = urls.map((url) => ({ url }));
  return { citations, comment: text, ...(urls[0] ? { sourceUrl: urls[0] } : {}) };
}

/**
 * Whether `value` is the mean of the scores of between 2 and `parts` answers (options may
 * repeat), within {@link SCORE_TOLERANCE}.
 */
function isMeanOfOptions(options: readonly RubricOption[], value: number, parts: number): boolean {
  const scores = [...new Set(options.map((o) => o.score))];
  const reach = (k: number, left: number, sum: number, from: number): boolean => {
    if (left === 0) return Math.abs(sum / k - value) <= SCORE_TOLERANCE;
    for (let i = from; i < scores.length; i++) if (reach(k, left - 1, sum + scores[i]!, i)) return true;
    return false;
  };
  for (let k = 2; k <= Math.min(parts, 6); k++) if (reach(k, k, 0, 0)) return true;
  return false;
}

/** The shortest decimal text of a cell's number (what the workbook shows at full precision). */
function decimalText(value: number): string {
  return decimalTextOfNumber(value);
}

interface SheetContext {
  sheet: RawSheet;
  file: string;
  diagnostics: Diagnostic[];
  subnational: ReadonlyMap<string, SubnationalUnit>;
}

function report(ctx: { file: string; diagnostics: Diagnostic[] }, code: Diagnostic['code'], severity: Severity, ref: string, message: string, extra: Partial<Diagnostic> = {}): void {
  const { sheet, col, row } = splitRef(ref);
  const at = row ? { line: row, column: columnNumber(col) } : {};
  ctx.diagnostics.push({ code, severity, message, file: ctx.file, ...at, path: [sheet, `${col}${row || ''}`], ...extra });
}

/** Turns one answer cell into an answer (or `unknown`), reporting what is odd about it. */
function answerFromCell(ctx: SheetContext, q: QuestionNode, cell: RawCell, comment: RawCell | undefined): Omit<Answer, 'question'> {
  const evidence = evidenceOf(comment);
  const unknown = (note?: string): Omit<Answer, 'question'> => ({
    value: 'unknown',
    evidence: note ? { ...evidence, comment: evidence.comment ? `${note}\n\n${evidence.comment}` : note } : evidence,
  });
  if (cell.error !== undefined || isBlank(cell)) return unknown();
  if (typeof cell.value === 'string') {
    const text = cell.value.trim();
    const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
    report(ctx, 'IMPORT_JUNK_CELL', 'warning', cell.ref, `${cell.ref} holds the text "${shown}" where the score of "${q.id}" is expected; it is imported as unknown.`, { actual: shown });
    return unknown();
  }
  const value = cell.value;
  if (value === null) return unknown();
  if (cell.formula !== undefined) {
    report(ctx, 'IMPORT_FORMULA_ANSWER', 'warning', cell.ref, `${cell.ref} holds the formula "${cell.formula}" where the answer to "${q.id}" is expected; its cached value ${value} is imported as the answer.`);
  }
  const option = q.options.find((o) => Math.abs(o.score - value) <= SCORE_TOLERANCE);
  if (option) return { value: option.id, evidence };
  const expected = q.options.map((o) => o.score).join(', ');
  const unit = ctx.subnational.get(ctx.sheet.country);
  if (unit && isMeanOfOptions(q.options, value, unit.parts)) {
    const recorded = decimalText(value);
    report(
      ctx,
      'IMPORT_REGIONAL_ANSWER',
      'warning',
      cell.ref,
      `${cell.ref} holds ${recorded} for "${q.id}", which is no option's score; ${ctx.sheet.country} answers by ${unit.subdivisions}, so it is imported as the recorded mean of regional answers, which are not recorded.`,
      { actual: recorded, expected },
    );
    const note = `The workbook records ${recorded} (${cell.ref}), the mean of the answers of ${unit.subdivisions}; which of them gave which answer is not recorded.`;
    return { recordedScore: recorded, regions: 'not-recorded', evidence: { ...evidence, comment: evidence.comment ? `${note}\n\n${evidence.comment}` : note } };
  }
  report(
    ctx,
    'IMPORT_UNEXPLAINED_VALUE',
    'error',
    cell.ref,
    unit
      ? `${cell.ref} holds ${value} for "${q.id}", which is neither an option's score nor the mean of the answers of ${unit.subdivisions}; it is imported as unknown.`
      : `${cell.ref} holds ${value} for "${q.id}", which is no option's score, and ${ctx.sheet.country} is not declared to have sub-national answers; it is imported as unknown.`,
    { actual: String(value), expected },
  );
  return unknown(`The workbook records ${value} (${cell.ref}), which is not the score of any option.`);
}

/**
 * Imports the MIPEX core-set workbook: answer sets for every country and year with answers,
 * the published strand, composite and overall scores, and diagnostics. Never throws on bad
 * input; an unreadable file gives an `IMPORT_UNREADABLE` error and nothing else.
 *
 * @param input path of the .xlsx file, or its bytes
 * @example
 * ```ts
 * import { importMipexWorkbook, loadRubricFile } from 'policy-index/node';
 * const rubric = loadRubricFile('rubrics/mipex-2020').value!;
 * const { answerSets, published } = await importMipexWorkbook('data/mipex/mipex_core_2007-2019.xlsx', { rubric });
 * answerSets.find((s) => s.country === 'CA' && s.year === 2019)?.answers.get('aa1')?.value; // an option id
 * ```
 */
export async function importMipexWorkbook(input: string | Uint8Array, options: ImportMipexOptions): Promise<MipexImportResult> {
  const { rubric } = options;
  const file = options.file ?? (typeof input === 'string' ? input : 'workbook.xlsx');
  const rubricRef = `${rubric.id}@${rubric.version}`;
  const diagnostics: Diagnostic[] = [];
  const workbook = (sha256: string): MipexImportResult['workbook'] => ({ file, ...(typeof input === 'string' ? { path: resolve(input) } : {}), sha256 });
  const empty = (sha256 = ''): MipexImportResult => ({ answerSets: [], published: [], diagnostics, sheets: [], workbook: workbook(sha256), rubric: rubricRef });

  let bytes: Uint8Array;
  if (typeof input === 'string') {
    // Only a regular file is read, and only up to the size limit (a pipe or device is refused, never opened).
    const read = readFileBytes(input, file);
    if (!read.value) {
      const why = read.diagnostics[0]?.message ?? 'unreadable';
      diagnostics.push({ code: 'IMPORT_UNREADABLE', severity: 'error', message: `The workbook "${file}" could not be read: ${why}`, file });
      return empty();
    }
    bytes = read.value;
  } else bytes = input;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const raw = await readMipexWorkbook(bytes, { file });
  for (const item of raw.diagnostics) diagnostics.push(item);
  if (!raw.value) return empty(sha256);
  const result = importParsedMipexWorkbook(raw.value, options, file);
  return { ...result, diagnostics: [...diagnostics, ...result.diagnostics], workbook: workbook(sha256) };
}

/**
 * The import step of {@link importMipexWorkbook} on a workbook already read with
 * `readMipexWorkbook` (no file access, no reader diagnostics, an empty checksum): for tools
 * that import one parsed workbook many times, such as a check of every option score.
 *
 * @example
 * ```ts
 * import { importParsedMipexWorkbook, loadRubricFile } from 'policy-index/node';
 * import { readMipexWorkbook } from './read-workbook.js';
 * const rubric = loadRubricFile('rubrics/mipex-2020').value!;
 * const raw = (await readMipexWorkbook('data/mipex/mipex_core_2007-2019.xlsx')).value!;
 * const { answerSets } = importParsedMipexWorkbook(raw, { rubric });
 * ```
 */
export function importParsedMipexWorkbook(raw: RawWorkbook, options: ImportMipexOptions, file = options.file ?? 'workbook.xlsx'): MipexImportResult {
  const { rubric } = options;
  const rubricRef = `${rubric.id}@${rubric.version}`;
  const diagnostics: Diagnostic[] = [];
  const sheets: MipexSheetCount[] = [];
  const subnational = new Map((options.subnational ?? MIPEX_SUBNATIONAL_UNITS).map((u) => [u.country, u]));
  const codes = mipexCodeIndex(rubric);
  const questionOrder = new Map(rubric.questions.map((q, i) => [q.id, i]));
  const published: PublishedScore[] = [];
  const answerSets: AnswerSet[] = [];
  const seenCountries = new Set<string>();
  const sourceName = basename(file);

  for (const rawSheet of raw.sheets) {
    // The sheet name becomes the country of answer sets and part of output paths: only a known
    // country code or a sub-national code (CC-XXX) is accepted.
    const unit = normaliseCountryCode(rawSheet.country);
    if (!(unit.kind === 'country' || (unit.kind === 'region' && /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(unit.code)))) {
      diagnostics.push({
        code: 'IMPORT_SHEET_NOT_A_COUNTRY',
        severity: 'error',
        message: `The sheet ${JSON.stringify(rawSheet.name)} is not named by a known country code or a sub-national code such as BE-VLG; it is not imported.`,
        file,
        path: [rawSheet.name],
      });
      continue;
    }
    const sheet = unit.code === rawSheet.country ? rawSheet : { ...rawSheet, country: unit.code };
    if (seenCountries.has(sheet.country)) continue; // the reader reported the duplicate
    seenCountries.add(sheet.country);
    const ctx: SheetContext = { sheet, file, diagnostics, subnational };
    const publishedBefore = published.length;
    const setsBefore = answerSets.length;
    let answerCount = 0;
    const blocks = new Set<string>();
    const byYear = new Map<number, Map<string, Omit<Answer, 'question'>>>();
    const from = new Map<string, string>(); // `${year}/${question}` → cell it was read from
    const publish = (node: string, year: number, cell: RawCell): void => {
      const value = numberOf(cell);
      if (value !== undefined) published.push({ country: sheet.country, originalSheet: sheet.name, year, node, value, cell: cell.ref });
      else if (typeof cell.value === 'string' && cell.value.trim() !== '' && !ERROR_TEXT.test(cell.value.trim())) {
        report(ctx, 'IMPORT_JUNK_CELL', 'warning', cell.ref, `${cell.ref} holds text where the score of "${node}" is expected; it is read as no score.`);
      }
    };

    for (const row of sheet.overall) {
      for (const [key, variant] of Object.entries(MIPEX_OVERALL_VARIANTS) as [keyof typeof MIPEX_OVERALL_VARIANTS, string][]) {
        const cell = row[key];
        if (cell) publish(variant, row.year, cell);
      }
    }

    for (const strand of sheet.strands) {
      const [strandColumn, ...columns] = strand.columns;
      if (!strandColumn) continue;
      const strandNode = strandColumn.indicatorCode === null ? undefined : codes.get(normaliseMipexCode(strandColumn.indicatorCode));
      if (!strandNode || strandNode.kind !== 'area') {
        report(ctx, strandNode ? 'IMPORT_LAYOUT' : 'IMPORT_UNKNOWN_CODE', 'error', strandColumn.codeCellRef, strandNode
          ? `${strandColumn.codeCellRef}: the first column of block "${strand.title}" carries "${strandColumn.rawCode.trim()}", which is not a strand of ${rubric.id}; the block is skipped.`
          : `${strandColumn.codeCellRef}: the strand code "${strandColumn.rawCode.trim()}" of block "${strand.title}" is not known to ${rubric.id}; the block is skipped.`);
        continue;
      }
      blocks.add(strandNode.id);
      // Years in which the workbook publishes this strand's score.
      const scored = new Set<number>();
      for (const y of strandColumn.years) {
        if (numberOf(y.score) !== undefined) scored.add(y.year);
        publish(strandNode.id, y.year, y.score);
      }
      const unpublished: { ref: string; year: number }[] = [];
      for (const column of columns) {
        const code = column.subIndicatorCode ?? column.indicatorCode;
        if (code === null) continue; // the reader reported the missing code
        const node = codes.get(normaliseMipexCode(code));
        if (!node) {
          report(ctx, 'IMPORT_UNKNOWN_CODE', 'error', column.codeCellRef, `${column.codeCellRef}: the code "${column.rawCode.trim()}" is not known to ${rubric.id}; column ${column.scoreColumn} is not imported.`, {
            actual: column.rawCode.trim(),
          });
          continue;
        }
        for (const y of column.years) {
          if (!scored.has(y.year)) {
            if (!isBlank(y.score) && y.score.error === undefined && !(typeof y.score.value === 'string' && ERROR_TEXT.test(y.score.value.trim()))) {
              unpublished.push({ ref: y.score.ref, year: y.year });
            }
            continue;
          }
          if (node.kind !== 'question') {
            publish(node.id, y.year, y.score);
            continue;
          }
          const key = `${y.year}/${node.id}`;
          const earlier = from.get(key);
          if (earlier) {
            report(ctx, 'IMPORT_LAYOUT', 'error', y.score.ref, `${y.score.ref}: "${node.id}" was already read from ${earlier}; this column is ignored for ${y.year}.`);
            continue;
          }
          from.set(key, y.score.ref);
          let answers = byYear.get(y.year);
          if (!answers) byYear.set(y.year, (answers = new Map()));
          answers.set(node.id, answerFromCell(ctx, node, y.score, y.comment));
          answerCount++;
        }
      }
      if (unpublished.length > 0) reportUnpublished(ctx, strandNode, unpublished);
    }

    for (const [year, answers] of [...byYear].sort((a, b) => a[0] - b[0])) {
      const ordered = [...answers].sort((a, b) => (questionOrder.get(a[0]) ?? 0) - (questionOrder.get(b[0]) ?? 0));
      const set = createAnswerSet({
        rubric: rubricRef,
        country: sheet.country,
        year,
        // A Map keeps rubric order, integer-like ids (health codes such as 148) included.
        answers: new Map(ordered),
        file: `${sheet.country}/${sheet.country}-${year}.yaml`,
        source: `${sourceName}, sheet ${sheet.name}`,
        citation: MIPEX_2020_CITATION,
        ...(sheet.name !== sheet.country ? { originalCode: sheet.name } : {}),
      });
      answerSets.push(set);
    }
    const absent = rubric.root.children.filter((a) => !blocks.has(a.id));
    if (absent.length > 0) {
      report(ctx, 'IMPORT_LAYOUT', 'error', `${sheet.name}!A1`, `Sheet ${sheet.name} has no block for ${absent.map((a) => `${a.title} (${a.id})`).join(', ')}; its scores are neither imported nor verified.`, {
        expected: rubric.root.children.map((a) => a.id).join(', '),
        actual: [...blocks].join(', '),
      });
    }
    sheets.push({ sheet: sheet.name, country: sheet.country, answerSets: answerSets.length - setsBefore, answers: answerCount, published: published.length - publishedBefore });
  }
  answerSets.sort((a, b) => byCodePoint(a.country, b.country) || a.year - b.year);
  return { answerSets, published, diagnostics, sheets, workbook: { file, sha256: '' }, rubric: rubricRef };
}

function reportUnpublished(ctx: SheetContext, strand: RubricNode, cells: readonly { ref: string; year: number }[]): void {
  const parts = cells.map((c) => splitRef(c.ref));
  const cols = parts.map((p) => columnNumber(p.col));
  const rows = parts.map((p) => p.row);
  // No spread into Math.min/max: the lists can be long enough to overflow the call stack.
  const least = (xs: readonly number[]): number => xs.reduce((a, b) => (b < a ? b : a), Infinity);
  const most = (xs: readonly number[]): number => xs.reduce((a, b) => (b > a ? b : a), -Infinity);
  const first = parts[cols.indexOf(least(cols))]!.col;
  const last = parts[cols.indexOf(most(cols))]!.col;
  const range = `${ctx.sheet.name}!${first}${least(rows)}:${last}${most(rows)}`;
  const years = yearSpan(cells.map((c) => c.year));
  ctx.diagnostics.push({
    code: 'IMPORT_UNPUBLISHED_YEAR',
    severity: 'info',
    message: `${range} holds ${cells.length} value(s) of ${strand.title} (${strand.id}) for ${years}, when the workbook publishes no ${strand.id} score; they are not imported.`,
    file: ctx.file,
    path: [ctx.sheet.name, range.slice(range.indexOf('!') + 1)],
  });
}
