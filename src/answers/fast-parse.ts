/**
 * A fast reader for the plain shape most answer-set files have: block mappings and lists,
 * one-line scalars (plain, `"double"` without escapes, `'single'`), one-line flow lists and
 * mappings of scalars (`[a, b]`, `{ act: X, article: "§ 2" }`), literal block scalars (`|`,
 * `|-`), comments at the top of the file and at the end of lines.
 *
 * It gives exactly what {@link parseYamlSource} gives for such a text (the same plain data, key
 * order, number texts and positions) and gives up (`undefined`) on anything else: anchors,
 * tags, folded or multi-line scalars, escapes, comments between entries, duplicate or
 * forbidden keys, tabs, CR line ends, control characters, empty values, documents markers and
 * every text a YAML error or warning could come from. The caller then runs the full parser,
 * so every problem is still reported by it, with its position.
 *
 * @module
 */
import type { PathSegment } from '../diagnostics/index.js';
import { offsetRanger, type ParsedSource, type SourceLocator, type SourceRange } from '../source/yaml-source.js';

interface ScalarNode {
  kind: 'scalar';
  start: number;
  end: number;
  /** Offset after the line end (or comment) that closes the node, as the YAML library counts it. */
  nodeEnd: number;
  value: string | number | boolean | null;
}
interface MapEntry {
  keyStart: number;
  keyEnd: number;
  /** The line the key is on (keys are on one line here): its position needs no line table. */
  line: Line;
  node: FastNode;
}
interface MapNode {
  kind: 'map';
  /** A block collection, whose end is set from its last value once it is read. */
  block: boolean;
  start: number;
  end: number;
  nodeEnd: number;
  entries: Map<string, MapEntry>;
}
interface SeqNode {
  kind: 'seq';
  block: boolean;
  start: number;
  end: number;
  nodeEnd: number;
  items: FastNode[];
}
type FastNode = ScalarNode | MapNode | SeqNode;

/** Texts longer than this go to the full parser. */
const MAX_FAST_LENGTH = 1_000_000;
/** Deepest nesting read here (the full parser's limit is far above). */
const MAX_FAST_DEPTH = 32;
/** Longest key read here (the full parser reports longer ones). */
const MAX_FAST_KEY = 1_000;
/** Most entries of one collection read here (the full parser reports more). */
const MAX_FAST_ENTRIES = 10_000;

