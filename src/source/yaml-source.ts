/**
 * YAML text → plain data with positions. Every value keeps the offsets of the text it came
 * from, so later stages can report `file:line:column` for any data path.
 *
 * @module
 */
import { Composer, isAlias, isMap, isScalar, isSeq, LineCounter, Parser, visit, type Alias, type CST, type Node as YamlNode, type Document } from 'yaml';
import type { Diagnostic, DiagnosticCode, PathSegment } from '../diagnostics/index.js';

/** A 1-based position range in a text. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Limits that protect against hostile input. */
export interface ParseLimits {
  /** Deepest nesting of mappings and sequences (default 64, at most 256). */
  maxDepth?: number;
  /** Most nodes that aliases may expand to in one document (default 10 000). */
  maxAliasNodes?: number;
  /** Largest text accepted, in characters (default 1 000 000; larger outcome data belong in CSV). */
  maxLength?: number;
  /** Most entries in one mapping or sequence (default 100 000). */
  maxEntries?: number;
  /** Longest mapping key, in characters (default 1 000). */
  maxKeyLength?: number;
}

/** Maps data paths back to text positions. */
export interface SourceLocator {
  /** The name given to the text. */
  readonly file: string;
  /** The text itself (used for code frames). */
  readonly text: string;
  /** Position of the value at `path`, or of its nearest located ancestor. */
  locate(path: readonly PathSegment[]): SourceRange | undefined;
  /** Position of the key that holds the value at `path` (falls back to {@link SourceLocator.locate}). */
  locateKey(path: readonly PathSegment[]): SourceRange | undefined;
  /** For YAML: the text the number at `path` was written as (see {@link ParsedSource.numberText}). */
  numberText?(path: readonly PathSegment[]): string | undefined;
}

/** A parsed YAML text. */
export interface ParsedSource {
  /** Plain data (objects, arrays, strings, numbers, booleans, null), present unless the text is unusable. */
  value?: unknown;
  diagnostics: Diagnostic[];
  locator: SourceLocator;
  /**
   * The keys of the mapping at `path` in the order the text gives them. (JavaScript objects list
   * integer-like keys such as `148` first, whatever the text says.)
   */
  keyOrder(path: readonly PathSegment[]): readonly string[] | undefined;
  /**
   * The text a number at `path` was written as (`9007199254740993`, `0.1`), so that exact
   * readers need not go through a double; `undefined` when the value there is not a number.
   */
  numberText(path: readonly PathSegment[]): string | undefined;
}

/** Most YAML syntax problems reported for one text; the rest are summarised in one line. */
const MAX_SYNTAX_DIAGNOSTICS = 50;

/**
 * Offset of the first collection nested deeper than `limit` levels in the CST, found without
 * recursion (the YAML composer recurses once per level and would overflow the stack).
 */
function firstTooDeep(tokens: readonly CST.Token[], limit: number): number | undefined {
  type Item = CST.BlockMap['items'][number] | CST.BlockSequence['items'][number] | CST.FlowCollection['items'][number];
  const stack: [CST.Token | undefined, number][] = tokens.map((t) => [t, 0]);
  while (stack.length) {
    const [tok, depth] = stack.pop()!;
    if (!tok) continue;
    if (tok.type === 'document') {
      stack.push([tok.value, depth]);
      continue;
    }
    if (tok.type === 'block-map' || tok.type === 'block-seq' || tok.type === 'flow-collection') {
      const d = depth + 1;
      if (d > limit) return tok.offset;
      for (const item of tok.items as Item[]) {
        if ('key' in item) stack.push([item.key ?? undefined, d]);
        stack.push([item.value, d]);
      }
    }
  }
  return undefined;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Longest mapping key every loader accepts by default, in characters. */
export const MAX_YAML_KEY_LENGTH = 1_000;

/**
 * Why the loaders refuse a mapping key, or undefined when they accept it: a key longer than the
 * limit (`YAML_KEY_TOO_LONG`), or one that could tamper with objects (`YAML_FORBIDDEN_KEY`).
 * Writers check their keys with it, so that what they write reads back.
 *
 * @example
 * ```ts
 * import { yamlKeyProblem } from './yaml-source.js';
 * yamlKeyProblem('constructor')?.code; // 'YAML_FORBIDDEN_KEY'
 * yamlKeyProblem('income'); // undefined
 * ```
 */
export function yamlKeyProblem(key: string, maxKeyLength: number = MAX_YAML_KEY_LENGTH): { code: 'YAML_FORBIDDEN_KEY' | 'YAML_KEY_TOO_LONG'; message: string } | undefined {
  if (key.length > maxKeyLength) return { code: 'YAML_KEY_TOO_LONG', message: `A mapping key is ${key.length} characters long; the limit is ${maxKeyLength}.` };
  if (FORBIDDEN_KEYS.has(key)) return { code: 'YAML_FORBIDDEN_KEY', message: `The key "${key}" is not allowed.` };
  return undefined;
}

const pathKey = (path: readonly PathSegment[]): string => JSON.stringify(path);

/** Turns `[start, end]` offsets of `text` into a 1-based range; the line index is built once. */
export function offsetRanger(text: string): (range: readonly [number, number]) => SourceRange {
  const counter = new LineCounter();
  // LineCounter needs the newline offsets.
  counter.addNewLine(0);
  // YAML (like editors) ends a line at LF, CRLF or a lone CR.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) counter.addNewLine(i + 1);
  }
  const clamp = (o: number): number => {
    const c = Number.isFinite(o) ? Math.min(Math.max(0, o), text.length) : 0;
    // Between the CR and the LF of a CRLF is no column of the line: use the CR's.
    return c > 0 && text.charCodeAt(c) === 10 && text.charCodeAt(c - 1) === 13 ? c - 1 : c;
  };
  return ([start, end]) => {
    const s = clamp(start);
    const a = counter.linePos(s);
    const b = counter.linePos(Math.max(s, clamp(end)));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
}

function createLocatorWith(
  toRange: (range: readonly [number, number]) => SourceRange,
  file: string,
  text: string,
  values: Map<string, [number, number]>,
  keys: Map<string, [number, number]>,
): SourceLocator {
  const find = (map: Map<string, [number, number]>, path: readonly PathSegment[]): SourceRange | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const hit = map.get(pathKey(path.slice(0, n)));
      if (hit) return toRange(hit);
    }
    return undefined;
  };
  return {
    file,
    text,
    locate: (path) => find(values, path),
    locateKey: (path) => {
      const hit = keys.get(pathKey(path));
      return hit ? toRange(hit) : find(values, path);
    },
  };
}

