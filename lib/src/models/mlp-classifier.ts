// Post 004 §4.4, after scikit-learn 1.2.1's sklearn/neural_network/_multilayer_perceptron.py,
// class MLPClassifier and its base BaseMultilayerPerceptron, with _base.py's activations and
// log_loss and _stochastic_optimizers.py's SGDOptimizer. The class's public methods come
// first, fit (scikit-learn's fit and _fit), predict, predict_proba and score, then
// scikit-learn's private methods after them, in scikit-learn's order: _forward_pass,
// _forward_pass_fast, _compute_loss_grad, _backprop, _initialize, _init_coef,
// _fit_stochastic, _update_no_improvement_count; the course's own note and checkData close
// it. Only the "sgd" solver with the constant learning rate and no early stopping is
// ported. The weights and the per-epoch shuffle come from one numpy-compatible
// RandomState(randomState) stream drawn as scikit-learn draws it, and every operation runs
// in scikit-learn's order in float64, so the loss curve matches scikit-learn's to a few
// units in the last place (BLAS adds a product's terms in another order, and V8's exp and
// log round differently from numpy's).
// The options live in mlp-classifier-options.ts, SGDOptimizer in sgd-optimizer.ts, and
// softmax, log_loss and LabelBinarizer in mlp-classifier-math.ts.
import { argumentError, checkAllFinite, checkInRange, checkInteger, checkNonNegative, checkOneOf, checkPositive, checkSeed, describe } from "../checks";
import { Affine, Relu, Sigmoid, Tanh, type Layer } from "../layers";
import { pythonFixed } from "../python-format";
import { Rng } from "../random";
import { pairwiseSum, resident, shapeString, Tensor, tidy } from "../tensor";
import { binarize, logLoss, softmax } from "./mlp-classifier-math";
import type { MLPActivation, MLPClassifierLabels, MLPClassifierOptions } from "./mlp-classifier-options";
import { SGDOptimizer } from "./sgd-optimizer";

// Re-exported: the moved names are still this module's, for index.ts and the tests that import them from here.
export * from "./mlp-classifier-options";

const ACTIVATIONS: readonly MLPActivation[] = ["identity", "logistic", "tanh", "relu"];

export class MLPClassifier {
  readonly hiddenLayerSizes: readonly number[];
  readonly activation: MLPActivation;
  readonly solver: "sgd";
  readonly alpha: number;
  readonly batchSize: number | "auto";
  readonly learningRateInit: number;
  readonly maxIter: number;
  readonly shuffle: boolean;
  readonly randomState: number | undefined;
  readonly tol: number;
  readonly verbose: boolean;
  readonly momentum: number;
  readonly nesterovsMomentum: boolean;
  readonly nIterNoChange: number;

  /** The sorted distinct labels of the training set (classes_). */
  classes: number[] = [];
  /** Weights of each layer, fan_in × fan_out (coefs_), and biases (intercepts_); empty until fit. */
  coefs: Tensor[] = [];
  intercepts: Tensor[] = [];
  /** Epochs run (n_iter_), the mean training loss of each (loss_curve_), the last (loss_) and the smallest (best_loss_). */
  nIter = 0;
  lossCurve: number[] = [];
  loss = NaN;
  bestLoss = Infinity;
  /** Layers including input and output (n_layers_), output units (n_outputs_: 1 for two classes) and their activation. */
  nLayers = 0;
  nOutputs = 0;
  outActivation: "softmax" | "logistic" = "softmax";
  /** What scikit-learn warns or (verbose) prints during fit: a clipped batch size, the stopping message, the ConvergenceWarning. */
  notes: string[] = [];

  private layers: Affine[] = [];
  private hidden: (Layer | null)[] = [];
  private noImprovementCount = 0;

