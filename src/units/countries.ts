/**
 * One shared table of country codes: ISO 3166-1 alpha-2 codes with English short names,
 * the aliases used by Eurostat (`EL`, `UK`) and by the MIPEX workbook (`UK`, `TU`), the
 * statistical aggregates Eurostat publishes (`EU27_2020`, `EA20`, `EFTA` …) and NUTS or
 * ISO 3166-2 region codes (`DE1`, `BE10`, `UKC-L`, `BE-VLG`).
 *
 * Every loader that reads a country code (answer sets, outcome data, workbook import)
 * normalises it here, so that `EL` and `GR` are one country everywhere and an aggregate is
 * never joined as if it were a country.
 *
 * @module
 */
import countryTable from './countries.json' with { type: 'json' };
import { byCodePoint } from '../text/order.js';

/** What a code denotes. */
export type CountryCodeKind = 'country' | 'aggregate' | 'region' | 'unknown';

/** The outcome of {@link normaliseCountryCode}. */
export interface NormalisedCountryCode {
  /** The canonical code: ISO alpha-2 for countries (`GR`, `GB`), the upper-cased input otherwise. */
  code: string;
  kind: CountryCodeKind;
  /** The text exactly as given. */
  original: string;
  /** English name, for countries, known aggregates and regions of known countries (the country's name). */
  name?: string;
  /** For regions: the ISO alpha-2 code of the country the region belongs to. */
  parent?: string;
  /** True when the input was an alias (`EL`, `UK`, `TU`) rather than the ISO code. */
  alias?: boolean;
}

// The table itself is data: countries.json beside this file (codes, names, M49 regions,
// agency codes, EU and OECD membership by date).
interface CountryTableFile {
  countries: { alpha2: string; alpha3: string; numeric?: string; name: string; isoName?: string; formalName?: string; otherNames?: string[]; m49?: string }[];
  regions: { code: string; name: string; parent?: string }[];
  aliases: { code: string; country: string; agency: string }[];
  groups: Record<'eu' | 'oecd', { title: string; members: { code: string; from: string; until?: string }[] }>;
}
const TABLE = countryTable as CountryTableFile;

const COUNTRY_NAMES: ReadonlyMap<string, string> = new Map(TABLE.countries.map((c) => [c.alpha2, c.name] as [string, string]));
const BY_ALPHA2: ReadonlyMap<string, CountryTableFile['countries'][number]> = new Map(TABLE.countries.map((c) => [c.alpha2, c]));

/**
 * Non-ISO-alpha-2 codes that denote an ISO country: ISO alpha-3 and numeric codes, Eurostat's
 * `EL` and `UK`, the MIPEX workbook's `TU`, and World Bank codes such as `KSV`, `ROM`, `ZAR`.
 */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ...TABLE.aliases.map((a) => [a.code, a.country] as [string, string]),
  ...TABLE.countries.map((c) => [c.alpha3, c.alpha2] as [string, string]),
  ...TABLE.countries.filter((c) => c.numeric !== undefined).map((c) => [c.numeric!, c.alpha2] as [string, string]),
]);

/**
 * The key names are compared by: accents dropped, lower case, apostrophes removed, `&` read as
 * "and", other punctuation as spaces, "st" as "saint", every "the" dropped.
 *
 * @example
 * ```ts
 * import { unitKey } from './countries.js';
 * unitKey('St. Kitts & Nevis') === unitKey('Saint Kitts and Nevis'); // true
 * unitKey('The Gambia') === unitKey('Gambia (the)');                // true
 * unitKey("Côte d’Ivoire") === unitKey("Cote d'Ivoire");            // true
 * ```
 */
export function unitKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && w !== 'the')
    .map((w) => (w === 'st' ? 'saint' : w))
    .join(' ');
}

/** Longest text compared with the names (the longest name has under 70 characters). */
const MAX_NAME_LENGTH = 200;

/** Every name of each country in the table: short name, ISO short name, formal name, other names. */
const NAME_FORMS: readonly { alpha2: string; names: readonly string[] }[] = TABLE.countries.map((c) => ({
  alpha2: c.alpha2,
  names: [c.name, ...(c.isoName !== undefined ? [c.isoName] : []), ...(c.formalName !== undefined ? [c.formalName] : []), ...(c.otherNames ?? [])],
}));

/** Countries by the key ({@link unitKey}) of each of their names; the first country holding a key keeps it. */
const BY_NAME_KEY: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const { alpha2, names } of NAME_FORMS) for (const n of names) if (!map.has(unitKey(n))) map.set(unitKey(n), alpha2);
  return map;
})();

