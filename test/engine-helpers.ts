/**
 * Shared helpers for the core-engine tests: positions in test texts, captured CLI io, and
 * small rubric/answer-set texts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../src/diagnostics/index.js';
import { loadRubric, type LoadRubricOptions } from '../src/rubric/load.js';
import type { CliIO } from '../src/cli/io.js';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The demo rubric folder. */
export const DEMO_RUBRIC = join(ROOT, 'examples/demo/rubric');
/** The demo answer files. */
export const NORTHLAND = join(ROOT, 'examples/demo/answers/northland-2024.yaml');
export const SOUTHLAND = join(ROOT, 'examples/demo/answers/southland-2024.yaml');

/**
 * 1-based line and column of `needle` in `text` (the `nth` occurrence, 0-based), moved
 * `offset` characters to the right. Throws when the needle is absent, so tests fail loudly.
 */
export function posOf(text: string, needle: string, offset = 0, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${nth}) not found in the test text`);
  }
  at += offset;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return { line, column };
}

/** Position of the value that follows `key: ` in the line containing `needle`. */
export function valuePos(text: string, needle: string, nth = 0): { line: number; column: number } {
  const i = needle.indexOf(': ');
  if (i < 0) throw new Error(`"${needle}" has no ": "`);
  return posOf(text, needle, i + 2, nth);
}

/** Diagnostics with a given code. */
export function withCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** `code@file:line:column` strings, for compact assertions. */
export function where(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''}`);
}

/** Shorthand for one expected `where` entry. */
export function at(code: string, file: string, p: { line: number; column: number }): string {
  return `${code}@${file}:${p.line}:${p.column}`;
}

/** The standard header of a test rubric. */
export const HEAD = 'schemaVersion: 1\nid: r\nversion: 1.0.0\ntitle: R\n';

/** Loads rubric text from a map of files (the first key is the index file). */
export function loadFromFiles(files: Record<string, string>, options: Omit<LoadRubricOptions, 'file' | 'readFile'> = {}) {
  const [index, ...rest] = Object.keys(files);
  if (!index) throw new Error('no files');
  const reads: string[] = [];
  const base = index.includes('/') ? index.slice(0, index.lastIndexOf('/') + 1) : '';
  const result = loadRubric(files[index]!, {
    ...options,
    file: index,
    readFile: (rel) => {
      reads.push(rel);
      return files[base + rel];
    },
  });
  void rest;
  return { ...result, reads };
}

/** Captured CLI io. */
export function captureIO(cwd = ROOT): CliIO & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    cwd,
    isTTY: false,
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

/** True when the text looks like it holds a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /^\s{4}at /m.test(text) || /\bat .*\.(?:ts|js):\d+:\d+\)?$/m.test(text);
}

/** Reads a text file of the repository. */
export function readRepoFile(rel: string): string {
  return readFileSync(join(ROOT, rel), 'utf8');
}
