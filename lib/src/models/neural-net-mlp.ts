// Post 000 §4, after Python Machine Learning (2nd ed.) ch. 12, ch12/neuralnet.py, class
// NeuralNetMLP (__init__, _onehot, _sigmoid, _forward, _compute_cost, predict, fit): one
// sigmoid hidden layer, sigmoid outputs, the logistic cost with an L2 penalty, trained by
// mini-batch gradient descent over a shuffled order each epoch. The same operations in the
// same order as numpy, in float64: the numbers differ from numpy's at most in the last bits
// (where V8's exp and log round differently from numpy's).
import { argumentError, checkAllFinite, checkInteger, checkLabels, checkNonNegative, checkPositive, checkSeed, describe } from "../checks";
import { Rng } from "../random";
import { matmul, oneHot, ones, resident, Tensor, tidy, zeros } from "../tensor";
import { checkFitArguments, checkFittedInput } from "./neural-net-mlp-checks";
export { formatEpochLine } from "./neural-net-mlp-progress";

export interface NeuralNetMLPOptions {
  /** Hidden units (default 30). */
  nHidden?: number;
  /** λ of the L2 penalty on the weights, not the biases (default 0: none). */
  l2?: number;
  /** Passes over the training set (default 100). */
  epochs?: number;
  /** Learning rate (default 0.001). */
  eta?: number;
  /** Shuffle the training rows every epoch (default true). */
  shuffle?: boolean;
  /** Rows per mini-batch (default 1); the rows after the last whole batch are left out of the epoch. */
  minibatchSize?: number;
  /** Seed of the numpy-compatible stream of the weights and the shuffles; default a fresh one, as numpy's seed=None. */
  seed?: number;
}

/** One epoch's evaluation, handed to onEpoch. */
export interface NeuralNetMLPEpoch {
  /** 1-based, as the progress line prints it (the book's i + 1). */
  epoch: number;
  epochs: number;
  /** computeCost over the whole training set after the epoch's updates. */
  cost: number;
  trainAcc: number;
  validAcc: number;
}

/** The book's eval_: one entry per epoch. */
export interface NeuralNetMLPEvalLog {
  cost: number[];
  trainAcc: number[];
  validAcc: number[];
}

export interface NeuralNetMLPFitOptions {
  /** Called after each epoch's evaluation, e.g. to update a LiveDisplay; may return a promise. */
  onEpoch?: (entry: NeuralNetMLPEpoch) => void | Promise<void>;
}

export interface NeuralNetMLPForward {
  zH: Tensor;
  aH: Tensor;
  zOut: Tensor;
  aOut: Tensor;
}

/** Class labels 0..k − 1, as a Tensor of one axis or any array of numbers. */
export type NeuralNetMLPLabels = Tensor | ArrayLike<number>;

export class NeuralNetMLP {
  readonly nHidden: number;
  readonly l2: number;
  readonly epochs: number;
  readonly eta: number;
  readonly shuffle: boolean;
  readonly minibatchSize: number;
  readonly seed: number;
  /** The book's self.random: made once here, so a second fit continues the stream. */
  readonly random: Rng;
  /** Input → hidden weights (features × nHidden) and biases; empty until fit. */
  wH = zeros([0, 0]);
  bH = zeros([0]);
  /** Hidden → output weights (nHidden × classes) and biases; empty until fit. */
  wOut = zeros([0, 0]);
  bOut = zeros([0]);
  /** Cost and accuracies after each epoch (the book's eval_). */
  evalLog: NeuralNetMLPEvalLog = { cost: [], trainAcc: [], validAcc: [] };

  constructor(options: NeuralNetMLPOptions = {}) {
    const fn = "NeuralNetMLP";
    const { nHidden = 30, l2 = 0, epochs = 100, eta = 0.001, shuffle = true, minibatchSize = 1 } = options;
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
    this.nHidden = checkInteger(fn, "nHidden", nHidden, 1);
    this.l2 = checkNonNegative(fn, "l2", l2);
    this.epochs = checkInteger(fn, "epochs", epochs, 1);
    this.eta = checkPositive(fn, "eta", eta);
    if (typeof shuffle !== "boolean") throw argumentError(fn, "shuffle", "true or false", describe(shuffle));
    this.shuffle = shuffle;
    this.minibatchSize = checkInteger(fn, "minibatchSize", minibatchSize, 1);
    this.seed = checkSeed(fn, "seed", seed);
    this.random = Rng.numpy(this.seed);
  }

  /** Rows of one-hot codes: row i has a 1 in column y[i]. */
  onehot(y: ArrayLike<number>, nClasses: number): Tensor {
    checkLabels("NeuralNetMLP.onehot", "y", y, nClasses);
    return oneHot(y, nClasses);
  }

  /** 1 / (1 + e^−z) with z clipped to [−250, 250] first, as the book does against overflow. */
  sigmoid(z: Tensor): Tensor {
    return z.clip(-250, 250).sigmoid();
  }

  /** z_h = x·w_h + b_h, a_h = σ(z_h), z_out = a_h·w_out + b_out, a_out = σ(z_out). */
  forward(x: Tensor): NeuralNetMLPForward {
    checkFittedInput(this.wH, "forward", x);
    const zH = matmul(x, this.wH, { bias: this.bH });
    const aH = this.sigmoid(zH);
    const zOut = matmul(aH, this.wOut, { bias: this.bOut });
    const aOut = this.sigmoid(zOut);
    return { zH, aH, zOut, aOut };
  }

