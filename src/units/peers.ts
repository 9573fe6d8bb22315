/**
 * Peer groups: which countries a country is compared with. A peer specification names a group
 * the country table knows (`eu`, `oecd`, `region:<m49>`), a group file, a list of codes, or a
 * metadata selector over answer sets (`meta:income=high`). An unknown code or group is a
 * diagnostic with a suggestion, never an empty group.
 *
 * Browser-safe: group files are passed in as text; the CLI reads them.
 *
 * @module
 */
import { z } from 'zod';
import type { Diagnostic, Result } from '../diagnostics/index.js';
import { countriesInRegion, groupMembers, m49Regions } from './countries.js';
import { UnitResolver, type DeclaredUnit } from './resolve.js';
import { suggest } from '../source/suggest.js';
import { parseYamlSource } from '../source/yaml-source.js';
import { zodIssuesToDiagnostics } from '../source/zod-diagnostics.js';

/** A resolved peer group. */
export interface ResolvedPeers {
  /** `eu`, `oecd`, `region:150`, the group file's id, `meta:key=value`, or `custom` for a code list. */
  id: string;
  title: string;
  /** Member codes (ISO alpha-2, or sub-national codes from answer sets), sorted. */
  members: string[];
  /**
   * For `meta:key=value` over candidates with years: the members of each year (a unit counts
   * in a year when its answer set of that year carries the value), sorted.
   */
  byYear?: Record<string, string[]>;
}

/** A unit with free metadata, as answer sets carry it. */
export interface PeerCandidate {
  country: string;
  year?: number;
  metadata?: Readonly<Record<string, string | number | boolean>>;
}

/** Options for {@link resolvePeers}. */
export interface ResolvePeersOptions {
  /** Year (or date `YYYY-MM-DD`) for memberships that change over time (EU, OECD). Default: today. */
  when?: number | string;
  /** Groups loaded from group files, by the name the user writes (file path or id). */
  groups?: Readonly<Record<string, ResolvedPeers>>;
  /** Units with metadata, for `meta:key=value` (usually the loaded answer sets). */
  candidates?: readonly PeerCandidate[];
  /** Units the country table does not know (a units file), for code lists. */
  units?: readonly DeclaredUnit[];
}

const groupFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'an id of letters, digits, ".", "_" or "-"').meta({ description: 'Stable id of the group (letters, digits, `.`, `_`, `-`).' }),
  title: z.string().min(1).meta({ description: 'Name shown in reports, e.g. "Nordic countries"; averages are labelled "<title> (<count>)".' }),
  description: z.string().optional().meta({ description: 'Free text: what the group is and where its membership comes from.' }),
  members: z
    .array(z.union([z.string(), z.strictObject({ id: z.string(), title: z.string().optional() })]))
    .min(1)
    .meta({ description: 'Countries as any code or English name the country table knows (ISO alpha-2, alpha-3, numeric, agency codes, names), declared units, ISO 3166-2 codes, or `{ id, title }`.' }),
});

/** The JSON-Schema model of a peer-group file. */
export function peerGroupSchemaModel() {
  return groupFileSchema.meta({ title: 'PeerGroupFile', description: 'A named group of countries to compare with (`--peers <file>`).' });
}

/**
 * Reads a peer-group file (YAML): `schemaVersion: 1`, an `id`, a `title` and `members`, each a
 * country code or name in any accepted form, a declared unit (`units`), or `{ id, title }`.
 * Unknown members are errors with the member's position and a did-you-mean.
 *
 * @example
 * ```ts
 * import { loadPeerGroup } from 'policy-index';
 * const { value } = loadPeerGroup('schemaVersion: 1\nid: nordic\ntitle: Nordic countries\nmembers: [DK, SWE, "246", NO, IS]\n');
 * value?.members; // ['DK', 'FI', 'IS', 'NO', 'SE']
 * ```
 */
export function loadPeerGroup(text: string, file = 'group.yaml', units: readonly DeclaredUnit[] = []): Result<ResolvedPeers> {
  const parsed = parseYamlSource(text, file);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (parsed.value === undefined) return { diagnostics };
  const r = groupFileSchema.safeParse(parsed.value);
  if (!r.success) {
    for (const item of zodIssuesToDiagnostics(r.error.issues, parsed.value, [], parsed.locator, (p) => (p.length === 0 ? Object.keys(groupFileSchema.shape) : []))) diagnostics.push(item);
    return { diagnostics };
  }
  const members = new Set<string>();
  const resolver = new UnitResolver(units);
  r.data.members.forEach((m, i) => {
    const raw = typeof m === 'string' ? m : m.id;
    const n = resolver.resolve(raw);
    if ('unit' in n) members.add(n.unit.code);
    else {
      const pos = parsed.locator.locate(['members', i]);
      const hint = n.hint;
      diagnostics.push({
        code: 'PEERS_UNKNOWN',
        severity: 'error',
        message: `"${raw}" in the group "${r.data.id}" is not a country code or name the country table knows, nor a declared unit.`,
        file,
        ...(pos ? { line: pos.line, column: pos.column } : {}),
        path: ['members', i],
        ...(hint ? { hint } : {}),
      });
    }
  });
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { value: { id: r.data.id, title: r.data.title, members: [...members].sort() }, diagnostics };
}

const unknown = (message: string, hint?: string): Result<ResolvedPeers> => ({
  diagnostics: [{ code: 'PEERS_UNKNOWN', severity: 'error', message, ...(hint ? { hint } : {}) }],
});

