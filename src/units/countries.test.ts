import { describe, expect, it } from 'vitest';
import { countryName, euMembers, isEuMember, listCountryCodes, normaliseCountryCode } from './countries.js';

describe('normaliseCountryCode', () => {
  it('maps Eurostat and MIPEX aliases to ISO codes', () => {
    expect(normaliseCountryCode('EL')).toEqual({ code: 'GR', kind: 'country', original: 'EL', name: 'Greece', alias: true });
    expect(normaliseCountryCode('UK').code).toBe('GB');
    expect(normaliseCountryCode('TU').code).toBe('TR');
    expect(normaliseCountryCode(' de ')).toEqual({ code: 'DE', kind: 'country', original: ' de ', name: 'Germany' });
  });

  it('recognises aggregates', () => {
    for (const code of ['EU27_2020', 'EU28', 'EU27_2007', 'EA20', 'EA19', 'EA21', 'EA', 'EU', 'EFTA', 'EEA', 'EU27_2020_EFTA']) {
      expect(normaliseCountryCode(code).kind, code).toBe('aggregate');
    }
    expect(normaliseCountryCode('EU27_2020').name).toMatch(/27/);
  });

  it('recognises NUTS and ISO 3166-2 regions with their country', () => {
    expect(normaliseCountryCode('UKC-L')).toMatchObject({ kind: 'region', parent: 'GB' });
    expect(normaliseCountryCode('DE1')).toMatchObject({ kind: 'region', parent: 'DE' });
    expect(normaliseCountryCode('BE10')).toMatchObject({ kind: 'region', parent: 'BE' });
    expect(normaliseCountryCode('UKM')).toMatchObject({ kind: 'region', parent: 'GB' });
    expect(normaliseCountryCode('EL30')).toMatchObject({ kind: 'region', parent: 'GR' });
    expect(normaliseCountryCode('BE-VLG')).toMatchObject({ kind: 'region', parent: 'BE' });
  });

  it('calls anything else unknown', () => {
    for (const code of ['ZZ', 'XX', '', 'Austria', 'QQ1']) expect(normaliseCountryCode(code).kind, code).toBe('unknown');
  });

  it('has every ISO 3166-1 alpha-2 code with a name', () => {
    const codes = listCountryCodes();
    expect(codes.length).toBe(250); // 249 ISO codes + XK
    for (const code of codes) expect(countryName(code)).toBeTruthy();
    expect(countryName('XK')).toBe('Kosovo');
  });
});

describe('isEuMember', () => {
  it('knows the EU27 since 2020 and the EU28 before', () => {
    expect(euMembers()).toHaveLength(27);
    expect(euMembers(2019)).toHaveLength(28);
    expect(euMembers(2020)).toHaveLength(27);
    expect(euMembers(2012)).toHaveLength(27);
    expect(euMembers(2005)).toHaveLength(25);
    expect(euMembers(2000)).toHaveLength(15);
  });

  it('accepts aliases and refuses non-countries', () => {
    expect(isEuMember('EL')).toBe(true);
    expect(isEuMember('UK', 2019)).toBe(true);
    expect(isEuMember('UK')).toBe(false);
    expect(isEuMember('HR', 2013)).toBe(true);
    expect(isEuMember('HR', 2012)).toBe(false);
    expect(isEuMember('CH')).toBe(false);
    expect(isEuMember('EU27_2020')).toBe(false);
    expect(isEuMember('DE1')).toBe(false);
  });
});
