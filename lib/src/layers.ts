// Backpropagation layers (post 001 "역전파", Deep Learning from Scratch ch. 5,
// common/layers.py): each layer remembers what its forward pass needs and turns
// the gradient of the loss w.r.t. its output into the gradient w.r.t. its input.
import { crossEntropyError } from "./losses";
import { softmax } from "./activations";
import { argumentError, checkLabels, checkOneHot, checkSameShape, describe } from "./checks";
import { matmul, reluBackward, sigmoidBackward, shapeString, Tensor } from "./tensor";

export interface Layer {
  forward(x: Tensor): Tensor;
  /** dL/d(input) from dL/d(output); layers with parameters also store their gradients. */
  backward(dout: Tensor): Tensor;
}

function forwardFirst(method: string): never {
  throw new Error(`${method}: call forward first`);
}


/** out = max(0, x); the gradient passes where x > 0 and stops elsewhere. */
export class Relu implements Layer {
  private x: Tensor | null = null;

  forward(x: Tensor): Tensor {
    this.x = x;
    return x.relu();
  }

  backward(dout: Tensor): Tensor {
    const x = this.x ?? forwardFirst("Relu.backward");
    checkSameShape("Relu.backward", "dout", dout.shape, "the forward output's", x.shape);
    return reluBackward(x, dout);
  }
}

/** out = σ(x); dL/dx = dout · out · (1 − out), from the output alone. */
export class Sigmoid implements Layer {
  private out: Tensor | null = null;

  forward(x: Tensor): Tensor {
    this.out = x.sigmoid();
    return this.out;
  }

  backward(dout: Tensor): Tensor {
    const out = this.out ?? forwardFirst("Sigmoid.backward");
    checkSameShape("Sigmoid.backward", "dout", dout.shape, "the forward output's", out.shape);
    return sigmoidBackward(out, dout);
  }
}

/** out = tanh(x); dL/dx = dout · (1 − out²), from the output alone. */
export class Tanh implements Layer {
  private out: Tensor | null = null;

  forward(x: Tensor): Tensor {
    this.out = x.map(Math.tanh);
    return this.out;
  }

  backward(dout: Tensor): Tensor {
    const out = this.out ?? forwardFirst("Tanh.backward");
    checkSameShape("Tanh.backward", "dout", dout.shape, "the forward output's", out.shape);
    return dout.mul(out.map((y) => 1 - y * y));
  }
}

/**
 * out = softplus(x) = log(1 + eˣ), a smooth ReLU that is positive everywhere: an output
 * activation for targets that must be positive (post 002 §10.1.5). Computed as
 * max(x, 0) + log(1 + e^(−|x|)), which neither overflows for large x nor loses small values;
 * its derivative is σ(x).
 */
export class Softplus implements Layer {
  private x: Tensor | null = null;

  forward(x: Tensor): Tensor {
    this.x = x;
    return x.map((v) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
  }

  backward(dout: Tensor): Tensor {
    const x = this.x ?? forwardFirst("Softplus.backward");
    checkSameShape("Softplus.backward", "dout", dout.shape, "the forward output's", x.shape);
    return dout.mul(x.sigmoid());
  }
}

/** out = x: "no activation", the output layer of a plain regression; the gradient passes unchanged. */
export class Identity implements Layer {
  private shape: readonly number[] | null = null;

  forward(x: Tensor): Tensor {
    this.shape = x.shape;
    return x;
  }

  backward(dout: Tensor): Tensor {
    const shape = this.shape ?? forwardFirst("Identity.backward");
    checkSameShape("Identity.backward", "dout", dout.shape, "the forward output's", shape);
    return dout;
  }
}

/**
 * out = x·W + b for a batch x of any leading shape: (N, …) is flattened to
 * N rows first (an image batch N×1×28×28 becomes N×784), and dx gets the
 * original shape back. W and b are shared with the network that owns them.
 */
export class Affine implements Layer {
  dW: Tensor | null = null;
  db: Tensor | null = null;
  private x: Tensor | null = null; // the flattened input
  private inputShape: readonly number[] = [];

  constructor(public W: Tensor, public b: Tensor) {
    if (W.ndim !== 2) throw new Error(`Affine: W must be a matrix, got ${shapeString(W.shape)}`);
    if (b.ndim !== 1 || b.shape[0] !== W.shape[1]) throw new Error(`Affine: b has shape ${shapeString(b.shape)}, W ${shapeString(W.shape)} needs (${W.shape[1]})`);
  }

