import { test } from "node:test";
import assert from "node:assert/strict";
import { SoftmaxRegression, SoftmaxParams, SoftmaxRegressionOptions } from "../lib/src/models/softmax-regression";
import { linspace, tensor, Tensor } from "../lib/src/tensor";

// Post 001's toy table: (x1, x2) → class 0, 2 or 3.
const X = tensor([[2, 3], [3, 1], [4, 2], [5, 4], [5, 6], [4, 6], [9, 3], [7, 5], [1, 6]]);
const y = [0, 0, 0, 2, 3, 2, 2, 3, 0];

test("softmax regression and a one-hidden-layer net both learn the toy table (accuracy 1)", () => {
  const setups: SoftmaxRegressionOptions[] = [{}, { hiddenSize: 8 }, { hiddenSize: 8, activation: "relu" }, { hiddenSize: 6, activation: "tanh" }];
  for (const options of setups) {
    const model = new SoftmaxRegression(options).fit(X, y);
    assert.deepEqual(model.classes, [0, 2, 3]);
    assert.deepEqual(model.predict(X), y, JSON.stringify(options));
    assert.equal(model.accuracy(X, y), 1);
    assert.equal(model.lossHistory.length, 1000);
    assert.ok(model.lossHistory[0] > 1 && model.lossHistory.at(-1)! < 0.15, `${JSON.stringify(options)}: loss ${model.lossHistory[0]} → ${model.lossHistory.at(-1)}`);
  }
});

test("the first loss of a zero-initialised net is ln 3 (with the loss's 1e-7 guard): all three classes equally likely", () => {
  const model = new SoftmaxRegression({ weightInit: "zeros", epochs: 1 }).fit(X, y);
  assert.equal(model.lossHistory[0], -Math.log(1 / 3 + 1e-7));
  assert.ok(Math.abs(model.lossHistory[0] - Math.log(3)) < 1e-6);
});

test("the new point (5, 7) is class 3, and every row of probabilities sums to 1", () => {
  const model = new SoftmaxRegression({ hiddenSize: 8 }).fit(X, y);
  const p = model.predictProba(tensor([[5, 7]]));
  assert.deepEqual(p.shape, [1, 3]);
  assert.deepEqual(model.predict(tensor([[5, 7]])), [3]);
  assert.ok(p.get(0, 2) > 0.9, p.toString());
  // a grid over the plane, far outside the data too
  const g = linspace(-20, 30, 11).data;
  const grid = tensor(Array.from(g).flatMap((a) => Array.from(g, (b) => [a, b])));
  const probs = model.predictProba(grid);
  assert.deepEqual(probs.shape, [121, 3]);
  for (const s of probs.sum(1).data) assert.ok(Math.abs(s - 1) < 1e-12, `row sum ${s}`);
  assert.ok(probs.data.every((v) => v >= 0 && v <= 1));
});

test("same seed, same weights and probabilities; another seed, other weights", () => {
  const a = new SoftmaxRegression({ hiddenSize: 5, seed: 3 }).fit(X, y);
  const b = new SoftmaxRegression({ hiddenSize: 5, seed: 3 }).fit(X, y);
  const c = new SoftmaxRegression({ hiddenSize: 5, seed: 4 }).fit(X, y);
  assert.deepEqual(a.params!.W1.data, b.params!.W1.data);
  assert.deepEqual(a.predictProba(X).data, b.predictProba(X).data);
  assert.deepEqual(a.lossHistory, b.lossHistory);
  assert.ok(!a.params!.W1.allClose(c.params!.W1));
  // fit starts again from the seed: refitting gives the same model
  assert.deepEqual(a.fit(X, y).params!.W2!.data, b.params!.W2!.data);
});

/** Central differences of the loss with respect to every parameter. */
function numericalGradients(model: SoftmaxRegression, h = 1e-6): SoftmaxParams {
  const out: Record<string, Tensor> = {};
  for (const [name, p] of Object.entries(model.params!) as [string, Tensor][]) {
    out[name] = p.map((_, i) => {
      const keep = p.data[i];
      p.data[i] = keep + h;
      const plus = model.gradients(X, y).loss;
      p.data[i] = keep - h;
      const minus = model.gradients(X, y).loss;
      p.data[i] = keep;
      return (plus - minus) / (2 * h);
    });
  }
  return out as unknown as SoftmaxParams;
}

