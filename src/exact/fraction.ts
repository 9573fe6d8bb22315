/**
 * Exact numbers: reduced fractions of big integers, with a decimal fallback (80 significant
 * digits) for the rare results that are not rational, such as geometric means.
 *
 * Option scores, weights and every mean, weighted mean, minimum and decision-table result of
 * them are rational, so published scores are computed without any rounding at all; rounding
 * happens only when a value is written out (see `format.ts`).
 *
 * Small fractions are shared objects ({@link sharedRatio}): scores repeat across answer sets,
 * and what is remembered on a value object — its formatted strings, its products — is then found
 * again instead of recomputed.
 *
 * @module
 */
import { Decimal } from 'decimal.js';

/** Decimal constructor for non-rational results and for formatting: 80 significant digits, half-even. */
export const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 80 });
/** A decimal value of {@link D}. */
export type Dec = InstanceType<typeof D>;

/** A reduced fraction n/d with d > 0. */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

/** An exact score: a fraction, or (for irrational results) an 80-digit decimal. */
export type Exact = Ratio | Dec;

/** Whether an exact value is a fraction (not a decimal). */
export const isRatio = (x: Exact): x is Ratio => typeof (x as Ratio).n === 'bigint';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a <= SAFE && b <= SAFE) {
    // Small values (nearly all scores): Euclid on doubles is exact below 2^53 and much faster.
    let x = Number(a);
    let y = Number(b);
    while (y !== 0) {
      const t = x % y;
      x = y;
      y = t;
    }
    return BigInt(x);
  }
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Builds a reduced fraction. */
export function ratio(n: bigint, d: bigint = 1n): Ratio {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (d === 1n) return { n, d };
  const g = gcd(n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

/**
 * A fraction handed out by {@link sharedRatio}: one object per value, of one class, so that what
 * is remembered on it — its formatted strings, its products — is read through one shape. The
 * memos are private fields: JSON, `Object.keys` and equality checks see only `n` and `d`.
 */
export class SharedRatio implements Ratio {
  readonly n: bigint;
  readonly d: bigint;
  /** `n` and `d` as doubles (exact: both are below 2^31). */
  #nn: number;
  #dn: number;
  #formatted: unknown = undefined;
  #products: Map<SharedRatio, Exact> | undefined = undefined;
  constructor(n: bigint, d: bigint, nn: number, dn: number) {
    this.n = n;
    this.d = d;
    this.#nn = nn;
    this.#dn = dn;
  }
  static num(x: SharedRatio): number {
    return x.#nn;
  }
  static den(x: SharedRatio): number {
    return x.#dn;
  }
  static formatted<T>(x: SharedRatio, make: (x: SharedRatio) => T): T {
    return (x.#formatted ??= make(x)) as T;
  }
  static product(a: SharedRatio, b: SharedRatio): Exact {
    const memo = (a.#products ??= new Map());
    let p = memo.get(b);
    if (p === undefined) {
      // Bounded: a value meets only a few others in practice.
      if (memo.size >= 64) memo.clear();
      memo.set(b, (p = sharedRatio(a.n * b.n, a.d * b.d)));
    }
    return p;
  }
}

const shared = new Map<number, Map<number, SharedRatio>>();
let sharedCount = 0;
const SHARED_LIMIT = 2n ** 31n;

/**
 * The reduced fraction n/d as one shared object per value while numerator and denominator are
 * small (below 2^31, as nearly every score, mean and weight share is). Scores repeat across
 * answer sets, and what is kept on a value object — its formatted strings, its products with
 * shares of the top score — is then found again instead of recomputed.
 */
export function sharedRatio(n: bigint, d: bigint = 1n): Ratio {
  const r = ratio(n, d);
  if (r.d >= SHARED_LIMIT || r.n >= SHARED_LIMIT || r.n <= -SHARED_LIMIT) return r;
  return sharedReduced(Number(r.n), Number(r.d), r.n, r.d);
}

/** The shared object of the reduced fraction nn/dn (|nn|, dn below 2^31), made from `n` and `d` (its big integers, if at hand) when new. */
function sharedReduced(nn: number, dn: number, n?: bigint, d?: bigint): SharedRatio {
  let row = shared.get(dn);
  if (row === undefined) {
    if (sharedCount > 100_000) {
      shared.clear();
      sharedCount = 0;
    }
    shared.set(dn, (row = new Map()));
  }
  const hit = row.get(nn);
  if (hit !== undefined) return hit;
  const s = new SharedRatio(n ?? BigInt(nn), d ?? BigInt(dn), nn, dn);
  row.set(nn, s);
  sharedCount++;
  return s;
}

const SHARED_NUMBER_LIMIT = 2 ** 31;

/** nn/dn for whole doubles with dn > 0 (both exact, below 2^53): reduced on doubles, shared when small. */
function ratioOfNumbers(nn: number, dn: number): Ratio {
  let x = nn < 0 ? -nn : nn;
  let y = dn;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  if (x > 1) {
    nn /= x;
    dn /= x;
  }
  if (nn === 0) dn = 1;
  if (dn < SHARED_NUMBER_LIMIT && nn < SHARED_NUMBER_LIMIT && nn > -SHARED_NUMBER_LIMIT) return sharedReduced(nn, dn);
  return { n: BigInt(nn), d: BigInt(dn) };
}

/** Converts to a decimal (exact for terminating fractions, 80 digits otherwise). */
export function toDec(x: Exact): Dec {
  if (!isRatio(x)) return x;
  return x.d === 1n ? new D(x.n.toString()) : new D(x.n.toString()).div(x.d.toString());
}

/**
 * The fraction of an exact value: itself, or the exact fraction of a decimal's digits (a decimal
 * of {@link D} terminates, so its fraction is exact for the decimal as held).
 */
export function toRatio(x: Exact): Ratio {
  if (isRatio(x)) return x;
  if (!x.isFinite()) throw new RangeError(`not a finite number: ${x.toString()}`);
  const [n, d] = x.toFraction();
  return ratio(BigInt(n!.toFixed()), BigInt(d!.toFixed()));
}

export const ZERO: Ratio = sharedRatio(0n);

const reciprocals: Ratio[] = [];
/** 1/n for a whole n ≥ 1, as one shared object per n (so results built from it can be cached). */
export function reciprocal(n: number): Ratio {
  let r = reciprocals[n];
  if (!r) reciprocals[n] = r = sharedRatio(1n, BigInt(n));
  return r;
}

const products = new WeakMap<object, WeakMap<object, Exact>>();
/** a·b, remembered for shared operands (shares of the top score repeat across answer sets). */
export function mulShared(a: Exact, b: Exact): Exact {
  if (a instanceof SharedRatio && b instanceof SharedRatio) return SharedRatio.product(a, b);
  let row = products.get(a);
  if (!row) products.set(a, (row = new WeakMap()));
  let p = row.get(b);
  if (!p) row.set(b, (p = isRatio(a) && isRatio(b) ? sharedRatio(a.n * b.n, a.d * b.d) : mul(a, b)));
  return p;
}
export const ONE: Ratio = sharedRatio(1n);

export function add(a: Exact, b: Exact): Exact {
  if (isRatio(a) && isRatio(b)) return a.d === b.d ? ratio(a.n + b.n, a.d) : ratio(a.n * b.d + b.n * a.d, a.d * b.d);
  return toDec(a).plus(toDec(b));
}

export function sub(a: Exact, b: Exact): Exact {
  if (isRatio(a) && isRatio(b)) return a.d === b.d ? ratio(a.n - b.n, a.d) : ratio(a.n * b.d - b.n * a.d, a.d * b.d);
  return toDec(a).minus(toDec(b));
}

export function mul(a: Exact, b: Exact): Exact {
  if (isRatio(a) && isRatio(b)) return ratio(a.n * b.n, a.d * b.d);
  return toDec(a).times(toDec(b));
}

export function div(a: Exact, b: Exact): Exact {
  if (isRatio(a) && isRatio(b)) return sharedRatio(a.n * b.d, a.d * b.n);
  return toDec(a).div(toDec(b));
}

/**
 * Σ wᵢ·xᵢ / Σ wᵢ (weights default to 1), reducing the fraction only once at the end.
 */
export function weightedMean(values: readonly Exact[], weights?: readonly Exact[]): Exact {
  if (!weights) {
    const m = sumOfShared(values, values.length);
    if (m !== undefined) return m;
  }
  if (!weights && values.every(isRatio)) {
    let n = 0n;
    let d = 1n;
    for (const x of values as readonly Ratio[]) {
      if (x.d === d) n += x.n;
      else {
        n = n * x.d + x.n * d;
        d *= x.d;
      }
    }
    return sharedRatio(n, d * BigInt(values.length));
  }
  if (values.every(isRatio) && (!weights || weights.every(isRatio))) {
    let n = 0n;
    let d = 1n;
    let wn = 0n;
    let wd = 1n;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as Ratio;
      const w = (weights?.[i] ?? ONE) as Ratio;
      // n/d += (w.n·v.n)/(w.d·v.d)
      const tn = w.n * v.n;
      const td = w.d * v.d;
      if (td === d) n += tn;
      else {
        n = n * td + tn * d;
        d *= td;
      }
      if (w.d === wd) wn += w.n;
      else {
        wn = wn * w.d + w.n * wd;
        wd *= w.d;
      }
    }
    return sharedRatio(n * wd, d * wn);
  }
  let acc: Exact = ZERO;
  let sumW: Exact = ZERO;
  values.forEach((v, i) => {
    const w = weights?.[i] ?? ONE;
    acc = add(acc, mul(w, v));
    sumW = add(sumW, w);
  });
  return div(acc, sumW);
}

/**
 * Σ cᵢ·xᵢ of `values` xᵢ and `coefficients` cᵢ (each 1 when none are given), exactly: a sum of
 * points, with signed multipliers.
 */
export function weightedSum(values: readonly Exact[], coefficients?: readonly Exact[]): Exact {
  if (values.length === 0) return ZERO;
  const s = sumOfShared(values, 1, coefficients);
  if (s !== undefined) return s;
  if (values.every(isRatio) && (!coefficients || coefficients.every(isRatio))) {
    let n = 0n;
    let d = 1n;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as Ratio;
      const c = (coefficients?.[i] ?? ONE) as Ratio;
      // n/d += (c.n·v.n)/(c.d·v.d)
      const tn = c.n * v.n;
      const td = c.d * v.d;
      if (td === d) n += tn;
      else {
        n = n * td + tn * d;
        d *= td;
      }
    }
    return sharedRatio(n, d);
  }
  let acc: Exact = ZERO;
  for (let i = 0; i < values.length; i++) acc = add(acc, mul(coefficients?.[i] ?? ONE, values[i]!));
  return acc;
}

const SAFE_NUMBER = Number.MAX_SAFE_INTEGER;

/**
 * The sum of shared fractions — each times its coefficient in `cs`, when given — divided by `k`
 * (`values.length` for their mean, nearly every mean of scores; 1 for a sum of points), on
 * doubles while every step is exact — each product and sum stays below 2^53 — so no big integer
 * is made; `undefined` when a value or coefficient is not shared or a step would leave the exact
 * range (the big-integer sum then does it).
 */
function sumOfShared(values: readonly Exact[], k: number, cs?: readonly Exact[]): Exact | undefined {
  let n = 0;
  let d = 1;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!(x instanceof SharedRatio)) return undefined;
    let xn = SharedRatio.num(x);
    let xd = SharedRatio.den(x);
    if (cs) {
      const c = cs[i]!;
      if (!(c instanceof SharedRatio)) return undefined;
      xn *= SharedRatio.num(c);
      xd *= SharedRatio.den(c);
      if (xn > SAFE_NUMBER || xn < -SAFE_NUMBER || xd > SAFE_NUMBER) return undefined;
    }
    if (xd === d) n += xn;
    else {
      const a = n * xd;
      const b = xn * d;
      d *= xd;
      if (a > SAFE_NUMBER || a < -SAFE_NUMBER || b > SAFE_NUMBER || b < -SAFE_NUMBER || d > SAFE_NUMBER) return undefined;
      n = a + b;
    }
    if (n > SAFE_NUMBER || n < -SAFE_NUMBER) return undefined;
  }
  const total = d * k;
  if (values.length === 0 || total > SAFE_NUMBER) return undefined;
  return ratioOfNumbers(n, total);
}

export function cmp(a: Exact, b: Exact): number {
  if (isRatio(a) && isRatio(b)) {
    const l = a.n * b.d;
    const r = b.n * a.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  return toDec(a).cmp(toDec(b));
}

export function isZero(x: Exact): boolean {
  return isRatio(x) ? x.n === 0n : x.isZero();
}

/** Weighted geometric mean (Π xᵢ^wᵢ)^(1/Σwᵢ); 0 if any x is 0. Irrational in general: a decimal. */
export function geometricMean(values: readonly Exact[], weights: readonly Exact[]): Exact {
  if (values.some(isZero)) return ZERO;
  let sumW: Exact = ZERO;
  let acc = new D(0);
  values.forEach((v, i) => {
    const w = toDec(weights[i]!);
    acc = acc.plus(w.times(D.ln(toDec(v))));
    sumW = add(sumW, weights[i]!);
  });
  return D.exp(acc.div(toDec(sumW)));
}
