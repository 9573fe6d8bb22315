/**
 * The exact value behind a score string. Score results carry scores as strings (exact to 60
 * significant digits for non-terminating fractions) so that they stay plain data; the scorer
 * also keeps the exact rational on each scored node and variant, out of sight (a private
 * slot: JSON output and equality checks do not see it), so that derived
 * figures — peer averages, differences, changes — are computed from the rationals, not from
 * the rounded strings.
 *
 * @module
 */
import { decimalTextValue, type Exact } from '../exact/index.js';
import { Stamp } from '../source/private-slot.js';

/**
 * The exact values kept in private slots of a plain object: invisible to JSON, to `Object.keys`,
 * to spreading and to equality checks, and the object keeps its plain prototype. Score-tree
 * nodes have their own slot class, {@link NodeSlot}, stamped on every node as soon as it is
 * built, while it still has the one shape that all nodes start with: the engine then adds the
 * slot through a single cached transition. Stamping objects of many shapes through one class
 * makes every slot access a slow generic lookup — several times the cost of building the node.
 * Other objects (variant scores, totals, derived figures) use {@link ExactSlot}.
 */
class ExactSlot extends Stamp {
  #exact: Exact | undefined;
  private constructor(target: object) {
    super(target);
    this.#exact = undefined;
  }
  static keep(target: object, x: Exact): void {
    if (#exact in target) (target as ExactSlot).#exact = x;
    else (new ExactSlot(target) as ExactSlot).#exact = x;
  }
  static read(target: object): Exact | undefined {
    return #exact in target ? (target as ExactSlot).#exact : undefined;
  }
}

/** The slot of a score-tree node: its exact score. */
class NodeSlot extends Stamp {
  #exact: Exact | undefined;
  private constructor(target: object, x: Exact | undefined) {
    super(target);
    this.#exact = x;
  }
  static stamp(target: object, x: Exact | undefined): void {
    new NodeSlot(target, x);
  }
  static has(target: object): boolean {
    return #exact in target;
  }
  static keep(target: object, x: Exact): void {
    (target as NodeSlot).#exact = x;
  }
  static read(target: object): Exact | undefined {
    return #exact in target ? (target as NodeSlot).#exact : undefined;
  }
}

/**
 * Gives a score-tree node that was just built (and has no optional field yet) its slot, with
 * its exact score if it has one. Every node gets them, scored or not, so that all nodes keep
 * one shape.
 */
export function stampNode<T extends object>(node: T, x: Exact | null | undefined): T {
  NodeSlot.stamp(node, x ?? undefined);
  return node;
}

/** Keeps the exact value of a score on the object that shows it. */
export function attachExact<T extends object>(target: T, x: Exact | null | undefined): T {
  if (!x) return target;
  if (NodeSlot.has(target)) NodeSlot.keep(target, x);
  else ExactSlot.keep(target, x);
  return target;
}

/** The exact value kept on an object by {@link attachExact}, if any (no fallback to its string). */
export function keptExact(target: object): Exact | undefined {
  return NodeSlot.read(target) ?? ExactSlot.read(target);
}

/**
 * The exact value of a scored node or variant score: the scorer's rational when it is kept,
 * else the value of its score string; null when it has no score.
 */
export function exactScore(item: { score: string | null }): Exact | null {
  const kept = keptExact(item);
  if (kept) return kept;
  return item.score === null ? null : decimalTextValue(item.score);
}
