// Node module hooks that load a `.yaml` file as a module whose default export is the file's
// text: what the bundlers' `text` loader does at build time (see src/yaml-text.d.ts).
// Registered by scripts/yaml-text.mjs.
import { readFile } from 'node:fs/promises';

/** @type {import('node:module').LoadHook} */
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && new URL(url).pathname.endsWith('.yaml')) {
    const text = await readFile(new URL(url), 'utf8');
    return { format: 'module', source: `export default ${JSON.stringify(text)};\n`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
