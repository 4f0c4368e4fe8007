// Loss functions (post 003 §4.2, post 001 "손실함수"): how far the outputs y are
// from the targets t. Bad input is refused rather than turned into NaN.
import { checkAllFinite, checkSameShape } from "./checks";
import { shapeString, Tensor } from "./tensor";

/** Added inside the logarithm so that a probability of 0 gives a large loss, not log(0) = −Infinity. */
export const LOG_GUARD = 1e-7;

function checkProbabilities(y: Tensor, op: string): void {
  for (let i = 0; i < y.size; i++) {
    const v = y.data[i];
    if (!(v >= 0 && v <= 1)) throw new Error(`${op}: y[${i}] = ${v} is not a probability in [0, 1]`);
  }
}

/** E = ½ Σ (y − t)², summed as numpy sums, so the printed digits match. */
export function sumSquaresError(y: Tensor, t: Tensor): number {
  if (y.size === 0) throw new Error("sumSquaresError: empty input");
  checkSameShape("sumSquaresError", "t", t.shape, "y's", y.shape);
  // numpy would return NaN; a loss of a NaN output says nothing, so name the value instead.
  checkAllFinite("sumSquaresError", "y", y.data);
  checkAllFinite("sumSquaresError", "t", t.data);
  return 0.5 * y.sub(t).square().sum().item();
}

/**
 * Cross-entropy E = −(1/N) Σ t·log(y + 1e-7), averaged over a batch of N rows.
 * `t` is either one-hot (same shape as y) or the correct class of each row
 * (N labels); both give the same value. A vector y is a batch of one.
 */
export function crossEntropyError(y: Tensor, t: Tensor): number {
  return crossEntropy("crossEntropyError", y, t, LOG_GUARD);
}

/**
 * Post 001's own cross_entropy_error, E = −(1/N) Σ log y[label], without the 1e-7 guard:
 * the loss numerical gradients of DLFS's printouts differentiate. A probability of 0 at the
 * correct class gives log(0) = −Infinity and a loss of Infinity (numpy: inf, with a warning).
 * `t` as for crossEntropyError; one-hot rows become their labels, as the post's argmax does.
 */
export function crossEntropyErrorUnguarded(y: Tensor, t: Tensor): number {
  return crossEntropy("crossEntropyErrorUnguarded", y, t, 0);
}

function crossEntropy(op: string, y: Tensor, t: Tensor, guard: number): number {
  if (y.ndim !== 1 && y.ndim !== 2) throw new Error(`${op}: y must be a vector or a batch of rows, got ${shapeString(y.shape)}`);
  const rows = y.ndim === 1 ? 1 : y.shape[0];
  const cols = y.shape[y.ndim - 1];
  if (rows === 0 || cols === 0) throw new Error(`${op}: empty batch ${shapeString(y.shape)}`);
  checkProbabilities(y, op);
  const oneHot = t.size === y.size && (t.ndim === y.ndim || rows === 1);
  if (!oneHot && t.size !== rows) {
    throw new Error(`${op}: t ${shapeString(t.shape)} is neither one-hot like y ${shapeString(y.shape)} nor one label per row (${rows})`);
  }
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const label = oneHot ? oneHotLabel(t, r, cols, op) : t.data[r];
    if (!Number.isInteger(label) || label < 0 || label >= cols) throw new Error(`${op}: label ${label} of row ${r} is not a class in 0..${cols - 1}`);
    // With guard 0 this is log(y) itself: y + 0 is y, bit for bit.
    total += Math.log(y.data[r * cols + label] + guard);
  }
  return -total / rows;
}

function oneHotLabel(t: Tensor, row: number, cols: number, op: string): number {
  let label = -1;
  for (let j = 0; j < cols; j++) {
    const v = t.data[row * cols + j];
    if (v === 1 && label < 0) label = j;
    else if (v !== 0) throw new Error(`${op}: row ${row} of t is not one-hot (t[${row}][${j}] = ${v})`);
  }
  if (label < 0) throw new Error(`${op}: row ${row} of t is all zeros, not one-hot`);
  return label;
}
