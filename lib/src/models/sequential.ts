// Post 002 §10.1.4–10.1.6, after Géron's Hands-On Machine Learning ch. 10: Keras's
// keras.models.Sequential (a list of layers; summary, fit with validation_data and the
// EarlyStopping callback's patience and restore_best_weights, predict, evaluate), built
// from Deep Learning from Scratch's layers as its common/multi_layer_net.py builds its
// MultiLayerNet (Affine → activation → … → Affine → a loss layer, weight decay ½λΣW²).
// Methods in MultiLayerNet's order (predict, loss, accuracy, gradient), then Keras's summary,
// get_weights/set_weights and fit. No second copy of backprop: gradient() calls each layer's
// forward, then its backward.
// mlp(), which builds the typical networks of the post's two tables, is in mlp-builder.ts.
import { argumentError, checkAllFinite, checkInteger, checkNonNegative, checkSameShape, describe, describeShape } from "../checks";
import { Affine, Layer, SoftmaxWithLoss } from "../layers";
import { LossLayer, SigmoidWithLoss } from "../loss-layers";
import { updateFromGradient, type NamedTensors } from "../optimizers";
import { Rng } from "../random";
import { Tensor, tidy } from "../tensor";
import { describeLayer, entryWidth, layerName } from "./sequential-describe";
import type { FitOptions, History, SequentialOptions } from "./sequential-options";

// Re-exported: the options and records are still this module's, for index.ts and whoever imports sequential.ts.
export * from "./sequential-options";

const FN = "Sequential";

export class Sequential {
  readonly layers: readonly Layer[];
  readonly lossLayer: LossLayer;
  /** W1, b1, W2, b2, …: the weights and biases of the Affine layers in order, shared with them (TwoLayerNet's names). */
  readonly params: NamedTensors;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly name: string;
  readonly l2: number;
  private readonly affines: Affine[];
  private lastLoss = NaN;

  /** Every layer's output width must be the next one's input width; the first layer must be an Affine. */
  constructor(layers: readonly Layer[], lossLayer: LossLayer, options: SequentialOptions = {}) {
    if (!Array.isArray(layers) || layers.length === 0) throw argumentError(FN, "layers", "a non-empty list of layers", describe(layers));
    layers.forEach((layer, i) => {
      if (!layer || typeof layer.forward !== "function" || typeof layer.backward !== "function") {
        throw argumentError(FN, `layers[${i}]`, "a layer with forward(x) and backward(dout)", describe(layer));
      }
    });
    const methods = ["forward", "backward", "predict", "checkTargets"] as const;
    if (!lossLayer || methods.some((m) => typeof (lossLayer as unknown as Record<string, unknown>)[m] !== "function")) {
      throw argumentError(FN, "lossLayer", "an output layer with its loss (SoftmaxWithLoss, SigmoidWithLoss, MeanSquaredError, MeanAbsoluteError, Huber)", describe(lossLayer));
    }
    if (!(layers[0] instanceof Affine)) throw argumentError(FN, "layers[0]", "an Affine layer (it fixes the number of inputs)", describeLayer(layers[0], 0));
    // Walk the widths: an Affine maps W.rows values to W.cols, every other layer acts value by value.
    let width = layers[0].W.shape[0];
    let from = -1;
    layers.forEach((layer, i) => {
      if (!(layer instanceof Affine)) return;
      if (layer.W.shape[0] !== width) {
        throw argumentError(FN, describeLayer(layer, i), `fed by the ${width} outputs of ${describeLayer(layers[from], from)}, so W needs ${width} rows`, `W of shape ${describeShape(layer.W.shape)}`);
      }
      width = layer.W.shape[1];
      from = i;
    });
    const last = layers[layers.length - 1];
    if (lossLayer instanceof SoftmaxWithLoss && width < 2) {
      throw argumentError(FN, "the output for SoftmaxWithLoss", "at least 2 units (the softmax of a single unit is always 1); for two classes use one unit with SigmoidWithLoss", `${width} unit from ${describeLayer(layers[from], from)}`);
    }
    if ((lossLayer instanceof SigmoidWithLoss || lossLayer instanceof SoftmaxWithLoss) && !(last instanceof Affine)) {
      throw argumentError(FN, "the last layer", `an Affine layer: ${layerName(lossLayer)} applies its own activation to the scores`, describeLayer(last, layers.length - 1));
    }
    this.layers = [...layers];
    this.lossLayer = lossLayer;
    this.affines = layers.filter((l): l is Affine => l instanceof Affine);
    this.params = {};
    this.affines.forEach((a, k) => {
      this.params[`W${k + 1}`] = a.W;
      this.params[`b${k + 1}`] = a.b;
    });
    this.inputSize = layers[0].W.shape[0];
    this.outputSize = width;
    this.name = options.name ?? "sequential";
    this.l2 = checkNonNegative(FN, "l2", options.l2 ?? 0);
  }

