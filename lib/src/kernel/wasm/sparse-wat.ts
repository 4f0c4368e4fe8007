/**
 * The WebAssembly text of the product for a mostly-zero op(A), such as a batch of
 * MNIST images (mostly zero pixels) or its transpose in the dW gradient.
 * Instead of tiles, it takes one row of op(A) at a time: the row's nonzero values
 * and the byte offsets of the matching rows of B are gathered first (compress),
 * then each strip of C's row is summed in registers over those entries only (for a
 * transposed op(A), a band of rows is compressed at a time: see sparseBands). So
 * the work follows the nonzeros.
 *
 * Every element of C is still one running sum in the order p = 0, 1, …, k−1,
 * starting at 0 or at the old C, so the result is the dense kernel's (and the
 * reference kernel's) bit for bit: a zero of A left out would have added exactly
 * 0, which the driver makes sure of by taking this path only when B is finite.
 * B is read in place, row-major k×n (no packing).
 */

import { THREAD_AREA_BYTES } from "./control";
import { blocksOfRows, F64, range } from "./wat-helpers";

/** Widths of the strips of C's row, in 128-bit vectors (two float64 each), widest first. */
const STRIPS = [8, 4, 2, 1];

/**
 * compress(a, kc, off0, ldb, vals, offs) → count: the nonzero values among the kc
 * contiguous values of a row of op(A) at a go to vals (float64), the byte offset in
 * B of their row (off0 + p·ldb) to offs (i32). Values come in groups of GROUP: a
 * group of zeros (most of an MNIST row) costs one test of four vector compares. In
 * the other groups each value is written and kept (cursors moved on) only if
 * nonzero, without a branch per value. NaN is kept.
 */
const GROUP = 8;

/** The test of a group: any of the GROUP float64 at $src nonzero (or NaN). */
const groupTest = (src: string) => `(v128.any_true ${range(GROUP / 2)
  .map((h) => `(f64x2.ne (v128.load offset=${16 * h} (local.get ${src})) (v128.const f64x2 0 0))`)
  .reduce((x, y) => `(v128.or ${x} ${y})`)})`;

function compress(): string {
  const keep = (i: number) => `
        (local.set $v (f64.load offset=${i * F64} (local.get $a)))
        (f64.store (local.get $vals) (local.get $v))
        (i32.store (local.get $offs) (local.get $off))
        (local.set $nz (f64.ne (local.get $v) (f64.const 0)))
        (local.set $vals (i32.add (local.get $vals) (i32.shl (local.get $nz) (i32.const 3))))
        (local.set $offs (i32.add (local.get $offs) (i32.shl (local.get $nz) (i32.const 2))))
        (local.set $off (i32.add (local.get $off) (local.get $ldb)))`;
  return `
  (func $compress (param $a i32) (param $kc i32) (param $off i32) (param $ldb i32)
                  (param $vals i32) (param $offs i32) (result i32)
    (local $p i32) (local $v f64) (local $nz i32) (local $offs0 i32)
    (local.set $offs0 (local.get $offs))
    (block $groups_done (loop $groups
      (br_if $groups_done (i32.gt_s (i32.add (local.get $p) (i32.const ${GROUP})) (local.get $kc)))
      (if ${groupTest("$a")}
        (then ${range(GROUP).map(keep).join("")})
        (else (local.set $off (i32.add (local.get $off) (i32.shl (local.get $ldb) (i32.const ${Math.log2(GROUP)}))))))
      (local.set $a (i32.add (local.get $a) (i32.const ${GROUP * F64})))
      (local.set $p (i32.add (local.get $p) (i32.const ${GROUP})))
      (br $groups)))
    (block $tail_done (loop $tail
      (br_if $tail_done (i32.ge_s (local.get $p) (local.get $kc)))
      ${keep(0)}
      (local.set $a (i32.add (local.get $a) (i32.const ${F64})))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $tail)))
    (i32.shr_u (i32.sub (local.get $offs) (local.get $offs0)) (i32.const 2)))`;
}

/**
 * strip<W>(count, vals, offs, b, c, first): C[c .. c + 16W bytes) += Σ vals[e] · B row
 * at b + offs[e], e = 0..count−1 in order, in W vector registers; the sums start at
 * 0 when `first`, else at C. strip0 is the same for a single float64 (an odd last column).
 */
