// Chapter 14's pieces: the new layers and output/loss layers against numerical gradients,
// Sequential against TwoLayerNet (the same gradients bit for bit), mlp()'s networks, and the
// errors a learner gets before training for networks and targets that do not fit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { numericalGradient } from "../lib/src/gradient";
import { Affine, Identity, Layer, Relu, Sigmoid, Softplus, SoftmaxWithLoss, Tanh } from "../lib/src/layers";
import { Huber, LossLayer, MeanAbsoluteError, MeanSquaredError, SigmoidWithLoss } from "../lib/src/loss-layers";
import { regressionMetrics } from "../lib/src/metrics";
import { mlp } from "../lib/src/models/mlp-builder";
import { Sequential } from "../lib/src/models/sequential";
import { TwoLayerNet } from "../lib/src/models/two-layer-net";
import { Adam, SGD } from "../lib/src/optimizers";
import { Rng } from "../lib/src/random";
import { oneHot, Tensor, tensor } from "../lib/src/tensor";

const rng = Rng.numpy(14);
const randn = (...shape: number[]) => new Tensor(rng.normalArray(0, 1, shape.reduce((a, b) => a * b, 1)), shape);
const uniform = (lo: number, hi: number, ...shape: number[]) => new Tensor(rng.uniformArray(lo, hi, shape.reduce((a, b) => a * b, 1)), shape);

function relativeError(a: Tensor, b: Tensor): number {
  let num = 0, den = 0;
  for (let i = 0; i < a.size; i++) {
    num += (a.data[i] - b.data[i]) ** 2;
    den += a.data[i] ** 2 + b.data[i] ** 2;
  }
  return Math.sqrt(num) / Math.max(1e-300, Math.sqrt(den));
}

// L = Σ layer(x)·R, so dL/dout = R: backward(R) must be the numerical gradient of L.
function checkLayer(make: () => Layer, x: Tensor, name: string): void {
  const layer = make();
  const r = randn(...layer.forward(x).shape);
  const dx = layer.backward(r);
  const numerical = numericalGradient(() => make().forward(x).mul(r).sum().item(), x, 1e-5);
  assert.deepEqual(dx.shape, x.shape, name);
  const err = relativeError(dx, numerical);
  assert.ok(err < 1e-7, `${name}: relative error ${err}`);
}

function checkLoss(make: () => LossLayer, x: Tensor, t: Tensor, name: string): void {
  const layer = make();
  layer.forward(x, t);
  const dx = layer.backward(1);
  const numerical = numericalGradient(() => make().forward(x, t), x, 1e-5);
  const err = relativeError(dx, numerical);
  assert.ok(err < 1e-7, `${name}: relative error ${err}`);
  // dout scales the gradient.
  assert.ok(layer.backward(2).allClose(dx.mul(2)), `${name}: backward(2) = 2·backward(1)`);
}

test("Softplus, Identity and Tanh backward agree with numerical gradients", () => {
  for (const shape of [[1, 1], [3, 4], [2, 7]]) {
    checkLayer(() => new Softplus(), randn(...shape).mul(3), "Softplus");
    checkLayer(() => new Identity(), randn(...shape), "Identity");
    checkLayer(() => new Tanh(), randn(...shape), "Tanh");
  }
});

test("Softplus is log(1 + eˣ) without overflow or lost digits at the extremes", () => {
  const out = new Softplus().forward(tensor([[-800, -30, 0, 2, 30, 800]]));
  assert.equal(out.data[0], 0);
  assert.ok(Math.abs(out.data[1] - Math.exp(-30)) / Math.exp(-30) < 1e-12);
  assert.equal(out.data[2], Math.LN2);
  assert.ok(Math.abs(out.data[3] - Math.log(1 + Math.exp(2))) < 1e-15);
  assert.equal(out.data[4], 30 + Math.log1p(Math.exp(-30)));
  assert.equal(out.data[5], 800);
});

