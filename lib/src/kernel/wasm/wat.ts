/**
 * Writes the WebAssembly text of the fast kernel. The text is generated rather
 * than typed by hand because the inner kernel is fully unrolled over its register
 * tile: MR rows × NR columns of C held in 128-bit registers, two float64 each.
 * scripts/build-wasm.ts assembles it into lib/dist/kernel/wasm/kernel.wasm.
 *
 * Layout of the data (all float64, byte addresses into the shared memory):
 *  - A is read in place: element (i, p) of op(A) sits at a + i·rs + p·ps, so the
 *    same code reads A (rs = 8k, ps = 8) and a stored Aᵀ (rs = 8, ps = 8m). Each
 *    tile of MR rows is copied (packA) into MR values per p before use.
 *  - B is packed first (packB) into panels of NR columns: panel q holds rows
 *    p = 0..k−1 of columns qNR..qNR+NR−1 contiguously, zero-padded past n.
 *  - C is row-major with a row stride of ldc bytes.
 * Every element of C is one running sum in the order p = 0, 1, …, k−1: it starts
 * at 0 (a fresh product) or at the old C (accumulate), a block of kc values of p
 * picks up where the previous block left it, and no tile, edge or thread changes
 * that. So the result does not depend on the number of threads, and it is the
 * reference kernel's result bit for bit (same sums in the same order); the sparse
 * rows (sparse-wat.ts) keep that order too.
 */

import { elementwiseWat } from "./elementwise-wat";
import { expWat } from "./exp-wat";
import { sparseWat } from "./sparse-wat";
import { blocksOfRows, F64, range } from "./wat-helpers";

/**
 * How block() computes its rows: in MR×NR tiles, or row by row over the nonzeros of
 * op(A) (sparse-wat.ts); or, not a product, rows i0..i1 of a gather (see gatherRows).
 */
export const MODE = { tiles: 0, sparseRows: 1, gatherRows: 2 } as const;

/** Register tile: rows of C per micro-kernel call, and columns (a multiple of 2). */
export const MR = 4;
export const NR = 4;

const V = NR / 2; // 128-bit vectors per tile row

/**
 * micro(kc, ap, bp, c, ldc, first): adds Apanel(·, p)·Bpanel(p, ·) for p = 0..kc−1,
 * one p after the other, to the running sums of the MR×NR tile at c (row stride
 * ldc bytes), which start at 0 when `first` (the first block of a fresh product)
 * and at the tile's values otherwise. Both panels are packed (A: MR values per p,
 * B: NR values per p), so every load has a fixed offset.
 * (The loop over p is not unrolled, because V8 would then hoist the loads and spill
 * accumulators: 8 accumulators + 2 B vectors + 1 A value already use 11 of the 15
 * vector registers it allocates.)
 */
function microKernel(): string {
  const rows = range(MR);
  const acc = (r: number, h: number) => `$c${r}_${h}`;
  const locals = [
    ...rows.slice(1).map((r) => `(local $cr${r} i32)`),
    "(local $bend i32)",
    ...rows.flatMap((r) => range(V).map((h) => `(local ${acc(r, h)} v128)`)),
    ...range(V).map((h) => `(local $b${h} v128)`),
    "(local $x v128)",
  ];
  const cRow = (r: number) => (r === 0 ? "$c" : `$cr${r}`);
  const step = [
    ...range(V).map((h) => `(local.set $b${h} (v128.load offset=${h * 16} (local.get $b)))`),
    ...rows.flatMap((r) => [
      `(local.set $x (v128.load64_splat offset=${r * F64} (local.get $a)))`,
      ...range(V).map((h) => `(local.set ${acc(r, h)} (f64x2.add (local.get ${acc(r, h)}) (f64x2.mul (local.get $x) (local.get $b${h}))))`),
    ]),
    `(local.set $a (i32.add (local.get $a) (i32.const ${MR * F64})))`,
    `(local.set $b (i32.add (local.get $b) (i32.const ${NR * F64})))`,
  ];
  const load = rows.flatMap((r) => range(V).map((h) => `(local.set ${acc(r, h)} (v128.load offset=${h * 16} (local.get ${cRow(r)})))`));
  const store = rows.flatMap((r) => range(V).map((h) => `(v128.store offset=${h * 16} (local.get ${cRow(r)}) (local.get ${acc(r, h)}))`));
  return `
  (func $micro (param $kc i32) (param $a i32) (param $b i32) (param $c i32) (param $ldc i32) (param $first i32)
    ${locals.join(" ")}
    ${rows.slice(1).map((r) => `(local.set $cr${r} (i32.add (local.get ${cRow(r - 1)}) (local.get $ldc)))`).join("\n    ")}
    (if (i32.eqz (local.get $first))
      (then ${load.join("\n        ")}))
    (local.set $bend (i32.add (local.get $b) (i32.mul (local.get $kc) (i32.const ${NR * F64}))))
    (if (i32.lt_u (local.get $b) (local.get $bend))
      (then (loop $p
        ${step.join("\n        ")}
        (br_if $p (i32.lt_u (local.get $b) (local.get $bend))))))
    ${store.join("\n    ")})`;
}

