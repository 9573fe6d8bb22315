import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { countriesInRegion, countryRecord, isPeer, findCountry, groupMembers, isEuMember, isOecdMember, loadAnswerSet, loadPeerGroup, normaliseCountryCode, resolvePeers } from '../src/index.js';
import { listCountryCodes } from '../src/units/countries.js';
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

  it('members are read by the one unit resolver: names, declared units, no short name as a NUTS code', () => {
    expect(resolvePeers('Austria, Czech Republic, Türkiye').value).toMatchObject({ members: ['AT', 'CZ', 'TR'], title: 'Austria, Czechia, Türkiye' });
    expect(resolvePeers('CHAD,PERU').value!.members).toEqual(['PE', 'TD']);
    expect(resolvePeers('DE1').diagnostics.map((d) => d.code)).toEqual(['PEERS_UNKNOWN']);
    expect(resolvePeers('Austira').diagnostics[0]!.hint).toBe('Did you mean "Austria"?');
    const units = [{ code: 'XC', name: 'Northern Cyprus', aliases: ['TRNC'] }];
    expect(resolvePeers('TRNC, CY', { units }).value).toMatchObject({ members: ['CY', 'XC'], title: 'Cyprus, Northern Cyprus' });
    const g = loadPeerGroup('schemaVersion: 1\nid: med\ntitle: Mediterranean\nmembers: [Malta, "Cyprus", TRNC, The Gambia]\n', 'med.yaml', units);
    expect(g.value!.members).toEqual(['CY', 'GM', 'MT', 'XC']);
    const bad = loadPeerGroup('schemaVersion: 1\nid: x\ntitle: X\nmembers: [DK, Swedn]\n', 'g.yaml');
    expect(bad.diagnostics.map((d) => [d.code, d.line, d.column, d.hint])).toEqual([['PEERS_UNKNOWN', 4, 15, 'Did you mean "Sweden"?']]);
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

/** The scorecard fixture answers (CA, DE, FR 2024; NO, SE 2023 and 2024) with an income group each. */
function answersWithMetadata(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pi-meta-'));
  cpSync('test/fixtures/scorecard/answers', dir, { recursive: true });
  const income: Record<string, string> = { 'CA-2024': 'high', 'DE-2024': 'high', 'FR-2024': 'upper-middle', 'NO-2023': 'upper-middle', 'NO-2024': 'high', 'SE-2023': 'high', 'SE-2024': 'upper-middle' };
  for (const f of readdirSync(dir)) {
    const text = readFileSync(join(dir, f), 'utf8');
    writeFileSync(join(dir, f), text.replace(/^answers:/m, `metadata:\n  income: ${income[f.replace('.yaml', '')]}\n  region: demo\nanswers:`));
  }
  return dir;
}

describe('--peers meta:<key>=<value> on the CLI', () => {
  const run = async (argv: string[]) => {
    const io = captureIO();
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };

  it('selects the units whose answer set of the year shown carries the value, in scorecard, compare and report', async () => {
    const dir = answersWithMetadata();
    try {
      const card = await run(['scorecard', dir, '--rubric', 'examples/demo/rubric', '--country', 'FR', '--year', '2024', '--peers', 'meta:income=high', '--format', 'json']);
      expect(card.err).toBe('');
      expect(card.code).toBe(0);
      const json = JSON.parse(card.out);
      expect(json.peers).toMatchObject({ group: 'custom', label: 'income: high (3)', members: ['CA', 'DE', 'NO'], year: 2024 });
      // 2023: SE is high-income, NO is not.
      const y2023 = await run(['compare', dir, '--rubric', 'examples/demo/rubric', '--year', '2023', '--peers', 'meta:income=HIGH', '--format', 'json']);
      expect(y2023.code).toBe(0);
      expect(JSON.parse(y2023.out).peers.members).toEqual(['SE']);
      const y2024 = await run(['compare', dir, '--rubric', 'examples/demo/rubric', '--year', '2024', '--peers', 'meta:income=upper-middle', '--format', 'json']);
      expect(JSON.parse(y2024.out).peers.members).toEqual(['FR', 'SE']);
      const site = mkdtempSync(join(tmpdir(), 'pi-meta-site-'));
      try {
        const report = await run(['report', dir, '--rubric', 'examples/demo/rubric', '--out', site, '--peers', 'meta:income=high', '--format', 'json', '--quiet', '--generated-at', '2024-01-01']);
        expect(report.code, report.err).toBe(0);
        const fr = JSON.parse(readFileSync(join(site, 'FR.json'), 'utf8'));
        expect(fr.peers.members).toEqual(['CA', 'DE', 'NO']);
      } finally {
        rmSync(site, { recursive: true, force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown key or a value no unit has is a usage error (exit 2) with a suggestion, never an empty group', async () => {
    const dir = answersWithMetadata();
    try {
      for (const cmd of ['scorecard', 'compare']) {
        const base = [cmd, dir, '--rubric', 'examples/demo/rubric', ...(cmd === 'scorecard' ? ['--country', 'FR'] : [])];
        const key = await run([...base, '--peers', 'meta:incme=high']);
        expect(key.code).toBe(2);
        expect(key.err).toContain('No answer set has the metadata key "incme".');
        expect(key.err).toContain('Did you mean "meta:income=high"?');
        const value = await run([...base, '--peers', 'meta:income=hihg']);
        expect(value.code).toBe(2);
        expect(value.err).toContain('Did you mean "meta:income=high"?');
        const far = await run([...base, '--peers', 'meta:income=zzzzzzzzzz']);
        expect(far.code).toBe(2);
        expect(far.err).toContain('Values present: high, upper-middle.');
        const bare = await run([...base, '--peers', 'meta:income']);
        expect(bare.code).toBe(2);
        expect(bare.err).toContain('meta:<key>=<value>');
        expect(bare.out).toBe('');
      }
      // A value that exists, but not in the year shown.
      writeFileSync(join(dir, 'SE-2023.yaml'), readFileSync(join(dir, 'SE-2023.yaml'), 'utf8').replace('income: high', 'income: low'));
      const r = await run(['compare', dir, '--rubric', 'examples/demo/rubric', '--year', '2024', '--peers', 'meta:income=low']);
      expect(r.code).toBe(2);
      expect(r.err).toContain('no answer set for 2024 is in the group "income: low"');
      expect(r.err).toContain('The group has members in 2023.');
      const report = await run(['report', dir, '--rubric', 'examples/demo/rubric', '--out', join(dir, 'site'), '--peers', 'meta:region=north']);
      expect(report.code).toBe(2);
      expect(report.err).toContain('Values present: demo.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answer sets without metadata say so', async () => {
    const r = await run(['compare', 'examples/demo/answers', '--rubric', 'examples/demo/rubric', '--peers', 'meta:income=high']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('The answer sets carry no metadata.');
  });
});

describe('--peers eu and oecd follow the year shown', () => {
  // The MIPEX answers of countries that joined late, and of some that were members throughout.
  const mipex = ['AT', 'BG', 'CA', 'CL', 'CZ', 'EE', 'GB', 'HR', 'LT', 'LV', 'PL', 'SI', 'SK'].map((c) => `examples/mipex/${c}`);
  const compare = async (year: number, peers: string) => {
    const io = captureIO();
    const code = await main(['compare', ...mipex, '--rubric', 'mipex-2020', '--year', String(year), '--peers', peers, '--format', 'json'], io);
    expect(code, io.err()).toBe(0);
    return JSON.parse(io.out()).peers as { group: string; label: string; members: string[] };
  };

  it('OECD: Estonia and Slovenia from 2010, Latvia from 2016, Lithuania from 2018', async () => {
    const y2009 = await compare(2009, 'oecd');
    expect(y2009.group).toBe('oecd');
    // The MIPEX answers of 2009 include EE, SI, LV and LT, none of them a member yet.
    for (const c of ['EE', 'SI', 'LV', 'LT']) expect(y2009.members, c).not.toContain(c);
    for (const c of ['AT', 'CA', 'CZ', 'PL', 'SK']) expect(y2009.members, c).toContain(c);
    const y2010 = await compare(2010, 'OECD');
    for (const c of ['EE', 'SI']) expect(y2010.members, c).toContain(c);
    expect(y2010.members).not.toContain('LV');
    const y2017 = await compare(2017, 'oecd');
    expect(y2017.members).toContain('LV');
    expect(y2017.members).toContain('CL');
    expect(y2017.members).not.toContain('LT');
    expect(y2017.label).toBe(`OECD members (${y2017.members.length})`);
    const y2018 = await compare(2018, 'oecd');
    expect(y2018.members).toContain('LT');
    // Never a non-member, in any year.
    for (const m of y2018.members) expect(isOecdMember(m, 2018), m).toBe(true);
    expect(y2018.members).not.toContain('BG');
  });

  it('EU: Croatia from 2013, the United Kingdom up to 2019', async () => {
    const y2012 = await compare(2012, 'eu');
    expect(y2012.members).not.toContain('HR');
    expect(y2012.members).toContain('GB');
    const y2013 = await compare(2013, 'eu');
    expect(y2013.members).toContain('HR');
    const y2019 = await compare(2019, 'eu');
    expect(y2019.members).toContain('GB');
    expect(isPeer('GB', 2020, 'eu')).toBe(false);
    expect(isPeer('HR', 2012, 'eu')).toBe(false);
    expect(isPeer('LT', 2017, 'oecd')).toBe(false);
    expect(isPeer('LT', 2018, 'oecd')).toBe(true);
    expect(isPeer('CR', 2020, 'oecd')).toBe(false);
    expect(isPeer('CR', 2021, 'oecd')).toBe(true);
  });

  it('a scorecard of an earlier year compares with the members of that year', async () => {
    const io = captureIO();
    expect(await main(['scorecard', ...mipex, '--rubric', 'mipex-2020', '--country', 'LT', '--year', '2017', '--peers', 'oecd', '--format', 'json'], io)).toBe(0);
    const card = JSON.parse(io.out());
    expect(card.peers.group).toBe('oecd');
    expect(card.peers.members).not.toContain('LT');
    expect(card.peers.members).toContain('LV');
  });

  it('a group none of whose members has an answer set is a usage error', async () => {
    const io = captureIO();
    expect(await main(['compare', 'examples/demo/answers', '--rubric', 'examples/demo/rubric', '--peers', 'region:002'], io)).toBe(2);
    expect(io.err()).toContain('no answer set is in the group "Africa"');
  });
});