test("SigmoidWithLoss, MeanSquaredError, MeanAbsoluteError and Huber backward agree with numerical gradients", () => {
  for (const [rows, cols] of [[1, 1], [5, 1], [4, 3]]) {
    const x = randn(rows, cols).mul(2);
    checkLoss(() => new SigmoidWithLoss(), x, uniform(0, 1, rows, cols), `SigmoidWithLoss ${rows}×${cols} soft targets`);
    checkLoss(() => new SigmoidWithLoss(), x, uniform(0, 1, rows, cols).map(Math.round), `SigmoidWithLoss ${rows}×${cols} 0/1 targets`);
    const t = randn(rows, cols);
    checkLoss(() => new MeanSquaredError(), x, t, `MeanSquaredError ${rows}×${cols}`);
    // Away from the kinks: |y − t| > 0.1 for MAE, and not near ±δ for Huber.
    const far = t.add(x.map((v) => (v >= 0 ? 0.1 + v : v - 0.1)));
    checkLoss(() => new MeanAbsoluteError(), far, t, `MeanAbsoluteError ${rows}×${cols}`);
    const huberX = t.add(x.map((v) => (Math.abs(Math.abs(v) - 0.5) < 0.05 ? v + 0.2 : v)));
    checkLoss(() => new Huber({ delta: 0.5 }), huberX, t, `Huber(0.5) ${rows}×${cols}`);
    checkLoss(() => new Huber(), x, t, `Huber(1) ${rows}×${cols}`);
  }
});

test("the regression losses are Keras's means; one output unit takes N targets or N×1", () => {
  const y = tensor([[1], [2], [4]]), t = tensor([1.5, 2, 0]);
  assert.equal(new MeanSquaredError().forward(y, t), (0.25 + 0 + 16) / 3);
  assert.equal(new MeanAbsoluteError().forward(y, t), (0.5 + 0 + 4) / 3);
  assert.equal(new Huber().forward(y, t), (0.125 + 0 + 3.5) / 3);
  assert.equal(new Huber({ delta: 2 }).forward(y, t.reshape(3, 1)), (0.125 + 0 + 6) / 3);
  assert.deepEqual(Array.from(new MeanAbsoluteError().predict(y).data), [1, 2, 4]);
});

test("SigmoidWithLoss is binary cross-entropy of σ(x), computed stably from the logits", () => {
  const x = tensor([[0.3, -1.2], [2.5, 0]]), t = tensor([[1, 0], [0, 0.25]]);
  const p = x.sigmoid();
  let direct = 0;
  for (let i = 0; i < 4; i++) direct -= t.data[i] * Math.log(p.data[i]) + (1 - t.data[i]) * Math.log(1 - p.data[i]);
  const layer = new SigmoidWithLoss();
  assert.ok(Math.abs(layer.forward(x, t) - direct / 4) < 1e-15);
  assert.ok(layer.backward().allClose(p.sub(t).div(4), 0, 1e-16));
  // σ(1000) is 1 in floating point, so log(1 − p) would be −∞; the logit form gives the exact loss.
  const big = new SigmoidWithLoss();
  assert.equal(big.forward(tensor([[1000], [-1000], [1000]]), tensor([0, 1, 1])), 2000 / 3);
  assert.deepEqual(Array.from(big.backward().data), [1 / 3, -1 / 3, 0]);
});

/** A network's gradient against numericalGradient of its loss, parameter by parameter. */
function checkNetwork(net: Sequential, x: Tensor, t: Tensor, name: string): void {
  const grads = net.gradient(x, t);
  // SoftmaxWithLoss's loss has DLFS's 1e-7 guard inside the log, which its gradient (y − t)/N leaves out.
  const tolerance = net.lossLayer instanceof SoftmaxWithLoss ? 1e-5 : 1e-7;
  for (const [key, p] of Object.entries(net.params)) {
    const numerical = numericalGradient(() => net.loss(x, t), p, 1e-5);
    const err = relativeError(grads[key], numerical);
    assert.ok(err < tolerance, `${name} ${key}: relative error ${err}`);
  }
}