test("the analytic gradients agree with central differences", () => {
  const setups: SoftmaxRegressionOptions[] = [{}, { hiddenSize: 4 }, { hiddenSize: 4, activation: "tanh" }, { hiddenSize: 4, activation: "relu", seed: 5 }];
  for (const options of setups) {
    const model = new SoftmaxRegression({ ...options, epochs: 20 }).fit(X, y); // away from the symmetric start
    const { grads } = model.gradients(X, y);
    const numeric = numericalGradients(model);
    const names = options.hiddenSize ? ["W1", "b1", "W2", "b2"] : ["W1", "b1"];
    assert.deepEqual(Object.keys(grads).sort(), [...names].sort());
    for (const name of names as (keyof SoftmaxParams)[]) {
      assert.ok(grads[name]!.allClose(numeric[name]!, 1e-5, 1e-8), `${JSON.stringify(options)} ${name}: ${grads[name]} vs ${numeric[name]}`);
    }
  }
});

test("all-zero weights keep every hidden unit identical however long it trains", () => {
  const model = new SoftmaxRegression({ hiddenSize: 4, weightInit: "zeros", epochs: 500 }).fit(X, y);
  const { W1, W2 } = model.params!;
  for (let j = 1; j < 4; j++) {
    assert.deepEqual(W1.col(j).data, W1.col(0).data, `W1 column ${j}`);
    assert.deepEqual(W2!.row(j).data, W2!.row(0).data, `W2 row ${j}`);
  }
  assert.ok(model.accuracy(X, y) < 1);
});

test("bad input is refused with the reason", () => {
  const model = new SoftmaxRegression();
  assert.throws(() => model.predictProba(X), /predictProba: the model is not fitted yet; call fit\(X, y\) first/);
  assert.throws(() => model.fit(X, y.slice(1)), /fit: y has 8 labels but X has 9 rows/);
  assert.throws(() => model.fit(X, [0, 0, 0, 2, 3, 2, 2, 3, 0.5]), /fit: label 0.5 at index 8 is not an integer class label/);
  assert.throws(() => model.fit(X, new Array(9).fill(1)), /fit: needs at least 2 classes to tell apart, got only 1/);
  assert.throws(() => model.fit(tensor([1, 2, 3]), [0, 1, 0]), /fit: X must be a non-empty matrix N×D, got shape \(3\)/);
  assert.throws(() => model.fit(tensor([[1, 2], [NaN, 0]]), [0, 1]), /fit: X\[1\]\[0\] = NaN is not a finite number/);
  assert.throws(() => model.fit(X, tensor([y])), /fit: y must be a vector of labels, got shape \(1×9\)/);
  model.fit(X, y);
  assert.throws(() => model.predict(tensor([[1, 2, 3]])), /predictProba: X has shape \(1×3\), but the model was fitted on 2 features \(N×2\)/);
  assert.throws(() => model.gradients(X, [0, 0, 0, 2, 3, 2, 2, 3, 1]), /gradients: label 1 at index 8 is not one of the fitted classes 0, 2, 3/);
  assert.throws(() => model.accuracy(X, [0, 1]), /accuracy: y has 2 labels but X has 9 rows/);
  assert.throws(() => new SoftmaxRegression({ hiddenSize: -1 }), /hiddenSize must be an integer ≥ 0, got -1/);
  assert.throws(() => new SoftmaxRegression({ learningRate: 0 }), /learningRate must be a finite number > 0, got 0/);
  assert.throws(() => new SoftmaxRegression({ epochs: 1.5 }), /epochs must be an integer ≥ 0, got 1.5/);
  assert.throws(() => new SoftmaxRegression({ seed: -1 }), /seed must be an integer in \[0, 2\^32 − 1\], got -1/);
  assert.throws(() => new SoftmaxRegression({ activation: "swish" as "relu" }), /SoftmaxRegression: activation must be one of "sigmoid", "relu", "tanh", got "swish"/);
  assert.throws(() => new SoftmaxRegression({ weightInit: "glorot" as "he" }), /SoftmaxRegression: weightInit must be one of "zeros", "std", "xavier", "he", got "glorot"/);
  assert.throws(() => new SoftmaxRegression({ learningRate: 1e308, standardize: false }).fit(X.mul(1e10), y), /fit: (W1|b1|W2|b2) stopped being finite at epoch \d+; lower the learningRate \(1e\+308\)/);
});
