/**
 * Starting a worker thread from a module beside the caller's: the built `.js` file, or, when
 * the caller runs from the TypeScript sources (tests, benchmarks), the `.ts` file through tsx.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts the worker module `name` (without extension) found next to the module at `here` (its
 * `import.meta.url`), with the given heap limits (default: V8's).
 */
export function startSiblingWorker(here: string, name: string, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  if (!here.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, here), limits);
  const api = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const worker = new URL(`./${name}.ts`, here).href;
  return new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); });`, { eval: true, ...limits });
}