/** Every name the table holds for each country (for the resolver's suggestions and the tests). */
export function countryNameForms(): readonly { alpha2: string; names: readonly string[] }[] {
  return NAME_FORMS;
}

/** The country (ISO alpha-2) one of whose names has the key of `text`, if any. */
export function findCountryByName(text: string): string | undefined {
  // Names are short: a long cell is no name, and is not normalised.
  return text.length > MAX_NAME_LENGTH ? undefined : BY_NAME_KEY.get(unitKey(text));
}

const AGGREGATE_NAMES: ReadonlyMap<string, string> = new Map([
  ['EU', 'European Union (composition of the reference year)'],
  ['EU27_2020', 'European Union, 27 member states (from 2020)'],
  ['EU28', 'European Union, 28 member states (2013–2020)'],
  ['EU27_2007', 'European Union, 27 member states (2007–2013)'],
  ['EU25', 'European Union, 25 member states (2004–2006)'],
  ['EU15', 'European Union, 15 member states (1995–2004)'],
  ['EA', 'Euro area (changing composition)'],
  ['EA11', 'Euro area, 11 countries'],
  ['EA12', 'Euro area, 12 countries'],
  ['EA13', 'Euro area, 13 countries'],
  ['EA15', 'Euro area, 15 countries'],
  ['EA16', 'Euro area, 16 countries'],
  ['EA17', 'Euro area, 17 countries'],
  ['EA18', 'Euro area, 18 countries'],
  ['EA19', 'Euro area, 19 countries'],
  ['EA20', 'Euro area, 20 countries'],
  ['EA21', 'Euro area, 21 countries'],
  ['EFTA', 'European Free Trade Association'],
  ['EEA', 'European Economic Area'],
]);

// EU, EA, EEA or EFTA, optionally followed by a size and a composition year (EU27_2020, EA19),
// and Eurostat's composite groupings such as EU27_2020_EFTA.
const AGGREGATE_PATTERN = /^(EU|EA|EEA|EFTA)\d{0,2}(_\d{4})?(_[A-Z0-9]+)*$/;
// NUTS codes: a two-letter (Eurostat) country prefix plus 1–3 letters/digits, optionally a range
// such as UKC-L; and ISO 3166-2 subdivisions such as BE-VLG or ES-CT.
const NUTS_PATTERN = /^([A-Z]{2})([0-9A-Z]{1,3})(-[0-9A-Z]{1,3})?$/;
const ISO_SUBDIVISION_PATTERN = /^([A-Z]{2})-([0-9A-Z]{1,3})$/;

/** Membership of a group by ISO code, as years: first year a member, first year no longer a member. */
function membershipYears(group: 'eu' | 'oecd'): ReadonlyMap<string, { from: number; until?: number }> {
  return new Map(
    TABLE.groups[group].members.map((m) => [m.code, { from: Number(m.from.slice(0, 4)), ...(m.until ? { until: Number(m.until.slice(0, 4)) } : {}) }] as const),
  );
}
const EU_MEMBERSHIP = membershipYears('eu');

function regionParent(prefix: string): string | undefined {
  const iso = ALIASES.get(prefix) ?? prefix;
  return COUNTRY_NAMES.has(iso) ? iso : undefined;
}

/**
 * Normalises a country code and says what kind of unit it denotes.
 *
 * Countries come back as their ISO 3166-1 alpha-2 code (`EL` → `GR`, `UK` → `GB`,
 * `TU` → `TR`); aggregates (`EU27_2020`, `EA19`, `EFTA` …) and regions (NUTS codes such as
 * `DE1` or `UKC-L`, ISO 3166-2 codes such as `BE-VLG`) are recognised as such and keep their
 * code. Anything else is `unknown`. Case and surrounding spaces are ignored.
 *
 * @example
 * ```ts
 * import { normaliseCountryCode } from 'policy-index';
 * normaliseCountryCode('EL');        // { code: 'GR', kind: 'country', original: 'EL', name: 'Greece', alias: true }
 * normaliseCountryCode('EU27_2020').kind; // 'aggregate'
 * normaliseCountryCode('UKC-L');     // { code: 'UKC-L', kind: 'region', parent: 'GB', … }
 * ```
 */
