import { describe, expect, it } from 'vitest';
import countryTable from './countries.json' with { type: 'json' };
import { countryNameForms, findCountry, normaliseCountryCode, unitKey } from './countries.js';
import { UnitResolver, type UnitLookup } from './resolve.js';

interface Row { alpha2: string; alpha3: string; numeric?: string; name: string; isoName?: string; formalName?: string; otherNames?: string[] }
const rows = (countryTable as { countries: Row[] }).countries;
const code = (r: UnitLookup) => ('unit' in r ? r.unit.code : `(${r.problem})`);

describe('the unit resolver on the whole country table', () => {
  const units = new UnitResolver();

  it('holds every ISO 3166-1 entry with its names (249 and Kosovo)', () => {
    expect(rows.length).toBe(250);
    expect(new Set(rows.map((r) => r.alpha2)).size).toBe(250);
    for (const r of rows) expect(r.name.trim(), r.alpha2).not.toBe('');
    // Every country with an ISO numeric code but Kosovo, which has none.
    expect(rows.filter((r) => r.numeric === undefined).map((r) => r.alpha2)).toEqual(['XK']);
  });

  it('resolves every alpha-2, alpha-3 and numeric code, short, ISO, formal and other name of each entry to that entry', () => {
    let checked = 0;
    for (const r of rows) {
      const texts = [r.alpha2, r.alpha3, ...(r.numeric ? [r.numeric] : []), r.name, ...(r.isoName ? [r.isoName] : []), ...(r.formalName ? [r.formalName] : []), ...(r.otherNames ?? [])];
      for (const t of texts) {
        for (const form of [t, t.toLowerCase(), t.toUpperCase(), ` ${t} `]) {
          expect(code(units.resolve(form)), `${form} → ${r.alpha2}`).toBe(r.alpha2);
          checked++;
        }
        expect(findCountry(t), t).toBe(r.alpha2);
      }
    }
    expect(checked).toBeGreaterThan(4 * 1000);
  });

  it('no name of one country is another country\'s name or code', () => {
    const owners = new Map<string, Set<string>>();
    for (const { alpha2, names } of countryNameForms()) for (const n of names) (owners.get(unitKey(n)) ?? owners.set(unitKey(n), new Set()).get(unitKey(n))!).add(alpha2);
    const clashes = [...owners].filter(([key, set]) => {
      const asCode = normaliseCountryCode(key);
      return set.size > 1 || (asCode.kind === 'country' && !set.has(asCode.code));
    });
    expect(clashes).toEqual([]);
  });

  it('reads the common variants, case, accents, punctuation, "the" and "St."', () => {
    const cases: [string, string][] = [
      ['Turkey', 'TR'], ['Türkiye', 'TR'], ['Turkiye', 'TR'], ['Vietnam', 'VN'], ['Viet Nam', 'VN'], ['Czech Republic', 'CZ'], ['Czechia', 'CZ'],
      ['The Gambia', 'GM'], ['Gambia', 'GM'], ['Gambia, The', 'GM'], ['St. Lucia', 'LC'], ['Saint Lucia', 'LC'], ['St Lucia', 'LC'],
      ['Brunei', 'BN'], ['Brunei Darussalam', 'BN'], ["Cote d'Ivoire", 'CI'], ['Côte d’Ivoire', 'CI'], ['Ivory Coast', 'CI'], ['COTE D\'IVOIRE', 'CI'],
      ['Sao Tome and Principe', 'ST'], ['São Tomé & Príncipe', 'ST'], ['St. Kitts and Nevis', 'KN'], ['Korea, Rep.', 'KR'], ['South Korea', 'KR'], ['Republic of Korea', 'KR'],
      ["Korea, Dem. People's Rep.", 'KP'], ['Russia', 'RU'], ['Russian Federation', 'RU'], ['Iran', 'IR'], ['Iran, Islamic Rep.', 'IR'], ['Syria', 'SY'], ['Syrian Arab Republic', 'SY'],
      ['Laos', 'LA'], ['Lao PDR', 'LA'], ['Bolivia', 'BO'], ['Venezuela', 'VE'], ['Venezuela, RB', 'VE'], ['Tanzania', 'TZ'], ['Moldova', 'MD'],
      ['Macedonia', 'MK'], ['North Macedonia', 'MK'], ['Swaziland', 'SZ'], ['Eswatini', 'SZ'], ['Cape Verde', 'CV'], ['Cabo Verde', 'CV'], ['Burma', 'MM'], ['Myanmar', 'MM'],
      ['Congo, Dem. Rep.', 'CD'], ['Congo, Rep.', 'CG'], ['Congo', 'CG'], ['Democratic Republic of the Congo', 'CD'], ['Egypt, Arab Rep.', 'EG'], ['Slovak Republic', 'SK'], ['Kyrgyz Republic', 'KG'],
      ['United States', 'US'], ['USA', 'US'], ['United Kingdom', 'GB'], ['Hong Kong SAR, China', 'HK'], ['Micronesia, Fed. Sts.', 'FM'], ['Bahamas, The', 'BS'],
    ];
    for (const [text, iso] of cases) expect(code(units.resolve(text)), text).toBe(iso);
  });

  it('reads the agency codes countries.ts supports', () => {
    for (const [text, iso] of [['EL', 'GR'], ['UK', 'GB'], ['TU', 'TR'], ['KSV', 'XK'], ['ZAR', 'CD'], ['40', 'AT'], ['aut', 'AT']] as const) {
      expect(units.resolve(text), text).toMatchObject({ unit: { code: iso, kind: 'country' } });
    }
    expect(units.resolve('EL')).toMatchObject({ unit: { via: 'alias', name: 'Greece' } });
  });

  it('never takes a short name for a regional (NUTS) code; reads NUTS codes only in a regional column', () => {
    for (const [text, iso] of [['CHAD', 'TD'], ['PERU', 'PE'], ['BENIN', 'BJ'], ['INDIA', 'IN'], ['Chad', 'TD'], ['MALI', 'ML'], ['OMAN', 'OM'], ['CUBA', 'CU']] as const) {
      expect(code(units.resolve(text)), text).toBe(iso);
      expect(code(units.resolve(text, { regional: true })), `${text} (regional)`).toBe(iso);
    }
    expect(units.resolve('DE1')).toMatchObject({ problem: 'unknown', hint: expect.stringMatching(/regional/) });
    expect(units.resolve('DE1', { regional: true })).toMatchObject({ unit: { code: 'DE1', kind: 'region', parent: 'DE' } });
    expect(units.resolve('EL30', { regional: true })).toMatchObject({ unit: { kind: 'region', parent: 'GR' } });
    // ISO 3166-2 subdivision codes are never names: read in every column.
    expect(units.resolve('BE-VLG')).toMatchObject({ unit: { code: 'BE-VLG', kind: 'region', parent: 'BE' } });
  });

  it('refuses aggregates, empty cells and unknown texts, with a did-you-mean', () => {
    expect(units.resolve('EU27_2020')).toMatchObject({ problem: 'aggregate' });
    expect(units.resolve('  ')).toMatchObject({ problem: 'empty' });
    expect(units.resolve('Atlantis')).toMatchObject({ problem: 'unknown' });
    expect(units.resolve('Austira')).toMatchObject({ problem: 'unknown', hint: 'Did you mean "Austria"?' });
    expect(units.resolve('Tanzanai')).toMatchObject({ problem: 'unknown', hint: 'Did you mean "Tanzania"?' });
    expect(units.resolve('x'.repeat(100_000))).toMatchObject({ problem: 'unknown' });
  });
});

