/**
 * Seeded fuzzing of every public loader given text or bytes, and (`surfaces.ts`) of the table,
 * published-score, migration and robustness-spec surfaces and of every command that writes
 * files. Each input is checked for: no exception escapes, every diagnostic naming a text file
 * has a line and column inside it, `Object.prototype` unchanged, nothing written outside the
 * output folder; for the surfaces run in the case worker also: no input overwritten, every
 * written file loads back, no hang, peak memory under the limit. Time per input is measured
 * by the caller.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { loadRubric } from '../../src/rubric/load.js';
import { loadAnswerSet } from '../../src/answers/load.js';
import { scoreAnswerSet } from '../../src/scoring/score.js';
import { loadOutcomeData } from '../../src/outcomes/data.js';
import { parseOutcomeFramework } from '../../src/outcomes/framework.js';
import { readMipexWorkbook } from '../../src/node/mipex/read-workbook.js';
import { importMipexWorkbook } from '../../src/node/mipex/import.js';
import { writeMipexAnswerSets } from '../../src/node/mipex/write.js';
import type { Rubric } from '../../src/rubric/types.js';
import { buildZip, sheetXml, smallMipexSheet, workbookParts } from './xlsx-builder.js';
import { surfaceClasses } from './surfaces.js';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (p: string): string => readFileSync(join(ROOT, p), 'utf8');

/** mulberry32: a small seeded generator. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)]!;

const SNIPPETS = [
  '__proto__', 'constructor', 'prototype', '.inf', '-.nan', '1e309', '-0', '9'.repeat(40), '~', 'null', '[]', '{}', '""', "''", '&a', '*a', '!!binary', '%YAML 1.1',
  '\uFEFF', '\r\n', '\r', '\n', '\t', '"', ',', ':', '- ', '? ', '#', '\u0000', '\u001b]0;x\u0007', '😀', '\u202e', 'é', '\uD800', 'include: ../x.yaml', 'include: areas/x.yaml',
  '=1+1', 'yes', 'no', 'true', '2019-01-01', '0x10', '0o7', '<<: *a',
];

/** One random text mutation. */
export function mutateText(r: Rand, text: string): string {
  const n = text.length;
  const at = int(r, n + 1);
  switch (int(r, 14)) {
    case 0: return text.slice(0, at); // truncation
    case 1: return text.slice(0, at) + String.fromCharCode(int(r, 0x3000)) + text.slice(at + 1); // char flip
    case 2: return text.slice(0, at) + pick(r, SNIPPETS) + text.slice(at);
    case 3: return text.replace(/\n/g, '\r\n');
    case 4: return '\uFEFF' + text;
    case 5: { // duplicate a line (duplicate keys)
      const lines = text.split('\n');
      const i = int(r, lines.length);
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
    case 6: { // delete a line
      const lines = text.split('\n');
      lines.splice(int(r, lines.length), 1);
      return lines.join('\n');
    }
    case 7: { // type swap of a value after a colon
      const lines = text.split('\n');
      const i = int(r, lines.length);
      lines[i] = (lines[i] ?? '').replace(/:\s.*$/, `: ${pick(r, ['[]', '{}', '5', 'null', '"x"', '[1, 2]', '.nan', '1e400', 'true', '- a'])}`);
      return lines.join('\n');
    }
    case 8: return text.slice(0, at) + '['.repeat(200 + int(r, 2000)) + text.slice(at); // deep nesting
    case 9: return 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n' + text;
    case 10: return text.slice(0, at) + pick(r, SNIPPETS).repeat(1 + int(r, 3000)) + text.slice(at); // repeated content
    case 11: { // swap two slices
      const b = int(r, n + 1);
      const [x, y] = at < b ? [at, b] : [b, at];
      return text.slice(y) + text.slice(x, y) + text.slice(0, x);
    }
    case 12: return text.replace(/[,:]/, pick(r, ['', ',,', '"', '\n']));
    default: return text.slice(0, at) + '"' + text.slice(at); // unbalanced quote
  }
}

export function mutateTextN(r: Rand, text: string): string {
  let out = text;
  for (let k = 1 + int(r, 3); k > 0; k--) out = mutateText(r, out);
  return out;
}

/** Lines of a text the way both readers count them (CR, LF and CRLF each end a line). */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

export interface CaseResult {
  exception?: string;
  /** Diagnostics naming a text file of the input whose line/column is outside it. */
  outside: number;
  /** Scoring diagnostics without a file and line. */
  scoringWithoutPosition: number;
  /** Files written outside the output folder (or reported written at a path outside it). */
  pathsOutside: number;
  prototypeChanged: boolean;
  /** Input files whose bytes changed (or that were replaced or removed). */
  overwritten: number;
  /** Files the run wrote (or API texts it produced) that the package's own loaders refuse. */
  unloadable: number;
  /** Files written or changed in the output folder by a run that exited non-zero (reported, not a failure by itself). */
  leftAfterFailure: number;
  /** No answer within the hang limit (the run was stopped). */
  hang: boolean;
  /** Grew past the memory limit (the run was stopped). */
  overMemory: boolean;
  /** Peak resident memory of the run, bytes (0 when not measured: in-process classes). */
  peakRss: number;
  /** CPU time of the run, ms, when it ran in the case worker (the runner then takes the smaller of it and the wall time). */
  cpuMs?: number;
  /** Stopped at the time limit while still computing: slow, not blocked. */
  stoppedComputing: boolean;
  /** The offending diagnostics and paths, for reports (at most a few). */
  details: string[];
}

/** What one run of an input gives back to the checks. */
export interface RunOutput {
  diagnostics: readonly Diagnostic[];
  texts: Record<string, string>;
  scoring?: readonly Diagnostic[];
  /** Files the run wrote outside its output folder (see {@link pathsOutside}), with examples. */
  written?: { outside: number; details: string[] };
  /** Checks made by runs in the case worker (see `surfaces.ts`). */
  overwritten?: number;
  unloadable?: number;
  leftAfterFailure?: number;
  hang?: boolean;
  overMemory?: boolean;
  peakRss?: number;
  /** CPU time of the run in the case worker, ms. */
  cpuMs?: number;
  /** Stopped at the time limit while still computing (slow, not blocked). */
  stoppedComputing?: boolean;
  /** An exception or INTERNAL_ERROR reported by the case worker. */
  crash?: string;
  prototypeChanged?: boolean;
  details?: string[];
}

function checkPositions(diagnostics: readonly Diagnostic[], texts: Readonly<Record<string, string>>, details: string[], requireLine = true): number {
  const cache = new Map<string, number[]>();
  let outside = 0;
  for (const d of diagnostics) {
    if (d.file === undefined || !Object.hasOwn(texts, d.file)) continue;
    if (!requireLine && d.line === undefined) continue; // counted as "without position"
    let lens = cache.get(d.file);
    if (!lens) cache.set(d.file, (lens = lineLengths(texts[d.file]!)));
    const ok = (line: number | undefined, col: number | undefined): boolean =>
      line !== undefined && col !== undefined && Number.isInteger(line) && line >= 1 && line <= lens!.length && col >= 1 && col <= lens![line - 1]! + 1;
    const bad = !ok(d.line, d.column) || (d.endLine !== undefined && !ok(d.endLine, d.endColumn));
    if (bad) {
      outside++;
      if (details.length < 5) details.push(`outside ${d.code} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} (${lens.length} lines)`);
    }
  }
  return outside;
}

/**
 * Files a run wrote outside its output folder `root`, which must sit alone in a fresh parent
 * folder: checked on the disk (anything in the parent beside `root`) and in the paths the run
 * reports as written (relative to `root`).
 */
export function pathsOutside(outRoot: string, files: readonly string[]): { outside: number; details: string[] } {
  const details: string[] = [];
  const root = resolve(outRoot);
  let outside = 0;
  for (const f of files) {
    const rel = relative(root, resolve(root, f));
    if (rel === '' || rel.startsWith('..') || resolve(root, f) !== join(root, rel)) {
      outside++;
      if (details.length < 5) details.push(`written outside: ${f}`);
    }
  }
  // The output folder sits alone in a fresh parent folder: anything else there was written outside.
  const parent = resolve(root, '..');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (p === root || p.startsWith(root + sep)) continue;
      if (e.isDirectory()) walk(p);
      else {
        outside++;
        if (details.length < 5) details.push(`file outside --out: ${p}`);
      }
    }
  };
  walk(parent);
  return { outside, details };
}

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).join(',');

