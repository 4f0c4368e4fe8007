import { test } from "node:test";
import assert from "node:assert/strict";
import { sigmoid, softmax } from "../lib/src/activations";
import { LOG_GUARD } from "../lib/src/losses";
import { TwoLayerNet } from "../lib/src/models/two-layer-net";
import { Rng } from "../lib/src/random";
import { matmul, oneHot, Tensor, tensor } from "../lib/src/tensor";
import { loadMnist } from "../lib/src/data";
import { numericalGradient } from "../lib/src/gradient";

function randomBatch(seed: number, rows: number, cols: number): Tensor {
  return new Tensor(Rng.numpy(seed).randomArray(rows * cols), [rows, cols]);
}

test("parameters have post 001's names and shapes, drawn like numpy (seed 0), biases 0", () => {
  const net = new TwoLayerNet({ inputSize: 3, hiddenSize: 4, outputSize: 2, rng: Rng.numpy(0) });
  assert.deepEqual(Object.keys(net.params), ["W1", "b1", "W2", "b2"]);
  assert.deepEqual(net.params.W1.shape, [3, 4]);
  assert.deepEqual(net.params.b1.shape, [4]);
  assert.deepEqual(net.params.W2.shape, [4, 2]);
  assert.deepEqual(net.params.b2.shape, [2]);
  // np.random.seed(0); 0.01 * np.random.randn(3, 4) then 0.01 * np.random.randn(4, 2)
  assert.equal(net.params.W1.get(0, 0), 0.017640523459676642);
  assert.equal(net.params.W1.get(2, 3), 0.014542735069629751);
  assert.equal(net.params.W2.get(3, 1), -0.008540957393017247);
  assert.deepEqual(net.params.b1.toArray(), [0, 0, 0, 0]);
  assert.equal(new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng: Rng.numpy(0) }).parameterCount, 39760);
});

test("predict gives a probability row per example; an untrained net's loss is ≈ ln 10", () => {
  const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng: Rng.numpy(1) });
  const x = randomBatch(2, 20, 784);
  const y = net.predict(x);
  assert.deepEqual(y.shape, [20, 10]);
  for (const s of y.sum(1).data) assert.ok(Math.abs(s - 1) < 1e-12);
  assert.deepEqual(net.predict(x.row(0)).shape, [10]);
  const labels = Array.from({ length: 20 }, (_, i) => i % 10);
  const loss = net.loss(x, oneHot(labels, 10));
  assert.ok(Math.abs(loss - Math.log(10)) < 0.01, `loss ${loss}`);
  assert.equal(net.loss(x, tensor(labels)), loss); // labels or one-hot, same loss
  const acc = net.accuracy(x, oneHot(labels, 10));
  assert.ok(acc >= 0 && acc <= 1);
  const predicted = y.argmax(1).data;
  assert.equal(acc, labels.filter((c, i) => predicted[i] === c).length / 20);
  assert.equal(net.accuracy(x, tensor(labels)), acc);
  assert.equal(net.accuracy(x, tensor(Array.from(predicted))), 1);
});

test("accuracy over more rows than one chunk (2048) counts every row once, as argmax of predict does", () => {
  const net = new TwoLayerNet({ inputSize: 6, hiddenSize: 5, outputSize: 3, rng: Rng.numpy(3), weightInitStd: 1, hiddenActivation: "relu" });
  const rows = 2 * 2048 + 5; // two whole chunks and a short one
  const x = randomBatch(4, rows, 6);
  const predicted = net.predict(x).argmax(1).data;
  const labels = Array.from({ length: rows }, (_, r) => (r % 7 === 0 ? (predicted[r] + 1) % 3 : predicted[r]));
  const wrong = labels.filter((c, r) => c !== predicted[r]).length;
  assert.equal(wrong, Math.ceil(rows / 7));
  assert.equal(net.accuracy(x, tensor(labels)), (rows - wrong) / rows);
  assert.equal(net.accuracy(x, oneHot(labels, 3)), (rows - wrong) / rows);
  // A wrong label in the last chunk is still found.
  const last = labels.slice();
  last[rows - 1] = (predicted[rows - 1] + 1) % 3;
  assert.equal(net.accuracy(x, tensor(last)), (rows - wrong - (labels[rows - 1] === predicted[rows - 1] ? 1 : 0)) / rows);
});

