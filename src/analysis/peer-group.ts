/**
 * Peer groups of comparisons: every unit, EU or OECD members of the year shown, a list of
 * codes, or a named group whose members may change by year.
 *
 * @module
 */
import { isEuMember, isOecdMember } from '../units/countries.js';

/**
 * A named peer group (a group file, a UN M49 region, answer-set metadata): its members, or its
 * members year by year when membership changes over time (`meta:income=high` takes the units
 * whose answer set of that year carries the value).
 */
export interface NamedPeerGroup {
  id: string;
  title: string;
  /** Members (codes) in every year; with `byYear`, the units that are members in some year. */
  members: readonly string[];
  /** Members by year; when given, a year it does not list has no members. */
  byYear?: Readonly<Record<string, readonly string[]>>;
}

/**
 * A peer group: every unit, the EU member states or OECD members of the year being shown,
 * a list of codes, or a named group.
 */
export type PeerGroup = 'all' | 'eu' | 'oecd' | readonly string[] | NamedPeerGroup;

/**
 * Whether a unit belongs to a peer group in a year. EU and OECD membership follow the year
 * (a country counts from its accession year on, and up to the year before it left).
 *
 * @example
 * ```ts
 * import { isPeer } from 'policy-index';
 * isPeer('CL', 2009, 'oecd'); // false — Chile joined in 2010
 * isPeer('CL', 2010, 'oecd'); // true
 * ```
 */
export function isPeer(code: string, year: number, peers: PeerGroup): boolean {
  if (peers === 'all') return true;
  if (peers === 'eu') return isEuMember(code, year);
  if (peers === 'oecd') return isOecdMember(code, year);
  const list: readonly string[] = isNamedPeerGroup(peers) ? (peers.byYear ? (peers.byYear[String(year)] ?? []) : peers.members) : peers;
  const upper = code.toUpperCase();
  return list.some((p) => p.toUpperCase() === upper);
}

/** Whether a peer group is a named group (not a keyword or a list of codes). */
export function isNamedPeerGroup(peers: PeerGroup): peers is NamedPeerGroup {
  return typeof peers === 'object' && !Array.isArray(peers);
}
