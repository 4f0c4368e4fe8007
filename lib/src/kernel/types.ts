/**
 * The arithmetic the models spend their time in. Every heavy loop in the library
 * goes through one of these, so a faster backend can replace the reference one
 * without touching a model. All arrays are row-major Float64Array.
 */
export interface Kernel {
  readonly name: string;
  /**
   * C = op(A)·op(B), or C += op(A)·op(B) when `accumulate`.
   * op(A) is m×k: A is stored m×k, or k×m when `transA`; op(B) is k×n: B is
   * stored k×n, or n×k when `transB`. C is m×n. With `bias` (n values), bias[j] is
   * then added to every element of column j: Affine's x·W + b, in that order.
   */
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number,
       a: Float64Array, b: Float64Array, c: Float64Array, accumulate: boolean, bias?: Float64Array): void;
  /**
   * A zero-filled array for data that many products read (weights, a data set, a
   * reused batch), placed where this kernel's products read it without copying.
   */
  allocate(length: number): Float64Array;
  /**
   * Row r of out (width values) = row indices[r] of src, indices already checked:
   * numpy's x[batch_mask].
   */
  gatherRows(src: Float64Array, width: number, indices: ArrayLike<number>, out: Float64Array): void;
  /** out[i] = x[i] limited to [lo, hi], lo ≤ hi: numpy's clip (NaN stays NaN). */
  clip(x: Float64Array, lo: number, hi: number, out: Float64Array): void;
  /** out[i] = 1 / (1 + exp(-x[i])) */
  sigmoid(x: Float64Array, out: Float64Array): void;
  /** out[i] = dout[i] · y[i] · (1 − y[i]), where y = sigmoid(x) */
  sigmoidBackward(y: Float64Array, dout: Float64Array, out: Float64Array): void;
  /** out[i] = max(0, x[i]), NaN where x[i] is NaN (numpy's np.maximum(0, x), DLFS's Relu) */
  relu(x: Float64Array, out: Float64Array): void;
  /** out[i] = x[i] <= 0 ? 0 : dout[i] (DLFS's mask x <= 0) */
  reluBackward(x: Float64Array, dout: Float64Array, out: Float64Array): void;
  /** out[i] = x[i] − factor · g[i]: a gradient-descent step (out === x updates in place). */
  subScaled(x: Float64Array, factor: number, g: Float64Array, out: Float64Array): void;
  /**
   * SGD's step over all parameters at once: xs[i][j] −= factor · gs[i][j], but only
   * if no gradient holds ±∞ or NaN. Returns −1 after the update, or the index i of
   * the first gradient that does (and then no x has changed). A gradient may be its
   * own x but must not share memory with another x.
   */
  subScaledAll(xs: Float64Array[], factor: number, gs: Float64Array[]): number;
  /** Softmax of each row of a rows×cols matrix, with the row maximum subtracted first. */
  softmaxRows(x: Float64Array, rows: number, cols: number, out: Float64Array): void;
}