function strip(width: number): string {
  const vec = width > 0;
  const h = range(Math.max(width, 1));
  const acc = (i: number) => `$s${i}`;
  const type = vec ? "v128" : "f64";
  const load = (ptr: string, i: number) => (vec ? `(v128.load offset=${i * 16} ${ptr})` : `(f64.load ${ptr})`);
  const store = (i: number) => (vec ? `(v128.store offset=${i * 16} (local.get $c) (local.get ${acc(i)}))` : `(f64.store (local.get $c) (local.get ${acc(i)}))`);
  const madd = (i: number) => vec
    ? `(local.set ${acc(i)} (f64x2.add (local.get ${acc(i)}) (f64x2.mul (local.get $x) ${load("(local.get $row)", i)})))`
    : `(local.set ${acc(i)} (f64.add (local.get ${acc(i)}) (f64.mul (local.get $x) ${load("(local.get $row)", i)})))`;
  return `
  (func $strip${width} (param $count i32) (param $vals i32) (param $offs i32) (param $b i32) (param $c i32) (param $first i32)
    (local $end i32) (local $row i32) (local $x ${type}) ${h.map((i) => `(local ${acc(i)} ${type})`).join(" ")}
    (if (i32.eqz (local.get $first)) (then ${h.map((i) => `(local.set ${acc(i)} ${load("(local.get $c)", i)})`).join(" ")}))
    (local.set $end (i32.add (local.get $offs) (i32.shl (local.get $count) (i32.const 2))))
    (if (i32.lt_u (local.get $offs) (local.get $end)) (then (loop $e
      (local.set $x ${vec ? "(v128.load64_splat (local.get $vals))" : "(f64.load (local.get $vals))"})
      (local.set $row (i32.add (local.get $b) (i32.load (local.get $offs))))
      ${h.map(madd).join("\n      ")}
      (local.set $vals (i32.add (local.get $vals) (i32.const ${F64})))
      (local.set $offs (i32.add (local.get $offs) (i32.const 4)))
      (br_if $e (i32.lt_u (local.get $offs) (local.get $end))))))
    ${h.map(store).join(" ")})`;
}

/**
 * Rows of op(A) compressed one after the other before their strips run, so that A is
 * read as a stream the hardware prefetcher follows rather than one row at a time
 * between strips that read nothing of A.
 */
export const LOOKAHEAD_ROWS = 8;

/** Bytes of the thread's area the sparse rows use for kcMax values of p: LOOKAHEAD_ROWS rows of entries, then their counts. */
export function sparseRowsBytes(kcMax: number): number {
  return LOOKAHEAD_ROWS * kcMax * 12 + 4 * LOOKAHEAD_ROWS;
}

/**
 * sparseRows(i0, i1, n, k, a, rs, ps, b, c, ldc, fresh, kcMax, area): rows i0..i1
 * of C = op(A)·B (fresh = 1) or C += op(A)·B (fresh = 0); element (i, p) of op(A) at
 * a + i·rs + p·ps, B row-major k×n at b. In blocks of kcMax values of p, each picking
 * up the sums of the previous one; LOOKAHEAD_ROWS rows at a time are compressed into
 * the thread's area (sparseRowsBytes(kcMax)), then each row's strips run. Rows of
 * op(A) are contiguous (ps = 8) or, transposed, 8 bytes apart (rs = 8; see sparseBands).
 */
