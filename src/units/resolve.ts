/**
 * The one resolver of units: a cell or code → the country, territory, region or city an index
 * scores. It reads ISO 3166-1 alpha-2, alpha-3 and numeric codes, the codes agencies use
 * instead (Eurostat `EL`, `UK`; World Bank `KSV` …), English names in every form the country
 * table holds (short, ISO, formal, common variants such as "Korea, Rep." or "Ivory Coast"),
 * ISO 3166-2 subdivision codes (`BE-VLG`) and units the user declares (territories without an
 * ISO code, regions, cities), which win over the built-in names.
 *
 * Names are compared by a key that ignores case, accents, punctuation, "the" and the spelling
 * of "St."/"Saint" ({@link unitKey}). A NUTS code (`DE1`, `BE10`) is read only where the caller
 * says the column is regional, and never before a name: "CHAD" is Chad, not a region of
 * Switzerland. An unknown text gets a bounded did-you-mean from `source/suggest`.
 *
 * Browser-safe.
 *
 * @module
 */
import { lazyNameIndex, Suggestions } from '../source/suggest.js';
import { allCountryCodes, countryNameForms, findCountryByName, normaliseCountryCode, unitKey } from './countries.js';


/** A unit the user declares (a units file, or a mapping's `units:`). */
export interface DeclaredUnit {
  /** The code answer files carry (see `UNIT_CODE_TEXT` in `code.ts`), e.g. `XC`, `CA-QC`. */
  code: string;
  /** Name shown in reports. */
  name: string;
  /** Other texts that denote the unit in tables. */
  aliases?: readonly string[];
  /** The unit it lies in (a country code or another declared unit's code). */
  parent?: string;
}

/** A resolved unit. */
export interface ResolvedUnit {
  /** The canonical code: ISO alpha-2 for countries, the subdivision or declared code otherwise. */
  code: string;
  /** Name shown in reports: the country's short name, the declared name, or the code of an undeclared region. */
  name: string;
  kind: 'country' | 'region' | 'declared';
  /** For regions and declared units with a parent: the code of the unit they lie in. */
  parent?: string;
  /** How the text matched: a code, an agency or alpha-3/numeric code, a name, or a declared unit. */
  via: 'code' | 'alias' | 'name' | 'declared';
}

/** What {@link UnitResolver.resolve} found: a unit, or why there is none (with a did-you-mean). */
export type UnitLookup = { unit: ResolvedUnit } | { problem: 'empty' | 'aggregate' | 'unknown'; message: string; hint?: string };

/** Options for one look-up. */
export interface ResolveUnitOptions {
  /** The column holds regional codes: NUTS codes such as `DE1` are read as regions (after names and declared units). */
  regional?: boolean;
  /** Suggestions of the current file or import (bounded per file); a fresh one otherwise. */
  hints?: Suggestions;
}

/** Longest text compared with declared names and aliases. */
const MAX_DECLARED_LENGTH = 200;
/** Most distinct texts whose look-up is remembered per resolver. */
const MEMO_LIMIT = 10_000;

const NUTS_ONLY = /^[A-Z]{2}[0-9A-Z]{1,3}(-[0-9A-Z]{1,3})?$/;

/**
 * Resolves cells and codes to units: the built-in country table plus declared units. Make one
 * per table or file (it remembers what it resolved).
 *
 * @example
 * ```ts
 * import { UnitResolver } from 'policy-index';
 * const units = new UnitResolver([{ code: 'XC', name: 'Northern Cyprus', aliases: ['TRNC'] }]);
 * units.resolve('Korea, Rep.');  // { unit: { code: 'KR', name: 'South Korea', kind: 'country', via: 'name' } }
 * units.resolve('TRNC');         // { unit: { code: 'XC', name: 'Northern Cyprus', kind: 'declared', via: 'declared' } }
 * units.resolve('CHAD');         // Chad, never a region of Switzerland
 * units.resolve('DE1', { regional: true }); // a NUTS region of Germany
 * ```
 */
export class UnitResolver {
  readonly #declaredByCode = new Map<string, DeclaredUnit>();
  readonly #declaredByKey = new Map<string, DeclaredUnit>();
  readonly #memo = new Map<string, UnitLookup>();
  /** Did-you-mean look-ups when the caller brings none (bounded like a file's). */
  readonly #hints = new Suggestions();
  readonly #names = lazyNameIndex(() => [...this.#declaredByCode.values()].flatMap((u) => [u.code, u.name, ...(u.aliases ?? [])]));
  readonly #builtIn = lazyNameIndex(() => [...countryNameForms().flatMap((c) => c.names), ...allCountryCodes()]);

