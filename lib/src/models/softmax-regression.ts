// Post 001 "신경망 구조": a network that takes (x1, x2) and outputs the probability of each
// class through softmax. With hiddenSize 0 it is softmax regression (one affine layer);
// with hiddenSize > 0 it is the post's two-layer picture: affine → activation → affine →
// softmax. Trained by full-batch gradient descent on the mean cross-entropy, with the
// gradients worked out by hand (the backprop of post 001's Affine/SoftmaxWithLoss layers).
import { relu, reluGrad, sigmoid, sigmoidGrad, softmax, tanh, tanhGrad } from "../activations";
import { initWeights, WEIGHT_INIT_NAMES, WeightInitName } from "../init";
import { Rng } from "../random";
import { shapeString, Tensor, zeros } from "../tensor";

export type HiddenActivation = "sigmoid" | "relu" | "tanh";
const ACTIVATIONS: Record<HiddenActivation, { f: (x: Tensor) => Tensor; grad: (x: Tensor) => Tensor }> = {
  sigmoid: { f: sigmoid, grad: sigmoidGrad },
  relu: { f: relu, grad: reluGrad },
  tanh: { f: tanh, grad: tanhGrad },
};

export interface SoftmaxRegressionOptions {
  /** Units in the hidden layer; 0 (the default) means no hidden layer. */
  hiddenSize?: number;
  /** Activation of the hidden layer (default "sigmoid", as post 001's TwoLayerNet). */
  activation?: HiddenActivation;
  /** Initialiser of the weight matrices (default "he" for relu, "xavier" otherwise); biases start at 0. */
  weightInit?: WeightInitName;
  learningRate?: number;
  /** Full-batch gradient steps; 0 only initialises. */
  epochs?: number;
  /** Seed of Rng.numpy for the initial weights. */
  seed?: number;
  /** Scale each feature to mean 0, std 1 with the training statistics (default true). */
  standardize?: boolean;
}

/** Post 001's names: W1, b1 (and W2, b2 with a hidden layer); W is used as x·W. */
export interface SoftmaxParams {
  W1: Tensor;
  b1: Tensor;
  W2?: Tensor;
  b2?: Tensor;
}

export interface SoftmaxGradients {
  /** Mean cross-entropy of the current parameters. */
  loss: number;
  grads: SoftmaxParams;
}

export class SoftmaxRegression {
  readonly hiddenSize: number;
  readonly activation: HiddenActivation;
  readonly weightInit: WeightInitName;
  readonly learningRate: number;
  readonly epochs: number;
  readonly seed: number;
  readonly standardize: boolean;

  /** The distinct labels seen by fit, ascending; column k of predictProba is classes[k]. */
  classes: number[] = [];
  params: SoftmaxParams | null = null;
  /** Mean cross-entropy before each gradient step. */
  lossHistory: number[] = [];
  private featureMean: Float64Array | null = null;
  private featureStd: Float64Array | null = null;

  constructor(options: SoftmaxRegressionOptions = {}) {
    const op = "SoftmaxRegression";
    this.hiddenSize = options.hiddenSize ?? 0;
    this.activation = options.activation ?? "sigmoid";
    this.weightInit = options.weightInit ?? (this.activation === "relu" ? "he" : "xavier");
    this.learningRate = options.learningRate ?? 0.5;
    this.epochs = options.epochs ?? 1000;
    this.seed = options.seed ?? 1;
    this.standardize = options.standardize ?? true;
    if (!Number.isInteger(this.hiddenSize) || this.hiddenSize < 0) throw new Error(`${op}: hiddenSize must be an integer ≥ 0, got ${this.hiddenSize}`);
    if (!(this.activation in ACTIVATIONS)) throw new Error(`${op}: unknown activation ${JSON.stringify(this.activation)}; use sigmoid, relu or tanh`);
    if (!WEIGHT_INIT_NAMES.includes(this.weightInit)) throw new Error(`${op}: unknown weightInit ${JSON.stringify(this.weightInit)}; use one of ${WEIGHT_INIT_NAMES.join(", ")}`);
    if (!(Number.isFinite(this.learningRate) && this.learningRate > 0)) throw new Error(`${op}: learningRate must be a finite number > 0, got ${this.learningRate}`);
    if (!Number.isInteger(this.epochs) || this.epochs < 0) throw new Error(`${op}: epochs must be an integer ≥ 0, got ${this.epochs}`);
    if (!Number.isInteger(this.seed) || this.seed < 0 || this.seed > 0xffffffff) throw new Error(`${op}: seed must be an integer in [0, 2^32 − 1], got ${this.seed}`);
  }

