/**
 * What the zod schemas of the file formats share. The schemas are written with zod's functional
 * API (`zod/mini`), which bundlers tree-shake: a page that loads, validates and scores carries only
 * the schema kinds and checks the formats use, and English messages alone.
 *
 * @module
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

/**
 * `schema` with metadata for the JSON Schema export and the format reference: a copy of it
 * registered with `data` in zod's global registry, as zod's chained `.meta(data)` makes it (the
 * copy keeps the original as its parent, so the generated JSON Schema is the same).
 */
export function meta<T extends z.ZodMiniType>(schema: T, data: z.core.GlobalMeta): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy as z.ZodMiniType, data);
  return copy;
}

/** A number that is finite (YAML's `.inf` and `.nan` are numbers too). */
export const finite = () => z.number().check(z.refine((n) => Number.isFinite(n), 'a finite number'));

/** zod's English messages: diagnostics quote them, so they must not depend on a locale the host page set. */
const ENGLISH = en().localeError;

/**
 * Parses `data` with `schema` without throwing, with zod's English messages whatever the
 * global zod configuration is.
 */
export function safeParse<T extends z.ZodMiniType>(schema: T, data: unknown): z.core.util.SafeParseResult<z.output<T>> {
  return z.safeParse(schema, data, { error: ENGLISH });
}