/**
 * packA(a, rs, ps, mr, kc, ap): copies rows 0..mr−1 of op(A) (element (r, p) at
 * a + r·rs + p·ps), columns p < kc, into MR values per p, zeros for rows ≥ mr.
 */
function packA(): string {
  const rows = range(MR);
  return `
  (func $packA (param $a i32) (param $rs i32) (param $ps i32) (param $mr i32) (param $kc i32) (param $ap i32)
    (local $end i32) ${rows.slice(1).map((r) => `(local $a${r} i32)`).join(" ")}
    ${rows.slice(1).map((r) => `(local.set $a${r} (i32.add (local.get ${r === 1 ? "$a" : `$a${r - 1}`}) (local.get $rs)))`).join("\n    ")}
    (local.set $end (i32.add (local.get $ap) (i32.mul (local.get $kc) (i32.const ${MR * F64}))))
    (if (i32.lt_u (local.get $ap) (local.get $end))
      (then (loop $p
        ${rows.map((r) => r === 0
          ? `(f64.store (local.get $ap) (f64.load (local.get $a)))`
          : `(f64.store offset=${r * F64} (local.get $ap) (if (result f64) (i32.gt_s (local.get $mr) (i32.const ${r})) (then (f64.load (local.get $a${r}))) (else (f64.const 0))))`).join("\n        ")}
        ${rows.map((r) => `(local.set ${r === 0 ? "$a" : `$a${r}`} (i32.add (local.get ${r === 0 ? "$a" : `$a${r}`}) (local.get $ps)))`).join("\n        ")}
        (local.set $ap (i32.add (local.get $ap) (i32.const ${MR * F64})))
        (br_if $p (i32.lt_u (local.get $ap) (local.get $end)))))))`;
}

/**
 * packB(b, k, n, trans, bp): op(B) is k×n; B is stored k×n, or n×k when trans.
 * Writes ⌈n/NR⌉ panels of k×NR into bp. Full panels are copied with vector loads
 * (rows of B) or four running pointers (rows of a stored Bᵀ); the last, partial
 * panel element by element, with zeros past column n.
 */
function packB(): string {
  const cols = range(NR);
  return `
  (func $packB (export "packB") (param $b i32) (param $k i32) (param $n i32) (param $trans i32) (param $bp i32)
    (local $j0 i32) (local $full i32) (local $src i32) (local $end i32) (local $p i32) (local $j i32) (local $v f64)
    ${cols.map((j) => `(local $r${j} i32)`).join(" ")}
    (local.set $full (i32.mul (i32.div_u (local.get $n) (i32.const ${NR})) (i32.const ${NR})))
    (block $panels_done (loop $panels
      (br_if $panels_done (i32.ge_u (local.get $j0) (local.get $full)))
      (local.set $end (i32.add (local.get $bp) (i32.mul (local.get $k) (i32.const ${NR * F64}))))
      (if (local.get $trans)
        (then
          ${cols.map((j) => `(local.set $r${j} (i32.add (local.get $b) (i32.shl (i32.mul (i32.add (local.get $j0) (i32.const ${j})) (local.get $k)) (i32.const 3))))`).join("\n          ")}
          (if (i32.lt_u (local.get $bp) (local.get $end)) (then (loop $rowsT
            ${cols.map((j) => `(f64.store offset=${j * F64} (local.get $bp) (f64.load (local.get $r${j})))`).join("\n            ")}
            ${cols.map((j) => `(local.set $r${j} (i32.add (local.get $r${j}) (i32.const ${F64})))`).join("\n            ")}
            (local.set $bp (i32.add (local.get $bp) (i32.const ${NR * F64})))
            (br_if $rowsT (i32.lt_u (local.get $bp) (local.get $end)))))))
        (else
          (local.set $src (i32.add (local.get $b) (i32.shl (local.get $j0) (i32.const 3))))
          (if (i32.lt_u (local.get $bp) (local.get $end)) (then (loop $rowsN
            ${range(V).map((h) => `(v128.store offset=${h * 16} (local.get $bp) (v128.load offset=${h * 16} (local.get $src)))`).join("\n            ")}
            (local.set $src (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 3))))
            (local.set $bp (i32.add (local.get $bp) (i32.const ${NR * F64})))
            (br_if $rowsN (i32.lt_u (local.get $bp) (local.get $end))))))))
      (local.set $j0 (i32.add (local.get $j0) (i32.const ${NR})))
      (br $panels)))
    (if (i32.lt_u (local.get $j0) (local.get $n)) (then
      (block $rows_done (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $p) (local.get $k)))
        (local.set $j (i32.const 0))
        (loop $cols
          (local.set $v (f64.const 0))
          (if (i32.lt_s (i32.add (local.get $j0) (local.get $j)) (local.get $n))
            (then (local.set $v (f64.load (i32.add (local.get $b) (i32.shl
              (if (result i32) (local.get $trans)
                (then (i32.add (i32.mul (i32.add (local.get $j0) (local.get $j)) (local.get $k)) (local.get $p)))
                (else (i32.add (i32.mul (local.get $p) (local.get $n)) (i32.add (local.get $j0) (local.get $j)))))
              (i32.const 3)))))))
          (f64.store (local.get $bp) (local.get $v))
          (local.set $bp (i32.add (local.get $bp) (i32.const ${F64})))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $cols (i32.lt_s (local.get $j) (i32.const ${NR}))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $rows))))))`;
}