  constructor(options: MLPClassifierOptions = {}) {
    const fn = "MLPClassifier";
    const {
      hiddenLayerSizes = [100], activation = "relu", solver = "sgd", alpha = 1e-4, batchSize = "auto", learningRateInit = 0.001,
      maxIter = 200, shuffle = true, randomState, tol = 1e-4, verbose = false, momentum = 0.9, nesterovsMomentum = true, nIterNoChange = 10,
    } = options;
    const sizes = typeof hiddenLayerSizes === "number" ? [hiddenLayerSizes] : hiddenLayerSizes;
    if (!Array.isArray(sizes)) throw argumentError(fn, "hiddenLayerSizes", "a number of units or an array of them", describe(hiddenLayerSizes));
    this.hiddenLayerSizes = sizes.map((s, i) => checkInteger(fn, `hiddenLayerSizes[${i}]`, s, 1));
    this.activation = checkOneOf(fn, "activation", activation, ACTIVATIONS);
    if (solver !== "sgd") throw argumentError(fn, "solver", `"sgd" (scikit-learn's "adam" and "lbfgs" are not ported)`, describe(solver));
    this.solver = solver;
    this.alpha = checkNonNegative(fn, "alpha", alpha);
    this.batchSize = batchSize === "auto" ? batchSize : checkInteger(fn, "batchSize", batchSize, 1);
    this.learningRateInit = checkPositive(fn, "learningRateInit", learningRateInit);
    this.maxIter = checkInteger(fn, "maxIter", maxIter, 1);
    this.randomState = randomState === undefined ? undefined : checkSeed(fn, "randomState", randomState);
    this.tol = checkNonNegative(fn, "tol", tol);
    this.momentum = checkInRange(fn, "momentum", momentum, 0, 1);
    this.nIterNoChange = nIterNoChange === Infinity ? nIterNoChange : checkInteger(fn, "nIterNoChange", nIterNoChange, 1);
    for (const [arg, value] of [["shuffle", shuffle], ["verbose", verbose], ["nesterovsMomentum", nesterovsMomentum]] as const) {
      if (typeof value !== "boolean") throw argumentError(fn, arg, "true or false", describe(value));
    }
    this.shuffle = shuffle;
    this.verbose = verbose;
    this.nesterovsMomentum = nesterovsMomentum;
  }

  /**
   * _fit with the sgd solver: one-hot targets of the sorted classes (LabelBinarizer: one
   * 0/1 column for two classes), Glorot-uniform weights, then epochs of shuffled
   * mini-batches until the loss stops improving by tol or maxIter epochs have run.
   */
  fit(X: Tensor, y: MLPClassifierLabels): this {
    const fn = "MLPClassifier.fit";
    const labels = this.checkData(fn, X, y);
    const classes = [...new Set(Array.from(labels))].sort((a, b) => a - b);
    if (classes.length < 2) throw argumentError(fn, "y", "labels of at least two classes", `only the class ${classes[0]}`);
    const nFeatures = X.shape[1];
    this.classes = classes;
    const Y = binarize(labels, classes);
    const layerUnits = [nFeatures, ...this.hiddenLayerSizes, Y.shape[1]];
    // check_random_state(random_state) on every fit: a refit draws the same weights and shuffles again.
    const random = Rng.numpy(this.randomState ?? Math.floor(Math.random() * 2 ** 32));
    this.initialize(Y, layerUnits, random);
    this.fitStochastic(X, Y, random);
    if (![...this.coefs, ...this.intercepts].every((w) => w.data.every(Number.isFinite))) {
      throw new Error(`${fn}: the solver produced non-finite weights (scikit-learn's ValueError); scale the input or lower learningRateInit`);
    }
    return this;
  }

  /** The class of each row: the most probable one (for two classes, classes[1] where its probability is above 0.5). */
  predict(X: Tensor): Tensor {
    const proba = this.forwardPassFast("predict", X);
    if (this.nOutputs === 1) return proba.map((p) => this.classes[p > 0.5 ? 1 : 0]);
    return proba.argmax(1).map((k) => this.classes[k]);
  }

  /** Probability of each class (columns in the order of classes) for each row. */
  predictProba(X: Tensor): Tensor {
    const proba = this.forwardPassFast("predictProba", X);
    if (this.nOutputs > 1) return proba;
    // np.vstack([1 − p, p]).T: the single logistic output is the second class's probability.
    const out = new Float64Array(proba.size * 2);
    proba.data.forEach((p, i) => { out[2 * i] = 1 - p; out[2 * i + 1] = p; });
    return new Tensor(out, [proba.size, 2]);
  }

