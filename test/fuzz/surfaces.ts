/**
 * Fuzz input classes of the surfaces that read tables with mappings, published tables,
 * migrations and robustness specs, and of every command that writes files. Each input is a
 * small folder of files (seeded mutations of the examples and fixtures), materialised in a
 * fresh temporary folder and run in the case worker (`child.ts`): through the API or the CLI.
 *
 * The checks per input, besides those of `runCase`: every input's bytes unchanged, nothing
 * written outside the output folder, no hang, peak memory, and every file a successful command
 * wrote loads back with the package's own loaders.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { loadRubric } from '../../src/rubric/load.js';
import { loadAnswerSet } from '../../src/answers/load.js';
import { scoreAnswerSet } from '../../src/scoring/score.js';
import type { ScoredNode } from '../../src/scoring/types.js';
import { csvCellGrid } from '../../src/tables/grid.js';
import { importAnswerTable } from '../../src/tables/import.js';
import { loadAnswerSetFile, loadRubricFile } from '../../src/node/files.js';
import { readAnswerTableFile } from '../../src/node/tables.js';
import type { Job } from './case-worker.js';
import { runInChild, type ChildOutcome } from './child.js';
import { mutateTextN, type FuzzInput, type InputClass, type RunOutput } from './fuzz.js';
import { buildZip, sheetXml, smallMipexSheet, workbookParts } from './xlsx-builder.js';

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)]!;

const ROOT = join(import.meta.dirname, '..', '..');
const read = (p: string): string => readFileSync(join(ROOT, p), 'utf8');

/** The files of a folder (YAML only), keyed by `prefix/relative path`. */
function folder(dir: string, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(ROOT, dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml')) out[`${prefix}/${p}`] = read(`${dir}/${p}`);
    }
  };
  walk('');
  return out;
}

type Files = Record<string, string | Uint8Array>;
const HOSTILE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

// ---------------------------------------------------------------------------------------------
// Base inputs: the demo rubric (both editions), its answer sets, tables and a mapping.

let baseCache: ReturnType<typeof makeBase> | undefined;
function base() {
  return (baseCache ??= makeBase());
}
function makeBase() {
  const rubric = folder('examples/demo/rubric', 'in/rubric');
  const rubricV2 = folder('test/fixtures/editions/demo-v2', 'in/rubric-v2');
  const answers: Record<string, string> = {
    'in/answers/northland-2024.yaml': read('examples/demo/answers/northland-2024.yaml'),
    'in/answers/southland-2024.yaml': read('examples/demo/answers/southland-2024.yaml'),
  };
  const v1Answers = read('test/fixtures/editions/northland-2024.input.yaml');
  const wide = read('examples/tables/demo-wide.csv');
  const rows = csvCellGrid(wide).value!.rows.map((row) => row.cells.map((c) => c?.text ?? ''));
  // The same table as made elsewhere: other headers and yes/no words, with the mapping back.
  const rename: Record<string, string> = { country: 'Land', year: 'Jahr', 'local-vote': 'Wahlrecht', 'reunion-allowed': 'Familiennachzug', 'permit-wait': 'Wartezeit (Monate)' };
  const yes: Record<string, string> = { yes: 'Ja', no: 'Nein' };
  const foreign = rows.map((row, i) => row.map((cell, c) => (i === 0 ? (rename[cell] ?? cell) : ['local-vote', 'reunion-allowed'].includes(rows[0]![c]!) ? (yes[cell] ?? cell) : cell)));
  const mapping = `schemaVersion: 1\nlayout: wide\ncolumns:\n${Object.entries(rename).map(([to, from]) => `  "${from}": ${to}\n`).join('')}values:\n  "*": { Ja: "yes", Nein: "no" }\n`;
  const migrate = 'migrate:\n  - question: waiting-period\n    options: { one-year: up-to-one-year }\n  - question: local-voting\n    from: local-vote\n    review: check the scope of the vote\n';
  const spec = 'samples: 200\nseed: 7\nweights:\n  - { level: area, noise: 0.25 }\naggregations:\n  - { node: work, methods: [mean, geometric-mean] }\nmissing:\n  - { rules: [omit, minimum] }\nleaveOneOut: true\n';
  const outcomes = read('examples/outcomes/eurostat-panel.csv').split('\n').filter((l, i) => i === 0 || /^(NO|SE),/.test(l)).join('\n') + '\n';
  const book = buildZip(workbookParts([{ name: 'AT', xml: sheetXml(smallMipexSheet()) }]));
  // Published scores: every node of both demo answer sets, as computed.
  const demo = loadRubric(rubric['in/rubric/index.yaml']!, { file: 'index.yaml', readFile: (p) => rubric[`in/rubric/${p}`] }).value!;
  const published = ['country,year,node,value'];
  for (const text of Object.values(answers)) {
    const set = loadAnswerSet(text).value!;
    const res = scoreAnswerSet(demo, set);
    const walk = (n: ScoredNode): void => {
      if (n.score !== null) published.push(`${res.country},${res.year},${n.id},${n.score}`);
      for (const c of (n as { children?: ScoredNode[] }).children ?? []) walk(c);
    };
    walk(res.root);
  }
  return { rubric, rubricV2, answers, v1Answers, rows, foreign, mapping, migrate, spec, book, outcomes, published: published.join('\n') + '\n' };
}

