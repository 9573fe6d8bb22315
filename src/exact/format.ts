/**
 * Writing exact values out: the exact string (60 significant digits, half-even), the nearest
 * double, and the display string at a declared precision and rounding. The one place where
 * exact values are rounded; formatted texts are cached, as the same values recur.
 *
 * @module
 */
import { Decimal } from 'decimal.js';
import { D, isRatio, ratio, SharedRatio, toDec, type Exact, type Ratio } from './fraction.js';
import { decimalTextValue } from './decimal-text.js';

/** How a value is rounded for display: `half-up` rounds 2.5 to 3; `half-even` to 2. */
export type Rounding = 'half-up' | 'half-even' | 'half-down' | 'up' | 'down';

/** Significant digits of exact score strings. */
export const EXACT_DIGITS = 60;

/** decimal.js rounding modes for the rubric's display rounding names. */
export const DECIMAL_ROUNDING: Readonly<Record<Rounding, Decimal.Rounding>> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-down': Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
};

interface Formatted {
  exact: string;
  number: number;
  /** The first display rounding asked for, and the texts for it. */
  key0: string | undefined;
  view0: ScoreTexts | undefined;
  /** The texts for other display roundings. */
  display: Map<string, ScoreTexts>;
}
const smallCache = new Map<number, Map<number, Formatted>>();
const bigCache = new Map<string, Formatted>();
let cached = 0;
const LIMIT = 2n ** 53n;

function format(x: Exact): Formatted {
  const dec = toDec(x);
  return { exact: dec.toSignificantDigits(EXACT_DIGITS, Decimal.ROUND_HALF_EVEN).toFixed(), number: dec.toNumber(), key0: undefined, view0: undefined, display: new Map() };
}

const FORMATTED = Symbol('formatted');
type Memo = { [FORMATTED]?: Formatted };

/** Formatting is the costly part of writing scores out, and the same values recur: cache it. */
function formatted(x: Exact): Formatted {
  if (x instanceof SharedRatio) return SharedRatio.formatted(x, formattedUncached);
  let f: Formatted | undefined = (x as Memo)[FORMATTED];
  if (f) return f;
  f = formattedUncached(x);
  if (isRatio(x)) (x as Memo)[FORMATTED] = f;
  return f;
}

function formattedUncached(x: Exact): Formatted {
  let f: Formatted | undefined;
  if (cached > 100_000) {
    smallCache.clear();
    bigCache.clear();
    cached = 0;
  }
  if (isRatio(x) && x.d < LIMIT && x.n < LIMIT && x.n > -LIMIT) {
    const n = Number(x.n);
    const d = Number(x.d);
    let row = smallCache.get(d);
    if (!row) smallCache.set(d, (row = new Map()));
    f = row.get(n);
    if (!f) {
      row.set(n, (f = format(x)));
      cached++;
    }
  } else {
    const key = isRatio(x) ? `${x.n}/${x.d}` : `d${x.toString()}`;
    f = bigCache.get(key);
    if (!f) {
      bigCache.set(key, (f = format(x)));
      cached++;
    }
  }
  return f;
}

/** The exact string of a score: terminating fractions in full, others to 60 significant digits. */
export function exactString(x: Exact): string {
  return formatted(x).exact;
}

/** The score as a JavaScript number (nearest double). */
export function toNumber(x: Exact): number {
  return formatted(x).number;
}

/** The score rounded for display. */
export function displayString(x: Exact, precision: number, rounding: Rounding, key = displayKey(precision, rounding)): string {
  return formatScore(x, precision, rounding, key).display;
}

const displayKeys = new Map<Rounding, string[]>();

/**
 * The key of a display rounding in the format cache, as one shared text per rounding: a text
 * built anew for every answer set would be compared with the cached one character by character.
 */
export function displayKey(precision: number, rounding: Rounding): string {
  if (!(Number.isInteger(precision) && precision >= 0 && precision <= 100)) return `${precision}${rounding}`;
  let row = displayKeys.get(rounding);
  if (row === undefined) displayKeys.set(rounding, (row = []));
  return (row[precision] ??= `${precision}${rounding}`);
}

/** The exact string, display string and number of a score for one display rounding. */
export interface ScoreTexts {
  readonly exact: string;
  readonly display: string;
  readonly number: number;
}

/**
 * Exact string, display string and number of a score in one look-up (the hot path of scoring).
 * The object returned is shared by every call with the same value and rounding: read it, don't
 * change it.
 */
export function formatScore(x: Exact, precision: number, rounding: Rounding, key = displayKey(precision, rounding)): ScoreTexts {
  const f = formatted(x);
  // Nearly every caller uses one rounding: that one is a field, others are in the map.
  if (f.key0 === key) return f.view0!;
  let view = f.display.get(key);
  if (view === undefined) {
    view = { exact: f.exact, display: toDec(x).toFixed(precision, DECIMAL_ROUNDING[rounding]), number: f.number };
    if (f.key0 === undefined) {
      f.key0 = key;
      f.view0 = view;
    } else f.display.set(key, view);
  }
  return view;
}

/** An exact value to `digits` significant digits (half-even), as a plain decimal: for messages. */
export function significantString(x: Exact, digits: number): string {
  return toDec(x).toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN).toFixed();
}

/**
 * An exact value written without any rounding: a fraction whose decimal terminates in full
 * (`-2.5`), any other fraction as `n/d` (`-10/3`); a decimal (an irrational result) as its
 * {@link exactString}. For figures that must add up exactly, such as the steps of an attribution.
 */
export function ratioString(x: Exact): string {
  if (!isRatio(x)) return exactString(x);
  const r: Ratio = x;
  let d = r.d;
  let k = 0;
  while (d % 2n === 0n) (d /= 2n), k++;
  let m = 0;
  while (d % 5n === 0n) (d /= 5n), m++;
  if (d !== 1n) return `${r.n}/${r.d}`;
  const places = Math.max(k, m);
  const scaled = (r.n * 10n ** BigInt(places)) / r.d;
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(places + 1, '0');
  const int = digits.slice(0, digits.length - places);
  const frac = places ? digits.slice(digits.length - places).replace(/0+$/, '') : '';
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

const RATIO_TEXT = /^(-?\d{1,400})\/(\d{1,400})$/;

/**
 * The exact value of a text written by {@link ratioString}: a fraction `n/d` (`-10/3`) or a
 * decimal text of the grammar (`-2.5`); anything else, and a zero denominator, is the decimal
 * `NaN` (never a thrown error), like {@link decimalTextValue}: `-10/3` is −10/3, `2.5` is 5/2.
 */
export function ratioTextValue(text: string): Exact {
  const m = RATIO_TEXT.exec(text.trim());
  if (!m) return decimalTextValue(text);
  const d = BigInt(m[2]!);
  return d === 0n ? new D(NaN) : ratio(BigInt(m[1]!), d);
}
