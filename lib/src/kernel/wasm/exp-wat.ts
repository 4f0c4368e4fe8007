/**
 * The WebAssembly text of exp, and of the two loops built on it: sigmoid and the
 * rows of softmax, which are here because in JavaScript each value costs a Math.exp call.
 *
 * exp here is the algorithm V8's Math.exp runs (fdlibm's e_exp.c, as in V8's
 * src/base/ieee754.cc), operation for operation, so it gives Math.exp's values bit
 * for bit (the tests compare millions of them) and the wasm kernel stays equal to the
 * reference one. Two values at a time take one branch-free path: fdlibm's three ways
 * to reduce x come out the same there, except where |x| is below about ½ln2 (no
 * reduction: k = 0; NO_REDUCTION is fdlibm's exact bound) and below 2⁻²⁸ (1 + x), which
 * are masked in; a pair with a value fdlibm
 * treats apart (|x| > 708, NaN, x = 1) goes through the scalar port instead.
 */

import { pairsThenLast } from "./wat-helpers";

/** A float64 as an exact hexadecimal literal, so the assembler cannot round it. */
export function hexF64(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const sign = hi >>> 31 ? "-" : "";
  const exponent = (hi >>> 20) & 0x7ff;
  const mantissa = (hi & 0xfffff).toString(16).padStart(5, "0") + lo.toString(16).padStart(8, "0");
  if (exponent === 0x7ff) throw new Error(`hexF64: ${x} is not finite`);
  return exponent === 0 ? `${sign}0x0.${mantissa}p-1022` : `${sign}0x1.${mantissa}p${exponent - 1023}`;
}

// fdlibm's constants, as V8 writes them.
const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e+00;
const P = [1.66666666666666019037e-01, -2.77777777770155933842e-03, 6.61375632143793436117e-05, -1.65339022054652515390e-06, 4.13813679705723846039e-08];
const E = 2.718281828459045;
const O_THRESHOLD = 7.09782712893383973096e+02;
const U_THRESHOLD = -7.45133219101941108420e+02;
const HUGE = 1.0e+300;
const TWO_M1000 = 9.33263618503218878990e-302;
const TWO_1023 = 8.988465674311579539e307;
/** |x| below these (high words 0x3fd62e43 and 0x3e300000): no reduction, and 1 + x. */
const NO_REDUCTION = 0.3465735912322998; // 0x3fd62e43_00000000
const TINY = 2 ** -28; // 0x3e300000_00000000
/** Beyond this, 2^k needs fdlibm's extra scaling (k < −1021, k = 1024) or overflows. */
const SIMD_LIMIT = 708;

/** 1.5·2⁵²: an integer t below 2⁵¹ added to it lands in the low bits of its mantissa. */
const MAGIC = 6755399441055744;
/** MAGIC's bits minus 1023, so that (t + MAGIC)'s bits minus this are k + 1023. */
const MAGIC_BITS_MINUS_1023 = "0x" + (0x4338000000000000n - 1023n).toString(16);

const f = (x: number) => `(f64.const ${hexF64(x)})`;
const v = (x: number) => `(v128.const f64x2 ${hexF64(x)} ${hexF64(x)})`;

/** t·(P1 + t·(P2 + … + t·P5)), innermost first, with `mul`/`add` of the scalar or vector type. */
function polynomial(t: string, mul: string, add: string, constant: (x: number) => string): string {
  let acc = `(${mul} ${t} ${constant(P[4])})`;
  for (const i of [3, 2, 1, 0]) acc = `(${mul} ${t} (${add} ${constant(P[i])} ${acc}))`;
  return acc;
}

