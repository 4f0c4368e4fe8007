/**
 * The WebAssembly text of the element-wise loops that pay in wasm: clip, ReLU and its
 * backward pass, SGD's update, and the gathering of a mini-batch's rows.
 *
 * ReLU is here because JavaScript's `x <= 0 ? 0 : …` is a branch, mispredicted all
 * the time on a hidden layer's values (about half of them negative, in no order),
 * where a vector max or mask does two values per instruction with no branch. Both
 * give the reference kernel's values: max(x, +0) is +0 for x ≤ 0 (also −0), x for
 * x > 0 and NaN for NaN, as `x <= 0 ? 0 : x`; the backward pass keeps dout where
 * x ≤ 0 is false (NaN included) and puts +0 elsewhere, as `x <= 0 ? 0 : dout`.
 */

import { pairsThenLast } from "./wat-helpers";

const ZERO = "(v128.const f64x2 0 0)";

/**
 * clip(x, out, n, lo, hi): out[i] = x[i] < lo ? lo : (x[i] > hi ? hi : x[i]), the
 * reference loop's order: pmax(x, lo) is x < lo ? lo : x and pmin(y, hi) is
 * hi < y ? hi : y, so NaN stays NaN and −0 stays −0 (with lo ≤ hi).
 */
function clip(): string {
  return `
  (func $clip (export "clip") (param $x i32) (param $out i32) (param $n i32) (param $lo f64) (param $hi f64)
    (local $end i32) (local $lov v128) (local $hiv v128) (local $v f64)
    (local.set $lov (f64x2.splat (local.get $lo)))
    (local.set $hiv (f64x2.splat (local.get $hi)))${pairsThenLast(["$x", "$out"],
      `(v128.store (local.get $out) (f64x2.pmin (f64x2.pmax (v128.load (local.get $x)) (local.get $lov)) (local.get $hiv)))`,
      `(local.set $v (f64.load (local.get $x)))
      (local.set $v (select (local.get $lo) (local.get $v) (f64.lt (local.get $v) (local.get $lo))))
      (f64.store (local.get $out) (select (local.get $hi) (local.get $v) (f64.gt (local.get $v) (local.get $hi))))`)})`;
}

/** relu(x, out, n): out[i] = max(x[i], +0). */
function relu(): string {
  return `
  (func $relu (export "relu") (param $x i32) (param $out i32) (param $n i32)
    (local $end i32)${pairsThenLast(["$x", "$out"],
      `(v128.store (local.get $out) (f64x2.max (v128.load (local.get $x)) ${ZERO}))`,
      `(f64.store (local.get $out) (f64.max (f64.load (local.get $x)) (f64.const 0)))`)})`;
}

/** reluBackward(x, dout, out, n): out[i] = x[i] <= 0 ? +0 : dout[i]. */
function reluBackward(): string {
  return `
  (func $reluBackward (export "reluBackward") (param $x i32) (param $dout i32) (param $out i32) (param $n i32)
    (local $end i32)${pairsThenLast(["$x", "$dout", "$out"],
      `(v128.store (local.get $out) (v128.andnot (v128.load (local.get $dout)) (f64x2.le (v128.load (local.get $x)) ${ZERO})))`,
      `(f64.store (local.get $out) (select (f64.const 0) (f64.load (local.get $dout)) (f64.le (f64.load (local.get $x)) (f64.const 0))))`)})`;
}

/**
 * subScaled(x, g, out, n, f): out[i] = x[i] − f·g[i], the parameter update of SGD
 * (x −= lr·grad, out === x), two values per instruction to beat the JavaScript loop,
 * as a multiply then a subtract so that it rounds as `x[i] -= f * g[i]` does.
 */
function subScaled(): string {
  return `
  (func $subScaled (export "subScaled") (param $x i32) (param $g i32) (param $out i32) (param $n i32) (param $f f64)
    (local $end i32) (local $fv v128)
    (local.set $fv (f64x2.splat (local.get $f)))${pairsThenLast(["$x", "$g", "$out"],
      `(v128.store (local.get $out) (f64x2.sub (v128.load (local.get $x)) (f64x2.mul (local.get $fv) (v128.load (local.get $g)))))`,
      `(f64.store (local.get $out) (f64.sub (f64.load (local.get $x)) (f64.mul (local.get $f) (f64.load (local.get $g)))))`)})`;
}

/**
 * gatherRows(dst, src, rowBytes, indices, count): row r of dst = row indices[r]
 * (i32) of src, for r < count: numpy's x[batch_mask], by memory.copy because it is a
 * plain memmove where TypedArray.set between views of shared memory copies word by word.
 */
function gatherRows(): string {
  return `
  (func $gatherRows (export "gatherRows") (param $dst i32) (param $src i32) (param $rowBytes i32) (param $indices i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $indices) (i32.shl (local.get $count) (i32.const 2))))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $indices) (local.get $end)))
      (memory.copy (local.get $dst)
        (i32.add (local.get $src) (i32.mul (i32.load (local.get $indices)) (local.get $rowBytes)))
        (local.get $rowBytes))
      (local.set $dst (i32.add (local.get $dst) (local.get $rowBytes)))
      (local.set $indices (i32.add (local.get $indices) (i32.const 4)))
      (br $rows))))`;
}

export function elementwiseWat(): string {
  return [clip(), relu(), reluBackward(), subScaled(), gatherRows()].join("\n");
}
