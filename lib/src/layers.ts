// Backpropagation layers (post 001 "역전파", Deep Learning from Scratch ch. 5,
// common/layers.py): each layer remembers what its forward pass needs and turns
// the gradient of the loss w.r.t. its output into the gradient w.r.t. its input.
import { crossEntropyError } from "./losses";
import { softmax } from "./activations";
import { kernel } from "./kernel";
import { scratchArray } from "./kernel/scratch";
import { uninitializedArray } from "./kernel/uninitialized";
import { shapeString, Tensor } from "./tensor";

export interface Layer {
  forward(x: Tensor): Tensor;
  /** dL/d(input) from dL/d(output); layers with parameters also store their gradients. */
  backward(dout: Tensor): Tensor;
}

function forwardFirst(method: string): never {
  throw new Error(`${method}: call forward first`);
}

function sameShape(dout: Tensor, expected: Tensor, layer: string): void {
  if (dout.shape.join() !== expected.shape.join()) {
    throw new Error(`${layer}.backward: dout has shape ${shapeString(dout.shape)}, the forward output had ${shapeString(expected.shape)}`);
  }
}

/** out = max(0, x); the gradient passes where x > 0 and stops elsewhere. */
export class Relu implements Layer {
  private x: Tensor | null = null;

  forward(x: Tensor): Tensor {
    this.x = x;
    const out = scratchArray(x.size);
    kernel().relu(x.data, out);
    return new Tensor(out, x.shape);
  }

  backward(dout: Tensor): Tensor {
    const x = this.x ?? forwardFirst("Relu.backward");
    sameShape(dout, x, "Relu");
    const dx = scratchArray(x.size);
    kernel().reluBackward(x.data, dout.data, dx);
    return new Tensor(dx, x.shape);
  }
}

/** out = σ(x); dL/dx = dout · out · (1 − out), from the output alone. */
export class Sigmoid implements Layer {
  private out: Tensor | null = null;

  forward(x: Tensor): Tensor {
    const out = scratchArray(x.size);
    kernel().sigmoid(x.data, out);
    this.out = new Tensor(out, x.shape);
    return this.out;
  }

  backward(dout: Tensor): Tensor {
    const out = this.out ?? forwardFirst("Sigmoid.backward");
    sameShape(dout, out, "Sigmoid");
    const dx = scratchArray(out.size);
    kernel().sigmoidBackward(out.data, dout.data, dx);
    return new Tensor(dx, out.shape);
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
    const [nIn, nOut] = this.W.shape;
    const rows = x.ndim === 0 ? 0 : x.shape[0];
    if (x.ndim === 0 || x.size !== rows * nIn) {
      throw new Error(`Affine.forward: x ${shapeString(x.shape)}·W ${shapeString(this.W.shape)}: each of the ${rows} rows must hold ${nIn} values`);
    }
    this.inputShape = x.shape;
    this.x = x.reshape(rows, nIn);
    const out = scratchArray(rows * nOut);
    kernel().gemm(false, false, rows, nOut, nIn, x.data, this.W.data, out, false, this.b.data); // x·W, then + b
    return new Tensor(out, [rows, nOut]);
  }

  backward(dout: Tensor): Tensor {
    this.paramGradients(dout, "backward");
    const [nIn, nOut] = this.W.shape;
    const rows = dout.shape[0];
    const dx = scratchArray(rows * nIn);
    kernel().gemm(false, true, rows, nIn, nOut, dout.data, this.W.data, dx, false); // dout·Wᵀ
    return new Tensor(dx, this.inputShape);
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
    const [nIn, nOut] = this.W.shape;
    const rows = x.shape[0];
    if (dout.shape.join() !== [rows, nOut].join()) {
      throw new Error(`Affine.${op}: dout has shape ${shapeString(dout.shape)}, the forward output had (${rows}×${nOut})`);
    }
    const dW = uninitializedArray(nIn * nOut);
    kernel().gemm(true, false, nIn, nOut, rows, x.data, dout.data, dW, false); // xᵀ·dout
    this.dW = new Tensor(dW, this.W.shape);
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
    if (t.size === rows * cols && t.ndim === 2) {
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
    const dx = scratchArray(y.size);
    dx.set(y.data.subarray(0, y.size));
    for (let r = 0; r < rows; r++) dx[r * cols + labels[r]] -= 1;
    const scale = dout / rows;
    for (let i = 0; i < dx.length; i++) dx[i] *= scale;
    return new Tensor(dx, y.shape);
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
