import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadMnist } from "../lib/src/data";
import { TwoLayerNet } from "../lib/src/models/two-layer-net";
import { mlp } from "../lib/src/models/mlp-builder";
import { keepsNoTensors, Momentum, NamedTensors, Optimizer, SGD } from "../lib/src/optimizers";
import { Rng } from "../lib/src/random";
import { Tensor, zeros } from "../lib/src/tensor";
import { initHe, initXavier } from "../lib/src/init";
import { evaluationCount, TrainableNetwork, trainNeuralnet, TrainingOptions } from "../lib/src/training";

// A network that learns nothing and records which training rows each gradient saw:
// row r of xTrain holds the value r, so a batch's first column is its indices.
class SpyNetwork implements TrainableNetwork {
  params: NamedTensors = { w: zeros([1]) };
  batches: number[][] = [];
  accuracyCalls = 0;
  gradient(x: Tensor): NamedTensors {
    this.batches.push(Array.from({ length: x.shape[0] }, (_, i) => x.get(i, 0)));
    return { w: zeros([1]) };
  }
  loss(): number {
    return 1;
  }
  accuracy(): number {
    return ++this.accuracyCalls / 100;
  }
}

function indexRows(n: number): Tensor {
  return new Tensor(Float64Array.from({ length: n }, (_, i) => i), [n, 1]);
}

function spyOptions(overrides: Partial<TrainingOptions> = {}): TrainingOptions {
  const n = 1000;
  return {
    network: new SpyNetwork(), optimizer: new SGD({ lr: 0.1 }),
    xTrain: indexRows(n), tTrain: zeros([n]), xTest: indexRows(10), tTest: zeros([10]),
    itersNum: 3, batchSize: 5, rng: Rng.numpy(7), ...overrides,
  };
}

test("mini-batches are numpy's np.random.choice stream, draw for draw", async () => {
  const network = new SpyNetwork();
  await trainNeuralnet(spyOptions({ network }));
  // np.random.seed(7); [np.random.choice(1000, 5) for _ in range(3)]
  assert.deepEqual(network.batches, [[175, 196, 537, 502, 579], [211, 919, 615, 348, 185], [398, 535, 584, 345, 366]]);
  const again = Rng.numpy(7);
  assert.deepEqual(network.batches, [again.choice(1000, 5), again.choice(1000, 5), again.choice(1000, 5)]);
});

test("evaluations every epoch: 17 for 10 000 iterations of 100 from 60 000 rows (i = 0, 600, …, 9600)", async () => {
  const network = new SpyNetwork();
  const progress: number[] = [];
  const result = await trainNeuralnet(spyOptions({
    network, xTrain: indexRows(60000), tTrain: zeros([60000]), itersNum: 10000, batchSize: 100,
    onProgress: async (p) => { progress.push(p.iteration); },
  }));
  assert.equal(result.evaluateEvery, 600);
  assert.equal(result.evaluatedAt.length, 17);
  assert.deepEqual(result.evaluatedAt, Array.from({ length: 17 }, (_, k) => 600 * k));
  assert.deepEqual(progress, result.evaluatedAt);
  assert.equal(result.trainLossList.length, 10000);
  assert.equal(network.accuracyCalls, 34); // train and test at each evaluation
  assert.deepEqual(result.trainAccList.slice(0, 2), [0.01, 0.03]);
  assert.deepEqual(result.testAccList.slice(0, 2), [0.02, 0.04]);
  assert.equal(evaluationCount(10000, 600), 17);
  assert.equal(evaluationCount(600, 600), 1);
  assert.equal(evaluationCount(601, 600), 2);
});

test("an epoch that is not a whole number of batches is rounded up; evaluateEvery overrides it", async () => {
  const r1 = await trainNeuralnet(spyOptions({ itersNum: 10, batchSize: 300 })); // 1000 / 300 → 4
  assert.equal(r1.evaluateEvery, 4);
  assert.deepEqual(r1.evaluatedAt, [0, 4, 8]);
  const r2 = await trainNeuralnet(spyOptions({ itersNum: 7, evaluateEvery: 3 }));
  assert.deepEqual(r2.evaluatedAt, [0, 3, 6]);
  const r3 = await trainNeuralnet(spyOptions({ itersNum: 0 }));
  assert.deepEqual([r3.trainLossList, r3.evaluatedAt], [[], []]);
});

