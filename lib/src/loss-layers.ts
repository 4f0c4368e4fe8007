// Output layers with their loss (post 002 §10.1.5–10.1.6, after Géron's Hands-On ML ch. 10),
// shaped like SoftmaxWithLoss in layers.ts: forward(x, t) returns the mean loss of the last
// layer's output x against the targets t, backward() the gradient dL/dx, and predict(x) what
// the network outputs. Each is the mean over every output value (N rows × K columns), as
// Keras's losses are, so one gradient entry is dL/dx = (something) / (N·K).
//   SigmoidWithLoss   logistic output + binary cross-entropy, from the logits (binary, multi-label)
//   MeanSquaredError  mean of (y − t)²         (regression)
//   MeanAbsoluteError mean of |y − t|          (regression with outliers)
//   Huber             squared near 0, absolute beyond δ (regression with outliers)
import { argumentError, checkAllFinite, checkPositive, describe } from "./checks";
import { shapeString, Tensor } from "./tensor";

/** What Sequential needs from its last layer (SoftmaxWithLoss has the same methods). */
export interface LossLayer {
  /** The mean loss of the output x (N×K) against t. */
  forward(x: Tensor, t: Tensor): number;
  /** dL/dx of the last forward pass, times dout. */
  backward(dout?: number): Tensor;
  /** The network's prediction from x: probabilities for a classifier, x itself for a regression loss. */
  predict(x: Tensor): Tensor;
  /** Throws, naming `fn` and the argument `arg`, unless t fits an output of `units` columns and `rows` rows; returns t as N×K (or N labels). */
  checkTargets(fn: string, arg: string, t: Tensor, rows: number, units: number): Tensor;
}

function forwardFirst(method: string): never {
  throw new Error(`${method}: call forward first`);
}

/**
 * t as an N×K matrix: an N×K tensor as it is, or N values for a single output unit.
 * Refuses anything else and non-finite values, naming the first one.
 */
function targetMatrix(fn: string, arg: string, t: Tensor, rows: number, units: number): Tensor {
  if (!(t instanceof Tensor)) throw argumentError(fn, arg, "a Tensor of targets", describe(t));
  const m = t.ndim === 1 && units === 1 ? t.reshape(t.size, 1) : t;
  const expected = units === 1 ? `(${rows}) or (${rows}×1)` : `(${rows}×${units})`;
  if (m.ndim !== 2 || m.shape[0] !== rows || m.shape[1] !== units) {
    throw argumentError(fn, arg, `one row of ${units} target${units === 1 ? "" : "s"} per row of the output: shape ${expected}`, shapeString(t.shape));
  }
  checkAllFinite(fn, arg, m.data, units);
  return m;
}

function checkOutput(fn: string, x: Tensor): void {
  if (x.ndim !== 2 || x.shape[0] === 0) throw argumentError(fn, "x", "a non-empty batch of rows (N×K)", shapeString(x.shape));
}

/**
 * The logistic (sigmoid) output and binary cross-entropy as one layer, for binary and
 * multi-label classification: one output unit per label, each a probability p = σ(x).
 * L = −mean(t·log p + (1 − t)·log(1 − p)), computed from the logit x as
 * max(x, 0) − x·t + log(1 + e^(−|x|)), which never takes the log of 0 and never overflows.
 * As with softmax, the gradient is simply (p − t) / (N·K). Targets are in [0, 1].
 */
export class SigmoidWithLoss implements LossLayer {
  loss: number | null = null;
  private p: Tensor | null = null;
  private t: Tensor | null = null;

  forward(x: Tensor, t: Tensor): number {
    const fn = "SigmoidWithLoss.forward";
    checkOutput(fn, x);
    checkAllFinite(fn, "x", x.data, x.shape[1]);
    const target = this.checkTargets(fn, "t", t, x.shape[0], x.shape[1]);
    let total = 0;
    for (let i = 0; i < x.size; i++) {
      const v = x.data[i], ti = target.data[i];
      total += Math.max(v, 0) - v * ti + Math.log1p(Math.exp(-Math.abs(v)));
    }
    this.p = x.sigmoid();
    this.t = target;
    this.loss = total / x.size;
    return this.loss;
  }