export function normaliseCountryCode(code: string): NormalisedCountryCode {
  const original = code;
  let upper = code.trim().toUpperCase();
  if (/^\d{1,3}$/.test(upper)) upper = upper.padStart(3, '0');
  const alias = ALIASES.get(upper);
  if (alias) return { code: alias, kind: 'country', original, name: COUNTRY_NAMES.get(alias)!, alias: true };
  const name = COUNTRY_NAMES.get(upper);
  if (name) return { code: upper, kind: 'country', original, name };
  if (AGGREGATE_PATTERN.test(upper)) {
    const aggregateName = AGGREGATE_NAMES.get(upper);
    return { code: upper, kind: 'aggregate', original, ...(aggregateName ? { name: aggregateName } : {}) };
  }
  const subdivision = ISO_SUBDIVISION_PATTERN.exec(upper);
  if (subdivision) {
    const parent = regionParent(subdivision[1]!);
    if (parent) return { code: upper, kind: 'region', original, parent, name: COUNTRY_NAMES.get(parent)! };
  }
  const nuts = NUTS_PATTERN.exec(upper);
  if (nuts) {
    const parent = regionParent(nuts[1]!);
    if (parent) return { code: upper, kind: 'region', original, parent, name: COUNTRY_NAMES.get(parent)! };
  }
  return { code: upper, kind: 'unknown', original };
}

/**
 * The English short name of a country (any accepted alias works), or `undefined`.
 *
 * @example
 * ```ts
 * import { countryName } from 'policy-index';
 * countryName('EL'); // 'Greece'
 * countryName('EU27_2020'); // undefined
 * ```
 */
export function countryName(code: string): string | undefined {
  const n = normaliseCountryCode(code);
  return n.kind === 'country' ? n.name : undefined;
}

/**
 * All ISO 3166-1 alpha-2 codes in the table (plus `XK`, Kosovo), sorted.
 *
 * @example
 * ```ts
 * import { listCountryCodes } from './countries.js';
 * listCountryCodes().includes('GR'); // true
 * listCountryCodes().includes('EL'); // false — aliases are not listed
 * ```
 */
export function listCountryCodes(): string[] {
  return [...COUNTRY_NAMES.keys()].sort();
}

/**
 * Whether a country was a member of the European Union in a given year (without a year:
 * today, i.e. the 27 members since 2020). A country counts as a member in every year from
 * its accession year on (Croatia: 2013), and the United Kingdom up to 2019 (it left on
 * 31 January 2020), matching Eurostat's EU28 (until 2019) and EU27_2020 aggregates.
 * Aliases are accepted; aggregates, regions and unknown codes are never members.
 *
 * @example
 * ```ts
 * import { isEuMember } from 'policy-index';
 * isEuMember('UK');       // false (today)
 * isEuMember('UK', 2015); // true
 * isEuMember('HR', 2012); // false
 * ```
 */
export function isEuMember(code: string, year?: number): boolean {
  const n = normaliseCountryCode(code);
  if (n.kind !== 'country') return false;
  const membership = EU_MEMBERSHIP.get(n.code);
  if (!membership) return false;
  if (year === undefined) return membership.until === undefined;
  return year >= membership.from && (membership.until === undefined || year < membership.until);
}

/**
 * The EU member states (ISO codes, sorted) in a year; without a year, the current 27.
 *
 * @example
 * ```ts
 * import { euMembers } from 'policy-index';
 * euMembers().length;     // 27
 * euMembers(2015).length; // 28
 * ```
 */
export function euMembers(year?: number): string[] {
  return [...EU_MEMBERSHIP.keys()].filter((c) => isEuMember(c, year)).sort();
}

/** What the country table knows about one country. */
export interface CountryRecord {
  /** ISO 3166-1 alpha-2 (`XK` for Kosovo). */
  alpha2: string;
  /** ISO 3166-1 alpha-3 (`XKX` for Kosovo, as the European Union uses it). */
  alpha3: string;
  /** ISO 3166-1 numeric, three digits, when assigned. */
  numeric?: string;
  /** English short name. */
  name: string;
  /** UN M49 regions the country lies in, smallest first (e.g. `['155', '150', '001']`). */
  regions: string[];
  /** Other codes that denote the country in some statistics (Eurostat `EL`, World Bank `KSV` …). */
  agencyCodes: { code: string; agency: string }[];
}

/** A UN M49 region (world, continent, sub-region or intermediate region). */
export interface M49Region {
  /** Three-digit M49 code, e.g. `150` (Europe). */
  code: string;
  name: string;
  /** The region it lies in. */
  parent?: string;
}

const REGIONS: ReadonlyMap<string, M49Region> = new Map(TABLE.regions.map((r) => [r.code, { ...r }]));

function regionChain(start: string | undefined): string[] {
  const out: string[] = [];
  for (let code = start; code !== undefined && !out.includes(code); code = REGIONS.get(code)?.parent) out.push(code);
  return out;
}

