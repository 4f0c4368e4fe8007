// Adaline (ADAptive LInear NEuron, post 000 §3.3): a linear unit φ(z) = z trained by
// full-batch gradient descent on the sum of squared errors J(w) = ½ Σ (y − φ(z))².
// Only the final prediction is thresholded; the weights learn from the real-valued output.
import { kernel } from "../kernel";
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
    if (!(Number.isFinite(eta) && eta > 0)) throw new Error(`AdalineGD: eta must be a positive finite number, got ${eta}`);
    if (!(Number.isInteger(nIter) && nIter >= 1)) throw new Error(`AdalineGD: nIter must be an integer ≥ 1, got ${nIter}`);
    if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) throw new Error(`AdalineGD: seed must be an integer in [0, 2^32 − 1], got ${seed}`);
    this.eta = eta;
    this.nIter = nIter;
    this.seed = seed;
  }

  /**
   * Trains on X (samples × features) and targets y of −1 or 1. A learning rate that is too
   * large makes the cost grow without bound; training still completes (as numpy would) and
   * `divergedAt` records the first epoch whose cost overflowed to Infinity or NaN.
   */
  fit(X: Tensor, y: Tensor | ArrayLike<number>): this {
    const targets = checkTrainingData(X, y);
    const [n, m] = X.shape;
    // rgen.normal(loc=0.0, scale=0.01, size=1 + m): the same draws as the post.
    this.w = Rng.numpy(this.seed).normalArray(0, 0.01, 1 + m);
    this.costs = [];
    this.weightHistory = [this.w.slice()];
    this.divergedAt = null;
    const errors = new Float64Array(n);
    const grad = new Float64Array(m);
    for (let epoch = 1; epoch <= this.nIter; epoch++) {
      const output = this.activation(this.netInput(X));
      for (let i = 0; i < n; i++) errors[i] = targets[i] - output.data[i];
      // −∂J/∂w_j = Σ_i (y_i − φ(z_i)) x_ij, i.e. Xᵀ·errors; for the bias x_i0 = 1.
      kernel().gemm(true, false, m, 1, n, X.data, errors, grad, false);
      for (let j = 0; j < m; j++) this.w[j + 1] += this.eta * grad[j];
      const errorTensor = new Tensor(errors, [n]);
      this.w[0] += this.eta * errorTensor.sum().item();
      const cost = errorTensor.square().sum().item() / 2;
      this.costs.push(cost);
      this.weightHistory.push(this.w.slice());
      if (this.divergedAt === null && !Number.isFinite(cost)) this.divergedAt = epoch;
    }
    return this;
  }

  /** z = w₀ + Σ_j w_j x_j for every row of X. */
  netInput(X: Tensor): Tensor {
    this.checkInput(X, "netInput");
    const [n, m] = X.shape;
    const z = new Float64Array(n);
    kernel().gemm(false, false, n, 1, m, X.data, this.w.subarray(1), z, false);
    for (let i = 0; i < n; i++) z[i] += this.w[0];
    return new Tensor(z, [n]);
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