/** Anything but LF, printable ASCII and the plain ranges of the Basic Multilingual Plane. */
const UNUSUAL_CHARACTER = /[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// The YAML 1.2 core schema, tested in the YAML library's order (null, bool, int, float).
const NULL_TEXT = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_TEXT = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCT_TEXT = /^0o[0-7]+$/;
const INT_TEXT = /^[-+]?[0-9]+$/;
const HEX_TEXT = /^0x[0-9a-fA-F]+$/;
const NAN_TEXT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP_TEXT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_TEXT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** Could the text be a number or a special value? (Then resolve it; else it is a string.) */
const MAYBE_SPECIAL = /^[-+.~0-9nNtTfF]/;

function resolvePlain(s: string): string | number | boolean | null {
  if (!MAYBE_SPECIAL.test(s) && s !== '') return s;
  if (NULL_TEXT.test(s)) return null;
  if (BOOL_TEXT.test(s)) return s[0] === 't' || s[0] === 'T';
  if (OCT_TEXT.test(s)) return parseInt(s.substring(2), 8);
  if (INT_TEXT.test(s)) return parseInt(s, 10);
  if (HEX_TEXT.test(s)) return parseInt(s.substring(2), 16);
  if (NAN_TEXT.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (EXP_TEXT.test(s) || FLOAT_TEXT.test(s)) return parseFloat(s);
  return s;
}

/** Characters that may not start a plain scalar here (YAML indicators, quotes, space). */
const NOT_PLAIN_START = new Set([...'?:,[]{}#&*!|>\'"%@` ']);
const FLOW_INDICATOR = /[,[\]{}]/;

/** Thrown (a constant, so no stack trace is made) when the text is not of the shape read here. */
const GIVE_UP = Symbol('give up');
const giveUp = (): never => {
  throw GIVE_UP;
};

/** A plain scalar's text is one we read the same way as YAML does (block context unless `flow`). */
function plainOk(s: string, flow: boolean): boolean {
  if (s.length === 0) return false;
  const c = s[0]!;
  if (NOT_PLAIN_START.has(c)) return false;
  if (c === '-' && (s.length === 1 || s[1] === ' ' || s[1] === '-')) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (flow && (FLOW_INDICATOR.test(s) || s.includes(':'))) return false;
  return true;
}

interface Scanned {
  value: string | number | boolean | null;
  start: number;
  end: number;
  /** Offset just after the scalar and the spaces after it. */
  after: number;
}

/** A quoted scalar starting at `at` (single or double), ending before `limit`. */
function quoted(text: string, at: number, limit: number): Scanned {
  const q = text[at];
  let i = at + 1;
  let value = '';
  if (q === '"') {
    // Only the escapes \" and \\ are read here.
    for (;;) {
      let j = i;
      while (j < limit && text[j] !== '"' && text[j] !== '\\') j++;
      if (j >= limit) giveUp();
      value += text.slice(i, j);
      if (text[j] === '"') {
        i = j + 1;
        break;
      }
      const e = text[j + 1];
      if (e !== '"' && e !== '\\') giveUp();
      value += e;
      i = j + 2;
    }
  } else {
    for (;;) {
      const close = text.indexOf("'", i);
      if (close < 0 || close >= limit) giveUp();
      value += text.slice(i, close);
      if (text[close + 1] === "'") {
        value += "'";
        i = close + 2;
        continue;
      }
      i = close + 1;
      break;
    }
  }
  // Leading or trailing spaces are folded differently in multi-line quoted scalars; one line keeps them.
  let after = i;
  while (after < limit && text.charCodeAt(after) === 32) after++;
  return { value, start: at, end: i, after };
}

/** A scalar inside a one-line flow collection: plain or quoted, ending at `,`, `]`, `}` or `:`. */
function flowScalar(text: string, at: number, limit: number, stops: string): Scanned {
  if (text[at] === '"' || text[at] === "'") return quoted(text, at, limit);
  let i = at;
  while (i < limit && !stops.includes(text[i]!)) i++;
  let end = i;
  while (end > at && text.charCodeAt(end - 1) === 32) end--;
  const raw = text.slice(at, end);
  if (!plainOk(raw, true)) giveUp();
  return { value: resolvePlain(raw), start: at, end, after: i };
}

const skipSpaces = (text: string, i: number, limit: number): number => {
  while (i < limit && text.charCodeAt(i) === 32) i++;
  return i;
};

/** Whatever follows a value on its line: nothing, or spaces and a comment. */
function lineRestOk(text: string, i: number, limit: number): void {
  if (i >= limit) return;
  if (text[i] !== '#' || text.charCodeAt(i - 1) !== 32) giveUp();
}

/** A one-line flow list or mapping of scalars starting at `at`. */
function flowCollection(text: string, at: number, line: Line): FastNode {
  const limit = line.end;
  const nodeEnd = line.next;
  const open = text[at];
  const close = open === '[' ? ']' : '}';
  let i = skipSpaces(text, at + 1, limit);
  if (open === '[') {
    const items: FastNode[] = [];
    if (text[i] !== ']') {
      for (;;) {
        if (items.length >= MAX_FAST_ENTRIES) giveUp();
        const s = flowScalar(text, i, limit, ',]');
        items.push({ kind: 'scalar', start: s.start, end: s.end, nodeEnd: s.end, value: s.value });
        i = s.after;
        if (text[i] === ',') {
          i = skipSpaces(text, i + 1, limit);
          if (text[i] === ']' || text[i] === ',') giveUp();
          continue;
        }
        if (text[i] === ']') break;
        giveUp();
      }
    }
    const end = i + 1;
    lineRestOk(text, skipSpaces(text, end, limit), limit);
    return { kind: 'seq', block: false, start: at, end, nodeEnd, items };
  }
  const entries = new Map<string, MapEntry>();
  if (text[i] !== '}') {
    for (;;) {
      if (entries.size >= MAX_FAST_ENTRIES) giveUp();
      const k = flowScalar(text, i, limit, ',}:');
      if (k.after !== k.end || text[k.after] !== ':' || text.charCodeAt(k.after + 1) !== 32) giveUp();
      const key = keyText(k.value);
      if (entries.has(key)) giveUp();
      i = skipSpaces(text, k.after + 1, limit);
      const v = flowScalar(text, i, limit, ',}');
      entries.set(key, { keyStart: k.start, keyEnd: k.end, line, node: { kind: 'scalar', start: v.start, end: v.end, nodeEnd: v.end, value: v.value } });
      i = v.after;
      if (text[i] === ',') {
        i = skipSpaces(text, i + 1, limit);
        if (text[i] === '}' || text[i] === ',') giveUp();
        continue;
      }
      if (text[i] === '}') break;
      giveUp();
    }
  }
  if (text[i] !== close) giveUp();
  const end = i + 1;
  lineRestOk(text, skipSpaces(text, end, limit), limit);
  return { kind: 'map', block: false, start: at, end, nodeEnd, entries };
}

/** A mapping key as the full parser turns it into a string (`String(value)`), or give up. */
function keyText(value: string | number | boolean | null): string {
  const key = String(value);
  if (key.length > MAX_FAST_KEY || FORBIDDEN_KEYS.has(key)) giveUp();
  return key;
}

interface Line {
  /** 1-based line number. */
  no: number;
  start: number;
  /** Offset of the line's end (its LF, or the text's end). */
  end: number;
  /** Offset after the line's LF (or the text's end). */
  next: number;
  /** Leading spaces, or -1 for a line of spaces only. */
  indent: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    const next = end < 0 ? text.length : end + 1;
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    lines.push({ no: lines.length + 1, start, end, next, indent: i === end ? -1 : i - start });
    start = next;
  }
  return lines;
}

interface KeyLine {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** Offset of the value's first character, or -1 when the line ends after the colon. */
  valueAt: number;
}

/** `key: …` at `at` (plain or quoted key), or undefined when the line is not a key line. */
function keyLine(text: string, at: number, limit: number): KeyLine | undefined {
  const c = text[at];
  if (c === '"' || c === "'") {
    const q = quoted(text, at, limit);
    if (q.after !== q.end || text[q.end] !== ':' || (q.end + 1 < limit && text.charCodeAt(q.end + 1) !== 32)) return undefined;
    return afterColon(text, keyText(q.value), at, q.end, limit);
  }
  // The first `:` followed by a space or the line's end closes a plain key.
  let colon = at;
  while (colon < limit && !(text.charCodeAt(colon) === 58 && (colon + 1 === limit || text.charCodeAt(colon + 1) === 32))) colon++;
  if (colon >= limit) return undefined;
  const raw = text.slice(at, colon);
  if (!plainOk(raw, false) || raw.endsWith(' ') || raw.includes(':') || FLOW_INDICATOR.test(raw)) giveUp();
  return afterColon(text, keyText(resolvePlain(raw)), at, colon, limit);
}

function afterColon(text: string, key: string, keyStart: number, keyEnd: number, limit: number): KeyLine {
  const v = skipSpaces(text, keyEnd + 1, limit);
  if (v < limit && text[v] === '#') giveUp();
  return { key, keyStart, keyEnd, valueAt: v < limit ? v : -1 };
}

/** A value written on the rest of a line (not a block scalar). */
function inlineValue(text: string, at: number, line: Line): FastNode {
  const limit = line.end;
  const c = text[at]!;
  if (c === '[' || c === '{') return flowCollection(text, at, line);
  if (c === '"' || c === "'") {
    const q = quoted(text, at, limit);
    lineRestOk(text, q.after, limit);
    return { kind: 'scalar', start: q.start, end: q.end, nodeEnd: line.next, value: q.value };
  }
  // A comment starts at ` #`; searched within the line only.
  let stop = at;
  while (stop < limit && !(text.charCodeAt(stop) === 35 && text.charCodeAt(stop - 1) === 32)) stop++;
  let end = stop;
  while (end > at && text.charCodeAt(end - 1) === 32) end--;
  const raw = text.slice(at, end);
  if (!plainOk(raw, false)) giveUp();
  return { kind: 'scalar', start: at, end, nodeEnd: line.next, value: resolvePlain(raw) };
}

interface Open {
  node: MapNode | SeqNode;
  indent: number;
}

/** Reads the text into nodes, or gives up. */
function read(text: string, lines: Line[]): MapNode {
  let li = 0;
  // Comments and blank lines before the first entry.
  while (li < lines.length) {
    const l = lines[li]!;
    if (l.indent === -1) li++;
    else if (l.indent === 0 && text[l.start] === '#') li++;
    else break;
  }
  if (li >= lines.length || lines[li]!.indent !== 0) giveUp();
  const stack: Open[] = [];
  /** A `key:` with nothing after it: the next line opens its collection. */
  let pending: { map: MapNode; key: string; keyStart: number; keyEnd: number; line: Line; indent: number } | undefined;
  /** Lines more indented than this continue the last scalar: not read here. */
  let maxIndent = Infinity;
  let root: MapNode | undefined;

  const setEntry = (map: MapNode, key: string, keyStart: number, keyEnd: number, line: Line, node: FastNode) => {
    if (map.entries.has(key) || map.entries.size >= MAX_FAST_ENTRIES) giveUp();
    map.entries.set(key, { keyStart, keyEnd, line, node });
  };

  /** Reads `key: value` (or `key:`) at `at`, an entry of `map` whose keys sit at column `indent`. */
  const entry = (map: MapNode, at: number, line: Line, lineIndex: number, indent: number): number => {
    const k = keyLine(text, at, line.end);
    if (!k) giveUp();
    const { key, keyStart, keyEnd, valueAt } = k!;
    if (valueAt < 0) {
      pending = { map, key, keyStart, keyEnd, line, indent };
      maxIndent = Infinity;
      return lineIndex + 1;
    }
    if (text[valueAt] === '|') return blockScalar(map, k!, line, lineIndex, indent);
    setEntry(map, key, keyStart, keyEnd, line, inlineValue(text, valueAt, line));
    maxIndent = indent;
    return lineIndex + 1;
  };

  /** `key: |` or `key: |-` and the lines below it. */
  const blockScalar = (map: MapNode, k: KeyLine, line: Line, lineIndex: number, indent: number): number => {
    const header = text.slice(k.valueAt, line.end);
    if (header !== '|' && header !== '|-') giveUp();
    const strip = header === '|-';
    let i = lineIndex + 1;
    const first = lines[i];
    if (!first || first.indent <= indent) giveUp();
    const m = first!.indent;
    let last = i;
    for (; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.indent === -1) continue;
      if (l.indent < m) break;
      last = i;
    }
    if (i < lines.length && lines[i]!.indent > indent) giveUp();
    // Lines of spaces after the content: kept or not depending on their length; not read here.
    for (let j = last + 1; j < i; j++) if (lines[j]!.end - lines[j]!.start > m) giveUp();
    const parts: string[] = [];
    for (let j = lineIndex + 1; j <= last; j++) {
      const l = lines[j]!;
      parts.push(l.end - l.start > m ? text.slice(l.start + m, l.end) : '');
    }
    const lastLine = lines[last]!;
    const value = parts.join('\n') + (!strip && lastLine.next > lastLine.end ? '\n' : '');
    setEntry(map, k.key, k.keyStart, k.keyEnd, line, { kind: 'scalar', start: k.valueAt, end: lastLine.next, nodeEnd: lastLine.next, value });
    maxIndent = indent;
    return last + 1;
  };

  while (li < lines.length) {
    const line = lines[li]!;
    const indent = line.indent;
    if (indent === -1) {
      li++;
      continue;
    }
    const at = line.start + indent;
    const c = text[at];
    if (c === '#') giveUp();
    if (indent === 0 && (text.startsWith('---', at) || text.startsWith('...', at))) giveUp();
    if (indent > maxIndent) giveUp();
    const dash = c === '-' && (at + 1 === line.end || text.charCodeAt(at + 1) === 32);
    if (pending) {
      const p = pending;
      pending = undefined;
      if (indent <= p.indent) giveUp();
      if (stack.length >= MAX_FAST_DEPTH) giveUp();
      const node: MapNode | SeqNode = dash ? { kind: 'seq', block: true, start: at, end: at, nodeEnd: at, items: [] } : { kind: 'map', block: true, start: at, end: at, nodeEnd: at, entries: new Map() };
      setEntry(p.map, p.key, p.keyStart, p.keyEnd, p.line, node);
      stack.push({ node, indent });
    } else if (!root) {
      root = { kind: 'map', block: true, start: at, end: at, nodeEnd: at, entries: new Map() };
      stack.push({ node: root, indent: 0 });
    } else {
      while (stack.length && stack[stack.length - 1]!.indent > indent) stack.pop();
      if (!stack.length || stack[stack.length - 1]!.indent !== indent) giveUp();
    }
    const top = stack[stack.length - 1]!;
    if (top.node.kind === 'map') {
      if (dash) giveUp();
      li = entry(top.node, at, line, li, indent);
      continue;
    }
    // A list item.
    if (!dash) giveUp();
    const seq = top.node;
    if (seq.items.length >= MAX_FAST_ENTRIES) giveUp();
    const itemAt = skipSpaces(text, at + 1, line.end);
    if (itemAt >= line.end || itemAt === at + 1) giveUp();
    const ic = text[itemAt]!;
    if (ic === '-' || ic === '|' || ic === '#') giveUp();
    const k = ic === '[' || ic === '{' ? undefined : keyLine(text, itemAt, line.end);
    if (k) {
      // `- key: value`: a mapping whose keys sit at the item's column.
      if (stack.length >= MAX_FAST_DEPTH) giveUp();
      const map: MapNode = { kind: 'map', block: true, start: itemAt, end: itemAt, nodeEnd: itemAt, entries: new Map() };
      seq.items.push(map);
      const col = itemAt - line.start;
      stack.push({ node: map, indent: col });
      li = entry(map, itemAt, line, li, col);
      continue;
    }
    seq.items.push(inlineValue(text, itemAt, line));
    maxIndent = indent;
    li++;
  }
  if (pending || !root) giveUp();
  close(root!);
  return root!;
}