/**
 * block(i0, i1, n, k, a, rs, ps, bp, c, ldc, fresh, mode, kcMax, ap, scratch): rows
 * i0..i1 of C, all columns; fresh = 1 for C = op(A)·op(B), 0 for C += op(A)·op(B)
 * (the products added to C one by one). mode (see MODE): tiles, or sparse rows,
 * for which bp is B itself (not packed) and the thread's ap and the space after
 * its scratch tile hold the row's nonzeros and their offsets; or a gather of rows.
 * Loops: blocks of kcMax values of p (outer), tiles of MR rows, whose A panel is
 * packed into ap (the caller's own MR·kcMax buffer) and then swept across every
 * B panel. Tiles cut by the bottom or right edge go through an MR×NR scratch tile.
 */
function block(): string {
  return `${copyTile()}${blockFunction()}`;
}

/** copyTile(src, srcStride, dst, dstStride, srcCol, dstCol, rows, cols): rows×cols float64, strides in bytes. */
function copyTile(): string {
  return `
  (func $copyTile (param $src i32) (param $ss i32) (param $dst i32) (param $ds i32)
                  (param $sc i32) (param $dc i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $j i32)
    (local.set $src (i32.add (local.get $src) (i32.shl (local.get $sc) (i32.const 3))))
    (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $dc) (i32.const 3))))
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $cols
        (f64.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 3)))
                   (f64.load (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $cols (i32.lt_s (local.get $j) (local.get $cols))))
      (local.set $src (i32.add (local.get $src) (local.get $ss)))
      (local.set $dst (i32.add (local.get $dst) (local.get $ds)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rows (i32.lt_s (local.get $r) (local.get $rows)))))`;
}