describe('declared units', () => {
  const units = new UnitResolver([
    { code: 'XC', name: 'Northern Cyprus', aliases: ['TRNC'], parent: 'CY' },
    { code: 'CA-QC', name: 'Québec', aliases: ['Quebec', 'QC'], parent: 'CA' },
    { code: 'US-GA', name: 'Georgia', parent: 'US' },
  ]);

  it('resolve by code, name and alias, and keep their parent', () => {
    expect(units.resolve('XC')).toEqual({ unit: { code: 'XC', name: 'Northern Cyprus', kind: 'declared', parent: 'CY', via: 'declared' } });
    expect(code(units.resolve('trnc'))).toBe('XC');
    expect(code(units.resolve('northern cyprus'))).toBe('XC');
    expect(code(units.resolve('Quebec'))).toBe('CA-QC');
    expect(code(units.resolve('qc'))).toBe('CA-QC');
    expect(units.name('CA-QC')).toBe('Québec');
    expect(units.name('AT')).toBe('Austria');
  });

  it('win over built-in names', () => {
    expect(code(units.resolve('Georgia'))).toBe('US-GA');
    expect(code(new UnitResolver().resolve('Georgia'))).toBe('GE');
    expect(code(units.resolve('GE'))).toBe('GE');
  });

  it('are suggested for near misses', () => {
    expect(units.resolve('Northern Cypress')).toMatchObject({ problem: 'unknown', hint: 'Did you mean "Northern Cyprus"?' });
  });
});