/** expScalar(x): fdlibm's __ieee754_exp, every branch. */
function expScalar(): string {
  return `
  (func $expScalar (param $x f64) (result f64)
    (local $hx i32) (local $xsb i32) (local $k i32) (local $hi f64) (local $lo f64) (local $t f64) (local $c f64) (local $y f64) (local $twopk f64)
    (local.set $hx (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))
    (local.set $xsb (i32.shr_u (local.get $hx) (i32.const 31)))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x7fffffff)))
    (if (i32.ge_u (local.get $hx) (i32.const 0x40862e42)) (then
      (if (i32.ge_u (local.get $hx) (i32.const 0x7ff00000)) (then
        (if (f64.ne (local.get $x) (local.get $x)) (then (return (f64.add (local.get $x) (local.get $x)))))
        (return (select (f64.const 0) (local.get $x) (local.get $xsb)))))
      (if (f64.gt (local.get $x) ${f(O_THRESHOLD)}) (then (return (f64.mul ${f(HUGE)} ${f(HUGE)}))))
      (if (f64.lt (local.get $x) ${f(U_THRESHOLD)}) (then (return (f64.mul ${f(TWO_M1000)} ${f(TWO_M1000)}))))))
    (if (i32.gt_u (local.get $hx) (i32.const 0x3fd62e42))
      (then
        (if (i32.lt_u (local.get $hx) (i32.const 0x3ff0a2b2))
          (then
            (if (f64.eq (local.get $x) (f64.const 1)) (then (return ${f(E)})))
            (local.set $hi (f64.sub (local.get $x) (select ${f(-LN2_HI)} ${f(LN2_HI)} (local.get $xsb))))
            (local.set $lo (select ${f(-LN2_LO)} ${f(LN2_LO)} (local.get $xsb)))
            (local.set $k (i32.sub (i32.const 1) (i32.shl (local.get $xsb) (i32.const 1)))))
          (else
            (local.set $k (i32.trunc_f64_s (f64.add (f64.mul ${f(INV_LN2)} (local.get $x)) (select (f64.const -0.5) (f64.const 0.5) (local.get $xsb)))))
            (local.set $t (f64.convert_i32_s (local.get $k)))
            (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $t) ${f(LN2_HI)})))
            (local.set $lo (f64.mul (local.get $t) ${f(LN2_LO)}))))
        (local.set $x (f64.sub (local.get $hi) (local.get $lo))))
      (else
        (if (i32.lt_u (local.get $hx) (i32.const 0x3e300000)) (then
          (if (f64.gt (f64.add ${f(HUGE)} (local.get $x)) (f64.const 1)) (then (return (f64.add (f64.const 1) (local.get $x)))))))))
    (local.set $t (f64.mul (local.get $x) (local.get $x)))
    (local.set $twopk (f64.reinterpret_i64 (i64.shl
      (i64.extend_i32_s (i32.add (local.get $k) (select (i32.const 1023) (i32.const 2023) (i32.ge_s (local.get $k) (i32.const -1021)))))
      (i64.const 52))))
    (local.set $c (f64.sub (local.get $x) ${polynomial("(local.get $t)", "f64.mul", "f64.add", f)}))
    (if (i32.eqz (local.get $k)) (then
      (return (f64.sub (f64.const 1) (f64.sub (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (local.get $c) (f64.const 2))) (local.get $x))))))
    (local.set $y (f64.sub (f64.const 1)
      (f64.sub (f64.sub (local.get $lo) (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (f64.const 2) (local.get $c)))) (local.get $hi))))
    (if (i32.ge_s (local.get $k) (i32.const -1021)) (then
      (if (i32.eq (local.get $k) (i32.const 1024)) (then (return (f64.mul (f64.mul (local.get $y) (f64.const 2)) ${f(TWO_1023)}))))
      (return (f64.mul (local.get $y) (local.get $twopk)))))
    (f64.mul (f64.mul (local.get $y) (local.get $twopk)) ${f(TWO_M1000)}))`;
}

/** The locals expPair needs, to declare in the function that uses it. */
const EXP_PAIR_LOCALS = ["$ex", "$ax", "$small", "$t", "$hi", "$lo", "$xr", "$tt", "$c", "$y", "$twopk", "$e"].map((l) => `(local ${l} v128)`).join(" ");

/**
 * exp of both lanes of the f64x2 `x` into local $e, as expScalar gives them, written
 * inline into each loop so that only its chain of dependent operations (a division
 * among them) bounds its speed.
 */
function expPair(x: string): string {
  const lane = (i: number) => `(call $expScalar (f64x2.extract_lane ${i} (local.get $ex)))`;
  return `
    (local.set $ex ${x})
    (local.set $ax (f64x2.abs (local.get $ex)))
    (if (v128.any_true (v128.or (v128.or (f64x2.gt (local.get $ax) ${v(SIMD_LIMIT)}) (f64x2.ne (local.get $ex) (local.get $ex)))
                                (f64x2.eq (local.get $ex) ${v(1)})))
      (then (local.set $e (f64x2.replace_lane 1 (f64x2.splat ${lane(0)}) ${lane(1)})))
      (else
        ;; k = trunc(x/ln2 ± ½), with the sign of x; 0 where fdlibm does not reduce.
        (local.set $small (f64x2.lt (local.get $ax) ${v(NO_REDUCTION)}))
        (local.set $t (v128.andnot (f64x2.trunc (f64x2.add (f64x2.mul ${v(INV_LN2)} (local.get $ex))
          (v128.or (v128.and (local.get $ex) (v128.const f64x2 -0 -0)) ${v(0.5)}))) (local.get $small)))
        (local.set $hi (f64x2.sub (local.get $ex) (f64x2.mul (local.get $t) ${v(LN2_HI)})))
        (local.set $lo (f64x2.mul (local.get $t) ${v(LN2_LO)}))
        (local.set $xr (f64x2.sub (local.get $hi) (local.get $lo)))
        (local.set $tt (f64x2.mul (local.get $xr) (local.get $xr)))
        (local.set $c (f64x2.sub (local.get $xr) ${polynomial("(local.get $tt)", "f64x2.mul", "f64x2.add", v)}))
        (local.set $y (f64x2.sub ${v(1)}
          (f64x2.sub (f64x2.sub (local.get $lo) (f64x2.div (f64x2.mul (local.get $xr) (local.get $c)) (f64x2.sub ${v(2)} (local.get $c)))) (local.get $hi))))
        ;; 2^k: k + 1023 in the exponent field; k as an integer from t + 1.5·2⁵² (exact: |k| < 2¹¹).
        (local.set $twopk (i64x2.shl (i64x2.sub (f64x2.add (local.get $t) ${v(MAGIC)}) (v128.const i64x2 ${MAGIC_BITS_MINUS_1023} ${MAGIC_BITS_MINUS_1023}))
          (i32.const 52)))
        (local.set $e (v128.bitselect (f64x2.add ${v(1)} (local.get $ex)) (f64x2.mul (local.get $y) (local.get $twopk))
          (f64x2.lt (local.get $ax) ${v(TINY)})))))`;
}

