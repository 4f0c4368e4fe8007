// Post 001 "Two Layer Net" (Deep Learning from Scratch §4.5, two_layer_net.py): input →
// affine (W1, b1) → sigmoid → affine (W2, b2) → softmax. This first version learns with
// numerical gradients; the parameters live in one record so that a gradient, an optimizer
// and (in the next chapter) backprop all address them by the same names.
import { softmax } from "../activations";
import { Affine, Layer, Relu, Sigmoid, SoftmaxWithLoss } from "../layers";
import { initWeights } from "../init";
import { crossEntropyError } from "../losses";
import { numericalGradient } from "../gradient";
import type { NamedTensors } from "../optimizers";
import { withScratch } from "../kernel/scratch";
import { Rng } from "../random";
import { inKernelMemory, shapeString, Tensor, zeros } from "../tensor";

export type TwoLayerNetActivation = "sigmoid" | "relu";
export const TWO_LAYER_NET_PARAM_NAMES = ["W1", "b1", "W2", "b2"] as const;
/** "std": weightInitStd·randn (the post's); the others are init.ts's, scaled by each matrix's fan-in. */
export type TwoLayerNetWeightInit = "std" | "zeros" | "xavier" | "he";
const WEIGHT_INITS: readonly TwoLayerNetWeightInit[] = ["std", "zeros", "xavier", "he"];

export interface TwoLayerNetOptions {
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  /** Source of the initial weights; Rng.numpy(seed) draws what numpy's np.random.randn would. */
  rng: Rng;
  /** Standard deviation of the initial weights (default 0.01, the post's weight_init_std). */
  weightInitStd?: number;
  /** How W1 and W2 start (default "std"); "xavier" and "he" draw randn like "std", "zeros" draws nothing. */
  weightInit?: TwoLayerNetWeightInit;
  /** Activation of the hidden layer (default "sigmoid", as in post 001's first version). */
  hiddenActivation?: TwoLayerNetActivation;
}

/**
 * accuracy() takes the rows this many at a time (a view of x, not a copy): a chunk's
 * hidden layer stays in the cache, where that of all 60 000 training images is a 24 MB
 * array written and read back. Measured on 784-50-10: 93 → 73 ms per evaluation of the
 * training set (256 rows: 88 ms, 8192: 72 ms but the 10 000 test images slower).
 */
const ACCURACY_CHUNK_ROWS = 2048;

function checkSize(value: number, what: string): void {
  if (!(Number.isInteger(value) && value >= 1)) throw new Error(`TwoLayerNet: ${what} must be an integer ≥ 1, got ${value}`);
}

export class TwoLayerNet {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly outputSize: number;
  readonly weightInitStd: number;
  readonly weightInit: TwoLayerNetWeightInit;
  readonly hiddenActivation: TwoLayerNetActivation;
  /** W1 (input×hidden), b1 (hidden), W2 (hidden×output), b2 (output): the post's self.params. */
  readonly params: NamedTensors;

  constructor(options: TwoLayerNetOptions) {
    const { inputSize, hiddenSize, outputSize, rng, weightInitStd = 0.01, weightInit = "std", hiddenActivation = "sigmoid" } = options;
    checkSize(inputSize, "inputSize");
    checkSize(hiddenSize, "hiddenSize");
    checkSize(outputSize, "outputSize");
    if (!(rng instanceof Rng)) throw new Error("TwoLayerNet: options.rng must be an Rng, e.g. Rng.numpy(0)");
    if (!(Number.isFinite(weightInitStd) && weightInitStd >= 0)) throw new Error(`TwoLayerNet: weightInitStd must be a finite number ≥ 0, got ${weightInitStd}`);
    if (!WEIGHT_INITS.includes(weightInit)) throw new Error(`TwoLayerNet: weightInit must be one of ${WEIGHT_INITS.join(", ")}, got ${JSON.stringify(weightInit)}`);
    if (weightInit !== "std" && options.weightInitStd !== undefined) {
      throw new Error(`TwoLayerNet: weightInitStd (${weightInitStd}) applies only to weightInit "std", not "${weightInit}"`);
    }
    if (hiddenActivation !== "sigmoid" && hiddenActivation !== "relu") {
      throw new Error(`TwoLayerNet: hiddenActivation must be "sigmoid" or "relu", got ${JSON.stringify(hiddenActivation)}`);
    }
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.outputSize = outputSize;
    this.weightInitStd = weightInitStd;
    this.weightInit = weightInit;
    this.hiddenActivation = hiddenActivation;
    // Same order of draws as the post: W1 = std·randn(input, hidden), then W2.
    // Kept in the kernel's memory, where the products read them in place (SGD updates them there).
    const weights = (rows: number, cols: number): Tensor => inKernelMemory(
      weightInit === "std" ? new Tensor(rng.normalArray(0, weightInitStd, rows * cols), [rows, cols]) : initWeights(weightInit, rng, [rows, cols]));
    this.params = {
      W1: weights(inputSize, hiddenSize),
      b1: zeros([hiddenSize]),
      W2: weights(hiddenSize, outputSize),
      b2: zeros([outputSize]),
    };
  }

