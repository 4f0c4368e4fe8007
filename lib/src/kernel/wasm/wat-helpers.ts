// What the two generators of WebAssembly text (wat.ts, sparse-wat.ts) share.

/** Bytes per float64. */
export const F64 = 8;

/** 0, 1, …, n − 1: the unrolled lanes, rows or registers of a generated loop. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
