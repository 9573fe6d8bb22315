/**
 * The expert questionnaire: a workbook with a sheet per area and a row per question, a
 * drop-down of the answer options, evidence columns, and the previous edition's answers beside
 * the new ones. `import-table` reads it back (long layout; the `About` sheet names the country
 * and year). Written with the optional `exceljs` package. Node-only.
 *
 * @module
 */
import type { Answer, AnswerSet, AnswerValue } from '../answers/types.js';
import type { Result } from '../diagnostics/index.js';
import type { GroupNode, QuestionNode, Rubric, RubricNode } from '../rubric/types.js';
import { normaliseCountryCode } from '../units/countries.js';
import { loadExcelJs } from './xlsx/exceljs.js';
import { QUESTIONNAIRE_ABOUT_SHEET } from './tables.js';

/** Options for {@link questionnaireXlsx}. */
export interface QuestionnaireOptions {
  /** The previous edition's answers, to prefill from and to show beside the new answers. */
  previous?: AnswerSet;
  /** Country (default: the previous answer set's). */
  country?: string;
  /** Reference year (default: the previous answer set's year + 1). */
  year?: number;
}

/** Column headers of an area sheet, in order. */
export const QUESTIONNAIRE_COLUMNS = ['question', 'wording', 'answer', 'citation', 'citations', 'sourceUrl', 'comment', 'status', 'previous answer', 'changed'] as const;

const NON_ANSWERS = ['unknown', 'not applicable'];

function questionsOf(node: RubricNode): QuestionNode[] {
  if (node.kind === 'question') return [node];
  return (node as GroupNode).children.flatMap(questionsOf);
}

function labelOf(q: QuestionNode, v: AnswerValue): string {
  if (Array.isArray(v)) return v.length ? v.map((id) => q.options.find((o) => o.id === id)?.label ?? id).join('; ') : '[]';
  if (typeof v === 'boolean') return q.options.find((o) => o.id === (v ? 'yes' : 'no'))?.label ?? (v ? 'yes' : 'no');
  if (typeof v === 'number') return String(v);
  if (v === 'not-applicable') return 'not applicable';
  return q.options.find((o) => o.id === v)?.label ?? String(v);
}

function answerText(q: QuestionNode, a: Answer | undefined): string {
  if (!a) return '';
  if (a.byRegion) return Object.entries(a.byRegion).map(([r, v]) => `${r}: ${labelOf(q, v)}`).join('; ');
  return labelOf(q, a.value!);
}

function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || 'Area';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()) || name.toLowerCase() === QUESTIONNAIRE_ABOUT_SHEET.toLowerCase() || name.toLowerCase() === 'options'; n++) name = `${base.slice(0, 28)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * Builds the questionnaire workbook for a rubric.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import type { AnswerSet, Rubric } from 'policy-index';
 * import { questionnaireXlsx } from 'policy-index/node';
 * declare const rubric: Rubric, lastYear: AnswerSet;
 * const { value } = await questionnaireXlsx(rubric, { previous: lastYear });
 * if (value) writeFileSync('questionnaire.xlsx', value);
 * ```
 */
export async function questionnaireXlsx(rubric: Rubric, options: QuestionnaireOptions = {}): Promise<Result<Uint8Array>> {
  const ExcelJS = await loadExcelJs();
  if (!ExcelJS.value) return { diagnostics: ExcelJS.diagnostics };
  const prev = options.previous;
  const country = options.country !== undefined ? normaliseCountryCode(options.country).code : (prev?.country ?? '');
  const year = options.year ?? (prev ? prev.year + 1 : undefined);
  const wb = new ExcelJS.value.Workbook();
  wb.creator = 'policy-index';
  const about = wb.addWorksheet(QUESTIONNAIRE_ABOUT_SHEET);
  about.columns = [{ width: 22 }, { width: 60 }];
  const aboutRows: [string, string | number][] = [
    ['field', 'value'],
    ['country', country],
    ['year', year ?? ''],
    ['rubric', `${rubric.id}@${rubric.version}`],
    ['index', rubric.title],
    ['previous edition', prev ? `${prev.country} ${prev.year}` : ''],
    ['how to answer', 'Choose an answer in each area sheet from the drop-down; give the legal citation, a source URL and a comment; set the status. An empty answer means unknown.'],
  ];
  for (const r of aboutRows) about.addRow(r);
  about.getRow(1).font = { bold: true };
  for (const ref of ['B2', 'B3']) about.getCell(ref).protection = { locked: false };
  await about.protect('', { selectLockedCells: true, selectUnlockedCells: true });

  const optionsSheet = wb.addWorksheet('Options', { state: 'hidden' });
  let optionRow = 0;
  const listFor = (values: readonly string[]): string => {
    optionRow++;
    values.forEach((v, i) => (optionsSheet.getCell(optionRow, i + 1).value = v));
    const last = optionsSheet.getColumn(values.length).letter;
    return `Options!$A$${optionRow}:$${last}$${optionRow}`;
  };
  const statusList = listFor(['draft', 'reviewed', 'final']);

  const used = new Set<string>();
  for (const area of rubric.root.children) {
    const ws = wb.addWorksheet(sheetName(area.title, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [{ width: 14 }, { width: 60 }, { width: 32 }, { width: 28 }, { width: 20 }, { width: 28 }, { width: 40 }, { width: 12 }, { width: 32 }, { width: 10 }];
    ws.addRow([...QUESTIONNAIRE_COLUMNS]);
    ws.getRow(1).font = { bold: true };
    for (const q of questionsOf(area)) {
      const a = prev?.answers.get(q.id);
      const shown = answerText(q, a);
      const row = ws.addRow([
        q.id,
        [q.text ?? q.title, q.guidance].filter(Boolean).join('\n\n'),
        a?.byRegion ? '' : shown,
        '',
        a?.evidence.citations.length ? JSON.stringify(a.evidence.citations) : '',
        a?.evidence.sourceUrl ?? '',
        a?.evidence.comment ?? '',
        a?.evidence.status ?? (a ? 'draft' : ''),
        shown,
        '',
      ]);
      const r = row.number;
      row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
      for (let c = 3; c <= 8; c++) row.getCell(c).protection = { locked: false };
      row.getCell(10).value = { formula: `IF(C${r}=I${r},"","changed")`, result: '' };
      const answerCell = row.getCell(3);
      if (q.type === 'number') {
        answerCell.dataValidation = { type: 'decimal', operator: 'between', allowBlank: true, formulae: [q.range?.min ?? -1e12, q.range?.max ?? 1e12], showErrorMessage: true, errorTitle: 'A number', error: `Give a number${q.unit ? ` (${q.unit})` : ''}.` };
      } else if (q.type === 'multiple-choice') {
        answerCell.dataValidation = { type: 'textLength', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0], showInputMessage: true, promptTitle: 'Several answers', prompt: `Write the options that apply, separated by ";": ${q.options.map((o) => o.label).join('; ')}` };
      } else {
        answerCell.dataValidation = { type: 'list', allowBlank: true, formulae: [listFor([...q.options.map((o) => o.label), ...NON_ANSWERS])], showErrorMessage: true, errorTitle: 'Choose an answer', error: 'Choose one of the answers in the list.' };
      }
      row.getCell(8).dataValidation = { type: 'list', allowBlank: true, formulae: [statusList], showErrorMessage: true };
    }
    await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  }
  const buf = await wb.xlsx.writeBuffer();
  return { value: new Uint8Array(buf as ArrayBuffer), diagnostics: [] };
}
