// Post 000's NeuralNetMLP (Raschka): 784-100-10, sigmoid hidden and output layers,
// logistic cost with L2, minibatches of 100 drawn from a shuffled order, then the
// per-epoch evaluation (a forward pass for the cost, one for the training accuracy,
// one for validation). One epoch, the same steps as in bench/numpy_bench.py.
import { kernel, pairwiseSum, Rng, resident } from "nnts";
import { affine, argmaxRows, gatherRows, kernelCopy, sumRows } from "./layers";
import { MnistArrays } from "./mnist-arrays";

export interface MlpEpochResult {
  cost: number;
  train_acc: number;
  valid_acc: number;
}

const FEATURES = 784, HIDDEN = 100, OUTPUT = 10;
const L2 = 0.01, ETA = 0.0005, MINIBATCH = 100, SEED = 1, TRAIN = 55000;

/**
 * numpy: 1. / (1. + np.exp(-np.clip(z, -250, 250))): the clip, then the kernel's
 * sigmoid, 1 / (1 + exp(−z)) with Math.exp's values, in place.
 */
function sigmoid(z: Float64Array): Float64Array {
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) out[i] = z[i] < -250 ? -250 : z[i] > 250 ? 250 : z[i];
  kernel().sigmoid(out, out);
  return out;
}

interface Weights { wH: Float64Array; bH: Float64Array; wOut: Float64Array; bOut: Float64Array }

function forward(w: Weights, x: Float64Array, rows: number) {
  const aH = sigmoid(affine(x, w.wH, w.bH, rows, FEATURES, HIDDEN));
  const zOut = affine(aH, w.wOut, w.bOut, rows, HIDDEN, OUTPUT);
  return { aH, zOut, aOut: sigmoid(zOut) };
}

/** w -= eta · (g + l2·w); b -= eta · gb */
function update(w: Float64Array, g: Float64Array, b: Float64Array, gb: Float64Array): void {
  for (let i = 0; i < w.length; i++) w[i] -= ETA * (g[i] + L2 * w[i]);
  for (let i = 0; i < b.length; i++) b[i] -= ETA * gb[i];
}

function accuracy(labels: Uint8Array, predicted: Int32Array): number {
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) hits++;
  return hits / labels.length;
}

export function mlpEpoch(all: MnistArrays): MlpEpochResult {
  const rng = Rng.numpy(SEED);
  const xTrain = all.x.subarray(0, TRAIN * FEATURES), yTrain = all.labels.subarray(0, TRAIN);
  const xValid = all.x.subarray(TRAIN * FEATURES), yValid = all.labels.subarray(TRAIN);
  // The weights, the batch and the weight gradients live in the kernel's memory (kernelArray),
  // where the products read and write them in place.
  const w: Weights = {
    bH: new Float64Array(HIDDEN),
    wH: kernelCopy(rng.normalArray(0, 0.1, FEATURES * HIDDEN)),
    bOut: new Float64Array(OUTPUT),
    wOut: kernelCopy(rng.normalArray(0, 0.1, HIDDEN * OUTPUT)),
  };
  const xb = resident([MINIBATCH * FEATURES]).data;
  const gradWH = resident([FEATURES * HIDDEN]).data, gradWOut = resident([HIDDEN * OUTPUT]).data;
  const yEnc = new Float64Array(TRAIN * OUTPUT);
  for (let i = 0; i < TRAIN; i++) yEnc[i * OUTPUT + yTrain[i]] = 1;

  const indices = Array.from({ length: TRAIN }, (_, i) => i);
  rng.shuffle(indices);
  for (let start = 0; start + MINIBATCH <= TRAIN; start += MINIBATCH) {
    const batch = indices.slice(start, start + MINIBATCH);
    gatherRows(xTrain, FEATURES, batch, xb);
    const { aH, aOut } = forward(w, xb, MINIBATCH);
    const yb = gatherRows(yEnc, OUTPUT, batch);
    const deltaOut = aOut.map((v, i) => v - yb[i]);
    const deltaH = new Float64Array(MINIBATCH * HIDDEN);
    kernel().gemm(false, true, MINIBATCH, HIDDEN, OUTPUT, deltaOut, w.wOut, deltaH, false);
    for (let i = 0; i < deltaH.length; i++) deltaH[i] *= aH[i] * (1 - aH[i]);
    kernel().gemm(true, false, FEATURES, HIDDEN, MINIBATCH, xb, deltaH, gradWH, false);
    kernel().gemm(true, false, HIDDEN, OUTPUT, MINIBATCH, aH, deltaOut, gradWOut, false);
    update(w.wH, gradWH, w.bH, sumRows(deltaH, MINIBATCH, HIDDEN));
    update(w.wOut, gradWOut, w.bOut, sumRows(deltaOut, MINIBATCH, OUTPUT));
  }

  // Evaluation after the epoch: cost on the whole training set, then the two accuracies,
  // each a forward pass over its set as in the post, taken EVAL_ROWS rows at a time
  // (rows are independent). The cost's terms are summed as np.sum does (pairwise).
  const terms = new Float64Array(TRAIN * OUTPUT);
  forEachChunk(TRAIN, (r0, rows) => {
    const { aOut } = forward(w, xTrain.subarray(r0 * FEATURES, (r0 + rows) * FEATURES), rows);
    for (let i = 0, at = r0 * OUTPUT; i < aOut.length; i++, at++) terms[at] = -yEnc[at] * Math.log(aOut[i]) - (1 - yEnc[at]) * Math.log(1 - aOut[i]);
  });
  const sumOfSquares = (x: Float64Array) => pairwiseSum(x.map((v) => v * v), 0, x.length, 1);
  const cost = pairwiseSum(terms, 0, terms.length, 1) + L2 * (sumOfSquares(w.wH) + sumOfSquares(w.wOut));
  return { cost, train_acc: accuracy(yTrain, predict(w, xTrain, TRAIN)), valid_acc: accuracy(yValid, predict(w, xValid, yValid.length)) };
}

/** Rows per forward pass of the evaluation: a chunk's hidden layer (1.6 MB) stays in the cache. */
const EVAL_ROWS = 2048;

function forEachChunk(rows: number, f: (r0: number, rows: number) => void): void {
  for (let r0 = 0; r0 < rows; r0 += EVAL_ROWS) f(r0, Math.min(EVAL_ROWS, rows - r0));
}

/** The post's predict: argmax of z_out, row by row. */
function predict(w: Weights, x: Float64Array, rows: number): Int32Array {
  const out = new Int32Array(rows);
  forEachChunk(rows, (r0, n) => out.set(argmaxRows(forward(w, x.subarray(r0 * FEATURES, (r0 + n) * FEATURES), n).zOut, n, OUTPUT), r0));
  return out;
}