  /** Mean accuracy of predict(X) against y (ClassifierMixin.score). */
  score(X: Tensor, y: MLPClassifierLabels): number {
    const predicted = this.predict(X).data;
    const labels = labelValues("MLPClassifier.score", y, predicted.length);
    let right = 0;
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === labels[i]) right++;
    return right / predicted.length;
  }

  /** Each layer's x·W + b, the hidden activation between them, softmax (or logistic for two classes) at the end. */
  private forwardPass(x: Tensor): Tensor {
    let activation = x;
    this.layers.forEach((layer, i) => {
      activation = layer.forward(activation);
      const hidden = this.hidden[i];
      if (hidden) activation = hidden.forward(activation);
    });
    return this.outActivation === "softmax" ? softmax(activation) : activation.sigmoid();
  }

  /** forwardPass for predictions, after the checks, keeping nothing in the layers' memory. */
  private forwardPassFast(method: string, X: Tensor): Tensor {
    const fn = `MLPClassifier.${method}`;
    if (this.layers.length === 0) throw argumentError(fn, "the model", "fitted first (call fit)", "an unfitted MLPClassifier");
    const nFeatures = this.coefs[0].shape[0];
    if (!(X instanceof Tensor) || X.ndim !== 2 || X.shape[1] !== nFeatures) {
      throw argumentError(fn, "X", `a matrix of rows of ${nFeatures} features (as in fit)`, X instanceof Tensor ? shapeString(X.shape) : describe(X));
    }
    checkAllFinite(fn, "X", X.data, nFeatures);
    const output = tidy(() => this.forwardPass(X));
    return this.nOutputs === 1 ? output.reshape(X.shape[0]) : output; // y_pred.ravel() for one output
  }

  /** coef_grad = (aᵀ·δ + α·W) / n and intercept_grad = mean(δ, 0), from the layer's own backward pass. */
  private computeLossGrad(layer: Affine, nSamples: number): [Tensor, Tensor] {
    // dW − (−α)·W is dW + α·W bit for bit, made in place in the product.
    const coefGrad = (layer.dW as Tensor).subScaledInPlace(-this.alpha, layer.W).div(nSamples);
    return [coefGrad, (layer.db as Tensor).div(nSamples)];
  }

  /** The batch's loss (log_loss + α/2·Σ‖W‖²/n) and the gradients, output layer first back to the first. */
  private backprop(X: Tensor, Y: Tensor): { loss: number; coefGrads: Tensor[]; interceptGrads: Tensor[] } {
    const nSamples = X.shape[0];
    const output = this.forwardPass(X);
    let loss = logLoss(Y, output);
    let values = 0;
    // np.dot(s, s) is BLAS's ddot, whose order of additions is BLAS's own; a pairwise sum is as near as any.
    for (const coef of this.coefs) values += pairwiseSum(coef.square().data, 0, coef.size, 1);
    loss += ((0.5 * this.alpha) * values) / nSamples;

    // δ = output − y: the gradient of softmax with log_loss (or logistic with binary log_loss) at z.
    let delta = output.sub(Y);
    const coefGrads: Tensor[] = [], interceptGrads: Tensor[] = [];
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      // The first layer's δ·Wᵀ would be a gradient for the input, which nothing uses.
      const dx = i > 0 ? layer.backward(delta) : (layer.backwardParams(delta), null);
      [coefGrads[i], interceptGrads[i]] = this.computeLossGrad(layer, nSamples);
      if (dx) delta = this.hidden[i - 1]?.backward(dx) ?? dx;
    }
    return { loss, coefGrads, interceptGrads };
  }

  /** n_outputs_, n_layers_, out_activation_, the weights and the stopping state, as a first fit sets them. */
  private initialize(Y: Tensor, layerUnits: number[], random: Rng): void {
    this.nIter = 0;
    this.nOutputs = Y.shape[1];
    this.nLayers = layerUnits.length;
    this.outActivation = this.nOutputs > 1 ? "softmax" : "logistic";
    this.coefs = [];
    this.intercepts = [];
    for (let i = 0; i < this.nLayers - 1; i++) {
      const [coef, intercept] = this.initCoef(layerUnits[i], layerUnits[i + 1], random);
      this.coefs.push(coef);
      this.intercepts.push(intercept);
    }
    this.layers = this.coefs.map((W, i) => new Affine(W, this.intercepts[i]));
    const hiddenLayer: () => Layer | null = { identity: () => null, logistic: () => new Sigmoid(), tanh: () => new Tanh(), relu: () => new Relu() }[this.activation];
    this.hidden = this.hiddenLayerSizes.map(hiddenLayer);
    this.lossCurve = [];
    this.noImprovementCount = 0;
    this.bestLoss = Infinity;
    this.loss = NaN;
    this.notes = [];
  }

  /**
   * Glorot's uniform bound √(factor/(fan_in + fan_out)), factor 2 for logistic and 6 otherwise;
   * W then b from the stream. Protected so that a test can record the weights as drawn.
   */
  protected initCoef(fanIn: number, fanOut: number, random: Rng): [Tensor, Tensor] {
    const factor = this.activation === "logistic" ? 2 : 6;
    const initBound = Math.sqrt(factor / (fanIn + fanOut));
    const coef = new Tensor(random.uniformArray(-initBound, initBound, fanIn * fanOut), [fanIn, fanOut]);
    const intercept = new Tensor(random.uniformArray(-initBound, initBound, fanOut), [fanOut]);
    // resident: the products read the weights where they live, and the updates change them there.
    return [resident(coef), resident(intercept)];
  }

  /** The epochs: reshuffle the order, one SGD step per batch, then the loss curve and the stopping rule. */
  private fitStochastic(X: Tensor, Y: Tensor, random: Rng): void {
    const params = [...this.coefs, ...this.intercepts];
    const optimizer = new SGDOptimizer(params, this.learningRateInit, this.momentum, this.nesterovsMomentum);
    const nSamples = X.shape[0];
    let sampleIdx = Int32Array.from({ length: nSamples }, (_, i) => i);
    if (this.batchSize !== "auto" && this.batchSize > nSamples) {
      this.note("Got `batch_size` less than 1 or larger than sample size. It is going to be clipped");
    }
    const batchSize = this.batchSize === "auto" ? Math.min(200, nSamples) : Math.min(this.batchSize, nSamples);
    // One batch array for every step, refilled each time, where the products read it in place.
    const xBatchData = resident([batchSize, X.shape[1]]).data;
    const yBatchData = new Float64Array(batchSize * Y.shape[1]);

    for (let it = 0; it < this.maxIter; it++) {
      if (this.shuffle) {
        // utils.shuffle(sample_idx): a shuffled arange indexes the previous order, so the orders compose.
        const indices = Int32Array.from({ length: nSamples }, (_, i) => i);
        random.shuffle(indices);
        sampleIdx = indices.map((i) => sampleIdx[i]);
      }
      let accumulatedLoss = 0;
      for (let start = 0; start < nSamples; start += batchSize) {
        const batch = sampleIdx.subarray(start, Math.min(start + batchSize, nSamples));
        // tidy: the step's intermediate tensors are not kept, so their memory is reused.
        const batchLoss = tidy(() => {
          const xBatch = X.take(batch, xBatchData.subarray(0, batch.length * X.shape[1]));
          const yBatch = Y.take(batch, yBatchData.subarray(0, batch.length * Y.shape[1]));
          const { loss, coefGrads, interceptGrads } = this.backprop(xBatch, yBatch);
          optimizer.updateParams(params, [...coefGrads, ...interceptGrads]);
          return loss;
        });
        accumulatedLoss += batchLoss * batch.length;
      }
      this.nIter++;
      this.loss = accumulatedLoss / nSamples;
      this.lossCurve.push(this.loss);
      if (this.verbose) console.log(`Iteration ${this.nIter}, loss = ${pythonFixed(this.loss, 8)}`);
      this.updateNoImprovementCount();
      if (this.noImprovementCount > this.nIterNoChange) {
        // The constant learning rate's trigger_stopping: stop (scikit-learn prints this only when verbose).
        this.note(`Training loss did not improve more than tol=${pythonFixed(this.tol, 6)} for ${this.nIterNoChange} consecutive epochs. Stopping.`);
        break;
      }
      if (this.nIter === this.maxIter) {
        this.note(`ConvergenceWarning: Stochastic Optimizer: Maximum iterations (${this.maxIter}) reached and the optimization hasn't converged yet.`);
      }
    }
  }

  /** Counts epochs whose loss is not below bestLoss − tol, and keeps the smallest loss. */
  private updateNoImprovementCount(): void {
    const last = this.lossCurve[this.lossCurve.length - 1];
    if (last > this.bestLoss - this.tol) this.noImprovementCount++;
    else this.noImprovementCount = 0;
    if (last < this.bestLoss) this.bestLoss = last;
  }

  private note(message: string): void {
    this.notes.push(message);
    if (this.verbose) console.log(message);
  }

  /** X a non-empty matrix of finite numbers and y one finite label per row, checked before anything is drawn. */
  private checkData(fn: string, X: Tensor, y: MLPClassifierLabels): ArrayLike<number> {
    if (!(X instanceof Tensor) || X.ndim !== 2 || X.size === 0) {
      throw argumentError(fn, "X", "a non-empty matrix (samples × features)", X instanceof Tensor ? shapeString(X.shape) : describe(X));
    }
    checkAllFinite(fn, "X", X.data, X.shape[1]);
    return labelValues(fn, y, X.shape[0]);
  }
}

/** The values of labels given as a Tensor of one axis or an array, one finite number per row. */
function labelValues(fn: string, y: MLPClassifierLabels, rows: number): ArrayLike<number> {
  if (y instanceof Tensor && y.ndim !== 1) throw argumentError(fn, "y", "one axis of labels", shapeString(y.shape));
  const values = y instanceof Tensor ? y.data : y;
  if (values === null || typeof values !== "object" || typeof values.length !== "number") throw argumentError(fn, "y", "an array of labels", describe(y));
  if (values.length !== rows) throw argumentError(fn, "y", `one label per row of X (${rows})`, `${values.length} labels`);
  checkAllFinite(fn, "y", values);
  return values;
}
