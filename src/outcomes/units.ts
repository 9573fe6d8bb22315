/**
 * What each outcome unit allows, and exact decimal helpers.
 *
 * @module
 */
import { displayString, readDecimalText, type Exact } from '../exact/index.js';
import type { OutcomeUnit } from './types.js';

/**
 * The possible range of values in a unit (null = unbounded).
 *
 * @example
 * ```ts
 * import { UNIT_BOUNDS } from 'policy-index';
 * UNIT_BOUNDS.percent; // { min: 0, max: 100, label: 'a percentage (0–100)' }
 * ```
 */
export const UNIT_BOUNDS: Readonly<Record<OutcomeUnit, { min: number | null; max: number | null; label: string }>> = {
  percent: { min: 0, max: 100, label: 'a percentage (0–100)' },
  ratio: { min: 0, max: null, label: 'a ratio (0 or more)' },
  'per-100k': { min: 0, max: 100_000, label: 'a rate per 100,000 (0–100,000)' },
  'per-1000': { min: 0, max: 1000, label: 'a rate per 1,000 (0–1,000)' },
  currency: { min: 0, max: null, label: 'an amount of money (0 or more)' },
  count: { min: 0, max: null, label: 'a count (0 or more)' },
  years: { min: 0, max: 150, label: 'a number of years (0–150)' },
  index: { min: null, max: null, label: 'an index value' },
};

/** Default decimal places by unit. */
export const DEFAULT_PRECISION: Readonly<Record<OutcomeUnit, number>> = {
  percent: 1,
  ratio: 3,
  'per-100k': 1,
  'per-1000': 2,
  currency: 0,
  count: 0,
  years: 1,
  index: 2,
};

/** Texts read as "no value" in outcome files (Eurostat writes `:` for not available). */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['', ':', 'NA', 'N/A', 'n/a', 'na', '..', 'NaN']);

/**
 * Reads a decimal number (dot as separator, optional exponent) by the one decimal grammar, within
 * its limits; undefined when it is not one. The text is kept: gaps are computed from it exactly.
 */
export function parseDecimalText(text: string): { value: number; text: string } | undefined {
  const t = text.trim();
  if (!readDecimalText(t).ok) return undefined;
  const value = Number(t);
  if (!Number.isFinite(value)) return undefined;
  return { value, text: t };
}

/** Rounds an exact value to `places` (half away from zero) and gives the fixed-point text; `-0.0` becomes `0.0`. */
export function fixed(value: Exact, places: number): string {
  const s = displayString(value, places, 'half-up');
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}
