import { defineConfig, type Options } from 'tsup';

/** Dependencies bundled into the CLI and its file worker (exceljs, optional, stays external). */
const CLI_BUNDLED = ['yaml', 'zod', 'decimal.js'];
/** The sources import YAML files (the shipped outcome framework) as text: src/yaml-text.d.ts. */
const loader = { '.yaml': 'text' } as const;
/** The bundled CommonJS modules ask for Node's built-ins with `require`, which an ES module has to make. */
const REQUIRE_SHIM = "import { createRequire as __policyIndexCreateRequire } from 'node:module';\nconst require = __policyIndexCreateRequire(import.meta.url);";

/** A single-file ES module for browsers and bundlers, with its dependencies inside. */
const BROWSER: Options = {
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  clean: false,
  splitting: false,
  loader,
  minify: true,
  sourcemap: true,
  noExternal: [/.*/],
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: false,
    loader,
    shims: true,
  },
  {
    // Worker thread of the parallel uncertainty and sensitivity runs (loaded by file URL).
    entry: { 'robustness-worker': 'src/node/robustness-worker.ts' },
    format: ['esm'],
    target: 'node20',
    clean: false,
    splitting: false,
    loader,
  },
  {
    // Worker thread of score and validate on many files (loaded by file URL from cli.js).
    entry: { 'file-worker': 'src/cli/file-worker.ts' },
    format: ['esm'],
    target: 'node20',
    clean: false,
    splitting: false,
    loader,
    // Bundled, like the CLI: one file starts much faster than the packages' many modules.
    noExternal: CLI_BUNDLED,
    banner: { js: REQUIRE_SHIM },
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    target: 'node20',
    // No source map: with its dependencies inside, the CLI's would be 3.6 MB of the package.
    sourcemap: false,
    clean: false,
    splitting: false,
    loader,
    banner: { js: `#!/usr/bin/env node\n${REQUIRE_SHIM}` },
    // The CLI starts about 0.1 s sooner with its dependencies in the one file than when it loads
    // their modules (over a hundred for yaml and zod); the library entries keep them external.
    noExternal: CLI_BUNDLED,
  },
  {
    // `policy-index/browser`: the core alone (load, validate, score, explain, diagnostics) in one
    // file, within the size budget `npm run check:size` enforces.
    entry: { 'policy-index.browser': 'src/core.ts' },
    ...BROWSER,
    dts: true,
  },
  {
    // `policy-index/browser/all`: everything `policy-index` exports (reports, analysis, outcomes,
    // tables, editions) in one file, for pages that need more than the core.
    entry: { 'policy-index-all.browser': 'src/index.ts' },
    ...BROWSER,
  },
]);
