// Post 001's train_neuralnet with the backprop TwoLayerNet (Affine → ReLU → Affine →
// SoftmaxWithLoss, 784-50-10), written on the kernel alone: the same steps as the
// Python in bench/numpy_bench.py, including the work numpy does and then drops
// (dx of the first layer, the second forward pass for the loss).
import { kernel } from "../../lib/src/kernel";
import { Rng } from "../../lib/src/random";
import { affine, argmaxRows, gatherRows, step, sumRows } from "./layers";
import { MnistArrays } from "./mnist-arrays";

export interface TrainNeuralnetResult {
  evaluations: number;
  train_acc: number;
  test_acc: number;
  last_loss: number;
}

const INPUT = 784, HIDDEN = 50, OUTPUT = 10, BATCH = 100, LEARNING_RATE = 0.1;

class TwoLayerNet {
  readonly w1: Float64Array; readonly b1 = new Float64Array(HIDDEN);
  readonly w2: Float64Array; readonly b2 = new Float64Array(OUTPUT);
  // What forward keeps for backward (the layers' self.x, self.mask, self.y).
  private x = new Float64Array(0);
  private rows = 0;
  private hidden = new Float64Array(0); // ReLU output, also the mask (0 where x ≤ 0)
  private h1 = new Float64Array(0);
  private y = new Float64Array(0);

  constructor(rng: Rng, weightInitStd = 0.01) {
    this.w1 = Float64Array.from({ length: INPUT * HIDDEN }, () => weightInitStd * rng.standardNormal());
    this.w2 = Float64Array.from({ length: HIDDEN * OUTPUT }, () => weightInitStd * rng.standardNormal());
  }

  predict(x: Float64Array, rows: number): Float64Array {
    this.x = x;
    this.rows = rows;
    this.h1 = affine(x, this.w1, this.b1, rows, INPUT, HIDDEN);
    this.hidden = new Float64Array(this.h1.length);
    kernel().relu(this.h1, this.hidden);
    return affine(this.hidden, this.w2, this.b2, rows, HIDDEN, OUTPUT);
  }

  /** Mean cross-entropy of softmax(predict(x)) against the labels (1e-7 guard, as the post). */
  loss(x: Float64Array, labels: ArrayLike<number>): number {
    const scores = this.predict(x, labels.length);
    this.y = new Float64Array(scores.length);
    kernel().softmaxRows(scores, labels.length, OUTPUT, this.y);
    let s = 0;
    for (let i = 0; i < labels.length; i++) s += Math.log(this.y[i * OUTPUT + labels[i]] + 1e-7);
    return -s / labels.length;
  }

  accuracy(x: Float64Array, labels: Uint8Array): number {
    const predicted = argmaxRows(this.predict(x, labels.length), labels.length, OUTPUT);
    let hits = 0;
    for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) hits++;
    return hits / labels.length;
  }

  gradient(x: Float64Array, labels: ArrayLike<number>) {
    this.loss(x, labels);
    const n = this.rows;
    // SoftmaxWithLoss.backward: (y − t) / batch_size
    const dout = new Float64Array(this.y.length);
    for (let i = 0; i < n; i++) for (let j = 0; j < OUTPUT; j++) dout[i * OUTPUT + j] = (this.y[i * OUTPUT + j] - (labels[i] === j ? 1 : 0)) / n;
    // Affine2.backward: dx = dout·W2ᵀ, dW = xᵀ·dout, db = Σ rows
    const dHidden = new Float64Array(n * HIDDEN);
    kernel().gemm(false, true, n, HIDDEN, OUTPUT, dout, this.w2, dHidden, false);
    const dW2 = new Float64Array(HIDDEN * OUTPUT);
    kernel().gemm(true, false, HIDDEN, OUTPUT, n, this.hidden, dout, dW2, false);
    const db2 = sumRows(dout, n, OUTPUT);
    // Relu.backward
    const dH1 = new Float64Array(dHidden.length);
    kernel().reluBackward(this.h1, dHidden, dH1);
    // Affine1.backward (its dx is computed and dropped, as in the post)
    const dx = new Float64Array(n * INPUT);
    kernel().gemm(false, true, n, INPUT, HIDDEN, dH1, this.w1, dx, false);
    const dW1 = new Float64Array(INPUT * HIDDEN);
    kernel().gemm(true, false, INPUT, HIDDEN, n, this.x, dH1, dW1, false);
    const db1 = sumRows(dH1, n, HIDDEN);
    return { dW1, db1, dW2, db2 };
  }
}

export function trainNeuralnet(train: MnistArrays, test: MnistArrays, iters: number, seed: number): TrainNeuralnetResult {
  const rng = Rng.numpy(seed);
  const network = new TwoLayerNet(rng);
  const iterPerEpoch = Math.max(train.count / BATCH, 1);
  const trainAcc: number[] = [], testAcc: number[] = [];
  let lastLoss = NaN;
  for (let i = 0; i < iters; i++) {
    const batchMask = rng.choice(train.count, BATCH);
    const xBatch = gatherRows(train.x, INPUT, batchMask);
    const tBatch = batchMask.map((r) => train.labels[r]);
    const grad = network.gradient(xBatch, tBatch);
    step(network.w1, grad.dW1, LEARNING_RATE);
    step(network.b1, grad.db1, LEARNING_RATE);
    step(network.w2, grad.dW2, LEARNING_RATE);
    step(network.b2, grad.db2, LEARNING_RATE);
    lastLoss = network.loss(xBatch, tBatch);
    if (i % iterPerEpoch === 0) {
      trainAcc.push(network.accuracy(train.x, train.labels));
      testAcc.push(network.accuracy(test.x, test.labels));
    }
  }
  return { evaluations: trainAcc.length, train_acc: trainAcc[trainAcc.length - 1], test_acc: testAcc[testAcc.length - 1], last_loss: lastLoss };
}
