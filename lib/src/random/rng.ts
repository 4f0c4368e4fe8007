// One seeded generator with numpy's legacy (RandomState) algorithms on top of any
// 32-bit bit source. Rng.numpy uses MT19937 and reproduces numpy draw for draw (normals:
// see standardNormal); Rng.seeded uses seedrandom's ARC4 and gives the same distributions
// from string seeds.

import seedrandom from "seedrandom";
import { MT19937, type BitSource } from "./mt19937";
import { logCorrectlyRounded } from "./correctly-rounded";

/** Anything shuffle can permute in place: plain arrays and typed arrays. */
export interface MutableArrayLike<T> {
  readonly length: number;
  [index: number]: T;
}

function check(ok: boolean, method: string, message: string): void {
  if (!ok) throw new Error(`Rng.${method}: ${message}`);
}

function checkCount(n: number, method: string, what = "n"): void {
  check(Number.isInteger(n) && n >= 0, method, `${what} must be an integer ≥ 0, got ${String(n)}`);
}

function checkFinite(x: number, method: string, what: string): void {
  check(Number.isFinite(x), method, `${what} must be a finite number, got ${String(x)}`);
}

function checkUniform(low: number, high: number, method: string): void {
  checkFinite(low, method, "low");
  checkFinite(high, method, "high");
  check(low <= high, method, `need low ≤ high, got low=${low}, high=${high}`);
}

function checkNormal(mean: number, std: number, method: string): void {
  checkFinite(mean, method, "mean");
  checkFinite(std, method, "std");
  check(std >= 0, method, `std must be ≥ 0, got ${std}`);
}

// Smallest 2^k - 1 ≥ max (max < 2^32), as numpy computes its rejection mask.
function maskFor(max: number): number {
  let m = max >>> 0;
  m |= m >>> 1;
  m |= m >>> 2;
  m |= m >>> 4;
  m |= m >>> 8;
  m |= m >>> 16;
  return m >>> 0;
}

export class Rng {
  // legacy_gauss's cache: the polar method makes normals in pairs.
  private cachedNormal: number | null = null;

  constructor(private readonly bits: BitSource) {}

  /** numpy's legacy RandomState(seed): seed is an integer in [0, 2^32 - 1]. */
  static numpy(seed: number): Rng {
    return new Rng(new MT19937(seed));
  }

  /** seedrandom's ARC4 stream. Numbers are seeded as their string, so seeded(42) equals seeded("42"). */
  static seeded(seed: string | number): Rng {
    check(typeof seed === "string" || Number.isFinite(seed), "seeded", `seed must be a string or finite number, got ${String(seed)}`);
    const prng = seedrandom(String(seed));
    return new Rng({ nextUint32: () => prng.int32() >>> 0 });
  }

  /** 32 raw bits from the source; every other method is built on these. */
  nextUint32(): number {
    return this.bits.nextUint32();
  }

  /** Uniform in [0, 1) with 53 random bits (numpy random_sample). */
  random(): number {
    const a = this.bits.nextUint32() >>> 5;
    const b = this.bits.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform in [low, high); low == high returns low, as numpy does. */
  uniform(low: number, high: number): number {
    checkUniform(low, high, "uniform");
    return low + (high - low) * this.random();
  }

  /**
   * N(0, 1) by numpy's legacy polar method; every second call returns the cached partner.
   * Uses a correctly rounded log rather than V8's Math.log: neither V8's nor glibc's (which
   * numpy calls) is always correctly rounded, and they misround in different places, so the
   * correctly rounded value parts from numpy's only where glibc itself misrounds.
   */
  standardNormal(): number {
    if (this.cachedNormal !== null) {
      const z = this.cachedNormal;
      this.cachedNormal = null;
      return z;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2 * this.random() - 1;
      x2 = 2 * this.random() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * logCorrectlyRounded(r2)) / r2);
    this.cachedNormal = f * x1;
    return f * x2;
  }

  normal(mean: number, std: number): number {
    checkNormal(mean, std, "normal");
    return mean + std * this.standardNormal();
  }

  randomArray(n: number): Float64Array {
    checkCount(n, "randomArray");
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.random();
    return out;
  }

  uniformArray(low: number, high: number, n: number): Float64Array {
    checkUniform(low, high, "uniformArray");
    checkCount(n, "uniformArray");
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = low + (high - low) * this.random();
    return out;
  }

  normalArray(mean: number, std: number, n: number): Float64Array {
    checkNormal(mean, std, "normalArray");
    checkCount(n, "normalArray");
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = mean + std * this.standardNormal();
    return out;
  }

  // numpy's masked rejection: uniform in [0, max] for max < 2^32.
  private interval(max: number): number {
    if (max === 0) return 0;
    const mask = maskFor(max);
    let draw: number;
    do draw = (this.bits.nextUint32() & mask) >>> 0;
    while (draw > max);
    return draw;
  }

  private checkIntRange(low: number, high: number, method: string): void {
    check(Number.isSafeInteger(low), method, `low must be an integer, got ${String(low)}`);
    check(Number.isSafeInteger(high), method, `high must be an integer, got ${String(high)}`);
    check(high > low, method, `need low < high, got low=${low}, high=${high}`);
    check(high - low <= 2 ** 32, method, `range high - low = ${high - low} exceeds 2^32`);
  }

  /** Integer in [low, high), like numpy randint(low, high). A one-value range consumes no bits. */
  integer(low: number, high: number): number {
    this.checkIntRange(low, high, "integer");
    return low + this.interval(high - low - 1);
  }

  /** n integers in [low, high). A plain number[] because values may exceed the int32 range. */
  integers(low: number, high: number, n: number): number[] {
    this.checkIntRange(low, high, "integers");
    checkCount(n, "integers");
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = low + this.interval(high - low - 1);
    return out;
  }

  /** In-place Fisher–Yates from the end, numpy legacy shuffle order. */
  shuffle<T>(array: MutableArrayLike<T>): void {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = array[i];
      array[i] = array[j];
      array[j] = t;
    }
  }

  /** A random ordering of 0..n-1 (numpy permutation(n)). */
  permutation(n: number): number[] {
    checkCount(n, "permutation");
    const out = Array.from({ length: n }, (_, i) => i);
    this.shuffle(out);
    return out;
  }

  /** size draws from 0..n-1 (numpy choice(n, size, replace)); without replacement, a permutation prefix. */
  choice(n: number, size: number, replace = true): number[] {
    check(Number.isSafeInteger(n) && n >= 1, "choice", `n must be an integer ≥ 1, got ${String(n)}`);
    checkCount(size, "choice", "size");
    if (replace) return this.integers(0, n, size);
    check(size <= n, "choice", `cannot take ${size} values from ${n} without replacement`);
    return this.permutation(n).slice(0, size);
  }
}
