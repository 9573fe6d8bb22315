/**
 * Seeded pseudo-random numbers: xoshiro128** streams seeded through splitmix32 from
 * (seed, sample index, stream), so every sample's draws depend on its index alone and any split
 * of the samples over threads gives the same numbers.
 *
 * @module
 */

function splitmix32(a: number): number {
  a = (a + 0x9e3779b9) | 0;
  let t = a ^ (a >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
}

/** A xoshiro128** generator whose state lives in a 4-word array (reseeded in place). */
export class SampleRandom {
  private readonly s = new Uint32Array(4);

  /** Seeds the stream of sample `index` (and sub-stream `stream`) for `seed`. */
  reseed(seed: number, index: number, stream = 0): this {
    let h = splitmix32(seed >>> 0);
    h = splitmix32(h ^ (index >>> 0));
    h = splitmix32(h ^ Math.floor(index / 4294967296));
    h = splitmix32(h ^ (stream >>> 0));
    for (let k = 0; k < 4; k++) this.s[k] = h = splitmix32(h + k);
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1;
    return this;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    let s0 = s[0]!, s1 = s[1]!, s2 = s[2]!, s3 = s[3]!;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }
}
