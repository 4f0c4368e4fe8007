// What the two generators of WebAssembly text (wat.ts, sparse-wat.ts) share.

/** Bytes per float64. */
export const F64 = 8;

/** 0, 1, …, n − 1: the unrolled lanes, rows or registers of a generated loop. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * The loop nest both products share, as text: blocks of at most $kcMax values of p
 * (each block going on from the sums of the previous one; $first is 1 only in the
 * first block of a fresh product), and in each block the rows $i = $i0 .. $i1 − 1 in
 * steps of `rowStep` (0: `rowBody` moves $i on itself), each running `rowBody`.
 * Uses the locals $pc, $kc, $first, $i.
 */
export function blocksOfRows(rowStep: number, rowBody: string): string {
  return `
    (loop $blocks
      (local.set $kc (i32.sub (local.get $k) (local.get $pc)))
      (if (i32.gt_s (local.get $kc) (local.get $kcMax)) (then (local.set $kc (local.get $kcMax))))
      (local.set $first (i32.and (local.get $fresh) (i32.eqz (local.get $pc))))
      (local.set $i (local.get $i0))
      (block $rows_done (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $i) (local.get $i1)))${rowBody}
        (local.set $i (i32.add (local.get $i) (i32.const ${rowStep})))
        (br $rows)))
      (local.set $pc (i32.add (local.get $pc) (local.get $kcMax)))
      (br_if $blocks (i32.lt_s (local.get $pc) (local.get $k))))`;
}

/**
 * A loop over the $n float64 at $out (and the other `pointers`, moved on with it):
 * `pair` for two values at a time, then `last` for an odd last one. Uses the local $end.
 */
export function pairsThenLast(pointers: string[], pair: string, last: string): string {
  const advance = (bytes: number) => pointers.map((p) => `(local.set ${p} (i32.add (local.get ${p}) (i32.const ${bytes})))`).join(" ");
  return `
    (local.set $end (i32.add (local.get $out) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $pairs_done (loop $pairs
      (br_if $pairs_done (i32.ge_u (local.get $out) (local.get $end)))
      ${pair}
      ${advance(2 * F64)}
      (br $pairs)))
    (if (i32.and (local.get $n) (i32.const 1)) (then ${last}))`;
}