test("the loss falls on a small problem: 3 well-separated clusters, 4-8-3 net", async () => {
  const data = Rng.numpy(3);
  const centres = [[2, 0, 0, 0], [0, 2, 0, 0], [0, 0, 2, 2]];
  const n = 300;
  const x = new Float64Array(n * 4), t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = i % 3;
    for (let j = 0; j < 4; j++) x[i * 4 + j] = centres[i % 3][j] + 0.5 * data.standardNormal();
  }
  const X = new Tensor(x, [n, 4]), T = new Tensor(t, [n]);
  const rng = Rng.numpy(0);
  const network = new TwoLayerNet({ inputSize: 4, hiddenSize: 8, outputSize: 3, rng, weightInitStd: 0.1, hiddenActivation: "relu" });
  const result = await trainNeuralnet({ network, optimizer: new SGD({ lr: 0.5 }), xTrain: X, tTrain: T, xTest: X, tTest: T, itersNum: 300, batchSize: 20, rng });
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const first = result.trainLossList[0], last = mean(result.trainLossList.slice(-10));
  assert.ok(first > 1.0, `first loss ${first}`); // ≈ ln 3 at the start
  assert.ok(last < 0.1, `last losses ${last}`);
  assert.ok(result.testAccList.at(-1)! > 0.95, `accuracy ${result.testAccList.at(-1)}`);
});

/** Momentum written with tensor operations, keeping its velocity as a tensor between updates. */
class TensorMomentum implements Optimizer {
  readonly name = "TensorMomentum";
  private readonly v: Record<string, Tensor> = {};
  update(params: NamedTensors, grads: NamedTensors): void {
    for (const [key, p] of Object.entries(params)) {
      // v ← γv + ηg, θ ← θ − v: the library's Momentum, operation for operation.
      this.v[key] = (this.v[key] ?? zeros(p.shape)).mul(0.9).add(grads[key].mul(0.1));
      p.subScaledInPlace(1, this.v[key]);
    }
  }
}

test("an optimizer written outside the library may keep the tensors it makes: it trains exactly as the library's Momentum", async () => {
  assert.ok(keepsNoTensors(new SGD()) && keepsNoTensors(new Momentum()), "the library's own update where the gradients are");
  assert.ok(!keepsNoTensors(new TensorMomentum()));
  const data = Rng.numpy(5);
  const n = 200;
  const X = new Tensor(data.uniformArray(-1, 1, n * 6), [n, 6]);
  const T = new Tensor(Float64Array.from({ length: n }, (_, i) => i % 3), [n]);
  const train = async (optimizer: Optimizer) => {
    const rng = Rng.numpy(0);
    const network = new TwoLayerNet({ inputSize: 6, hiddenSize: 5, outputSize: 3, rng, weightInitStd: 0.3, hiddenActivation: "relu" });
    await trainNeuralnet({ network, optimizer, xTrain: X, tTrain: T, xTest: X, tTest: T, itersNum: 50, batchSize: 10, rng });
    return Object.fromEntries(Object.entries(network.params).map(([k, p]) => [k, Array.from(p.data)]));
  };
  assert.deepEqual(await train(new TensorMomentum()), await train(new Momentum({ lr: 0.1, momentum: 0.9 })));
  // Sequential.fit the same way.
  const fit = async (optimizer: Optimizer) => {
    const model = mlp({ inputs: 6, hidden: [5], outputs: 3, loss: "categoricalCrossentropy", rng: Rng.numpy(1) });
    await model.fit(X, T, { epochs: 3, batchSize: 7, optimizer, rng: Rng.numpy(2) }); // the last batch shorter: the scratch layout shifts
    return Object.fromEntries(Object.entries(model.params).map(([k, p]) => [k, Array.from(p.data)]));
  };
  assert.deepEqual(await fit(new TensorMomentum()), await fit(new Momentum({ lr: 0.1, momentum: 0.9 })));
});

