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

// ISO 3166-1 alpha-2, officially assigned codes, plus XK (Kosovo), the user-assigned code
// used by the European Union and Eurostat.
const ISO_TABLE =
  'AD Andorra|AE United Arab Emirates|AF Afghanistan|AG Antigua and Barbuda|AI Anguilla|AL Albania|AM Armenia|' +
  'AO Angola|AQ Antarctica|AR Argentina|AS American Samoa|AT Austria|AU Australia|AW Aruba|AX Åland Islands|' +
  'AZ Azerbaijan|BA Bosnia and Herzegovina|BB Barbados|BD Bangladesh|BE Belgium|BF Burkina Faso|BG Bulgaria|' +
  'BH Bahrain|BI Burundi|BJ Benin|BL Saint Barthélemy|BM Bermuda|BN Brunei Darussalam|BO Bolivia|' +
  'BQ Bonaire, Sint Eustatius and Saba|BR Brazil|BS Bahamas|BT Bhutan|BV Bouvet Island|BW Botswana|BY Belarus|' +
  'BZ Belize|CA Canada|CC Cocos (Keeling) Islands|CD Democratic Republic of the Congo|CF Central African Republic|' +
  'CG Congo|CH Switzerland|CI Côte d’Ivoire|CK Cook Islands|CL Chile|CM Cameroon|CN China|CO Colombia|' +
  'CR Costa Rica|CU Cuba|CV Cabo Verde|CW Curaçao|CX Christmas Island|CY Cyprus|CZ Czechia|DE Germany|' +
  'DJ Djibouti|DK Denmark|DM Dominica|DO Dominican Republic|DZ Algeria|EC Ecuador|EE Estonia|EG Egypt|' +
  'EH Western Sahara|ER Eritrea|ES Spain|ET Ethiopia|FI Finland|FJ Fiji|FK Falkland Islands|FM Micronesia|' +
  'FO Faroe Islands|FR France|GA Gabon|GB United Kingdom|GD Grenada|GE Georgia|GF French Guiana|GG Guernsey|' +
  'GH Ghana|GI Gibraltar|GL Greenland|GM Gambia|GN Guinea|GP Guadeloupe|GQ Equatorial Guinea|GR Greece|' +
  'GS South Georgia and the South Sandwich Islands|GT Guatemala|GU Guam|GW Guinea-Bissau|GY Guyana|HK Hong Kong|' +
  'HM Heard Island and McDonald Islands|HN Honduras|HR Croatia|HT Haiti|HU Hungary|ID Indonesia|IE Ireland|' +
  'IL Israel|IM Isle of Man|IN India|IO British Indian Ocean Territory|IQ Iraq|IR Iran|IS Iceland|IT Italy|' +
  'JE Jersey|JM Jamaica|JO Jordan|JP Japan|KE Kenya|KG Kyrgyzstan|KH Cambodia|KI Kiribati|KM Comoros|' +
  'KN Saint Kitts and Nevis|KP North Korea|KR South Korea|KW Kuwait|KY Cayman Islands|KZ Kazakhstan|LA Laos|' +
  'LB Lebanon|LC Saint Lucia|LI Liechtenstein|LK Sri Lanka|LR Liberia|LS Lesotho|LT Lithuania|LU Luxembourg|' +
  'LV Latvia|LY Libya|MA Morocco|MC Monaco|MD Moldova|ME Montenegro|MF Saint Martin (French part)|MG Madagascar|' +
  'MH Marshall Islands|MK North Macedonia|ML Mali|MM Myanmar|MN Mongolia|MO Macao|MP Northern Mariana Islands|' +
  'MQ Martinique|MR Mauritania|MS Montserrat|MT Malta|MU Mauritius|MV Maldives|MW Malawi|MX Mexico|MY Malaysia|' +
  'MZ Mozambique|NA Namibia|NC New Caledonia|NE Niger|NF Norfolk Island|NG Nigeria|NI Nicaragua|NL Netherlands|' +
  'NO Norway|NP Nepal|NR Nauru|NU Niue|NZ New Zealand|OM Oman|PA Panama|PE Peru|PF French Polynesia|' +
  'PG Papua New Guinea|PH Philippines|PK Pakistan|PL Poland|PM Saint Pierre and Miquelon|PN Pitcairn|' +
  'PR Puerto Rico|PS Palestine|PT Portugal|PW Palau|PY Paraguay|QA Qatar|RE Réunion|RO Romania|RS Serbia|' +
  'RU Russia|RW Rwanda|SA Saudi Arabia|SB Solomon Islands|SC Seychelles|SD Sudan|SE Sweden|SG Singapore|' +
  'SH Saint Helena, Ascension and Tristan da Cunha|SI Slovenia|SJ Svalbard and Jan Mayen|SK Slovakia|' +
  'SL Sierra Leone|SM San Marino|SN Senegal|SO Somalia|SR Suriname|SS South Sudan|ST São Tomé and Príncipe|' +
  'SV El Salvador|SX Sint Maarten (Dutch part)|SY Syria|SZ Eswatini|TC Turks and Caicos Islands|TD Chad|' +
  'TF French Southern Territories|TG Togo|TH Thailand|TJ Tajikistan|TK Tokelau|TL Timor-Leste|TM Turkmenistan|' +
  'TN Tunisia|TO Tonga|TR Türkiye|TT Trinidad and Tobago|TV Tuvalu|TW Taiwan|TZ Tanzania|UA Ukraine|UG Uganda|' +
  'UM United States Minor Outlying Islands|US United States|UY Uruguay|UZ Uzbekistan|VA Holy See|' +
  'VC Saint Vincent and the Grenadines|VE Venezuela|VG British Virgin Islands|VI United States Virgin Islands|' +
  'VN Viet Nam|VU Vanuatu|WF Wallis and Futuna|WS Samoa|YE Yemen|YT Mayotte|ZA South Africa|ZM Zambia|' +
  'ZW Zimbabwe|XK Kosovo';

const COUNTRY_NAMES: ReadonlyMap<string, string> = new Map(
  ISO_TABLE.split('|').map((entry) => [entry.slice(0, 2), entry.slice(3)] as [string, string]),
);

/** Non-ISO codes that denote an ISO country: Eurostat's `EL` and `UK`, the MIPEX workbook's `UK` and `TU`. */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['EL', 'GR'],
  ['UK', 'GB'],
  ['TU', 'TR'],
]);

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

/**
 * Membership of the European Union by ISO code: first year of membership and, for the United
 * Kingdom, the first year it was no longer a member (it left on 31 January 2020).
 */
const EU_MEMBERSHIP: ReadonlyMap<string, { from: number; until?: number }> = new Map([
  ...['BE', 'DE', 'FR', 'IT', 'LU', 'NL'].map((c) => [c, { from: 1958 }] as const),
  ...['DK', 'IE'].map((c) => [c, { from: 1973 }] as const),
  ['GB', { from: 1973, until: 2020 }],
  ['GR', { from: 1981 }],
  ...['ES', 'PT'].map((c) => [c, { from: 1986 }] as const),
  ...['AT', 'FI', 'SE'].map((c) => [c, { from: 1995 }] as const),
  ...['CY', 'CZ', 'EE', 'HU', 'LT', 'LV', 'MT', 'PL', 'SI', 'SK'].map((c) => [c, { from: 2004 }] as const),
  ...['BG', 'RO'].map((c) => [c, { from: 2007 }] as const),
  ['HR', { from: 2013 }],
]);

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
  const upper = code.trim().toUpperCase();
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
 * import { listCountryCodes } from 'policy-index';
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
