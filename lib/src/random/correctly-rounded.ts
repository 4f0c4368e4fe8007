// Correctly rounded log, sin and cos in double-double arithmetic, for the generators
// that must reproduce C programs draw for draw: V8's Math.log, Math.sin and Math.cos and
// glibc's are not always correctly rounded, and not in the same places, so calling V8's
// would part from the C program wherever the two differ. The correctly rounded value is
// the one glibc aims at, so it agrees with glibc everywhere but where glibc itself
// misrounds (how often each happens is measured in bench/README.md).

// Results land in H, L (hi + lo) so the hot loop allocates nothing.
let H = 0;
let L = 0;
const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter

function twoProd(a: number, b: number): void {
  let c = SPLIT * a;
  const ah = c - (c - a), al = a - ah;
  c = SPLIT * b;
  const bh = c - (c - b), bl = b - bh;
  H = a * b;
  L = ah * bh - H + ah * bl + al * bh + al * bl;
}

function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh, v = s - ah;
  const e = ah - (s - v) + (bh - v) + al + bl;
  H = s + e;
  L = e - (H - s);
}

function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = H, e = L + (ah * bl + al * bh);
  H = p + e;
  L = e - (H - p);
}

const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
// 1/(2k+1) as double-doubles, for log(m) = 2 atanh(s) = 2s·Σ s^2k/(2k+1).
const TERMS = 22; // |s| ≤ 0.172, so s^44/45 < 2^-110
const INV_HI = new Float64Array(TERMS);
const INV_LO = new Float64Array(TERMS);
for (let k = 0; k < TERMS; k++) {
  const n = 2 * k + 1, q = 1 / n;
  twoProd(q, n);
  INV_HI[k] = q;
  INV_LO[k] = (1 - H - L) / n;
}
const bitsView = new DataView(new ArrayBuffer(8));

/** ln(x), correctly rounded (to within 2^-100 relative before the last rounding). */
export function logCorrectlyRounded(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: make subnormals normal
    e = -54;
  }
  // x = 2^e · m with m in [√½, √2].
  bitsView.setFloat64(0, x);
  const top = bitsView.getUint32(0);
  e += (top >>> 20) - 1023;
  bitsView.setUint32(0, (top & 0x000fffff) | 0x3ff00000);
  let m = bitsView.getFloat64(0);
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  // s = (m - 1)/(m + 1): m - 1 is exact, m + 1 as an exact two-sum, one correction step.
  const num = m - 1;
  const dh = m + 1, v = dh - m;
  const dl = m - (dh - v) + (1 - v);
  const q1 = num / dh;
  ddMul(q1, 0, dh, dl);
  ddAdd(num, 0, -H, -L);
  const q2 = H / dh;
  const sh = q1 + q2, sl = q2 - (sh - q1);
  ddMul(sh, sl, sh, sl);
  const th = H, tl = L;
  // Horner: the small high-order terms in plain doubles, the rest in double-double.
  let ph = 0;
  for (let k = TERMS - 1; k > 10; k--) ph = ph * th + INV_HI[k]!;
  let pl = 0;
  for (let k = 10; k >= 0; k--) {
    ddMul(ph, pl, th, tl);
    ddAdd(H, L, INV_HI[k]!, INV_LO[k]!);
    ph = H;
    pl = L;
  }
  ddMul(ph, pl, sh, sl);
  const lh = 2 * H, ll = 2 * L;
  ddMul(e, 0, LN2_HI, LN2_LO);
  ddAdd(H, L, lh, ll);
  return H + L;
}

// ---- Correctly rounded sine and cosine ----

// An accurate double-double sum (two two-sums): the reduction below subtracts nearly
// equal numbers, where the cheaper ddAdd loses bits.
function ddAddAccurate(ah: number, al: number, bh: number, bl: number): void {
  let s = ah + bh, v = s - ah;
  let e = ah - (s - v) + (bh - v);
  const t = al + bl, w = t - al;
  const f = al - (t - w) + (bl - w);
  e += t;
  let h = s + e;
  e = e - (h - s);
  e += f;
  s = h + e;
  H = s;
  L = e - (s - h);
}