test("Sequential's backprop gradients agree with numerical ones for every loss, output activation and l2", () => {
  const x = randn(6, 4);
  const cases: [string, Parameters<typeof mlp>[0], Tensor][] = [
    ["mse", { inputs: 4, hidden: [5, 3], outputs: 2, loss: "mse", rng: Rng.numpy(1) }, randn(6, 2)],
    ["mae, tanh", { inputs: 4, hidden: [5], outputs: 1, loss: "mae", hiddenActivation: "tanh", rng: Rng.numpy(2) }, randn(6).mul(5)],
    ["huber, softplus out, l2", { inputs: 4, hidden: [5], outputs: 1, loss: "huber", outputActivation: "softplus", l2: 0.3, rng: Rng.numpy(3) }, uniform(0, 3, 6)],
    ["mse, sigmoid out", { inputs: 4, hidden: [5], outputs: 1, loss: "mse", outputActivation: "sigmoid", hiddenActivation: "softplus", rng: Rng.numpy(4) }, uniform(0, 1, 6)],
    ["bce multi-label", { inputs: 4, hidden: [5], outputs: 3, loss: "binaryCrossentropy", hiddenActivation: "sigmoid", rng: Rng.numpy(5) }, uniform(0, 1, 6, 3).map(Math.round)],
    ["softmax, l2", { inputs: 4, hidden: [5, 5], outputs: 3, loss: "categoricalCrossentropy", hiddenActivation: "tanh", l2: 0.1, rng: Rng.numpy(6) }, tensor([0, 1, 2, 2, 1, 0])],
  ];
  for (const [name, options, t] of cases) checkNetwork(mlp(options), x, t, name);
});

test("Sequential reproduces TwoLayerNet exactly for the same weights: gradients, loss and predictions, bit for bit", () => {
  for (const hiddenActivation of ["sigmoid", "relu"] as const) {
    const net = new TwoLayerNet({ inputSize: 12, hiddenSize: 7, outputSize: 4, rng: Rng.numpy(9), weightInitStd: 0.5, hiddenActivation });
    const { W1, b1, W2, b2 } = net.params;
    b1.data.set(rng.normalArray(0, 0.1, 7));
    b2.data.set(rng.normalArray(0, 0.1, 4));
    const seq = new Sequential([new Affine(W1, b1), hiddenActivation === "relu" ? new Relu() : new Sigmoid(), new Affine(W2, b2)], new SoftmaxWithLoss());
    const x = randn(10, 12);
    for (const t of [tensor([0, 1, 2, 3, 0, 1, 2, 3, 3, 2]), oneHot([3, 3, 1, 0, 2, 2, 1, 0, 1, 3], 4)]) {
      const expected = net.gradient(x, t), got = seq.gradient(x, t);
      assert.deepEqual(Object.keys(got), ["W1", "b1", "W2", "b2"]);
      for (const key of ["W1", "b1", "W2", "b2"]) assert.deepEqual(Array.from(got[key].data), Array.from(expected[key].data), `${hiddenActivation} ${key}`);
      assert.equal(seq.loss(x, t), net.loss(x, t));
      assert.equal(seq.accuracy(x, t), net.accuracy(x, t));
    }
    assert.deepEqual(Array.from(seq.predict(x).data), Array.from(net.predict(x).data));
    assert.equal(seq.parameterCount, net.parameterCount);
  }
});

