// Bad input, as a new user gives it: each case must end in an error that names the
// problem (the function, the argument, what was expected, what came), never in a
// silently wrong answer, a NaN or a crash deep inside.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadArrays, readIdxHeader, saveArrays } from "../lib/src/data";
import { sumSquaresError } from "../lib/src/losses";
import { AdalineGD } from "../lib/src/models/adaline";
import { TwoLayerNet } from "../lib/src/models/two-layer-net";
import { SGD } from "../lib/src/optimizers";
import { Rng } from "../lib/src/random";
import { arange, matmul, MAX_TENSOR_VALUES, oneHot, softmaxRows, tensor, zeros } from "../lib/src/tensor";
import { trainNeuralnet } from "../lib/src/training";

const folder = mkdtempSync(join(tmpdir(), "nnts-bad-input-"));
process.on("exit", () => rmSync(folder, { recursive: true, force: true }));

const m = arange(12).reshape(4, 3);
const xy = tensor([[1, 2], [2, 1], [3, 3], [0, 1]]);
const targets = [1, -1, 1, -1];
const fitted = new AdalineGD({ nIter: 2 }).fit(xy, targets);
const net = () => new TwoLayerNet({ inputSize: 3, hiddenSize: 2, outputSize: 2, rng: Rng.numpy(0) });
const archive = join(folder, "a.nnz");
saveArrays(archive, { x: tensor([1, 2]) });

/** [what a user did, the call, the error it must give] */
const cases: [string, () => unknown, RegExp][] = [
  ["sliceRows with half indices", () => m.sliceRows(0.5, 2.5), /sliceRows: start must be an integer \(or ±Infinity\), got 0\.5/],
  ["sliceRows with a NaN end", () => m.sliceRows(0, NaN), /sliceRows: end must be an integer \(or ±Infinity\), got NaN/],
  ["col(1.5)", () => m.col(1.5), /col: j must be an integer in -3\.\.2, got 1\.5/],
  ["col(NaN)", () => m.col(NaN), /col: j must be an integer in -3\.\.2, got NaN/],
  ["col past the end", () => m.col(3), /col: j must be an integer in -3\.\.2, got 3/],
  ["row(2.5)", () => m.row(2.5), /row: i must be an integer in -4\.\.3, got 2\.5/],
  ["get with a fractional index", () => m.get(1, 0.5), /get: index 1 must be an integer in -3\.\.2, got 0\.5/],
  ["set past the end", () => m.copy().set(1, 4, 0), /set: index 0 must be an integer in -4\.\.3, got 4/],
  ["take with a fractional row", () => m.take([0, 1.5]), /take: indices\[1\] must be a row index in -4\.\.3, got 1\.5/],
  ["take past the end", () => m.take([-5]), /take: indices\[0\] must be a row index in -4\.\.3, got -5/],
  ["softmaxRows of a scalar", () => softmaxRows(tensor(3)), /softmaxRows: x must be a tensor of rows \(1-d or more\), got a scalar/],
  ["a product of 1.4·10⁸ values, refused before the product", () => matmul(zeros([12000, 1]), zeros([1, 12000])), /matmul: shape must be at most 134217728 values/],
  ["a broadcast of 1.4·10⁸ values", () => zeros([12000, 1]).add(zeros([12000])), /add: shape must be at most 134217728 values/],
  ["reshape to a fractional size", () => arange(6).reshape(2.5, 2), /reshape: size 0 must be an integer ≥ 0, or -1 to infer it, got 2\.5/],
  ["a tensor of 10⁹ values", () => zeros([1e9]), new RegExp(`full: shape must be at most ${MAX_TENSOR_VALUES} values \\(MAX_TENSOR_VALUES, 1 GiB\\), got \\(1000000000\\), 1000000000 values`)],
  ["loadArrays with a dtype option", () => (loadArrays as (p: string, o: object) => unknown)(archive, { dtype: "float32" }), /loadArrays: takes only the path/],
  ["loadArrays on a folder", () => loadArrays(folder), /is a directory, expected a file written by saveArrays/],
  ["readIdxHeader on a folder", () => readIdxHeader(folder), /is not a file \(a directory\?\), expected an IDX file/],
  ["AdalineGD.fit with NaN in X", () => new AdalineGD().fit(tensor([[1, NaN], [0, 1]]), [1, -1]), /X\[0\]\[1\] = NaN is not a finite number/],
  ["AdalineGD.predict with NaN in X", () => fitted.predict(tensor([[1, 2], [NaN, 0]])), /AdalineGD\.netInput: X\[1\]\[0\] must be a finite number, got NaN/],
  ["sumSquaresError with NaN in y", () => sumSquaresError(tensor([0.5, NaN]), tensor([1, 0])), /sumSquaresError: y\[1\] must be a finite number, got NaN/],
  ["accuracy with soft targets", () => net().accuracy(m, tensor([[0.3, 0.7], [1, 0], [0, 1], [1, 0]])), /TwoLayerNet\.accuracy: t\[0\]\[0\] must be 0 or 1 \(one-hot rows\), got 0\.3/],
  ["accuracy with a NaN label", () => net().accuracy(m, tensor([0, NaN, 1, 0])), /TwoLayerNet\.accuracy: t\[1\] must be a class label in 0\.\.1, got NaN/],
  ["accuracy with a fractional label", () => net().accuracy(m, tensor([0, 0.5, 1, 0])), /TwoLayerNet\.accuracy: t\[1\] must be a class label in 0\.\.1, got 0\.5/],
];