/** sigmoid(x, out, n): out[i] = 1 / (1 + exp(−x[i])), as the reference kernel writes it. */
function sigmoid(): string {
  return `
  (func $sigmoid (export "sigmoid") (param $x i32) (param $out i32) (param $n i32)
    (local $end i32) ${EXP_PAIR_LOCALS}${pairsThenLast(["$x", "$out"], `
      ${expPair("(f64x2.neg (v128.load (local.get $x)))")}
      (v128.store (local.get $out) (f64x2.div ${v(1)} (f64x2.add ${v(1)} (local.get $e))))`,
      `(f64.store (local.get $out) (f64.div (f64.const 1) (f64.add (f64.const 1) (call $expScalar (f64.neg (f64.load (local.get $x)))))))`)})`;
}

/**
 * softmaxRows(x, out, rows, cols): each row as the reference kernel does it — its
 * maximum (a NaN never replaces it), exp(x − max) into out two at a time, the sum of
 * those in order, then each divided by the sum.
 */
function softmaxRows(): string {
  const scalarLoop = (body: string) => `
        (local.set $j (i32.const 0))
        (loop $cols ${body}
          (local.set $j (i32.add (local.get $j) (i32.const 8)))
          (br_if $cols (i32.lt_u (local.get $j) (local.get $rowBytes))))`;
  return `
  (func $softmaxRows (export "softmaxRows") (param $x i32) (param $out i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $j i32) (local $rowBytes i32) (local $pairBytes i32) (local $max f64) (local $v f64) (local $sum f64) (local $maxv v128) ${EXP_PAIR_LOCALS}
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 3)))
    (local.set $pairBytes (i32.shl (i32.and (local.get $cols) (i32.const -2)) (i32.const 3)))
    (if (i32.eqz (local.get $cols)) (then (return)))
    (block $rows_done (loop $rows_loop
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $max (f64.const -inf))${scalarLoop(`
          (local.set $v (f64.load (i32.add (local.get $x) (local.get $j))))
          (local.set $max (select (local.get $v) (local.get $max) (f64.gt (local.get $v) (local.get $max))))`)}
      (local.set $maxv (f64x2.splat (local.get $max)))
      (local.set $j (i32.const 0))
      (block $pairs_done (loop $pairs
        (br_if $pairs_done (i32.ge_u (local.get $j) (local.get $pairBytes)))
        ${expPair("(f64x2.sub (v128.load (i32.add (local.get $x) (local.get $j))) (local.get $maxv))")}
        (v128.store (i32.add (local.get $out) (local.get $j)) (local.get $e))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $pairs)))
      (if (i32.lt_u (local.get $j) (local.get $rowBytes)) (then
        (f64.store (i32.add (local.get $out) (local.get $j))
          (call $expScalar (f64.sub (f64.load (i32.add (local.get $x) (local.get $j))) (local.get $max))))))
      (local.set $sum (f64.const 0))${scalarLoop(`
          (local.set $sum (f64.add (local.get $sum) (f64.load (i32.add (local.get $out) (local.get $j)))))`)}${scalarLoop(`
          (f64.store (i32.add (local.get $out) (local.get $j)) (f64.div (f64.load (i32.add (local.get $out) (local.get $j))) (local.get $sum)))`)}
      (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
      (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows_loop))))`;
}

/** expPair's lanes, for the tests: exp of `count` float64 at x into out, two at a time (the odd last one by expScalar). */
function expArray(): string {
  return `
  (func $exp (export "exp") (param $x i32) (param $out i32) (param $n i32)
    (local $end i32) ${EXP_PAIR_LOCALS}${pairsThenLast(["$x", "$out"], `
      ${expPair("(v128.load (local.get $x))")}
      (v128.store (local.get $out) (local.get $e))`,
      `(f64.store (local.get $out) (call $expScalar (f64.load (local.get $x))))`)})`;
}

export function expWat(): string {
  return [expScalar(), sigmoid(), softmaxRows(), expArray()].join("\n");
}