test("mlp builds the tables' networks: Affine → activation per hidden layer, the output activation, the loss layer", () => {
  const reg = mlp({ inputs: 10, hidden: [50, 50], outputs: 1, loss: "mse", outputActivation: "softplus", rng: Rng.numpy(0) });
  assert.deepEqual(reg.layers.map((l) => l.constructor.name), ["Affine", "Relu", "Affine", "Relu", "Affine", "Softplus"]);
  assert.equal(reg.lossLayer.constructor.name, "MeanSquaredError");
  assert.deepEqual(Object.keys(reg.params), ["W1", "b1", "W2", "b2", "W3", "b3"]);
  assert.equal(reg.parameterCount, 10 * 50 + 50 + 50 * 50 + 50 + 50 + 1);
  const bin = mlp({ inputs: 30, hidden: [8], outputs: 1, loss: "binaryCrossentropy", rng: Rng.numpy(0) });
  assert.deepEqual(bin.layers.map((l) => l.constructor.name), ["Affine", "Relu", "Affine"]);
  assert.ok(bin.lossLayer instanceof SigmoidWithLoss);
  // He initialisation for ReLU, drawn W1 first, as TwoLayerNet draws.
  const draws = Rng.numpy(0).normalArray(0, Math.sqrt(2 / 30), 30 * 8);
  assert.deepEqual(Array.from(bin.params.W1.data), Array.from(draws));
  assert.equal(mlp({ inputs: 3, hidden: [], outputs: 1, loss: "mse", rng: Rng.numpy(0) }).layers.length, 1);
  assert.equal(bin.summary(), [
    'Model: "sequential"',
    "_".repeat(67),
    "Layer (type)                             Output Shape    Param #",
    "=".repeat(67),
    "affine (Affine)                          (None, 8)       248",
    "_".repeat(67),
    "relu (Relu)                              (None, 8)       0",
    "_".repeat(67),
    "affine_1 (Affine)                        (None, 1)       9",
    "_".repeat(67),
    "sigmoid_with_loss (SigmoidWithLoss)      (None, 1)       0",
    "=".repeat(67),
    "Total params: 257",
    "Trainable params: 257",
    "Non-trainable params: 0",
    "_".repeat(67),
  ].join("\n"));
});

test("networks that do not fit are refused when built: shapes that do not chain, softmax on one unit, a doubled sigmoid", () => {
  const W = (r: number, c: number) => randn(r, c), b = (c: number) => randn(c);
  assert.throws(() => new Sequential([new Affine(W(10, 50), b(50)), new Relu(), new Affine(W(30, 1), b(1))], new MeanSquaredError()),
    { message: "Sequential: layers[2] (Affine 30→1) must be fed by the 50 outputs of layers[0] (Affine 10→50), so W needs 50 rows, got W of shape (30×1)" });
  assert.throws(() => new Sequential([new Affine(W(4, 1), b(1))], new SoftmaxWithLoss()),
    /^Error: Sequential: the output for SoftmaxWithLoss must be at least 2 units .*for two classes use one unit with SigmoidWithLoss, got 1 unit from layers\[0\] \(Affine 4→1\)$/);
  assert.throws(() => new Sequential([new Affine(W(4, 1), b(1)), new Sigmoid()], new SigmoidWithLoss()),
    /Sequential: the last layer must be an Affine layer: SigmoidWithLoss applies its own activation to the scores, got layers\[1\] \(Sigmoid\)/);
  assert.throws(() => new Sequential([new Relu()], new MeanSquaredError()), /Sequential: layers\[0\] must be an Affine layer/);
  assert.throws(() => new Sequential([], new MeanSquaredError()), /Sequential: layers must be a non-empty list of layers, got \[\]/);
  assert.throws(() => mlp({ inputs: 4, hidden: [3], outputs: 1, loss: "categoricalCrossentropy", rng: Rng.numpy(0) }), /the output for SoftmaxWithLoss must be at least 2 units/);
  assert.throws(() => mlp({ inputs: 4, hidden: [3], outputs: 2, loss: "binaryCrossentropy", outputActivation: "softmax", rng: Rng.numpy(0) }),
    /mlp: outputActivation must be "sigmoid" with loss "binaryCrossentropy" .*, got "softmax"/);
  assert.throws(() => mlp({ inputs: 4, hidden: [3], outputs: 2, loss: "mse", outputActivation: "softmax", rng: Rng.numpy(0) }), /mlp: loss must be "categoricalCrossentropy" with a softmax output/);
  assert.throws(() => mlp({ inputs: 4, hidden: [0], outputs: 1, loss: "mse", rng: Rng.numpy(0) }), /mlp: hidden\[0\] must be an integer ≥ 1, got 0/);
  assert.throws(() => mlp({ inputs: 4, hidden: [3], outputs: 1, loss: "mse", hiddenActivation: "elu" as never, rng: Rng.numpy(0) }), /mlp: hiddenActivation must be one of "relu", "sigmoid", "tanh", "softplus", "identity", got "elu"/);
});

