/**
 * Units the user declares: territories without an ISO code, regions, cities. A units file
 * (YAML) lists each with its code, name, optional aliases and optional parent; import mappings
 * declare them in their `units:` section. Declared units win over the built-in country names.
 *
 * Browser-safe: the file is passed in as text.
 *
 * @module
 */
import { z } from 'zod';
import type { Diagnostic, Result } from '../diagnostics/index.js';
import { parseYamlSource } from '../source/yaml-source.js';
import { zodIssuesToDiagnostics } from '../source/zod-diagnostics.js';
import { unitKey } from './countries.js';
import { UNIT_CODE_TEXT } from './code.js';
import { UnitResolver, type DeclaredUnit } from './resolve.js';

const UNIT_CODE_MESSAGE = 'a code of two capital letters, optionally followed by "-" and one to three letters or digits (XC, CA-QC)';

/** One declared unit, as a units file or a mapping writes it. */
export const declaredUnitSchema = z.strictObject({
  code: z
    .string()
    .regex(UNIT_CODE_TEXT, UNIT_CODE_MESSAGE)
    .meta({ description: 'The code answer files carry: two letters (a territory without an ISO code, e.g. `XC`), or a country code, `-` and one to three letters or digits (a region or city, e.g. `CA-QC`).' }),
  name: z.string().trim().min(1).meta({ description: 'Name shown in reports.' }),
  aliases: z.array(z.string().trim().min(1)).optional().meta({ description: 'Other texts that denote the unit in tables (case, accents, punctuation and "the" are ignored).' }),
  parent: z.string().trim().min(1).optional().meta({ description: 'The unit it lies in: a country (any code or name) or another declared unit.' }),
});

const unitsFileSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    units: z.array(declaredUnitSchema).min(1).meta({ description: 'The declared units.' }),
  })
  .meta({ title: 'UnitsFile', description: 'Units an index scores that the country table does not know: territories without an ISO code, regions, cities.' });

type Locate = (path: (string | number)[]) => { line: number; column: number } | undefined;

/**
 * Checks declared units as a whole: no code, name or alias twice, and every parent a known
 * country or another declared unit (given as its code). Returns the units with parents
 * canonical, and a `UNITS_INVALID` error for each problem, at its position.
 */
export function checkDeclaredUnits(units: readonly DeclaredUnit[], file: string, path: readonly (string | number)[], locate: Locate): Result<DeclaredUnit[]> {
  const diagnostics: Diagnostic[] = [];
  const problem = (at: (string | number)[], message: string, hint?: string) => {
    const pos = locate([...path, ...at]);
    diagnostics.push({ code: 'UNITS_INVALID', severity: 'error', message, file, ...(pos ? { line: pos.line, column: pos.column } : {}), path: [...path, ...at], ...(hint ? { hint } : {}) });
  };
  const codes = new Map<string, number>();
  const texts = new Map<string, number>();
  units.forEach((u, i) => {
    if (!UNIT_CODE_TEXT.test(u.code)) problem([i, 'code'], `"${u.code}" is not a unit code: ${UNIT_CODE_MESSAGE}.`);
    if (codes.has(u.code)) problem([i, 'code'], `The unit code "${u.code}" is declared twice (first as unit ${codes.get(u.code)! + 1}).`);
    else codes.set(u.code, i);
    [u.name, ...(u.aliases ?? [])].forEach((text, k) => {
      const key = unitKey(text);
      const first = texts.get(key);
      if (first !== undefined && first !== i) problem(k === 0 ? [i, 'name'] : [i, 'aliases', k - 1], `"${text}" already denotes unit ${first + 1} (${units[first]!.code}).`, 'A name or alias denotes one unit.');
      else texts.set(key, i);
    });
  });
  const declaredCodes = new Set(units.map((u) => u.code));
  const builtIn = new UnitResolver();
  const out: DeclaredUnit[] = units.map((u, i) => {
    if (u.parent === undefined) return { code: u.code, name: u.name, ...(u.aliases ? { aliases: u.aliases } : {}) };
    const up = u.parent.toUpperCase();
    let parent: string | undefined = declaredCodes.has(up) ? up : undefined;
    if (parent === undefined) {
      const r = builtIn.resolve(u.parent);
      if ('unit' in r) parent = r.unit.code;
      else problem([i, 'parent'], `The parent "${u.parent}" of ${u.code} is neither a country nor a declared unit.`, r.hint);
    }
    if (parent === u.code) problem([i, 'parent'], `${u.code} cannot lie in itself.`);
    return { code: u.code, name: u.name, ...(u.aliases ? { aliases: u.aliases } : {}), ...(parent !== undefined ? { parent } : {}) };
  });
  // A chain of parents that comes back to where it started.
  const parentOf = new Map(out.map((u) => [u.code, u.parent]));
  out.forEach((u, i) => {
    if (u.parent === u.code) return;
    let p = u.parent;
    for (let steps = 0; p !== undefined && steps < out.length; steps++, p = parentOf.get(p)) {
      if (p === u.code) {
        problem([i, 'parent'], `The parents of ${u.code} form a cycle.`);
        break;
      }
    }
  });
  return diagnostics.length ? { diagnostics } : { value: out, diagnostics };
}

/**
 * Reads a units file (YAML): `schemaVersion: 1` and `units`, each with a `code`, a `name` and
 * optional `aliases` and `parent`. Every problem is a diagnostic with its position.
 *
 * @example
 * ```ts
 * import { loadUnits, UnitResolver } from 'policy-index';
 * const { value } = loadUnits('schemaVersion: 1\nunits:\n  - { code: XC, name: Northern Cyprus, aliases: [TRNC], parent: Cyprus }\n');
 * value?.[0]?.parent;                           // 'CY'
 * new UnitResolver(value).resolve('TRNC');      // { unit: { code: 'XC', name: 'Northern Cyprus', kind: 'declared', parent: 'CY', via: 'declared' } }
 * ```
 */
export function loadUnits(text: string, file = 'units.yaml'): Result<DeclaredUnit[]> {
  const parsed = parseYamlSource(text, file);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (parsed.value === undefined) return { diagnostics };
  const r = unitsFileSchema.safeParse(parsed.value);
  if (!r.success) {
    const known = (p: readonly (string | number)[]) => (p.length === 0 ? Object.keys(unitsFileSchema.shape) : p.length === 2 && p[0] === 'units' ? Object.keys(declaredUnitSchema.shape) : []);
    for (const item of zodIssuesToDiagnostics(r.error.issues, parsed.value, [], parsed.locator, known)) diagnostics.push(item);
    return { diagnostics };
  }
  const checked = checkDeclaredUnits(r.data.units, file, ['units'], (p) => parsed.locator.locate(p));
  for (const d of checked.diagnostics) diagnostics.push(d);
  return checked.value ? { value: checked.value, diagnostics } : { diagnostics };
}