  /** Number of weights and biases: 39 760 for 784-50-10. */
  get parameterCount(): number {
    return TWO_LAYER_NET_PARAM_NAMES.reduce((n, key) => n + this.params[key].size, 0);
  }

  /** A batch of rows (N×inputSize); a single vector is a batch of one. */
  private asBatch(x: Tensor, op: string): Tensor {
    if (x.ndim === 1 && x.shape[0] === this.inputSize) return x.reshape(1, this.inputSize);
    if (x.ndim !== 2 || x.shape[1] !== this.inputSize) {
      throw new Error(`TwoLayerNet.${op}: x has shape ${shapeString(x.shape)}, expected (N×${this.inputSize}) or (${this.inputSize})`);
    }
    if (x.shape[0] === 0) throw new Error(`TwoLayerNet.${op}: empty batch ${shapeString(x.shape)}`);
    return x;
  }

  private checkParams(op: string): void {
    const p = this.params;
    const expected: Record<string, number[]> = {
      W1: [this.inputSize, this.hiddenSize], b1: [this.hiddenSize],
      W2: [this.hiddenSize, this.outputSize], b2: [this.outputSize],
    };
    for (const key of TWO_LAYER_NET_PARAM_NAMES) {
      if (!p[key] || p[key].shape.join() !== expected[key].join()) {
        throw new Error(`TwoLayerNet.${op}: params.${key} has shape ${p[key] ? shapeString(p[key].shape) : "(missing)"}, expected ${shapeString(expected[key])}`);
      }
    }
  }

  /** Class probabilities, one row per example (softmax of the second affine layer). */
  predict(x: Tensor): Tensor {
    // The hidden layers are scratch arrays (see withScratch); softmax's output is a fresh one.
    const y = withScratch(() => softmax(this.scores(x, "predict")));
    return x.ndim === 1 ? y.reshape(this.outputSize) : y;
  }

  /** The second affine layer's output, one row per example (post 001's backprop predict). */
  private scores(x: Tensor, op: string): Tensor {
    this.checkParams(op);
    let out = this.asBatch(x, op);
    for (const layer of this.layers()) out = layer.forward(out);
    return out;
  }

  /** Mean cross-entropy of the predictions; t is one-hot (N×output) or one label per row. */
  loss(x: Tensor, t: Tensor): number {
    return crossEntropyError(this.predict(x), this.targetsFor(x, t, "loss"));
  }

  /**
   * Fraction of rows whose most probable class is the target's: the argmax of the
   * scores, as post 001's backprop TwoLayerNet takes it. Softmax keeps their order, so
   * it is the argmax of predict(x) too (unless two probabilities round to the same
   * double), without 600 000 exp over the training set.
   */
  accuracy(x: Tensor, t: Tensor): number {
    this.checkParams("accuracy");
    const batch = this.asBatch(x, "accuracy");
    const rows = batch.shape[0];
    const labels = this.labelsOf(this.targetsFor(x, t, "accuracy"), rows);
    let right = 0;
    // Rows are independent: a chunk at a time gives the same scores as all at once.
    for (let r0 = 0; r0 < rows; r0 += ACCURACY_CHUNK_ROWS) {
      const r1 = Math.min(rows, r0 + ACCURACY_CHUNK_ROWS);
      right += withScratch(() => {
        const chunk = new Tensor(batch.data.subarray(r0 * this.inputSize, r1 * this.inputSize), [r1 - r0, this.inputSize]);
        const predicted = this.scores(chunk, "accuracy").argmax(1).data;
        let hits = 0;
        for (let r = r0; r < r1; r++) if (predicted[r - r0] === labels[r]) hits++;
        return hits;
      });
    }
    return right / rows;
  }

