// Post 000 §2.3, after Python Machine Learning ch. 2 (ch02.py, class Perceptron:
// __init__, fit, net_input, predict): Rosenblatt's perceptron. Weights (bias first) start
// at small normal draws; each sample that is misclassified moves them by
// Δw = η (y − ŷ) x, and the number of such updates per epoch is recorded.

import { argumentError, checkInteger, checkPositive, checkSeed, describe, describeShape } from "../checks";
import { Rng } from "../random";
import { Tensor } from "../tensor";

export interface PerceptronOptions {
  /** Learning rate η (학습률), in (0, 1] as the post says; default 0.01. */
  eta?: number;
  /** Passes over the training set (epochs); default 50. */
  nIter?: number;
  /** Seed of the numpy-compatible generator that draws the initial weights (random_state); default 1. */
  seed?: number;
}

export class Perceptron {
  readonly eta: number;
  readonly nIter: number;
  readonly seed: number;
  /** Weights after fit, bias first: weights[0] is w₀, weights[1..m] multiply the features. */
  weights: Float64Array = new Float64Array(0);
  /** The weights fit drew before any update (normal(0, 0.01)). */
  initialWeights: Float64Array = new Float64Array(0);
  /** Misclassified samples (= updates) per epoch, one entry per epoch. */
  errors: number[] = [];

  constructor(options: PerceptronOptions = {}) {
    const { eta = 0.01, nIter = 50, seed = 1 } = options;
    this.eta = checkPositive("Perceptron", "eta", eta);
    this.nIter = checkInteger("Perceptron", "nIter", nIter, 1);
    this.seed = checkSeed("Perceptron", "seed", seed);
  }

  /** Learns from X (n × m) and labels y in {−1, 1}; returns the model, like the post's fit. */
  fit(X: FeatureRows, labels: LabelArray): this {
    const { data, rows, cols } = checkPerceptronFeatures(X, "Perceptron.fit");
    const y = checkLabelCount(labels, rows, "Perceptron.fit");
    for (let i = 0; i < rows; i++) {
      if (y[i] !== -1 && y[i] !== 1) throw argumentError("Perceptron.fit", `y[${i}]`, "−1 or 1", describe(y[i]));
    }
    // rgen = np.random.RandomState(seed); w = rgen.normal(0.0, 0.01, 1 + m)
    this.weights = Rng.numpy(this.seed).normalArray(0, 0.01, 1 + cols);
    this.initialWeights = this.weights.slice();
    this.errors = [];
    const w = this.weights;
    for (let epoch = 0; epoch < this.nIter; epoch++) {
      let errors = 0;
      for (let i = 0; i < rows; i++) {
        const off = i * cols;
        const update = this.eta * (y[i] - this.predictRow(data, off, cols));
        for (let j = 0; j < cols; j++) w[1 + j] += update * data[off + j];
        w[0] += update;
        if (update !== 0) errors++;
      }
      this.errors.push(errors);
    }
    return this;
  }

  /** z = xᵀw[1:] + w₀ for each row of X (shape [n]). */
  netInput(X: FeatureRows): Tensor {
    const { data, rows, cols } = this.checkFitted(X, "netInput");
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) out[i] = this.netInputRow(data, i * cols, cols);
    return new Tensor(out, [rows]);
  }

  /** +1 where the net input is ≥ 0, else −1 (shape [n]). */
  predict(X: FeatureRows): Tensor {
    const { data, rows, cols } = this.checkFitted(X, "predict");
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) out[i] = this.predictRow(data, i * cols, cols);
    return new Tensor(out, [rows]);
  }

  /** The class of one point, e.g. for decision-region plots. */
  predictOne(x: readonly number[]): number {
    return this.predict([x]).data[0];
  }

  // np.dot(x, w[1:]) + w[0], summed in the same order as numpy for short rows.
  private netInputRow(data: Float64Array, off: number, cols: number): number {
    let z = 0;
    for (let j = 0; j < cols; j++) z += data[off + j] * this.weights[1 + j];
    return z + this.weights[0];
  }

  private predictRow(data: Float64Array, off: number, cols: number): number {
    return this.netInputRow(data, off, cols) >= 0 ? 1 : -1;
  }

  private checkFitted(X: FeatureRows, method: string): CheckedFeatures {
    if (this.weights.length === 0) throw new Error(`Perceptron.${method}: call fit first`);
    return checkPerceptronFeatures(X, `Perceptron.${method}`, this.weights.length - 1);
  }
}

// ---- Features and labels, shared with SklearnPerceptron ----------------------------------

/** Features as the course passes them: a 2-d Tensor or rows of numbers. */
export type FeatureRows = Tensor | readonly (readonly number[])[];

/** Features checked and flattened row-major: what the models loop over. */
export interface CheckedFeatures {
  data: Float64Array;
  rows: number;
  cols: number;
}

/**
 * X as a dense n×m matrix with n ≥ 1, m ≥ 1 (m = `features` when given, the count the
 * model was fitted on) and every value finite; otherwise an error naming `fn`.
 */
export function checkPerceptronFeatures(X: FeatureRows, fn: string, features?: number): CheckedFeatures {
  let data: Float64Array, rows: number, cols: number;
  if (X instanceof Tensor) {
    if (X.ndim !== 2) throw argumentError(fn, "X", "a matrix (samples × features)", `shape ${describeShape(X.shape)}`);
    [rows, cols] = X.shape;
    data = X.data;
  } else {
    if (!Array.isArray(X)) throw argumentError(fn, "X", "a Tensor or an array of rows", typeof X);
    rows = X.length;
    cols = rows > 0 ? X[0].length : 0;
    data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = X[i];
      if (!Array.isArray(row) || row.length !== cols) {
        throw argumentError(fn, `X[${i}]`, `of length ${cols} like X[0]`, Array.isArray(row) ? `length ${row.length}` : typeof row);
      }
      for (let j = 0; j < cols; j++) data[i * cols + j] = row[j];
    }
  }
  if (rows === 0 || cols === 0) throw argumentError(fn, "X", "a non-empty matrix (samples × features)", `shape ${describeShape([rows, cols])}`);
  if (features !== undefined && cols !== features) {
    throw argumentError(fn, "X", `of shape (n×${features}) as in fit`, `shape ${describeShape([rows, cols])}`);
  }
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) throw argumentError(fn, `X[${Math.floor(k / cols)}][${k % cols}]`, "a finite number", describe(data[k]));
  }
  return { data, rows, cols };
}

/** Labels as the course passes them: an array, a typed array or a 1-d Tensor. */
export type LabelArray = ArrayLike<number> | Tensor;

/** y as numbers, one per sample of X. */
export function checkLabelCount(y: LabelArray, rows: number, fn: string): ArrayLike<number> {
  if (y instanceof Tensor) {
    if (y.ndim !== 1) throw argumentError(fn, "y", "a vector of labels", `shape ${describeShape(y.shape)}`);
    y = y.data;
  }
  if (y === null || y === undefined || typeof y.length !== "number") throw argumentError(fn, "y", "an array of labels", describe(y));
  if (y.length !== rows) throw argumentError(fn, "y", `one label per sample of X (${rows})`, `${y.length}`);
  return y;
}
