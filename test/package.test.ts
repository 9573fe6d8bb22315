// What the package ships and depends on, and what its lock file records.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scorecardJsonSchema } from '../src/report/schema.js';
import { JSON_SCHEMA_NAMES, jsonSchemaFor } from '../src/schemas/json-schema.js';
import { SLOW_TESTS } from '../vitest.config.js';

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

  it('test:unit runs the unit project; every test it leaves out exists, and npm test runs all', () => {
    expect(pkg.scripts['test:unit']).toMatch(/^vitest run --project unit\b/);
    expect(pkg.scripts.test).toBe('npm run build && vitest run');
    for (const pattern of SLOW_TESTS) expect(existsSync(pattern.replace(/\/\*\*$/, '')), pattern).toBe(true);
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

describe('shipped JSON Schemas', () => {
  it('every file in schemas/ is what the build makes from the zod schemas', () => {
    expect([...JSON_SCHEMA_NAMES]).toEqual(['rubric', 'area', 'answers', 'table-mapping', 'peer-group']);
    const shipped = readdirSync('schemas').sort();
    expect(shipped).toEqual([...JSON_SCHEMA_NAMES.map((n) => `${n}.schema.json`), 'scorecard.schema.json'].sort());
    for (const name of JSON_SCHEMA_NAMES) {
      expect(JSON.parse(readFileSync(`schemas/${name}.schema.json`, 'utf8')), `schemas/${name}.schema.json is out of date; run: npm run build`).toEqual(jsonSchemaFor(name));
    }
  });

  it('the mapping and peer-group schemas describe the files their loaders read', () => {
    const mapping = JSON.parse(readFileSync('schemas/table-mapping.schema.json', 'utf8'));
    expect(mapping.$id).toBe('https://policy-index.dev/schemas/table-mapping.schema.json');
    expect(Object.keys(mapping.properties).sort()).toEqual(['columns', 'headerRow', 'layout', 'schemaVersion', 'sheet', 'units', 'values']);
    expect(mapping.additionalProperties).toBe(false);
    expect(mapping.properties.layout.enum).toEqual(['wide', 'long']);
    const group = JSON.parse(readFileSync('schemas/peer-group.schema.json', 'utf8'));
    expect(group.required.sort()).toEqual(['id', 'members', 'schemaVersion', 'title']);
    expect(group.additionalProperties).toBe(false);
    // The id pattern is the loader's, with no flag lost on the way to JSON Schema.
    const id = new RegExp(group.properties.id.pattern);
    expect(['nordic', 'EU-core', 'g7.2024'].every((x) => id.test(x))).toBe(true);
    expect(id.test('-x')).toBe(false);
  });
});

