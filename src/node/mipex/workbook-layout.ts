/**
 * How the blocks of a MIPEX country sheet are found: the overall-score block at the top and the
 * "Policy strand" blocks below it, each located by its label cells ("Policy strand",
 * "Indicator", "Sub-indicator", "Title", "Description", "Answer options", and the
 * "Year | Score | Comments" header), never by fixed row numbers. What is odd about a block is
 * reported as a layout diagnostic at its cell.
 *
 * @module
 */
import { columnName } from '../../tables/grid.js';
import { cellText, cleanCode, isBlankComment, isEmptyRaw, labelText, yearOf, type Grid, type RawCell, type WorkbookDiagnostics } from './workbook-grid.js';

/** One year row of the overall-score block at the top of a sheet. */
export interface RawOverallRow {
  year: number;
  withHealth?: RawCell;
  withoutHealth?: RawCell;
  withoutHealthEducation?: RawCell;
}

/** One year of one column triplet (Year | Score | Comments). */
export interface RawYear {
  year: number;
  score: RawCell;
  comment?: RawCell;
}

/** One column triplet of a strand block: the strand itself, an indicator or a sub-indicator. */
export interface RawColumn {
  /**
   * Indicator code (trimmed, inner whitespace collapsed). For a sub-indicator column, the
   * code of the nearest indicator column to its left in the same block (its composite parent).
   */
  indicatorCode: string | null;
  /** Sub-indicator code (trimmed), or `null` for strand and indicator columns. */
  subIndicatorCode: string | null;
  /** The code exactly as written in the sheet (sub-indicator code for sub-indicator columns). */
  rawCode: string;
  /** Address of the cell the code was read from, e.g. `CA!Q5` (the indicator-row cell when no code was found). */
  codeCellRef: string;
  title: string;
  /** Address of the description cell (the text itself is not copied). */
  descriptionCellRef: string;
  optionsText: string;
  /** Column letter of the score cells, e.g. `Q`. */
  scoreColumn: string;
  /** Column letter of the comment cells, e.g. `R`. */
  commentsColumn: string;
  years: RawYear[];
}

/** One "Policy strand" block. The first column is the strand score itself. */
export interface RawStrand {
  title: string;
  /** 1-based row number of the Year | Score | Comments header. */
  headerRow: number;
  columns: RawColumn[];
}

export const LABELS = {
  strand: 'policy strand',
  indicator: 'indicator',
  subIndicator: 'sub-indicator',
  title: 'title',
  description: 'description',
  options: 'answer options',
} as const;

type LabelKey = Exclude<keyof typeof LABELS, 'strand'>;

/** Most answer cells (column triplets × year rows) read from one block; a real block has a few hundred. */
const MAX_BLOCK_CELLS = 200_000;

/** Reads the overall-score block above row `before`: a `Year` heading beside overall-score headings, and a row per year. */
export function readOverall(grid: Grid, before: number, diagnostics: WorkbookDiagnostics): RawOverallRow[] {
  // The header row has a "Year" cell and at least one cell mentioning an overall score.
  let header: { row: number; yearCol: number; variants: Map<number, keyof Omit<RawOverallRow, 'year'>> } | undefined;
  for (const r of grid.sortedRows()) {
    if (r >= before) break;
    const cells = grid.cellsOf(r);
    const yearCell = cells.find((c) => labelText(c.cell) === 'year');
    if (!yearCell) continue;
    const variants = new Map<number, keyof Omit<RawOverallRow, 'year'>>();
    for (const c of cells) {
      const t = labelText(c.cell);
      if (!t.includes('overall') && !t.includes('health')) continue;
      if (t.includes('education')) variants.set(c.col, 'withoutHealthEducation');
      else if (t.includes('with/out') || t.includes('without') || t.includes('w/o') || t.includes('excluding')) variants.set(c.col, 'withoutHealth');
      else if (t.includes('health')) variants.set(c.col, 'withHealth');
    }
    if (variants.size > 0) {
      header = { row: r, yearCol: yearCell.col, variants };
      break;
    }
  }
  if (!header) {
    diagnostics.layout(grid.sheetName, 1, 1, 'warning', `Sheet '${grid.sheetName}' has no overall-score header row (a 'Year' cell next to overall-score headings).`);
    return [];
  }
  const seen = new Set<string>();
  for (const v of header.variants.values()) {
    if (seen.has(v)) {
      diagnostics.layout(grid.sheetName, header.row, header.yearCol, 'warning', `Two overall-score columns were both read as variant '${v}'; the rightmost wins.`);
    }
    seen.add(v);
  }
  const out: RawOverallRow[] = [];
  for (const r of grid.rowsAfter(header.row)) {
    if (r >= before) break;
    const year = yearOf(grid.get(r, header.yearCol));
    if (year === undefined) {
      if (out.length > 0) break;
      continue;
    }
    const row: RawOverallRow = { year };
    for (const [col, variant] of header.variants) {
      const cell = grid.raw(r, col);
      if (!isEmptyRaw(cell)) row[variant] = cell;
    }
    out.push(row);
  }
  return out;
}

