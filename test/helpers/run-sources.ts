// Node's arguments for a child process that runs the TypeScript sources: tsx, and the hooks that
// import YAML files as text (scripts/yaml-text.mjs), as the build does. File URLs, so that they
// hold from any working folder.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** `node ...RUN_SOURCES file.ts` runs `file.ts` from the sources. */
export const RUN_SOURCES: readonly string[] = [
  '--import',
  pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href,
  '--import',
  pathToFileURL(join(ROOT, 'scripts/yaml-text.mjs')).href,
];