test("numericalGradient matches the analytic gradient of the loss and leaves the params unchanged", () => {
  const net = new TwoLayerNet({ inputSize: 3, hiddenSize: 4, outputSize: 2, rng: Rng.numpy(5), weightInitStd: 1 });
  const x = randomBatch(6, 5, 3);
  const labels = [0, 1, 1, 0, 1];
  const t = oneHot(labels, 2);
  const before = Object.fromEntries(Object.entries(net.params).map(([k, v]) => [k, [...v.data]]));
  const grads = net.numericalGradient(x, t);
  for (const [k, v] of Object.entries(net.params)) assert.deepEqual([...v.data], before[k], `${k} changed`);

  // Backprop by hand. The loss is −log(y_c + 1e-7), so ∂L/∂a = s·(y − t)/N with s = y_c/(y_c + 1e-7).
  const { W1, b1, W2 } = net.params;
  const z1 = sigmoid(x.matmul(W1).add(b1));
  const y = softmax(z1.matmul(W2).add(net.params.b2));
  const s = tensor(labels.map((c, r) => [y.get(r, c) / (y.get(r, c) + LOG_GUARD)]));
  const da2 = y.sub(t).mul(s).div(5);
  const da1 = da2.matmul(W2.T).mul(z1.mul(z1.neg().add(1)));
  const expected: Record<string, Tensor> = { W1: x.T.matmul(da1), b1: da1.sum(0), W2: z1.T.matmul(da2), b2: da2.sum(0) };
  for (const key of ["W1", "b1", "W2", "b2"]) {
    assert.deepEqual(grads[key].shape, net.params[key].shape);
    const diff = grads[key].sub(expected[key]).abs().max().item();
    const scale = expected[key].abs().max().item();
    assert.ok(diff / scale < 1e-6, `${key}: relative error ${diff / scale}`);
  }
});

test("the relu hidden layer is an option for the next chapter", () => {
  const net = new TwoLayerNet({ inputSize: 4, hiddenSize: 3, outputSize: 2, rng: Rng.numpy(0), hiddenActivation: "relu", weightInitStd: 1 });
  const x = randomBatch(1, 2, 4).sub(0.5);
  const { W1, b1, W2, b2 } = net.params;
  const manual = softmax(x.matmul(W1).add(b1).maximum(0).matmul(W2).add(b2));
  assert.ok(net.predict(x).allClose(manual, 1e-12, 1e-15));
});

test("bad input gets a clear error", () => {
  const rng = Rng.numpy(0);
  assert.throws(() => new TwoLayerNet({ inputSize: 0, hiddenSize: 4, outputSize: 2, rng }), /inputSize must be an integer ≥ 1, got 0/);
  assert.throws(() => new TwoLayerNet({ inputSize: 3, hiddenSize: 2.5, outputSize: 2, rng }), /hiddenSize must be an integer ≥ 1, got 2.5/);
  assert.throws(() => new TwoLayerNet({ inputSize: 3, hiddenSize: 4, outputSize: 2, rng, weightInitStd: NaN }), /weightInitStd must be a finite number ≥ 0, got NaN/);
  assert.throws(() => new TwoLayerNet({ inputSize: 3, hiddenSize: 4, outputSize: 2, rng, hiddenActivation: "tanh" as never }), /TwoLayerNet: hiddenActivation must be one of "sigmoid", "relu", got "tanh"/);
  const net = new TwoLayerNet({ inputSize: 3, hiddenSize: 4, outputSize: 2, rng });
  assert.throws(() => net.predict(tensor([[1, 2]])), /Affine.forward: x \(1×2\)·W \(3×4\): each of the 1 rows must hold 3 values/);
  assert.throws(() => net.loss(tensor([[1, 2, 3]]), tensor([[0, 1, 0]])), /crossEntropyError: t \(1×3\) is neither one-hot like y \(1×2\) nor one label per row \(1\)/);
  assert.throws(() => net.numericalGradient(tensor([[1, 2, 3], [4, 5, 6]]), tensor([1])), /crossEntropyError: t \(1\) is neither one-hot like y \(2×2\) nor one label per row \(2\)/);
  assert.throws(() => net.accuracy(tensor([[1, 2, 3]]), tensor([2])), /TwoLayerNet.accuracy: t\[0\] must be a class label in 0..1, got 2/);
  assert.throws(() => net.loss(tensor([[1, 2, 3]]), tensor([[0.5, 0.5]])), /not one-hot/);
  net.params.W2 = tensor([[1, 2]]);
  assert.throws(() => net.predict(tensor([1, 2, 3])), /Affine.forward: x \(1×4\)·W \(1×2\): each of the 1 rows must hold 1 values/);
});

