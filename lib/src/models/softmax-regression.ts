// Post 001 "신경망 구조": a network that takes (x1, x2) and outputs the probability of
// each class through softmax. With hiddenSize 0 it is softmax regression (one affine
// layer); with hiddenSize > 0 it is the post's two-layer picture, after Deep Learning
// from Scratch ch05/two_layer_net.py: Affine → activation → Affine → SoftmaxWithLoss,
// trained by full-batch gradient descent on the mean cross-entropy.
import { checkInteger, checkOneOf, checkPositive, checkSeed } from "../checks";
import { initWeights, WEIGHT_INIT_NAMES, WeightInitName } from "../init";
import { Affine, Layer, Relu, Sigmoid, SoftmaxWithLoss, Tanh } from "../layers";
import { softmax } from "../activations";
import { Rng } from "../random";
import { shapeString, Tensor, zeros } from "../tensor";
import { checkFeatures, checkLabels } from "./softmax-regression-checks";

export type HiddenActivation = "sigmoid" | "relu" | "tanh";
const ACTIVATIONS: Record<HiddenActivation, () => Layer> = { sigmoid: () => new Sigmoid(), relu: () => new Relu(), tanh: () => new Tanh() };

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
  private featureMean: Tensor | null = null;
  private featureStd: Tensor | null = null;

  constructor(options: SoftmaxRegressionOptions = {}) {
    const fn = "SoftmaxRegression";
    this.hiddenSize = checkInteger(fn, "hiddenSize", options.hiddenSize ?? 0, 0);
    this.activation = checkOneOf(fn, "activation", options.activation ?? "sigmoid", ["sigmoid", "relu", "tanh"] as const);
    this.weightInit = checkOneOf(fn, "weightInit", options.weightInit ?? (this.activation === "relu" ? "he" : "xavier"), WEIGHT_INIT_NAMES);
    this.learningRate = checkPositive(fn, "learningRate", options.learningRate ?? 0.5);
    this.epochs = checkInteger(fn, "epochs", options.epochs ?? 1000, 0);
    this.seed = checkSeed(fn, "seed", options.seed ?? 1);
    this.standardize = options.standardize ?? true;
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
    const targets = new Tensor(Float64Array.from(this.classIndices(labels, "fit")), [labels.length]);
    for (let epoch = 0; epoch < this.epochs; epoch++) {
      let step: SoftmaxGradients;
      try {
        step = this.backprop(x, targets);
      } catch (e) {
        throw new Error(`fit: epoch ${epoch}: ${(e as Error).message}; lower the learningRate (${this.learningRate})?`, { cause: e });
      }
      const { loss, grads } = step;
      if (!Number.isFinite(loss)) throw new Error(`fit: the loss became ${loss} at epoch ${epoch}; lower the learningRate (${this.learningRate})`);
      this.lossHistory.push(loss);
      for (const name of Object.keys(grads) as (keyof SoftmaxParams)[]) {
        const p = this.params[name]!.subScaledInPlace(this.learningRate, grads[name]!);
        if (!p.data.every(Number.isFinite)) throw new Error(`fit: ${name} stopped being finite at epoch ${epoch}; lower the learningRate (${this.learningRate})`);
      }
    }
    return this;
  }

  /** Class probabilities, one row per sample, columns in the order of `classes`; rows sum to 1. */
  predictProba(X: Tensor): Tensor {
    let out = this.scale(this.checkFitted(X, "predictProba"));
    for (const layer of this.layers()) out = layer.forward(out);
    return softmax(out);
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

  /** Loss and its gradient by backprop for the current parameters (for checking and for one-step demos). */
  gradients(X: Tensor, y: ArrayLike<number> | Tensor): SoftmaxGradients {
    const x = this.scale(this.checkFitted(X, "gradients"));
    const labels = checkLabels(y, X.shape[0], "gradients");
    return this.backprop(x, new Tensor(Float64Array.from(this.classIndices(labels, "gradients")), [labels.length]));
  }

  // ---- internals ------------------------------------------------------------------

  /** Affine (→ activation → Affine), sharing this model's parameter tensors. */
  private layers(): Layer[] {
    const p = this.params!;
    if (!p.W2) return [new Affine(p.W1, p.b1)];
    return [new Affine(p.W1, p.b1), ACTIVATIONS[this.activation](), new Affine(p.W2, p.b2!)];
  }

  private backprop(x: Tensor, targets: Tensor): SoftmaxGradients {
    const layers = this.layers();
    const lastLayer = new SoftmaxWithLoss();
    let out = x;
    for (const layer of layers) out = layer.forward(out);
    const loss = lastLayer.forward(out, targets);
    let dout = lastLayer.backward(1);
    for (const layer of [...layers].reverse()) dout = layer.backward(dout);
    const [affine1, , affine2] = layers as [Affine, Layer?, Affine?];
    const grads: SoftmaxParams = { W1: affine1.dW!, b1: affine1.db! };
    if (affine2) Object.assign(grads, { W2: affine2.dW!, b2: affine2.db! });
    return { loss, grads };
  }

  private learnScaling(X: Tensor): void {
    const d = X.shape[1];
    this.featureMean = this.standardize ? X.mean(0) : zeros([d]);
    // A constant feature has std 0: leave it unscaled rather than divide by 0.
    this.featureStd = this.standardize ? X.std(0).map((s) => (s > 0 ? s : 1)) : zeros([d]).add(1);
  }

  private scale(X: Tensor): Tensor {
    return X.sub(this.featureMean!).div(this.featureStd!);
  }

  private checkFitted(X: Tensor, op: string): Tensor {
    if (!this.params) throw new Error(`${op}: the model is not fitted yet; call fit(X, y) first`);
    const d = this.featureMean!.size;
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