for (const [what, call, message] of cases) {
  test(`bad input: ${what}`, () => assert.throws(call, message));
}

test("valid input numpy accepts is accepted: negative take indices, infinite slice bounds", () => {
  assert.deepEqual(m.take([-1, 0]).toArray(), [[9, 10, 11], [0, 1, 2]]);
  assert.deepEqual(m.sliceRows(-Infinity, Infinity).toArray(), m.toArray());
  assert.deepEqual(m.sliceRows(2, Infinity).shape, [2, 3]);
});

test("argmax takes the first NaN as numpy does (a documented behaviour, not an error)", () => {
  assert.equal(tensor([1, NaN, 3, NaN]).argmax().item(), 1);
  assert.deepEqual(tensor([[1, 5, NaN], [2, 0, 1]]).argmax(1).toArray(), [2, 0]);
  assert.deepEqual(tensor([[NaN, 5], [2, 0]]).argmax(0).toArray(), [0, 0]);
});

test("a NaN row in the training data is named (row and column) before the first iteration", async () => {
  const x = tensor([[1, 2, 3], [4, 5, 6], [7, NaN, 9], [1, 1, 1]]);
  const t = oneHot([0, 1, 0, 1], 2);
  await assert.rejects(trainNeuralnet({
    network: net(), optimizer: new SGD({ lr: 0.1 }), xTrain: x, tTrain: t, xTest: x.sliceRows(0, 2), tTest: t.sliceRows(0, 2),
    itersNum: 3, batchSize: 2, rng: Rng.numpy(0),
  }), /trainNeuralnet: row 2 of xTrain holds NaN \(at column 1\); the data must be finite before training starts/);
});

test("a training run that diverges names the iteration and the parameter that broke", async () => {
  const x = tensor([[1e150, 2e150, 3e150], [4e150, 5e150, 6e150]]);
  const t = oneHot([0, 1], 2);
  const reluNet = new TwoLayerNet({ inputSize: 3, hiddenSize: 2, outputSize: 2, rng: Rng.numpy(0), hiddenActivation: "relu" });
  await assert.rejects(trainNeuralnet({
    network: reluNet, optimizer: new SGD({ lr: 1e300 }), xTrain: x, tTrain: t, xTest: x, tTest: t,
    itersNum: 5, batchSize: 2, rng: Rng.numpy(0),
  }), /trainNeuralnet: iteration \d+: .*(W1|b1|W2|b2).*; is the learning rate too large\?/);
});