/**
 * Attaches a file and position to a diagnostic, using the locator to find `path`.
 */
export function located(
  locator: SourceLocator | undefined,
  diagnostic: Omit<Diagnostic, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>,
  options: { key?: boolean } = {},
): Diagnostic {
  if (!locator) return diagnostic as Diagnostic;
  const range = diagnostic.path ? (options.key ? locator.locateKey(diagnostic.path) : locator.locate(diagnostic.path)) : undefined;
  return { ...diagnostic, file: locator.file, ...(range ?? { line: 1, column: 1 }) };
}

const YAML_CODE: Partial<Record<string, DiagnosticCode>> = {
  DUPLICATE_KEY: 'YAML_DUPLICATE_KEY',
  RESOURCE_EXHAUSTION: 'YAML_ALIAS_LIMIT',
  NON_STRING_KEY: 'YAML_UNSUPPORTED_KEY',
  MULTIPLE_DOCS: 'YAML_MULTIPLE_DOCUMENTS',
};

/**
 * Parses YAML text into plain data, collecting problems as diagnostics (never throws).
 *
 * Duplicate keys, `__proto__`/`constructor`/`prototype` keys, alias bombs, excessive nesting
 * and multiple documents are all reported with their position.
 *
 * @example
 * ```ts
 * import { parseYamlSource } from 'policy-index';
 * const { value, diagnostics, locator } = parseYamlSource('id: demo\nweight: 2\n', 'demo.yaml');
 * // value = { id: 'demo', weight: 2 }, diagnostics = []
 * locator.locate(['weight']); // { line: 2, column: 9, endLine: 2, endColumn: 10 }
 * ```
 */