test("targets that do not fit are refused before the first step: outside [0, 1] for cross-entropy, NaN, wrong shape, bad labels", async () => {
  const x = randn(5, 3);
  const bin = mlp({ inputs: 3, hidden: [4], outputs: 1, loss: "binaryCrossentropy", rng: Rng.numpy(0) });
  const before = bin.getWeights();
  const fit = (net: Sequential, t: Tensor) => net.fit(x, t, { epochs: 1, optimizer: new SGD({ lr: 0.1 }), rng: Rng.numpy(0) });
  await assert.rejects(fit(bin, tensor([0, 1, 1.5, 0, 1])), { message: "Sequential.fit: t[2][0] must be a probability in [0, 1] (binary cross-entropy compares it with σ(x)), got 1.5" });
  await assert.rejects(fit(bin, tensor([0, 1, -1, 0, 1])), /t\[2\]\[0\] must be a probability in \[0, 1\].*, got -1/);
  await assert.rejects(fit(bin, tensor([0, 1, NaN, 0, 1])), { message: "Sequential.fit: t[2][0] must be a finite number, got NaN" });
  await assert.rejects(fit(bin, tensor([0, 1, 1])), /^Error: Sequential.fit: t must be one row of 1 target per row of the output: shape \(5\) or \(5×1\), got \(3\)/);
  for (const [key, w] of Object.entries(before)) assert.deepEqual(Array.from(bin.params[key].data), Array.from(w.data), `${key} untouched`);
  const reg = mlp({ inputs: 3, hidden: [4], outputs: 2, loss: "mse", rng: Rng.numpy(0) });
  await assert.rejects(fit(reg, tensor([[1, 2], [3, 4], [5, NaN], [7, 8], [9, 0]])), { message: "Sequential.fit: t[2][1] must be a finite number, got NaN" });
  const cls = mlp({ inputs: 3, hidden: [4], outputs: 3, loss: "categoricalCrossentropy", rng: Rng.numpy(0) });
  await assert.rejects(fit(cls, tensor([0, 1, 3, 0, 1])), /^Error: Sequential.fit: t\[2\] must be a class label in 0\.\.2, got 3$/);
  await assert.rejects(fit(cls, tensor([0, 1, NaN, 0, 1])), /t\[2\] must be a class label in 0..2, got NaN/);
  await assert.rejects(reg.fit(x.sliceRows(0, 4), randn(4, 2).map(() => NaN), { epochs: 1, optimizer: new SGD(), rng: Rng.numpy(0) }), /t\[0\]\[0\] must be a finite number, got NaN/);
  await assert.rejects(reg.fit(tensor([[1, 2, NaN]]), randn(1, 2), { epochs: 1, optimizer: new SGD(), rng: Rng.numpy(0) }), /Sequential.fit: x\[0\]\[2\] must be a finite number, got NaN/);
  await assert.rejects(reg.fit(randn(2, 4), randn(2, 2), { epochs: 1, optimizer: new SGD(), rng: Rng.numpy(0) }), /Sequential.fit: x must be a non-empty batch of rows of 3 inputs, got \(2×4\)/);
  assert.throws(() => new SigmoidWithLoss().forward(tensor([[0.5]]), tensor([2])), /SigmoidWithLoss.forward: t\[0\]\[0\] must be a probability in \[0, 1\]/);
  assert.throws(() => new MeanSquaredError().forward(tensor([[0.5]]), tensor([NaN])), /MeanSquaredError.forward: t\[0\]\[0\] must be a finite number, got NaN/);
  assert.throws(() => reg.accuracy(x, randn(5, 2)), /Sequential.accuracy: the network must be a classifier/);
});