/**
 * Everything the country table knows about a country, looked up by any accepted code
 * (alpha-2, alpha-3, numeric, agency codes); `undefined` for aggregates, regions and unknown codes.
 *
 * @example
 * ```ts
 * import { countryRecord } from 'policy-index';
 * countryRecord('AUT')?.alpha2;  // 'AT'
 * countryRecord('040')?.name;    // 'Austria'
 * countryRecord('ZAR')?.alpha2;  // 'CD' (a World Bank code, not a region of South Africa)
 * countryRecord('AT')?.regions;  // ['155', '150', '001'] — Western Europe, Europe, World
 * ```
 */
export function countryRecord(code: string): CountryRecord | undefined {
  const n = normaliseCountryCode(code);
  if (n.kind !== 'country') return undefined;
  const c = BY_ALPHA2.get(n.code)!;
  return {
    alpha2: c.alpha2,
    alpha3: c.alpha3,
    ...(c.numeric !== undefined ? { numeric: c.numeric } : {}),
    name: c.name,
    regions: regionChain(c.m49),
    agencyCodes: TABLE.aliases.filter((a) => a.country === c.alpha2).map((a) => ({ code: a.code, agency: a.agency })),
  };
}

/**
 * The UN M49 regions, in code order.
 *
 * @example
 * ```ts
 * import { m49Regions } from 'policy-index';
 * m49Regions().find((r) => r.code === '150')?.name; // 'Europe'
 * ```
 */
export function m49Regions(): M49Region[] {
  return [...REGIONS.values()].sort((a, b) => byCodePoint(a.code, b.code)).map((r) => ({ ...r }));
}

/**
 * The countries (ISO alpha-2, sorted) in a UN M49 region, or `undefined` if there is no such
 * region code.
 *
 * @example
 * ```ts
 * import { countriesInRegion } from 'policy-index';
 * countriesInRegion('154')?.includes('SE'); // true — Northern Europe
 * countriesInRegion('999');                 // undefined
 * ```
 */
export function countriesInRegion(m49: string): string[] | undefined {
  const code = /^\d{1,3}$/.test(m49.trim()) ? m49.trim().padStart(3, '0') : m49.trim();
  if (!REGIONS.has(code)) return undefined;
  return TABLE.countries.filter((c) => regionChain(c.m49).includes(code)).map((c) => c.alpha2).sort();
}

/** The membership groups the country table knows. */
export type MembershipGroup = 'eu' | 'oecd';

function memberOn(group: MembershipGroup, alpha2: string, when: number | string | undefined): boolean {
  const m = TABLE.groups[group].members.find((x) => x.code === alpha2);
  if (!m) return false;
  if (when === undefined) return m.until === undefined;
  if (typeof when === 'number') {
    const until = m.until ? Number(m.until.slice(0, 4)) : undefined;
    return when >= Number(m.from.slice(0, 4)) && (until === undefined || when < until);
  }
  return when >= m.from && (m.until === undefined || when < m.until);
}

/**
 * The members (ISO alpha-2, sorted) of the European Union or the OECD: today, in a year (a
 * country counts from its accession year on, and up to the year before it left), or on a date
 * `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * import { groupMembers } from 'policy-index';
 * groupMembers('oecd', 2019).includes('CO'); // false — Colombia joined in 2020
 * groupMembers('eu', '2020-01-15').includes('GB'); // true — it left on 31 January 2020
 * ```
 */
export function groupMembers(group: MembershipGroup, when?: number | string): string[] {
  return TABLE.groups[group].members.map((m) => m.code).filter((c) => memberOn(group, c, when)).sort();
}

/**
 * Whether a country was a member of the OECD in a year or on a date (without one: today).
 *
 * @example
 * ```ts
 * import { isOecdMember } from 'policy-index';
 * isOecdMember('CR', 2020); // false
 * isOecdMember('CRI', 2021); // true
 * ```
 */
export function isOecdMember(code: string, when?: number | string): boolean {
  const n = normaliseCountryCode(code);
  return n.kind === 'country' && memberOn('oecd', n.code, when);
}

/**
 * Finds a country by code (any accepted form) or by any English name the table holds (short,
 * ISO, formal or a common variant; case, accents, punctuation, "the" and "St." ignored); an
 * unknown text gives `undefined`, never a guess.
 *
 * @example
 * ```ts
 * import { findCountry } from 'policy-index';
 * findCountry('austria');   // 'AT'
 * findCountry('KSV');       // 'XK'
 * findCountry('Korea, Rep.'); // 'KR'
 * findCountry('Atlantis');  // undefined
 * ```
 */
export function findCountry(text: string): string | undefined {
  const n = normaliseCountryCode(text);
  if (n.kind === 'country') return n.code;
  return findCountryByName(text);
}

/** Every code the table accepts for a country, for suggestions. */
export function allCountryCodes(): string[] {
  return [...COUNTRY_NAMES.keys(), ...ALIASES.keys()];
}
