// Post 000 §3.3, after Python Machine Learning ch. 2 (ch02.py, class AdalineGD:
// __init__, fit, net_input, activation, predict): a linear unit φ(z) = z trained by
// full-batch gradient descent on the sum of squared errors J(w) = ½ Σ (y − φ(z))².
// Only the final prediction is thresholded; the weights learn from the real-valued output.
import { checkAllFinite, checkInteger, checkPositive, checkSeed } from "../checks";
import { Rng } from "../random";
import { shapeString, Tensor } from "../tensor";

export interface AdalineOptions {
  /** Learning rate η (학습률), default 0.01 as in the post. */
  eta?: number;
  /** Epochs: passes over the whole training set, default 50. */
  nIter?: number;
  /** Seed of the numpy-compatible stream the initial weights come from, default 1. */
  seed?: number;
}

export class AdalineGD {
  readonly eta: number;
  readonly nIter: number;
  readonly seed: number;
  /** w[0] is the bias, w[1..m] the feature weights; empty until fit. */
  w = new Float64Array(0);
  /** J(w) of each epoch, computed from the errors before that epoch's update. */
  costs: number[] = [];
  /** The weights before training and after each epoch (nIter + 1 copies): the path gradient descent took. */
  weightHistory: Float64Array[] = [];
  /** The first epoch (1-based) whose cost was not a finite number, or null: the run diverged there. */
  divergedAt: number | null = null;

  constructor(options: AdalineOptions = {}) {
    const { eta = 0.01, nIter = 50, seed = 1 } = options;
    this.eta = checkPositive("AdalineGD", "eta", eta);
    this.nIter = checkInteger("AdalineGD", "nIter", nIter, 1);
    this.seed = checkSeed("AdalineGD", "seed", seed);
  }

  /**
   * Trains on X (samples × features) and targets y of −1 or 1. A learning rate that is too
   * large makes the cost grow without bound; training still completes (as numpy would) and
   * `divergedAt` records the first epoch whose cost overflowed to Infinity or NaN.
   */
  fit(X: Tensor, y: Tensor | ArrayLike<number>): this {
    const targets = new Tensor(Float64Array.from(checkTrainingData(X, y)), [X.shape[0]]);
    // rgen.normal(loc=0.0, scale=0.01, size=1 + X.shape[1]): the same draws as the post.
    this.w = Rng.numpy(this.seed).normalArray(0, 0.01, 1 + X.shape[1]);
    this.costs = [];
    this.weightHistory = [this.w.slice()];
    this.divergedAt = null;
    for (let epoch = 1; epoch <= this.nIter; epoch++) {
      const output = this.activation(this.netInput(X));
      const errors = targets.sub(output);
      const step = X.T.dot(errors); // −∂J/∂w_j = Σ_i (y_i − φ(z_i)) x_ij
      for (let j = 0; j < step.size; j++) this.w[j + 1] += this.eta * step.data[j];
      this.w[0] += this.eta * errors.sum().item();
      const cost = errors.square().sum().item() / 2;
      this.costs.push(cost);
      this.weightHistory.push(this.w.slice());
      if (this.divergedAt === null && !Number.isFinite(cost)) this.divergedAt = epoch;
    }
    return this;
  }

  /** z = w₀ + Σ_j w_j x_j for every row of X. */
  netInput(X: Tensor): Tensor {
    this.checkInput(X, "netInput");
    return X.dot(new Tensor(this.w.subarray(1), [this.w.length - 1])).add(this.w[0]);
  }

  /** φ(z) = z: the identity, kept as a step so the structure matches the post. */
  activation(z: Tensor): Tensor {
    return z;
  }

  /** Class 1 where φ(z) ≥ 0, else −1. Refuses to answer with weights that overflowed. */
  predict(X: Tensor): Tensor {
    if (!this.w.every(Number.isFinite)) {
      throw new Error(`AdalineGD.predict: the weights are not finite (training diverged at epoch ${this.divergedAt}); lower eta or standardise the features`);
    }
    return this.activation(this.netInput(X)).map((v) => (v >= 0 ? 1 : -1));
  }

  private checkInput(X: Tensor, op: string): void {
    if (this.w.length === 0) throw new Error(`AdalineGD.${op}: call fit first`);
    if (X.ndim !== 2 || X.shape[1] !== this.w.length - 1) {
      throw new Error(`AdalineGD.${op}: X must be samples × ${this.w.length - 1} features (as in fit), got ${shapeString(X.shape)}`);
    }
    checkAllFinite(`AdalineGD.${op}`, "X", X.data, X.shape[1]);
  }
}

function checkTrainingData(X: Tensor, y: Tensor | ArrayLike<number>): ArrayLike<number> {
  const op = "AdalineGD.fit";
  if (X.ndim !== 2) throw new Error(`${op}: X must be a matrix (samples × features), got shape ${shapeString(X.shape)}`);
  const [n, m] = X.shape;
  if (n === 0 || m === 0) throw new Error(`${op}: X ${shapeString(X.shape)} is empty`);
  const targets = y instanceof Tensor ? y.data : y;
  if (y instanceof Tensor && y.ndim !== 1) throw new Error(`${op}: y must be a vector of targets, got shape ${shapeString(y.shape)}`);
  if (targets.length !== n) throw new Error(`${op}: X ${shapeString(X.shape)} has ${n} rows but y has ${targets.length} targets`);
  for (let i = 0; i < X.size; i++) {
    if (!Number.isFinite(X.data[i])) throw new Error(`${op}: X[${Math.floor(i / m)}][${i % m}] = ${X.data[i]} is not a finite number`);
  }
  for (let i = 0; i < n; i++) {
    if (targets[i] !== 1 && targets[i] !== -1) throw new Error(`${op}: y[${i}] = ${targets[i]}: targets must be −1 or 1 (map the class labels first, e.g. setosa → −1)`);
  }
  return targets;
}
