// The few array operations the end-to-end workloads share, written to do what
// the numpy expressions of the posts do, in the same order of operations.
import { kernel, resident } from "nnts";

/** out = x·W + b (numpy: np.dot(x, W) + b). */
export function affine(x: Float64Array, w: Float64Array, b: Float64Array, rows: number, nIn: number, nOut: number, out = new Float64Array(rows * nOut)): Float64Array {
  kernel().gemm(false, false, rows, nOut, nIn, x, w, out, false, b); // the product, then + b
  return out;
}

/** Column sums, row after row (numpy: np.sum(x, axis=0) on a C-ordered matrix). */
export function sumRows(x: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j] += x[i * cols + j];
  return out;
}

/**
 * Row i of `source` (width cols) for each index: numpy's x[indices]. Through the
 * kernel, as the library's Tensor.take does (the wasm kernel copies between arrays in
 * its memory with memory.copy, on both threads).
 */
export function gatherRows(source: Float64Array, cols: number, indices: ArrayLike<number>, out = new Float64Array(indices.length * cols)): Float64Array {
  const k = kernel();
  if (k.gatherRows) k.gatherRows(source, cols, indices, out);
  else for (let r = 0; r < indices.length; r++) out.set(source.subarray(indices[r] * cols, (indices[r] + 1) * cols), r * cols);
  return out;
}

/** The first index of each row's maximum (numpy: np.argmax(x, axis=1)). */
export function argmaxRows(x: Float64Array, rows: number, cols: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let j = 1; j < cols; j++) if (x[i * cols + j] > x[i * cols + best]) best = j;
    out[i] = best;
  }
  return out;
}

/** A copy of `values` in the kernel's memory (kernelArray), which products read and write in place. */
export function kernelCopy(values: Float64Array): Float64Array {
  const out = resident([values.length]).data;
  out.set(values);
  return out;
}
