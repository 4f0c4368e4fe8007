// MLPClassifier's numerics as scikit-learn computes them: softmax, log_loss with numpy's
// order of additions, and LabelBinarizer's one-hot targets. Apart from mlp-classifier.ts
// so that it reads as the classifier itself; not part of the public API.
import { pairwiseSum, Tensor } from "../tensor";

/**
 * scikit-learn's softmax: each row minus its maximum, exp, divided by the row's sum. numpy sums
 * a row pairwise, which the kernel's softmaxRows does not, hence this loop.
 */
export function softmax(z: Tensor): Tensor {
  const [rows, cols] = z.shape;
  const x = z.data, out = new Float64Array(z.size);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (x[o + j] > max) max = x[o + j];
    for (let j = 0; j < cols; j++) out[o + j] = Math.exp(x[o + j] - max);
    const sum = pairwiseSum(out, o, cols, 1);
    for (let j = 0; j < cols; j++) out[o + j] /= sum;
  }
  return new Tensor(out, z.shape);
}

/**
 * log_loss (binary_log_loss for one output): probabilities clipped to [ε, 1 − ε] with ε the
 * float64 machine epsilon, then −Σ xlogy(y, p) / n over the whole matrix.
 */
export function logLoss(Y: Tensor, output: Tensor): number {
  const eps = 2 ** -52;
  const p = output.clip(eps, 1 - eps).data, y = Y.data;
  const terms = new Float64Array(p.length);
  // xlogy(y, p) is 0 where y is 0, whatever p.
  for (let i = 0; i < p.length; i++) terms[i] = y[i] === 0 ? 0 : y[i] * Math.log(p[i]);
  let total = numpySum(terms);
  if (Y.shape[1] === 1) {
    for (let i = 0; i < p.length; i++) terms[i] = y[i] === 1 ? 0 : (1 - y[i]) * Math.log(1 - p[i]);
    total += numpySum(terms);
  }
  return -total / output.shape[0];
}

/**
 * numpy's sum of a whole matrix: pairwise within blocks of 8192 values (its iterator's buffer),
 * the blocks' sums added one after the other; a single pairwise sum differs in the last bits.
 */
function numpySum(values: Float64Array): number {
  let total = 0;
  for (let start = 0; start < values.length; start += 8192) total += pairwiseSum(values, start, Math.min(8192, values.length - start), 1);
  return total;
}

/** LabelBinarizer.transform: a one-hot row per label over the sorted classes, or one 0/1 column (classes[1]) for two. */
export function binarize(labels: ArrayLike<number>, classes: number[]): Tensor {
  const index = new Map(classes.map((c, k) => [c, k]));
  const cols = classes.length === 2 ? 1 : classes.length;
  const out = new Float64Array(labels.length * cols);
  for (let i = 0; i < labels.length; i++) {
    const k = index.get(labels[i]) as number;
    if (cols === 1) out[i] = k;
    else out[i * cols + k] = 1;
  }
  return new Tensor(out, [labels.length, cols]);
}