/** Reads one "Policy strand" block from `startRow` (its label in column `labelCol`) up to `endRow`. */
export function readStrand(grid: Grid, startRow: number, labelCol: number, endRow: number, diagnostics: WorkbookDiagnostics): RawStrand | undefined {
  let title = '';
  for (const c of grid.cellsOf(startRow)) {
    if (c.col > labelCol) {
      title = cellText(c.cell).trim();
      if (title) break;
    }
  }

  // Find label rows and the header row between this block's start and the next block.
  const labelRows: Partial<Record<LabelKey, number>> = {};
  let headerRow: number | undefined;
  for (const r of grid.rowsAfter(startRow)) {
    if (r >= endRow) break;
    const cells = grid.cellsOf(r);
    const texts = cells.map((c) => labelText(c.cell));
    if (texts.includes('year') && texts.some((t) => t === 'score')) {
      headerRow = r;
      break;
    }
    const first = texts.find((t) => t !== '');
    for (const key of Object.keys(LABELS) as (keyof typeof LABELS)[]) {
      if (key === 'strand') continue;
      if (first === LABELS[key] && labelRows[key] === undefined) labelRows[key] = r;
    }
  }
  if (headerRow === undefined) {
    diagnostics.layout(grid.sheetName, startRow, labelCol, 'error', `The block '${title || '(untitled)'}' has no 'Year | Score | Comments' header row; it was skipped.`);
    return undefined;
  }
  for (const key of ['indicator', 'subIndicator', 'title', 'description', 'options'] as const) {
    if (labelRows[key] === undefined) {
      diagnostics.layout(grid.sheetName, startRow, labelCol, key === 'indicator' ? 'error' : 'warning', `The block '${title || '(untitled)'}' has no '${LABELS[key]}' row.`);
    }
  }

  // Triplets: every "Score" header cell (with the "Year" cell before it and the next "Comments"
  // cell after it), plus every "Year" cell whose "Score" heading is blank but whose next column
  // carries a code.
  const headerCells = grid.cellsOf(headerRow).map((c) => ({ col: c.col, text: labelText(c.cell) }));
  const isYear = (t: string): boolean => t === 'year';
  const isScore = (t: string): boolean => t.startsWith('score');
  const isComments = (t: string): boolean => t.startsWith('comment');
  const hasCodeAt = (col: number): boolean =>
    [labelRows.indicator, labelRows.subIndicator].some((row) => row !== undefined && cleanCode(grid.text(row, col)) !== null);
  const triplets: { yearCol: number; scoreCol: number; commentsCol: number }[] = [];
  headerCells.forEach((h, i) => {
    let scoreCol: number | undefined;
    let yearCol: number;
    if (isScore(h.text)) {
      scoreCol = h.col;
      const before = headerCells[i - 1];
      yearCol = before && isYear(before.text) ? before.col : h.col - 1;
      if (!before || !isYear(before.text) || before.col !== h.col - 1) {
        diagnostics.layout(grid.sheetName, headerRow, h.col, 'info', `The 'Year' heading before this 'Score' heading is missing; column ${columnName(yearCol)} is taken as its year column.`);
      }
    } else if (isYear(h.text)) {
      const next = headerCells[i + 1];
      if (next && isScore(next.text)) return; // handled at the Score cell
      yearCol = h.col;
      const guess = h.col + 1;
      const ok = hasCodeAt(guess);
      diagnostics.layout(
        grid.sheetName,
        headerRow,
        h.col,
        ok ? 'info' : 'warning',
        ok
          ? `The 'Score' heading after this 'Year' cell is blank; column ${columnName(guess)} is read as the score column because it carries a code.`
          : `The 'Year' heading has no 'Score' column after it and no code above; the triplet was skipped.`,
      );
      if (!ok) return;
      scoreCol = guess;
    } else return;
    let commentsCol = scoreCol + 1;
    for (let j = i + 1; j < headerCells.length; j++) {
      const next = headerCells[j]!;
      if (next.col <= scoreCol) continue;
      if (isScore(next.text) || isYear(next.text)) break;
      if (isComments(next.text)) {
        commentsCol = next.col;
        break;
      }
    }
    triplets.push({ yearCol, scoreCol, commentsCol });
  });

  // Year rows: after the header, rows whose label column (or else any triplet) names a year.
  const yearRows: { row: number; year: number }[] = [];
  for (const r of grid.rowsAfter(headerRow)) {
    if (r >= endRow) break;
    let year = yearOf(grid.get(r, labelCol));
    for (const t of triplets) {
      if (year !== undefined) break;
      year = yearOf(grid.get(r, t.yearCol));
    }
    if (year !== undefined) yearRows.push({ row: r, year });
  }
  if (triplets.length * yearRows.length > MAX_BLOCK_CELLS) {
    diagnostics.at(grid.sheetName, headerRow, labelCol, 'IMPORT_LIMIT', 'error', `The block '${title || '(untitled)'}' has ${triplets.length} column triplets and ${yearRows.length} year rows, more than the ${MAX_BLOCK_CELLS} answer cells one block may hold; it was skipped.`);
    return undefined;
  }
  if (yearRows.length === 0) {
    diagnostics.layout(grid.sheetName, headerRow, labelCol, 'warning', `The block '${title || '(untitled)'}' has no year rows under its header.`);
  }

  const columns: RawColumn[] = [];
  let parent: string | null = null;
  for (const [index, t] of triplets.entries()) {
    const pick = (key: LabelKey): { text: string; row: number | undefined; ref: string } => {
      const row = labelRows[key];
      if (row === undefined) return { text: '', row, ref: grid.ref(headerRow, t.scoreCol) };
      const own = grid.text(row, t.scoreCol);
      const text = own || grid.text(row, t.commentsCol);
      return { text, row, ref: grid.ref(row, own || !text ? t.scoreCol : t.commentsCol) };
    };
    const ind = pick('indicator');
    const sub = pick('subIndicator');
    const indicatorWritten = cleanCode(ind.text);
    const subWritten = cleanCode(sub.text);
    let indicatorCode: string | null;
    let subIndicatorCode: string | null = null;
    let rawCode: string;
    let codeCellRef = ind.ref;
    if (indicatorWritten !== null) {
      indicatorCode = indicatorWritten;
      rawCode = ind.text;
      // The first triplet is the strand itself: it is nobody's composite parent.
      parent = index === 0 ? null : indicatorWritten;
      if (subWritten !== null) {
        diagnostics.layout(grid.sheetName, sub.row ?? headerRow, t.scoreCol, 'info', `Column ${columnName(t.scoreCol)} has both an indicator code '${indicatorWritten}' and a sub-indicator code '${subWritten}'; it is read as the indicator.`);
      }
    } else if (subWritten !== null) {
      indicatorCode = parent;
      subIndicatorCode = subWritten;
      rawCode = sub.text;
      codeCellRef = sub.ref;
      if (parent === null) {
        diagnostics.layout(grid.sheetName, sub.row ?? headerRow, t.scoreCol, 'info', `Column ${columnName(t.scoreCol)} has only a sub-indicator code '${subWritten}' and no indicator column before it in the block.`);
      }
    } else {
      indicatorCode = null;
      rawCode = '';
      diagnostics.layout(grid.sheetName, labelRows.indicator ?? headerRow, t.scoreCol, 'warning', `Column ${columnName(t.scoreCol)} of block '${title || '(untitled)'}' has neither an indicator nor a sub-indicator code.`);
    }

    const years: RawYear[] = [];
    for (const { row, year: rowYear } of yearRows) {
      const own = yearOf(grid.get(row, t.yearCol));
      if (own !== undefined && own !== rowYear) {
        diagnostics.layout(grid.sheetName, row, t.yearCol, 'warning', `The year ${own} in this triplet differs from the row's year ${rowYear}; the row's year is used.`);
      }
      const score = grid.raw(row, t.scoreCol);
      const entry: RawYear = { year: rowYear, score };
      const comment = grid.raw(row, t.commentsCol);
      if (!isBlankComment(comment)) entry.comment = comment;
      years.push(entry);
    }

    columns.push({
      indicatorCode,
      subIndicatorCode,
      rawCode,
      codeCellRef,
      title: pick('title').text.replace(/\s+/g, ' ').trim(),
      descriptionCellRef: grid.ref(labelRows.description ?? headerRow, t.scoreCol),
      optionsText: pick('options').text.trim(),
      scoreColumn: columnName(t.scoreCol),
      commentsColumn: columnName(t.commentsCol),
      years,
    });
  }
  if (columns.length === 0) {
    diagnostics.layout(grid.sheetName, startRow, labelCol, 'warning', `The block '${title || '(untitled)'}' has no Year | Score | Comments triplets.`);
  }
  return { title, headerRow, columns };
}