  /** The last layer's output (the scores or logits, before the loss layer's own activation). */
  forward(x: Tensor): Tensor {
    let out = x.ndim === 1 ? x.reshape(1, -1) : x;
    if (out.ndim !== 2 || out.shape[1] !== this.inputSize) throw argumentError(`${FN}.forward`, "x", `rows of ${this.inputSize} inputs`, describeShape(x.shape));
    for (const layer of this.layers) out = layer.forward(out);
    return out;
  }

  /** What the network outputs: probabilities for a classifier, the values themselves for a regression (Keras's predict). */
  predict(x: Tensor): Tensor {
    return this.lossLayer.predict(this.forward(x));
  }

  /** The loss layer's mean loss, plus ½λ·ΣW² when l2 > 0. */
  loss(x: Tensor, t: Tensor): number {
    return this.lossLayer.forward(this.forward(x), t) + this.weightDecay();
  }

  /** Fraction of correct predictions: the top class for softmax, every label thresholded at ½ for sigmoid outputs. */
  accuracy(x: Tensor, t: Tensor): number {
    const fn = `${FN}.accuracy`;
    const scores = this.forward(x);
    const rows = scores.shape[0];
    if (this.lossLayer instanceof SoftmaxWithLoss) {
      this.lossLayer.checkTargets(fn, "t", t, rows, this.outputSize);
      const labels = t.ndim === 2 ? t.argmax(1) : t;
      return scores.argmax(1).eq(labels).sum().item() / rows;
    }
    if (this.lossLayer instanceof SigmoidWithLoss) {
      const target = this.lossLayer.checkTargets(fn, "t", t, rows, this.outputSize);
      let right = 0;
      for (let i = 0; i < scores.size; i++) if ((scores.data[i] > 0) === (target.data[i] > 0.5)) right++;
      return right / scores.size;
    }
    throw argumentError(fn, "the network", "a classifier (SoftmaxWithLoss or SigmoidWithLoss); a regression has no accuracy, use regressionMetrics", layerName(this.lossLayer));
  }

  /** dLoss/dp for every parameter p: forward through every layer, then backward from the loss layer to the first. */
  gradient(x: Tensor, t: Tensor): NamedTensors {
    this.lastLoss = this.lossLayer.forward(this.forward(x), t) + this.weightDecay();
    let dout = this.lossLayer.backward(1);
    for (let i = this.layers.length - 1; i >= 1; i--) dout = this.layers[i].backward(dout);
    (this.layers[0] as Affine).backwardParams(dout); // its dx, the gradient for the input data, is never used
    const grads: NamedTensors = {};
    this.affines.forEach((a, k) => {
      grads[`W${k + 1}`] = this.l2 > 0 ? a.dW!.add(a.W.mul(this.l2)) : a.dW!;
      grads[`b${k + 1}`] = a.db!;
    });
    return grads;
  }

  /** Number of weights and biases. */
  get parameterCount(): number {
    return Object.values(this.params).reduce((n, p) => n + p.size, 0);
  }

  /** Keras's model.summary(): each layer's output shape and parameter count. */
  summary(): string {
    const rule = "_".repeat(67), double = "=".repeat(67);
    // Wide enough for the longest name, "mean_absolute_error (MeanAbsoluteError)".
    const row = (a: string, b: string, c: string) => (a.padEnd(41) + b.padEnd(16) + c).trimEnd();
    const counts = new Map<string, number>();
    const lines = [`Model: "${this.name}"`, rule, row("Layer (type)", "Output Shape", "Param #"), double];
    const entries: [object, number][] = [...this.layers, this.lossLayer].map((layer) => [layer, layer instanceof Affine ? layer.W.size + layer.b.size : 0]);
    entries.forEach(([layer, params], i) => {
      const type = layerName(layer);
      const base = type.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
      const n = counts.get(base) ?? 0;
      counts.set(base, n + 1);
      const shape = `(None, ${layer instanceof Affine ? layer.W.shape[1] : entryWidth(entries, i, this.inputSize)})`;
      if (i > 0) lines.push(rule);
      lines.push(row(`${n === 0 ? base : `${base}_${n}`} (${type})`, shape, String(params)));
    });
    const total = this.parameterCount.toLocaleString("en-US");
    lines.push(double, `Total params: ${total}`, `Trainable params: ${total}`, "Non-trainable params: 0", rule);
    return lines.join("\n");
  }

