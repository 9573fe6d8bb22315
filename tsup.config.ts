import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: false,
    shims: true,
  },
  {
    // Worker thread of the parallel uncertainty and sensitivity runs (loaded by file URL).
    entry: { 'robustness-worker': 'src/node/robustness-worker.ts' },
    format: ['esm'],
    target: 'node20',
    clean: false,
    splitting: false,
  },
  {
    // Worker thread of score and validate on many files (loaded by file URL from cli.js).
    entry: { 'file-worker': 'src/cli/file-worker.ts' },
    format: ['esm'],
    target: 'node20',
    clean: false,
    splitting: false,
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    target: 'node20',
    sourcemap: true,
    clean: false,
    splitting: false,
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    entry: { 'policy-index.browser': 'src/index.ts' },
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    clean: false,
    splitting: false,
    minify: true,
    sourcemap: true,
    noExternal: [/.*/],
  },
]);