  /**
   * ∂loss/∂p for every parameter p, by perturbing each of its values in place
   * (numericalGradient): 2 forward passes per value, 2 × parameterCount in all.
   */
  numericalGradient(x: Tensor, t: Tensor): NamedTensors {
    this.targetsFor(x, t, "numericalGradient");
    const lossOfParams = (): number => this.loss(x, t); // reads the perturbed params itself
    const grads: NamedTensors = {};
    for (const key of TWO_LAYER_NET_PARAM_NAMES) grads[key] = numericalGradient(lossOfParams, this.params[key]);
    return grads;
  }

  /**
   * The same gradients by backpropagation (post 001 "역전파"): one forward pass
   * through the layers, then one backward pass from the loss, dout = 1. Costs about
   * as much as two forward passes, against 2 × parameterCount for numericalGradient.
   */
  gradient(x: Tensor, t: Tensor): NamedTensors {
    this.checkParams("gradient");
    const batch = this.asBatch(x, "gradient");
    const targets = this.targetsFor(x, t, "gradient");
    // Every layer's output and dx is a scratch array, given back on return: only the
    // gradients leave, and dW (fresh arrays) and db (sums) are not scratch.
    return withScratch(() => {
      const layers = this.layers();
      let out = batch;
      for (const layer of layers) out = layer.forward(out);
      const last = new SoftmaxWithLoss();
      last.forward(out, targets.ndim === 1 && targets.size === this.outputSize && batch.shape[0] === 1 ? targets.reshape(1, -1) : targets);
      let dout = last.backward(1);
      const [affine1, , affine2] = layers as [Affine, Layer, Affine];
      for (let i = layers.length - 1; i >= 1; i--) dout = layers[i].backward(dout);
      affine1.backwardParams(dout); // its dx, ∂L/∂x of the input images, is never used
      return { W1: affine1.dW as Tensor, b1: affine1.db as Tensor, W2: affine2.dW as Tensor, b2: affine2.db as Tensor };
    });
  }

  /** Affine → activation → Affine, in order, sharing this net's parameter tensors. */
  layers(): Layer[] {
    const { W1, b1, W2, b2 } = this.params;
    return [new Affine(W1, b1), this.hiddenActivation === "relu" ? new Relu() : new Sigmoid(), new Affine(W2, b2)];
  }

  private isOneHot(t: Tensor, rows: number): boolean {
    return t.size === rows * this.outputSize && (t.ndim === 2 || (rows === 1 && t.ndim === 1));
  }

  /** t must be one-hot rows matching x's batch, or one integer label per row. */
  private targetsFor(x: Tensor, t: Tensor, op: string): Tensor {
    const rows = this.asBatch(x, op).shape[0];
    const labels = t.ndim <= 1 && t.size === rows;
    if (!this.isOneHot(t, rows) && !labels) {
      throw new Error(`TwoLayerNet.${op}: t has shape ${shapeString(t.shape)}; for x ${shapeString(x.shape)} expected one-hot (${rows}×${this.outputSize}) or ${rows} labels`);
    }
    return t;
  }

  /** The class of each row: argmax of one-hot rows (as the post does), or the labels themselves. */
  private labelsOf(t: Tensor, rows: number): Float64Array {
    if (this.isOneHot(t, rows)) return t.reshape(rows, this.outputSize).argmax(1).data;
    for (let r = 0; r < rows; r++) {
      const c = t.data[r];
      if (!(Number.isInteger(c) && c >= 0 && c < this.outputSize)) throw new Error(`TwoLayerNet.accuracy: label ${c} of row ${r} is not a class in 0..${this.outputSize - 1}`);
    }
    return t.data;
  }
}
