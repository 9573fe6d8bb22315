// What the package ships and depends on, and what its lock file records.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scorecardJsonSchema } from '../src/report/schema.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  files: string[];
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  scripts: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('package.json', () => {
  it('has only runtime dependencies the library imports; exceljs is an optional peer', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['decimal.js', 'yaml', 'zod']);
    expect(pkg.peerDependencies?.exceljs).toBeDefined();
    expect(pkg.peerDependenciesMeta?.exceljs?.optional).toBe(true);
    expect(pkg.devDependencies.exceljs).toBe(pkg.peerDependencies?.exceljs);
    // exceljs may only be loaded lazily (import('exceljs')), never by a static import.
    const staticImports = sourceFiles('src').filter((f) => /^\s*import\s[^;]*from\s+['"]exceljs['"]/m.test(readFileSync(f, 'utf8')));
    expect(staticImports).toEqual([]);
  });

  it('ships the demo data the README snippet reads, and exports the scorecard schema', () => {
    expect(pkg.files).toContain('examples/demo');
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain("join(packageRoot(), 'examples', 'demo')");
    expect(pkg.exports['./schemas/*']).toBe('./schemas/*');
    expect(JSON.parse(readFileSync('schemas/scorecard.schema.json', 'utf8')), 'run: npm run build').toEqual(scorecardJsonSchema());
  });

  it('builds before the README commands need the CLI', () => {
    expect(pkg.scripts.start).toMatch(/^npm run build && /);
    expect(pkg.scripts.test).toMatch(/^npm run build && /);
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('README examples write only into the ignored out/ folder', () => {
    const readme = readFileSync('README.md', 'utf8');
    const outs = [...readme.matchAll(/--out (\S+)/g)].map((m) => m[1]!);
    expect(outs.length).toBeGreaterThan(2);
    for (const o of outs) expect(o, o).toMatch(/^out(\/|$)/);
    expect(readFileSync('.gitignore', 'utf8').split('\n')).toContain('out/');
  });
});

describe('package-lock.json', () => {
  it('records an integrity hash for every package', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { link?: boolean; integrity?: string; version?: string }> };
    const missing = Object.entries(lock.packages)
      .filter(([path, meta]) => path !== '' && !meta.link && !/^sha512-/.test(meta.integrity ?? ''))
      .map(([path]) => path);
    expect(missing, 'run: node scripts/complete-lockfile.mjs').toEqual([]);
  });
});