  forward(x: Tensor): Tensor {
    const nIn = this.W.shape[0];
    const rows = x.ndim === 0 ? 0 : x.shape[0];
    if (x.ndim === 0 || x.size !== rows * nIn) {
      throw new Error(`Affine.forward: x ${shapeString(x.shape)}·W ${shapeString(this.W.shape)}: each of the ${rows} rows must hold ${nIn} values`);
    }
    this.inputShape = x.shape;
    this.x = x.reshape(rows, nIn);
    return matmul(this.x, this.W, { bias: this.b }); // x·W + b
  }

  backward(dout: Tensor): Tensor {
    this.paramGradients(dout, "backward");
    const dx = matmul(dout, this.W, { transposeB: true }); // dout·Wᵀ
    return dx.reshape(...this.inputShape);
  }

  /**
   * Only dW and db, for a first layer: its dx would be the gradient with respect to
   * the input data, which nothing uses, and costs as much as dW (a third of the layer).
   */
  backwardParams(dout: Tensor): void {
    this.paramGradients(dout, "backwardParams");
  }

  private paramGradients(dout: Tensor, op: string): void {
    const x = this.x ?? forwardFirst(`Affine.${op}`);
    const nOut = this.W.shape[1];
    const rows = x.shape[0];
    checkSameShape(`Affine.${op}`, "dout", dout.shape, "the forward output's", [rows, nOut]);
    this.dW = matmul(x, dout, { transposeA: true }); // xᵀ·dout
    this.db = dout.sum(0);
  }
}

/**
 * Softmax followed by the cross-entropy loss, as one layer: together their
 * gradient is simply (y − t) / N, which is why the two are fused.
 * Targets are one-hot rows or one class label per row.
 */
export class SoftmaxWithLoss {
  loss: number | null = null;
  private y: Tensor | null = null;
  private labels: Int32Array | null = null;

  forward(x: Tensor, t: Tensor): number {
    if (x.ndim !== 2) throw new Error(`SoftmaxWithLoss.forward: x must be a batch of rows, got ${shapeString(x.shape)}`);
    const y = softmax(x);
    this.loss = crossEntropyError(y, t); // also validates t against y
    const [rows, cols] = x.shape;
    const labels = new Int32Array(rows);
    if (t.size === rows * cols && (t.ndim === 2 || rows === 1)) { // one-hot, as crossEntropyError reads t
      for (let r = 0; r < rows; r++) labels[r] = oneHotIndex(t, r, cols);
    } else {
      for (let r = 0; r < rows; r++) labels[r] = t.data[r];
    }
    this.y = y;
    this.labels = labels;
    return this.loss;
  }

  backward(dout = 1): Tensor {
    const y = this.y ?? forwardFirst("SoftmaxWithLoss.backward");
    const labels = this.labels as Int32Array;
    const [rows, cols] = y.shape;
    const dx = y.copy(); // y − t, with t as one label per row
    for (let r = 0; r < rows; r++) dx.data[r * cols + labels[r]] -= 1;
    return dx.div(rows).mul(dout);
  }

  /** What the network predicts from scores x: softmax(x), class probabilities per row. */
  predict(x: Tensor): Tensor {
    return softmax(x);
  }

  /**
   * Throws, naming `fn` and the argument `arg`, unless t holds one class label per row or
   * one-hot rows for an output of `units` ≥ 2 classes (softmax of one unit is always 1:
   * nothing to learn).
   */
  checkTargets(fn: string, arg: string, t: Tensor, rows: number, units: number): Tensor {
    if (units < 2) throw argumentError(fn, "the output", "at least 2 units for softmax cross-entropy (the softmax of a single unit is always 1); for two classes use one unit with SigmoidWithLoss", `${units} unit`);
    // A plain array has no shape to read: refused here rather than by a TypeError below.
    if (!(t instanceof Tensor)) throw argumentError(fn, arg, `a Tensor of class labels (${rows}) or one-hot rows (${rows}×${units})`, describe(t));
    if (t.ndim === 2 && t.shape[0] === rows && t.shape[1] === units) {
      checkOneHot(fn, arg, t.data, units);
    } else if (t.ndim === 1 && t.size === rows) {
      checkLabels(fn, arg, t.data, units);
    } else {
      throw argumentError(fn, arg, `one class label per row (${rows}) or one-hot rows (${rows}×${units})`, shapeString(t.shape));
    }
    return t;
  }

  /** The softmax output of the last forward pass. */
  get output(): Tensor {
    return this.y ?? forwardFirst("SoftmaxWithLoss.output");
  }
}

function oneHotIndex(t: Tensor, row: number, cols: number): number {
  for (let j = 0; j < cols; j++) if (t.data[row * cols + j] === 1) return j;
  return -1; // unreachable: crossEntropyError has checked the rows are one-hot
}