/**
 * Resolves a peer specification: `eu`, `oecd`, `region:<m49 code>`, a group loaded from a file
 * (by the name given in `options.groups`), `meta:key=value` over `options.candidates`, or a
 * comma-separated list of country codes or names in any accepted form (and units declared in
 * `options.units`). Anything unknown is a
 * `PEERS_UNKNOWN` diagnostic with a suggestion; a group never comes back empty.
 *
 * @example
 * ```ts
 * import { resolvePeers } from 'policy-index';
 * resolvePeers('eu', { when: 2015 }).value?.members.length; // 28
 * resolvePeers('region:154').value?.title;                  // 'Northern Europe'
 * resolvePeers('AUT,DEU,CHE').value?.members;               // ['AT', 'CH', 'DE']
 * resolvePeers('Austria,Czech Republic').value?.members;    // ['AT', 'CZ']
 * resolvePeers('oecdd').diagnostics[0]?.hint;               // 'Did you mean "oecd"?'
 * ```
 */
export function resolvePeers(spec: string, options: ResolvePeersOptions = {}): Result<ResolvedPeers> {
  const s = spec.trim();
  const lower = s.toLowerCase();
  const groups = options.groups ?? {};
  if (Object.prototype.hasOwnProperty.call(groups, s)) {
    const g = groups[s]!;
    return g.members.length ? { value: { ...g, members: [...g.members].sort() }, diagnostics: [] } : unknown(`The group "${s}" has no members.`);
  }
  if (lower === 'eu' || lower === 'oecd') {
    const members = groupMembers(lower, options.when);
    const title = lower === 'eu' ? 'European Union' : 'OECD';
    if (!members.length) return unknown(`The ${title} had no members at ${String(options.when)}.`);
    return { value: { id: lower, title: options.when !== undefined ? `${title} (${options.when})` : title, members }, diagnostics: [] };
  }
  if (lower.startsWith('region:')) {
    const want = s.slice('region:'.length).trim();
    const regions = m49Regions();
    const byName = regions.find((r) => r.name.toLowerCase() === want.toLowerCase());
    const code = byName?.code ?? (/^\d{1,3}$/.test(want) ? want.padStart(3, '0') : want);
    const members = countriesInRegion(code);
    if (!members || !members.length) {
      const near = suggest(want, regions.flatMap((r) => [r.code, r.name]));
      return unknown(`"${want}" is not a UN M49 region code or name.`, near ? `Did you mean "region:${near}"?` : 'Use a code such as region:150 (Europe) or region:154 (Northern Europe).');
    }
    return { value: { id: `region:${code}`, title: regions.find((r) => r.code === code)!.name, members }, diagnostics: [] };
  }
  if (lower.startsWith('meta:')) {
    const m = /^meta:([^=]+)=(.*)$/i.exec(s);
    if (!m) return unknown(`"${s}" is not a metadata selector; write meta:<key>=<value>, e.g. meta:income=high.`);
    const key = m[1]!.trim();
    const value = m[2]!.trim();
    const candidates = options.candidates ?? [];
    const keys = new Set(candidates.flatMap((c) => Object.keys(c.metadata ?? {})));
    if (!keys.has(key)) {
      const near = suggest(key, keys);
      return unknown(`No answer set has the metadata key "${key}".`, near ? `Did you mean "meta:${near}=${value}"?` : keys.size ? `Keys present: ${[...keys].sort().join(', ')}.` : 'The answer sets carry no metadata.');
    }
    const matching = candidates.filter((c) => c.metadata?.[key] !== undefined && String(c.metadata[key]).toLowerCase() === value.toLowerCase());
    const members = [...new Set(matching.map((c) => c.country))].sort();
    if (!members.length) {
      const values = [...new Set(candidates.map((c) => c.metadata?.[key]).filter((v) => v !== undefined).map(String))];
      const near = suggest(value, values);
      return unknown(`No answer set has ${key}=${value}.`, near ? `Did you mean "meta:${key}=${near}"?` : `Values present: ${values.sort().slice(0, 20).join(', ')}${values.length > 20 ? ' …' : ''}.`);
    }
    const byYear: Record<string, string[]> = {};
    for (const c of matching) if (c.year !== undefined) (byYear[String(c.year)] ??= []).push(c.country);
    for (const y of Object.keys(byYear)) byYear[y] = [...new Set(byYear[y])].sort();
    const shown = String(matching[0]!.metadata![key]);
    return { value: { id: `meta:${key}=${shown}`, title: `${key}: ${shown}`, members, ...(matching.every((c) => c.year !== undefined) ? { byYear } : {}) }, diagnostics: [] };
  }
  const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
  if (!parts.length) return unknown('The peer group is empty; name a group (eu, oecd, region:<m49>, a group file) or list country codes.');
  const members = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const resolver = new UnitResolver(options.units ?? []);
  for (const p of parts) {
    const n = resolver.resolve(p);
    if ('unit' in n) {
      members.add(n.unit.code);
      continue;
    }
    const group = parts.length === 1 ? suggest(p, ['eu', 'oecd', ...Object.keys(groups)]) : undefined;
    const hint = group !== undefined ? `Did you mean "${group}"?` : n.problem === 'unknown' && n.hint?.startsWith('Did you mean') ? n.hint : 'Use eu, oecd, region:<m49>, meta:<key>=<value>, a group file, or country codes or names.';
    const what = n.problem === 'aggregate' ? `"${p}" is an aggregate, not a country` : `"${p}" is neither a country code or name, a declared unit nor a known group`;
    diagnostics.push({ code: 'PEERS_UNKNOWN', severity: 'error', message: `${what}.`, hint });
  }
  if (diagnostics.length) return { diagnostics };
  const list = [...members].sort();
  return { value: { id: 'custom', title: list.map((c) => resolver.name(c) ?? c).join(', '), members: list }, diagnostics: [] };
}
