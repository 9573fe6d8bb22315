/**
 * Surveys the structure of the MIPEX core-set workbook (MIPEX 2020, Migration Policy
 * Group & CIDOB, mipex.eu) with the raw reader and writes `scratch/mipex-survey.json`.
 *
 * It checks: codes and their order per strand and sheet, option scores named in the
 * answer-options texts versus values found in the data, formula shapes (composites,
 * strands, overall scores), re-evaluation of every formula against its cached result,
 * a recomputation of strand and overall scores from the methodology, and the decision
 * tables of the composite indicators bb28, bb29 and cc59cd64.
 *
 * Usage: npx tsx scripts/mipex-survey.ts [path/to/workbook.xlsx]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { readMipexWorkbook, type RawCell, type RawColumn, type RawSheet, type RawStrand } from '../src/node/mipex/read-workbook.js';

const file = process.argv[2] ?? 'data/mipex/mipex_core_2007-2019.xlsx';
const { value: wb, diagnostics } = await readMipexWorkbook(file);
if (!wb) {
  console.error(diagnostics);
  process.exit(1);
}

const STRAND_NAMES: Record<string, string> = {
  a: 'Labour market mobility',
  b: 'Family reunion',
  c: 'Education',
  d: 'Political participation',
  e: 'Permanent residence',
  f: 'Access to nationality',
  g: 'Anti-discrimination',
  h: 'Health',
};
/** Codes written differently in some sheets, mapped to one canonical spelling. */
const ALIASES: Record<string, string> = {
  'gc_new (128, 129, 133, 135)': 'gc',
  fb102_new: 'fa102_new',
};
/** Methodology: strand = mean of group means (singleton groups = plain indicators). */
const GROUPS: Record<string, string[][] | 'mean'> = {
  a: 'mean',
  b: 'mean',
  c: 'mean',
  d: 'mean',
  e: [['ea80'], ['eb84a', 'eb85'], ['eb88', 'eb89', 'eb90'], ['ed96']],
  f: 'mean',
  g: [['ga117'], ['gb'], ['gc'], ['gd136', 'gd137gd140', 'gd144']],
  h: [['145a', '148', '146a', '149', '147a', '150'], ['152c', '153c'], ['156a', '159'], ['163', '165']],
};
const VARIANTS = {
  withHealth: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
  withoutHealth: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
  withoutHealthEducation: ['a', 'b', 'd', 'e', 'f', 'g'],
} as const;
type Variant = keyof typeof VARIANTS;

const EPS = 1e-9;
const canon = (code: string | null): string | null => (code === null ? null : (ALIASES[code] ?? code));
const keyOf = (c: RawColumn): string => canon(c.subIndicatorCode ?? c.indicatorCode) ?? '(none)';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6;
const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);
const splitRef = (ref: string): { sheet: string; col: string; row: number } => {
  const m = /^(.*)!([A-Z]+)(\d+)$/.exec(ref)!;
  return { sheet: m[1]!, col: m[2]!, row: Number(m[3]) };
};