  /** Copies of the parameters (Keras's get_weights). */
  getWeights(): NamedTensors {
    return Object.fromEntries(Object.entries(this.params).map(([k, p]) => [k, p.copy()]));
  }

  /** Overwrites the parameters in place with same-shaped values (Keras's set_weights); all are checked before any is written. */
  setWeights(weights: NamedTensors): void {
    const fn = `${FN}.setWeights`;
    for (const [key, p] of Object.entries(this.params)) {
      const w = weights[key];
      if (!(w instanceof Tensor)) throw argumentError(fn, `weights.${key}`, `a tensor of shape ${describeShape(p.shape)}`, describe(w));
      // The shape, not only the size: a transposed W has the right number of values in the wrong places.
      checkSameShape(fn, `weights.${key}`, w.shape, `${key}'s`, p.shape);
    }
    for (const [key, p] of Object.entries(this.params)) p.data.set(weights[key].data);
  }

  /**
   * Keras's model.fit: `epochs` passes over the training rows in a new random order each
   * time, one optimizer step per mini-batch (post 002's algorithm, step 0 to 7). Every
   * target is checked before the first step.
   */
  async fit(x: Tensor, t: Tensor, options: FitOptions): Promise<History> {
    const fn = `${FN}.fit`;
    const { epochs, batchSize = 32, optimizer, rng, validationData, earlyStopping, onEpoch } = options;
    checkInteger(fn, "epochs", epochs, 0);
    checkInteger(fn, "batchSize", batchSize, 1);
    if (!optimizer || typeof optimizer.update !== "function") throw argumentError(fn, "optimizer", "an optimizer with update(params, grads), e.g. new Adam({ lr: 0.001 })", describe(optimizer));
    if (!(rng instanceof Rng)) throw argumentError(fn, "rng", "an Rng, e.g. Rng.numpy(42)", describe(rng));
    this.checkData(fn, "x", "t", x, t);
    if (validationData) this.checkData(fn, "validationData[0]", "validationData[1]", validationData[0], validationData[1]);
    if (earlyStopping) {
      if (!validationData) throw argumentError(fn, "earlyStopping", "used with validationData (it watches the validation loss)", "no validationData");
      checkInteger(fn, "earlyStopping.patience", earlyStopping.patience, 1);
    }
    const n = x.shape[0];
    const history: History = { loss: [], valLoss: [], bestEpoch: null, stoppedEarly: false };
    let best = Infinity, wait = 0, bestWeights: NamedTensors | null = null;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = rng.permutation(n);
      let total = 0;
      for (let start = 0; start < n; start += batchSize) {
        const rows = order.slice(start, start + batchSize);
        const xb = x.take(rows), tb = t.take(rows);
        updateFromGradient(optimizer, this.params, () => this.gradient(xb, tb));
        total += this.lastLoss * rows.length;
      }
      history.loss.push(total / n);
      let valLoss: number | null = null;
      if (validationData) {
        valLoss = tidy(() => this.loss(validationData[0], validationData[1]));
        history.valLoss.push(valLoss);
        if (valLoss < best) {
          best = valLoss;
          history.bestEpoch = epoch;
          wait = 0;
          if (earlyStopping?.restoreBestWeights) bestWeights = this.getWeights();
        } else wait++;
      }
      if (onEpoch) await onEpoch({ epoch, epochs, loss: total / n, valLoss });
      if (earlyStopping && wait >= earlyStopping.patience) {
        history.stoppedEarly = epoch < epochs;
        break;
      }
    }
    if (bestWeights) this.setWeights(bestWeights);
    return history;
  }

  private weightDecay(): number {
    if (this.l2 === 0) return 0;
    let sum = 0;
    for (const a of this.affines) for (const w of a.W.data) sum += w * w;
    return 0.5 * this.l2 * sum;
  }

  /** Rows of inputs that fit the first layer, and finite targets that fit the loss, before any step. */
  private checkData(fn: string, xName: string, tName: string, x: Tensor, t: Tensor): void {
    if (!(x instanceof Tensor) || x.ndim !== 2 || x.shape[0] === 0 || x.shape[1] !== this.inputSize) {
      throw argumentError(fn, xName, `a non-empty batch of rows of ${this.inputSize} inputs`, x instanceof Tensor ? describeShape(x.shape) : describe(x));
    }
    checkAllFinite(fn, xName, x.data, this.inputSize);
    this.lossLayer.checkTargets(fn, tName, t, x.shape[0], this.outputSize);
  }
}
