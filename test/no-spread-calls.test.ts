// An array spread into a call passes every element as an argument; V8 throws a RangeError
// ("Maximum call stack size exceeded") somewhere above 100,000 of them. Rows, cells and
// diagnostics come from files of any size, so src/ never spreads an array into these calls.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './engine-helpers.js';

const SPREAD_CALL = /\b(?:push|unshift|splice|Math\.min|Math\.max|String\.fromCharCode|String\.fromCodePoint|concat|apply)\((?:[^()[\]{}]*,\s*)?\.\.\./;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(`${dir}/${e.name}`) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [`${dir}/${e.name}`] : [],
  );
}

describe('no array spread into calls', () => {
  it('src/ spreads no array into push, Math.min/max or String.fromCharCode', () => {
    const offenders: string[] = [];
    for (const f of sources('src')) {
      readFileSync(join(ROOT, f), 'utf8').split('\n').forEach((line, i) => {
        if (SPREAD_CALL.test(line)) offenders.push(`${f}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('the pattern finds the spreads it forbids', () => {
    for (const bad of ['out.push(...rows);', 'Math.max(0, ...r.keys())', 'String.fromCharCode(...codes)', 'Math.min(...cols)']) expect(SPREAD_CALL.test(bad), bad).toBe(true);
    for (const ok of ['out.push(row);', 'const [a, ...rest] = xs;', '{ ...d, file }']) expect(SPREAD_CALL.test(ok), ok).toBe(false);
  });
});
