// The core (everything the package root exports) must run in a browser: no Node built-ins, no
// process, no file system. Only src/node and src/cli may touch those.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The modules `entry` reaches, and apart from them the data files they import (as text). */
function reachable(entry: string, seen = new Set<string>(), data = new Set<string>()): { seen: Set<string>; data: Set<string> } {
  if (seen.has(entry)) return { seen, data };
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  for (const m of text.matchAll(/(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)) {
    const spec = (m[1] ?? m[2])!;
    const target = normalize(join(dirname(entry), spec.replace(/\.js$/, '.ts')));
    if (target.endsWith('.ts')) reachable(target, seen, data);
    else data.add(target);
  }
  return { seen, data };
}

describe('the package root is browser-safe', () => {
  const reached = reachable('src/index.ts');
  const files = [...reached.seen].sort();

  it('imports data files only as JSON or as YAML text, which the bundles hold', () => {
    const data = [...reached.data];
    expect(data).toContain('rubrics/outcomes/zaragoza.yaml');
    expect(data.filter((f) => !/\.(json|yaml)$/.test(f))).toEqual([]);
  });

  it('reaches the whole core', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files).toContain('src/scoring/score.ts');
    expect(files).toContain('src/report/html.ts');
    expect(files).toContain('src/outcomes/index.ts');
  });

  it('imports no Node built-in and never uses process, fs or require', () => {
    const offenders: string[] = [];
    for (const f of files) {
      expect(f.startsWith('src/node/') || f.startsWith('src/cli/'), f).toBe(false);
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      if (/from\s+'node:|from\s+'(fs|path|url|os|child_process|util)'|\brequire\(|\bprocess\.|\b__dirname\b/.test(code)) offenders.push(f);
    }
    expect(offenders).toEqual([]);
  });
});
