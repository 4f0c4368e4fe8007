// Mersenne Twister MT19937, seeded the way numpy's legacy RandomState seeds from an
// integer (init_genrand), so Rng.numpy(seed) replays np.random.seed(seed) draw for draw;
// initByArray is the reference's other seeding, the one CPython's random.seed uses.

import { argumentError, describe } from "../checks";

/** A stream of uniformly distributed unsigned 32-bit integers. */
export interface BitSource {
  nextUint32(): number;
}

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class MT19937 implements BitSource {
  private readonly mt = new Uint32Array(N);
  private pos = N;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new Error(`MT19937: seed must be an integer in [0, 2^32 - 1], got ${String(seed)}`);
    }
    this.initGenrand(seed);
  }

  // init_genrand; Math.imul keeps the multiply in 32 bits like the C code.
  private initGenrand(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]!;
      mt[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
    }
    this.pos = N;
  }

  /**
   * Reseeds from an array of 32-bit words, the reference init_by_array (mt19937ar.c);
   * CPython's random.seed(n) calls it with |n| split into words, least significant first.
   */
  initByArray(key: ArrayLike<number>): void {
    if (key.length < 1) throw argumentError("MT19937.initByArray", "key", "a non-empty array of 32-bit words", describe(key));
    for (let j = 0; j < key.length; j++) {
      const w = key[j];
      if (!(Number.isInteger(w) && w! >= 0 && w! <= 0xffffffff)) {
        throw argumentError("MT19937.initByArray", `key[${j}]`, "an integer in [0, 2^32 − 1]", describe(w));
      }
    }
    this.initGenrand(19650218);
    const mt = this.mt;
    // Storing into the Uint32Array wraps each sum mod 2^32, as uint32_t arithmetic does in C.
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = (mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + key[j]! + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]!;
      mt[i] = (mt[i]! ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    // The reference sets the top bit so the state is never all zeros.
    mt[0] = 0x80000000;
  }

  // Regenerate all 624 words at once (the reference "genrand" block step).
  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i]! & UPPER_MASK) | (mt[(i + 1) % N]! & LOWER_MASK);
      mt[i] = mt[(i + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.pos = 0;
  }

  nextUint32(): number {
    if (this.pos >= N) this.twist();
    let y = this.mt[this.pos++]!;
    // Tempering.
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}
