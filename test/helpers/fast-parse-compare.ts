/**
 * Compares the fast answer-set reader with the full YAML parser on one text: the parsed data,
 * key orders, number texts and the position of every path (and of paths that lead nowhere),
 * then the answer sets and diagnostics built from each, with and without a rubric.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseAnswerYamlFast } from '../../src/answers/fast-parse.js';
import { answerSetFromSource } from '../../src/answers/load.js';
import { validateAnswerSet } from '../../src/answers/validate.js';
import type { PathSegment } from '../../src/diagnostics/index.js';
import type { Rubric } from '../../src/rubric/types.js';
import { parseYamlSource, type ParsedSource } from '../../src/source/yaml-source.js';

/** Every path in a plain value, with a few that lead past it. */
function paths(value: unknown, path: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(path, [...path, 'no-such-key'], [...path, 0], [...path, '0']);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...path, k], out);
  return out;
}

function views(parsed: ParsedSource, all: PathSegment[][]) {
  return all.map((p) => ({
    p,
    locate: parsed.locator.locate(p),
    locateKey: parsed.locator.locateKey(p),
    keyOrder: parsed.keyOrder(p),
    numberText: parsed.numberText(p),
    locatorNumberText: parsed.locator.numberText?.(p),
  }));
}

function answerSetView(r: ReturnType<typeof answerSetFromSource>, rubric?: Rubric) {
  const set = r.value;
  return {
    diagnostics: r.diagnostics,
    value: set ? { ...set, answers: [...set.answers] } : undefined,
    validation: set && rubric ? validateAnswerSet(rubric, set) : undefined,
  };
}

/** What went differently, or `undefined` when both readers agree (or the fast one gave up). */
export function compareFastAndFull(text: string, file = 'answers.yaml', rubric?: Rubric): { fast: boolean; difference?: string } {
  const fast = parseAnswerYamlFast(text, file);
  if (!fast) return { fast: false };
  const full = parseYamlSource(text, file);
  if (!isDeepStrictEqual(fast.diagnostics, full.diagnostics)) return { fast: true, difference: `diagnostics: full parser says ${JSON.stringify(full.diagnostics)}` };
  if (!isDeepStrictEqual(fast.value, full.value)) return { fast: true, difference: `value: ${JSON.stringify(fast.value)} ≠ ${JSON.stringify(full.value)}` };
  if (fast.locator.text !== full.locator.text || fast.locator.file !== full.locator.file) return { fast: true, difference: 'locator text or file' };
  const all = paths(full.value);
  const a = views(fast, all);
  const b = views(full, all);
  for (let i = 0; i < a.length; i++) {
    if (!isDeepStrictEqual(a[i], b[i])) return { fast: true, difference: `at ${JSON.stringify(all[i])}: ${JSON.stringify(a[i])} ≠ ${JSON.stringify(b[i])}` };
  }
  const sa = answerSetView(answerSetFromSource(fast, file), rubric);
  // The reference: the full parser and the zod schemas alone.
  const sb = answerSetView(answerSetFromSource(full, file, false), rubric);
  if (!isDeepStrictEqual(sa, sb)) return { fast: true, difference: `answer set: ${JSON.stringify(sa).slice(0, 2000)} ≠ ${JSON.stringify(sb).slice(0, 2000)}` };
  return { fast: true };
}
