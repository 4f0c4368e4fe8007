// CPython 3.11's `random` module (Lib/random.py over Modules/_randommodule.c) draw for
// draw: `new PythonRandom(1)` replays `random.seed(1)` for the posts that seed Python's
// own generator rather than numpy's. Same Mersenne Twister as Rng.numpy, seeded another
// way (init_by_array), with Python's algorithms for integers, shuffles and normals.

import { argumentError, describe } from "../checks";
import { cosCorrectlyRounded, logCorrectlyRounded, sinCorrectlyRounded } from "./correctly-rounded";
import { MT19937 } from "./mt19937";
import type { MutableArrayLike } from "./rng";

const TWO_32 = 4294967296;
const TWOPI = 2 * Math.PI;
// random.py's 4 * exp(-0.5) / sqrt(2.0) as CPython computes it: a literal, so that no
// JavaScript exp can round it differently.
const NV_MAGICCONST = 1.7155277699214135;

/** The number of bits of n (Python's int.bit_length), for 0 ≤ n ≤ 2^53. */
function bitLength(n: number): number {
  return n < TWO_32 ? 32 - Math.clz32(n) : 64 - Math.clz32(Math.floor(n / TWO_32));
}

/** An integer argument: Python takes any int, these are the ones a number holds exactly. */
function checkSafeInteger(fn: string, arg: string, value: unknown, hint = ""): number {
  if (!(typeof value === "number" && Number.isInteger(value))) throw argumentError(fn, arg, "an integer", describe(value));
  if (!Number.isSafeInteger(value)) throw argumentError(fn, arg, "an integer of at most 2^53 − 1 in size" + hint, describe(value));
  return value;
}

/** stop − start for the step-1 paths, refused when it is no longer an exact number. */
function width(fn: string, start: number, stop: number): number {
  const w = stop - start;
  if (!Number.isSafeInteger(w)) throw argumentError(fn, "the range's width", "at most 2^53 − 1", String(BigInt(stop) - BigInt(start)));
  return w;
}

/** CPython's seed words: |n| in 32-bit words, least significant first, at least one. */
function seedWords(n: number | bigint): number[] {
  if (typeof n === "number") {
    checkSafeInteger("PythonRandom.seed", "n", n, " (a bigint for larger seeds)");
    const a = Math.abs(n);
    const hi = Math.floor(a / TWO_32);
    return hi > 0 ? [a % TWO_32, hi] : [a];
  }
  if (typeof n !== "bigint") throw argumentError("PythonRandom.seed", "n", "an integer (a number or a bigint)", describe(n));
  let a = n < 0n ? -n : n;
  const words: number[] = [];
  do {
    words.push(Number(a & 0xffffffffn));
    a >>= 32n;
  } while (a > 0n);
  return words;
}

export class PythonRandom {
  private readonly mt = new MT19937(0); // reseeded by seed() below
  // random.py's gauss_next: gauss makes normals in pairs and keeps the second.
  private gaussNext: number | null = null;

  /** random.Random(n): an integer seed, a number up to 2^53 − 1 or a bigint of any size; negative seeds as their absolute value. */
  constructor(n: number | bigint) {
    this.seed(n);
  }

  /** random.seed(n): restarts the stream, and forgets a cached gauss value as Python does. */
  seed(n: number | bigint): void {
    this.mt.initByArray(seedWords(n));
    this.gaussNext = null;
  }