test("bad options are refused with the problem named", async () => {
  const bad = (overrides: Record<string, unknown>) => trainNeuralnet(spyOptions(overrides as Partial<TrainingOptions>));
  await assert.rejects(bad({ itersNum: 2.5 }), /trainNeuralnet: itersNum must be an integer ≥ 0, got 2\.5/);
  await assert.rejects(bad({ itersNum: -1 }), /itersNum must be an integer ≥ 0, got -1/);
  await assert.rejects(bad({ batchSize: 0 }), /batchSize must be an integer ≥ 1, got 0/);
  await assert.rejects(bad({ evaluateEvery: 0 }), /evaluateEvery must be an integer ≥ 1, got 0/);
  await assert.rejects(bad({ rng: Math.random }), /options\.rng must be an Rng/);
  await assert.rejects(bad({ tTrain: zeros([999]) }), /xTrain \(1000×1\) has 1000 rows but tTrain \(999\) has 999/);
  await assert.rejects(bad({ tTest: zeros([3, 10]) }), /xTest \(10×1\) has 10 rows but tTest \(3×10\) has 3/);
  await assert.rejects(bad({ xTest: zeros([10, 2]) }), /xTrain rows \(1\) and xTest rows \(2\) differ/);
  await assert.rejects(bad({ xTrain: zeros([0, 1]), tTrain: zeros([0]) }), /xTrain must be a non-empty batch of rows, got \(0×1\)/);
  await assert.rejects(bad({ xTrain: [[1]] }), /xTrain must be a Tensor/);
  await assert.rejects(bad({ optimizer: { lr: 0.1 } }), /optimizer must have update\(params, grads\)/);
  await assert.rejects(bad({ network: { params: {}, loss: () => 1, accuracy: () => 1 } }), /network has no gradient\(x, t\) method/);
  await assert.rejects(bad({ onProgress: "yes" }), /onProgress must be a function/);
});

test("a loss that stops being finite stops training with the iteration named", async () => {
  const network = new SpyNetwork();
  let calls = 0;
  network.loss = () => (++calls === 2 ? NaN : 1);
  await assert.rejects(trainNeuralnet(spyOptions({ network })), /trainNeuralnet: iteration 1: the loss on the mini-batch became NaN \(after 2 updates\)/);
});

test("TwoLayerNet's weightInit option: zeros draws nothing, xavier and he are init.ts's, std stays the default", () => {
  const make = (weightInit: "std" | "zeros" | "xavier" | "he", rng = Rng.numpy(0)) =>
    new TwoLayerNet({ inputSize: 6, hiddenSize: 4, outputSize: 3, rng, weightInit });
  const rng = Rng.numpy(0);
  const zero = make("zeros", rng);
  assert.deepEqual([zero.params.W1.abs().max().item(), zero.params.W2.abs().max().item()], [0, 0]);
  assert.equal(rng.random(), Rng.numpy(0).random()); // the stream was not touched
  const ref = Rng.numpy(0);
  const xavier = make("xavier");
  assert.deepEqual(xavier.params.W1.toArray(), initXavier(ref, [6, 4]).toArray());
  assert.deepEqual(xavier.params.W2.toArray(), initXavier(ref, [4, 3]).toArray());
  const ref2 = Rng.numpy(0);
  const he = make("he");
  assert.deepEqual(he.params.W1.toArray(), initHe(ref2, [6, 4]).toArray());
  assert.deepEqual(he.params.W2.toArray(), initHe(ref2, [4, 3]).toArray());
  assert.deepEqual(make("std").params.W1.toArray(), new TwoLayerNet({ inputSize: 6, hiddenSize: 4, outputSize: 3, rng: Rng.numpy(0) }).params.W1.toArray());
  assert.throws(() => new TwoLayerNet({ inputSize: 6, hiddenSize: 4, outputSize: 3, rng: Rng.numpy(0), weightInit: "he", weightInitStd: 0.1 }),
    /TwoLayerNet: weightInitStd must be left out with weightInit "he" \(it applies to "std" only\), got 0.1/);
  assert.throws(() => make("kaiming" as "he"), /TwoLayerNet: weightInit must be one of "zeros", "std", "xavier", "he", got "kaiming"/);
});