function sparseRows(): string {
  const R = LOOKAHEAD_ROWS;
  const entry = (r: string, bytes: number, base: string) =>
    `(i32.add ${base} (i32.mul ${r} (i32.mul (local.get $kcMax) (i32.const ${bytes}))))`;
  const offsBase = `(i32.add (local.get $area) (i32.mul (local.get $kcMax) (i32.const ${R * 8})))`;
  return `
  (func $sparseRows (export "sparseRows") (param $i0 i32) (param $i1 i32) (param $n i32) (param $k i32)
        (param $a i32) (param $rs i32) (param $ps i32) (param $b i32) (param $c i32) (param $ldc i32)
        (param $fresh i32) (param $kcMax i32) (param $area i32)
    (local $pc i32) (local $kc i32) (local $first i32) (local $i i32) (local $j i32) (local $ci i32) (local $count i32) (local $ldb i32)
    (local $rows i32) (local $r i32) (local $counts i32) (local $bv i32) (local $bo i32)
    (local.set $ldb (i32.shl (local.get $n) (i32.const 3)))
    (if (i32.ne (local.get $ps) (i32.const ${F64})) (then
      (call $sparseBands (local.get $i0) (local.get $i1) (local.get $n) (local.get $k) (local.get $a) (local.get $ps)
        (local.get $b) (local.get $c) (local.get $ldc) (local.get $fresh) (local.get $kcMax) (local.get $area))
      (return)))
    (local.set $counts (i32.add (local.get $area) (i32.mul (local.get $kcMax) (i32.const ${R * 12}))))
    ${blocksOfRows(R, `
        (local.set $rows (i32.sub (local.get $i1) (local.get $i)))
        (if (i32.gt_s (local.get $rows) (i32.const ${R})) (then (local.set $rows (i32.const ${R}))))
        (local.set $r (i32.const 0))
        (loop $compress_rows
          (i32.store (i32.add (local.get $counts) (i32.shl (local.get $r) (i32.const 2)))
            (call $compress (i32.add (local.get $a) (i32.add (i32.mul (i32.add (local.get $i) (local.get $r)) (local.get $rs)) (i32.shl (local.get $pc) (i32.const 3))))
              (local.get $kc) (i32.mul (local.get $pc) (local.get $ldb)) (local.get $ldb)
              ${entry("(local.get $r)", 8, "(local.get $area)")} ${entry("(local.get $r)", 4, offsBase)}))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br_if $compress_rows (i32.lt_s (local.get $r) (local.get $rows))))
        (local.set $r (i32.const 0))
        (loop $strip_rows
          (local.set $count (i32.load (i32.add (local.get $counts) (i32.shl (local.get $r) (i32.const 2)))))
          (local.set $bv ${entry("(local.get $r)", 8, "(local.get $area)")})
          (local.set $bo ${entry("(local.get $r)", 4, offsBase)})
          (local.set $ci (i32.add (local.get $c) (i32.mul (i32.add (local.get $i) (local.get $r)) (local.get $ldc))))${stripsOfRow("$bv", "$bo")}
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br_if $strip_rows (i32.lt_s (local.get $r) (local.get $rows))))`)})`;
}

/**
 * The strips of one row of C at $ci (all n columns, widest first), over the $count
 * entries at `vals` and `offs`; uses $j.
 */
function stripsOfRow(vals: string, offs: string): string {
  const call = (w: number) => `(call $strip${w} (local.get $count) (local.get ${vals}) (local.get ${offs}) (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3)))
              (i32.add (local.get $ci) (i32.shl (local.get $j) (i32.const 3))) (local.get $first))`;
  const strips = STRIPS.map((w) => `
          (block $done${w} (loop $strips${w}
            (br_if $done${w} (i32.lt_s (i32.sub (local.get $n) (local.get $j)) (i32.const ${2 * w})))
            ${call(w)}
            (local.set $j (i32.add (local.get $j) (i32.const ${2 * w})))
            ${w === STRIPS[0] ? "(br $strips" + w + ")" : ""}))`).join("");
  return `
        (local.set $j (i32.const 0))${strips}
        (if (i32.lt_s (local.get $j) (local.get $n)) (then ${call(0)}))`;
}

/**
 * When op(A) is a stored matrix transposed (the dW gradient's Xᵀ), a row of op(A) is
 * a column of the storage: compressing it would read one value per stored row, far
 * apart (a TLB miss per value, and no vector test of eight zeros at once). Instead, a
 * band of rows of op(A) is compressed together: each stored row's stretch over the
 * band is read in order (eight values at once skipped when all zero), and each nonzero
 * goes to the bucket of its row of op(A), in the order of p, as compress() would have put it.
 *
 * bandRows(kcMax) → how many rows of op(A) the thread's area holds buckets for, a
 * multiple of GROUP (at least GROUP up to SPARSE_KC_MAX: checked by the driver).
 */
export function bandRows(kcMax: number): number {
  return Math.floor((THREAD_AREA_BYTES - 64) / (kcMax * 12 + 4)) & -GROUP;
}

function bandRowsWat(): string {
  return `
  (func $bandRows (param $kcMax i32) (result i32)
    (i32.and (i32.div_u (i32.const ${THREAD_AREA_BYTES - 64}) (i32.add (i32.mul (local.get $kcMax) (i32.const 12)) (i32.const 4)))
             (i32.const ${-GROUP})))`;
}

/**
 * compressBand(a, ps, kc, off, ldb, rows, vals, offs, counts, cap): for p < kc, the
 * rows values at a + p·ps (contiguous) are element p of rows 0..rows−1 of op(A);
 * each nonzero one goes to its row r's bucket (vals + r·cap float64, offs + r·cap i32,
 * with the byte offset off + p·ldb of B's row p), counts[r] entries in all.
 */
