import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { countriesInRegion, countryRecord, findCountry, groupMembers, isEuMember, isOecdMember, loadAnswerSet, loadPeerGroup, normaliseCountryCode, resolvePeers } from '../src/index.js';
import { listCountryCodes } from '../src/source/countries.js';
import { captureIO } from './engine-helpers.js';

describe('the country table', () => {
  it('knows alpha-2, alpha-3, numeric and agency codes of one country', () => {
    for (const code of ['AT', 'AUT', '040', '40', 'aut']) expect(countryRecord(code)?.alpha2, code).toBe('AT');
    expect(countryRecord('GR')).toMatchObject({ alpha3: 'GRC', numeric: '300', agencyCodes: [{ code: 'EL', agency: 'Eurostat' }] });
    const worldBank: [string, string][] = [['KSV', 'XK'], ['ROM', 'RO'], ['TMP', 'TL'], ['WBG', 'PS'], ['ZAR', 'CD']];
    for (const [wb, iso] of worldBank) expect(normaliseCountryCode(wb), wb).toMatchObject({ code: iso, kind: 'country', alias: true });
    expect(countryRecord('ZAF')?.name).toBe('South Africa');
    expect(listCountryCodes().length).toBe(250);
  });

  it('every country has distinct codes, and all but Kosovo and Taiwan an M49 region', () => {
    const records = listCountryCodes().map((c) => countryRecord(c)!);
    expect(new Set(records.map((r) => r.alpha3)).size).toBe(records.length);
    expect(records.filter((r) => r.regions.length === 0).map((r) => r.alpha2)).toEqual(['TW', 'XK']);
    expect(countryRecord('SE')!.regions).toEqual(['154', '150', '001']);
  });

  it('M49 regions contain their countries', () => {
    expect(countriesInRegion('154')).toEqual(expect.arrayContaining(['DK', 'FI', 'IS', 'NO', 'SE', 'GB', 'IE', 'EE', 'LV', 'LT']));
    expect(countriesInRegion('150')!.length).toBeGreaterThan(countriesInRegion('154')!.length);
    expect(countriesInRegion('999')).toBeUndefined();
  });

  it('EU and OECD membership change by date', () => {
    expect(groupMembers('eu').length).toBe(27);
    expect(groupMembers('eu', 2019).length).toBe(28);
    expect(groupMembers('eu', '2020-01-31')).toContain('GB');
    expect(groupMembers('eu', '2020-02-01')).not.toContain('GB');
    expect(isEuMember('HR', 2013)).toBe(true);
    expect(groupMembers('oecd').length).toBe(38);
    expect(isOecdMember('CO', 2019)).toBe(false);
    expect(isOecdMember('COL', 2020)).toBe(true);
    expect(isOecdMember('CR', '2021-05-24')).toBe(false);
  });

  it('finds countries by name only when the name is unique', () => {
    expect(findCountry('Austria')).toBe('AT');
    expect(findCountry('Atlantis')).toBeUndefined();
  });
});

describe('resolvePeers', () => {
  it('resolves named groups, regions and code lists', () => {
    expect(resolvePeers('eu', { when: 2015 }).value!.members.length).toBe(28);
    expect(resolvePeers('OECD').value!.members.length).toBe(38);
    expect(resolvePeers('region:154').value).toMatchObject({ id: 'region:154', title: 'Northern Europe' });
    expect(resolvePeers('region:Northern Europe').value!.id).toBe('region:154');
    expect(resolvePeers('AUT, DEU,756').value!.members).toEqual(['AT', 'CH', 'DE']);
  });

  it('never returns an empty group: unknown codes, groups and regions get a suggestion', () => {
    expect(resolvePeers('oecdd').diagnostics.map((d) => [d.code, d.hint])).toEqual([['PEERS_UNKNOWN', 'Did you mean "oecd"?']]);
    expect(resolvePeers('AT,QQQ').diagnostics.map((d) => d.code)).toEqual(['PEERS_UNKNOWN']);
    expect(resolvePeers('AT,QX').diagnostics[0]!.hint).toMatch(/^Did you mean "[A-Z]{2,3}"\?$/);
    expect(resolvePeers('region:1540').diagnostics[0]!.code).toBe('PEERS_UNKNOWN');
    expect(resolvePeers('').diagnostics[0]!.code).toBe('PEERS_UNKNOWN');
    expect(resolvePeers('EU27_2020').diagnostics[0]!.message).toMatch(/aggregate/);
  });

  it('selects by answer-set metadata', () => {
    const set = loadAnswerSet('schemaVersion: 1\nrubric: demo@1.0.0\ncountry: CA\nyear: 2019\nmetadata: { income: high, region: americas }\nanswers: {}\n').value!;
    expect(set.metadata).toEqual({ income: 'high', region: 'americas' });
    const candidates = [set, { country: 'MX', metadata: { income: 'upper-middle' } }];
    expect(resolvePeers('meta:income=high', { candidates }).value!.members).toEqual(['CA']);
    expect(resolvePeers('meta:incme=high', { candidates }).diagnostics[0]!.hint).toBe('Did you mean "meta:income=high"?');
    expect(resolvePeers('meta:income=hihg', { candidates }).diagnostics[0]!.hint).toBe('Did you mean "meta:income=high"?');
  });

  it('group files are schema-checked and their members normalised', () => {
    const g = loadPeerGroup('schemaVersion: 1\nid: nordic\ntitle: Nordic countries\nmembers: [DK, SWE, "246", { id: NO, title: Norway }, IS]\n');
    expect(g.value).toEqual({ id: 'nordic', title: 'Nordic countries', members: ['DK', 'FI', 'IS', 'NO', 'SE'] });
    const bad = loadPeerGroup('schemaVersion: 1\nid: x\ntitle: X\nmembers: [DK, Narnia]\n', 'g.yaml');
    expect(bad.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['PEERS_UNKNOWN', 4, 15]]);
  });

  it('--peers on the CLI: an unknown group is a usage error (exit 2); a group file works', async () => {
    const io = captureIO();
    expect(await main(['compare', 'examples/demo/answers', '--rubric', 'examples/demo/rubric', '--peers', 'oecdd'], io)).toBe(2);
    expect(io.err()).toContain('Did you mean "oecd"?');
    const dir = mkdtempSync(join(tmpdir(), 'pi-peers-'));
    try {
      writeFileSync(join(dir, 'north.yaml'), 'schemaVersion: 1\nid: north\ntitle: North\nmembers: [NOR, SWE]\n');
      const io2 = captureIO();
      expect(await main(['compare', 'examples/demo/answers', '--rubric', 'examples/demo/rubric', '--peers', join(dir, 'north.yaml'), '--format', 'json'], io2)).toBe(0);
      const out = JSON.parse(io2.out());
      expect(JSON.stringify(out.peers)).toContain('2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