  backward(dout = 1): Tensor {
    const p = this.p ?? forwardFirst("SigmoidWithLoss.backward");
    return p.sub(this.t as Tensor).mul(dout / p.size);
  }

  /** σ(x): the probability of each label. */
  predict(x: Tensor): Tensor {
    return x.sigmoid();
  }

  checkTargets(fn: string, arg: string, t: Tensor, rows: number, units: number): Tensor {
    const m = targetMatrix(fn, arg, t, rows, units);
    for (let i = 0; i < m.size; i++) {
      const v = m.data[i];
      if (!(v >= 0 && v <= 1)) {
        throw argumentError(fn, `${arg}[${Math.floor(i / units)}][${i % units}]`, "a probability in [0, 1] (binary cross-entropy compares it with σ(x))", describe(v));
      }
    }
    return m;
  }
}

/** Shared by the regression losses: predict is the output itself, targets any finite numbers. */
abstract class RegressionLoss implements LossLayer {
  loss: number | null = null;
  private e: Tensor | null = null; // y − t of the last forward pass
  abstract readonly name: string;

  /** The loss of one error e = y − t, and its derivative. */
  protected abstract value(e: number): number;
  protected abstract derivative(e: number): number;

  forward(y: Tensor, t: Tensor): number {
    const fn = `${this.name}.forward`;
    checkOutput(fn, y);
    checkAllFinite(fn, "y", y.data, y.shape[1]);
    const e = y.sub(this.checkTargets(fn, "t", t, y.shape[0], y.shape[1]));
    let total = 0;
    for (let i = 0; i < e.size; i++) total += this.value(e.data[i]);
    this.e = e;
    this.loss = total / e.size;
    return this.loss;
  }

  backward(dout = 1): Tensor {
    const e = this.e ?? forwardFirst(`${this.name}.backward`);
    const scale = dout / e.size;
    return e.map((v) => this.derivative(v) * scale);
  }

  /** A regression's output is the prediction itself. */
  predict(y: Tensor): Tensor {
    return y;
  }

  checkTargets(fn: string, arg: string, t: Tensor, rows: number, units: number): Tensor {
    return targetMatrix(fn, arg, t, rows, units);
  }
}

/** L = mean((y − t)²), Keras's "mse"; dL/dy = 2(y − t)/(N·K). Large errors dominate it. */
export class MeanSquaredError extends RegressionLoss {
  readonly name = "MeanSquaredError";
  protected value(e: number): number { return e * e; }
  protected derivative(e: number): number { return 2 * e; }
}

/**
 * L = mean(|y − t|), Keras's "mae"; dL/dy = sign(y − t)/(N·K) (0 where y = t). Every error
 * pulls with the same force, so a few huge ones (outliers) cannot drag the fit to themselves.
 */
export class MeanAbsoluteError extends RegressionLoss {
  readonly name = "MeanAbsoluteError";
  protected value(e: number): number { return Math.abs(e); }
  protected derivative(e: number): number { return Math.sign(e); }
}

/**
 * Huber's loss, Keras's Huber(delta): ½e² for |e| ≤ δ and δ(|e| − ½δ) beyond, so small
 * errors are squared (smooth near the minimum, like MSE) and large ones count linearly
 * (robust, like MAE). dL/dy = clip(e, −δ, δ)/(N·K).
 */
export class Huber extends RegressionLoss {
  readonly name = "Huber";
  readonly delta: number;
  constructor({ delta = 1 }: { delta?: number } = {}) {
    super();
    this.delta = checkPositive("Huber", "delta", delta);
  }
  protected value(e: number): number {
    const a = Math.abs(e);
    return a <= this.delta ? 0.5 * e * e : this.delta * (a - 0.5 * this.delta);
  }
  protected derivative(e: number): number { return Math.min(this.delta, Math.max(-this.delta, e)); }
}