// The two MNIST tests share one load (about a second).
const mnist = loadMnist({ kind: "both", normalize: "unit", oneHot: true });

test("post 001's train_neuralnet on MNIST gives numpy's numbers (np.random.seed(0), float64 pixels)", async () => {
  const rng = Rng.numpy(0);
  const network = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng, hiddenActivation: "relu" });
  const result = await trainNeuralnet({
    network, optimizer: new SGD({ lr: 0.1 }), xTrain: mnist.train.X, tTrain: mnist.train.Y!, xTest: mnist.test.X, tTest: mnist.test.Y!,
    itersNum: 5, batchSize: 100, rng,
  });
  // The post's Python (backprop TwoLayerNet, train_neuralnet) run with numpy 1.24.
  const numpyLosses = [2.3012864531517154, 2.301390187212214, 2.3009685621210503, 2.2997009834645814, 2.299787465128937];
  result.trainLossList.forEach((loss, i) => {
    assert.ok(Math.abs(loss - numpyLosses[i]) / numpyLosses[i] < 1e-12, `iteration ${i}: ${loss} vs numpy ${numpyLosses[i]}`);
  });
  assert.deepEqual([result.trainAccList, result.testAccList], [[0.109], [0.1136]]);
});

test("ci: 300 iterations of post 001's training reach more than 85% on the 10 000 test images", async () => {
  const rng = Rng.numpy(0);
  const network = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng, hiddenActivation: "relu" });
  const { train, test: testSet } = mnist;
  await trainNeuralnet({
    network, optimizer: new SGD({ lr: 0.1 }), xTrain: train.X, tTrain: train.Y!, xTest: testSet.X, tTest: testSet.Y!,
    itersNum: 300, batchSize: 100, rng,
  });
  const accuracy = network.accuracy(testSet.X, testSet.Y!);
  assert.ok(accuracy > 0.85, `test accuracy ${accuracy}`);
});

test("post 001's sigmoid run (DLFS ch04): its first 300 iterations are numpy's, loss for loss (test/fixtures/sigmoid-train-neuralnet.json)", async () => {
  const fixture = JSON.parse(readFileSync(join(__dirname, "fixtures", "sigmoid-train-neuralnet.json"), "utf8"));
  const numpy = fixture.runs.float64;
  const { train, test: testSet } = loadMnist({ kind: "both", normalize: "unit", oneHot: true });
  const rng = Rng.numpy(0);
  const network = new TwoLayerNet({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng, weightInitStd: 0.01 });
  assert.equal(network.hiddenActivation, "sigmoid");
  const lines: string[] = [];
  const result = await trainNeuralnet({
    network, optimizer: new SGD({ lr: 0.1 }), xTrain: train.X, tTrain: train.Y!, xTest: testSet.X, tTest: testSet.Y!,
    itersNum: 300, batchSize: 100, rng,
    onProgress: (p) => { lines.push("train acc, test acc | " + p.trainAcc + ", " + p.testAcc); },
  });
  // One evaluation in 300 iterations (i = 0): the first of numpy's 17 lines, character for character.
  assert.deepEqual(lines, numpy.lines.slice(0, 1));
  assert.equal(numpy.lines[0], "train acc, test acc | 0.09915, 0.1009");
  for (const i of [0, 1, 2, 99, 199, 299]) {
    const expected = numpy.loss_at[String(i)];
    const relative = Math.abs(result.trainLossList[i] - expected) / expected;
    assert.ok(relative < 1e-12, `iteration ${i}: ${result.trainLossList[i]} against numpy's ${expected}`);
  }
});