function blockFunction(): string {
  return `
  (func $block (export "block") (param $i0 i32) (param $i1 i32) (param $n i32) (param $k i32)
        (param $a i32) (param $rs i32) (param $ps i32) (param $bp i32) (param $c i32) (param $ldc i32)
        (param $fresh i32) (param $mode i32) (param $kcMax i32) (param $ap i32) (param $scratch i32)
    (local $pc i32) (local $kc i32) (local $first i32) (local $i i32) (local $mr i32)
    (local $j0 i32) (local $w i32) (local $ci i32) (local $bpj i32) (local $panelBytes i32)
    ;; A gather of rows: rows i0..i1 of dst = c (ldc bytes each) from src = a, the i32 row indices at bp.
    (if (i32.eq (local.get $mode) (i32.const ${MODE.gatherRows})) (then
      (call $gatherRows (i32.add (local.get $c) (i32.mul (local.get $i0) (local.get $ldc))) (local.get $a) (local.get $ldc)
        (i32.add (local.get $bp) (i32.shl (local.get $i0) (i32.const 2))) (i32.sub (local.get $i1) (local.get $i0)))
      (return)))
    (if (i32.eq (local.get $mode) (i32.const ${MODE.sparseRows})) (then
      (call $sparseRows (local.get $i0) (local.get $i1) (local.get $n) (local.get $k) (local.get $a) (local.get $rs) (local.get $ps)
        (local.get $bp) (local.get $c) (local.get $ldc) (local.get $fresh) (local.get $kcMax) (local.get $ap))
      (return)))
    (local.set $panelBytes (i32.mul (local.get $k) (i32.const ${NR * F64})))
    ${blocksOfRows(MR, `
        (local.set $mr (i32.sub (local.get $i1) (local.get $i)))
        (if (i32.gt_s (local.get $mr) (i32.const ${MR})) (then (local.set $mr (i32.const ${MR}))))
        (call $packA (i32.add (local.get $a) (i32.add (i32.mul (local.get $i) (local.get $rs)) (i32.mul (local.get $pc) (local.get $ps))))
                     (local.get $rs) (local.get $ps) (local.get $mr) (local.get $kc) (local.get $ap))
        (local.set $ci (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldc))))
        (local.set $bpj (i32.add (local.get $bp) (i32.mul (local.get $pc) (i32.const ${NR * F64}))))
        (local.set $j0 (i32.const 0))
        (block $cols_done (loop $cols
          (br_if $cols_done (i32.ge_s (local.get $j0) (local.get $n)))
          (local.set $w (i32.sub (local.get $n) (local.get $j0)))
          (if (i32.and (i32.ge_s (local.get $w) (i32.const ${NR})) (i32.eq (local.get $mr) (i32.const ${MR})))
            (then (call $micro (local.get $kc) (local.get $ap) (local.get $bpj)
                    (i32.add (local.get $ci) (i32.shl (local.get $j0) (i32.const 3))) (local.get $ldc) (local.get $first)))
            (else
              (if (i32.gt_s (local.get $w) (i32.const ${NR})) (then (local.set $w (i32.const ${NR}))))
              ;; the mr×w valid part of the tile goes through the scratch tile: in (to go on
              ;; from its sums), through the micro-kernel, out again
              (if (i32.eqz (local.get $first)) (then (call $copyTile (local.get $ci) (local.get $ldc) (local.get $scratch) (i32.const ${NR * F64}) (local.get $j0) (i32.const 0) (local.get $mr) (local.get $w))))
              (call $micro (local.get $kc) (local.get $ap) (local.get $bpj) (local.get $scratch) (i32.const ${NR * F64}) (local.get $first))
              (call $copyTile (local.get $scratch) (i32.const ${NR * F64}) (local.get $ci) (local.get $ldc) (i32.const 0) (local.get $j0) (local.get $mr) (local.get $w))))
          (local.set $j0 (i32.add (local.get $j0) (i32.const ${NR})))
          (local.set $bpj (i32.add (local.get $bpj) (local.get $panelBytes)))
          (br $cols)))`)})`;
}

/**
 * addBias(c, rows, n, bias): adds bias[j] to element j of each of the rows of C
 * (row-major, n float64 per row), two at a time: Affine's x·W + b, after the product.
 */
function addBias(): string {
  return `
  (func $addBias (export "addBias") (param $c i32) (param $rows i32) (param $n i32) (param $bias i32)
    (local $end i32) (local $j i32) (local $pairs i32)
    (local.set $pairs (i32.and (local.get $n) (i32.const -2)))
    (local.set $end (i32.add (local.get $c) (i32.mul (i32.mul (local.get $rows) (local.get $n)) (i32.const ${F64}))))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $c) (local.get $end)))
      (local.set $j (i32.const 0))
      (block $pairs_done (loop $pair
        (br_if $pairs_done (i32.ge_s (local.get $j) (local.get $pairs)))
        (v128.store (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3)))
          (f64x2.add (v128.load (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
                     (v128.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $pair)))
      (if (i32.lt_s (local.get $j) (local.get $n)) (then
        (f64.store (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3)))
          (f64.add (f64.load (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
                   (f64.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))))))
      (local.set $c (i32.add (local.get $c) (i32.shl (local.get $n) (i32.const 3))))
      (br $rows))))`;
}

/** The whole module. Its memory is imported, shared by the main thread and the workers. */
export function kernelWat(): string {
  return `;; Generated by lib/src/kernel/wasm/wat.ts (MR=${MR}, NR=${NR}); do not edit.
(module
  (import "env" "memory" (memory 1 65536 shared))
  ${microKernel()}
  ${packA()}
  ${packB()}
  ${block()}
  ${addBias()}
  ${sparseWat()}
  ${elementwiseWat()}
  ${expWat()}
  (global (export "MR") i32 (i32.const ${MR}))
  (global (export "NR") i32 (i32.const ${NR})))
`;
}