  /** Uniform in [0, 1) with 53 random bits (CPython's random_random). */
  random(): number {
    const a = this.mt.nextUint32() >>> 5;
    const b = this.mt.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** getrandbits(k) for k in 0..53, as a number; words are drawn least significant first and the last one keeps its top bits. */
  getrandbits(k: number): number {
    if (!(Number.isInteger(k) && k >= 0 && k <= 53)) {
      throw argumentError("PythonRandom.getrandbits", "k", "an integer in 0..53 (getrandbitsBig for more)", describe(k));
    }
    if (k === 0) return 0; // CPython returns 0 without drawing
    if (k <= 32) return this.mt.nextUint32() >>> (32 - k);
    const lo = this.mt.nextUint32();
    return lo + (this.mt.nextUint32() >>> (64 - k)) * TWO_32;
  }

  /** getrandbits(k) for any k ≥ 0, as a bigint; draws the same words as getrandbits. */
  getrandbitsBig(k: number): bigint {
    if (!(Number.isSafeInteger(k) && k >= 0)) throw argumentError("PythonRandom.getrandbitsBig", "k", "an integer ≥ 0", describe(k));
    let out = 0n;
    for (let shift = 0; shift < k; shift += 32) {
      const left = k - shift;
      const word = left < 32 ? this.mt.nextUint32() >>> (32 - left) : this.mt.nextUint32();
      out |= BigInt(word) << BigInt(shift);
    }
    return out;
  }

  // _randbelow_with_getrandbits: uniform in [0, n) for 1 ≤ n ≤ 2^53 − 1, by rejection
  // from bit_length(n) bits (so from at most two 32-bit words).
  private randbelow(n: number): number {
    const k = bitLength(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /**
   * randrange(stop) or randrange(start, stop, step = 1): an integer from range(start, stop, step),
   * with random.py's arithmetic. Arguments are integers (CPython 3.11 refuses non-integral ones too).
   */
  randrange(start: number, stop?: number, step?: number): number {
    const fn = "PythonRandom.randrange";
    if (stop === undefined) {
      if (step !== undefined) throw argumentError(fn, "stop", "given when step is", "undefined");
      // With one argument Python calls it start, but it is the stop of range(stop).
      const n = checkSafeInteger(fn, "stop", start);
      if (n <= 0) throw argumentError(fn, "stop", "> 0 (randrange(stop) draws from 0..stop − 1)", describe(n));
      return this.randbelow(n);
    }
    const istart = checkSafeInteger(fn, "start", start);
    const istop = checkSafeInteger(fn, "stop", stop);
    const istep = step === undefined ? 1 : checkSafeInteger(fn, "step", step);
    if (istep === 1) {
      if (istop <= istart) throw argumentError(fn, "stop", `> start = ${istart} (the range is empty)`, describe(istop));
      return istart + this.randbelow(width(fn, istart, istop));
    }
    if (istep === 0) throw argumentError(fn, "step", "a nonzero integer", "0");
    // The count of range(start, stop, step), in exact integers since stop - start may pass 2^53.
    const span = BigInt(istop) - BigInt(istart);
    const bstep = BigInt(istep);
    const count = floorDiv(istep > 0 ? span + bstep - 1n : span + bstep + 1n, bstep);
    if (count <= 0n) throw argumentError(fn, "the arguments", "a non-empty range", `start=${istart}, stop=${istop}, step=${istep}`);
    if (count > BigInt(Number.MAX_SAFE_INTEGER)) throw argumentError(fn, "the range", "at most 2^53 − 1 values long", `${count} values`);
    // In bigints because step·r may pass 2^53 even where the sum, inside the range, does not.
    return Number(BigInt(istart) + bstep * BigInt(this.randbelow(Number(count))));
  }

  /** randint(a, b): an integer in [a, b], both ends included (randrange(a, b + 1)). */
  randint(a: number, b: number): number {
    const fn = "PythonRandom.randint";
    checkSafeInteger(fn, "a", a);
    checkSafeInteger(fn, "b", b);
    if (b < a) throw argumentError(fn, "b", `≥ a = ${a} (the range is empty)`, describe(b));
    return a + this.randbelow(width(fn, a, b + 1));
  }

  /** choice(seq): one element of a non-empty array (or string). */
  choice<T>(seq: ArrayLike<T>): T {
    if (seq.length === 0) throw argumentError("PythonRandom.choice", "seq", "a non-empty sequence", describe(seq));
    return seq[this.randbelow(seq.length)]!;
  }

  /** shuffle(x): in place, swapping each x[i] from the end with x[randbelow(i + 1)]. */
  shuffle<T>(x: MutableArrayLike<T>): void {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      const t = x[i]!;
      x[i] = x[j]!;
      x[j] = t;
    }
  }

  /** sample(population, k): k distinct positions drawn in order, with random.py's pool or set strategy. */
  sample<T>(population: ArrayLike<T>, k: number): T[] {
    const n = population.length;
    if (!(Number.isInteger(k) && k >= 0 && k <= n)) {
      throw argumentError("PythonRandom.sample", "k", `an integer in 0..${n} (the population's size)`, describe(k));
    }
    // random.py's memory estimate, 21 + 4^ceil(log4(3k)) for k > 5; 3k is never a power
    // of 4, so the smallest power of 4 above 3k is that ceiling exactly.
    let setsize = 21;
    if (k > 5) {
      let p = 1;
      while (p < 3 * k) p *= 4;
      setsize += p;
    }
    const result = new Array<T>(k);
    if (n <= setsize) {
      // A pool of the not yet chosen, the last one moving into each vacancy.
      const pool = Array.from(population);
      for (let i = 0; i < k; i++) {
        const j = this.randbelow(n - i);
        result[i] = pool[j]!;
        pool[j] = pool[n - i - 1]!;
      }
    } else {
      // Positions drawn again until new.
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.randbelow(n);
        while (selected.has(j)) j = this.randbelow(n);
        selected.add(j);
        result[i] = population[j]!;
      }
    }
    return result;
  }

  /** uniform(a, b) = a + (b - a)·random(), unchecked as in Python. */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.random();
  }

  /**
   * normalvariate(mu, sigma): Kinderman and Monahan's ratio of uniforms. Its log only
   * decides a rejection, so a last-ulp difference from glibc could change a draw only at
   * an exact tie; the log is correctly rounded all the same.
   */
  normalvariate(mu = 0, sigma = 1): number {
    let z: number;
    for (;;) {
      const u1 = this.random();
      const u2 = 1 - this.random();
      z = (NV_MAGICCONST * (u1 - 0.5)) / u2;
      const zz = (z * z) / 4;
      if (zz <= -logCorrectlyRounded(u2)) break;
    }
    return mu + z * sigma;
  }

  /**
   * gauss(mu, sigma): Box–Muller in pairs, the second value kept for the next call.
   * CPython calls glibc's cos, sin and log; these are the correctly rounded ones, because
   * V8's and glibc's are not always correctly rounded, and not in the same places: the
   * correctly rounded value is what glibc returns but where it misrounds itself (see
   * test/python-random.test.ts).
   */
  gauss(mu = 0, sigma = 1): number {
    let z = this.gaussNext;
    this.gaussNext = null;
    if (z === null) {
      const x2pi = this.random() * TWOPI;
      const g2rad = Math.sqrt(-2 * logCorrectlyRounded(1 - this.random()));
      z = cosCorrectlyRounded(x2pi) * g2rad;
      this.gaussNext = sinCorrectlyRounded(x2pi) * g2rad;
    }
    return mu + z * sigma;
  }
}

/** Python's // on integers: the quotient rounded toward −∞. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}
