// Post 002 §10.1.3, after Hands-On Machine Learning ch. 10, which trains scikit-learn's
// Perceptron (sklearn.linear_model.Perceptron: fit, decision_function, predict, score):
// SGDClassifier with the perceptron loss max(0, −y·z), eta0 = 1 and no penalty. Weights
// start at zero; each epoch visits the samples in a new shuffled order and moves the weights
// by eta0·y·x (the intercept by eta0·y) wherever y·z ≤ 0; training stops once the summed
// loss has failed nIterNoChange epochs in a row to beat the best so far by tol·n. The shuffle
// draws from the course Rng, not scikit-learn's generator, so its orders and final weights
// differ from scikit-learn's.

import { argumentError, checkInteger, checkPositive, checkSeed, describe } from "../checks";
import { Rng } from "../random";
import { Tensor } from "../tensor";
import { checkLabelCount, checkPerceptronFeatures, CheckedFeatures, FeatureRows, LabelArray } from "./perceptron";

export interface SklearnPerceptronOptions {
  /** Most epochs (max_iter); default 1000. */
  maxIter?: number;
  /** Stop when the loss has not improved by tol·n for nIterNoChange epochs; null: run all maxIter epochs. Default 1e-3. */
  tol?: number | null;
  /** Epochs without improvement before stopping (n_iter_no_change); default 5. */
  nIterNoChange?: number;
  /** Constant learning rate (eta0); default 1. */
  eta0?: number;
  /** Visit the samples in a new random order every epoch; default true. */
  shuffle?: boolean;
  /** Seed of the shuffling generator, Rng.numpy(seed) (random_state); default 0 as in scikit-learn. */
  seed?: number;
}

export class SklearnPerceptron {
  readonly maxIter: number;
  readonly tol: number | null;
  readonly nIterNoChange: number;
  readonly eta0: number;
  readonly shuffle: boolean;
  readonly seed: number;
  /** The two class labels, sorted; classes[1] is the positive class (z > 0). */
  classes: number[] = [];
  /** Feature weights (coef_[0]). */
  coef: Float64Array = new Float64Array(0);
  /** Bias (intercept_[0]). */
  intercept = 0;
  /** Epochs run (n_iter_). */
  nIter = 0;
  /** Summed perceptron loss max(0, −y·z) per epoch, z taken before each sample's update. */
  losses: number[] = [];
  /** Updates (samples with y·z ≤ 0) per epoch. */
  errors: number[] = [];
  /** True when the tol rule stopped training; false when it ran all maxIter epochs (scikit-learn warns then). */
  converged = false;

  constructor(options: SklearnPerceptronOptions = {}) {
    const { maxIter = 1000, tol = 1e-3, nIterNoChange = 5, eta0 = 1, shuffle = true, seed = 0 } = options;
    const fn = "SklearnPerceptron";
    this.maxIter = checkInteger(fn, "maxIter", maxIter, 1);
    // tol may be null (scikit-learn's tol=None: no stopping rule), so no single check fits it.
    if (tol !== null && !(Number.isFinite(tol) && tol >= 0)) throw argumentError(fn, "tol", "a finite number ≥ 0 or null", describe(tol));
    this.tol = tol;
    this.nIterNoChange = checkInteger(fn, "nIterNoChange", nIterNoChange, 1);
    this.eta0 = checkPositive(fn, "eta0", eta0);
    this.shuffle = shuffle;
    this.seed = checkSeed(fn, "seed", seed);
  }

  /** Learns from X (n × m) and y holding exactly two distinct labels, e.g. 0/1. */
  fit(X: FeatureRows, labels: LabelArray): this {
    const { data, rows, cols } = checkPerceptronFeatures(X, "SklearnPerceptron.fit");
    const y = checkLabelCount(labels, rows, "SklearnPerceptron.fit");
    this.classes = twoClasses(y);
    // Targets in {−1, +1}: the larger label is the positive class, as in scikit-learn.
    const target = new Float64Array(rows);
    for (let i = 0; i < rows; i++) target[i] = y[i] === this.classes[1] ? 1 : -1;

    const w = new Float64Array(cols);
    let b = 0;
    const rng = Rng.numpy(this.seed);
    const order = Array.from({ length: rows }, (_, i) => i);
    const threshold = this.tol === null ? -Infinity : this.tol * rows;
    let bestLoss = Infinity;
    let noImprovement = 0;
    this.losses = [];
    this.errors = [];
    this.converged = false;
    let epoch = 0;
    while (epoch < this.maxIter) {
      epoch++;
      if (this.shuffle) rng.shuffle(order); // reshuffles the previous order, as scikit-learn's dataset does
      let sumLoss = 0;
      let updates = 0;
      for (const i of order) {
        const off = i * cols;
        let z = 0;
        for (let j = 0; j < cols; j++) z += w[j] * data[off + j];
        z += b;
        const margin = target[i] * z;
        if (margin <= 0) {
          sumLoss += -margin;
          const update = this.eta0 * target[i];
          for (let j = 0; j < cols; j++) w[j] += update * data[off + j];
          b += update;
          updates++;
        }
      }
      if (!Number.isFinite(b) || w.some((v) => !Number.isFinite(v))) {
        throw new Error(`SklearnPerceptron.fit: the weights overflowed in epoch ${epoch}; scale the features`);
      }
      this.losses.push(sumLoss);
      this.errors.push(updates);
      if (sumLoss > bestLoss - threshold) noImprovement++;
      else noImprovement = 0;
      if (sumLoss < bestLoss) bestLoss = sumLoss;
      if (noImprovement >= this.nIterNoChange) {
        this.converged = true;
        break;
      }
    }
    this.coef = w;
    this.intercept = b;
    this.nIter = epoch;
    return this;
  }

  /** z = x·coef + intercept per row (shape [n]); the sign says the class. */
  decisionFunction(X: FeatureRows): Tensor {
    const { data, rows, cols } = this.checkFitted(X, "decisionFunction");
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let z = 0;
      for (let j = 0; j < cols; j++) z += this.coef[j] * data[i * cols + j];
      out[i] = z + this.intercept;
    }
    return new Tensor(out, [rows]);
  }

  /** classes[1] where z > 0, else classes[0] (shape [n]). */
  predict(X: FeatureRows): Tensor {
    const z = this.decisionFunction(X);
    return z.map((v) => (v > 0 ? this.classes[1] : this.classes[0]));
  }

  /** Fraction of samples whose predicted label equals y. */
  score(X: FeatureRows, labels: LabelArray): number {
    const predicted = this.predict(X).data;
    const y = checkLabelCount(labels, predicted.length, "SklearnPerceptron.score");
    let right = 0;
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === y[i]) right++;
    return right / predicted.length;
  }

  private checkFitted(X: FeatureRows, method: string): CheckedFeatures {
    if (this.classes.length === 0) throw new Error(`SklearnPerceptron.${method}: call fit first`);
    return checkPerceptronFeatures(X, `SklearnPerceptron.${method}`, this.coef.length);
  }
}

// The sorted distinct labels; binary only (scikit-learn would train one-vs-rest for more).
function twoClasses(y: ArrayLike<number>): number[] {
  const seen = new Set<number>();
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw argumentError("SklearnPerceptron.fit", `y[${i}]`, "a finite number", describe(y[i]));
    seen.add(y[i]);
  }
  const classes = [...seen].sort((a, b) => a - b);
  if (classes.length !== 2) {
    throw argumentError("SklearnPerceptron.fit", "y", "labels of exactly two classes", `[${classes.slice(0, 10).join(", ")}${classes.length > 10 ? ", …" : ""}]`);
  }
  return classes;
}