  /** Σ[−y·log(a) − (1 − y)·log(1 − a)] over every row and class, plus l2·(Σw_h² + Σw_out²). */
  computeCost(yEnc: Tensor, output: Tensor): number {
    const l2Term = this.l2 * (this.wH.square().sum().item() + this.wOut.square().sum().item());
    const term1 = yEnc.neg().mul(output.log());
    const term2 = ones(yEnc.shape).sub(yEnc).mul(ones(output.shape).sub(output).log());
    return term1.sub(term2).sum().item() + l2Term;
  }

  /** The class of each row of x: the index of its largest output net input z_out. */
  predict(x: Tensor): Tensor {
    checkFittedInput(this.wH, "predict", x);
    checkAllFinite("NeuralNetMLP.predict", "x", x.data, x.shape[1]);
    return tidy(() => this.forward(x).zOut.argmax(1));
  }

  /**
   * Draws the weights, then per epoch: the mini-batch updates over the (shuffled) rows,
   * the cost and both accuracies (in evalLog, and to onEpoch), and a pause for the event
   * loop so that a notebook's display can show the epoch.
   */
  async fit(xTrain: Tensor, yTrain: NeuralNetMLPLabels, xValid: Tensor, yValid: NeuralNetMLPLabels, options: NeuralNetMLPFitOptions = {}): Promise<this> {
    const { trainLabels, validLabels, nOutput } = checkFitArguments(this.minibatchSize, xTrain, yTrain, xValid, yValid, options);
    const { onEpoch } = options;
    const [nTrain, nFeatures] = xTrain.shape;

    // The book's order of draws: w_h, then w_out (the zero biases draw nothing).
    this.bH = resident([this.nHidden]);
    this.wH = resident(new Tensor(this.random.normalArray(0, 0.1, nFeatures * this.nHidden), [nFeatures, this.nHidden]));
    this.bOut = resident([nOutput]);
    this.wOut = resident(new Tensor(this.random.normalArray(0, 0.1, this.nHidden * nOutput), [this.nHidden, nOutput]));
    this.evalLog = { cost: [], trainAcc: [], validAcc: [] };
    // In the kernel's memory, as the pixels are, so the batches' rows are gathered in place.
    const yTrainEnc = resident(this.onehot(trainLabels.data, nOutput));
    // One batch array for every step, refilled each time, where the products read it in place.
    const xBatchData = resident([this.minibatchSize, nFeatures]).data;

    for (let i = 0; i < this.epochs; i++) {
      const indices = Int32Array.from({ length: nTrain }, (_, k) => k);
      if (this.shuffle) this.random.shuffle(indices);
      // range(0, n − minibatchSize + 1, minibatchSize): a last, partial batch is left out.
      for (let start = 0; start < nTrain - this.minibatchSize + 1; start += this.minibatchSize) {
        const batchIdx = indices.subarray(start, start + this.minibatchSize);
        // tidy: the step's intermediate tensors are not kept, so their memory is reused.
        tidy(() => {
          const xBatch = xTrain.take(batchIdx, xBatchData);
          const { aH, aOut } = this.forward(xBatch);
          const sigmaOut = aOut.sub(yTrainEnc.take(batchIdx));
          const sigmoidDerivativeH = aH.mul(ones(aH.shape).sub(aH));
          const sigmaH = matmul(sigmaOut, this.wOut, { transposeB: true }).mul(sigmoidDerivativeH);
          const gradWH = matmul(xBatch, sigmaH, { transposeA: true });
          const gradBH = sigmaH.sum(0);
          const gradWOut = matmul(aH, sigmaOut, { transposeA: true });
          const gradBOut = sigmaOut.sum(0);
          // delta_w = grad_w + l2·w, made in place in the gradient: g − (−l2)·w is that sum bit for bit.
          // l2·w is the gradient of (l2/2)·Σw², half the penalty computeCost adds: the book's own mismatch, kept.
          const deltaWH = gradWH.subScaledInPlace(-this.l2, this.wH);
          this.wH.subScaledInPlace(this.eta, deltaWH);
          this.bH.subScaledInPlace(this.eta, gradBH); // biases are not regularised
          const deltaWOut = gradWOut.subScaledInPlace(-this.l2, this.wOut);
          this.wOut.subScaledInPlace(this.eta, deltaWOut);
          this.bOut.subScaledInPlace(this.eta, gradBOut);
        });
      }

      const { cost, trainAcc, validAcc } = tidy(() => {
        const { zOut, aOut } = this.forward(xTrain);
        // predict(xTrain) would repeat this forward pass; the argmax of its zOut is the same.
        return {
          cost: this.computeCost(yTrainEnc, aOut),
          trainAcc: zOut.argmax(1).eq(trainLabels).sum().item() / nTrain,
          validAcc: this.predict(xValid).eq(validLabels).sum().item() / validLabels.size,
        };
      });
      this.evalLog.cost.push(cost);
      this.evalLog.trainAcc.push(trainAcc);
      this.evalLog.validAcc.push(validAcc);
      if (onEpoch) await onEpoch({ epoch: i + 1, epochs: this.epochs, cost, trainAcc, validAcc });
      await new Promise((resolve) => setImmediate(resolve));
    }
    return this;
  }
}