// ---------------------------------------------------------------------------------------------
// Index every read cell by reference; remember which column and year each belongs to.
interface Place {
  sheet: RawSheet;
  strandLetter: string;
  column: RawColumn | null; // null for overall cells
  year: number;
  variant?: Variant;
}
const cells = new Map<string, RawCell>();
const places = new Map<string, Place>();
const strandLetterOf = (s: RawStrand): string => s.columns[0]?.indicatorCode ?? '?';
for (const sheet of wb.sheets) {
  for (const o of sheet.overall) {
    for (const v of Object.keys(VARIANTS) as Variant[]) {
      const c = o[v];
      if (c) {
        cells.set(c.ref, c);
        places.set(c.ref, { sheet, strandLetter: 'overall', column: null, year: o.year, variant: v });
      }
    }
  }
  for (const st of sheet.strands) {
    for (const col of st.columns) {
      for (const y of col.years) {
        cells.set(y.score.ref, y.score);
        places.set(y.score.ref, { sheet, strandLetter: strandLetterOf(st), column: col, year: y.year });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A small evaluator for the formulas found (AVERAGE, + - * /, parentheses, numbers, references),
// with spreadsheet semantics: AVERAGE skips empty/text cells named directly; arithmetic treats
// an empty cell as 0; errors propagate.
type V = { n: number } | { empty: true } | { text: string } | { err: string };
const num = (n: number): V => ({ n });
function cellV(ref: string): V {
  const c = cells.get(ref);
  if (!c) return { empty: true };
  if (c.error) return { err: c.error };
  if (isNum(c.value)) return num(c.value);
  if (typeof c.value === 'string') return c.value.trim() === '' ? { empty: true } : { text: c.value };
  return { empty: true };
}
function evaluate(formula: string, sheet: string): V {
  const toks = formula.match(/\$?[A-Z]{1,3}\$?\d+|[A-Z]+(?=\()|\d+(?:\.\d+)?|[-+*/(),]/g) ?? [];
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const arith = (v: V): V => ('text' in v ? { err: '#VALUE!' } : 'empty' in v ? num(0) : v);
  const bin = (a: V, b: V, op: string): V => {
    a = arith(a);
    b = arith(b);
    if ('err' in a) return a;
    if ('err' in b) return b;
    const x = (a as { n: number }).n;
    const y = (b as { n: number }).n;
    if (op === '/' && y === 0) return { err: '#DIV/0!' };
    return num(op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : x / y);
  };
  const expr = (): V => {
    let v = term();
    while (peek() === '+' || peek() === '-') {
      const op = toks[i++]!;
      v = bin(v, term(), op);
    }
    return v;
  };
  const term = (): V => {
    let v = factor();
    while (peek() === '*' || peek() === '/') {
      const op = toks[i++]!;
      v = bin(v, factor(), op);
    }
    return v;
  };
  const factor = (): V => {
    const t = toks[i++];
    if (t === undefined) return { err: '#PARSE!' };
    if (t === '-') return bin(num(0), factor(), '-');
    if (t === '+') return factor();
    if (t === '(') {
      const v = expr();
      i++; // ')'
      return v;
    }
    if (/^\d/.test(t)) return num(Number(t));
    if (t === 'AVERAGE' || t === 'SUM') {
      i++; // '('
      const vals: number[] = [];
      let err: string | undefined;
      while (peek() !== ')' && peek() !== undefined) {
        const isRef = /^\$?[A-Z]{1,3}\$?\d+$/.test(peek()!) && (toks[i + 1] === ',' || toks[i + 1] === ')');
        const v = isRef ? cellV(`${sheet}!${toks[i++]!.replace(/\$/g, '')}`) : expr();
        if ('err' in v) err ??= v.err;
        else if ('n' in v) vals.push(v.n);
        if (peek() === ',') i++;
      }
      i++; // ')'
      if (err) return { err };
      if (t === 'SUM') return num(vals.reduce((s, x) => s + x, 0));
      return vals.length === 0 ? { err: '#DIV/0!' } : num(vals.reduce((s, x) => s + x, 0) / vals.length);
    }
    if (/^\$?[A-Z]{1,3}\$?\d+$/.test(t)) return cellV(`${sheet}!${t.replace(/\$/g, '')}`);
    return { err: `#NAME?(${t})` };
  };
  return expr();
}
const show = (v: V): string | number | null => ('n' in v ? v.n : 'err' in v ? v.err : 'text' in v ? v.text : null);

// ---------------------------------------------------------------------------------------------
// Formula shapes: references replaced by the code (or strand letter) they point at.
function shapeOf(formula: string, sheetName: string, year: number): string {
  return formula
    .replace(/\s+/g, '')
    .replace(/\$?([A-Z]{1,3})\$?(\d+)/g, (m, col: string, row: string) => {
      const ref = `${sheetName}!${col}${row}`;
      const p = places.get(ref);
      if (!p) return `?${col}${row}`;
      const label = p.column
        ? p.column === findStrandColumn(p) ? p.strandLetter : keyOf(p.column)
        : `overall:${p.variant}`;
      return p.year === year ? label : `${label}@${p.year}`;
    });
}
function findStrandColumn(p: Place): RawColumn | undefined {
  return p.sheet.strands.find((s) => strandLetterOf(s) === p.strandLetter)?.columns[0];
}

// ---------------------------------------------------------------------------------------------
// Option scores named in an answer-options text.
function optionScores(text: string): number[] {
  const out = new Set<number>();
  for (const m of text.matchAll(/^\s*(\d{1,3})\s*[-–:=]/gm)) out.add(Number(m[1]));
  return [...out].sort((a, b) => a - b);
}

// Decision tables parsed from options texts like "17 - bb28a=50 & bb28b=0" or "100 - cc59=50 or 100 & cd64=50 or 100".
interface TableRow { score: number; conditions: Record<string, number[]>; text: string }
function decisionTable(text: string): TableRow[] {
  const rows: TableRow[] = [];
  for (const line of text.split(/\n/)) {
    const m = /^\s*(\d{1,3})\s*-\s*(.+?)\s*$/.exec(line);
    if (!m || !/=/.test(m[2]!)) continue;
    const conditions: Record<string, number[]> = {};
    for (const part of m[2]!.split('&')) {
      const c = /^\s*([a-z0-9]+)\s*=\s*(.+?)\s*$/i.exec(part);
      if (!c) continue;
      conditions[c[1]!] = c[2]!.split(/\s*or\s*/).map(Number);
    }
    rows.push({ score: Number(m[1]), conditions, text: `${m[2]!.trim()} → ${m[1]}` });
  }
  return rows;
}
function lookup(table: TableRow[], answers: Record<string, number>): TableRow | undefined {
  return table.find((r) => Object.entries(r.conditions).every(([k, vs]) => answers[k] !== undefined && vs.includes(answers[k]!)));
}

// ---------------------------------------------------------------------------------------------
// Per strand: column order (majority), per-code facts, drift.
interface CodeFacts {
  code: string;
  indicatorCode: string | null;
  kind: 'strand' | 'indicator' | 'sub-indicator';
  title: string;
  titlesSeen: string[];
  rawSpellings: Record<string, string[]>;
  optionsText: string;
  optionScores: number[];
  valuesTyped: Record<string, number>;
  valuesFromFormula: Record<string, number>;
  formulaCells: number;
  typedNumericCells: number;
  emptyCells: number;
  errorCells: Record<string, number>;
  textCells: { ref: string; value: string }[];
  formulaShapes: Record<string, { cells: number; sheets: string[] }>;
  sheets: number;
  optionsTexts: Record<string, string[]>;
  kinds: Record<string, string[]>;
}
/** Per strand letter: code → kind found in most sheets; code → options text found in most sheets. */
const majorityKind = new Map<string, Map<string, string>>();
const majorityOptions = new Map<string, string>();
const majorityOf = (rec: Record<string, string[]>): string => Object.entries(rec).sort((a, b) => b[1].length - a[1].length)[0]![0];
const strandsOut: Record<string, unknown> = {};
const nonOption: { ref: string; code: string; year: number; value: number; options: number[] }[] = [];
const formulaMismatch: { ref: string; formula: string; cached: unknown; recomputed: unknown }[] = [];
const formulaNoCache: { ref: string; formula: string; recomputed: unknown }[] = [];
const methodMismatch: { ref: string; strand: string; year: number; cached: number | null; method: number | null; formula?: string }[] = [];
const layoutDrift: Record<string, unknown> = {};

for (const letter of Object.keys(STRAND_NAMES)) {
  const blocks = wb.sheets.flatMap((sheet) => sheet.strands.filter((s) => strandLetterOf(s) === letter).map((strand) => ({ sheet, strand })));
  const seqCount = new Map<string, string[]>();
  for (const { sheet, strand } of blocks) {
    const seq = strand.columns.map(keyOf).join(' ');
    seqCount.set(seq, [...(seqCount.get(seq) ?? []), sheet.name]);
  }
  const majority = [...seqCount.entries()].sort((a, b) => b[1].length - a[1].length)[0]![0];
  const rawSeqCount = new Map<string, string[]>();
  for (const { sheet, strand } of blocks) {
    const seq = strand.columns.map((c) => JSON.stringify(c.rawCode)).join(' ');
    rawSeqCount.set(seq, [...(rawSeqCount.get(seq) ?? []), sheet.name]);
  }

  const facts = new Map<string, CodeFacts>();
  const typedCells: { code: string; ref: string; year: number; value: number }[] = [];
  const strandShapes = new Map<string, { cells: number; sheets: Set<string>; years: Set<number> }>();
  const yearsBySheet: Record<string, number[]> = {};
  const headerRows = new Map<number, string[]>();
  for (const { sheet, strand } of blocks) {
    headerRows.set(strand.headerRow, [...(headerRows.get(strand.headerRow) ?? []), sheet.name]);
    yearsBySheet[sheet.name] = strand.columns[0]?.years.map((y) => y.year) ?? [];
    strand.columns.forEach((col, idx) => {
      const code = keyOf(col);
      let f = facts.get(code);
      if (!f) {
        f = {
          code,
          indicatorCode: canon(col.indicatorCode),
          kind: idx === 0 ? 'strand' : col.subIndicatorCode ? 'sub-indicator' : 'indicator',
          title: col.title,
          titlesSeen: [],
          rawSpellings: {},
          optionsText: col.optionsText,
          optionScores: optionScores(col.optionsText),
          valuesTyped: {},
          valuesFromFormula: {},
          formulaCells: 0,
          typedNumericCells: 0,
          emptyCells: 0,
          errorCells: {},
          textCells: [],
          formulaShapes: {},
          sheets: 0,
          optionsTexts: {},
          kinds: {},
        };
        facts.set(code, f);
      }
      f.sheets++;
      (f.optionsTexts[col.optionsText] ??= []).push(sheet.name);
      (f.kinds[idx === 0 ? 'strand' : col.subIndicatorCode ? 'sub-indicator' : 'indicator'] ??= []).push(sheet.name);
      if (!f.titlesSeen.includes(col.title)) f.titlesSeen.push(col.title);
      (f.rawSpellings[col.rawCode] ??= []).push(sheet.name);
      for (const y of col.years) {
        const c = y.score;
        if (c.formula) {
          f.formulaCells++;
          const shape = shapeOf(c.formula, sheet.name, y.year);
          const target = idx === 0 ? undefined : (f.formulaShapes[shape] ??= { cells: 0, sheets: [] });
          if (target) {
            target.cells++;
            if (!target.sheets.includes(sheet.name)) target.sheets.push(sheet.name);
          } else {
            const s = strandShapes.get(shape) ?? { cells: 0, sheets: new Set(), years: new Set() };
            s.cells++;
            s.sheets.add(sheet.name);
            s.years.add(y.year);
            strandShapes.set(shape, s);
          }
          const rec = evaluate(c.formula, sheet.name);
          const shown = show(rec);
          if (c.value === null && !c.error) formulaNoCache.push({ ref: c.ref, formula: c.formula, recomputed: shown });
          else if ('n' in rec ? !(isNum(c.value) && Math.abs(c.value - rec.n) < EPS) : 'err' in rec ? c.error !== rec.err : true) {
            formulaMismatch.push({ ref: c.ref, formula: c.formula, cached: c.error ?? c.value, recomputed: shown });
          }
          if (isNum(c.value)) {
            const k = String(+c.value.toFixed(6));
            f.valuesFromFormula[k] = (f.valuesFromFormula[k] ?? 0) + 1;
          }
        } else if (isNum(c.value)) {
          f.typedNumericCells++;
          f.valuesTyped[String(c.value)] = (f.valuesTyped[String(c.value)] ?? 0) + 1;
          if (idx > 0) typedCells.push({ code, ref: c.ref, year: y.year, value: c.value });
        } else if (c.error) {
          f.errorCells[c.error] = (f.errorCells[c.error] ?? 0) + 1;
        } else if (typeof c.value === 'string') {
          f.textCells.push({ ref: c.ref, value: c.value });
        } else f.emptyCells++;
      }
    });
  }

  // Majority kind and options text per code; option scores from the majority text.
  const kinds = new Map<string, string>();
  for (const f of facts.values()) {
    f.kind = majorityOf(f.kinds) as CodeFacts['kind'];
    kinds.set(f.code, f.kind);
    f.optionsText = majorityOf(f.optionsTexts);
    majorityOptions.set(f.code, f.optionsText);
    f.optionScores = optionScores(f.optionsText);
  }
  majorityKind.set(letter, kinds);
  for (const t of typedCells) {
    const f = facts.get(t.code)!;
    if (f.optionScores.length > 0 && !f.optionScores.includes(t.value)) nonOption.push({ ...t, options: f.optionScores });
  }
  const kindDrift = [...facts.values()]
    .filter((f) => Object.keys(f.kinds).length > 1)
    .map((f) => ({ code: f.code, majority: f.kind, otherwise: Object.fromEntries(Object.entries(f.kinds).filter(([k]) => k !== f.kind)) }));
  const optionsTextDrift = [...facts.values()]
    .filter((f) => Object.keys(f.optionsTexts).length > 1)
    .map((f) => ({
      code: f.code,
      variants: Object.entries(f.optionsTexts)
        .filter(([t]) => t !== f.optionsText)
        .map(([t, sh]) => ({ text: t.length > 160 ? `${t.slice(0, 160)}…` : t, sheets: sh })),
    }));

  // Drift: sheets whose code sequence differs from the majority.
  const majorityCodes = majority.split(' ');
  const drift = [...seqCount.entries()]
    .filter(([seq]) => seq !== majority)
    .map(([seq, sheets]) => {
      const codes = seq.split(' ');
      return {
        sheets,
        missing: majorityCodes.filter((c) => !codes.includes(c)),
        extra: codes.filter((c) => !majorityCodes.includes(c)),
        sequence: seq,
      };
    });
  const rawSpellingDrift = [...facts.values()]
    .filter((f) => Object.keys(f.rawSpellings).length > 1)
    .map((f) => ({ code: f.code, spellings: Object.fromEntries(Object.entries(f.rawSpellings).map(([k, v]) => [JSON.stringify(k), v.length <= 8 ? v : `${v.length} sheets`])) }));
  const majorityShape = [...strandShapes.entries()].sort((a, b) => b[1].cells - a[1].cells)[0]?.[0];
  layoutDrift[letter] = {
    blocks: blocks.length,
    missingFromSheets: wb.sheets.filter((s) => !blocks.some((b) => b.sheet === s)).map((s) => s.name),
    majoritySequence: majority,
    majoritySheets: seqCount.get(majority)!.length,
    sequenceDrift: drift,
    rawSpellingDrift,
    kindDrift,
    optionsTextDrift,
    headerRows: Object.fromEntries([...headerRows.entries()].map(([r, s]) => [r, s.length > 6 ? `${s.length} sheets` : s])),
    yearSets: Object.entries(
      Object.entries(yearsBySheet).reduce<Record<string, string[]>>((acc, [s, ys]) => {
        (acc[`${ys[0]}–${ys[ys.length - 1]} (${ys.length})`] ??= []).push(s);
        return acc;
      }, {}),
    ).map(([k, v]) => ({ years: k, sheets: v.length > 8 ? `${v.length} sheets` : v })),
  };
  strandsOut[letter] = {
    name: STRAND_NAMES[letter],
    title: blocks[0]?.strand.title,
    codes: majorityCodes
      .map((c) => facts.get(c)!)
      .concat([...facts.values()].filter((f) => !majorityCodes.includes(f.code)))
      .map(({ optionsTexts: _o, kinds: _k, ...rest }) => rest),
    strandFormulaShapes: [...strandShapes.entries()]
      .sort((a, b) => b[1].cells - a[1].cells)
      .map(([shape, s]) => ({
        shape,
        cells: s.cells,
        years: [...s.years].sort(),
        sheets: shape === majorityShape ? `${s.sheets.size} sheets` : [...s.sheets],
      })),
  };
}

// ---------------------------------------------------------------------------------------------
// Methodology recomputation of strand scores from indicator cells (missing indicators skipped).
const strandEmptyWithIndicators: { ref: string; year: number; indicatorMean: number; error?: string; formula?: string }[] = [];
const strandValue = new Map<string, number | null>(); // `${sheet}|${letter}|${year}` → cached strand score
let strandYearsNumeric = 0;
let strandYearsNumericAllYears = 0;
const strandYearsNumericByStrand: Record<string, number> = {};
let strandYearsWithAnyIndicator = 0;
for (const sheet of wb.sheets) {
  for (const st of sheet.strands) {
    const letter = strandLetterOf(st);
    const groups = GROUPS[letter];
    const strandCol = st.columns[0]!;
    strandCol.years.forEach((sy, yi) => {
      const cached = isNum(sy.score.value) ? sy.score.value : null;
      strandValue.set(`${sheet.name}|${letter}|${sy.year}`, cached);
      if (cached !== null) strandYearsNumericAllYears++;
      if (cached !== null && sy.year <= 2019) {
        strandYearsNumeric++;
        strandYearsNumericByStrand[letter] = (strandYearsNumericByStrand[letter] ?? 0) + 1;
      }
      const kinds = majorityKind.get(letter);
      const indicators = st.columns.slice(1).filter((c) => kinds?.get(keyOf(c)) === 'indicator');
      const valueOf = (code: string): number | undefined => {
        const c = indicators.find((col) => keyOf(col) === code);
        const v = c?.years[yi]?.score.value;
        return isNum(v) ? v : undefined;
      };
      let method: number | null;
      if (groups === 'mean' || groups === undefined) {
        method = mean(indicators.map((c) => c.years[yi]?.score.value).filter(isNum));
      } else {
        const gm = groups.map((g) => mean(g.map(valueOf).filter((v): v is number => v !== undefined))).filter((v): v is number => v !== null);
        method = mean(gm);
      }
      if (method !== null) strandYearsWithAnyIndicator++;
      if (cached === null && method !== null) {
        strandEmptyWithIndicators.push({ ref: sy.score.ref, year: sy.year, indicatorMean: method, error: sy.score.error, formula: sy.score.formula });
      } else if ((method === null) !== (cached === null) || (method !== null && cached !== null && !close(method, cached))) {
        methodMismatch.push({ ref: sy.score.ref, strand: letter, year: sy.year, cached: cached ?? (sy.score.error as unknown as number) ?? null, method, formula: sy.score.formula });
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Overall scores: counts, formula shapes per variant and year, recomputation as mean of strands.
const overallCounts: Record<Variant, number> = { withHealth: 0, withoutHealth: 0, withoutHealthEducation: 0 };
const overallCountsTo2019: Record<Variant, number> = { withHealth: 0, withoutHealth: 0, withoutHealthEducation: 0 };
const overallShapes = new Map<string, { variant: Variant; years: Set<number>; sheets: Set<string> }>();
const overallMismatch: { ref: string; variant: Variant; year: number; cached: unknown; meanOfStrands: number | null; missingStrands: string[] }[] = [];
let countryYears = 0;
const countryYearsByYear: Record<number, number> = {};
for (const sheet of wb.sheets) {
  for (const o of sheet.overall) {
    if (o.year >= 2007 && o.year <= 2019) countryYears++;
    const anyNumeric = (Object.keys(VARIANTS) as Variant[]).some((v) => isNum(o[v]?.value));
    if (anyNumeric) countryYearsByYear[o.year] = (countryYearsByYear[o.year] ?? 0) + 1;
    for (const v of Object.keys(VARIANTS) as Variant[]) {
      const c = o[v];
      if (!c) continue;
      if (isNum(c.value)) overallCounts[v]++;
      if (isNum(c.value) && o.year <= 2019) overallCountsTo2019[v]++;
      if (c.formula) {
        const shape = `${v}: ${shapeOf(c.formula, sheet.name, o.year)}`;
        const s = overallShapes.get(shape) ?? { variant: v, years: new Set(), sheets: new Set() };
        s.years.add(o.year);
        s.sheets.add(sheet.name);
        overallShapes.set(shape, s);
        const rec = evaluate(c.formula, sheet.name);
        if (c.value === null && !c.error) formulaNoCache.push({ ref: c.ref, formula: c.formula, recomputed: show(rec) });
        else if ('n' in rec ? !(isNum(c.value) && Math.abs(c.value - rec.n) < EPS) : c.error !== (rec as { err?: string }).err) {
          formulaMismatch.push({ ref: c.ref, formula: c.formula, cached: c.error ?? c.value, recomputed: show(rec) });
        }
      }
      const strandVals = VARIANTS[v].map((l) => strandValue.get(`${sheet.name}|${l}|${o.year}`) ?? null);
      const missing = VARIANTS[v].filter((_, i) => strandVals[i] === null);
      const m = missing.length === 0 ? mean(strandVals as number[]) : null;
      if (isNum(c.value) && (m === null || !close(m, c.value))) {
        overallMismatch.push({ ref: c.ref, variant: v, year: o.year, cached: c.value, meanOfStrands: m, missingStrands: missing });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Decision tables and the weighted composite, checked on every country-year.
interface TableCheck { code: string; rows: string[]; checked: number; explained: number; unexplained: unknown[]; incomplete: number; formulaCells: number; typedCells: number }
const tableChecks: TableCheck[] = [];
for (const [letter, code] of [['b', 'bb28'], ['b', 'bb29'], ['c', 'cc59cd64'], ['b', 'bb30bb31']] as const) {
  const check: TableCheck = { code, rows: [], checked: 0, explained: 0, unexplained: [], incomplete: 0, formulaCells: 0, typedCells: 0 };
  for (const sheet of wb.sheets) {
    const st = sheet.strands.find((s) => strandLetterOf(s) === letter);
    if (!st) continue;
    const comp = st.columns.find((c) => c.subIndicatorCode === null && canon(c.indicatorCode) === code);
    if (!comp) continue;
    const table = code === 'bb30bb31' ? [] : decisionTable(majorityOptions.get(code) ?? comp.optionsText);
    const subs = st.columns.filter((c) => majorityKind.get(letter)?.get(keyOf(c)) === 'sub-indicator' && canon(c.indicatorCode) === code);
    if (check.rows.length === 0) check.rows = table.map((r) => r.text);
    comp.years.forEach((y, yi) => {
      if (y.score.formula) check.formulaCells++;
      else if (isNum(y.score.value)) check.typedCells++;
      const answers: Record<string, number> = {};
      for (const s of subs) {
        const v = s.years[yi]?.score.value;
        if (isNum(v)) answers[keyOf(s)] = v;
      }
      const value = y.score.value;
      if (!isNum(value)) return;
      if (Object.keys(answers).length < subs.length) {
        check.incomplete++;
        check.unexplained.push({ ref: y.score.ref, value, answers, note: 'some sub-indicator cells are empty' });
        return;
      }
      check.checked++;
      if (code === 'bb30bb31') {
        const expect = 0.67 * answers.bb31! + 0.33 * answers.bb30!;
        if (close(expect, value)) check.explained++;
        else check.unexplained.push({ ref: y.score.ref, value, answers, expected: expect, formula: y.score.formula });
        return;
      }
      const row = lookup(table, answers);
      if (row && row.score === value) check.explained++;
      else check.unexplained.push({ ref: y.score.ref, value, answers, tableSays: row?.score ?? 'no row matches', formula: y.score.formula });
    });
  }
  tableChecks.push(check);
}

// ---------------------------------------------------------------------------------------------
// Cell-level statistics over all score cells.
const scoreCellStats = { numericTyped: 0, numericFormula: 0, errors: {} as Record<string, number>, empty: 0, text: 0, formulaNoCache: formulaNoCache.length };
const yearsInSheets = new Map<string, string[]>();
for (const sheet of wb.sheets) {
  const ys = new Set<number>();
  for (const st of sheet.strands) for (const c of st.columns) for (const y of c.years) ys.add(y.year);
  for (const o of sheet.overall) ys.add(o.year);
  const key = [...ys].sort().join(',');
  yearsInSheets.set(key, [...(yearsInSheets.get(key) ?? []), sheet.name]);
  for (const st of sheet.strands) {
    for (const c of st.columns) {
      for (const y of c.years) {
        const s = y.score;
        if (s.error) scoreCellStats.errors[s.error] = (scoreCellStats.errors[s.error] ?? 0) + 1;
        else if (isNum(s.value)) s.formula ? scoreCellStats.numericFormula++ : scoreCellStats.numericTyped++;
        else if (typeof s.value === 'string') scoreCellStats.text++;
        else if (!s.formula) scoreCellStats.empty++;
      }
    }
  }
}
// Data beyond 2019 (e.g. 2020 rows): which cells carry values.
const after2019: string[] = [];
for (const sheet of wb.sheets) {
  for (const st of sheet.strands) for (const c of st.columns) for (const y of c.years) if (y.year > 2019 && (isNum(y.score.value) || y.score.formula)) after2019.push(y.score.ref);
  for (const o of sheet.overall) if (o.year > 2019) for (const v of Object.keys(VARIANTS) as Variant[]) if (o[v]) after2019.push(o[v]!.ref);
}

const survey = {
  source: file,
  sheets: wb.sheets.map((s) => ({ name: s.name, country: s.country, strands: s.strands.map(strandLetterOf).join(''), overallYears: s.overall.map((o) => o.year) })),
  readerDiagnostics: diagnostics,
  counts: {
    sheets: wb.sheets.length,
    countryYears2007to2019: countryYears,
    countryYearsWithAnyOverall: countryYearsByYear,
    strandYearsNumeric2007to2019: strandYearsNumeric,
    strandYearsNumericByStrand,
    strandYearsNumericAllYears,
    overallNumericByVariantTo2019: overallCountsTo2019,
    strandYearsWithAnyIndicator,
    overallNumericByVariant: overallCounts,
    scoreCells: scoreCellStats,
  },
  yearSets: [...yearsInSheets.entries()].map(([years, sheets]) => ({ years, sheets })),
  valuesAfter2019: after2019,
  strands: strandsOut,
  layoutDrift,
  overallFormulaShapes: [...overallShapes.entries()].map(([shape, s]) => ({
    shape,
    years: [...s.years].sort().join(','),
    sheets: s.sheets.size > 8 ? `${s.sheets.size} sheets` : [...s.sheets],
  })),
  nonOptionValues: nonOption,
  formulaCacheMismatches: formulaMismatch,
  formulasWithoutCachedResult: formulaNoCache,
  strandMethodMismatches: methodMismatch,
  strandEmptyWithIndicators,
  overallMismatches: overallMismatch,
  compositeChecks: tableChecks,
};
mkdirSync('scratch', { recursive: true });
writeFileSync('scratch/mipex-survey.json', `${JSON.stringify(survey, null, 2)}\n`);

// ---------------------------------------------------------------------------------------------
console.log(`sheets: ${wb.sheets.length}; reader diagnostics: ${diagnostics.length}`);
console.log(`country-years 2007–2019: ${countryYears}; strand-years with a numeric score (≤2019): ${strandYearsNumeric}`, strandYearsNumericByStrand);
console.log(`strand-years with a numeric score, all years: ${strandYearsNumericAllYears}`);
console.log('overall numeric scores by variant (all years / ≤2019):', overallCounts, overallCountsTo2019);
console.log('score cells:', scoreCellStats);
for (const [letter, d] of Object.entries(layoutDrift)) {
  const dd = d as { blocks: number; majoritySheets: number; sequenceDrift: unknown[]; rawSpellingDrift: unknown[]; kindDrift: unknown[]; optionsTextDrift: unknown[] };
  console.log(
    `strand ${letter} (${STRAND_NAMES[letter]}): ${dd.blocks} blocks, ${dd.majoritySheets} with majority order; ${dd.sequenceDrift.length} other orders; ` +
      `${dd.rawSpellingDrift.length} codes spelled differently; ${dd.kindDrift.length} codes in the other code row; ${dd.optionsTextDrift.length} codes with differing options texts`,
  );
}
console.log(`non-option values: ${nonOption.length}; formula/cache mismatches: ${formulaMismatch.length}; formulas without cached result: ${formulaNoCache.length}`);
console.log(`strand method mismatches: ${methodMismatch.length}; strand cells empty although indicators hold values: ${strandEmptyWithIndicators.length}; overall mismatches: ${overallMismatch.length}`);
for (const t of tableChecks) console.log(`composite ${t.code}: checked ${t.checked}, explained ${t.explained}, unexplained ${t.unexplained.length} (typed ${t.typedCells}, formula ${t.formulaCells})`);
console.log('wrote scratch/mipex-survey.json');
