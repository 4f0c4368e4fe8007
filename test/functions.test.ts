import { test } from "node:test";
import assert from "node:assert/strict";
import { relu, reluGrad, sigmoid, sigmoidGrad, softmax, softmaxNaive, step, tanh, tanhGrad } from "../lib/src/activations";
import { crossEntropyError, sumSquaresError } from "../lib/src/losses";
import { linspace, tensor } from "../lib/src/tensor";

test("activation values by hand", () => {
  assert.deepEqual(step(tensor([-1, 0, 2])).toArray(), [0, 0, 1]);
  assert.deepEqual(sigmoid(tensor([0])).toArray(), [0.5]);
  assert.equal(sigmoid(tensor([1.05])).item().toFixed(4), "0.7408"); // post 004's first hidden node
  assert.equal(sigmoid(tensor([0.6])).item().toFixed(4), "0.6457"); // the slide prints 0.3645
  assert.deepEqual(relu(tensor([-3, 0, 2.5])).toArray(), [0, 0, 2.5]);
  assert.deepEqual(tanh(tensor([0])).toArray(), [0]);
});

test("derivatives agree with central differences", () => {
  const h = 1e-5;
  const xs = linspace(-4, 4, 17).add(0.01); // avoid ReLU's kink at 0
  for (const [f, df] of [[sigmoid, sigmoidGrad], [tanh, tanhGrad], [relu, reluGrad]] as const) {
    const numeric = f(xs.add(h)).sub(f(xs.sub(h))).div(2 * h);
    const analytic = df(xs);
    for (let i = 0; i < xs.size; i++) assert.ok(Math.abs(numeric.data[i] - analytic.data[i]) < 1e-8, `${f.name} at ${xs.data[i]}`);
  }
});

test("softmax is stable at ±1000, sums to 1 per row; the naive form gives NaN", () => {
  const big = tensor([1010, 1000, 990]);
  assert.ok(softmaxNaive(big).toArray().toString().includes("NaN"));
  const s = softmax(big);
  assert.ok(Math.abs(s.sum().item() - 1) < 1e-15);
  assert.ok(s.data.every(Number.isFinite));
  const rows = softmax(tensor([[1000, -1000], [0.3, 2.9]]));
  assert.deepEqual((rows.sum(1).toArray() as number[]).map((v) => Math.round(v * 1e12) / 1e12), [1, 1]);
  assert.throws(() => softmax(tensor([[[1]]])), /needs a vector or a matrix of rows, got \(1×1×1\)/);
});

const t = tensor([0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
const yGood = tensor([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]);
const yBad = tensor([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]);

test("post 003's four printed values, to the last digit", () => {
  assert.equal(sumSquaresError(yGood, t), 0.09750000000000003);
  assert.equal(sumSquaresError(yBad, t), 0.5975);
  assert.equal(crossEntropyError(yGood, t), 0.510825457099338);
  assert.equal(crossEntropyError(yBad, t), 2.302584092994546);
});

test("batch cross-entropy: one-hot and label targets agree", () => {
  const y = tensor([[0.1, 0.7, 0.2], [0.3, 0.3, 0.4]]);
  const oneHot = tensor([[0, 1, 0], [0, 0, 1]]);
  const labels = tensor([1, 2]);
  const expected = -(Math.log(0.7 + 1e-7) + Math.log(0.4 + 1e-7)) / 2;
  assert.equal(crossEntropyError(y, oneHot), expected);
  assert.equal(crossEntropyError(y, labels), expected);
  assert.ok(Number.isFinite(crossEntropyError(tensor([0, 1]), tensor([1, 0])))); // the 1e-7 guard
});

test("bad input: shapes, probabilities, labels, empty batches", () => {
  assert.throws(() => sumSquaresError(yGood, tensor([1, 0])), /sumSquaresError: t must be of y's shape \(10\), got \(2\)/);
  assert.throws(() => crossEntropyError(tensor([[0.5, 0.5]]), tensor([1, 0, 0])), /t \(3\) is neither one-hot like y \(1×2\) nor one label per row \(1\)/);
  assert.throws(() => crossEntropyError(tensor([1.5, -0.5]), tensor([1, 0])), /y\[0\] = 1.5 is not a probability/);
  assert.throws(() => crossEntropyError(tensor([0.5, NaN]), tensor([1, 0])), /y\[1\] = NaN is not a probability/);
  assert.throws(() => crossEntropyError(tensor([[0.5, 0.5]]), tensor([2])), /label 2 of row 0 is not a class in 0..1/);
  assert.throws(() => crossEntropyError(tensor([[0.5, 0.5]]), tensor([[0.5, 0.5]])), /row 0 of t is not one-hot/);
  assert.throws(() => crossEntropyError(tensor([]).reshape(0, 3), tensor([])), /empty batch \(0×3\)/);
  assert.throws(() => sumSquaresError(tensor([]), tensor([])), /empty input/);
});

test("DLFS §3.4's three-layer forward pass with biases gives numpy's digits, a1[0] = 0.30000000000000004 included", () => {
  const sig = (t: ReturnType<typeof tensor>) => sigmoid(t);
  const x = tensor([1.0, 0.5]);
  const a1 = x.dot(tensor([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]])).add(tensor([0.1, 0.2, 0.3]));
  // numpy 1.24: repr of each element of np.dot(x, W1) + b1, and so on
  assert.deepEqual(Array.from(a1.data), [0.30000000000000004, 0.7, 1.1]);
  const a2 = sig(a1).dot(tensor([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]])).add(tensor([0.1, 0.2]));
  // numpy prints z1[1] = 0.668187772168166 and a2[1] = 1.214026956165817: its vectorised exp(−0.7) is one unit in the
  // last place above the C library's (Python's math.exp, V8's Math.exp); y agrees again to the last bit.
  assert.deepEqual(Array.from(sig(a1).data), [0.574442516811659, 0.6681877721681662, 0.7502601055951177]);
  assert.deepEqual(Array.from(a2.data), [0.5161598377933344, 1.2140269561658172]);
  const y = sig(a2).dot(tensor([[0.1, 0.3], [0.2, 0.4]])).add(tensor([0.1, 0.2]));
  assert.deepEqual(Array.from(y.data), [0.3168270764110298, 0.6962790898619668]);
  assert.equal(String(0.1 + 0.2), "0.30000000000000004");
});