function compressBand(): string {
  const g = range(GROUP);
  const keep = (q: number) => `
        (local.set $v (f64.load offset=${q * F64} (local.get $src)))
        (local.set $cnt (i32.load offset=${q * 4} (local.get $cr)))
        (f64.store (i32.add (local.get $vq) (i32.shl (local.get $cnt) (i32.const 3))) (local.get $v))
        (i32.store (i32.add (local.get $oq) (i32.shl (local.get $cnt) (i32.const 2))) (local.get $off))
        (i32.store offset=${q * 4} (local.get $cr) (i32.add (local.get $cnt) (f64.ne (local.get $v) (f64.const 0))))
        (local.set $vq (i32.add (local.get $vq) (local.get $capV)))
        (local.set $oq (i32.add (local.get $oq) (local.get $capO)))`;
  return `
  (func $compressBand (param $a i32) (param $ps i32) (param $kc i32) (param $off i32) (param $ldb i32)
                      (param $rows i32) (param $vals i32) (param $offs i32) (param $counts i32) (param $cap i32)
    (local $p i32) (local $r i32) (local $src i32) (local $cr i32) (local $v f64) (local $cnt i32)
    (local $vq i32) (local $oq i32) (local $capV i32) (local $capO i32)
    (local.set $capV (i32.shl (local.get $cap) (i32.const 3)))
    (local.set $capO (i32.shl (local.get $cap) (i32.const 2)))
    (memory.fill (local.get $counts) (i32.const 0) (i32.shl (local.get $rows) (i32.const 2)))
    (block $stored_done (loop $stored
      (br_if $stored_done (i32.ge_s (local.get $p) (local.get $kc)))
      (local.set $src (local.get $a))
      (local.set $cr (local.get $counts))
      (local.set $vq (local.get $vals))
      (local.set $oq (local.get $offs))
      (local.set $r (i32.const 0))
      (block $groups_done (loop $groups
        (br_if $groups_done (i32.gt_s (i32.add (local.get $r) (i32.const ${GROUP})) (local.get $rows)))
        (if ${groupTest("$src")}
          (then ${g.map(keep).join("")})
          (else
            (local.set $vq (i32.add (local.get $vq) (i32.shl (local.get $capV) (i32.const ${Math.log2(GROUP)}))))
            (local.set $oq (i32.add (local.get $oq) (i32.shl (local.get $capO) (i32.const ${Math.log2(GROUP)}))))))
        (local.set $src (i32.add (local.get $src) (i32.const ${GROUP * F64})))
        (local.set $cr (i32.add (local.get $cr) (i32.const ${GROUP * 4})))
        (local.set $r (i32.add (local.get $r) (i32.const ${GROUP})))
        (br $groups)))
      (block $tail_done (loop $tail
        (br_if $tail_done (i32.ge_s (local.get $r) (local.get $rows)))
        ${keep(0)}
        (local.set $src (i32.add (local.get $src) (i32.const ${F64})))
        (local.set $cr (i32.add (local.get $cr) (i32.const 4)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $tail)))
      (local.set $a (i32.add (local.get $a) (local.get $ps)))
      (local.set $off (i32.add (local.get $off) (local.get $ldb)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $stored)))
    )`;
}

/**
 * sparseBands(i0, i1, n, k, a, ps, b, c, ldc, fresh, kcMax, area): sparseRows for a
 * transposed op(A) (rows 8 bytes apart), bandRows(kcMax) rows at a time: compressBand,
 * then each row's strips from its bucket. The buckets fill the thread's area.
 */