const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const toCsv = (rows: readonly (readonly string[])[]): string => rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n';
const toXlsx = (rows: readonly (readonly string[])[]): Uint8Array => buildZip(workbookParts([{ name: 'Answers', xml: sheetXml(rows) }]));

// ---------------------------------------------------------------------------------------------
// Running one case: materialise the files, set up the output folder, run, check.

/** A hostile output set-up: what sits at the output path before the command runs. */
export type OutSetup =
  | 'plain' | 'existing' | 'hardlink' | 'symlink' | 'symlink-relative' | 'symlink-outside' | 'fifo' | 'folder' | 'dangling' | 'self-link'
  | 'parent-link-in' | 'out-file' | 'out-dangling' | 'out-self-link' | 'out-link-in' | 'out-fifo';
export const OUT_SETUPS: readonly OutSetup[] = ['plain', 'existing', 'hardlink', 'symlink', 'symlink-relative', 'symlink-outside', 'fifo', 'folder', 'dangling', 'self-link', 'parent-link-in', 'out-file', 'out-dangling', 'out-self-link', 'out-link-in', 'out-fifo'];

interface CaseSpec {
  files: Files;
  job: Job;
  /** The command writes into `work/out` (its --out, or the folder of its --out file). */
  writes?: { target: string; setup: OutSetup; input: string };
  /** Rubric for loading written tables back (export-table). */
  tableRubric?: string;
}

interface Entry {
  type: 'file' | 'dir' | 'link' | 'fifo' | 'other';
  hash?: string;
  ino: number;
}

function snapshot(dir: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel))) {
      const p = rel ? `${rel}/${name}` : name;
      const s = lstatSync(join(dir, p));
      if (s.isDirectory()) {
        out.set(p, { type: 'dir', ino: s.ino });
        walk(p);
      } else if (s.isFile()) out.set(p, { type: 'file', ino: s.ino, hash: createHash('sha256').update(readFileSync(join(dir, p))).digest('hex') });
      else out.set(p, { type: s.isSymbolicLink() ? 'link' : s.isFIFO() ? 'fifo' : 'other', ino: s.ino });
    }
  };
  walk('');
  return out;
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** Puts the hostile thing at the output path. */
function setUp(root: string, w: NonNullable<CaseSpec['writes']>): void {
  const out = join(root, 'work/out');
  const target = join(out, w.target);
  const input = join(root, w.input);
  const parent = dirname(target);
  switch (w.setup) {
    case 'out-file': return writeFileSync(out, 'not a folder\n');
    case 'out-dangling': return symlinkSync(join(root, 'work/nowhere'), out);
    case 'out-self-link': return symlinkSync(out, out);
    case 'out-link-in': return symlinkSync(join(root, 'in'), out);
    case 'out-fifo': return mkfifo(out);
    default: break;
  }
  mkdirSync(out);
  if (w.setup === 'parent-link-in') {
    if (parent === out) return symlinkSync(input, target); // no subfolder: a link to the input instead
    mkdirSync(dirname(parent), { recursive: true });
    return symlinkSync(dirname(input), parent);
  }
  mkdirSync(parent, { recursive: true });
  switch (w.setup) {
    case 'plain': return;
    case 'existing': return writeFileSync(target, '# notes a person wrote\nkeep: this\n');
    case 'hardlink': return linkSync(input, target);
    case 'symlink': return symlinkSync(input, target);
    case 'symlink-relative': return symlinkSync(relative(parent, input), target);
    case 'symlink-outside': return symlinkSync(join(root, 'work/victim.yaml'), target);
    case 'fifo': return mkfifo(target);
    case 'folder': {
      mkdirSync(target);
      return writeFileSync(join(target, 'keep.txt'), 'keep\n');
    }
    case 'dangling': return symlinkSync(join(root, 'work/nowhere/x'), target);
    case 'self-link': return symlinkSync(target, target);
  }
}

