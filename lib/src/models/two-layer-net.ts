// Post 001 "Two Layer Net" and "역전파", after Deep Learning from Scratch:
// ch04/two_layer_net.py (TwoLayerNet: __init__, predict, loss, accuracy,
// numerical_gradient, gradient) with ch05/two_layer_net.py's backprop gradient
// (its layers: Affine, Sigmoid or Relu, Affine, SoftmaxWithLoss).
import { softmax } from "../activations";
import { argumentError, checkInteger, checkLabels, checkNonNegative, checkOneHot, checkOneOf, describe } from "../checks";
import { numericalGradient } from "../gradient";
import { initWeights, WeightInitName, WEIGHT_INIT_NAMES } from "../init";
import { Affine, Layer, Relu, Sigmoid, SoftmaxWithLoss } from "../layers";
import { crossEntropyError } from "../losses";
import type { NamedTensors } from "../optimizers";
import { Rng } from "../random";
import { Tensor, zeros } from "../tensor";

export type TwoLayerNetActivation = "sigmoid" | "relu";

export interface TwoLayerNetOptions {
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  /** Source of the initial weights; Rng.numpy(seed) draws what numpy's np.random.randn would. */
  rng: Rng;
  /** Standard deviation of the initial weights (default 0.01, the post's weight_init_std). */
  weightInitStd?: number;
  /** How W1 and W2 start (default "std", weightInitStd·randn); see init.ts. */
  weightInit?: WeightInitName;
  /** Activation of the hidden layer (default "sigmoid", as in post 001's first version). */
  hiddenActivation?: TwoLayerNetActivation;
}

export class TwoLayerNet {
  /** W1 (input×hidden), b1 (hidden), W2 (hidden×output), b2 (output): the post's self.params. */
  readonly params: NamedTensors;
  readonly hiddenActivation: TwoLayerNetActivation;

  constructor(options: TwoLayerNetOptions) {
    const { inputSize, hiddenSize, outputSize, rng, weightInitStd = 0.01, weightInit = "std", hiddenActivation = "sigmoid" } = options;
    const fn = "TwoLayerNet";
    checkInteger(fn, "inputSize", inputSize, 1);
    checkInteger(fn, "hiddenSize", hiddenSize, 1);
    checkInteger(fn, "outputSize", outputSize, 1);
    if (!(rng instanceof Rng)) throw new Error(`${fn}: rng must be an Rng, e.g. Rng.numpy(0), got ${typeof rng}`);
    checkNonNegative(fn, "weightInitStd", weightInitStd);
    checkOneOf(fn, "weightInit", weightInit, WEIGHT_INIT_NAMES);
    if (weightInit !== "std" && options.weightInitStd !== undefined) {
      throw argumentError(fn, "weightInitStd", `left out with weightInit "${weightInit}" (it applies to "std" only)`, describe(weightInitStd));
    }
    this.hiddenActivation = checkOneOf(fn, "hiddenActivation", hiddenActivation, ["sigmoid", "relu"] as const);
    // W1 is drawn before W2, as in the post.
    this.params = {
      W1: initWeights(weightInit, rng, [inputSize, hiddenSize], weightInitStd),
      b1: zeros([hiddenSize]),
      W2: initWeights(weightInit, rng, [hiddenSize, outputSize], weightInitStd),
      b2: zeros([outputSize]),
    };
  }

  /** Class probabilities, one row per example: softmax(σ(x·W1 + b1)·W2 + b2). */
  predict(x: Tensor): Tensor {
    const y = softmax(this.scores(x));
    return x.ndim === 1 ? y.reshape(-1) : y;
  }

  /** Mean cross-entropy of the predictions; t is one-hot rows or one label per row. */
  loss(x: Tensor, t: Tensor): number {
    return crossEntropyError(this.predict(x), t);
  }

  /** Fraction of rows whose highest score is the target's class (softmax keeps the order). */
  accuracy(x: Tensor, t: Tensor): number {
    const y = this.scores(x).argmax(1);
    if (t.ndim === 2) checkOneHot("TwoLayerNet.accuracy", "t", t.data, t.shape[1]);
    const labels = t.ndim === 2 ? t.argmax(1) : t;
    if (labels.size !== y.size) throw argumentError("TwoLayerNet.accuracy", "t", `one row or label per row of x (${y.size})`, `${labels.size}`);
    checkLabels("TwoLayerNet.accuracy", "t", labels.data, this.params.b2.size);
    return y.eq(labels).sum().item() / y.size;
  }

  /** ∂loss/∂p for every parameter p by central differences, each value perturbed in place. */
  numericalGradient(x: Tensor, t: Tensor): NamedTensors {
    const lossW = (): number => this.loss(x, t);
    const grads: NamedTensors = {};
    for (const key of ["W1", "b1", "W2", "b2"]) grads[key] = numericalGradient(lossW, this.params[key]);
    return grads;
  }

  /** The same gradients by backpropagation: forward through the layers, then back from dout = 1. */
  gradient(x: Tensor, t: Tensor): NamedTensors {
    const layers = this.layers();
    const lastLayer = new SoftmaxWithLoss();
    lastLayer.forward(this.forward(layers, x), t);
    let dout = lastLayer.backward(1);
    for (const layer of layers.slice(1).reverse()) dout = layer.backward(dout);
    const [affine1, , affine2] = layers as [Affine, Layer, Affine];
    affine1.backwardParams(dout); // its dx, the gradient for the input images, is never used
    return { W1: affine1.dW!, b1: affine1.db!, W2: affine2.dW!, b2: affine2.db! };
  }

  /** Affine → activation → Affine, sharing this net's parameter tensors. */
  layers(): Layer[] {
    const { W1, b1, W2, b2 } = this.params;
    return [new Affine(W1, b1), this.hiddenActivation === "relu" ? new Relu() : new Sigmoid(), new Affine(W2, b2)];
  }

  /** Number of weights and biases: 39 760 for 784-50-10. */
  get parameterCount(): number {
    return Object.values(this.params).reduce((n, p) => n + p.size, 0);
  }

  /** The second affine layer's output (post 001's backprop predict, before softmax). */
  private scores(x: Tensor): Tensor {
    return this.forward(this.layers(), x);
  }

  private forward(layers: Layer[], x: Tensor): Tensor {
    let out = x.ndim === 1 ? x.reshape(1, -1) : x;
    for (const layer of layers) out = layer.forward(out);
    return out;
  }
}
