/**
 * The one decimal-text grammar: how a number written as text (in a rubric, an answer, a table, a
 * published score, a tolerance) becomes an exact fraction. Never through a double, and within
 * limits on the digits and the exponent, so that a short text such as `1e99999999` cannot cost
 * seconds or gigabytes.
 *
 * Grammar: an optional sign, digits with an optional fraction (`12`, `12.`, `12.5`, `.5`), an
 * optional exponent (`e-7`, `E+3`). {@link PLAIN_DECIMAL_TEXT} is the strict form this package
 * writes (`-12.5`: no `+`, no exponent, digits on both sides of the point).
 *
 * @module
 */
import { D, sharedRatio, type Exact, type Ratio } from './fraction.js';

/** Any decimal text of the grammar (syntax only; the limits are checked by {@link readDecimalText}). */
export const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The strict decimal text this package writes: `75`, `-0.1`, `62.49999`. */
export const PLAIN_DECIMAL_TEXT = /^-?\d+(?:\.\d+)?$/;

/** Limits of a decimal text read by {@link readDecimalText}. */
export interface DecimalTextLimits {
  /** Most digits before the exponent (leading and trailing zeros included). */
  readonly maxDigits: number;
  /** Largest magnitude of the written exponent. */
  readonly maxExponent: number;
}

/**
 * The default limits: 400 digits and exponents up to ±400. Every score, weight and published
 * figure is far inside them (exact score strings have at most 60 significant digits), and the
 * largest fraction they allow has about 800 digits — cheap to compute with.
 */
export const DECIMAL_TEXT_LIMITS: Readonly<DecimalTextLimits> = Object.freeze({ maxDigits: 400, maxExponent: 400 });

/** What {@link readDecimalText} makes of a text. */
export type DecimalTextReading =
  | {
      readonly ok: true;
      /** The exact value. */
      readonly value: Ratio;
      /** The decimal places of the last digit written: `52.78` → 2, `53` → 0, `5e1` → −1. */
      readonly places: number;
    }
  | {
      readonly ok: false;
      /** `syntax`: not a decimal number; `digits` or `exponent`: beyond the limits. */
      readonly problem: 'syntax' | 'digits' | 'exponent';
      /** One sentence on what is wrong, naming the text (shortened when long). */
      readonly message: string;
      /** What a valid text looks like. */
      readonly expected: string;
    };

const PARTS = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?)(\d+))?$/;

/** A text as shown in a message: quoted, shortened past 40 characters. */
function shown(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 37)}…` : text}"`;
}

/**
 * Reads a decimal text (surrounding white space ignored) as an exact fraction, within `limits`
 * (default {@link DECIMAL_TEXT_LIMITS}). Never throws; the work done is linear in the length of
 * the text and bounded by the limits.
 *
 * @example
 * ```ts
 * import { readDecimalText } from './decimal-text.js';
 * const a = readDecimalText('52.78'); // the fraction 1319/25, written to 2 places
 * a.ok && a.places; // 2
 * const b = readDecimalText('1e99999999');
 * !b.ok && b.problem; // 'exponent'
 * ```
 */
export function readDecimalText(text: string, limits: DecimalTextLimits = DECIMAL_TEXT_LIMITS): DecimalTextReading {
  const t = text.trim();
  const expected = `a decimal number such as 52.78 (at most ${limits.maxDigits} digits, exponent within ±${limits.maxExponent})`;
  const m = PARTS.exec(t);
  if (!m) return { ok: false, problem: 'syntax', message: `${shown(t)} is not a number.`, expected };
  const int = m[2] ?? '';
  const frac = m[3] ?? m[4] ?? '';
  if (int.length + frac.length > limits.maxDigits) {
    return { ok: false, problem: 'digits', message: `${shown(t)} has ${int.length + frac.length} digits, more than the ${limits.maxDigits} allowed.`, expected };
  }
  const expDigits = (m[6] ?? '0').replace(/^0+(?=\d)/, '');
  const exp = expDigits.length > 15 ? Infinity : Number(expDigits) * (m[5] === '-' ? -1 : 1);
  if (!(Math.abs(exp) <= limits.maxExponent)) {
    return { ok: false, problem: 'exponent', message: `The exponent of ${shown(t)} lies beyond ±${limits.maxExponent}.`, expected };
  }
  const places = frac.length - exp;
  const digits = BigInt((int + frac) || '0') * (m[1] === '-' ? -1n : 1n);
  const value = places > 0 ? sharedRatio(digits, 10n ** BigInt(places)) : sharedRatio(digits * 10n ** BigInt(-places));
  return { ok: true, value, places };
}

/**
 * The exact value of a strict decimal text ({@link PLAIN_DECIMAL_TEXT}: `75`, `-0.1`,
 * `9007199254740993`), such as a score string or a rubric number as written; `undefined` for
 * anything else, and for texts beyond the default limits.
 */
export function fromDecimalText(text: string): Ratio | undefined {
  const t = text.trim();
  if (!PLAIN_DECIMAL_TEXT.test(t)) return undefined;
  const r = readDecimalText(t);
  return r.ok ? r.value : undefined;
}

/**
 * The shortest decimal text of a finite number that reads back to it, without an exponent
 * (`1e-7` → `0.0000001`, `0.1` → `0.1`): what a spreadsheet shows at full precision. `NaN` and
 * the infinities are written as `String(x)` gives them, which the grammar then refuses.
 */
export function decimalTextOfNumber(x: number): string {
  return Number.isFinite(x) ? new D(x).toFixed() : String(x);
}

const numberCache = new Map<number, Ratio>();

/**
 * The exact value of a finite JavaScript number as its shortest round-tripping decimal (what an
 * author who wrote `0.67` meant, not the double nearest to it).
 */
export function fromNumber(x: number): Ratio {
  const hit = numberCache.get(x);
  if (hit) return hit;
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  let r: Ratio;
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) r = sharedRatio(BigInt(x));
  else {
    // The shortest decimal that round-trips, as a fraction: what the author wrote.
    const s = decimalTextOfNumber(x);
    const [int, frac = ''] = s.replace('-', '').split('.');
    const sign = s.startsWith('-') ? -1n : 1n;
    r = sharedRatio(sign * BigInt(int! + frac), 10n ** BigInt(frac.length));
  }
  if (numberCache.size > 10_000) numberCache.clear();
  numberCache.set(x, r);
  return r;
}

/**
 * The exact value of any decimal text of the grammar (`-12.5`, `62.4999…`, `5e-3`), within the
 * default limits; a text outside the grammar or its limits is the decimal `NaN` (shown as `NaN`,
 * never a number), so a bad score string given to a derived figure cannot cost unbounded work.
 */
export function decimalTextValue(text: string): Exact {
  const r = readDecimalText(text);
  return r.ok ? r.value : new D(NaN);
}