export function parseYamlSource(text: string, file = '<input>', limits: ParseLimits = {}): ParsedSource {
  const maxDepth = limits.maxDepth ?? 64;
  const maxAliasNodes = limits.maxAliasNodes ?? 10_000;
  const maxLength = limits.maxLength ?? 1_000_000;
  const maxEntries = limits.maxEntries ?? 100_000;
  const maxKeyLength = limits.maxKeyLength ?? MAX_YAML_KEY_LENGTH;
  const diagnostics: Diagnostic[] = [];
  const values = new Map<string, [number, number]>();
  const keys = new Map<string, [number, number]>();
  const orders = new Map<string, string[]>();
  const keyOrder = (path: readonly PathSegment[]) => orders.get(pathKey(path));
  const numbers = new Map<string, string>();
  const numberText = (path: readonly PathSegment[]) => numbers.get(pathKey(path));
  const toRange = offsetRanger(text);
  const locator: SourceLocator = { ...createLocatorWith(toRange, file, text, values, keys), numberText };
  const at = (code: DiagnosticCode, message: string, range: [number, number], extra: Partial<Diagnostic> = {}): void => {
    const r = toRange(range);
    diagnostics.push({ code, severity: 'error', message, file, ...r, ...extra });
  };

  if (text.length > maxLength) {
    diagnostics.push({ code: 'FILE_TOO_LARGE', severity: 'error', message: `The text is ${text.length} characters long; the limit is ${maxLength}.`, file, line: 1, column: 1 });
    return { diagnostics, locator, keyOrder, numberText };
  }

  let docs: Document.Parsed[];
  // The YAML library makes an Error (with a stack trace) per problem; on a text with thousands
  // of problems the traces dominate the time, and they are never shown.
  const errorClass = Error as { stackTraceLimit?: number };
  const traceLimit = errorClass.stackTraceLimit;
  errorClass.stackTraceLimit = 0;
  try {
    // The parser yields tokens as it goes: a text that is mostly broken (every `error` token
    // is fatal) is given up after the first errors instead of being parsed and composed whole.
    const tokens: CST.Token[] = [];
    const errors: CST.ErrorToken[] = [];
    for (const token of new Parser().parse(text)) {
      tokens.push(token);
      if (token.type === 'error') {
        errors.push(token);
        if (errors.length > MAX_SYNTAX_DIAGNOSTICS) break;
      }
    }
    if (errors.length > MAX_SYNTAX_DIAGNOSTICS) {
      for (const e of errors.slice(0, MAX_SYNTAX_DIAGNOSTICS)) {
        const end = e.offset + Math.max(1, e.source.length);
        at('YAML_SYNTAX', `${e.message.replace(/\.?$/, '')}${e.source ? `: ${JSON.stringify(e.source.slice(0, 80))}` : ''}.`, [e.offset, end]);
      }
      const last = errors[errors.length - 1]!;
      at('YAML_SYNTAX', 'More syntax errors follow; correct the first ones and check again.', [last.offset, last.offset + 1]);
      return { diagnostics, locator, keyOrder, numberText };
    }
    const deep = firstTooDeep(tokens, Math.min(maxDepth, 256) + 1);
    if (deep !== undefined) {
      at('YAML_TOO_DEEP', `The document nests deeper than ${maxDepth} levels.`, [deep, deep + 1]);
      return { diagnostics, locator, keyOrder, numberText };
    }
    docs = Array.from(new Composer({ uniqueKeys: false, prettyErrors: false, strict: true }).compose(tokens)) as Document.Parsed[];
  } catch (error) {
    diagnostics.push({ code: 'YAML_SYNTAX', severity: 'error', message: `The YAML parser gave up: ${(error as Error).message}`, file, line: 1, column: 1 });
    return { diagnostics, locator, keyOrder, numberText };
  } finally {
    errorClass.stackTraceLimit = traceLimit;
  }
  if (docs.length > 1) {
    const second = docs[1]!;
    at('YAML_MULTIPLE_DOCUMENTS', 'The file holds more than one YAML document; only one is allowed.', [second.range[0], second.range[0]]);
  }
  const doc = docs[0];
  if (!doc) return { value: null, diagnostics, locator, keyOrder, numberText };
  let fatal = false;
  const reported = new Set<string>();
  for (const error of doc.errors) {
    fatal = true;
    const key = `${error.code}:${error.pos[0]}:${error.message}`;
    if (reported.has(key)) continue;
    reported.add(key);
    if (reported.size > MAX_SYNTAX_DIAGNOSTICS) {
      at('YAML_SYNTAX', `More syntax errors follow (${doc.errors.length} in all); correct the first ones and check again.`, [error.pos[0], error.pos[1]]);
      break;
    }
    const code = YAML_CODE[error.code] ?? 'YAML_SYNTAX';
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/\.?$/, '.');
    at(code, message, [error.pos[0], error.pos[1]]);
  }
  for (const warning of doc.warnings.slice(0, MAX_SYNTAX_DIAGNOSTICS)) {
    at('YAML_SYNTAX', warning.message.split('\n')[0]!, [warning.pos[0], warning.pos[1]], { severity: 'warning' });
  }
  if (fatal) return { diagnostics, locator, keyOrder, numberText };

  // Each alias's anchor, found in one pass in document order (the last anchor of that name
  // before the alias). The library's own `Alias.resolve(doc)` walks the whole document for
  // every alias, which made alias-heavy texts quadratic.
  const aliasTargets = new Map<Alias, unknown>();
  {
    const anchors = new Map<string, unknown>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) aliasTargets.set(node, anchors.get(node.source));
        else if (typeof (node as { anchor?: unknown }).anchor === 'string') anchors.set((node as { anchor: string }).anchor, node);
      },
    });
  }
  let aliasNodes = 0;
  let aliasReported = false;
  let depthReported = false;

  /** `pathKey([...path, segment])` from `pathKey(path)`, without serialising the whole path again. */
  const childKey = (pk: string, segment: PathSegment): string => (pk.length === 2 ? `[${JSON.stringify(segment)}]` : `${pk.slice(0, -1)},${JSON.stringify(segment)}]`);
  const convert = (node: unknown, path: PathSegment[], pk: string, depth: number, viaAlias: boolean, seen: Set<unknown>): unknown => {
    if (viaAlias) {
      aliasNodes++;
      if (aliasNodes > maxAliasNodes) {
        if (!aliasReported) {
          aliasReported = true;
          const range = (node as YamlNode).range;
          at('YAML_ALIAS_LIMIT', `Aliases expand to more than ${maxAliasNodes} nodes.`, range ? [range[0], range[1]] : [0, 0]);
        }
        return null;
      }
    }
    if (node == null) return null;
    if (isAlias(node)) {
      const target = aliasTargets.get(node);
      if (!target) {
        at('YAML_SYNTAX', `Unresolved alias *${node.source}.`, [node.range![0], node.range![1]]);
        return null;
      }
      if (seen.has(target)) {
        at('YAML_ALIAS_LIMIT', `Alias *${node.source} refers to itself.`, [node.range![0], node.range![1]]);
        return null;
      }
      if (node.range && !viaAlias) values.set(pk, [node.range[0], node.range[1]]);
      const next = new Set(seen);
      next.add(target);
      return convert(target, path, pk, depth, true, next);
    }
    const range = (node as YamlNode).range;
    if (range && !viaAlias) values.set(pk, [range[0], range[1]]);
    if (depth > maxDepth) {
      if (!depthReported) {
        depthReported = true;
        at('YAML_TOO_DEEP', `The document nests deeper than ${maxDepth} levels.`, range ? [range[0], range[1]] : [0, 0]);
      }
      return null;
    }
    if (isScalar(node)) {
      const v = node.value;
      if ((typeof v === 'number' || typeof v === 'bigint') && range && !viaAlias) numbers.set(pk, text.slice(range[0], range[1]).trim());
      if (typeof v === 'bigint') return Number(v);
      if (v instanceof Date) return v.toISOString();
      if (v === undefined) return null;
      return v as unknown;
    }
    if ((isSeq(node) || isMap(node)) && node.items.length > maxEntries) {
      at('YAML_TOO_MANY_ENTRIES', `A ${isSeq(node) ? 'list' : 'mapping'} has ${node.items.length} entries; the limit is ${maxEntries}.`, range ? [range[0], range[0] + 1] : [0, 0]);
      return null;
    }
    if (isSeq(node)) {
      const out: unknown[] = [];
      const items = node.items;
      for (let i = 0; i < items.length; i++) out.push(convert(items[i], [...path, i], childKey(pk, i), depth + 1, viaAlias, seen));
      return out;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const order: string[] = [];
      const seenKeys = new Set<string>();
      if (!viaAlias) orders.set(pk, order);
      for (const pair of node.items) {
        let keyNode = pair.key as unknown;
        if (isAlias(keyNode)) keyNode = keyNode.resolve(doc);
        const keyRange = (pair.key as YamlNode | null)?.range;
        let key: string;
        if (keyNode == null) key = '';
        else if (isScalar(keyNode) && (typeof keyNode.value === 'string' || typeof keyNode.value === 'number' || typeof keyNode.value === 'boolean' || keyNode.value === null)) key = String(keyNode.value);
        else {
          at('YAML_UNSUPPORTED_KEY', 'Mapping keys must be plain strings or numbers.', keyRange ? [keyRange[0], keyRange[1]] : [0, 0]);
          continue;
        }
        const problem = yamlKeyProblem(key, maxKeyLength);
        if (problem?.code === 'YAML_KEY_TOO_LONG') {
          if (!viaAlias) at(problem.code, problem.message, keyRange ? [keyRange[0], Math.min(keyRange[1], keyRange[0] + 1)] : [0, 0]);
          continue;
        }
        if (seenKeys.has(key)) {
          if (!viaAlias) at('YAML_DUPLICATE_KEY', `Map keys must be unique; "${key}" is repeated.`, keyRange ? [keyRange[0], keyRange[1]] : [0, 0], { path: [...path, key] });
          continue;
        }
        seenKeys.add(key);
        if (problem) {
          at(problem.code, problem.message, keyRange ? [keyRange[0], keyRange[1]] : [0, 0], { path: [...path, key] });
          continue;
        }
        const childPath = [...path, key];
        order.push(key);
        const childPk = childKey(pk, key);
        if (keyRange && !viaAlias) keys.set(childPk, [keyRange[0], keyRange[1]]);
        // A plain assignment is safe: `__proto__` (and the other forbidden keys) never get here.
        out[key] = convert(pair.value, childPath, childPk, depth + 1, viaAlias, seen);
      }
      return out;
    }
    return null;
  };

  const value = convert(doc.contents, [], pathKey([]), 0, false, new Set());
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, locator, keyOrder, numberText };
  return { value, diagnostics, locator, keyOrder, numberText };
}