/** Diagnostics printed by the CLI (`file:line:column severity CODE message`). */
export function parseCliDiagnostics(text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of text.matchAll(/^(.+?):(\d+):(\d+) (error|warning|info) ([A-Z][A-Z0-9_]*) /gm)) {
    out.push({ file: m[1]!, line: Number(m[2]), column: Number(m[3]), severity: m[4] as Diagnostic['severity'], code: m[5] as Diagnostic['code'], message: '' });
  }
  return out;
}

/** Loads a written file back with the package's loaders; a message when it fails. */
function loadBack(path: string, name: string, tableRubric?: string): string | undefined {
  const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`.slice(0, 160));
  try {
    if (/\.ya?ml$/.test(name)) {
      const e = errors(loadAnswerSetFile(path).diagnostics);
      return e.length ? e.join('; ') : undefined;
    }
    if (/\.json$/.test(name)) {
      JSON.parse(readFileSync(path, 'utf8'));
      return undefined;
    }
    if (/\.(csv|xlsx)$/.test(name)) {
      const t = readAnswerTableFile(path);
      const e = errors(t.diagnostics);
      if (e.length || !t.value) return e.join('; ') || 'not read';
      if (tableRubric) {
        const rubric = loadRubricFile(tableRubric).value;
        if (rubric) {
          const back = errors(importAnswerTable(t.value.grids, rubric, { defaults: t.value.defaults }).diagnostics);
          if (back.length) return back.join('; ');
        }
      }
      return undefined;
    }
    readFileSync(path); // other outputs (HTML, Markdown, SVG): readable as a regular file
    return undefined;
  } catch (e) {
    return `loading threw: ${(e as Error).message}`;
  }
}

/** Runs one case through the case worker and checks the files. */
async function runFileCase(spec: CaseSpec): Promise<RunOutput> {
  const root = mkdtempSync(join(tmpdir(), 'policy-index-fuzz-'));
  try {
    const texts: Record<string, string> = {};
    for (const [name, content] of Object.entries(spec.files)) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), content);
      if (typeof content === 'string') texts[name] = content;
    }
    mkdirSync(join(root, 'work'), { recursive: true });
    writeFileSync(join(root, 'work/victim.yaml'), '# a file of the user beside the output folder\n');
    if (spec.writes) setUp(root, spec.writes);
    const before = snapshot(root);
    const job = { ...spec.job, dir: root } as Job;
    const res: ChildOutcome = await runInChild(job);
    const after = snapshot(root);

    const details: string[] = [];
    const note = (s: string) => void (details.length < 5 && details.push(s));
    let overwritten = 0;
    let outside = 0;
    let unloadable = 0;
    let leftAfterFailure = 0;
    // --out given as a link to the inputs folder: new files there are inside --out by its real path.
    const outIsIn = spec.writes?.setup === 'out-link-in';
    const inOut = (p: string) => p === 'work/out' || p.startsWith('work/out/') || (outIsIn && p.startsWith('in/'));
    for (const [p, e] of before) {
      if (e.type !== 'file') continue;
      const a = after.get(p);
      const same = a?.type === 'file' && a.hash === e.hash;
      if (same) continue;
      if (p.startsWith('in/')) {
        overwritten++;
        note(`input overwritten: ${p} (${a ? a.type : 'removed'})`);
      } else if (!inOut(p)) {
        outside++;
        note(`changed outside --out: ${p}`);
      }
    }
    const exit = res.kind === 'done' ? res.exit : undefined;
    for (const [p, a] of after) {
      const b = before.get(p);
      const changed = !b || b.type !== a.type || b.hash !== a.hash || b.ino !== a.ino;
      if (!changed) continue;
      if (!inOut(p)) {
        if (!b) {
          outside++;
          note(`written outside --out: ${p}`);
        }
        continue;
      }
      if (a.type !== 'file') continue;
      if (res.kind === 'done' && exit !== undefined && exit !== 0) {
        leftAfterFailure++;
        if (details.length < 5) note(`left after exit ${exit}: ${p}`);
      }
      const why = loadBack(join(root, p), p, spec.tableRubric ? join(root, spec.tableRubric) : undefined);
      if (why !== undefined) {
        unloadable++;
        note(`written file fails to load (exit ${exit ?? res.kind}): ${p}: ${why}`);
      }
    }
    const output: RunOutput = {
      diagnostics: [],
      texts,
      written: { outside, details: [] },
      overwritten,
      unloadable,
      leftAfterFailure,
      peakRss: res.peakRss,
      details,
    };
    if (res.kind !== 'died') output.cpuMs = res.cpuMs;
    if (res.kind === 'slow') output.stoppedComputing = true;
    else if (res.kind === 'hang') output.hang = true;
    else if (res.kind === 'memory') output.overMemory = true;
    else if (res.kind === 'died') output.crash = res.detail;
    else {
      output.diagnostics = [...res.diagnostics, ...parseCliDiagnostics(`${res.stderr}\n${res.stdout}`)];
      if (res.exception) output.crash = res.exception;
      if (res.prototypeChanged) output.prototypeChanged = true;
      for (const u of res.unloadable) {
        output.unloadable!++;
        note(`API output fails to load: ${u}`);
      }
    }
    return output;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function fileInput(spec: CaseSpec, argvNote?: string): FuzzInput {
  let size = 0;
  for (const [name, c] of Object.entries(spec.files)) if (!/^in\/(rubric|rubric-v2)\//.test(name) || typeof c !== 'string' || c.length > 0) size += c.length;
  const files: Files = { ...spec.files, 'JOB.json': JSON.stringify({ job: spec.job, writes: spec.writes, note: argvNote }, null, 1) };
  return { size, files, run: () => runFileCase(spec) };
}

// ---------------------------------------------------------------------------------------------
// The classes.

const HUGE_NUMBERS = ['1e99999999', '1e999999999999999999999999999999', '1e10000000', '-1e99999999', '1e-99999999', '9'.repeat(5000), '0.' + '1'.repeat(5000), '1e+308', '1e309', '-0', 'NaN', 'Infinity', '-Infinity', '0x10', '1_000', '1,5', '١٢', '1e', '.', '+.5e-3', '5e-324'];
const BAD_TOLERANCES: readonly (string | number)[] = ['1,5', 'abc', '-1', '1e99999999', '1e999999999999999999999999999999', 'NaN', 'Infinity', '', ' 1', '0x10', '1e-99999999', '0', Number.NaN, -1, Infinity, 1e308, -0, 0.5];

function tableClass(): InputClass {
  return {
    name: 'table + mapping',
    make(r) {
      const b = base();
      let rows = b.foreign.map((row) => [...row]);
      let mapping = b.mapping;
      let useMapping = true;
      let headerRow: { api?: number; cli?: string } | undefined;
      let mutateCsv = false;
      let note = '';
      switch (int(r, 7)) {
        case 0: mapping = mutateTextN(r, mapping); note = 'mutated mapping'; break;
        case 1: mutateCsv = true; note = 'mutated table'; break;
        case 2: { // hostile header cells, in the table and in the mapping
          const k = pick(r, HOSTILE_KEYS);
          const header = rows[0]!;
          if (r() < 0.5) header[int(r, header.length)] = k;
          else {
            header.push(k);
            for (const row of rows.slice(1)) row.push(pick(r, ['yes', '1', '', 'x']));
          }
          if (r() < 0.5) mapping = mapping.replace('columns:\n', `columns:\n  "${pick(r, HOSTILE_KEYS)}": ${pick(r, ['country', 'year', 'local-vote', ...HOSTILE_KEYS])}\n`);
          if (r() < 0.3) mapping = mapping.replace('"*":', `"${pick(r, HOSTILE_KEYS)}":`);
          if (r() < 0.3) useMapping = false;
          note = `hostile header ${k}`;
          break;
        }
        case 3: { // a huge header row (near-miss names: did-you-mean on every cell)
          const n = 1000 + int(r, 19_000);
          const names = ['permit-wiat', 'sector', 'job-service', 'trainng', 'local-vot', 'x'];
          for (let i = 0; i < n; i++) rows[0]!.push(`${pick(r, names)}${i}`);
          if (r() < 0.5) for (const row of rows.slice(1)) while (row.length < rows[0]!.length) row.push('');
          note = `header row of ${rows[0]!.length} cells`;
          break;
        }
        case 4: { // many rows of unknown countries
          const n = 1000 + int(r, 19_000);
          const row = rows[1]!;
          const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
          for (let i = 0; i < n; i++) rows.push([`${pick(r, ['Q', 'X', 'Z', 'Narnia ', 'Land of '])}${letters[i % 26]}${letters[Math.floor(i / 26) % 26]}${i}`, ...row.slice(1)]);
          note = `${n} unknown country rows`;
          break;
        }
        case 5: { // header row out of range
          headerRow = r() < 0.5 ? { api: pick(r, [0, -1, Number.NaN, 1.5, 31, 3, 2, 1e9, Infinity, 2 ** 53, -0]) } : { cli: pick(r, ['31', '0', '-1', '1.5', 'abc', '99999999999999999999', '1e3', ' 2', '3', '', 'NaN']) };
          if (r() < 0.5) mapping = mapping.replace('layout: wide\n', `headerRow: ${pick(r, ['31', '0', '-1', '1.5', '3', '1e9'])}\nlayout: wide\n`);
          note = `header row ${JSON.stringify(headerRow)}`;
          break;
        }
        default: { // metadata columns with forbidden or long keys
          const key = pick(r, [...HOSTILE_KEYS, 'x'.repeat(5000), 'a'.repeat(1025), '', ' ', 'a.b', '\u0000', '😀', '-', '1']);
          rows[0]!.push(`metadata.${key}`);
          for (const row of rows.slice(1)) row.push(pick(r, ['v', '1', 'yes', '', '=1+1']));
          if (r() < 0.3) mapping = mapping.replace('columns:\n', `columns:\n  Extra: "metadata.${pick(r, HOSTILE_KEYS)}"\n`);
          note = `metadata.${key.slice(0, 20)}${key.length > 20 ? `… (${key.length} chars)` : ''}`;
        }
      }
      const xlsx = r() < 0.2;
      let table: string | Uint8Array = xlsx ? toXlsx(rows) : toCsv(rows);
      if (mutateCsv && typeof table === 'string') table = mutateTextN(r, table);
      const tableName = xlsx ? 'in/table.xlsx' : 'in/table.csv';
      const files: Files = { ...b.rubric, [tableName]: table, ...(useMapping ? { 'in/mapping.yaml': mapping } : {}) };
      let job: Job;
      if (r() < 0.5 && headerRow?.cli === undefined) {
        job = { type: 'table', dir: '', table: tableName, rubric: 'in/rubric', ...(useMapping ? { mapping: 'in/mapping.yaml' } : {}), ...(headerRow?.api !== undefined ? { headerRow: headerRow.api } : {}) };
      } else {
        const argv = ['import-table', tableName, '--rubric', 'in/rubric', '--out', 'work/out'];
        if (useMapping) argv.push('--mapping', 'in/mapping.yaml');
        const h = headerRow?.cli ?? (headerRow?.api !== undefined ? String(headerRow.api) : undefined);
        if (h !== undefined) argv.push('--header-row', h);
        if (r() < 0.3) argv.push('--force');
        job = { type: 'cli', dir: '', argv };
      }
      return fileInput({ files, job, ...(job.type === 'cli' ? { writes: { target: 'NO/NO-2024.yaml', setup: 'plain', input: tableName } } : {}) }, note);
    },
  };
}

function publishedClass(): InputClass {
  return {
    name: 'published table',
    make(r) {
      const b = base();
      let text = b.published;
      let tolerance: string | number | undefined;
      let note = '';
      const lines = text.split('\n');
      switch (int(r, 5)) {
        case 0: text = mutateTextN(r, text); note = 'mutated'; break;
        case 1: case 2: { // extreme numbers beside their parent and siblings
          for (let k = 1 + int(r, 2); k > 0; k--) {
            const i = 1 + int(r, lines.length - 2);
            lines[i] = lines[i]!.replace(/[^,]*$/, pick(r, HUGE_NUMBERS));
          }
          text = lines.join('\n');
          note = 'extreme values';
          break;
        }
        case 3: { // many duplicate rows
          const n = r() < 0.15 ? 300_000 : 1000 + int(r, 50_000);
          const row = lines[1 + int(r, lines.length - 2)]!;
          text = lines.join('\n') + `${row}\n`.repeat(n);
          note = `${n} duplicate rows`;
          break;
        }
        default: tolerance = pick(r, BAD_TOLERANCES); note = `tolerance ${String(tolerance)}`;
      }
      if (tolerance === undefined && r() < 0.2) tolerance = pick(r, BAD_TOLERANCES);
      const files: Files = { ...b.rubric, ...b.answers, 'in/published.csv': text };
      let job: Job;
      if (r() < 0.5) job = { type: 'verify', dir: '', rubric: 'in/rubric', answers: 'in/answers', published: 'in/published.csv', ...(tolerance !== undefined ? { tolerance } : {}), ...(r() < 0.3 ? { atDisplay: true } : {}) };
      else {
        const argv = ['verify', 'in/rubric', 'in/answers', '--published', 'in/published.csv'];
        if (tolerance !== undefined) argv.push('--tolerance', String(tolerance));
        if (r() < 0.3) argv.push('--at-display');
        if (r() < 0.5) argv.push('--format', 'json');
        job = { type: 'cli', dir: '', argv };
      }
      return fileInput({ files, job }, note);
    },
  };
}

function migrationClass(): InputClass {
  return {
    name: 'migration',
    make(r) {
      const b = base();
      let answers = r() < 0.5 ? b.v1Answers : pick(r, Object.values(b.answers));
      let mapping = b.migrate;
      const v2 = { ...b.rubricV2 };
      let note = '';
      switch (int(r, 6)) {
        case 0: mapping = mutateTextN(r, mapping); note = 'mutated mapping'; break;
        case 1: answers = mutateTextN(r, answers); note = 'mutated answers'; break;
        case 2: v2['in/rubric-v2/index.yaml'] = mutateTextN(r, v2['in/rubric-v2/index.yaml']!); note = 'mutated new edition'; break;
        case 3: { // an alias to no anchor
          const lines = answers.split('\n');
          const i = lines.findIndex((l) => /^ {2}[a-z-]+: \S/.test(l));
          lines[i >= 0 ? i : lines.length - 1] = lines[i >= 0 ? i : lines.length - 1]!.replace(/: .*$/, `: ${pick(r, ['*nowhere', '*a', '[*b]', '{ answer: *c }'])}`);
          if (r() < 0.3) lines.push(pick(r, ['<<: *x', 'extra: *y']));
          answers = lines.join('\n');
          note = 'alias to no anchor';
          break;
        }
        case 4: { // the new edition moves an answer onto a question the file already answers
          answers = answers.replace(/^answers:\n/m, `answers:\n  ${pick(r, ['local-voting: no', 'local-voting: yes', 'petitions: yes', 'waiting-period: up-to-one-year'])}\n`);
          if (r() < 0.5) mapping += `  - question: petitions\n    from: ${pick(r, ['local-vote', 'consultative-body', 'petitions'])}\n`;
          note = 'target already answered';
          break;
        }
        default: { // hostile ids in the rules
          const k = pick(r, HOSTILE_KEYS);
          mapping += pick(r, [`  - question: ${k}\n`, `  - question: petitions\n    from: ${k}\n`, `  - question: waiting-period\n    options: { ${k}: up-to-one-year, one-year: ${k} }\n`]);
          note = `rule with ${k}`;
        }
      }
      const file = 'in/answers/northland-2024.yaml';
      const files: Files = { ...b.rubric, ...v2, [file]: answers, 'in/migrate.yaml': mapping };
      const withFrom = r() < 0.6;
      let job: Job;
      if (r() < 0.5) job = { type: 'migrate', dir: '', answers: file, to: 'in/rubric-v2', ...(withFrom ? { from: 'in/rubric' } : {}), mapping: 'in/migrate.yaml' };
      else {
        const argv = ['migrate', file, '--to', 'in/rubric-v2', '--mapping', 'in/migrate.yaml', '--out', 'work/out'];
        if (withFrom) argv.push('--from', 'in/rubric');
        if (r() < 0.3) argv.push('--force');
        if (r() < 0.3) argv.push('--format', 'json');
        job = { type: 'cli', dir: '', argv };
      }
      return fileInput({ files, job, ...(job.type === 'cli' ? { writes: { target: 'northland-2024.yaml', setup: 'plain', input: file } } : {}) }, note);
    },
  };
}

function specClass(): InputClass {
  return {
    name: 'robustness spec',
    make(r) {
      const b = base();
      let spec = b.spec;
      const extra: string[] = [];
      let note = '';
      switch (int(r, 4)) {
        case 0: spec = mutateTextN(r, spec); note = 'mutated'; break;
        case 1: { // huge sample counts in the spec
          const n = pick(r, ['10000000', '9999999', '5000000', '2000000', '1000000', '1e7', '1e300', '100000', '4294967296', '-1', '0', '1.5']);
          spec = spec.replace(/^samples: .*$/m, `samples: ${n}`);
          note = `samples ${n}`;
          break;
        }
        case 2: { // huge counts as flags
          const n = pick(r, ['10000000', '5000000', '1000000', '99999999999', '1e7', '-5', 'abc']);
          extra.push('--samples', n);
          if (r() < 0.5) extra.push('--bootstrap', pick(r, ['100000', '10000000', '0', '-1']));
          note = `--samples ${n}`;
          break;
        }
        default: { // hostile node ids
          const k = pick(r, HOSTILE_KEYS);
          spec = spec.replace('{ node: work,', `{ node: ${k},`).replace('{ level: area,', pick(r, [`{ node: ${k},`, `{ id: ${k}, level: area,`, '{ level: area,']));
          note = `spec with ${k}`;
        }
      }
      const files: Files = { ...b.rubric, ...b.answers, 'in/spec.yaml': spec };
      let job: Job;
      if (r() < 0.2) job = { type: 'spec', dir: '', spec: 'in/spec.yaml' };
      else {
        const command = r() < 0.6 ? 'uncertainty' : 'sensitivity';
        job = { type: 'cli', dir: '', argv: [command, 'in/rubric', 'in/answers', '--spec', 'in/spec.yaml', ...extra, '--format', pick(r, ['json', 'csv', 'table']), ...(r() < 0.5 ? ['--workers', '1'] : [])] };
      }
      return fileInput({ files, job }, note);
    },
  };
}

/** Every command that writes files: its command line, where it writes, and its inputs. */
function writerCommands() {
  const b = base();
  const commonIn: Files = { ...b.rubric, ...b.answers };
  return [
    { name: 'import-table', files: { ...b.rubric, 'in/table.csv': toCsv(b.foreign), 'in/mapping.yaml': b.mapping }, argv: ['import-table', 'in/table.csv', '--rubric', 'in/rubric', '--mapping', 'in/mapping.yaml', '--out', 'work/out'], targets: ['NO/NO-2024.yaml', 'SE/SE-2024.yaml'], inputs: ['in/table.csv', 'in/mapping.yaml', 'in/rubric/index.yaml'] },
    { name: 'migrate', files: { ...b.rubric, ...b.rubricV2, 'in/answers/northland-2024.yaml': b.v1Answers, 'in/migrate.yaml': b.migrate }, argv: ['migrate', 'in/answers/northland-2024.yaml', '--to', 'in/rubric-v2', '--from', 'in/rubric', '--mapping', 'in/migrate.yaml', '--out', 'work/out'], targets: ['northland-2024.yaml'], inputs: ['in/migrate.yaml', 'in/rubric/index.yaml', 'in/rubric-v2/index.yaml', 'in/answers/northland-2024.yaml'] },
    { name: 'export-table csv', files: commonIn, argv: ['export-table', 'in/rubric', 'in/answers', '--out', 'work/out/table.csv'], targets: ['table.csv'], inputs: ['in/rubric/index.yaml', 'in/answers/northland-2024.yaml'], tableRubric: 'in/rubric' },
    { name: 'export-table xlsx', files: commonIn, argv: ['export-table', 'in/rubric', 'in/answers', '--format', 'xlsx', '--out', 'work/out/table.xlsx'], targets: ['table.xlsx'], inputs: ['in/rubric/index.yaml', 'in/answers/southland-2024.yaml'], tableRubric: 'in/rubric' },
    { name: 'questionnaire', files: commonIn, argv: ['questionnaire', 'in/rubric', '--answers', 'in/answers/northland-2024.yaml', '--out', 'work/out/q.xlsx'], targets: ['q.xlsx'], inputs: ['in/rubric/index.yaml', 'in/answers/northland-2024.yaml'] },
    { name: 'report', files: commonIn, argv: ['report', 'in/answers', '--rubric', 'in/rubric', '--out', 'work/out', '--quiet'], targets: ['index.html', 'NO.json', 'SE.md'], inputs: ['in/rubric/index.yaml', 'in/answers/northland-2024.yaml', 'in/rubric/areas/work.yaml'] },
    { name: 'scorecard', files: commonIn, argv: ['scorecard', 'in/answers', '--rubric', 'in/rubric', '--format', 'md', '--out', 'work/out'], targets: ['NO.md', 'SE.md'], inputs: ['in/rubric/index.yaml', 'in/answers/southland-2024.yaml'] },
    { name: 'import-mipex', files: { 'in/book.xlsx': b.book }, argv: ['import-mipex', 'in/book.xlsx', '--out', 'work/out'], targets: ['published-scores.json'], inputs: ['in/book.xlsx'] },
    { name: 'uncertainty', files: commonIn, argv: ['uncertainty', 'in/rubric', 'in/answers', '--samples', '20', '--weight-noise', '0.2', '--format', 'csv', '--out', 'work/out/u.csv'], targets: ['u.csv'], inputs: ['in/rubric/index.yaml', 'in/answers/northland-2024.yaml'] },
    { name: 'sensitivity', files: commonIn, argv: ['sensitivity', 'in/rubric', 'in/answers', '--samples', '16', '--bootstrap', '10', '--weight-noise', '0.2', '--format', 'json', '--out', 'work/out/s.json'], targets: ['s.json'], inputs: ['in/rubric/index.yaml', 'in/answers/southland-2024.yaml'] },
    { name: 'outcomes compare', files: { ...commonIn, 'in/data.csv': b.outcomes }, argv: ['outcomes', 'compare', '--policy', 'in/answers', '--rubric', 'in/rubric', '--outcome', 'highly-educated-employment-rate', '--data', 'in/data.csv', '--format', 'svg', '--out', 'work/out/x.svg'], targets: ['x.svg'], inputs: ['in/data.csv', 'in/rubric/index.yaml', 'in/answers/northland-2024.yaml'] },
  ];
}

const USES_INPUT: ReadonlySet<OutSetup> = new Set(['hardlink', 'symlink', 'symlink-relative', 'parent-link-in']);

/**
 * Every command × output set-up × input linked to × with and without --force, in a seeded
 * order: a run of as many inputs as there are combinations (about 500) tries each once.
 */
function writersClass(): InputClass {
  let combos: { c: ReturnType<typeof writerCommands>[number]; setup: OutSetup; input: string; force: boolean }[] | undefined;
  let k = 0;
  return {
    name: 'writers',
    make(r) {
      if (!combos) {
        combos = [];
        for (const c of writerCommands())
          for (const setup of OUT_SETUPS)
            for (const input of USES_INPUT.has(setup) ? c.inputs : [c.inputs[0]!])
              for (const force of [false, true]) combos.push({ c, setup, input, force });
        for (let i = combos.length - 1; i > 0; i--) {
          const j = int(r, i + 1);
          [combos[i], combos[j]] = [combos[j]!, combos[i]!];
        }
      }
      const { c, setup, input, force } = combos[k++ % combos.length]!;
      const target = pick(r, c.targets);
      const argv = [...c.argv, ...(force && !['import-mipex', 'report', 'scorecard', 'uncertainty', 'sensitivity', 'outcomes compare'].includes(c.name) ? ['--force'] : [])];
      return fileInput({ files: c.files, job: { type: 'cli', dir: '', argv }, writes: { target, setup, input }, ...(c.tableRubric ? { tableRubric: c.tableRubric } : {}) }, `${c.name} ${setup} ${target} → ${input}${force ? ' --force' : ''}`);
    },
  };
}

/** The classes of this file, in campaign order, with their shares. */
export function surfaceClasses(): { cls: InputClass; share: number }[] {
  return [
    { cls: tableClass(), share: 0.06 },
    { cls: publishedClass(), share: 0.05 },
    { cls: migrationClass(), share: 0.05 },
    { cls: specClass(), share: 0.04 },
    { cls: writersClass(), share: 0.08 },
  ];
}