/** Runs one input through its loader and checks the result. */
export async function runCase(run: () => Promise<RunOutput>): Promise<CaseResult> {
  const result: CaseResult = { outside: 0, scoringWithoutPosition: 0, pathsOutside: 0, prototypeChanged: false, overwritten: 0, unloadable: 0, leftAfterFailure: 0, hang: false, overMemory: false, peakRss: 0, stoppedComputing: false, details: [] };
  let childPrototype = false;
  try {
    // CPU time of the run itself (in this process unless the run reports its child's): a busy
    // machine must not make an input look slow, and the checks below are not the input's cost.
    const cpu0 = process.cpuUsage();
    const out = await run();
    const cpu = process.cpuUsage(cpu0);
    result.cpuMs = out.cpuMs ?? (cpu.user + cpu.system) / 1000;
    for (const d of out.details ?? []) if (result.details.length < 5) result.details.push(d);
    if (out.crash) result.exception = out.crash;
    result.overwritten = out.overwritten ?? 0;
    result.unloadable = out.unloadable ?? 0;
    result.leftAfterFailure = out.leftAfterFailure ?? 0;
    result.hang = out.hang ?? false;
    result.overMemory = out.overMemory ?? false;
    result.peakRss = out.peakRss ?? 0;
    result.stoppedComputing = out.stoppedComputing ?? false;
    childPrototype = out.prototypeChanged ?? false;
    result.outside = checkPositions(out.diagnostics, out.texts, result.details) + checkPositions(out.scoring ?? [], out.texts, result.details, false);
    for (const d of out.scoring ?? []) {
      if (d.file !== undefined && d.line !== undefined) continue;
      result.scoringWithoutPosition++;
      if (result.details.length < 5) result.details.push(`no position: ${d.code} ${d.message.slice(0, 120)}`);
    }
    if (out.written) {
      result.pathsOutside = out.written.outside;
      for (const d of out.written.details) if (result.details.length < 5) result.details.push(d);
    }
  } catch (e) {
    result.exception = e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}\n${(e.stack ?? '').split('\n').slice(1, 4).join('\n')}` : String(e);
  }
  result.prototypeChanged = childPrototype || Object.getOwnPropertyNames(Object.prototype).join(',') !== PROTO_KEYS || Object.keys({}).length > 0;
  return result;
}

/** Whether a case failed any check (time is the caller's). */
export function caseFailed(res: CaseResult): boolean {
  return Boolean(res.exception) || res.outside > 0 || res.scoringWithoutPosition > 0 || res.pathsOutside > 0 || res.prototypeChanged || res.overwritten > 0 || res.unloadable > 0 || res.hang || res.overMemory;
}

function folderFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(ROOT, dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml')) out[p] = read(`${dir}/${p}`);
    }
  };
  walk('');
  return out;
}

/** A class of inputs: makes one input (as a runnable check) from a random source. */
export interface InputClass {
  name: string;
  make(r: Rand): FuzzInput;
}

/** One generated input: its size, how to run it, and its content (to save a failing input). */
export interface FuzzInput {
  size: number;
  run: () => Promise<RunOutput>;
  /** The input's files: texts, or bytes for a workbook. */
  files: Record<string, string | Uint8Array>;
}

function rubricClass(name: string, dir: string): InputClass {
  const files = folderFiles(dir);
  const names = Object.keys(files);
  return {
    name,
    make(r) {
      // Mutate the index or one included file.
      const target = r() < 0.4 ? 'index.yaml' : pick(r, names);
      const texts = { ...files, [target]: mutateTextN(r, files[target]!) };
      return {
        size: texts[target]!.length,
        files: texts,
        run: async () => {
          const res = loadRubric(texts['index.yaml']!, { file: 'index.yaml', readFile: (p) => (Object.hasOwn(texts, p) ? texts[p] : undefined) });
          return { diagnostics: res.diagnostics, texts };
        },
      };
    },
  };
}

function answersClass(name: string, rubricDir: string, answerFiles: readonly string[]): InputClass {
  const rubricFiles = folderFiles(rubricDir);
  let rubric: Rubric | undefined;
  const texts = answerFiles.map(read);
  return {
    name,
    make(r) {
      rubric ??= loadRubric(rubricFiles['index.yaml']!, { file: 'index.yaml', readFile: (p) => rubricFiles[p] }).value;
      const text = mutateTextN(r, pick(r, texts));
      return {
        size: text.length,
        files: { 'answers.yaml': text },
        run: async () => {
          const res = loadAnswerSet(text, { file: 'answers.yaml' });
          const scoring = res.value && rubric ? scoreAnswerSet(rubric, res.value).diagnostics : [];
          return { diagnostics: res.diagnostics, texts: { 'answers.yaml': text }, scoring };
        },
      };
    },
  };
}

function outcomeClass(name: string, dataFile: string, format: 'csv' | 'yaml'): InputClass {
  const frameworkText = read('rubrics/outcomes/zaragoza.yaml');
  const data = read(dataFile);
  const framework = parseOutcomeFramework(frameworkText, 'framework.yaml').value;
  return {
    name,
    make(r) {
      const mutateFramework = format === 'yaml' && r() < 0.3;
      const text = mutateFramework ? data : r() < 0.1 ? bigCsv(r, data) : mutateTextN(r, data);
      const fwText = mutateFramework ? mutateTextN(r, frameworkText) : frameworkText;
      const file = `data.${format}`;
      return {
        size: text.length + (mutateFramework ? fwText.length : 0),
        files: mutateFramework ? { [file]: text, 'framework.yaml': fwText } : { [file]: text },
        run: async () => {
          const fw = mutateFramework ? parseOutcomeFramework(fwText, 'framework.yaml') : { value: framework, diagnostics: [] };
          const res = fw.value ? loadOutcomeData([{ name: file, text }], fw.value) : { diagnostics: [] };
          return { diagnostics: [...fw.diagnostics, ...res.diagnostics], texts: { [file]: text, 'framework.yaml': fwText } };
        },
      };
    },
  };
}

/** Many rows copied from the data (wrong column counts and all). */
function bigCsv(r: Rand, data: string): string {
  const lines = data.split('\n');
  const out = [lines[0]!];
  for (let i = 20_000 + int(r, 100_000); i > 0; i--) out.push(lines[1 + int(r, lines.length - 1)]!);
  return out.join('\n');
}

const SHEET_NAMES = ['AT', 'constructor', '__proto__', '../../x', '/abs', 'toString', 'hasOwnProperty', 'AT ', 'zz', '', 'CA', 'BE', '😀'];

function xlsxClass(): InputClass {
  const rubricFiles = folderFiles('rubrics/mipex-2020');
  let rubric: Rubric | undefined;
  return {
    name: 'xlsx workbook',
    make(r) {
      rubric ??= loadRubric(rubricFiles['index.yaml']!, { file: 'index.yaml', readFile: (p) => rubricFiles[p] }).value;
      const sheets = Array.from({ length: 1 + int(r, 2) }, () => ({ name: pick(r, SHEET_NAMES), xml: sheetXml(smallMipexSheet()) }));
      const parts = workbookParts(sheets);
      // XML damage in one part, then maybe byte damage of the zip.
      const part = pick(r, parts);
      if (r() < 0.8) part.data = Buffer.from(mutateXml(r, part.data.toString('utf8')));
      let bytes: Buffer = buildZip(parts.map((p) => ({ ...p, deflate: r() < 0.7 })));
      const k = int(r, 4);
      if (k === 1) bytes = bytes.subarray(0, int(r, bytes.length));
      else if (k === 2) {
        bytes = Buffer.from(bytes);
        for (let i = 1 + int(r, 8); i > 0; i--) bytes[int(r, bytes.length)] = int(r, 256);
      }
      return {
        size: bytes.length,
        files: { 'book.xlsx': bytes },
        run: async () => {
          await readMipexWorkbook(bytes);
          if (!rubric) return { diagnostics: [], texts: {} };
          const res = await importMipexWorkbook(bytes, { rubric, file: 'book.xlsx' });
          if (res.answerSets.length === 0 && res.published.length === 0) return { diagnostics: res.diagnostics, texts: {} };
          // Write into an output folder alone in a fresh parent folder; the check looks at both.
          const parent = mkdtempSync(join(tmpdir(), 'policy-index-fuzz-'));
          try {
            const out = join(parent, 'out');
            mkdirSync(out);
            const w = writeMipexAnswerSets(res, out);
            return { diagnostics: [...res.diagnostics, ...w.diagnostics], texts: {}, written: pathsOutside(out, w.written) };
          } finally {
            rmSync(parent, { recursive: true, force: true });
          }
        },
      };
    },
  };
}

const XML_SNIPPETS = ['<si>', '<row>', '<c>', '<c r="A1">', '<v>', '</c>', '</row>', '<is><t>', '&constructor;', '&#x0;', '&#99999999;', '<f t="shared" si="0">A1</f>', '<c r="ZZZZ9999999"><v>1</v></c>', '<c r="A1" t="s"><v>99</v></c>', ']]>', '<!DOCTYPE x [<!ENTITY a "b">]>'];

function mutateXml(r: Rand, xml: string): string {
  if (r() < 0.5) return mutateTextN(r, xml);
  const at = int(r, xml.length + 1);
  const s = pick(r, XML_SNIPPETS);
  return xml.slice(0, at) + s.repeat(r() < 0.3 ? 1 + int(r, 20_000) : 1) + xml.slice(at);
}

/** Every input class with the share of inputs it gets. */
export function inputClasses(): { cls: InputClass; share: number }[] {
  const mipexAnswers = readdirSync(join(ROOT, 'examples/mipex'))
    .slice(0, 6)
    .flatMap((c) => readdirSync(join(ROOT, 'examples/mipex', c)).slice(-2).map((f) => `examples/mipex/${c}/${f}`));
  return [
    { cls: rubricClass('rubric (demo)', 'examples/demo/rubric'), share: 0.22 },
    { cls: rubricClass('rubric (MIPEX)', 'rubrics/mipex-2020'), share: 0.1 },
    { cls: answersClass('answer set (demo)', 'examples/demo/rubric', ['examples/demo/answers/northland-2024.yaml', 'examples/demo/answers/southland-2024.yaml']), share: 0.2 },
    { cls: answersClass('answer set (MIPEX)', 'rubrics/mipex-2020', mipexAnswers), share: 0.12 },
    { cls: outcomeClass('outcome CSV', 'examples/outcomes/eurostat-panel.csv', 'csv'), share: 0.16 },
    { cls: outcomeClass('outcome YAML', 'examples/outcomes/three-countries-2019.yaml', 'yaml'), share: 0.1 },
    { cls: xlsxClass(), share: 0.1 },
    // Appended, so that the classes above keep their seeds (a class's seed is its place here)
    // and their inputs; at a given --inputs they get 1/1.28 of the count they had alone.
    ...surfaceClasses(),
  ];
}
