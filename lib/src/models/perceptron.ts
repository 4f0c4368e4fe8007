// Post 000 §2.3: Rosenblatt's perceptron as Raschka writes it. Weights (bias first) start
// at small normal draws; each sample that is misclassified moves them by
// Δw = η (y − ŷ) x, and the number of such updates per epoch is recorded.

import { Rng } from "../random";
import { shapeString, Tensor } from "../tensor";

/** Features as the course passes them: a 2-d Tensor or rows of numbers. */
export type FeatureRows = Tensor | readonly (readonly number[])[];

/** Features checked and flattened row-major: what the models loop over. */
export interface CheckedFeatures {
  data: Float64Array;
  rows: number;
  cols: number;
}

/**
 * X as a dense n×m matrix with n ≥ 1, m ≥ 1 and every value finite; otherwise an error
 * that names `where`, the shape and the first bad value.
 */
export function checkPerceptronFeatures(X: FeatureRows, where: string): CheckedFeatures {
  let data: Float64Array, rows: number, cols: number;
  if (X instanceof Tensor) {
    if (X.ndim !== 2) throw new Error(`${where}: X must be a matrix (samples × features), got shape ${shapeString(X.shape)}`);
    [rows, cols] = X.shape;
    data = X.data;
  } else {
    if (!Array.isArray(X)) throw new Error(`${where}: X must be a Tensor or an array of rows, got ${typeof X}`);
    rows = X.length;
    cols = rows > 0 ? X[0].length : 0;
    data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const row = X[i];
      if (!Array.isArray(row) || row.length !== cols) {
        throw new Error(`${where}: X is ragged: row 0 has ${cols} values, row ${i} has ${Array.isArray(row) ? row.length : "none"}`);
      }
      for (let j = 0; j < cols; j++) data[i * cols + j] = row[j];
    }
  }
  if (rows === 0) throw new Error(`${where}: X is empty (0 samples)`);
  if (cols === 0) throw new Error(`${where}: X has ${rows} samples but 0 features`);
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      throw new Error(`${where}: X[${Math.floor(k / cols)}][${k % cols}] is ${data[k]}; features must be finite numbers`);
    }
  }
  return { data, rows, cols };
}

/** Labels as the course passes them: an array, a typed array or a 1-d Tensor. */
export type LabelArray = ArrayLike<number> | Tensor;

/** y as numbers, one per sample of X. */
export function checkLabelCount(y: LabelArray, rows: number, where: string): ArrayLike<number> {
  if (y instanceof Tensor) {
    if (y.ndim !== 1) throw new Error(`${where}: y must be a vector of labels, got shape ${shapeString(y.shape)}`);
    y = y.data;
  }
  if (y === null || y === undefined || typeof y.length !== "number") throw new Error(`${where}: y must be an array of labels`);
  if (y.length !== rows) throw new Error(`${where}: X has ${rows} samples but y has ${y.length} labels`);
  return y;
}

export interface PerceptronOptions {
  /** Learning rate η (학습률), in (0, 1] as the post says; default 0.01. */
  eta?: number;
  /** Passes over the training set (epochs); default 50. */
  nIter?: number;
  /** Seed of the numpy-compatible generator that draws the initial weights; default 1. */
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
    if (!(Number.isFinite(eta) && eta > 0)) throw new Error(`Perceptron: eta (learning rate) must be a number > 0, got ${eta}`);
    if (!(Number.isInteger(nIter) && nIter >= 1)) throw new Error(`Perceptron: nIter (epochs) must be an integer ≥ 1, got ${nIter}`);
    if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) throw new Error(`Perceptron: seed must be an integer in [0, 2^32), got ${seed}`);
    this.eta = eta;
    this.nIter = nIter;
    this.seed = seed;
  }

  /** Learns from X (n × m) and labels y in {−1, 1}; returns the model, like the post's fit. */
  fit(X: FeatureRows, labels: LabelArray): this {
    const { data, rows, cols } = checkPerceptronFeatures(X, "Perceptron.fit");
    const y = checkLabelCount(labels, rows, "Perceptron.fit");
    for (let i = 0; i < rows; i++) {
      if (y[i] !== -1 && y[i] !== 1) throw new Error(`Perceptron.fit: label y[${i}] = ${y[i]}; labels must be −1 or 1`);
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
    const checked = checkPerceptronFeatures(X, `Perceptron.${method}`);
    const m = this.weights.length - 1;
    if (checked.cols !== m) throw new Error(`Perceptron.${method}: X has ${checked.cols} features but the model was fitted on ${m}`);
    return checked;
  }
}