// π/2 as a sum of three doubles (about 160 bits), enough to reduce any |x| < 2^20
// with the remainder still exact to ~2^-100 of its size.
const PIO2_HI = 1.5707963267948966;
const PIO2_MID = 6.123233995736766e-17;
const PIO2_LO = -1.4973849048591698e-33;
const REDUCE_LIMIT = 1048576; // 2^20 quadrants

// ±1/k! as double-doubles, sign folded in, for the alternating Taylor series.
const FACTORIALS = 34;
const INV_FACT_HI = new Float64Array(FACTORIALS);
const INV_FACT_LO = new Float64Array(FACTORIALS);
{
  let qh = 1, ql = 0;
  for (let k = 0; k < FACTORIALS; k++) {
    if (k > 0) {
      // (qh + ql) / k in double-double: one quotient, its exact remainder, a correction.
      const q1 = qh / k;
      twoProd(q1, k);
      const q2 = (qh - H - L + ql) / k;
      qh = q1 + q2;
      ql = q2 - (qh - q1);
    }
    const sign = k % 4 < 2 ? 1 : -1; // 1/0!, 1/1!, -1/2!, -1/3!, 1/4!, ...
    INV_FACT_HI[k] = sign * qh;
    INV_FACT_LO[k] = sign * ql;
  }
}

// Quadrant and remainder of the last reduction: x = QUADRANT·π/2 + (RH + RL).
let QUADRANT = 0;
let RH = 0;
let RL = 0;

function reduce(x: number): void {
  const n = Math.round(x / PIO2_HI);
  twoProd(n, PIO2_HI);
  ddAddAccurate(x, 0, -H, -L);
  const rh = H, rl = L;
  twoProd(n, PIO2_MID);
  ddAddAccurate(rh, rl, -H, -L - n * PIO2_LO);
  RH = H;
  RL = L;
  QUADRANT = ((n % 4) + 4) % 4;
}

// sin (odd = 1) or cos (odd = 0) of the remainder RH + RL, |r| ≤ π/4 (plus a hair):
// Σ ±r^k/k! over k of one parity, by Horner in r², 16 terms reaching below 2^-110.
function taylor(odd: 0 | 1): number {
  ddMul(RH, RL, RH, RL);
  const th = H, tl = L;
  let ph = INV_FACT_HI[odd + 32]!, pl = INV_FACT_LO[odd + 32]!;
  for (let k = odd + 30; k >= 0; k -= 2) {
    ddMul(ph, pl, th, tl);
    ddAdd(H, L, INV_FACT_HI[k]!, INV_FACT_LO[k]!);
    ph = H;
    pl = L;
  }
  if (odd) {
    ddMul(ph, pl, RH, RL);
    return H + L;
  }
  return ph + pl;
}

/** sin(x), correctly rounded for |x| < 2^20·π/2 (Math.sin beyond, and for NaN and ±∞). */
export function sinCorrectlyRounded(x: number): number {
  if (!(Math.abs(x) < REDUCE_LIMIT * PIO2_HI)) return Math.sin(x);
  if (x === 0) return x; // keeps the sign of -0
  reduce(x);
  switch (QUADRANT) {
    case 0:
      return taylor(1);
    case 1:
      return taylor(0);
    case 2:
      return -taylor(1);
    default:
      return -taylor(0);
  }
}

/** cos(x), correctly rounded for |x| < 2^20·π/2 (Math.cos beyond, and for NaN and ±∞). */
export function cosCorrectlyRounded(x: number): number {
  if (!(Math.abs(x) < REDUCE_LIMIT * PIO2_HI)) return Math.cos(x);
  reduce(x);
  switch (QUADRANT) {
    case 0:
      return taylor(0);
    case 1:
      return -taylor(1);
    case 2:
      return -taylor(0);
    default:
      return taylor(1);
  }
}