  /** Learn from X (N×D) and one label per row; starts again from fresh weights every time. */
  fit(X: Tensor, y: ArrayLike<number> | Tensor): this {
    const labels = checkLabels(y, checkFeatures(X, "fit"), "fit");
    this.classes = [...new Set(labels)].sort((a, b) => a - b);
    if (this.classes.length < 2) throw new Error(`fit: needs at least 2 classes to tell apart, got only ${this.classes.join(", ")}`);
    this.learnScaling(X);
    const rng = Rng.numpy(this.seed);
    const d = X.shape[1], k = this.classes.length, h = this.hiddenSize;
    this.params = h === 0
      ? { W1: initWeights(this.weightInit, rng, [d, k]), b1: zeros([k]) }
      : { W1: initWeights(this.weightInit, rng, [d, h]), b1: zeros([h]), W2: initWeights(this.weightInit, rng, [h, k]), b2: zeros([k]) };
    this.lossHistory = [];
    const x = this.scale(X);
    const targets = this.classIndices(labels, "fit");
    for (let epoch = 0; epoch < this.epochs; epoch++) {
      const { loss, grads } = this.backprop(x, targets);
      if (!Number.isFinite(loss)) throw new Error(`fit: the loss became ${loss} at epoch ${epoch}; lower the learningRate (${this.learningRate})`);
      this.lossHistory.push(loss);
      for (const name of Object.keys(grads) as (keyof SoftmaxParams)[]) this.params[name]!.subScaledInPlace(this.learningRate, grads[name]!);
    }
    return this;
  }

  /** Class probabilities, one row per sample, columns in the order of `classes`; rows sum to 1. */
  predictProba(X: Tensor): Tensor {
    return this.forward(this.scale(this.checkFitted(X, "predictProba"))).probs;
  }

  /** The most probable class label of each row. */
  predict(X: Tensor): number[] {
    return Array.from(this.predictProba(X).argmax(1).data, (k) => this.classes[k]);
  }

  /** Fraction of rows whose predicted label equals y. */
  accuracy(X: Tensor, y: ArrayLike<number> | Tensor): number {
    const predicted = this.predict(X);
    const labels = checkLabels(y, X.shape[0], "accuracy");
    return predicted.filter((p, i) => p === labels[i]).length / labels.length;
  }

  /** Loss and its analytic gradient for the current parameters (for checking and for one-step demos). */
  gradients(X: Tensor, y: ArrayLike<number> | Tensor): SoftmaxGradients {
    const x = this.scale(this.checkFitted(X, "gradients"));
    const labels = checkLabels(y, X.shape[0], "gradients");
    return this.backprop(x, this.classIndices(labels, "gradients"));
  }

  // ---- internals ------------------------------------------------------------------

  private forward(x: Tensor): { hiddenIn?: Tensor; hidden?: Tensor; logits: Tensor; probs: Tensor } {
    const p = this.params!;
    if (!p.W2) {
      const logits = x.matmul(p.W1).add(p.b1);
      return { logits, probs: softmax(logits) };
    }
    const hiddenIn = x.matmul(p.W1).add(p.b1);
    const hidden = ACTIVATIONS[this.activation].f(hiddenIn);
    const logits = hidden.matmul(p.W2).add(p.b2!);
    return { hiddenIn, hidden, logits, probs: softmax(logits) };
  }