  /** Declared units; a later unit with the same code, name or alias as an earlier one does not replace it (loaders report such clashes). */
  constructor(declared: readonly DeclaredUnit[] = []) {
    for (const u of declared) {
      const code = u.code.trim().toUpperCase();
      if (this.#declaredByCode.has(code)) continue;
      const unit = { ...u, code };
      this.#declaredByCode.set(code, unit);
      for (const text of [u.name, ...(u.aliases ?? [])]) {
        const key = unitKey(text);
        if (key !== '' && !this.#declaredByKey.has(key)) this.#declaredByKey.set(key, unit);
      }
    }
  }

  /** The declared units, in the order given. */
  get declared(): DeclaredUnit[] {
    return [...this.#declaredByCode.values()];
  }

  /** The declared unit with a code, if any. */
  declaredUnit(code: string): DeclaredUnit | undefined {
    return this.#declaredByCode.get(code.trim().toUpperCase());
  }

  /** The name a report shows for a code (declared name, country short name), or `undefined`. */
  name(code: string): string | undefined {
    const declared = this.#declaredByCode.get(code.trim().toUpperCase());
    if (declared) return declared.name;
    const n = normaliseCountryCode(code);
    return n.kind === 'country' ? n.name : undefined;
  }

  /** Resolves a cell or code (see the module notes for the order). */
  resolve(text: string, options: ResolveUnitOptions = {}): UnitLookup {
    const memoKey = `${options.regional ? 'r' : 'c'}${text}`;
    const known = this.#memo.get(memoKey);
    if (known) return known;
    let result = this.#find(text, options.regional === true);
    if (!result) {
      const t = text.trim();
      const shown = t.length > 80 ? `${t.slice(0, 77)}…` : t;
      const hints = options.hints ?? this.#hints;
      // A NUTS-shaped code with a digit (DE1, BE10) is a region in the wrong column; without one (AUTT), a typo first.
      const nuts = !options.regional && NUTS_ONLY.test(t.toUpperCase()) && normaliseCountryCode(t).kind === 'region';
      const near = nuts && /\d/.test(t) ? undefined : (hints.suggest(t, this.#names) ?? hints.suggest(t, this.#builtIn));
      const hint =
        near !== undefined
          ? `Did you mean "${near}"?`
          : nuts
            ? 'A regional (NUTS) code is read only in a column declared regional.'
            : "Declare the unit in a units file (code, name, aliases) or map the cell in the mapping file's units section.";
      result = { problem: 'unknown', message: `"${shown}" is not a country code or name the country table knows, nor a declared unit.`, hint };
    }
    if (this.#memo.size < MEMO_LIMIT) this.#memo.set(memoKey, result);
    return result;
  }

  #find(text: string, regional: boolean): UnitLookup | undefined {
    const t = text.trim();
    if (t === '') return { problem: 'empty', message: 'The cell names no unit.' };
    const upper = t.toUpperCase();
    const declared = this.#declaredByCode.get(upper) ?? (t.length <= MAX_DECLARED_LENGTH ? this.#declaredByKey.get(unitKey(t)) : undefined);
    if (declared) return { unit: { code: declared.code, name: declared.name, kind: 'declared', ...(declared.parent !== undefined ? { parent: declared.parent } : {}), via: 'declared' } };
    const n = normaliseCountryCode(t);
    if (n.kind === 'country') return { unit: { code: n.code, name: n.name!, kind: 'country', via: n.alias ? 'alias' : 'code' } };
    const byName = findCountryByName(t);
    if (byName) return { unit: { code: byName, name: normaliseCountryCode(byName).name!, kind: 'country', via: 'name' } };
    if (n.kind === 'aggregate') return { problem: 'aggregate', message: `"${t}" is an aggregate, not a unit.`, hint: 'Aggregates are computed from their members; give each unit its own row.' };
    if (n.kind === 'region' && (regional || /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(n.code))) return { unit: { code: n.code, name: n.code, kind: 'region', parent: n.parent!, via: 'code' } };
    return undefined;
  }
}
