// mlp(): the typical networks of post 002's two tables, built as a Sequential from the
// names of their activations, loss and weight init. Apart from sequential.ts so that it
// reads as Keras's Sequential class alone.
import { argumentError, checkInteger, checkOneOf, describe } from "../checks";
import { initWeights, WeightInitName, WEIGHT_INIT_NAMES } from "../init";
import { Affine, Identity, Layer, Relu, Sigmoid, Softplus, SoftmaxWithLoss, Tanh } from "../layers";
import { Huber, LossLayer, MeanAbsoluteError, MeanSquaredError, SigmoidWithLoss } from "../loss-layers";
import { Rng } from "../random";
import { zeros } from "../tensor";
import { Sequential } from "./sequential";

export type MlpActivation = "relu" | "sigmoid" | "tanh" | "softplus" | "identity";
export type MlpOutputActivation = "none" | "relu" | "softplus" | "sigmoid" | "tanh" | "softmax";
export type MlpLoss = "mse" | "mae" | "huber" | "binaryCrossentropy" | "categoricalCrossentropy";

export interface MlpOptions {
  /** Input neurons: one per feature. */
  inputs: number;
  /** Units of each hidden layer, e.g. [50, 50]; [] for none (a linear or logistic model). */
  hidden: readonly number[];
  /** Output neurons: one per predicted dimension, label or class. */
  outputs: number;
  /** Default "relu", the post's choice. */
  hiddenActivation?: MlpActivation;
  /** Default: "sigmoid" for binaryCrossentropy, "softmax" for categoricalCrossentropy, else "none". */
  outputActivation?: MlpOutputActivation;
  loss: MlpLoss;
  /** Huber's δ (default 1). */
  huberDelta?: number;
  /** Draws the weights, W1 first. */
  rng: Rng;
  /** Default "he" for ReLU and softplus hidden layers, "xavier" for the others. */
  weightInit?: WeightInitName;
  l2?: number;
  name?: string;
}

const HIDDEN: readonly MlpActivation[] = ["relu", "sigmoid", "tanh", "softplus", "identity"];
const OUTPUT: readonly MlpOutputActivation[] = ["none", "relu", "softplus", "sigmoid", "tanh", "softmax"];
const LOSSES: readonly MlpLoss[] = ["mse", "mae", "huber", "binaryCrossentropy", "categoricalCrossentropy"];

function activationLayer(name: MlpActivation | MlpOutputActivation): Layer {
  switch (name) {
    case "relu": return new Relu();
    case "sigmoid": return new Sigmoid();
    case "tanh": return new Tanh();
    case "softplus": return new Softplus();
    default: return new Identity();
  }
}

/**
 * The typical MLP of post 002's tables: Affine → activation for each hidden layer, then an
 * Affine output layer, its activation and the loss. Binary cross-entropy takes the logistic
 * output into SigmoidWithLoss, categorical cross-entropy the softmax into SoftmaxWithLoss.
 */
export function mlp(options: MlpOptions): Sequential {
  const fn = "mlp";
  const { inputs, hidden, outputs, rng, huberDelta, l2, name } = options;
  checkInteger(fn, "inputs", inputs, 1);
  if (!Array.isArray(hidden)) throw argumentError(fn, "hidden", "a list of layer sizes, e.g. [50, 50]", describe(hidden));
  hidden.forEach((h, i) => checkInteger(fn, `hidden[${i}]`, h, 1));
  checkInteger(fn, "outputs", outputs, 1);
  if (!(rng instanceof Rng)) throw argumentError(fn, "rng", "an Rng, e.g. Rng.numpy(42)", describe(rng));
  const loss = checkOneOf(fn, "loss", options.loss, LOSSES);
  const hiddenActivation = checkOneOf(fn, "hiddenActivation", options.hiddenActivation ?? "relu", HIDDEN);
  const fallback = loss === "binaryCrossentropy" ? "sigmoid" : loss === "categoricalCrossentropy" ? "softmax" : "none";
  const outputActivation = checkOneOf(fn, "outputActivation", options.outputActivation ?? fallback, OUTPUT);
  const weightInit = checkOneOf(fn, "weightInit", options.weightInit ?? (hiddenActivation === "relu" || hiddenActivation === "softplus" ? "he" : "xavier"), WEIGHT_INIT_NAMES);
  if (loss === "binaryCrossentropy" && outputActivation !== "sigmoid") {
    throw argumentError(fn, "outputActivation", `"sigmoid" with loss "binaryCrossentropy" (it compares a probability per unit with t)`, JSON.stringify(outputActivation));
  }
  if (loss === "categoricalCrossentropy" && outputActivation !== "softmax") {
    throw argumentError(fn, "outputActivation", `"softmax" with loss "categoricalCrossentropy" (it compares a probability distribution over the classes with t)`, JSON.stringify(outputActivation));
  }
  if (outputActivation === "softmax" && loss !== "categoricalCrossentropy") {
    throw argumentError(fn, "loss", `"categoricalCrossentropy" with a softmax output (softmax makes class probabilities)`, JSON.stringify(loss));
  }
  const sizes = [inputs, ...hidden, outputs];
  const layers: Layer[] = [];
  for (let k = 0; k + 1 < sizes.length; k++) {
    layers.push(new Affine(initWeights(weightInit, rng, [sizes[k], sizes[k + 1]]), zeros([sizes[k + 1]])));
    if (k + 2 < sizes.length) layers.push(activationLayer(hiddenActivation));
  }
  let lossLayer: LossLayer;
  if (loss === "binaryCrossentropy") lossLayer = new SigmoidWithLoss();
  else if (loss === "categoricalCrossentropy") lossLayer = new SoftmaxWithLoss();
  else {
    if (outputActivation !== "none") layers.push(activationLayer(outputActivation));
    lossLayer = loss === "mse" ? new MeanSquaredError() : loss === "mae" ? new MeanAbsoluteError() : new Huber({ delta: huberDelta });
  }
  return new Sequential(layers, lossLayer, { l2, name });
}