  private backprop(x: Tensor, targets: number[]): SoftmaxGradients {
    const { hiddenIn, hidden, logits, probs } = this.forward(x);
    const n = x.shape[0], k = this.classes.length;
    // Softmax with cross-entropy: dL/dlogits = (P − onehot) / N. The loss uses
    // log-softmax (logit − max − log Σ exp) so a tiny probability never gives log 0.
    const dLogits = probs.copy();
    let loss = 0;
    for (let r = 0; r < n; r++) {
      const row = logits.data.subarray(r * k, (r + 1) * k);
      let max = -Infinity;
      for (const v of row) max = Math.max(max, v);
      let s = 0;
      for (const v of row) s += Math.exp(v - max);
      loss -= row[targets[r]] - max - Math.log(s);
      dLogits.data[r * k + targets[r]] -= 1;
    }
    const dOut = dLogits.div(n);
    const p = this.params!;
    if (!p.W2) {
      return { loss: loss / n, grads: { W1: x.T.matmul(dOut), b1: dOut.sum(0) } };
    }
    const dHidden = dOut.matmul(p.W2.T);
    const dHiddenIn = dHidden.mul(ACTIVATIONS[this.activation].grad(hiddenIn!));
    return {
      loss: loss / n,
      grads: { W1: x.T.matmul(dHiddenIn), b1: dHiddenIn.sum(0), W2: hidden!.T.matmul(dOut), b2: dOut.sum(0) },
    };
  }

  private learnScaling(X: Tensor): void {
    const d = X.shape[1];
    this.featureMean = new Float64Array(d);
    this.featureStd = new Float64Array(d).fill(1);
    if (!this.standardize) return;
    this.featureMean.set(X.mean(0).data);
    // A constant feature has std 0: leave it unscaled rather than divide by 0.
    X.std(0).data.forEach((s, j) => { this.featureStd![j] = s > 0 ? s : 1; });
  }

  private scale(X: Tensor): Tensor {
    const d = X.shape[1];
    const mean = new Tensor(this.featureMean!, [d]), std = new Tensor(this.featureStd!, [d]);
    return X.sub(mean).div(std);
  }

  private checkFitted(X: Tensor, op: string): Tensor {
    if (!this.params) throw new Error(`${op}: the model is not fitted yet; call fit(X, y) first`);
    const d = this.featureMean!.length;
    checkFeatures(X, op);
    if (X.shape[1] !== d) throw new Error(`${op}: X has shape ${shapeString(X.shape)}, but the model was fitted on ${d} features (N×${d})`);
    return X;
  }

  private classIndices(labels: number[], op: string): number[] {
    return labels.map((label, i) => {
      const k = this.classes.indexOf(label);
      if (k < 0) throw new Error(`${op}: label ${label} at index ${i} is not one of the fitted classes ${this.classes.join(", ")}`);
      return k;
    });
  }
}

/** X must be a finite N×D matrix with N, D ≥ 1; returns N. */
function checkFeatures(X: Tensor, op: string): number {
  if (!(X instanceof Tensor)) throw new Error(`${op}: X must be a Tensor (N×D), got ${typeof X}`);
  if (X.ndim !== 2 || X.shape[0] === 0 || X.shape[1] === 0) throw new Error(`${op}: X must be a non-empty matrix N×D, got shape ${shapeString(X.shape)}`);
  for (let i = 0; i < X.size; i++) {
    if (!Number.isFinite(X.data[i])) throw new Error(`${op}: X[${Math.floor(i / X.shape[1])}][${i % X.shape[1]}] = ${X.data[i]} is not a finite number`);
  }
  return X.shape[0];
}

/** One integer label per row of X. */
function checkLabels(y: ArrayLike<number> | Tensor, rows: number, op: string): number[] {
  const labels = Array.from(y instanceof Tensor ? y.data : y);
  if (y instanceof Tensor && y.ndim !== 1) throw new Error(`${op}: y must be a vector of labels, got shape ${shapeString(y.shape)}`);
  if (labels.length !== rows) throw new Error(`${op}: y has ${labels.length} labels but X has ${rows} rows`);
  labels.forEach((v, i) => {
    if (!Number.isInteger(v)) throw new Error(`${op}: label ${v} at index ${i} is not an integer class label`);
  });
  return labels;
}