test("fit: one step per mini-batch of a fresh permutation each epoch; early stopping keeps the best epoch's weights", async () => {
  const x = randn(40, 2);
  const t = x.col(0).mul(2).sub(x.col(1)).add(0.5);
  const net = mlp({ inputs: 2, hidden: [], outputs: 1, loss: "mse", rng: Rng.numpy(0) });
  let steps = 0;
  const optimizer = new SGD({ lr: 0.1 });
  const counting = { name: "counting", update: (p: Record<string, Tensor>, g: Record<string, Tensor>) => { steps++; optimizer.update(p, g); } };
  const history = await net.fit(x, t, { epochs: 30, batchSize: 16, optimizer: counting, rng: Rng.numpy(1) });
  assert.equal(steps, 30 * 3);
  assert.equal(history.loss.length, 30);
  assert.ok(history.loss[29] < 1e-6, `a linear target is learnt: ${history.loss[29]}`);
  assert.ok(regressionMetrics(net.predict(x), t).r2 > 0.999999);
  // The order of the rows comes from rng: the same seed gives the same weights, another seed others.
  const oneEpoch = async (seed: number) => {
    const n1 = mlp({ inputs: 2, hidden: [3], outputs: 1, loss: "mse", rng: Rng.numpy(0) });
    await n1.fit(x, t, { epochs: 1, batchSize: 8, optimizer: new SGD({ lr: 0.1 }), rng: Rng.numpy(seed) });
    return Array.from(n1.params.W1.data);
  };
  assert.deepEqual(await oneEpoch(5), await oneEpoch(5));
  assert.notDeepEqual(await oneEpoch(5), await oneEpoch(6));

  // A network that overfits noise: the validation loss rises, training stops `patience` epochs after its minimum.
  const noisy = mlp({ inputs: 2, hidden: [64, 64], outputs: 1, loss: "mse", rng: Rng.numpy(2) });
  const xv = randn(40, 2), tv = randn(40), tn = randn(40);
  const seen: number[] = [];
  const h = await noisy.fit(x, tn, {
    epochs: 400, optimizer: new Adam({ lr: 0.01 }), rng: Rng.numpy(3), validationData: [xv, tv],
    earlyStopping: { patience: 5, restoreBestWeights: true }, onEpoch: (e) => { seen.push(e.epoch); },
  });
  assert.ok(h.stoppedEarly);
  assert.equal(h.loss.length, h.bestEpoch! + 5);
  assert.deepEqual(seen, h.loss.map((_, i) => i + 1));
  assert.equal(noisy.loss(xv, tv), h.valLoss[h.bestEpoch! - 1], "the best epoch's weights are back");
});