function sparseBands(): string {
  return `
  (func $sparseBands (param $i0 i32) (param $i1 i32) (param $n i32) (param $k i32) (param $a i32) (param $ps i32)
        (param $b i32) (param $c i32) (param $ldc i32) (param $fresh i32) (param $kcMax i32) (param $area i32)
    (local $pc i32) (local $kc i32) (local $first i32) (local $i i32) (local $j i32) (local $ci i32) (local $count i32) (local $ldb i32)
    (local $band i32) (local $rows i32) (local $r i32) (local $offsArea i32) (local $counts i32) (local $bv i32) (local $bo i32)
    (local.set $ldb (i32.shl (local.get $n) (i32.const 3)))
    (local.set $band (call $bandRows (local.get $kcMax)))
    (local.set $offsArea (i32.add (local.get $area) (i32.mul (local.get $band) (i32.shl (local.get $kcMax) (i32.const 3)))))
    (local.set $counts (i32.add (local.get $offsArea) (i32.mul (local.get $band) (i32.shl (local.get $kcMax) (i32.const 2)))))
    ${blocksOfRows(0, `
        (local.set $rows (i32.sub (local.get $i1) (local.get $i)))
        (if (i32.gt_s (local.get $rows) (local.get $band)) (then (local.set $rows (local.get $band))))
        (call $compressBand (i32.add (local.get $a) (i32.add (i32.shl (local.get $i) (i32.const 3)) (i32.mul (local.get $pc) (local.get $ps))))
          (local.get $ps) (local.get $kc) (i32.mul (local.get $pc) (local.get $ldb)) (local.get $ldb)
          (local.get $rows) (local.get $area) (local.get $offsArea) (local.get $counts) (local.get $kcMax))
        (local.set $r (i32.const 0))
        (block $band_done (loop $band_rows
          (br_if $band_done (i32.ge_s (local.get $r) (local.get $rows)))
          (local.set $count (i32.load (i32.add (local.get $counts) (i32.shl (local.get $r) (i32.const 2)))))
          (local.set $bv (i32.add (local.get $area) (i32.mul (local.get $r) (i32.shl (local.get $kcMax) (i32.const 3)))))
          (local.set $bo (i32.add (local.get $offsArea) (i32.mul (local.get $r) (i32.shl (local.get $kcMax) (i32.const 2)))))
          (local.set $ci (i32.add (local.get $c) (i32.mul (i32.add (local.get $i) (local.get $r)) (local.get $ldc))))${stripsOfRow("$bv", "$bo")}
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $band_rows)))
        (local.set $i (i32.add (local.get $i) (local.get $rows)))`)})`;
}

/**
 * A loop over the count float64 at p: eight at a time into four vector sums (so
 * the additions do not wait on each other), then one at a time into a scalar one.
 */
function foldLoop(vector: (v: string, acc: string) => string, scalar: (v: string) => string): string {
  const accs = range(4);
  return `
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $count) (i32.const -8)) (i32.const 3))))
    (if (i32.lt_u (local.get $p) (local.get $end)) (then (loop $e
      ${accs.map((i) => `(local.set $acc${i} ${vector(`(v128.load offset=${16 * i} (local.get $p))`, `(local.get $acc${i})`)})`).join("\n      ")}
      (local.set $p (i32.add (local.get $p) (i32.const 64)))
      (br_if $e (i32.lt_u (local.get $p) (local.get $end))))))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $count) (i32.const 7)) (i32.const 3))))
    (if (i32.lt_u (local.get $p) (local.get $end)) (then (loop $e
      ${scalar("(f64.load (local.get $p))")}
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $e (i32.lt_u (local.get $p) (local.get $end))))))`;
}

const FOLD_LOCALS = "(local $end i32) (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)";

/** nonzeros(p, count) → how many of the count float64 at p are not 0 (NaN counts). */
function nonzeros(): string {
  return `
  (func $nonzeros (export "nonzeros") (param $p i32) (param $count i32) (result i32)
    ${FOLD_LOCALS} (local $last i32)${foldLoop(
      (v, acc) => `(i64x2.sub ${acc} (f64x2.ne ${v} (v128.const f64x2 0 0)))`,
      (v) => `(local.set $last (i32.add (local.get $last) (f64.ne ${v} (f64.const 0))))`)}
    (local.set $acc0 (i64x2.add (i64x2.add (local.get $acc0) (local.get $acc1)) (i64x2.add (local.get $acc2) (local.get $acc3))))
    (i32.add (local.get $last) (i32.wrap_i64 (i64.add (i64x2.extract_lane 0 (local.get $acc0)) (i64x2.extract_lane 1 (local.get $acc0))))))`;
}

/** allFinite(p, count) → 1 when none of the count float64 at p is ±∞ or NaN: then every v·0 is 0. */
function allFinite(): string {
  return `
  (func $allFinite (export "allFinite") (param $p i32) (param $count i32) (result i32)
    ${FOLD_LOCALS} (local $last f64)${foldLoop(
      (v, acc) => `(f64x2.add ${acc} (f64x2.mul ${v} (v128.const f64x2 0 0)))`,
      (v) => `(local.set $last (f64.add (local.get $last) (f64.mul ${v} (f64.const 0))))`)}
    (local.set $acc0 (f64x2.add (f64x2.add (local.get $acc0) (local.get $acc1)) (f64x2.add (local.get $acc2) (local.get $acc3))))
    (i32.and (f64.eq (local.get $last) (local.get $last)) (i64x2.all_true (f64x2.eq (local.get $acc0) (local.get $acc0)))))`;
}

export function sparseWat(): string {
  return [compress(), bandRowsWat(), compressBand(), ...STRIPS.map(strip), strip(0), sparseBands(), sparseRows(), nonzeros(), allFinite()].join("\n");
}