test("backprop gradient agrees with the numerical gradient, for both activations and both target forms", async () => {
  const { TwoLayerNet } = await import("../lib/src/models/two-layer-net");
  const { Rng } = await import("../lib/src/random");
  const { oneHot, Tensor } = await import("../lib/src/tensor");
  for (const hiddenActivation of ["sigmoid", "relu"] as const) {
    const rng = Rng.numpy(3);
    const net = new TwoLayerNet({ inputSize: 6, hiddenSize: 5, outputSize: 4, rng, weightInitStd: 0.5, hiddenActivation });
    const x = new Tensor(rng.normalArray(0, 1, 3 * 6), [3, 6]);
    const labels = [0, 3, 1];
    for (const t of [oneHot(labels, 4), new Tensor(Float64Array.from(labels), [3])]) {
      const back = net.gradient(x, t);
      const numeric = net.numericalGradient(x, t);
      for (const key of ["W1", "b1", "W2", "b2"]) {
        assert.deepEqual(back[key].shape, net.params[key].shape);
        const diff = back[key].sub(numeric[key]).abs().mean().item();
        assert.ok(diff < 1e-7, `${hiddenActivation} ${key}: mean |backprop − numerical| = ${diff}`);
      }
    }
  }
});

test("gradient refuses targets that do not fit the batch", async () => {
  const { TwoLayerNet } = await import("../lib/src/models/two-layer-net");
  const { Rng } = await import("../lib/src/random");
  const { zeros } = await import("../lib/src/tensor");
  const net = new TwoLayerNet({ inputSize: 4, hiddenSize: 3, outputSize: 2, rng: Rng.numpy(0) });
  assert.throws(() => net.gradient(zeros([5, 4]), zeros([3])), /crossEntropyError: t \(3\) is neither one-hot like y \(5×2\) nor one label per row \(5\)/);
  assert.throws(() => net.gradient(zeros([5, 3]), zeros([5])), /Affine.forward: x \(5×3\)·W \(4×\d+\): each of the 5 rows must hold 4 values/);
});

test("the ReLU kink in gradient checking: with seed 4 one hidden pre-activation of x_train[:3] lies within h of 0, and only its unit's W1 column disagrees", () => {
  const train = loadMnist({ kind: "train", normalize: "unit", oneHot: true, limit: 3 });
  const x = train.X, t = train.Y!;
  const h = 1e-4;
  const worstColumn = (seed: number) => {
    const net = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng: Rng.numpy(seed), hiddenActivation: "relu" });
    const a1 = matmul(x, net.params.W1, { bias: net.params.b1 });
    let nearest = 0;
    for (let k = 1; k < a1.size; k++) if (Math.abs(a1.data[k]) < Math.abs(a1.data[nearest])) nearest = k;
    const backprop = net.gradient(x, t).W1;
    const numerical = numericalGradient(() => net.loss(x, t), net.params.W1);
    const columnMax = Array.from({ length: 50 }, (_, j) => {
      let m = 0;
      for (let i = 0; i < 784; i++) m = Math.max(m, Math.abs(backprop.get(i, j) - numerical.get(i, j)));
      return m;
    });
    const worst = columnMax.indexOf(Math.max(...columnMax));
    const others = Math.max(...columnMax.filter((_, j) => j !== worst));
    return { image: Math.floor(nearest / 50), unit: nearest % 50, a: a1.data[nearest], worst, worstDiff: columnMax[worst], others, mean: backprop.sub(numerical).abs().mean().item() };
  };
  const kink = worstColumn(4);
  assert.equal(kink.image, 1);
  assert.equal(kink.unit, 33);
  assert.ok(Math.abs(kink.a) < h, `a1 = ${kink.a}`);
  assert.equal(kink.worst, 33, "the column of the unit at the kink holds the largest difference");
  assert.ok(kink.worstDiff > 1e-4 && kink.others < 1e-7, `${kink.worstDiff} in column 33, ${kink.others} elsewhere`);
  assert.ok(kink.mean > 1e-6, `W1 mean difference ${kink.mean}`);
  // Seed 0 has no pre-activation that close: the mean difference stays at the central difference's own error.
  const smooth = worstColumn(0);
  assert.ok(Math.abs(smooth.a) > h && smooth.mean < 1e-9, `seed 0: |a1| ${smooth.a}, mean ${smooth.mean}`);
});