test("a target error names the call and the argument once: t, validationData[1], or a plain array given for t", async () => {
  const x = randn(5, 3);
  const fit = (net: Sequential, t: Tensor, validationData?: [Tensor, Tensor]) =>
    net.fit(x, t, { epochs: 1, optimizer: new SGD({ lr: 0.1 }), rng: Rng.numpy(0), validationData });
  const reg = mlp({ inputs: 3, hidden: [4], outputs: 1, loss: "mse", rng: Rng.numpy(0) });
  await assert.rejects(fit(reg, randn(5), [x, tensor([0, 1, NaN, 0, 1])]), { message: "Sequential.fit: validationData[1][2][0] must be a finite number, got NaN" });
  await assert.rejects(fit(reg, [0, 1, 2, 3, 4] as unknown as Tensor), { message: "Sequential.fit: t must be a Tensor of targets, got [0,1,2,3,4]" });
  const cls = mlp({ inputs: 3, hidden: [4], outputs: 3, loss: "categoricalCrossentropy", rng: Rng.numpy(0) });
  await assert.rejects(fit(cls, tensor([0, 1, 2, 0, 1]), [x, tensor([0, 1, 2, 0, 3])]), { message: "Sequential.fit: validationData[1][4] must be a class label in 0..2, got 3" });
  // SoftmaxWithLoss's check reads t's shape: a plain array is refused by name, not by a TypeError.
  await assert.rejects(fit(cls, [0, 1, 2, 0, 1] as unknown as Tensor),
    { name: "Error", message: "Sequential.fit: t must be a Tensor of class labels (5) or one-hot rows (5×3), got [0,1,2,0,1]" });
  assert.throws(() => cls.accuracy(x, [0, 1] as unknown as Tensor), { name: "Error", message: "Sequential.accuracy: t must be a Tensor of class labels (5) or one-hot rows (5×3), got [0,1]" });
  assert.throws(() => new SoftmaxWithLoss().checkTargets("f", "labels", tensor([[1, 0], [1, 1]]), 2, 2), { message: "f: labels[1] must be a one-hot row (a single 1), got 2 ones" });
});

test("setWeights takes tensors of each parameter's shape: a transposed W is refused, not copied in row order", () => {
  const net = mlp({ inputs: 2, hidden: [3], outputs: 1, loss: "mse", rng: Rng.numpy(0) });
  const before = net.getWeights();
  const transposed = { ...net.getWeights(), W1: net.params.W1.transpose() };
  assert.deepEqual(transposed.W1.shape, [3, 2]);
  assert.throws(() => net.setWeights(transposed), { message: "Sequential.setWeights: weights.W1 must be of W1's shape (2×3), got (3×2)" });
  // A bad last parameter leaves the first ones as they were too.
  assert.throws(() => net.setWeights({ ...before, W1: before.W1.mul(2), b2: tensor([[0]]) }), { message: "Sequential.setWeights: weights.b2 must be of b2's shape (1), got (1×1)" });
  assert.throws(() => net.setWeights({ ...before, W2: undefined as unknown as Tensor }), { message: "Sequential.setWeights: weights.W2 must be a tensor of shape (3×1), got undefined" });
  for (const [key, w] of Object.entries(before)) assert.deepEqual(Array.from(net.params[key].data), Array.from(w.data), `${key} untouched`);
  const doubled = Object.fromEntries(Object.entries(before).map(([k, w]) => [k, w.mul(2)]));
  net.setWeights(doubled);
  assert.deepEqual(Array.from(net.params.W1.data), Array.from(before.W1.data, (v) => v * 2));
});

test("the output layers refuse non-finite outputs: SigmoidWithLoss's logits as the regression losses' y; Huber's δ > 0", () => {
  assert.throws(() => new SigmoidWithLoss().forward(tensor([[0.5, NaN]]), tensor([[1, 0]])), { message: "SigmoidWithLoss.forward: x[0][1] must be a finite number, got NaN" });
  assert.throws(() => new SigmoidWithLoss().forward(tensor([[Infinity], [0]]), tensor([1, 0])), { message: "SigmoidWithLoss.forward: x[0][0] must be a finite number, got Infinity" });
  assert.throws(() => new MeanSquaredError().forward(tensor([[NaN]]), tensor([0])), { message: "MeanSquaredError.forward: y[0][0] must be a finite number, got NaN" });
  for (const delta of [0, -1, NaN, Infinity]) {
    assert.throws(() => new Huber({ delta }), { message: `Huber: delta must be a finite number > 0, got ${delta}` });
  }
});