/** Sets the ends of the block collections: the end of their last value, as the YAML library has it. */
function close(node: FastNode): number {
  if (node.kind === 'scalar' || !node.block) return node.nodeEnd;
  let end = node.start;
  if (node.kind === 'map') for (const e of node.entries.values()) end = close(e.node);
  else for (const item of node.items) end = close(item);
  node.end = end;
  node.nodeEnd = end;
  return end;
}

/** Builds the plain data and the lookup tables of a read text. */
function toParsed(text: string, file: string, root: MapNode): ParsedSource {
  let ranger: ((range: readonly [number, number]) => SourceRange) | undefined;
  const toRange = (start: number, end: number): SourceRange => (ranger ??= offsetRanger(text))([start, end]);
  const plain = (node: FastNode): unknown => {
    if (node.kind === 'scalar') return node.value;
    if (node.kind === 'seq') return node.items.map(plain);
    const out: Record<string, unknown> = {};
    for (const [k, e] of node.entries) out[k] = plain(e.node);
    return out;
  };
  /** The deepest node along `path`, whether the whole path was found, and the last map entry. */
  const walk = (path: readonly PathSegment[]): { node: FastNode; whole: boolean; entry?: MapEntry } => {
    let node: FastNode = root;
    let entry: MapEntry | undefined;
    for (const seg of path) {
      let next: FastNode | undefined;
      entry = undefined;
      if (node.kind === 'map' && typeof seg === 'string') {
        entry = node.entries.get(seg);
        next = entry?.node;
      } else if (node.kind === 'seq' && typeof seg === 'number' && Number.isInteger(seg) && seg >= 0) next = node.items[seg];
      if (!next) return { node, whole: false };
      node = next;
    }
    return { node, whole: true, ...(entry ? { entry } : {}) };
  };
  const locate = (path: readonly PathSegment[]): SourceRange => {
    const { node } = walk(path);
    return toRange(node.start, node.end);
  };
  const numberText = (path: readonly PathSegment[]): string | undefined => {
    const { node, whole } = walk(path);
    return whole && node.kind === 'scalar' && typeof node.value === 'number' ? text.slice(node.start, node.end).trim() : undefined;
  };
  const locator: SourceLocator = {
    file,
    text,
    locate,
    locateKey: (path) => {
      const w = walk(path);
      if (!(w.whole && w.entry)) return toRange(w.node.start, w.node.end);
      // A key lies on one line: its range is read off that line, as the line table would give it.
      const { keyStart, keyEnd, line } = w.entry;
      return { line: line.no, column: keyStart - line.start + 1, endLine: line.no, endColumn: keyEnd - line.start + 1 };
    },
    numberText,
  };
  return {
    value: plain(root),
    diagnostics: [],
    locator,
    keyOrder: (path) => {
      const { node, whole } = walk(path);
      return whole && node.kind === 'map' ? [...node.entries.keys()] : undefined;
    },
    numberText,
  };
}

/**
 * Reads an answer-set text of the plain, common shape; `undefined` for anything else (then
 * {@link parseYamlSource} must be used). What it returns is what {@link parseYamlSource} returns
 * for the same text.
 */
export function parseAnswerYamlFast(text: string, file: string): ParsedSource | undefined {
  if (text.length > MAX_FAST_LENGTH || UNUSUAL_CHARACTER.test(text)) return undefined;
  try {
    return toParsed(text, file, read(text, splitLines(text)));
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}
